import { UNITS } from '@bancada/shared';
import { Autocomplete, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useMoneyInputProps, useNumberInputProps } from '../../app/number-input';
import { useSupplierOptions } from '../suppliers/api';
import { useCategories } from './api';
import type { ComponentValues } from './component-form';

interface Props {
  form: UseFormReturnType<ComponentValues>;
  /** the id and the initial stock are set once, when the component is created */
  creating: boolean;
  currency: string;
}

export function ComponentFormFields({ form, creating, currency }: Props) {
  const { t } = useTranslation();
  const categories = useCategories();
  const suppliers = useSupplierOptions();
  // what was typed stays; the shared schema refuses a negative, a 3rd decimal or a fraction of a UN
  const money = useMoneyInputProps(currency);
  const quantity = useNumberInputProps();

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t('inventory.fields.code')}
          required
          maxLength={60}
          data-autofocus
          {...form.getInputProps('code')}
        />
        {creating ? (
          <TextInput
            label={t('inventory.fields.customId')}
            description={t('inventory.fields.customIdHint')}
            maxLength={64}
            {...form.getInputProps('id')}
          />
        ) : null}
      </SimpleGrid>
      <TextInput
        label={t('inventory.fields.name')}
        required
        maxLength={160}
        {...form.getInputProps('name')}
      />
      <Textarea
        label={t('inventory.fields.description')}
        autosize
        minRows={2}
        maxLength={2000}
        {...form.getInputProps('description')}
      />
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
        <Select
          label={t('inventory.fields.unit')}
          data={UNITS.map((value) => ({ value, label: t(`inventory.units.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('unit')}
        />
        <NumberInput label={t('inventory.fields.price')} {...money} {...form.getInputProps('price')} />
        <NumberInput label={t('inventory.fields.cost')} {...money} {...form.getInputProps('cost')} />
        {creating ? (
          <NumberInput
            label={t('inventory.fields.initialStock')}
            {...quantity}
            {...form.getInputProps('stock')}
          />
        ) : null}
        <NumberInput
          label={t('inventory.fields.minStock')}
          {...quantity}
          {...form.getInputProps('minStock')}
        />
        <TextInput
          label={t('inventory.fields.location')}
          maxLength={80}
          {...form.getInputProps('location')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Autocomplete
          label={t('inventory.fields.category')}
          description={t('inventory.fields.categoryHint')}
          data={categories.data ?? []}
          maxLength={80}
          {...form.getInputProps('category')}
        />
        <Select
          label={t('inventory.fields.supplier')}
          placeholder={t('inventory.noSupplier')}
          data={suppliers.data ?? []}
          searchable
          clearable
          nothingFoundMessage={t('inventory.noSupplierFound')}
          {...form.getInputProps('supplierId')}
        />
        <TextInput label={t('inventory.fields.barcode')} maxLength={64} {...form.getInputProps('barcode')} />
      </SimpleGrid>
    </Stack>
  );
}
