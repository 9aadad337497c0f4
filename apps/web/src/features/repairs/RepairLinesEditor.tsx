import type { Component, ServiceCatalogItem } from '@bancada/shared';
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
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { useNumberInputProps } from '../../app/number-input';
import { useServiceCatalog } from '../service-catalog/api';
import { useComponentPicker } from './api';
import { useMoneyInputProps } from './display';
import { nextKey, numberOr, type PartValues, type RepairValues, type ServiceValues } from './repair-form';

type Form = UseFormReturnType<RepairValues>;

/** Parts by component: search, pick (name and unit price shown), set the quantity, see the line total. */
export function PartsEditor({
  form,
  currency,
  lineTotals,
}: {
  form: Form;
  currency: string;
  lineTotals: number[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  // a negative, a 4th decimal or a fraction of a whole unit stays as typed: the form says what is wrong
  const quantityBox = useNumberInputProps();

  return (
    <Stack gap="sm">
      {form.values.parts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('repairForm.parts.empty')}
        </Text>
      ) : null}
      {form.values.parts.map((part, index) => {
        const quantity = numberOr(part.quantity, 0) ?? 0;
        const overStock = quantity > part.stock;
        const quantityError = form.errors[`parts.${index}.quantity`];
        const idError = form.errors[`parts.${index}.componentId`];
        return (
          <Card
            key={part.key}
            withBorder
            padding="sm"
            radius="md"
            style={quantityError || idError ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
            data-testid="part-line"
          >
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {part.name}
                </Text>
                <Text size="xs" c="dimmed">
                  <Text span ff="monospace" inherit>
                    {part.code}
                  </Text>
                  {' · '}
                  {t('repairForm.parts.stock', { value: `${format.number(part.stock)} ${part.unit}` })}
                </Text>
              </Stack>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => form.removeListItem('parts', index)}
                aria-label={t('repairForm.parts.remove', { name: part.name })}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <SimpleGrid cols={3} spacing="sm" mt="xs" style={{ alignItems: 'start' }}>
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('repairForm.parts.unitValue')}
                </Text>
                <Text size="sm" lh="36px" style={{ whiteSpace: 'nowrap' }}>
                  {format.money(part.unitValue, currency)}
                </Text>
              </Stack>
              <NumberInput
                label={t('repairForm.parts.quantity', { unit: part.unit })}
                {...quantityBox}
                {...form.getInputProps(`parts.${index}.quantity`)}
              />
              <Stack gap={4} align="flex-end">
                <Text size="sm" fw={500}>
                  {t('repairForm.parts.lineTotal')}
                </Text>
                <Text size="sm" fw={700} lh="36px" style={{ whiteSpace: 'nowrap' }}>
                  {format.money(lineTotals[index] ?? 0, currency)}
                </Text>
              </Stack>
            </SimpleGrid>
            {overStock && !quantityError ? (
              <Group gap={6} mt={6} wrap="nowrap">
                <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" aria-hidden />
                <Text size="xs" c="orange.8">
                  {t('repairForm.parts.overStock', { value: format.number(part.stock) })}
                </Text>
              </Group>
            ) : null}
            {idError ? (
              <Text size="xs" c="red" mt={6} role="alert">
                {idError}
              </Text>
            ) : null}
          </Card>
        );
      })}
      <AddPart
        exclude={form.values.parts.map((part) => part.componentId)}
        currency={currency}
        onAdd={(component) =>
          form.insertListItem('parts', {
            key: nextKey(),
            componentId: component.id,
            name: component.name,
            code: component.code,
            unit: component.unit,
            unitValue: component.price,
            stock: component.stock,
            quantity: 1,
          } satisfies PartValues)
        }
      />
    </Stack>
  );
}

