import {
  type Invoice,
  type Payment,
  type RefundCreate,
  RefundCreateSchema,
  type RefundStatus,
  toCents,
} from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  type MantineColor,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconReceiptRefund } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { Panel } from '../customers/CustomerDataTab';
import { useRefundPayment } from './api';
import { MethodLabel, useAmountBoxProps } from './display';

const REFUND_COLORS: Record<RefundStatus, MantineColor> = {
  COMPLETED: 'teal',
  PROCESSING: 'yellow',
  FAILED: 'red',
};

/** What is left of a payment to give back. */
export function refundable(payment: Pick<Payment, 'amount' | 'refunded'>): number {
  return (toCents(payment.amount) - toCents(payment.refunded)) / 100;
}

/** The payments taken on the invoice (each refundable on its own) and the refunds made. */
export function InvoicePayments({ invoice, currency }: { invoice: Invoice; currency: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const canRefund = can('payments:refund');
  return (
    <Panel id="invoice-payments" title={t('billing.payments.title')}>
      <Stack gap="lg">
        {invoice.payments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('billing.payments.empty')}
          </Text>
        ) : (
          <PaymentsTable
            payments={invoice.payments}
            currency={currency}
            onRefund={canRefund ? setRefunding : undefined}
          />
        )}
        {invoice.refunds.length > 0 ? <RefundsTable invoice={invoice} currency={currency} /> : null}
      </Stack>
      {refunding ? (
        <RefundDialog payment={refunding} currency={currency} onClose={() => setRefunding(null)} />
      ) : null}
    </Panel>
  );
}

