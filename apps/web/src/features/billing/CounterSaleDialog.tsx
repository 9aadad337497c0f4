import {
  formatPhone,
  type InvoiceCreate,
  InvoiceCreateSchema,
  partTotalCents,
  toCents,
} from '@bancada/shared';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { useCustomers } from '../customers/api';
import { documentOf } from '../customers/display';
import { useOrganizationCurrency } from '../organization/api';
import { AddPart } from '../repairs/RepairLinesEditor';
import { newIdempotencyKey } from '../repairs/repair-form';
import { useCreateInvoice } from './api';
import { TotalRow, useAmountBoxProps } from './display';

interface LineValues {
  key: string;
  kind: 'PART' | 'OTHER';
  description: string;
  quantity: number | string;
  unitValue: number | string;
  componentId: string | null;
  /** a part's code and unit, shown under its name */
  code: string;
  unit: string;
}

interface SaleValues {
  customerId: string;
  lines: LineValues[];
  discount: number | string;
  notes: string;
}

const numberOr = (value: number | string, fallback: number) => {
  const n = typeof value === 'number' ? value : Number(value);
  return value === '' || !Number.isFinite(n) ? fallback : n;
};

function toSaleBody(values: SaleValues): InvoiceCreate {
  return {
    customerId: values.customerId,
    kind: 'COUNTER',
    lines: values.lines.map((line) => ({
      kind: line.kind,
      description: line.description,
      quantity: numberOr(line.quantity, Number.NaN),
      unitValue: numberOr(line.unitValue, Number.NaN),
      ...(line.componentId ? { componentId: line.componentId } : {}),
    })),
    discount: numberOr(values.discount, 0),
    notes: values.notes.trim() || null,
  };
}

/** Sum of the lines minus the discount, in exact cents (the server's own rule for part lines). */
export function saleTotal(values: Pick<SaleValues, 'lines' | 'discount'>): number {
  const cents = values.lines.reduce((sum, line) => {
    const quantity = numberOr(line.quantity, 0);
    const unit = numberOr(line.unitValue, 0);
    return sum + partTotalCents(Math.round(quantity * 1000), toCents(unit));
  }, 0);
  return (cents - toCents(numberOr(values.discount, 0))) / 100;
}

let lineKey = 0;
const nextKey = () => `line-${++lineKey}`;

/** "Nova venda no balcão": parts from stock and free lines for a customer, with no service order. */
export function CounterSaleDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('billing.counterSale.title')}
      fullScreen={isPhone}
      size="xl"
    >
      <CounterSaleForm onClose={onClose} />
    </Modal>
  );
}

function CounterSaleForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const currency = useOrganizationCurrency();
  const moneyBox = useAmountBoxProps(currency);
  const quantityBox = useNumberInputProps();
  const create = useCreateInvoice();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<SaleValues>({
    initialValues: { customerId: '', lines: [], discount: '', notes: '' },
    validate: zodResolver(InvoiceCreateSchema, { prepare: toSaleBody }),
  });
  const total = saleTotal(form.values);

  const addFreeLine = () =>
    form.insertListItem('lines', {
      key: nextKey(),
      kind: 'OTHER',
      description: '',
      quantity: 1,
      unitValue: '',
      componentId: null,
      code: '',
      unit: '',
    } satisfies LineValues);

  const submit = form.onSubmit((values) => {
    create.mutate(
      { body: toSaleBody(values), idempotencyKey },
      {
        onSuccess: (invoice) => {
          notifySuccess(t('billing.counterSale.done', { number: invoice.number }));
          onClose();
          navigate(`/invoices/${invoice.id}`);
        },
        onError: (error) => applyServerErrors(form.setErrors, error),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <CustomerSelect
          value={form.values.customerId}
          error={form.errors.customerId}
          onChange={(id) => form.setFieldValue('customerId', id)}
        />
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('billing.counterSale.lines')}
          </Text>
          {form.values.lines.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('billing.counterSale.noLines')}
            </Text>
          ) : null}
          {form.errors.lines ? (
            <Text size="xs" c="red" role="alert">
              {form.errors.lines}
            </Text>
          ) : null}
          {form.values.lines.map((line, index) => (
            <Card key={line.key} withBorder padding="sm" data-testid="sale-line">
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                {line.componentId ? (
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {line.description}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {line.code}
                    </Text>
                  </Stack>
                ) : (
                  <TextInput
                    label={t('billing.lines.description')}
                    required
                    maxLength={300}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`lines.${index}.description`)}
                  />
                )}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={line.componentId ? 0 : 'xl'}
                  onClick={() => form.removeListItem('lines', index)}
                  aria-label={t('billing.counterSale.removeLine', { name: line.description || index + 1 })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={3} spacing="sm" mt="xs" style={{ alignItems: 'start' }}>
                <NumberInput
                  label={
                    line.unit
                      ? t('billing.lines.quantityUnit', { unit: line.unit })
                      : t('billing.lines.quantity')
                  }
                  {...quantityBox}
                  {...form.getInputProps(`lines.${index}.quantity`)}
                />
                <NumberInput
                  label={t('billing.lines.unitValue')}
                  {...moneyBox}
                  {...form.getInputProps(`lines.${index}.unitValue`)}
                />
                <Stack gap={4} align="flex-end">
                  <Text size="sm" fw={500}>
                    {t('billing.lines.totalValue')}
                  </Text>
                  <Text size="sm" fw={700} lh="36px" style={{ whiteSpace: 'nowrap' }}>
                    {format.money(saleTotal({ lines: [line], discount: 0 }), currency)}
                  </Text>
                </Stack>
              </SimpleGrid>
            </Card>
          ))}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ alignItems: 'end' }}>
            <AddPart
              exclude={form.values.lines.flatMap((line) => (line.componentId ? [line.componentId] : []))}
              currency={currency}
              onAdd={(component) =>
                form.insertListItem('lines', {
                  key: nextKey(),
                  kind: 'PART',
                  description: component.name,
                  quantity: 1,
                  // "64,50", not "64,5": the box shows a string as it is
                  unitValue: component.price.toFixed(2),
                  componentId: component.id,
                  code: component.code,
                  unit: component.unit,
                } satisfies LineValues)
              }
            />
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={addFreeLine}>
              {t('billing.counterSale.addFreeLine')}
            </Button>
          </SimpleGrid>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput
            label={t('billing.totals.discount')}
            {...moneyBox}
            {...form.getInputProps('discount')}
          />
          <Stack gap={4} justify="flex-end">
            <TotalRow label={t('billing.totals.total')} value={format.money(total, currency)} strong />
          </Stack>
        </SimpleGrid>
        <Textarea
          label={t('billing.fields.notes')}
          autosize
          minRows={1}
          maxLength={2000}
          {...form.getInputProps('notes')}
        />
        {create.isError && !(create.error instanceof ApiError && create.error.status === 400) ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(create.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('billing.counterSale.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The customer, searched on the server by name, document or phone. */
export function CustomerSelect({
  value,
  error,
  onChange,
}: {
  value: string;
  error: unknown;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [q] = useDebouncedValue(picked && search === picked.label ? '' : search.trim(), 250);
  const candidates = useCustomers({ q: q || undefined, sort: 'name', page: 1, pageSize: 20 });
  const found = (candidates.data?.items ?? []).map((customer) => ({
    value: customer.id,
    label: [customer.name, documentOf(customer), customer.phone ? formatPhone(customer.phone) : null]
      .filter(Boolean)
      .join(' · '),
  }));
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  return (
    <Select
      label={t('billing.fields.customer')}
      placeholder={t('billing.counterSale.customerPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={options}
      nothingFoundMessage={candidates.isFetching ? t('common.loading') : t('billing.counterSale.nobody')}
      value={value || null}
      error={typeof error === 'string' ? error : undefined}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null);
        onChange(id ?? '');
      }}
      data-autofocus
      clearable
    />
  );
}
