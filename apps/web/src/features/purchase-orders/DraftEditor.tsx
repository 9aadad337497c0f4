import {
  type PurchaseOrder,
  PurchaseOrderUpdateSchema,
  sumMoney,
  translateValidationMessage,
} from '@bancada/shared';
import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { currentLocale } from '../../app/i18n';
import { notifySuccess } from '../../app/notify';
import { useMoneyInputProps, useNumberInputProps } from '../../app/number-input';
import { useComponents } from '../inventory/api';
import { useUpdatePurchaseOrder } from './api';
import {
  type DraftLineValues,
  type DraftValues,
  draftLineChecks,
  draftLineTotal,
  toDraftCandidate,
  toDraftValues,
} from './draft-form';

const draftSchema = zodResolver(PurchaseOrderUpdateSchema, { prepare: toDraftCandidate });

interface Props {
  resource: Versioned<PurchaseOrder>;
  currency: string;
  onReload: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

/** A draft's lines, costs and expected date, saved together with If-Match. */
export function DraftEditor({ resource, currency, onReload, onDirtyChange }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const order = resource.data;
  const update = useUpdatePurchaseOrder(order.id);
  const form = useForm<DraftValues>({
    initialValues: toDraftValues(order),
    // the schema's errors, with the form's own words over them where it has them
    validate: (values) => ({
      ...draftSchema(values),
      ...Object.fromEntries(
        Object.entries(draftLineChecks(values)).map(([path, key]) => [
          path,
          translateValidationMessage(key, currentLocale()),
        ]),
      ),
    }),
  });
  const dirty = form.isDirty();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version resets the form
  useEffect(() => {
    form.setInitialValues(toDraftValues(order));
    form.setValues(toDraftValues(order));
    form.resetDirty(toDraftValues(order));
  }, [order.version]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reports the flag only
  useEffect(() => onDirtyChange(dirty), [dirty]);

  const total = sumMoney(form.values.lines.map(draftLineTotal));

  const submit = form.onSubmit((values) => {
    update.mutate(
      { etag: resource.etag, body: toDraftCandidate(values) },
      {
        onSuccess: () => notifySuccess(t('purchasing.draft.saved', { number: order.number })),
        onError: (error) => applyServerErrors(form.setErrors, error),
      },
    );
  });

  // kept as typed: the shared schema refuses a negative or too many decimals on the field
  const money = useMoneyInputProps(currency);
  const quantity = useNumberInputProps();
  const linesError = form.errors.lines;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveErrorAlert
          error={update.error}
          staleHint={t('purchasing.draft.staleHint')}
          onReload={onReload}
        />

        <Stack gap="sm">
          {form.values.lines.map((line, index) => (
            <Card key={line.componentId} withBorder padding="sm">
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {line.componentName}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {line.code}
                  </Text>
                </Stack>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => form.removeListItem('lines', index)}
                  aria-label={t('purchasing.draft.removeLine', { name: line.componentName })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" mt="xs">
                <NumberInput
                  label={t('purchasing.lines.quantityIn', { unit: line.unit })}
                  {...quantity}
                  {...form.getInputProps(`lines.${index}.quantity`)}
                />
                <NumberInput
                  label={t('purchasing.lines.unitCost')}
                  {...money}
                  {...form.getInputProps(`lines.${index}.unitCost`)}
                />
                <Stack gap={0} justify="flex-end">
                  <Text size="xs" c="dimmed">
                    {t('purchasing.lines.total')}
                  </Text>
                  <Text size="sm" fw={600}>
                    {format.money(draftLineTotal(line), currency)}
                  </Text>
                </Stack>
              </SimpleGrid>
            </Card>
          ))}
          {typeof linesError === 'string' ? (
            <Text size="sm" c="red" role="alert">
              {linesError}
            </Text>
          ) : null}
          <AddLine
            exclude={form.values.lines.map((line) => line.componentId)}
            onAdd={(line) => form.insertListItem('lines', line)}
          />
        </Stack>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <DateInput
            label={t('purchasing.fields.expectedAt')}
            valueFormat="L"
            clearable
            {...form.getInputProps('expectedAt')}
          />
          <Stack gap={0} justify="flex-end">
            <Text size="xs" c="dimmed">
              {t('purchasing.fields.total')}
            </Text>
            <Text fw={700} fz="lg">
              {format.money(total, currency)}
            </Text>
          </Stack>
        </SimpleGrid>
        <Textarea
          label={t('purchasing.fields.notes')}
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" gap="xs">
          {dirty ? (
            <Button variant="default" onClick={() => form.reset()}>
              {t('common.discard')}
            </Button>
          ) : null}
          <Button type="submit" loading={update.isPending} disabled={!dirty}>
            {t('purchasing.draft.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Picks a component by name, code or description and adds it with its cost. */
function AddLine({ exclude, onAdd }: { exclude: string[]; onAdd: (line: DraftLineValues) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const components = useComponents({ q: q || undefined, page: 1, pageSize: 20 });
  const found = (components.data?.items ?? []).filter((c) => c.active && !exclude.includes(c.id));
  return (
    <Select
      label={t('purchasing.draft.addLine')}
      placeholder={t('inventory.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={found.map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }))}
      nothingFoundMessage={components.isFetching ? t('common.loading') : t('inventory.emptyFilteredTitle')}
      value={null}
      onChange={(value) => {
        const component = found.find((c) => c.id === value);
        if (!component) return;
        onAdd({
          componentId: component.id,
          componentName: component.name,
          code: component.code,
          unit: component.unit,
          quantity: Math.max(1, component.minStock - component.stock),
          unitCost: component.cost,
          repairId: null,
        });
        setSearch('');
      }}
    />
  );
}
