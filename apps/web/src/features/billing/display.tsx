import type { InvoiceStatus, PaymentMethod } from '@bancada/shared';
import { Badge, Group, type MantineColor, Paper, Stack, Text } from '@mantine/core';
import {
  IconArrowsExchange,
  IconBarcode,
  IconCash,
  IconClockExclamation,
  IconCreditCard,
  IconCreditCardPay,
  IconQrcode,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { useMoneyInputProps } from '../../app/number-input';
import { calendarNoon } from '../../app/shop-dates';

export const INVOICE_STATUS_COLORS: Record<InvoiceStatus, MantineColor> = {
  OPEN: 'blue',
  PARTIALLY_PAID: 'yellow',
  PAID: 'teal',
  CANCELLED: 'gray',
};

export const METHOD_ICONS: Record<PaymentMethod, typeof IconCash> = {
  CASH: IconCash,
  PIX: IconQrcode,
  CREDIT_CARD: IconCreditCard,
  DEBIT_CARD: IconCreditCardPay,
  BOLETO: IconBarcode,
  TRANSFER: IconArrowsExchange,
};

export function InvoiceStatusBadge({
  status,
  size = 'sm',
}: {
  status: InvoiceStatus;
  size?: 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  return (
    <Badge
      variant={status === 'PAID' ? 'filled' : 'light'}
      color={INVOICE_STATUS_COLORS[status]}
      size={size}
      style={{ minWidth: 'max-content' }}
    >
      {t(`billing.invoiceStatuses.${status}`)}
    </Badge>
  );
}

export function OverdueBadge({ size = 'sm' }: { size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      color="red"
      size={size}
      leftSection={<IconClockExclamation size={12} aria-hidden />}
      style={{ minWidth: 'max-content' }}
    >
      {t('billing.overdue')}
    </Badge>
  );
}

export function MethodLabel({ method, installments }: { method: PaymentMethod; installments?: number }) {
  const { t } = useTranslation();
  const Icon = METHOD_ICONS[method];
  return (
    <Group gap={6} wrap="nowrap" component="span">
      <Icon size={16} aria-hidden style={{ flexShrink: 0 }} />
      <span>
        {t(`billing.methods.${method}`)}
        {installments && installments > 1
          ? ` · ${t('billing.installmentsShort', { count: installments })}`
          : ''}
      </span>
    </Group>
  );
}

/** "Fatura nº 12" */
export function useInvoiceNumber(): (number: number) => string {
  const { t } = useTranslation();
  return useCallback((number: number) => t('billing.invoiceNumber', { number }), [t]);
}

/**
 * A calendar date of billing (a due date, "2026-11-30") on the shop's calendar: "2 de dez. de 2026",
 * or "02/12/2026" in tables (`short`), beside the other dates there.
 */
export function useCalendarDate(short = false): (date: string | null) => string {
  const format = useFormat();
  return useCallback(
    (date: string | null) => (short ? format.shortDate(calendarNoon(date)) : format.date(calendarNoon(date))),
    [format, short],
  );
}

/** One figure of a summary row: a label over a large amount. */
export function Figure({
  label,
  value,
  color,
  hint,
}: {
  label: string;
  value: ReactNode;
  color?: MantineColor | undefined;
  hint?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {label}
        </Text>
        <Text fz={{ base: 'lg', sm: 'xl' }} fw={700} c={color} style={{ whiteSpace: 'nowrap' }}>
          {value}
        </Text>
        {hint ? (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A "label … amount" row of a totals box. */
export function TotalRow({
  label,
  value,
  strong,
  color,
}: {
  label: string;
  value: string;
  strong?: boolean;
  color?: MantineColor | undefined;
}) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap">
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 400} c={color}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 500} c={color} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Group>
  );
}

/**
 * A money box that keeps what it shows: "489,90" stays "489,90" when the focus leaves it (Mantine
 * trims a typed or given "489.90" to 489,9 on blur otherwise).
 */
export function useAmountBoxProps(currency: string) {
  return { ...useMoneyInputProps(currency), trimLeadingZeroesOnBlur: false };
}
