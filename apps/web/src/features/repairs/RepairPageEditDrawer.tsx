import {
  APPLIANCE_TYPES,
  REPAIR_PRIORITIES,
  type Repair,
  type RepairPriority,
  type RepairUpdate,
  RepairUpdateSchema,
  SERVICE_TYPES,
  type ServiceType,
  VOLTAGES,
} from '@bancada/shared';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Divider,
  Drawer,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconInfoCircle, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { useVersionedEditForm } from '../../app/edit-form';
import { zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { useComponents } from '../inventory/api';
import { useMoneyInputProps } from './display';
import { useUpdateRepair } from './order-api';
import { shortageOf } from './repair-form';

type ApplianceType = (typeof APPLIANCE_TYPES)[number];
type Voltage = (typeof VOLTAGES)[number];

interface ApplianceValues {
  /** a form-only key for React (new lines have no id yet) */
  key: string;
  id?: string;
  type: ApplianceType | null;
  brand: string;
  model: string;
  voltage: Voltage | null;
  serial: string;
  customerNote: string;
  laborValue: number | string;
  estimatedHours: number | string;
  warrantyDays: number | string;
}

interface ServiceValues {
  key: string;
  id?: string;
  catalogId: string | null;
  technicianId: string | null;
  description: string;
  hours: number | string;
  price: number | string;
  warrantyDays: number | string;
}

interface PartValues {
  componentId: string;
  name: string;
  code: string;
  unit: string;
  quantity: number | string;
  /** absent on a new line: the component's own warranty applies */
  warrantyDays?: number;
}

interface RepairValues {
  serviceDescription: string;
  notes: string;
  condition: string;
  accessories: string[];
  priority: RepairPriority;
  serviceType: ServiceType;
  deadline: string | null;
  discount: number | string;
  nf: string;
  returnGuarantee: boolean;
  fabricGuarantee: boolean;
  appliances: ApplianceValues[];
  services: ServiceValues[];
  parts: PartValues[];
}

const newKey = () => crypto.randomUUID();

function toValues(repair: Repair): RepairValues {
  return {
    serviceDescription: repair.serviceDescription,
    notes: repair.notes,
    condition: repair.condition,
    accessories: repair.accessories,
    priority: repair.priority,
    serviceType: repair.serviceType,
    deadline: repair.deadline ? repair.deadline.slice(0, 10) : null,
    discount: repair.discount,
    nf: repair.nf ?? '',
    returnGuarantee: repair.returnGuarantee,
    fabricGuarantee: repair.fabricGuarantee,
    appliances: repair.appliances.map((a) => ({
      key: a.id,
      id: a.id,
      type: a.type,
      brand: a.brand ?? '',
      model: a.model ?? '',
      voltage: (VOLTAGES as readonly string[]).includes(a.voltage ?? '') ? (a.voltage as Voltage) : null,
      serial: a.serial ?? '',
      customerNote: a.customerNote ?? '',
      laborValue: a.laborValue,
      estimatedHours: a.estimatedHours ?? '',
      warrantyDays: a.warrantyDays,
    })),
    services: repair.services.map((s) => ({
      key: s.id,
      id: s.id,
      catalogId: s.catalogId,
      technicianId: s.technicianId,
      description: s.description,
      hours: s.hours,
      price: s.price,
      warrantyDays: s.warrantyDays,
    })),
    parts: repair.parts.map((p) => ({
      componentId: p.componentId,
      name: p.name,
      code: p.code,
      unit: p.unit,
      quantity: p.quantity,
      warrantyDays: p.warrantyDays,
    })),
  };
}

// an empty box is NaN; "25.50" is what Mantine holds for "25,50" while the box has focus
const num = (value: number | string) =>
  typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
const numOrNull = (value: number | string) =>
  typeof value === 'number' ? value : value.trim() === '' ? null : Number(value);
const numOrUndefined = (value: number | string) =>
  typeof value === 'number' ? value : value.trim() === '' ? undefined : Number(value);

function appliancesBody(values: RepairValues) {
  return values.appliances.map((a) => ({
    ...(a.id ? { id: a.id } : {}),
    type: a.type,
    brand: a.brand.trim() || null,
    model: a.model.trim() || null,
    voltage: a.voltage,
    serial: a.serial.trim() || null,
    customerNote: a.customerNote.trim() || null,
    laborValue: num(a.laborValue),
    estimatedHours: numOrNull(a.estimatedHours),
    warrantyDays: numOrUndefined(a.warrantyDays),
  }));
}

function servicesBody(values: RepairValues) {
  return values.services.map((s) => ({
    ...(s.id ? { id: s.id } : {}),
    catalogId: s.catalogId,
    technicianId: s.technicianId,
    description: s.description.trim(),
    hours: num(s.hours),
    price: num(s.price),
    warrantyDays: numOrUndefined(s.warrantyDays),
  }));
}

function partsBody(values: RepairValues) {
  return values.parts.map((p) => ({
    componentId: p.componentId,
    quantity: num(p.quantity),
    ...(p.warrantyDays === undefined ? {} : { warrantyDays: p.warrantyDays }),
  }));
}

/** Everything the form holds, shaped as the PATCH body (for validation). */
function toCandidate(values: RepairValues) {
  return {
    serviceDescription: values.serviceDescription,
    notes: values.notes,
    condition: values.condition,
    accessories: values.accessories,
    priority: values.priority,
    serviceType: values.serviceType,
    deadline: values.deadline || null,
    discount: num(values.discount),
    nf: values.nf.trim() || null,
    returnGuarantee: values.returnGuarantee,
    fabricGuarantee: values.fabricGuarantee,
    appliances: appliancesBody(values),
    services: servicesBody(values),
    parts: partsBody(values),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed; a line array is sent whole when any of its lines changed. */
function toBody(initial: RepairValues, values: RepairValues): RepairUpdate {
  const before = toCandidate(initial);
  const after = toCandidate(values);
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (!same(before[key], after[key])) body[key] = after[key];
  }
  return body as RepairUpdate;
}

interface Props {
  opened: boolean;
  resource: Versioned<Repair>;
  currency: string;
  onReload: () => void;
  onClose: () => void;
}

export function RepairPageEditDrawer({ opened, resource, currency, onReload, onClose }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={isPhone ? '100%' : 'xl'}
      title={t('repairPage.edit.title', { number: resource.data.number })}
    >
      {opened ? (
        <EditForm resource={resource} currency={currency} onReload={onReload} onClose={onClose} />
      ) : null}
    </Drawer>
  );
}

function EditForm({ resource, currency, onReload, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const format = useFormat();
  const repair = resource.data;
  const update = useUpdateRepair(repair.id);
  const { form, submit } = useVersionedEditForm({
    resource,
    toValues,
    validate: zodResolver(RepairUpdateSchema, { prepare: toCandidate }),
    toBody,
    update,
    onSaved: (data) => notifySuccess(t('repairPage.edit.saved', { number: data.number })),
    onClose,
  });
  const values = form.values;
  const money = useMoneyInputProps(currency);
  const decimal = useNumberInputProps();
  const days = {
    min: 0,
    max: 3650,
    allowDecimal: false,
    allowNegative: false,
    inputMode: 'numeric' as const,
  };
  const approvedBefore = [...repair.appliances, ...repair.services, ...repair.parts].some(
    (line) => line.approval === 'approved' || line.approval === 'declined',
  );

  const error = update.error;
  const stock = shortageOf(error);
  const stockPart = stock ? values.parts.find((p) => p.componentId === stock.componentId) : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Textarea
          label={t('repairPage.details.problem')}
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('serviceDescription')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('repairPage.details.serviceType')}
            data={SERVICE_TYPES.map((value) => ({ value, label: t(`repairPage.serviceTypes.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('serviceType')}
          />
          <Select
            label={t('repairPage.details.priority')}
            data={REPAIR_PRIORITIES.map((value) => ({ value, label: t(`repairPage.priorities.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('priority')}
          />
          <DateInput
            label={t('repairPage.details.deadline')}
            valueFormat="L"
            clearable
            {...form.getInputProps('deadline')}
          />
          <NumberInput
            label={t('repairPage.lines.totals.discount')}
            {...money}
            {...form.getInputProps('discount')}
          />
        </SimpleGrid>

        <Divider label={t('repairPage.lines.appliances')} labelPosition="left" />
        {values.appliances.map((appliance, index) => (
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
              <NumberInput
                label={t('repairPage.edit.warrantyDays')}
                {...days}
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
          onClick={() =>
            form.insertListItem('appliances', {
              key: newKey(),
              type: null,
              brand: '',
              model: '',
              voltage: null,
              serial: '',
              customerNote: '',
              laborValue: 0,
              estimatedHours: '',
              warrantyDays: '',
            } satisfies ApplianceValues)
          }
        >
          {t('repairPage.edit.addAppliance')}
        </Button>

        <Divider label={t('repairPage.lines.services')} labelPosition="left" />
        {values.services.map((service, index) => (
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
              <NumberInput
                label={t('repairPage.edit.warrantyDays')}
                {...days}
                {...form.getInputProps(`services.${index}.warrantyDays`)}
              />
            </SimpleGrid>
          </Card>
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() =>
            form.insertListItem('services', {
              key: newKey(),
              catalogId: null,
              technicianId: null,
              description: '',
              hours: 1,
              price: 0,
              warrantyDays: '',
            } satisfies ServiceValues)
          }
        >
          {t('repairPage.edit.addService')}
        </Button>

        <Divider label={t('repairPage.lines.parts')} labelPosition="left" />
        {values.parts.map((part, index) => (
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
          exclude={values.parts.map((p) => p.componentId)}
          onAdd={(part) => form.insertListItem('parts', part)}
        />

        <Divider label={t('repairPage.edit.more')} labelPosition="left" />
        <Textarea
          label={t('repairPage.details.notes')}
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('notes')}
        />
        <Textarea
          label={t('repairPage.details.condition')}
          autosize
          minRows={1}
          maxLength={2000}
          {...form.getInputProps('condition')}
        />
        <TagsInput
          label={t('repairPage.details.accessories')}
          description={t('repairPage.edit.accessoriesHint')}
          maxTags={50}
          {...form.getInputProps('accessories')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('repairPage.details.nf')} maxLength={60} {...form.getInputProps('nf')} />
          <Stack gap="xs" justify="flex-end">
            <Checkbox
              label={t('repairPage.details.returnGuarantee')}
              {...form.getInputProps('returnGuarantee', { type: 'checkbox' })}
            />
            <Checkbox
              label={t('repairPage.details.fabricGuarantee')}
              {...form.getInputProps('fabricGuarantee', { type: 'checkbox' })}
            />
          </Stack>
        </SimpleGrid>

        {approvedBefore ? (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('repairPage.edit.reapprovalHint')}
          </Alert>
        ) : null}

        {/* the answer stays in sight next to the button, however far the form was scrolled */}
        <Stack gap="xs" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)" style={{ zIndex: 1 }}>
          {stock ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {t('repairPage.edit.insufficientStock', {
                name: stockPart ? `${stockPart.code} · ${stockPart.name}` : stock.componentId,
                requested: format.number(stock.requested),
                available: format.number(stock.available),
              })}
            </Alert>
          ) : error instanceof ApiError && error.status === 409 ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {error.message}
            </Alert>
          ) : (
            <SaveErrorAlert error={error} staleHint={t('repairPage.edit.staleHint')} onReload={onReload} />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Stack>
    </form>
  );
}

/** Picks a component by name or code; one line per component. */
function AddPart({ exclude, onAdd }: { exclude: string[]; onAdd: (part: PartValues) => void }) {
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
