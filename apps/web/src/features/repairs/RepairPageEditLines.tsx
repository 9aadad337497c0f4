import { APPLIANCE_TYPES, VOLTAGES } from '@bancada/shared';
import {
  ActionIcon,
  Button,
  Card,
  Divider,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { useNumberInputProps } from '../../app/number-input';
import { useComponents } from '../inventory/api';
import { useMoneyInputProps } from './display';
import {
  emptyApplianceLine,
  emptyServiceLine,
  type PartEditValues,
  type RepairEditValues,
} from './repair-edit-form';

type EditForm = UseFormReturnType<RepairEditValues>;

/** The edit drawer's lines: appliances, services and parts, each added and removed in place. */
export function RepairEditLines({ form, currency }: { form: EditForm; currency: string }) {
  return (
    <>
      <ApplianceLines form={form} currency={currency} />
      <ServiceLines form={form} currency={currency} />
      <PartLines form={form} />
    </>
  );
}

function ApplianceLines({ form, currency }: { form: EditForm; currency: string }) {
  const { t } = useTranslation();
  const money = useMoneyInputProps(currency);
  const decimal = useNumberInputProps();
  return (
    <>
      <Divider label={t('repairPage.lines.appliances')} labelPosition="left" />
      {form.values.appliances.map((appliance, index) => (
        <Card key={appliance.key} withBorder padding="sm">
          <Group justify="space-between" gap="xs" mb="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {t('repairPage.edit.applianceN', { n: index + 1 })}
            </Text>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => form.removeListItem('appliances', index)}
              aria-label={t('repairPage.edit.removeAppliance', { n: index + 1 })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('repairPage.edit.applianceType')}
              data={APPLIANCE_TYPES.map((value) => ({ value, label: t(`assets.applianceTypes.${value}`) }))}
              withAsterisk
              {...form.getInputProps(`appliances.${index}.type`)}
            />
            <Select
              label={t('repairPage.edit.voltage')}
              data={VOLTAGES.map((value) => ({ value, label: t(`assets.voltages.${value}`) }))}
              clearable
              {...form.getInputProps(`appliances.${index}.voltage`)}
            />
            <TextInput
              label={t('repairPage.edit.brand')}
              maxLength={80}
              {...form.getInputProps(`appliances.${index}.brand`)}
            />
            <TextInput
              label={t('repairPage.edit.model')}
              maxLength={120}
              {...form.getInputProps(`appliances.${index}.model`)}
            />
            <TextInput
              label={t('repairPage.edit.serial')}
              maxLength={80}
              {...form.getInputProps(`appliances.${index}.serial`)}
            />
            <NumberInput
              label={t('repairPage.lines.labor')}
              withAsterisk
              {...money}
              {...form.getInputProps(`appliances.${index}.laborValue`)}
            />
            <NumberInput
              label={t('repairPage.edit.estimatedHours')}
              {...decimal}
              {...form.getInputProps(`appliances.${index}.estimatedHours`)}
            />
            {/* whole days, kept as typed: repairEditNumberMessages refuses −30 or 30,5 on the field */}
            <NumberInput
              label={t('repairPage.edit.warrantyDays')}
              {...decimal}
              inputMode="numeric"
              {...form.getInputProps(`appliances.${index}.warrantyDays`)}
            />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('repairPage.edit.customerNote')}
            autosize
            minRows={1}
            maxLength={2000}
            {...form.getInputProps(`appliances.${index}.customerNote`)}
          />
        </Card>
      ))}
      {typeof form.errors.appliances === 'string' ? (
        <Text size="sm" c="red" role="alert">
          {form.errors.appliances}
        </Text>
      ) : null}
      <Button
        variant="light"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => form.insertListItem('appliances', emptyApplianceLine())}
      >
        {t('repairPage.edit.addAppliance')}
      </Button>
    </>
  );
}

function ServiceLines({ form, currency }: { form: EditForm; currency: string }) {
  const { t } = useTranslation();
  const money = useMoneyInputProps(currency);
  const decimal = useNumberInputProps();
  return (
    <>
      <Divider label={t('repairPage.lines.services')} labelPosition="left" />
      {form.values.services.map((service, index) => (
        <Card key={service.key} withBorder padding="sm">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t('repairPage.edit.serviceDescription')}
              maxLength={300}
              {...form.getInputProps(`services.${index}.description`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              onClick={() => form.removeListItem('services', index)}
              aria-label={t('repairPage.edit.removeService', { name: service.description || index + 1 })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
          <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm" mt="xs">
            <NumberInput
              label={t('repairPage.edit.hours')}
              {...decimal}
              {...form.getInputProps(`services.${index}.hours`)}
            />
            <NumberInput
              label={t('repairPage.edit.price')}
              {...money}
              {...form.getInputProps(`services.${index}.price`)}
            />
            {/* whole days, kept as typed: repairEditNumberMessages refuses −30 or 30,5 on the field */}
            <NumberInput
              label={t('repairPage.edit.warrantyDays')}
              {...decimal}
              inputMode="numeric"
              {...form.getInputProps(`services.${index}.warrantyDays`)}
            />
          </SimpleGrid>
        </Card>
      ))}
      <Button
        variant="light"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => form.insertListItem('services', emptyServiceLine())}
      >
        {t('repairPage.edit.addService')}
      </Button>
    </>
  );
}

function PartLines({ form }: { form: EditForm }) {
  const { t } = useTranslation();
  const decimal = useNumberInputProps();
  return (
    <>
      <Divider label={t('repairPage.lines.parts')} labelPosition="left" />
      {form.values.parts.map((part, index) => (
        <Card key={part.componentId} withBorder padding="sm">
          <Group justify="space-between" gap="xs" wrap="wrap" align="flex-end">
            <Stack gap={0} style={{ minWidth: 0, flex: '1 1 10rem' }}>
              <Text size="sm" fw={600}>
                {part.name}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {part.code}
              </Text>
            </Stack>
            <NumberInput
              w={160}
              label={t('repairPage.edit.quantityIn', { unit: part.unit })}
              {...decimal}
              {...form.getInputProps(`parts.${index}.quantity`)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              onClick={() => form.removeListItem('parts', index)}
              aria-label={t('repairPage.edit.removePart', { name: part.name })}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Card>
      ))}
      <AddPart
        exclude={form.values.parts.map((p) => p.componentId)}
        onAdd={(part) => form.insertListItem('parts', part)}
      />
    </>
  );
}

/** Picks a component by name or code; one line per component. */
function AddPart({ exclude, onAdd }: { exclude: string[]; onAdd: (part: PartEditValues) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const components = useComponents({ q: q || undefined, page: 1, pageSize: 20 });
  const found = (components.data?.items ?? []).filter((c) => c.active && !exclude.includes(c.id));
  return (
    <Stack gap={4}>
      <Title order={3} fz="sm" fw={500}>
        {t('repairPage.edit.addPart')}
      </Title>
      <Select
        aria-label={t('repairPage.edit.addPart')}
        placeholder={t('inventory.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        data={found.map((c) => ({
          value: c.id,
          label: `${c.code} · ${c.name} (${t('repairPage.edit.inStock', { stock: format.number(c.stock) })})`,
        }))}
        nothingFoundMessage={components.isFetching ? t('common.loading') : t('inventory.emptyFilteredTitle')}
        value={null}
        onChange={(value) => {
          const component = found.find((c) => c.id === value);
          if (!component) return;
          onAdd({
            componentId: component.id,
            name: component.name,
            code: component.code,
            unit: component.unit,
            quantity: 1,
          });
          setSearch('');
        }}
      />
    </Stack>
  );
}
