import {
  type Invoice,
  OPEN_REPAIR_STATUSES,
  type PaymentCreate,
  type Repair,
  toCents,
} from '@bancada/shared';
import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCash, IconPigMoney, IconReceipt } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useCustomerFinancial, usePayInvoice, useRepairInvoice, useTakeDeposit } from './api';
import { InvoiceStatusBadge, OverdueBadge, TotalRow, useInvoiceNumber } from './display';
import { PaymentDialog } from './PaymentDialog';
import { changeOf, isPayable } from './payment-form';

/**
 * The order's money on its page: the invoice once the order is finished (balance, take a payment),
 * before that the deposits (sinal) taken on it and a button to take one.
 */
export function RepairInvoiceCard({ repair, currency }: { repair: Repair; currency: string }) {
  const { can } = useAuth();
  const invoice = useRepairInvoice(repair.id, can('invoices:read'));
  if (!can('invoices:read')) return null;
  if (invoice.isPending) return <Skeleton height={120} radius="md" />;
  if (invoice.isError) return <ErrorAlert error={invoice.error} onRetry={() => void invoice.refetch()} />;
  if (invoice.data) return <InvoiceSummary invoice={invoice.data.data} currency={currency} />;
  if (!OPEN_REPAIR_STATUSES.includes(repair.status)) return null;
  return <Deposits repair={repair} currency={currency} />;
}

function CardFrame({ children, title }: { children: ReactNode; title: string }) {
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="repair-billing"
    >
      <Group gap="xs" mb="sm">
        <IconReceipt size={20} aria-hidden />
        <Title order={2} fz="h5" id="repair-billing">
          {title}
        </Title>
      </Group>
      {children}
    </Paper>
  );
}

function InvoiceSummary({ invoice, currency }: { invoice: Invoice; currency: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const invoiceNumber = useInvoiceNumber();
  const pay = usePayInvoice(invoice.id);
  const [paying, { open, close }] = useDisclosure(false);
  const money = (value: number) => format.money(value, currency);
  const receive = async (body: PaymentCreate, idempotencyKey: string) => {
    await pay.mutateAsync({ body, idempotencyKey });
    const change = changeOf(body.amount, body.tendered ?? null);
    notifySuccess(
      change
        ? t('billing.pay.doneWithChange', { amount: money(body.amount), change: money(change) })
        : t('billing.pay.done', { amount: money(body.amount) }),
    );
  };
  return (
    <CardFrame title={t('billing.repair.invoiceTitle')}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <TextLink to={`/invoices/${invoice.id}`} fw={600}>
            {invoiceNumber(invoice.number)}
          </TextLink>
          <Group gap={6}>
            <InvoiceStatusBadge status={invoice.status} />
            {invoice.overdue ? <OverdueBadge /> : null}
          </Group>
        </Group>
        <TotalRow label={t('billing.totals.total')} value={money(invoice.total)} />
        <TotalRow label={t('billing.totals.paid')} value={money(invoice.paid)} color="teal.8" />
        <TotalRow label={t('billing.totals.balance')} value={money(invoice.balance)} strong />
        <Group gap="xs" mt="xs">
          {isPayable(invoice) && can('payments:write') ? (
            <Button leftSection={<IconCash size={16} aria-hidden />} onClick={open}>
              {t('billing.pay.open')}
            </Button>
          ) : null}
          <Button variant="default" component={Link} to={`/invoices/${invoice.id}`}>
            {t('billing.repair.openInvoice')}
          </Button>
        </Group>
      </Stack>
      {isPayable(invoice) && can('payments:write') ? (
        <PaymentDialog
          opened={paying}
          onClose={() => {
            close();
            pay.reset();
          }}
          title={t('billing.pay.title', { number: invoice.number })}
          currency={currency}
          balance={invoice.balance}
          reference={{ label: t('billing.totals.balance'), value: invoice.balance }}
          pending={pay.isPending}
          error={pay.error}
          onSubmit={receive}
        />
      ) : null}
    </CardFrame>
  );
}

function Deposits({ repair, currency }: { repair: Repair; currency: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const financial = useCustomerFinancial(repair.customerId);
  const deposit = useTakeDeposit(repair.id);
  const [taking, { open, close }] = useDisclosure(false);
  const money = (value: number) => format.money(value, currency);
  const taken = (financial.data?.payments ?? []).filter((p) => p.deposit && p.repairId === repair.id);
  const held = taken.reduce((cents, p) => cents + toCents(p.amount) - toCents(p.refunded), 0) / 100;
  const receive = async (body: PaymentCreate, idempotencyKey: string) => {
    await deposit.mutateAsync({ body, idempotencyKey });
    notifySuccess(t('billing.deposit.done', { amount: money(body.amount), number: repair.number }));
  };
  return (
    <CardFrame title={t('billing.repair.depositTitle')}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('billing.repair.noInvoiceYet')}
        </Text>
        {held > 0 ? (
          <TotalRow label={t('billing.repair.depositsTaken')} value={money(held)} strong color="teal.8" />
        ) : null}
        {can('payments:write') ? (
          <Group>
            <Button variant="light" leftSection={<IconPigMoney size={16} aria-hidden />} onClick={open}>
              {t('billing.deposit.open')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      {can('payments:write') ? (
        <PaymentDialog
          opened={taking}
          onClose={() => {
            close();
            deposit.reset();
          }}
          title={t('billing.deposit.title', { number: repair.number })}
          currency={currency}
          balance={null}
          reference={{ label: t('billing.deposit.orderTotal'), value: repair.totalValue }}
          pending={deposit.isPending}
          error={deposit.error}
          onSubmit={receive}
        />
      ) : null}
    </CardFrame>
  );
}
