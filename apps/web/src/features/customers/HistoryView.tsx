import { type History, type HistoryEntry, REPAIR_STATUSES, SERVICE_TYPES } from '@bancada/shared';
import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconArrowsExchange,
  IconBell,
  IconCalendarPlus,
  IconClipboardList,
  IconFileTypePdf,
  IconGauge,
  IconNotes,
  IconPlus,
  IconTool,
} from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiFile } from '../../app/api';
import { Empty, ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { saveFile } from '../../app/download';
import { useFormat } from '../../app/format';
import { notifyError } from '../../app/notify';
import { dueDay } from '../maintenance/api';
import { useOrganizationCurrency } from '../organization/api';
import { StatusBadge } from '../repairs/status';

const ENTRY_ICONS: Record<HistoryEntry['type'], typeof IconTool> = {
  repair: IconTool,
  reading: IconGauge,
  transfer: IconArrowsExchange,
  note: IconNotes,
  asset_created: IconPlus,
  maintenance_plan: IconCalendarPlus,
  maintenance_reminder: IconBell,
};

// every status in words (issue 10: a history listed only four and showed the others raw)
function RepairStatusBadge({ status }: { status: string }) {
  const known = REPAIR_STATUSES.find((s) => s === status);
  if (known) return <StatusBadge status={known} />;
  return (
    <Badge size="sm" variant="light" color="gray">
      {status}
    </Badge>
  );
}

function ServiceTypeText({ type }: { type: string }) {
  const { t } = useTranslation();
  const known = SERVICE_TYPES.find((s) => s === type);
  return <Text size="sm">{known ? t(`repairVocab.serviceTypes.${known}`) : type}</Text>;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg">
        {value}
      </Text>
    </Paper>
  );
}

/** "2025-03" → "mar." in the UI language (local date, so no timezone shifts the month). */
function monthLabel(month: string, locale: string): string {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return new Intl.DateTimeFormat(locale, { month: 'short' }).format(new Date(year, m - 1, 1));
}

interface Props {
  query: UseQueryResult<History>;
  /** the customer's history names the asset of each entry; an asset's own does not */
  showAsset: boolean;
  /** 3 when the view sits inside a titled panel */
  headingOrder?: 2 | 3;
}

