import type { Receivables } from '@bancada/shared';
import { BarChart } from '@mantine/charts';
import {
  Badge,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconCalendarStats, IconReportMoney, IconTruckDelivery } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useFormat } from '../../app/format';
import { useOrganizationCurrency } from '../organization/api';
import { useReceivables } from './api';
import { CashFlowTab } from './CashFlowTab';
import { Figure, InvoiceStatusBadge, useCalendarDate, useInvoiceNumber } from './display';
import { PayablesTab } from './PayablesTab';

const TABS = ['receivables', 'payables', 'cashFlow'] as const;
type Tab = (typeof TABS)[number];

// from green (not due yet) to deep red (over 90 days late)
const BUCKET_COLORS = ['teal.6', 'yellow.5', 'orange.6', 'red.6', 'red.9'] as const;

/** What customers owe by how late it is, what the shop owes, and the weeks ahead. */
export function ReceivablesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((tab) => tab === 'receivables' || can('payables:manage'));
  const tab: Tab = tabs.find((value) => value === params.get('tab')) ?? 'receivables';
  const setTab = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (!value || value === 'receivables') next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true },
    );
  const icons = { receivables: IconReportMoney, payables: IconTruckDelivery, cashFlow: IconCalendarStats };
  return (
    <>
      <PageHeader title={t('billing.nav.receivables')} description={t('billing.receivables.description')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        {tabs.length > 1 ? (
          <Tabs.List mb="lg">
            {tabs.map((value) => {
              const Icon = icons[value];
              return (
                <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />}>
                  {t(`billing.receivables.tabs.${value}`)}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
        ) : null}
        <Tabs.Panel value="receivables">
          <ReceivablesTab />
        </Tabs.Panel>
        <Tabs.Panel value="payables">
          <PayablesTab />
        </Tabs.Panel>
        <Tabs.Panel value="cashFlow">
          <CashFlowTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function ReceivablesTab() {
  const receivables = useReceivables();
  return (
    <>
      <QueryStatus query={receivables} rows={6} />
      {receivables.data ? <ReceivablesView data={receivables.data} /> : null}
    </>
  );
}

function ReceivablesView({ data }: { data: Receivables }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const money = (value: number) => format.money(value, currency);
  const overdue =
    data.buckets
      .filter((b) => b.bucket !== 'current')
      .reduce((sum, b) => sum + Math.round(b.amount * 100), 0) / 100;
  const chart = data.buckets.map((b, index) => ({
    bucket: t(`billing.agingBuckets.${b.bucket}`),
    amount: b.amount,
    color: BUCKET_COLORS[index] ?? 'gray.6',
  }));
  if (data.total === 0) {
    return (
      <Empty
        icon={<IconReportMoney size={28} aria-hidden />}
        title={t('billing.receivables.emptyTitle')}
        description={t('billing.receivables.emptyHint')}
      />
    );
  }
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <Figure label={t('billing.receivables.total')} value={money(data.total)} />
        <Figure
          label={t('billing.receivables.overdue')}
          value={money(overdue)}
          color={overdue > 0 ? 'red.8' : undefined}
        />
      </SimpleGrid>
      <Paper
        withBorder
        radius="md"
        p={{ base: 'md', sm: 'lg' }}
        component="section"
        aria-labelledby="aging-title"
      >
        <Title order={2} fz="h5" mb="md" id="aging-title">
          {t('billing.receivables.aging')}
        </Title>
        <BarChart
          h={240}
          data={chart}
          dataKey="bucket"
          series={[{ name: 'amount', label: t('billing.receivables.amountSeries') }]}
          valueFormatter={(value) => money(value)}
          tickLine="none"
          gridAxis="y"
          yAxisProps={{ width: 90 }}
          maxBarWidth={56}
          role="img"
          aria-labelledby="aging-title"
          aria-describedby="aging-summary"
        />
        <VisuallyHidden id="aging-summary">
          {data.buckets
            .map((b) => `${t(`billing.agingBuckets.${b.bucket}`)}: ${money(b.amount)} (${b.count})`)
            .join(', ')}
        </VisuallyHidden>
        <Group gap="xs" mt="sm">
          {data.buckets.map((b) => (
            <Badge key={b.bucket} variant="light" color="gray" size="sm">
              {t(`billing.agingBuckets.${b.bucket}`)}:{' '}
              {t('billing.receivables.invoiceCount', { count: b.count })}
            </Badge>
          ))}
        </Group>
      </Paper>
      <OldestInvoices items={data.items} />
    </Stack>
  );
}

function OldestInvoices({ items }: { items: Receivables['items'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const currency = useOrganizationCurrency();
  const calendarDate = useCalendarDate(true);
  const invoiceNumber = useInvoiceNumber();
  const money = (value: number) => format.money(value, currency);
  const late = (days: number) =>
    days > 0 ? t('billing.receivables.daysLate', { count: days }) : t('billing.receivables.notDue');
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="oldest-title"
    >
      <Title order={2} fz="h5" mb="md" id="oldest-title">
        {t('billing.receivables.oldest')}
      </Title>
      <Table.ScrollContainer minWidth={680} visibleFrom="sm">
        <Table highlightOnHover verticalSpacing="xs" aria-labelledby="oldest-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.invoices.number')}</Table.Th>
              <Table.Th>{t('billing.fields.customer')}</Table.Th>
              <Table.Th>{t('billing.fields.dueDate')}</Table.Th>
              <Table.Th>{t('billing.receivables.lateness')}</Table.Th>
              <Table.Th ta="right">{t('billing.totals.balance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((invoice) => (
              <Table.Tr
                key={invoice.id}
                onClick={() => navigate(`/invoices/${invoice.id}`)}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <TextLink
                    to={`/invoices/${invoice.id}`}
                    size="sm"
                    fw={500}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {invoiceNumber(invoice.number)}
                  </TextLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{invoice.customerName}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{calendarDate(invoice.dueDate)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    c={invoice.daysOverdue > 0 ? 'red.8' : 'dimmed'}
                    fw={invoice.daysOverdue > 30 ? 600 : 400}
                  >
                    {late(invoice.daysOverdue)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {money(invoice.balance)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {items.map((invoice) => (
          <Card
            key={invoice.id}
            withBorder
            padding="sm"
            component={Link}
            to={`/invoices/${invoice.id}`}
            style={{ textDecoration: 'none', color: 'inherit' }}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text fw={600} size="sm">
                {invoiceNumber(invoice.number)} · {invoice.customerName}
              </Text>
              <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
                {money(invoice.balance)}
              </Text>
            </Group>
            <Group gap="xs" mt={4}>
              <InvoiceStatusBadge status={invoice.status} />
              <Text size="xs" c={invoice.daysOverdue > 0 ? 'red.8' : 'dimmed'}>
                {late(invoice.daysOverdue)}
              </Text>
            </Group>
          </Card>
        ))}
      </Stack>
    </Paper>
  );
}
