import {
  type CashMovementCreate,
  CashMovementCreateSchema,
  type CashRegister,
  CashRegisterCloseSchema,
  CashRegisterOpenSchema,
  toCents,
} from '@bancada/shared';
import { Alert, Button, Group, Modal, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconCashRegister } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useOrganizationCurrency } from '../organization/api';
import { useCashMovement, useCloseCashRegister, useOpenCashRegister } from './api';
import { TotalRow, useAmountBoxProps } from './display';

const amountOf = (value: number | string): number =>
  value === '' ? Number.NaN : typeof value === 'number' ? value : Number(value);

/** A message for a refusal that is not about one field (a 409 register already open, say). */
function OtherError({ error }: { error: unknown }) {
  if (!error || (error instanceof ApiError && error.status === 400)) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {errorMessage(error)}
    </Alert>
  );
}

/** Opening the day: the float (troco) in the drawer. */
export function OpenRegisterForm() {
  const { t } = useTranslation();
  const currency = useOrganizationCurrency();
  const moneyBox = useAmountBoxProps(currency);
  const open = useOpenCashRegister();
  const form = useForm<{ openingFloat: number | string }>({
    initialValues: { openingFloat: '' },
    validate: zodResolver(CashRegisterOpenSchema, {
      prepare: (values) => ({ openingFloat: values.openingFloat === '' ? 0 : amountOf(values.openingFloat) }),
    }),
  });
  const submit = form.onSubmit((values) => {
    const openingFloat = values.openingFloat === '' ? 0 : amountOf(values.openingFloat);
    open.mutate(
      { openingFloat },
      {
        onSuccess: () => notifySuccess(t('billing.cash.opened')),
        onError: (error) => applyServerErrors(form.setErrors, error),
      },
    );
  });
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="cash-open"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group gap="xs">
            <IconCashRegister size={22} aria-hidden />
            <Title order={2} fz="h4" id="cash-open">
              {t('billing.cash.closedTitle')}
            </Title>
          </Group>
          <Text size="sm" c="dimmed">
            {t('billing.cash.closedText')}
          </Text>
          <NumberInput
            label={t('billing.cash.openingFloat')}
            description={t('billing.cash.openingFloatHint')}
            size="md"
            {...moneyBox}
            {...form.getInputProps('openingFloat')}
          />
          <OtherError error={open.error} />
          <Group justify="flex-end">
            <Button type="submit" size="md" loading={open.isPending}>
              {t('billing.cash.openConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

interface MovementValues {
  amount: number | string;
  note: string;
}

/** A withdrawal (sangria) or a supply (suprimento), with its reason. */
export function MovementDialog({
  kind,
  register,
  onClose,
}: {
  kind: CashMovementCreate['kind'];
  register: CashRegister;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const moneyBox = useAmountBoxProps(currency);
  const isPhone = useMediaQuery('(max-width: 36em)');
  const move = useCashMovement();
  const toBody = (values: MovementValues): CashMovementCreate => ({
    kind,
    amount: amountOf(values.amount),
    note: values.note,
  });
  const form = useForm<MovementValues>({
    initialValues: { amount: '', note: '' },
    validate: zodResolver(CashMovementCreateSchema, { prepare: toBody }),
  });
  const submit = form.onSubmit((values) => {
    move.mutate(toBody(values), {
      onSuccess: () => {
        notifySuccess(
          t(kind === 'WITHDRAWAL' ? 'billing.cash.withdrawalDone' : 'billing.cash.supplyDone', {
            amount: format.money(amountOf(values.amount), currency),
          }),
        );
        onClose();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });
  return (
    <Modal
      opened
      onClose={onClose}
      fullScreen={isPhone}
      title={t(kind === 'WITHDRAWAL' ? 'billing.cash.withdrawalTitle' : 'billing.cash.supplyTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TotalRow label={t('billing.cash.expected')} value={format.money(register.expected, currency)} />
          <NumberInput
            label={t('billing.cash.amount')}
            required
            size="md"
            {...moneyBox}
            {...form.getInputProps('amount')}
            data-autofocus
          />
          <Textarea
            label={t('billing.cash.reason')}
            placeholder={t(
              kind === 'WITHDRAWAL' ? 'billing.cash.withdrawalPlaceholder' : 'billing.cash.supplyPlaceholder',
            )}
            required
            autosize
            minRows={2}
            maxLength={300}
            {...form.getInputProps('note')}
          />
          <OtherError error={move.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={move.isPending}
              color={kind === 'WITHDRAWAL' ? 'orange' : undefined}
            >
              {t(kind === 'WITHDRAWAL' ? 'billing.cash.withdrawal' : 'billing.cash.supply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface CloseValues {
  counted: number | string;
  note: string;
}

/** Closing the day: the amount counted in the drawer, against what the register expects. */
export function CloseRegisterDialog({ register, onClose }: { register: CashRegister; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const moneyBox = useAmountBoxProps(currency);
  const isPhone = useMediaQuery('(max-width: 36em)');
  const close = useCloseCashRegister();
  const toBody = (values: CloseValues) => ({
    counted: amountOf(values.counted),
    note: values.note.trim() || null,
  });
  const form = useForm<CloseValues>({
    initialValues: { counted: '', note: '' },
    validate: zodResolver(CashRegisterCloseSchema, { prepare: toBody }),
  });
  const counted = form.values.counted === '' ? null : amountOf(form.values.counted);
  const difference =
    counted !== null && Number.isFinite(counted)
      ? (toCents(counted) - toCents(register.expected)) / 100
      : null;
  const money = (value: number) => format.money(value, currency);
  const submit = form.onSubmit((values) => {
    close.mutate(toBody(values), {
      onSuccess: (closed) => {
        notifySuccess(t('billing.cash.closed', { difference: money(closed.difference ?? 0) }));
        onClose();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });
  return (
    <Modal opened onClose={onClose} title={t('billing.cash.closeTitle')} fullScreen={isPhone}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Paper withBorder radius="md" p="sm">
            <Stack gap={4}>
              <TotalRow label={t('billing.cash.expected')} value={money(register.expected)} strong />
              <Text size="xs" c="dimmed">
                {t('billing.cash.expectedHint')}
              </Text>
            </Stack>
          </Paper>
          <NumberInput
            label={t('billing.cash.counted')}
            required
            size="md"
            {...moneyBox}
            {...form.getInputProps('counted')}
            data-autofocus
          />
          <Paper
            withBorder
            radius="md"
            p="sm"
            aria-live="polite"
            bg={
              difference === null || difference === 0
                ? 'var(--mantine-color-teal-0)'
                : difference < 0
                  ? 'var(--mantine-color-red-0)'
                  : 'var(--mantine-color-blue-0)'
            }
          >
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {difference === null
                  ? t('billing.cash.difference')
                  : difference < 0
                    ? t('billing.cash.missing')
                    : difference > 0
                      ? t('billing.cash.over')
                      : t('billing.cash.matches')}
              </Text>
              <Text fz={24} fw={800} data-testid="cash-difference">
                {difference === null ? '—' : money(difference)}
              </Text>
            </Group>
          </Paper>
          <Textarea
            label={t('billing.cash.closingNote')}
            autosize
            minRows={1}
            maxLength={500}
            {...form.getInputProps('note')}
          />
          <OtherError error={close.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="dark" loading={close.isPending}>
              {t('billing.cash.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