export function AddPart({
  exclude,
  currency,
  onAdd,
}: {
  exclude: string[];
  currency: string;
  onAdd: (component: Component) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const components = useComponentPicker(q);
  const found = (components.data?.items ?? []).filter((c) => !exclude.includes(c.id));
  const byId = new Map(found.map((c) => [c.id, c]));
  return (
    <Select
      label={t('repairForm.parts.add')}
      placeholder={t('repairForm.parts.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // the server searched name, code and description
      filter={({ options }) => options}
      data={found.map((c) => ({ value: c.id, label: `${c.name} · ${c.code}` }))}
      renderOption={({ option }) => {
        const c = byId.get(option.value);
        if (!c) return option.label;
        return (
          <Group justify="space-between" gap="xs" wrap="nowrap" w="100%">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" truncate>
                {c.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {[c.code, c.description].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
            <Stack gap={0} align="flex-end">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {format.money(c.price, currency)}
              </Text>
              <Text size="xs" c={c.stock > 0 ? 'dimmed' : 'red'} style={{ whiteSpace: 'nowrap' }}>
                {c.stock > 0
                  ? t('repairForm.parts.stock', { value: `${format.number(c.stock)} ${c.unit}` })
                  : t('repairForm.parts.noStock')}
              </Text>
            </Stack>
          </Group>
        );
      }}
      nothingFoundMessage={components.isFetching ? t('common.loading') : t('repairForm.parts.nothing')}
      value={null}
      onChange={(value) => {
        const component = value ? byId.get(value) : undefined;
        if (!component) return;
        onAdd(component);
        setSearch('');
      }}
    />
  );
}

/** Labor lines: a canned job from the catalog (description, hours and price prefilled) or typed in. */
export function ServiceLinesEditor({ form, currency }: { form: Form; currency: string }) {
  const { t } = useTranslation();
  const money = useMoneyInputProps(currency);
  const hours = useNumberInputProps();
  const add = (line: Omit<ServiceValues, 'key'>) =>
    form.insertListItem('services', { key: nextKey(), ...line } satisfies ServiceValues);

  return (
    <Stack gap="sm">
      {form.values.services.map((line, index) => (
        <Card key={line.key} withBorder padding="sm" radius="md" data-testid="service-line">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" style={{ flex: 1 }}>
              <TextInput
                label={t('repairForm.services.description')}
                required={!line.catalogId}
                maxLength={300}
                style={{ gridColumn: 'span 2' }}
                {...form.getInputProps(`services.${index}.description`)}
              />
              <NumberInput
                label={t('repairForm.services.hours')}
                suffix=" h"
                {...hours}
                {...form.getInputProps(`services.${index}.hours`)}
              />
              <NumberInput
                label={t('repairForm.services.price')}
                {...money}
                {...form.getInputProps(`services.${index}.price`)}
              />
            </SimpleGrid>
            <ActionIcon
              variant="subtle"
              color="red"
              mt={28}
              onClick={() => form.removeListItem('services', index)}
              aria-label={t('repairForm.services.remove', { index: index + 1 })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Card>
      ))}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: '1 1 18rem' }}>
          <AddCatalogService
            currency={currency}
            onAdd={(item) =>
              add({
                catalogId: item.id,
                description: item.name,
                hours: item.standardHours,
                price: item.price,
              })
            }
          />
        </div>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => add({ catalogId: null, description: '', hours: '', price: 0 })}
        >
          {t('repairForm.services.custom')}
        </Button>
      </Group>
    </Stack>
  );
}

function AddCatalogService({
  currency,
  onAdd,
}: {
  currency: string;
  onAdd: (item: ServiceCatalogItem) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const catalog = useServiceCatalog({ q: q || undefined, active: 'true', page: 1, pageSize: 20 });
  const items = catalog.data?.items ?? [];
  const byId = new Map(items.map((item) => [item.id, item]));
  return (
    <Select
      label={t('repairForm.services.add')}
      placeholder={t('repairForm.services.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={items.map((item) => ({ value: item.id, label: `${item.code} · ${item.name}` }))}
      renderOption={({ option }) => {
        const item = byId.get(option.value);
        if (!item) return option.label;
        return (
          <Group justify="space-between" gap="xs" wrap="nowrap" w="100%">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" truncate>
                {item.name}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {item.code}
              </Text>
            </Stack>
            <Stack gap={0} align="flex-end">
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {format.money(item.price, currency)}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('serviceCatalog.hoursValue', { value: format.number(item.standardHours) })}
              </Text>
            </Stack>
          </Group>
        );
      }}
      nothingFoundMessage={catalog.isFetching ? t('common.loading') : t('repairForm.services.nothing')}
      value={null}
      onChange={(value) => {
        const item = value ? byId.get(value) : undefined;
        if (!item) return;
        onAdd(item);
        setSearch('');
      }}
    />
  );
}
