import { APPLIANCE_TYPES, type Asset, FUEL_LEVELS, formatPhone, VOLTAGES } from '@bancada/shared';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { useFormat } from '../../app/format';
import { useNumberInputProps } from '../../app/number-input';
import { assetIdentifier, useAssetTitle } from '../assets/kinds';
import { useCustomer, useCustomerAssets, useCustomers } from '../customers/api';
import { documentOf } from '../customers/display';
import { useMoneyInputProps } from './display';
import { type ApplianceValues, emptyAppliance, type RepairValues } from './repair-form';

type Form = UseFormReturnType<RepairValues>;

interface Option {
  value: string;
  label: string;
}

/** Step 1: the customer, searched on the server by name, document, phone, e-mail or plate. */
export function CustomerPicker({
  form,
  initialCustomerId,
}: {
  form: Form;
  initialCustomerId: string | null;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  // once a customer is picked the box shows its label: that is not a new search
  const [picked, setPicked] = useState<Option | null>(null);
  const [q] = useDebouncedValue(picked && search === picked.label ? '' : search.trim(), 250);
  const candidates = useCustomers({ q: q || undefined, sort: 'name', page: 1, pageSize: 20 });

  const found = (candidates.data?.items ?? []).map((customer) => ({
    value: customer.id,
    label: [customer.name, documentOf(customer), customer.phone ? formatPhone(customer.phone) : null]
      .filter(Boolean)
      .join(' · '),
  }));
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;

  const choose = (option: Option | null) => {
    form.setFieldValue('userId', option?.value ?? '');
    // the vehicle or machine belongs to the previous customer
    form.setFieldValue('assetId', null);
    setPicked(option);
  };

  return (
    <Stack gap="xs">
      {initialCustomerId ? <PrefillCustomer id={initialCustomerId} onLoaded={choose} /> : null}
      <Select
        label={t('repairShared.fields.customer')}
        placeholder={t('repairForm.customer.placeholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        required
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        // the server already filtered
        filter={({ options: all }) => all}
        data={options}
        nothingFoundMessage={candidates.isFetching ? t('common.loading') : t('repairForm.customer.nobody')}
        value={form.values.userId || null}
        error={form.errors.userId}
        onChange={(value, option) => choose(value && option ? { value, label: option.label } : null)}
        data-autofocus
        clearable
      />
      {can('customers:write') && !form.values.userId ? (
        <Group>
          <Button
            component={Link}
            to="/customers/new"
            variant="subtle"
            size="compact-sm"
            leftSection={<IconUserPlus size={16} aria-hidden />}
          >
            {t('repairForm.customer.create')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** /repairs/new?customerId=…: the customer page's "new order" starts with the customer chosen. */
function PrefillCustomer({ id, onLoaded }: { id: string; onLoaded: (option: Option) => void }) {
  const customer = useCustomer(id);
  const data = customer.data?.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the customer has loaded
  useEffect(() => {
    if (data) onLoaded({ value: data.id, label: [data.name, documentOf(data)].filter(Boolean).join(' · ') });
  }, [data?.id]);
  return null;
}

/**
 * Step 2: what is being repaired. A vehicle or machine of the customer (with its readings at intake)
 * and/or appliances, each with its own labor value (seed 004 rule 3).
 */
export function RepairObjectSection({ form, currency }: { form: Form; currency: string }) {
  const { t } = useTranslation();
  const appliancesError = form.errors.appliances;
  return (
    <Stack gap="md">
      {form.values.userId ? (
        <CustomerAssets form={form} customerId={form.values.userId} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('repairForm.object.pickCustomerFirst')}
        </Text>
      )}

      {form.values.appliances.map((appliance, index) => (
        <ApplianceCard key={appliance.key} form={form} index={index} currency={currency} />
      ))}
      {typeof appliancesError === 'string' ? (
        <Alert color="red" variant="light" role="alert" p="xs">
          {t('repairForm.object.needsObject')}
        </Alert>
      ) : null}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => form.insertListItem('appliances', emptyAppliance())}
        >
          {t('repairForm.appliances.add')}
        </Button>
      </Group>
    </Stack>
  );
}

function CustomerAssets({ form, customerId }: { form: Form; customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = useAssetTitle();
  const assets = useCustomerAssets(customerId);
  const items = assets.data?.items ?? [];
  const vehicles = items.filter((asset) => asset.kind !== 'appliance');
  const appliances = items.filter((asset) => asset.kind === 'appliance');
  const selected = vehicles.find((asset) => asset.id === form.values.assetId) ?? null;
  const label = (asset: Asset) =>
    [title(asset), assetIdentifier(asset)].filter(Boolean).join(' · ') || t(`assets.kinds.${asset.kind}`);
  const addRegistered = (asset: Asset) =>
    form.insertListItem('appliances', {
      ...emptyAppliance(),
      type: asset.type ?? 'Outro',
      brand: asset.brand ?? '',
      model: asset.model ?? '',
      voltage: asset.voltage,
      serial: asset.serial ?? '',
    } satisfies ApplianceValues);
  // a reading stays as typed: repairNumberMessages refuses −5 km or a second decimal on the field
  const number = useNumberInputProps();
  // a reading belongs to the asset it was read from: another pick empties both boxes, so a value
  // typed for a machine never travels, hidden, with a car
  const pickAsset = (value: string | null) => {
    form.setFieldValue('assetId', value);
    form.setFieldValue('odometerKm', '');
    form.setFieldValue('hourMeter', '');
  };

  return (
    <Stack gap="sm">
      {/* alone, the vehicle box takes the row: its "none (appliances only)" placeholder is not cut */}
      <SimpleGrid cols={{ base: 1, sm: appliances.length > 0 ? 2 : 1 }} spacing="md">
        <Select
          label={t('repairForm.object.asset')}
          description={
            assets.isSuccess && vehicles.length === 0 ? t('repairForm.object.noAssets') : undefined
          }
          placeholder={t('repairForm.object.noAsset')}
          data={vehicles.map((asset) => ({ value: asset.id, label: label(asset) }))}
          disabled={vehicles.length === 0}
          clearable
          {...form.getInputProps('assetId')}
          onChange={pickAsset}
        />
        {appliances.length > 0 ? (
          <Select
            label={t('repairForm.object.registeredAppliance')}
            placeholder={t('repairForm.object.registeredAppliancePlaceholder')}
            data={appliances.map((asset) => ({ value: asset.id, label: label(asset) }))}
            value={null}
            onChange={(value) => {
              const asset = appliances.find((a) => a.id === value);
              if (asset) addRegistered(asset);
            }}
          />
        ) : null}
      </SimpleGrid>
      {selected?.kind === 'vehicle' ? (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NumberInput
            label={t('repairForm.object.odometer')}
            description={
              selected.odometer !== null
                ? t('repairForm.object.lastReading', { value: format.number(selected.odometer) })
                : undefined
            }
            suffix=" km"
            {...number}
            {...form.getInputProps('odometerKm')}
          />
          <Select
            label={t('repairForm.object.fuelLevel')}
            data={FUEL_LEVELS.map((value) => ({ value, label: t(`repairVocab.fuelLevels.${value}`) }))}
            clearable
            {...form.getInputProps('fuelLevel')}
          />
        </SimpleGrid>
      ) : null}
      {selected?.kind === 'machine' ? (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NumberInput
            label={t('repairForm.object.hourMeter')}
            description={
              selected.hourMeter !== null
                ? t('repairForm.object.lastReading', { value: format.number(selected.hourMeter) })
                : undefined
            }
            suffix=" h"
            {...number}
            {...form.getInputProps('hourMeter')}
          />
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}

function ApplianceCard({ form, index, currency }: { form: Form; index: number; currency: string }) {
  const { t } = useTranslation();
  const money = useMoneyInputProps(currency);
  const path = (field: keyof ApplianceValues) => `appliances.${index}.${field}`;
  return (
    <Card withBorder padding="md" radius="md">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={600}>{t('repairForm.appliances.title', { index: index + 1 })}</Text>
        <ActionIcon
          variant="subtle"
          color="red"
          onClick={() => form.removeListItem('appliances', index)}
          aria-label={t('repairForm.appliances.remove', { index: index + 1 })}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Group>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Select
            label={t('assets.fields.type')}
            required
            data={APPLIANCE_TYPES.map((value) => ({ value, label: t(`assets.applianceTypes.${value}`) }))}
            searchable
            {...form.getInputProps(path('type'))}
          />
          <TextInput label={t('assets.fields.brand')} maxLength={80} {...form.getInputProps(path('brand'))} />
          <TextInput
            label={t('assets.fields.model')}
            maxLength={120}
            {...form.getInputProps(path('model'))}
          />
          <Select
            label={t('assets.fields.voltage')}
            data={VOLTAGES.map((value) => ({ value, label: t(`assets.voltages.${value}`) }))}
            clearable
            {...form.getInputProps(path('voltage'))}
          />
          <TextInput
            label={t('assets.fields.serial')}
            maxLength={80}
            {...form.getInputProps(path('serial'))}
          />
          <NumberInput
            label={t('repairForm.appliances.laborValue')}
            required
            {...money}
            {...form.getInputProps(path('laborValue'))}
          />
        </SimpleGrid>
        <Textarea
          label={t('repairForm.appliances.customerNote')}
          placeholder={t('repairForm.appliances.customerNotePlaceholder')}
          autosize
          minRows={1}
          maxLength={2000}
          {...form.getInputProps(path('customerNote'))}
        />
      </Stack>
    </Card>
  );
}
