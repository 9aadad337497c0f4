import type { FeedbackEntry, FeedbackReport } from '@bancada/shared';
import { LineChart } from '@mantine/charts';
import {
  Badge,
  Button,
  Card,
  Group,
  type MantineColor,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconMoodSmile, IconStarFilled } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useTechnicianOptions } from '../repairs/api';
import { type FeedbackFilters, useFeedbackReport } from './api';

function npsColor(nps: number): MantineColor {
  if (nps >= 9) return 'teal';
  if (nps >= 7) return 'yellow';
  return 'red';
}

function Stars({ rating }: { rating: number }) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap" role="img" aria-label={t('engagement.feedback.ratingOf', { rating })}>
      {[1, 2, 3, 4, 5].map((n) => (
        <IconStarFilled
          key={n}
          size={14}
          aria-hidden
          color={n <= rating ? 'var(--mantine-color-yellow-6)' : 'var(--mantine-color-gray-3)'}
        />
      ))}
    </Group>
  );
}

function Summary({ report }: { report: FeedbackReport }) {
  const { t } = useTranslation();
  const { summary } = report;
  const stats = [
    { label: t('engagement.feedback.asked'), value: String(summary.asked) },
    { label: t('engagement.feedback.answered'), value: String(summary.answered) },
    {
      label: t('engagement.feedback.averageRating'),
      value: summary.averageRating === null ? '—' : summary.averageRating.toFixed(2),
    },
    {
      label: t('engagement.feedback.npsScore'),
      value: summary.npsScore === null ? '—' : String(summary.npsScore),
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {stats.map((s) => (
        <Paper key={s.label} withBorder radius="md" p="sm">
          <Text size="xs" c="dimmed">
            {s.label}
          </Text>
          <Text fw={700} fz="xl">
            {s.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Trend({ report }: { report: FeedbackReport }) {
  const { t } = useTranslation();
  if (report.series.length === 0) return null;
  const data = report.series.map((m) => ({
    month: m.month,
    nps: m.npsScore ?? 0,
    rating: m.averageRating ?? 0,
  }));
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} fz="h4" mb="sm" id="feedback-trend-title">
        {t('engagement.feedback.trend')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <LineChart
          h={220}
          data={data}
          dataKey="month"
          series={[{ name: 'nps', label: t('engagement.feedback.npsScore'), color: 'teal.6' }]}
          yAxisProps={{ domain: [-100, 100] }}
          curveType="linear"
          withDots
          role="img"
          aria-labelledby="feedback-trend-title"
        />
        <LineChart
          h={220}
          data={data}
          dataKey="month"
          series={[{ name: 'rating', label: t('engagement.feedback.averageRating'), color: 'yellow.6' }]}
          yAxisProps={{ domain: [1, 5] }}
          curveType="linear"
          withDots
          role="img"
          aria-label={t('engagement.feedback.averageRating')}
        />
      </SimpleGrid>
    </Paper>
  );
}

function EntryCard({ entry }: { entry: FeedbackEntry }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  return (
    <Card withBorder radius="md" p="sm">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600}>
          <Link to={`/repairs/${entry.repairId}`}>
            {t('engagement.feedback.order', { number: entry.repairNumber })}
          </Link>
        </Text>
        <Badge color={npsColor(entry.nps)} variant="light">
          NPS {entry.nps}
        </Badge>
      </Group>
      <Stars rating={entry.rating} />
      <Text size="sm">{entry.customerName}</Text>
      {entry.technicians.length > 0 ? (
        <Text size="xs" c="dimmed">
          {entry.technicians.map((tech) => tech.name).join(', ')}
        </Text>
      ) : null}
      {entry.comment ? (
        <Text size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {entry.comment}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" mt={4}>
        {dateTime(entry.answeredAt)}
      </Text>
    </Card>
  );
}

function Entries({ items }: { items: FeedbackEntry[] }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const isPhone = useMediaQuery('(max-width: 48em)');
  if (isPhone) {
    return (
      <Stack gap="xs">
        {items.map((entry) => (
          <EntryCard key={entry.id} entry={entry} />
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('engagement.feedback.columns.order')}</Table.Th>
            <Table.Th>{t('engagement.feedback.columns.customer')}</Table.Th>
            <Table.Th>{t('engagement.feedback.columns.technicians')}</Table.Th>
            <Table.Th>{t('engagement.feedback.columns.rating')}</Table.Th>
            <Table.Th>NPS</Table.Th>
            <Table.Th>{t('engagement.feedback.columns.comment')}</Table.Th>
            <Table.Th>{t('engagement.feedback.columns.answeredAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>
                <Link to={`/repairs/${entry.repairId}`}>{entry.repairNumber}</Link>
              </Table.Td>
              <Table.Td>{entry.customerName}</Table.Td>
              <Table.Td>{entry.technicians.map((tech) => tech.name).join(', ') || '—'}</Table.Td>
              <Table.Td>
                <Stars rating={entry.rating} />
              </Table.Td>
              <Table.Td>
                <Badge color={npsColor(entry.nps)} variant="light">
                  {entry.nps}
                </Badge>
              </Table.Td>
              <Table.Td maw={320} style={{ overflowWrap: 'anywhere' }}>
                {entry.comment ?? '—'}
              </Table.Td>
              <Table.Td>{dateTime(entry.answeredAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The managers' satisfaction page (issue 14 §5): NPS and rating over time, and every answer. */
export function FeedbackPage() {
  const { t } = useTranslation();
  const technicians = useTechnicianOptions();
  const [filters, setFilters] = useState<Omit<FeedbackFilters, 'cursor'>>({});
  const [cursor, setCursor] = useState<string | undefined>();
  const [items, setItems] = useState<FeedbackEntry[]>([]);
  const report = useFeedbackReport({ ...filters, cursor });

  // a new filter starts the list again; a next page adds to it
  useEffect(() => {
    if (!report.data || report.isPlaceholderData) return;
    setItems((previous) => (cursor ? [...previous, ...report.data.items] : report.data.items));
  }, [report.data, report.isPlaceholderData, cursor]);

  const change = (patch: Partial<FeedbackFilters>) => {
    setCursor(undefined);
    setFilters((current) => ({ ...current, ...patch }));
  };

  return (
    <>
      <PageHeader title={t('engagement.feedback.title')} description={t('engagement.feedback.description')} />
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label={t('engagement.feedback.from')}
            value={filters.from ?? ''}
            onChange={(e) => change({ from: e.currentTarget.value || undefined })}
            w={{ base: '100%', xs: 170 }}
          />
          <TextInput
            type="date"
            label={t('engagement.feedback.to')}
            value={filters.to ?? ''}
            onChange={(e) => change({ to: e.currentTarget.value || undefined })}
            w={{ base: '100%', xs: 170 }}
          />
          <Select
            label={t('engagement.feedback.technician')}
            placeholder={t('engagement.feedback.allTechnicians')}
            data={technicians.data ?? []}
            value={filters.technicianId ?? null}
            onChange={(value) => change({ technicianId: value ?? undefined })}
            clearable
            searchable
            w={{ base: '100%', xs: 240 }}
          />
        </Group>
        <QueryStatus query={report} />
        {report.data ? (
          <>
            <Summary report={report.data} />
            <Trend report={report.data} />
            {items.length === 0 && !cursor ? (
              <Empty
                title={t('engagement.feedback.emptyTitle')}
                description={t('engagement.feedback.emptyDescription')}
                icon={<IconMoodSmile size={28} aria-hidden />}
              />
            ) : (
              <Entries items={items} />
            )}
            {report.data.nextCursor ? (
              <Button
                variant="light"
                loading={report.isFetching}
                onClick={() => setCursor(report.data.nextCursor ?? undefined)}
                style={{ alignSelf: 'center' }}
              >
                {t('engagement.feedback.more')}
              </Button>
            ) : null}
          </>
        ) : null}
      </Stack>
    </>
  );
}
