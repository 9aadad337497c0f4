import { INVOICE_STATUSES, type InvoiceListItem, toCents } from '@bancada/shared';
import { Button, Card, Chip, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconFileSpreadsheet, IconPlus, IconReceipt, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useFormat } from '../../app/format';
import { useOrganizationCurrency } from '../organization/api';
import { type InvoiceFilters, useInvoices, useReceivables } from './api';
import { CounterSaleDialog } from './CounterSaleDialog';
import { Figure, InvoiceStatusBadge, OverdueBadge, useCalendarDate, useInvoiceNumber } from './display';
import { ExportDialog } from './ExportDialog';

const PAGE_SIZE = 25;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function sumOf(items: InvoiceListItem[], pick: (item: InvoiceListItem) => number): number {
  return items.reduce((cents, item) => cents + toCents(pick(item)), 0) / 100;
}

export function InvoicesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const [exporting, { open: openExport, close: closeExport }] = useDisclosure(false);
  const dayParam = (key: string) => {
    const value = params.get(key);
    return value && DAY.test(value) ? value : undefined;
  };
  const filters: InvoiceFilters = {
    status: INVOICE_STATUSES.find((value) => value === params.get('status')),
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    from: dayParam('from'),
    to: dayParam('to'),
    q: params.get('q') || undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };

  const setParam = (changes: Record<string, string | null | undefined>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (!value) next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      <PageHeader
        title={t('billing.nav.invoices')}
        description={t('billing.invoices.description')}
        actions={
          <>
            {can('invoices:write') ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openCreate}>
                {t('billing.counterSale.open')}
              </Button>
            ) : null}
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
              onClick={openExport}
            >
              {t('billing.export.open')}
            </Button>
          </>
        }
      />
      <Stack gap="lg">
        <OpenTotals />
        <Filters filters={filters} setParam={setParam} />
        <InvoiceList
          filters={filters}
          setParam={setParam}
          onCreate={can('invoices:write') ? openCreate : undefined}
        />
      </Stack>
      {can('invoices:write') ? <CounterSaleDialog opened={creating} onClose={closeCreate} /> : null}
      <ExportDialog opened={exporting} onClose={closeExport} />
    </>
  );
}

/** What customers owe in all, and how much of it is late (the receivables' figures). */
function OpenTotals() {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const receivables = useReceivables();
  if (!receivables.data) return null;
  const overdue =
    receivables.data.buckets
      .filter((b) => b.bucket !== 'current')
      .reduce((cents, b) => cents + toCents(b.amount), 0) / 100;
  const count = receivables.data.buckets.reduce((sum, b) => sum + b.count, 0);
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
      <Figure
        label={t('billing.invoices.openTotal')}
        value={format.money(receivables.data.total, currency)}
        hint={t('billing.invoices.openCount', { count })}
      />
      <Figure
        label={t('billing.invoices.overdueTotal')}
        value={format.money(overdue, currency)}
        color={overdue > 0 ? 'red.8' : undefined}
      />
    </SimpleGrid>
  );
}

function Filters({
  filters,
  setParam,
}: {
  filters: InvoiceFilters;
  setParam: (changes: Record<string, string | null | undefined>) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.q ?? '');
  const applySearch = useDebouncedCallback((value: string) => setParam({ q: value.trim() }), 300);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label={t('billing.invoices.search')}
        placeholder={t('billing.invoices.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          applySearch(event.currentTarget.value);
        }}
        w={{ base: '100%', sm: 280 }}
        type="search"
      />
      <Select
        label={t('billing.invoices.status')}
        placeholder={t('common.all')}
        data={INVOICE_STATUSES.map((value) => ({ value, label: t(`billing.invoiceStatuses.${value}`) }))}
        value={filters.status ?? null}
        onChange={(value) => setParam({ status: value })}
        clearable
        w={{ base: '100%', xs: 200 }}
      />
      <DatePickerInput
        type="range"
        label={t('billing.invoices.period')}
        placeholder={t('billing.invoices.periodPlaceholder')}
        valueFormat="L"
        value={[filters.from ?? null, filters.to ?? null]}
        onChange={([from, to]) => setParam({ from, to })}
        clearable
        allowSingleDateInRange
        w={{ base: '100%', xs: 260 }}
      />
      <Chip
        checked={filters.overdue === 'true'}
        onChange={(checked) => setParam({ overdue: checked ? 'true' : null })}
        color="red"
        variant="outline"
        mb={4}
      >
        {t('billing.invoices.overdueOnly')}
      </Chip>
    </Group>
  );
}

