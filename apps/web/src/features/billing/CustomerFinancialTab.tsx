import type { CustomerFinancial } from '@bancada/shared';
import { Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useFormat } from '../../app/format';
import { Panel } from '../customers/CustomerDataTab';
import { useOrganizationCurrency } from '../organization/api';
import { useCustomerFinancial } from './api';
import { Figure, InvoiceStatusBadge, OverdueBadge, useCalendarDate, useInvoiceNumber } from './display';
import { PaymentsTable } from './InvoicePayments';

/** The customer page's "Financeiro": what they were billed, paid and still owe. */
export function CustomerFinancialTab({ customerId }: { customerId: string }) {
  const financial = useCustomerFinancial(customerId);
  return (
    <>
      <QueryStatus query={financial} rows={6} />
      {financial.data ? <FinancialView data={financial.data} /> : null}
    </>
  );
}

function FinancialView({ data }: { data: CustomerFinancial }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const money = (value: number) => format.money(value, currency);
  if (data.invoices.length === 0 && data.payments.length === 0) {
    return (
      <Empty
        icon={<IconReceipt size={28} aria-hidden />}
        title={t('billing.customer.emptyTitle')}
        description={t('billing.customer.emptyHint')}
      />
    );
  }
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <Figure label={t('billing.customer.invoiced')} value={money(data.invoiced)} />
        <Figure label={t('billing.customer.paid')} value={money(data.paid)} color="teal.8" />
        <Figure label={t('billing.customer.balance')} value={money(data.balance)} />
        <Figure
          label={t('billing.customer.overdue')}
          value={money(data.overdue)}
          color={data.overdue > 0 ? 'red.8' : undefined}
        />
        {data.depositsHeld > 0 ? (
          <Figure label={t('billing.customer.depositsHeld')} value={money(data.depositsHeld)} />
        ) : null}
      </SimpleGrid>
      <Panel id="customer-invoices" title={t('billing.customer.invoices')}>
        <CustomerInvoices data={data} currency={currency} />
      </Panel>
      {data.payments.length > 0 ? (
        <Panel id="customer-payments" title={t('billing.customer.payments')}>
          <PaymentsTable payments={data.payments} currency={currency} />
        </Panel>
      ) : null}
    </Stack>
  );
}

function CustomerInvoices({ data, currency }: { data: CustomerFinancial; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const calendarDate = useCalendarDate(true);
  const invoiceNumber = useInvoiceNumber();
  const money = (value: number) => format.money(value, currency);
  if (data.invoices.length === 0) return <Text c="dimmed">{t('billing.customer.noInvoices')}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={640} visibleFrom="sm">
        <Table highlightOnHover verticalSpacing="xs" aria-labelledby="customer-invoices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.invoices.number')}</Table.Th>
              <Table.Th>{t('billing.invoices.status')}</Table.Th>
              <Table.Th>{t('billing.fields.dueDate')}</Table.Th>
              <Table.Th ta="right">{t('billing.totals.total')}</Table.Th>
              <Table.Th ta="right">{t('billing.totals.balance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.invoices.map((invoice) => (
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
                  {invoice.repairNumber !== null ? (
                    <Text size="xs" c="dimmed">
                      {t('repairShared.number', { number: invoice.repairNumber })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <InvoiceStatusBadge status={invoice.status} />
                    {invoice.overdue ? <OverdueBadge /> : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{calendarDate(invoice.dueDate)}</Text>
                </Table.Td>
                <Table.Td ta="right">{money(invoice.total)}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600}>
                    {money(invoice.balance)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {data.invoices.map((invoice) => (
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
                {invoiceNumber(invoice.number)}
              </Text>
              <Text fw={700} size="sm">
                {money(invoice.balance)}
              </Text>
            </Group>
            <Group gap={6} mt={4}>
              <InvoiceStatusBadge status={invoice.status} />
              {invoice.overdue ? <OverdueBadge /> : null}
              <Text size="xs" c="dimmed">
                {t('billing.invoices.dueOn', { date: calendarDate(invoice.dueDate) })}
              </Text>
            </Group>
          </Card>
        ))}
      </Stack>
    </>
  );
}
