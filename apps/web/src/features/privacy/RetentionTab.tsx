import type { RetentionPreview, RetentionSettings } from '@bancada/shared';
import {
  Alert,
  Button,
  Card,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconEye, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { usePreviewRetention, useRetention, useRunRetention, useSaveRetention } from './api';

const YEAR_CHOICES = [1, 2, 3, 5, 10, 15, 20];

function YearsSelect({
  label,
  help,
  value,
  onChange,
}: {
  label: string;
  help: string;
  value: number | null;
  onChange: (value: number | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      description={help}
      data={[
        { value: '', label: t('privacy.retention.never') },
        ...YEAR_CHOICES.map((n) => ({ value: String(n), label: t('privacy.retention.years', { count: n }) })),
      ]}
      value={value === null ? '' : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      allowDeselect={false}
    />
  );
}

function PreviewResult({ preview }: { preview: RetentionPreview }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('privacy.retention.previewTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Stack gap={4}>
            <Text fw={600}>{t('privacy.retention.customersCount', { count: preview.customers.count })}</Text>
            {preview.customers.cutoff ? (
              <Text size="xs" c="dimmed">
                {t('privacy.retention.cutoff', { date: format.date(preview.customers.cutoff) })}
              </Text>
            ) : null}
            {preview.customers.blocked > 0 ? (
              <Text size="sm" c="orange">
                {t('privacy.retention.blocked', { count: preview.customers.blocked })}
              </Text>
            ) : null}
            {preview.customers.sample.length ? (
              <Table fz="sm" verticalSpacing={4}>
                <Table.Tbody>
                  {preview.customers.sample.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td c="dimmed" ta="right">
                        {format.date(c.lastActivityAt)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
          </Stack>
          <Stack gap={4}>
            <Text fw={600}>{t('privacy.retention.photosCount', { count: preview.photos.count })}</Text>
            {preview.photos.cutoff ? (
              <Text size="xs" c="dimmed">
                {t('privacy.retention.cutoff', { date: format.date(preview.photos.cutoff) })}
              </Text>
            ) : null}
            {preview.photos.sample.length ? (
              <List size="sm" spacing={2}>
                {preview.photos.sample.map((p) => (
                  <List.Item key={p.id}>
                    {p.fileName} · {format.date(p.createdAt)}
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Stack>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

function LastRun({ settings }: { settings: RetentionSettings }) {
  const { t } = useTranslation();
  const format = useFormat();
  const run = settings.lastRun;
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {t('privacy.retention.lastRunTitle')}
      </Title>
      {run ? (
        <>
          <Text size="sm">
            {format.dateTime(run.startedAt)} · {t(`privacy.retention.trigger.${run.trigger}`)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('privacy.retention.lastRunSummary', {
              anonymised: run.customersAnonymised,
              skipped: run.customersSkipped,
              photos: run.photosPurged,
            })}
          </Text>
          {run.error ? (
            <Text size="sm" c="red">
              {t('privacy.retention.lastRunError', { error: run.error })}
            </Text>
          ) : null}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('privacy.retention.lastRunNever')}
        </Text>
      )}
    </Stack>
  );
}

function RetentionForm({ settings, etag }: { settings: RetentionSettings; etag: string | null }) {
  const { t } = useTranslation();
  const [anonymise, setAnonymise] = useState(settings.anonymiseInactiveAfterYears);
  const [photos, setPhotos] = useState(settings.purgePhotosAfterYears);
  const save = useSaveRetention();
  const preview = usePreviewRetention();
  const run = useRunRetention();
  const body = { anonymiseInactiveAfterYears: anonymise, purgePhotosAfterYears: photos };
  const changed =
    anonymise !== settings.anonymiseInactiveAfterYears || photos !== settings.purgePhotosAfterYears;

  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('privacy.retention.settingsTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <YearsSelect
              label={t('privacy.retention.anonymiseLabel')}
              help={t('privacy.retention.anonymiseHelp')}
              value={anonymise}
              onChange={setAnonymise}
            />
            <YearsSelect
              label={t('privacy.retention.photosLabel')}
              help={t('privacy.retention.photosHelp')}
              value={photos}
              onChange={setPhotos}
            />
          </SimpleGrid>
          <Group gap="xs" justify="flex-end" wrap="wrap">
            <Button
              variant="default"
              leftSection={<IconEye size={16} aria-hidden />}
              loading={preview.isPending}
              onClick={() => preview.mutate(body, { onError: notifyError })}
            >
              {t('privacy.retention.preview')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconPlayerPlay size={16} aria-hidden />}
              loading={run.isPending}
              disabled={changed}
              onClick={() =>
                run.mutate(undefined, {
                  onSuccess: (result) => {
                    preview.reset();
                    notifySuccess(
                      t('privacy.retention.ran', {
                        anonymised: result.customersAnonymised,
                        photos: result.photosPurged,
                      }),
                    );
                  },
                  onError: notifyError,
                })
              }
            >
              {t('privacy.retention.runNow')}
            </Button>
            <Button
              loading={save.isPending}
              disabled={!changed}
              onClick={() =>
                save.mutate(
                  { etag, body },
                  { onSuccess: () => notifySuccess(t('privacy.retention.saved')), onError: notifyError },
                )
              }
            >
              {t('privacy.retention.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {preview.data ? <PreviewResult preview={preview.data} /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder radius="md" padding="md">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('privacy.retention.fixedTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('privacy.retention.fixedHelp')}
            </Text>
            <Table fz="sm" verticalSpacing={6}>
              <Table.Tbody>
                {settings.fixed.map((f) => (
                  <Table.Tr key={f.record}>
                    <Table.Td>{t(`privacy.retention.records.${f.record}`)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {t('privacy.retention.recordYears', { count: f.years })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="md">
          <LastRun settings={settings} />
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

/** Retention settings with the dry run, the periods the law fixes, and the daily job's last run. */
export function RetentionTab() {
  const retention = useRetention();
  return (
    <>
      <QueryStatus query={retention} />
      {retention.data ? (
        <RetentionForm
          key={retention.data.data.version}
          settings={retention.data.data}
          etag={retention.data.etag}
        />
      ) : null}
      {retention.isError ? <Alert color="red">{String(retention.error)}</Alert> : null}
    </>
  );
}