function InvoiceList({
  filters,
  setParam,
  onCreate,
}: {
  filters: InvoiceFilters;
  setParam: (changes: Record<string, string | null>) => void;
  onCreate: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const currency = useOrganizationCurrency();
  const calendarDate = useCalendarDate(true);
  const invoiceNumber = useInvoiceNumber();
  const invoices = useInvoices(filters);
  const filtered = Boolean(filters.status || filters.overdue || filters.from || filters.to || filters.q);
  const money = (value: number) => format.money(value, currency);
  const items = invoices.data?.items ?? [];

  return (
    <>
      <QueryStatus query={invoices} />
      {invoices.data && items.length === 0 ? (
        <Empty
          icon={<IconReceipt size={28} aria-hidden />}
          title={filtered ? t('billing.invoices.emptyFilteredTitle') : t('billing.invoices.emptyTitle')}
          description={filtered ? t('common.emptyFilteredHint') : t('billing.invoices.emptyHint')}
        >
          {!filtered && onCreate ? (
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={onCreate}>
              {t('billing.counterSale.open')}
            </Button>
          ) : null}
        </Empty>
      ) : null}
      {invoices.data && items.length > 0 ? (
        <Stack gap="md" style={{ opacity: invoices.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={820} visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="sm" aria-label={t('billing.nav.invoices')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('billing.invoices.number')}</Table.Th>
                  <Table.Th>{t('billing.fields.customer')}</Table.Th>
                  <Table.Th>{t('billing.invoices.status')}</Table.Th>
                  <Table.Th>{t('billing.fields.issuedAt')}</Table.Th>
                  <Table.Th>{t('billing.fields.dueDate')}</Table.Th>
                  <Table.Th ta="right">{t('billing.totals.total')}</Table.Th>
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
                        fw={500}
                        size="sm"
                        onClick={(event) => event.stopPropagation()}
                      >
                        {invoiceNumber(invoice.number)}
                      </TextLink>
                      {invoice.repairNumber !== null ? (
                        <Text size="xs" c="dimmed">
                          {t('repairShared.number', { number: invoice.repairNumber })}
                        </Text>
                      ) : invoice.kind !== 'ORDER' ? (
                        <Text size="xs" c="dimmed">
                          {t(`billing.invoiceKinds.${invoice.kind}`)}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{invoice.customerName}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <InvoiceStatusBadge status={invoice.status} />
                        {invoice.overdue ? <OverdueBadge /> : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.shortDate(invoice.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={invoice.overdue ? 'red.8' : undefined}>
                        {calendarDate(invoice.dueDate)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {money(invoice.total)}
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
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={5}>{t('billing.invoices.pageSum')}</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(sumOf(items, (i) => i.total))}
                  </Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(sumOf(items, (i) => i.balance))}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
          <Stack gap="sm" hiddenFrom="sm">
            {items.map((invoice) => (
              <Card
                key={invoice.id}
                withBorder
                padding="md"
                component={Link}
                to={`/invoices/${invoice.id}`}
                style={{ textDecoration: 'none', color: 'inherit' }}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text fw={600}>{invoiceNumber(invoice.number)}</Text>
                  <Text fw={700} style={{ whiteSpace: 'nowrap' }}>
                    {money(invoice.balance)}
                  </Text>
                </Group>
                <Text size="sm">{invoice.customerName}</Text>
                <Group gap={6} mt="xs" wrap="wrap">
                  <InvoiceStatusBadge status={invoice.status} />
                  {invoice.overdue ? <OverdueBadge /> : null}
                  <Text size="xs" c="dimmed">
                    {t('billing.invoices.dueOn', { date: calendarDate(invoice.dueDate) })} ·{' '}
                    {t('billing.invoices.totalOf', { total: money(invoice.total) })}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>
          <Paging
            total={invoices.data.total}
            page={filters.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => setParam({ page: String(page) })}
          />
        </Stack>
      ) : null}
    </>
  );
}
