import { DATA_REQUEST_KINDS, type DataRequestCreate, DataRequestCreateSchema } from '@bancada/shared';
import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { downloadMyData, type ExportFormat, useCreateDataRequest, useMyDataRequests } from './api';
import { DATA_REQUEST_COLORS } from './display';
import { PortalSection, SectionStatus } from './sections';

/** Privacy (LGPD art. 18): the policy, all my data as a file, correction and deletion requests. */
export function PortalPrivacy() {
  const { t } = useTranslation();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  const download = async (format: ExportFormat) => {
    setExporting(format);
    try {
      await downloadMyData(format);
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(null);
    }
  };

  return (
    <PortalSection id="portal-privacy" title={t('portal.privacy.title')}>
      <Text size="sm">{t('portal.privacy.intro')}</Text>
      <Anchor href="/privacy" target="_blank" rel="noopener" size="sm">
        <Group gap={4} component="span">
          {t('portal.privacy.policy')}
          <IconExternalLink size={14} aria-hidden />
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('portal.privacy.exportTitle')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('portal.privacy.exportText')}
        </Text>
        <Group gap="xs" grow>
          {(['json', 'csv'] as const).map((format) => (
            <Button
              key={format}
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={exporting === format}
              disabled={exporting !== null && exporting !== format}
              onClick={() => void download(format)}
            >
              {t(`portal.privacy.export.${format}`)}
            </Button>
          ))}
        </Group>
      </Stack>
      <DataRequests />
    </PortalSection>
  );
}

function DataRequests() {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useMyDataRequests();
  const create = useCreateDataRequest();
  const form = useForm<{ kind: DataRequestCreate['kind']; message: string }>({
    initialValues: { kind: 'CORRECTION', message: '' },
    validate: zodResolver(DataRequestCreateSchema),
  });
  const submit = form.onSubmit((values) => {
    create.mutate(values, {
      onSuccess: () => {
        notifySuccess(t('portal.privacy.requestSent'));
        form.reset();
      },
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) notifyError(error);
      },
    });
  });

  return (
    <Stack gap="sm">
      <Text size="sm" fw={600}>
        {t('portal.privacy.requestsTitle')}
      </Text>
      <SectionStatus query={requests} rows={2} />
      {requests.data && requests.data.items.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('portal.privacy.requestsEmpty')}
        </Text>
      ) : null}
      {requests.data?.items.map((request) => (
        <Paper key={request.id} withBorder radius="md" p="sm">
          <Group justify="space-between" gap="xs">
            <Text size="sm" fw={600}>
              {t(`portal.privacy.kinds.${request.kind}`)}
            </Text>
            <Badge variant="light" color={DATA_REQUEST_COLORS[request.status]}>
              {t(`portal.privacy.statuses.${request.status}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('portal.privacy.requestedOn', { date: format.dateTime(request.createdAt) })}
          </Text>
          {request.message ? (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {request.message}
            </Text>
          ) : null}
          {request.answer ? (
            <Text size="sm" mt={4} c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {t('portal.privacy.answer', { answer: request.answer })}
            </Text>
          ) : null}
        </Paper>
      ))}
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <SegmentedControl
            fullWidth
            aria-label={t('portal.privacy.kind')}
            data={DATA_REQUEST_KINDS.map((kind) => ({
              value: kind,
              label: t(`portal.privacy.kinds.${kind}`),
            }))}
            {...form.getInputProps('kind')}
          />
          <Text size="xs" c="dimmed">
            {t(`portal.privacy.kindHints.${form.values.kind}`)}
          </Text>
          <Textarea
            label={t('portal.privacy.message')}
            autosize
            minRows={3}
            maxLength={5000}
            {...form.getInputProps('message')}
          />
          <Button
            type="submit"
            variant="light"
            color={form.values.kind === 'DELETION' ? 'red' : undefined}
            loading={create.isPending}
          >
            {t('portal.privacy.send')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