export function PaymentsTable({
  payments,
  currency,
  onRefund,
}: {
  payments: Payment[];
  currency: string;
  onRefund?: ((payment: Payment) => void) | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (value: number) => format.money(value, currency);
  const refundButton = (payment: Payment) =>
    onRefund && refundable(payment) > 0 ? (
      <Button
        size="compact-sm"
        variant="subtle"
        color="gray"
        leftSection={<IconReceiptRefund size={14} aria-hidden />}
        onClick={() => onRefund(payment)}
        aria-label={t('billing.refund.openFor', {
          amount: money(payment.amount),
          date: format.dateTime(payment.paidAt),
        })}
      >
        {t('billing.refund.open')}
      </Button>
    ) : null;
  return (
    <>
      <Table.ScrollContainer minWidth={540} visibleFrom="sm">
        <Table verticalSpacing="xs" aria-label={t('billing.payments.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.payments.paidAt')}</Table.Th>
              <Table.Th>{t('billing.payments.method')}</Table.Th>
              <Table.Th ta="right">{t('billing.payments.amount')}</Table.Th>
              <Table.Th>{t('billing.payments.details')}</Table.Th>
              {onRefund ? <Table.Th w={1} /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.map((payment) => (
              <Table.Tr key={payment.id}>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.dateTime(payment.paidAt)}
                  </Text>
                  {payment.createdByName ? (
                    <Text size="xs" c="dimmed">
                      {payment.createdByName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" component="div">
                    <MethodLabel method={payment.method} installments={payment.installments} />
                  </Text>
                  <PaymentFlags payment={payment} />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {money(payment.amount)}
                  </Text>
                  {payment.refunded > 0 ? (
                    <Text size="xs" c="red.8" style={{ whiteSpace: 'nowrap' }}>
                      {t('billing.payments.refunded', { amount: money(payment.refunded) })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <PaymentDetails payment={payment} currency={currency} />
                </Table.Td>
                {onRefund ? (
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{refundButton(payment)}</Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {payments.map((payment) => (
          <Card key={payment.id} withBorder padding="sm">
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" fw={600} component="div">
                <MethodLabel method={payment.method} installments={payment.installments} />
              </Text>
              <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
                {money(payment.amount)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {format.dateTime(payment.paidAt)}
              {payment.createdByName ? ` · ${payment.createdByName}` : ''}
            </Text>
            <PaymentDetails payment={payment} currency={currency} />
            <PaymentFlags payment={payment} />
            {payment.refunded > 0 ? (
              <Text size="xs" c="red.8">
                {t('billing.payments.refunded', { amount: money(payment.refunded) })}
              </Text>
            ) : null}
            {refundButton(payment) ? <Group justify="flex-end">{refundButton(payment)}</Group> : null}
          </Card>
        ))}
      </Stack>
    </>
  );
}

function PaymentDetails({ payment, currency }: { payment: Payment; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (value: number) => format.money(value, currency);
  const parts = [
    payment.tendered !== null && payment.change !== null
      ? t('billing.payments.tenderedChange', {
          tendered: money(payment.tendered),
          change: money(payment.change),
        })
      : null,
    payment.reference ? t('billing.payments.referenceValue', { reference: payment.reference }) : null,
    payment.note,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
      {parts.join(' · ')}
    </Text>
  );
}

function PaymentFlags({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} mt={2}>
      {payment.deposit ? (
        <Badge size="xs" variant="light" color="indigo">
          {t('billing.payments.deposit')}
        </Badge>
      ) : null}
      {payment.flagged ? (
        <Tooltip label={payment.flagReason ?? t('billing.payments.flagged')} multiline maw={280} withArrow>
          <Badge size="xs" color="orange" leftSection={<IconAlertTriangle size={10} aria-hidden />}>
            {t('billing.payments.flagged')}
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}

function RefundsTable({ invoice, currency }: { invoice: Invoice; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="xs">
      <Text id="invoice-refunds" fw={600} size="sm">
        {t('billing.refunds.title')}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" aria-labelledby="invoice-refunds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.refunds.createdAt')}</Table.Th>
              <Table.Th ta="right">{t('billing.refunds.amount')}</Table.Th>
              <Table.Th>{t('billing.refunds.reason')}</Table.Th>
              <Table.Th>{t('billing.refunds.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.refunds.map((refund) => (
              <Table.Tr key={refund.id}>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.dateTime(refund.createdAt)}
                  </Text>
                  {refund.createdByName ? (
                    <Text size="xs" c="dimmed">
                      {refund.createdByName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} c="red.8" style={{ whiteSpace: 'nowrap' }}>
                    − {format.money(refund.amount, currency)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{refund.reason}</Text>
                  {refund.providerMessage ? (
                    <Text size="xs" c="dimmed">
                      {refund.providerMessage}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={REFUND_COLORS[refund.status]}>
                    {t(`billing.refundStatuses.${refund.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

interface RefundValues {
  amount: number | string;
  reason: string;
}

function toRefundBody(values: RefundValues): RefundCreate {
  return {
    amount: values.amount === '' ? undefined : Number(values.amount),
    reason: values.reason,
  };
}

function RefundDialog({
  payment,
  currency,
  onClose,
}: {
  payment: Payment;
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const moneyProps = useAmountBoxProps(currency);
  const refund = useRefundPayment();
  const left = refundable(payment);
  const form = useForm<RefundValues>({
    initialValues: { amount: left.toFixed(2), reason: '' },
    validate: zodResolver(RefundCreateSchema, { prepare: toRefundBody }),
  });
  const submit = form.onSubmit((values) => {
    refund.mutate(
      { paymentId: payment.id, body: toRefundBody(values) },
      {
        onSuccess: (made) => {
          notifySuccess(
            made.status === 'PROCESSING'
              ? t('billing.refund.processing', { amount: format.money(made.amount, currency) })
              : t('billing.refund.done', { amount: format.money(made.amount, currency) }),
          );
          onClose();
        },
        onError: (error) => applyServerErrors(form.setErrors, error),
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('billing.refund.title')} fullScreen={isPhone}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {t('billing.refund.text', {
              method: t(`billing.methods.${payment.method}`),
              amount: format.money(payment.amount, currency),
              left: format.money(left, currency),
            })}
          </Text>
          {payment.method === 'PIX' ? (
            <Text size="xs" c="dimmed">
              {t('billing.refund.pixHint')}
            </Text>
          ) : null}
          <NumberInput
            label={t('billing.refund.amount')}
            required
            {...moneyProps}
            {...form.getInputProps('amount')}
          />
          <Textarea
            label={t('billing.refund.reason')}
            required
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('reason')}
            data-autofocus
          />
          {refund.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(refund.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={refund.isPending}>
              {t('billing.refund.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
