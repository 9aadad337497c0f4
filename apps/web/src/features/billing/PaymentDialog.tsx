import { PAYMENT_METHODS, type PaymentCreate, PaymentCreateSchema, toCents } from '@bancada/shared';
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { newIdempotencyKey } from '../repairs/repair-form';
import { METHOD_ICONS, useAmountBoxProps } from './display';
import {
  amountOf,
  CARD_METHODS,
  changeOf,
  type PaymentValues,
  quickTenders,
  toPaymentBody,
} from './payment-form';

export interface PaymentDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  currency: string;
  /** the open balance: the amount starts with it (null for a deposit, which starts empty) */
  balance: number | null;
  /** what the header says the payment is for ("Saldo", "Total da OS") */
  reference: { label: string; value: number };
  pending: boolean;
  error: unknown;
  /** sends the payment; the dialog closes when it settles well and shows what the server said otherwise */
  onSubmit: (body: PaymentCreate, idempotencyKey: string) => Promise<unknown>;
}

/** "Receber pagamento": big method buttons, the amount, the cash tendered and the change, card details. */
export function PaymentDialog(props: PaymentDialogProps) {
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} fullScreen={isPhone} size="lg">
      {/* mounted per opening: each opening is one submission with its own Idempotency-Key */}
      <PaymentForm {...props} />
    </Modal>
  );
}

function PaymentForm({
  onClose,
  currency,
  balance,
  reference,
  pending,
  error,
  onSubmit,
}: PaymentDialogProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const moneyProps = useAmountBoxProps(currency);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const money = (value: number) => format.money(value, currency);
  const form = useForm<PaymentValues>({
    initialValues: {
      method: null,
      // "489,90", not "489,9": the box shows a string as it is
      amount: balance === null ? '' : balance.toFixed(2),
      tendered: '',
      installments: '1',
      reference: '',
      note: '',
    },
    validate: zodResolver(PaymentCreateSchema, {
      prepare: toPaymentBody,
      refine: (values) => (values.method ? {} : { method: t('billing.pay.methodRequired') }),
    }),
  });
  const { method } = form.values;
  const amount = amountOf(form.values.amount);
  const tendered = amountOf(form.values.tendered);
  const change = method === 'CASH' ? changeOf(amount, tendered) : null;

  const submit = form.onSubmit(async (values) => {
    try {
      await onSubmit(toPaymentBody(values), idempotencyKey);
      onClose();
    } catch (failure) {
      applyServerErrors(form.setErrors, failure);
    }
  });

  // a 400 names the fields; anything else (the 422 overpayment, a 409 paid meanwhile) is shown whole
  const fieldErrors = error instanceof ApiError && error.status === 400 && Boolean(error.details);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-0)">
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">
              {reference.label}
            </Text>
            <Text fw={700} fz="xl" data-testid="payment-balance">
              {money(reference.value)}
            </Text>
          </Group>
        </Paper>

        <Stack gap={6}>
          <Text id="payment-method-label" size="sm" fw={500}>
            {t('billing.pay.method')}
          </Text>
          <SimpleGrid
            cols={{ base: 2, xs: 3 }}
            spacing="xs"
            role="group"
            aria-labelledby="payment-method-label"
          >
            {PAYMENT_METHODS.map((value) => {
              const Icon = METHOD_ICONS[value];
              const selected = method === value;
              return (
                <Button
                  key={value}
                  h={56}
                  variant={selected ? 'filled' : 'default'}
                  aria-pressed={selected}
                  leftSection={<Icon size={22} aria-hidden />}
                  onClick={() => form.setFieldValue('method', value)}
                  styles={{ label: { whiteSpace: 'normal', lineHeight: 1.2 } }}
                >
                  {t(`billing.methods.${value}`)}
                </Button>
              );
            })}
          </SimpleGrid>
          {form.errors.method ? (
            <Text size="xs" c="red" role="alert">
              {form.errors.method}
            </Text>
          ) : null}
        </Stack>

        <NumberInput
          label={t('billing.pay.amount')}
          required
          size="md"
          {...moneyProps}
          {...form.getInputProps('amount')}
          data-autofocus
        />

        {method === 'CASH' ? (
          <CashTender
            amount={amount}
            change={change}
            currency={currency}
            inputProps={form.getInputProps('tendered')}
            onPick={(value) => form.setFieldValue('tendered', value.toFixed(2))}
          />
        ) : null}

        {method === 'CREDIT_CARD' ? (
          <Select
            label={t('billing.pay.installments')}
            data={Array.from({ length: 12 }, (_, i) => {
              const count = i + 1;
              const each = amount ? money(Math.floor(toCents(amount) / count) / 100) : '';
              return {
                value: String(count),
                label:
                  count === 1
                    ? t('billing.pay.singleInstallment')
                    : t('billing.pay.installmentOption', { count, each }),
              };
            })}
            allowDeselect={false}
            {...form.getInputProps('installments')}
          />
        ) : null}

        {method && method !== 'CASH' ? (
          <TextInput
            label={
              CARD_METHODS.includes(method) ? t('billing.pay.authorization') : t('billing.pay.reference')
            }
            description={CARD_METHODS.includes(method) ? t('billing.pay.authorizationHint') : undefined}
            maxLength={120}
            {...form.getInputProps('reference')}
          />
        ) : null}

        <Textarea
          label={t('billing.pay.note')}
          autosize
          minRows={1}
          maxLength={500}
          {...form.getInputProps('note')}
        />

        {error && !fieldErrors ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(error)}
          </Alert>
        ) : null}

        {/* the confirmation stays in sight while the form scrolls (a small laptop at the counter) */}
        <Group
          justify="flex-end"
          gap="xs"
          pos="sticky"
          bottom={0}
          py="xs"
          bg="var(--mantine-color-body)"
          style={{ borderTop: '1px solid var(--mantine-color-gray-2)', zIndex: 1 }}
        >
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" size="md" loading={pending}>
            {amount ? t('billing.pay.confirmAmount', { amount: money(amount) }) : t('billing.pay.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CashTender({
  amount,
  change,
  currency,
  inputProps,
  onPick,
}: {
  amount: number | null;
  change: number | null;
  currency: string;
  inputProps: ReturnType<ReturnType<typeof useForm<PaymentValues>>['getInputProps']>;
  onPick: (value: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const moneyProps = useAmountBoxProps(currency);
  const money = (value: number) => format.money(value, currency);
  return (
    <Stack gap="xs">
      <NumberInput
        label={t('billing.pay.tendered')}
        description={t('billing.pay.tenderedHint')}
        size="md"
        {...moneyProps}
        {...inputProps}
      />
      {quickTenders(amount).length > 0 ? (
        <Group gap={6}>
          {quickTenders(amount).map((value) => (
            <Button key={value} size="compact-sm" variant="light" onClick={() => onPick(value)}>
              {value === amount ? t('billing.pay.exact') : money(value)}
            </Button>
          ))}
        </Group>
      ) : null}
      <Paper
        withBorder
        radius="md"
        p="sm"
        bg={change !== null && change < 0 ? 'var(--mantine-color-red-0)' : 'var(--mantine-color-teal-0)'}
        aria-live="polite"
      >
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            {change !== null && change < 0 ? t('billing.pay.missing') : t('billing.pay.change')}
          </Text>
          <Text
            fz={28}
            fw={800}
            c={change !== null && change < 0 ? 'red.8' : 'teal.9'}
            data-testid="payment-change"
          >
            {change === null ? '—' : money(Math.abs(change))}
          </Text>
        </Group>
      </Paper>
    </Stack>
  );
}
