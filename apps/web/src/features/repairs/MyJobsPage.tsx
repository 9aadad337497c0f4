import type { RepairStatus, RepairSummary } from '@bancada/shared';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowRight,
  IconExternalLink,
  IconPlayerPlay,
  IconPlayerStop,
  IconTool,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useLiveRepairs } from '../../app/live';
import { notifyError, notifySuccess } from '../../app/notify';
import { useRepairs, useRepairTime, useStartTimer, useStopTimer, useTransitionRepair } from './api';
import {
  DeadlineText,
  PriorityBadge,
  useAllowedStatuses,
  useRepairNumber,
  useRepairSubject,
} from './display';
import { STATUS_COLORS, StatusBadge } from './status';

const FILTERS = { technicianId: 'me', open: 'true', sort: 'priority', page: 1, pageSize: 100 } as const;

/** "1:05:09" */
function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** The signed-in technician's open orders, big enough for a greasy thumb on a phone. */
export function MyJobsPage() {
  const { t } = useTranslation();
  const jobs = useRepairs({ ...FILTERS });
  useLiveRepairs();

  return (
    <>
      <PageHeader title={t('nav.myJobs')} description={t('myJobs.description')} />
      <QueryStatus query={jobs} rows={3} />
      {jobs.data && jobs.data.items.length === 0 ? (
        <Empty
          icon={<IconTool size={28} aria-hidden />}
          title={t('myJobs.emptyTitle')}
          description={t('myJobs.emptyHint')}
        />
      ) : null}
      {jobs.data && jobs.data.items.length > 0 ? (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
          {jobs.data.items.map((repair) => (
            <JobCard key={repair.id} repair={repair} />
          ))}
        </SimpleGrid>
      ) : null}
    </>
  );
}

function JobCard({ repair }: { repair: RepairSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = useAuth();
  const number = useRepairNumber();
  const subject = useRepairSubject();
  const allowedFrom = useAllowedStatuses();
  const time = useRepairTime(repair.id);
  const start = useStartTimer();
  const stop = useStopTimer();
  const transition = useTransitionRepair();
  const running = time.data?.entries.find((entry) => entry.technicianId === me.id && !entry.endedAt) ?? null;
  const now = useNow(running !== null);
  const mine = time.data?.byTechnician.find((row) => row.technicianId === me.id)?.seconds ?? 0;
  const runningFor = running ? (now - new Date(running.startedAt).getTime()) / 1000 : 0;
  const allowed = allowedFrom(repair.status);
  // "since 14:05" today, the date and time on another day (the shop's clock)
  const sinceLabel = (iso: string) => (format.isToday(iso) ? format.time(iso) : format.dateTime(iso));

  const startTimer = () =>
    start.mutate(
      { repairId: repair.id },
      {
        onSuccess: () => notifySuccess(t('myJobs.started', { number: number(repair.number) })),
        onError: notifyError,
      },
    );
  const stopTimer = () =>
    stop.mutate(
      { repairId: repair.id },
      {
        onSuccess: (entry) => notifySuccess(t('myJobs.stopped', { duration: clock(entry.seconds) })),
        onError: notifyError,
      },
    );
  const moveTo = (status: RepairStatus) =>
    transition.mutate(
      { id: repair.id, status },
      {
        onSuccess: (result) => {
          notifySuccess(
            t('repairShared.moved', { number: number(repair.number), status: t(`repairStatus.${status}`) }),
          );
          for (const warning of result.warnings ?? []) {
            notifications.show({ color: 'yellow', message: warning.message });
          }
        },
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: t('repairBoard.refused', { number: number(repair.number) }),
            message: errorMessage(error),
          }),
      },
    );

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      shadow={running ? 'md' : 'xs'}
      data-testid="job-card"
      style={{ borderLeft: `6px solid var(--mantine-color-${STATUS_COLORS[repair.status]}-5)` }}
    >
      <Stack gap="sm">
        <Stack gap={2}>
          <Group justify="space-between" align="center" wrap="nowrap" gap="xs">
            <Text fw={800} fz="xl" lh={1.1}>
              {number(repair.number)}
            </Text>
            <div style={{ flex: 'none' }}>
              <StatusBadge status={repair.status} size="md" />
            </div>
          </Group>
          <Text fw={600} lineClamp={2}>
            {repair.customerName}
          </Text>
        </Stack>

        <Text fw={500}>{subject(repair)}</Text>
        {repair.serviceDescription ? (
          <Text size="sm" c="dimmed" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
            {repair.serviceDescription}
          </Text>
        ) : null}

        <Group gap="xs" wrap="wrap">
          <PriorityBadge priority={repair.priority} />
          {repair.warrantyReturn ? (
            <Badge color="grape" variant="light">
              {t('repairShared.warrantyReturn')}
            </Badge>
          ) : null}
          <DeadlineText repair={repair} />
        </Group>

        <Card withBorder radius="md" padding="sm" bg={running ? 'teal.0' : 'gray.0'}>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {running
                  ? t('myJobs.runningSince', { time: sinceLabel(running.startedAt) })
                  : t('myJobs.yourTime')}
              </Text>
              <Text fw={700} fz={running ? 'xl' : 'md'} ff="monospace" aria-live="off">
                {clock(running ? runningFor : mine)}
              </Text>
            </Stack>
            {running ? (
              <Button
                size="lg"
                color="red"
                style={{ flex: 'none' }}
                leftSection={<IconPlayerStop size={20} aria-hidden />}
                loading={stop.isPending}
                onClick={stopTimer}
              >
                {t('myJobs.stop')}
              </Button>
            ) : (
              <Button
                size="lg"
                color="teal"
                style={{ flex: 'none' }}
                leftSection={<IconPlayerPlay size={20} aria-hidden />}
                loading={start.isPending}
                disabled={time.isPending}
                onClick={startTimer}
              >
                {t('myJobs.start')}
              </Button>
            )}
          </Group>
        </Card>

        {allowed.length > 0 ? (
          <Stack gap={6}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('repairShared.moveTo')}
            </Text>
            <Group gap="xs" wrap="wrap">
              {allowed.map((status) => (
                <Button
                  key={status}
                  size="md"
                  style={{ flex: '1 1 auto' }}
                  variant="light"
                  color={STATUS_COLORS[status]}
                  rightSection={<IconArrowRight size={16} aria-hidden />}
                  loading={transition.isPending && transition.variables?.status === status}
                  disabled={transition.isPending}
                  onClick={() => moveTo(status)}
                  justify="space-between"
                >
                  {t(`repairStatus.${status}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        ) : null}

        <Button
          component={Link}
          to={`/repairs/${repair.id}`}
          variant="default"
          size="md"
          leftSection={<IconExternalLink size={18} aria-hidden />}
        >
          {t('repairShared.open')}
        </Button>
      </Stack>
    </Card>
  );
}
