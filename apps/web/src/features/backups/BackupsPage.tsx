import type { Backup, BackupStatus, BackupTrigger } from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  type MantineColor,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCloudUpload,
  IconDatabaseExport,
  IconDownload,
  IconKey,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { sectionTitle } from '../../app/section-words';
import { downloadBackup, useBackups, useStartBackup } from './api';
import { formatBytes } from './size';

const STATUS_COLORS: Record<BackupStatus, MantineColor> = {
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
};

function StatusBadge({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  const badge = (
    <Badge color={STATUS_COLORS[backup.status]} variant="dot" style={{ minWidth: 'max-content' }}>
      {t(`backups.statuses.${backup.status}`)}
    </Badge>
  );
  return backup.error ? (
    <Tooltip label={backup.error} multiline w={320} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

function TriggerText({ trigger }: { trigger: BackupTrigger }) {
  const { t } = useTranslation();
  return <Text size="sm">{t(`backups.triggers.${trigger}`)}</Text>;
}

/** The running backup's bar: its phase and share, polled with the list. */
function RunningBackup({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" mb="md" aria-live="polite">
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Text fw={600} size="sm">
          {t('backups.running')} {t(`backups.phases.${backup.phase}`)}
        </Text>
        <Text size="sm" c="dimmed">
          {backup.progress}%
        </Text>
      </Group>
      <Progress
        value={Math.max(backup.progress, 3)}
        animated
        striped
        size="lg"
        aria-label={t('backups.progressLabel', { progress: backup.progress })}
      />
    </Paper>
  );
}

function DownloadButton({ backup, compact }: { backup: Backup; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  if (!backup.downloadable) {
    return (
      <Text size="xs" c="dimmed">
        {backup.removedAt
          ? t('backups.removed')
          : backup.status === 'running'
            ? ''
            : t('backups.notDownloadable')}
      </Text>
    );
  }
  return (
    <Button
      size="xs"
      variant={compact ? 'light' : 'subtle'}
      leftSection={<IconDownload size={14} aria-hidden />}
      loading={busy}
      aria-label={t('backups.downloadOf', { date: format.dateTime(backup.startedAt) })}
      onClick={() => {
        setBusy(true);
        downloadBackup(backup)
          .catch(notifyError)
          .finally(() => setBusy(false));
      }}
    >
      {t('backups.download')}
    </Button>
  );
}

/** Tells once when the backup started from this page ends, whichever way. */
function useFinishedNotice(items: Backup[] | undefined, watching: string | null, done: () => void) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (!watching || !items) return;
    const backup = items.find((b) => b.id === watching);
    if (!backup || backup.status === 'running') return;
    if (backup.status === 'succeeded') {
      notifySuccess(t('backups.finished', { size: formatBytes(backup.sizeBytes ?? 0, i18n.language) }));
    } else {
      notifyError(new Error(t('backups.failedNotice', { error: backup.error ?? '' })));
    }
    done();
  }, [items, watching, done, t, i18n.language]);
}

export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const backups = useBackups();
  const start = useStartBackup();
  const [watching, setWatching] = useState<string | null>(null);
  const items = backups.data?.items;
  const running = items?.find((backup) => backup.status === 'running');
  useFinishedNotice(items, watching, () => setWatching(null));
  const size = (backup: Backup) =>
    backup.sizeBytes === null ? '—' : formatBytes(backup.sizeBytes, i18n.resolvedLanguage ?? i18n.language);

  const actions = (
    <Button
      leftSection={<IconDatabaseExport size={18} aria-hidden />}
      loading={start.isPending}
      disabled={Boolean(running) || !backups.data}
      onClick={() =>
        start.mutate(undefined, {
          onSuccess: (backup) => {
            setWatching(backup.id);
            notifySuccess(t('backups.started'));
          },
          onError: notifyError,
        })
      }
    >
      {t('backups.backUpNow')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={sectionTitle(t, 'backups')}
        description={t('backups.description')}
        actions={actions}
      />
      <QueryStatus query={backups} />
      {backups.data ? (
        <Stack gap="md">
          <Alert variant="light" color="gray" icon={<IconCloudUpload aria-hidden />}>
            <Stack gap={4}>
              <Text size="sm">
                {t('backups.scheduleInfo', {
                  time: backups.data.schedule.time,
                  timeZone: backups.data.schedule.timeZone,
                  next: format.dateTime(backups.data.schedule.nextRunAt),
                  ...backups.data.retention,
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {t(`backups.destinations.${backups.data.destination}`)}
              </Text>
            </Stack>
          </Alert>
          <Alert variant="light" color="yellow" icon={<IconKey aria-hidden />}>
            <Text size="sm">{t('backups.keyWarning')}</Text>
          </Alert>
          {running ? <RunningBackup backup={running} /> : null}
          {backups.data.items.length === 0 ? (
            <Empty
              icon={<IconDatabaseExport size={28} aria-hidden />}
              title={t('backups.emptyTitle')}
              description={t('backups.emptyHint', {
                time: backups.data.schedule.time,
                timeZone: backups.data.schedule.timeZone,
              })}
            />
          ) : (
            <>
              <Paper withBorder radius="md" visibleFrom="sm">
                <Table.ScrollContainer minWidth={640}>
                  <Table verticalSpacing="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('backups.fields.startedAt')}</Table.Th>
                        <Table.Th>{t('backups.fields.trigger')}</Table.Th>
                        <Table.Th style={{ textAlign: 'right' }}>{t('backups.fields.size')}</Table.Th>
                        <Table.Th>{t('backups.fields.status')}</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {backups.data.items.map((backup) => (
                        <Table.Tr key={backup.id}>
                          <Table.Td>
                            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                              {format.dateTime(backup.startedAt)}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <TriggerText trigger={backup.trigger} />
                          </Table.Td>
                          <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                            <Text size="sm">{size(backup)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <StatusBadge backup={backup} />
                          </Table.Td>
                          <Table.Td style={{ textAlign: 'right' }}>
                            <DownloadButton backup={backup} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
              {/* phones: one card per backup */}
              <Stack gap="sm" hiddenFrom="sm" data-testid="backup-cards">
                {backups.data.items.map((backup) => (
                  <Card key={backup.id} withBorder padding="md">
                    <Group justify="space-between" gap="xs" wrap="wrap">
                      <Text fw={600} size="sm">
                        {format.dateTime(backup.startedAt)}
                      </Text>
                      <StatusBadge backup={backup} />
                    </Group>
                    <Group justify="space-between" gap="xs" mt={6} wrap="wrap">
                      <Text size="sm" c="dimmed">
                        {t(`backups.triggers.${backup.trigger}`)} · {size(backup)}
                      </Text>
                      <DownloadButton backup={backup} compact />
                    </Group>
                    {backup.error ? (
                      <Text size="xs" c="red" mt={6} style={{ overflowWrap: 'anywhere' }}>
                        <IconAlertTriangle size={12} aria-hidden /> {backup.error}
                      </Text>
                    ) : null}
                  </Card>
                ))}
              </Stack>
            </>
          )}
        </Stack>
      ) : null}
    </>
  );
}
