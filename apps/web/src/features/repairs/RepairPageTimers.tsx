import { isClosedStatus, type Repair, type RepairTime, type TimeEntry } from '@bancada/shared';
import { BarChart } from '@mantine/charts';
import {
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Empty, ErrorAlert, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useRepairTime, useStartTimer, useStopTimer } from './order-api';
import { Section, useDuration } from './RepairPageDisplay';
import { StatusBadge } from './status';

/** Seconds of an entry, counting a running one up to now. */
function entrySeconds(entry: TimeEntry, now: number): number {
  if (entry.endedAt) return entry.seconds;
  return Math.max(0, Math.round((now - new Date(entry.startedAt).getTime()) / 1000));
}

/** A clock that ticks every 30 seconds while a timer runs. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  const interval = useInterval(() => setNow(Date.now()), 30_000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the interval object is stable enough
  useEffect(() => {
    setNow(Date.now());
    if (running) interval.start();
    else interval.stop();
    return interval.stop;
  }, [running]);
  return now;
}

export function RepairPageTimers({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const time = useRepairTime(repair.id);
  return (
    <Stack gap="lg">
      <MyTimer repair={repair} time={time.data} />
      <QueryStatus query={time} rows={3} />
      {time.data ? <TimeSummary repair={repair} time={time.data} /> : null}
      {time.data ? (
        <Section id="repair-time-entries" title={t('repairPage.time.entries')}>
          <Entries entries={time.data.entries} repair={repair} />
        </Section>
      ) : null}
    </Stack>
  );
}

function MyTimer({ repair, time }: { repair: Repair; time: RepairTime | undefined }) {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const duration = useDuration();
  const start = useStartTimer(repair.id);
  const stop = useStopTimer(repair.id);
  const [serviceLineId, setServiceLineId] = useState<string | null>(null);
  const running = time?.entries.find((entry) => entry.technicianId === me.id && entry.endedAt === null);
  const now = useNow(running !== undefined);
  const mayTime = can('repairs:transition') && !isClosedStatus(repair.status);
  if (!mayTime) return null;
  const error = start.error ?? stop.error;
  const runningLine = running?.serviceLineId
    ? repair.services.find((s) => s.id === running.serviceLineId)?.description
    : null;

  return (
    <Section id="repair-my-timer" title={t('repairPage.time.myTimer')}>
      <Stack gap="sm">
        {error ? <ErrorAlert error={error} /> : null}
        {running ? (
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Stack gap={0}>
              <Text size="xl" fw={700} ff="monospace" aria-live="polite">
                {duration(entrySeconds(running, now))}
              </Text>
              <Text size="xs" c="dimmed">
                {runningLine
                  ? t('repairPage.time.runningOn', { line: runningLine })
                  : t('repairPage.time.runningOrder')}
              </Text>
            </Stack>
            <Button
              color="red"
              size="md"
              leftSection={<IconPlayerStop size={18} aria-hidden />}
              loading={stop.isPending}
              onClick={() =>
                stop.mutate({}, { onSuccess: () => notifySuccess(t('repairPage.time.stopped')) })
              }
            >
              {t('repairPage.time.stop')}
            </Button>
          </Group>
        ) : (
          <Group gap="sm" align="flex-end" wrap="wrap">
            {repair.services.length > 0 ? (
              <Select
                style={{ flex: '1 1 14rem' }}
                label={t('repairPage.time.line')}
                placeholder={t('repairPage.time.wholeOrder')}
                data={repair.services.map((s) => ({ value: s.id, label: s.description }))}
                clearable
                value={serviceLineId}
                onChange={setServiceLineId}
              />
            ) : null}
            <Button
              color="teal"
              size="md"
              leftSection={<IconPlayerPlay size={18} aria-hidden />}
              loading={start.isPending}
              disabled={time === undefined}
              onClick={() =>
                start.mutate(
                  { serviceLineId },
                  { onSuccess: () => notifySuccess(t('repairPage.time.started')) },
                )
              }
            >
              {t('repairPage.time.start')}
            </Button>
          </Group>
        )}
      </Stack>
    </Section>
  );
}

function TimeSummary({ repair, time }: { repair: Repair; time: RepairTime }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const estimated = time.estimatedHours;
  const actual = time.actualHours;
  const over = estimated > 0 && actual > estimated;
  const ratio = estimated > 0 ? Math.min(100, (actual / estimated) * 100) : 0;
  const shown = time.timeInStatus.filter((row) => row.seconds > 0);
  // short stays read better in minutes than as "0,1 h"
  const inMinutes = Math.max(0, ...shown.map((row) => row.seconds)) < 2 * 3600;
  const chartData = shown.map((row) => ({
    status: t(`repairStatus.${row.status}`),
    value: inMinutes ? Math.round(row.seconds / 60) : Number((row.seconds / 3600).toFixed(1)),
  }));
  const hours = (value: number) =>
    t('repairPage.time.hoursShort', { hours: format.number(Number(value.toFixed(1))) });

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Section id="repair-time-estimate" title={t('repairPage.time.estimatedVsActual')}>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('repairPage.time.estimated')}
              </Text>
              <Text fw={700} fz="lg">
                {hours(estimated)}
              </Text>
            </Stack>
            <Stack gap={0} align="flex-end">
              <Text size="xs" c="dimmed">
                {t('repairPage.time.actual')}
              </Text>
              <Text fw={700} fz="lg" c={over ? 'red' : undefined}>
                {hours(actual)}
              </Text>
            </Stack>
          </Group>
          <Progress
            value={estimated > 0 ? ratio : actual > 0 ? 100 : 0}
            color={over ? 'red' : 'teal'}
            size="lg"
            aria-label={t('repairPage.time.estimatedVsActual')}
          />
          <Text size="xs" c={over ? 'red' : 'dimmed'}>
            {estimated === 0
              ? t('repairPage.time.noEstimate')
              : over
                ? t('repairPage.time.over', { hours: format.number(Number((actual - estimated).toFixed(1))) })
                : t('repairPage.time.left', {
                    hours: format.number(Number((estimated - actual).toFixed(1))),
                  })}
          </Text>
          {time.byTechnician.length > 0 ? (
            <Stack gap={2} mt="xs">
              <Text size="xs" fw={600}>
                {t('repairPage.time.byTechnician')}
              </Text>
              {time.byTechnician.map((row) => (
                <Group key={row.technicianId} justify="space-between" gap="xs">
                  <Text size="sm">{row.technicianName}</Text>
                  <Text size="sm">{duration(row.seconds)}</Text>
                </Group>
              ))}
            </Stack>
          ) : null}
        </Stack>
      </Section>
      <Section id="repair-time-status" title={t('repairPage.time.inStatus')}>
        {chartData.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('repairPage.time.noStatusTime')}
          </Text>
        ) : (
          <>
            <BarChart
              h={Math.max(120, chartData.length * 36 + 30)}
              data={chartData}
              dataKey="status"
              orientation="vertical"
              series={[
                {
                  name: 'value',
                  label: inMinutes ? t('repairPage.time.minutesSeries') : t('repairPage.time.hoursSeries'),
                  color: 'cyan.6',
                },
              ]}
              valueFormatter={(value) =>
                inMinutes ? t('repairPage.time.minutes', { count: value }) : hours(value)
              }
              xAxisProps={{ allowDecimals: false }}
              tickLine="none"
              gridAxis="none"
              yAxisProps={{ width: 120 }}
              maxBarWidth={22}
              role="img"
              aria-labelledby="repair-time-status"
              aria-describedby="repair-time-status-summary"
            />
            <VisuallyHidden id="repair-time-status-summary">
              {time.timeInStatus
                .map((row) => `${t(`repairStatus.${row.status}`)}: ${duration(row.seconds)}`)
                .join(', ')}
            </VisuallyHidden>
          </>
        )}
        <Text size="xs" c="dimmed" mt="xs">
          {t('repairPage.time.currentStatus')} <StatusBadge status={repair.status} size="xs" />
        </Text>
      </Section>
    </SimpleGrid>
  );
}

function Entries({ entries, repair }: { entries: TimeEntry[]; repair: Repair }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const now = useNow(entries.some((entry) => entry.endedAt === null));
  if (entries.length === 0) return <Empty title={t('repairPage.time.noEntries')} />;
  const sorted = [...entries].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <Stack gap="xs">
      {sorted.map((entry) => {
        const line = entry.serviceLineId ? repair.services.find((s) => s.id === entry.serviceLineId) : null;
        return (
          <Card key={entry.id} withBorder padding="xs">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {entry.technicianName}
                  </Text>
                  <StatusBadge status={entry.stage} size="xs" />
                  {entry.endedAt === null ? (
                    <Badge size="xs" color="teal" variant="dot">
                      {t('repairPage.time.running')}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {format.dateTime(entry.startedAt)}
                  {entry.endedAt ? ` – ${format.dateTime(entry.endedAt)}` : ''}
                </Text>
                {line ? <Text size="xs">{line.description}</Text> : null}
                {entry.note ? <Text size="xs">{entry.note}</Text> : null}
              </Stack>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {duration(entrySeconds(entry, now))}
              </Text>
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