export function HistoryView({ query, showAsset, headingOrder = 2 }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();

  if (query.isPending) return <LoadingRows rows={6} />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;

  const { items, frequency } = query.data;
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const chartData = frequency.byMonth.map((m) => ({ month: monthLabel(m.month, locale), orders: m.orders }));

  return (
    <Stack gap="lg">
      <section aria-labelledby="history-orders">
        <Title order={headingOrder} fz="h5" mb="sm" id="history-orders">
          {t('history.ordersTitle')}
        </Title>
        {frequency.totalOrders === 0 ? (
          <Paper withBorder radius="md">
            <Empty
              icon={<IconClipboardList size={28} aria-hidden />}
              title={t('history.noOrdersTitle')}
              description={t('history.noOrdersHint')}
            />
          </Paper>
        ) : (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
              <Figure label={t('history.totalOrders')} value={format.number(frequency.totalOrders)} />
              <Figure label={t('history.last12Months')} value={format.number(frequency.ordersLast12Months)} />
              <Figure label={t('history.lastVisit')} value={format.date(frequency.lastVisitAt)} />
              <Figure
                label={t('history.averageInterval')}
                value={
                  frequency.averageDaysBetweenVisits === null
                    ? '—'
                    : t('history.days', {
                        count: Math.round(frequency.averageDaysBetweenVisits),
                        value: format.number(Math.round(frequency.averageDaysBetweenVisits)),
                      })
                }
              />
            </SimpleGrid>
            {chartData.length > 0 ? (
              <Paper withBorder p="md" radius="md">
                <Text size="sm" fw={500} mb="xs" id="history-chart-title">
                  {t('history.perMonth')}
                </Text>
                <BarChart
                  h={180}
                  data={chartData}
                  dataKey="month"
                  series={[{ name: 'orders', label: t('history.ordersSeries'), color: 'cyan.6' }]}
                  tickLine="none"
                  gridAxis="x"
                  yAxisProps={{ allowDecimals: false, width: 28 }}
                  maxBarWidth={28}
                  role="img"
                  aria-labelledby="history-chart-title"
                  aria-describedby="history-chart-summary"
                />
                {/* the figures behind the bars, for screen readers */}
                <VisuallyHidden id="history-chart-summary">
                  {frequency.byMonth
                    .map((m, i) => `${chartData[i]?.month ?? m.month}: ${format.number(m.orders)}`)
                    .join(', ')}
                </VisuallyHidden>
              </Paper>
            ) : null}
          </Stack>
        )}
      </section>

      <section aria-labelledby="history-timeline">
        <Title order={headingOrder} fz="h5" mb="sm" id="history-timeline">
          {t('history.timelineTitle')}
        </Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('history.nothingYet')}
          </Text>
        ) : (
          <Timeline bulletSize={28} lineWidth={2} active={items.length}>
            {items.map((entry, index) => {
              const Icon = ENTRY_ICONS[entry.type];
              return (
                <Timeline.Item
                  // entries have no id of their own; the list is replaced as a whole
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  key={`${entry.type}-${entry.at}-${index}`}
                  bullet={
                    <ThemeIcon size={28} radius="xl" variant="light">
                      <Icon size={16} aria-hidden />
                    </ThemeIcon>
                  }
                  title={<HistoryTitle entry={entry} currency={currency} />}
                >
                  <Stack gap={2}>
                    {entry.repair?.serviceType ? <ServiceTypeText type={entry.repair.serviceType} /> : null}
                    {/* a repair's line is its title; "registered" says no more than the title either */}
                    {entry.maintenance ? (
                      <MaintenanceLine maintenance={entry.maintenance} />
                    ) : entry.type !== 'repair' && entry.type !== 'asset_created' && entry.summary ? (
                      <Text size="sm">{entry.summary}</Text>
                    ) : null}
                    {entry.repair?.documents ? (
                      <RepairDocuments number={entry.repair.number} documents={entry.repair.documents} />
                    ) : null}
                    {showAsset && entry.assetId && entry.assetLabel ? (
                      <Anchor component={Link} to={`/assets/${entry.assetId}`} size="sm">
                        {entry.assetLabel}
                      </Anchor>
                    ) : null}
                    <Text size="xs" c="dimmed">
                      <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                    </Text>
                  </Stack>
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </section>
    </Stack>
  );
}

type RepairDocumentLinks = NonNullable<NonNullable<HistoryEntry['repair']>['documents']>;

/** The order's printed documents, fetched with the session's token and handed over as a download. */
function RepairDocuments({ number, documents }: { number: number; documents: RepairDocumentLinks }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'intake' | 'report' | null>(null);
  const download = async (kind: 'intake' | 'report', url: string) => {
    setBusy(kind);
    try {
      // the links are API paths; the client adds the /api prefix itself
      const file = await apiFile(url.replace(/^\/api/, ''), { headers: { Accept: 'application/pdf' } });
      saveFile(file.blob, file.filename ?? `${t(`history.documents.${kind}File`)}-${number}.pdf`);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  const links: { kind: 'intake' | 'report'; url: string }[] = [
    { kind: 'intake', url: documents.intake },
    ...(documents.report ? [{ kind: 'report' as const, url: documents.report }] : []),
  ];
  return (
    <Group gap="xs" wrap="wrap">
      {links.map(({ kind, url }) => (
        <Button
          key={kind}
          size="compact-xs"
          variant="subtle"
          leftSection={<IconFileTypePdf size={14} aria-hidden />}
          loading={busy === kind}
          onClick={() => void download(kind, url)}
          aria-label={t(`history.documents.${kind}Label`, { number })}
        >
          {t(`history.documents.${kind}`)}
        </Button>
      ))}
    </Group>
  );
}

/** A maintenance plan created or a reminder sent: the plan, and the due date the reminder announced. */
function MaintenanceLine({ maintenance }: { maintenance: NonNullable<HistoryEntry['maintenance']> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Text size="sm">
      {maintenance.planName}
      {maintenance.dueAt
        ? ` · ${t('maintenance.timeline.dueAt', { date: format.date(dueDay(maintenance.dueAt)) })}`
        : null}
    </Text>
  );
}

function HistoryTitle({ entry, currency }: { entry: HistoryEntry; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entry.type === 'repair' && entry.repair) {
    return (
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {t('history.repairNumber', { number: entry.repair.number })}
        </Text>
        <RepairStatusBadge status={entry.repair.status} />
        <Text size="sm" fw={500} ml="auto">
          {format.money(entry.repair.total, currency)}
        </Text>
      </Group>
    );
  }
  return (
    <Text fw={600} size="sm">
      {t(`history.types.${entry.type}`)}
    </Text>
  );
}
