import {
  AppointmentConflictDetailsSchema,
  AppointmentCreateSchema,
  formatPhone,
  type Slot,
  translateValidationMessage,
} from '@bancada/shared';
import {
  Alert,
  Button,
  Drawer,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClockSearch, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useShopTimeZone } from '../../app/auth';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { currentLocale } from '../../app/i18n';
import { notifyError, notifySuccess } from '../../app/notify';
import { zonedDayEnd, zonedDayStart } from '../../app/shop-dates';
import { assetIdentifier, useAssetTitle } from '../assets/kinds';
import { useCustomerAssets, useCustomers } from '../customers/api';
import { documentOf } from '../customers/display';
import { useTechnicianOptions } from '../repairs/api';
import { useServiceCatalog } from '../service-catalog/api';
import { useBays, useCreateAppointment, useFreeSlots } from './api';
import {
  type AppointmentValues,
  DURATION_CHOICES,
  emptyAppointment,
  STAFF_SOURCES,
  servicesMinutes,
  slotValues,
  toAppointmentCreate,
} from './appointment-form';
import { addDays } from './calendar-grid';

/** "New appointment" (issue 15 §1): customer, asset, services, who and where, and a free time. */
export function NewAppointmentDrawer({
  opened,
  day,
  onClose,
}: {
  opened: boolean;
  day: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        <Title order={2} fz="h4">
          {t('scheduling.new.title')}
        </Title>
      }
    >
      {opened ? <NewAppointmentForm day={day} onDone={onClose} /> : null}
    </Drawer>
  );
}

function NewAppointmentForm({ day, onDone }: { day: string; onDone: () => void }) {
  const { t } = useTranslation();
  const timeZone = useShopTimeZone();
  const format = useFormat();
  const create = useCreateAppointment();
  const technicians = useTechnicianOptions();
  const bays = useBays();
  const catalog = useServiceCatalog({ active: 'true', page: 1, pageSize: 200 });
  const services = catalog.data?.items ?? [];
  const [conflict, setConflict] = useState<{ message: string; slots: Slot[] } | null>(null);
  const [searching, setSearching] = useState(false);
  const required = translateValidationMessage('validation.required', currentLocale());

  const form = useForm<AppointmentValues>({
    initialValues: emptyAppointment(day),
    // what the drawer asks for first, then the shared schema on the body it makes
    validate: (values) => {
      const missing = {
        ...(values.customerId ? {} : { customerId: required }),
        ...(values.day ? {} : { day: required }),
        ...(/^\d{2}:\d{2}$/.test(values.time) ? {} : { time: required }),
      };
      if (Object.keys(missing).length > 0) return missing;
      return zodResolver(AppointmentCreateSchema)(toAppointmentCreate(values, timeZone));
    },
  });
  const values = form.values;
  const minutes = servicesMinutes(values.serviceIds, services);

  const book = async (chosen: AppointmentValues) => {
    const body = toAppointmentCreate(chosen, timeZone);
    if (!body) return;
    setConflict(null);
    try {
      await create.mutateAsync(body);
      notifySuccess(t('scheduling.new.booked'));
      onDone();
    } catch (error) {
      const details = isApiError(error) ? error.detailsAs(AppointmentConflictDetailsSchema) : null;
      if (isApiError(error) && error.status === 409 && details) {
        setConflict({ message: error.message, slots: details.nextSlots });
        return;
      }
      if (!applyServerErrors(form.setErrors, error)) notifyError(error);
    }
  };

  const takeSlot = (slot: Slot) => form.setValues(slotValues(slot, timeZone));
  const techName = (id: string | null) => technicians.data?.find((o) => o.value === id)?.label;
  const bayName = (id: string | null) => bays.data?.find((b) => b.id === id)?.name;
  const slotLabel = (slot: Slot) =>
    [
      `${format.shortDate(slot.start)} ${format.time(slot.start)}`,
      techName(slot.technicianId),
      bayName(slot.bayId),
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <form onSubmit={form.onSubmit((v) => void book(v))} noValidate>
      <Stack gap="md">
        <CustomerSelect
          value={values.customerId}
          error={form.errors.customerId}
          onChange={(id) => form.setValues({ customerId: id ?? '', assetId: null })}
        />
        {values.customerId ? (
          <AssetSelect
            customerId={values.customerId}
            value={values.assetId}
            onChange={(id) => form.setFieldValue('assetId', id)}
          />
        ) : null}
        <MultiSelect
          label={t('scheduling.fields.services')}
          description={
            values.serviceIds.length > 0
              ? t('scheduling.new.duration', { hours: format.number(minutes / 60) })
              : t('scheduling.new.noServicesHint')
          }
          data={services.map((service) => ({
            value: service.id,
            label: t('scheduling.new.serviceOption', {
              name: service.name,
              hours: format.number(service.standardHours),
            }),
          }))}
          searchable
          clearable
          nothingFoundMessage={catalog.isFetching ? t('common.loading') : t('scheduling.new.noServices')}
          {...form.getInputProps('serviceIds')}
        />
        {values.serviceIds.length === 0 ? (
          <Select
            label={t('scheduling.fields.duration')}
            data={DURATION_CHOICES.map((m) => ({
              value: String(m),
              label: t('scheduling.new.minutes', { hours: format.number(m / 60) }),
            }))}
            value={String(values.durationMinutes)}
            onChange={(v) => form.setFieldValue('durationMinutes', Number(v ?? 60))}
            allowDeselect={false}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('scheduling.fields.technician')}
            placeholder={t('scheduling.new.anyTechnician')}
            data={technicians.data ?? []}
            clearable
            searchable
            {...form.getInputProps('technicianId')}
          />
          <Select
            label={t('scheduling.fields.bay')}
            placeholder={t('scheduling.new.anyBay')}
            data={(bays.data ?? []).map((bay) => ({ value: bay.id, label: bay.name }))}
            clearable
            {...form.getInputProps('bayId')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2 }} spacing="sm">
          <DateInput
            label={t('scheduling.fields.day')}
            valueFormat="L"
            required
            {...form.getInputProps('day')}
          />
          <TextInput
            type="time"
            step={900}
            label={t('scheduling.fields.time')}
            required
            {...form.getInputProps('time')}
          />
        </SimpleGrid>
        <Group>
          <Button
            variant="light"
            leftSection={<IconClockSearch size={16} aria-hidden />}
            disabled={values.serviceIds.length === 0}
            onClick={() => setSearching(true)}
          >
            {t('scheduling.new.findTime')}
          </Button>
          {values.serviceIds.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('scheduling.new.findTimeNeedsServices')}
            </Text>
          ) : null}
        </Group>
        {searching && values.serviceIds.length > 0 ? (
          <FreeSlots
            serviceIds={values.serviceIds}
            technicianId={values.technicianId}
            bayId={values.bayId}
            day={values.day ?? day}
            label={slotLabel}
            onPick={(slot) => {
              takeSlot(slot);
              setSearching(false);
            }}
          />
        ) : null}
        <Select
          label={t('scheduling.fields.source')}
          data={STAFF_SOURCES.map((source) => ({ value: source, label: t(`scheduling.sources.${source}`) }))}
          allowDeselect={false}
          {...form.getInputProps('source')}
        />
        <Textarea
          label={t('scheduling.fields.notes')}
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('notes')}
        />
        {conflict ? (
          <Alert color="orange" variant="light" title={t('scheduling.conflict.title')} role="alert">
            <Stack gap="xs">
              <Text size="sm">{conflict.message}</Text>
              {conflict.slots.length > 0 ? (
                <>
                  <Text size="sm">{t('scheduling.conflict.pick')}</Text>
                  <Group gap="xs">
                    {conflict.slots.map((slot) => (
                      <Button
                        key={`${slot.start}-${slot.technicianId}-${slot.bayId}`}
                        size="compact-sm"
                        variant="light"
                        onClick={() => {
                          const next = { ...values, ...slotValues(slot, timeZone) };
                          form.setValues(next);
                          void book(next);
                        }}
                      >
                        {slotLabel(slot)}
                      </Button>
                    ))}
                  </Group>
                </>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('scheduling.new.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Free slots for the services over a week from `day`, as buttons (also the drawer's keyboard reschedule). */
export function FreeSlots({
  serviceIds,
  technicianId,
  bayId,
  day,
  label,
  onPick,
}: {
  serviceIds: string[];
  technicianId: string | null;
  bayId: string | null;
  day: string;
  label: (slot: Slot) => string;
  onPick: (slot: Slot) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useShopTimeZone();
  // a week from the chosen day
  const slots = useFreeSlots({
    serviceIds,
    technicianId,
    bayId,
    from: zonedDayStart(day, timeZone),
    to: zonedDayEnd(addDays(day, 6), timeZone),
  });
  if (slots.isPending) return <Text size="sm">{t('common.loading')}</Text>;
  if (slots.isError) {
    return (
      <Alert color="red" variant="light">
        {slots.error.message}
      </Alert>
    );
  }
  if (slots.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('scheduling.new.noSlots')}
      </Text>
    );
  }
  return (
    <Stack gap={6} data-testid="free-slots">
      <Text size="sm" fw={600}>
        {t('scheduling.new.slotsTitle')}
      </Text>
      <Group gap="xs">
        {slots.data.map((slot) => (
          <Button
            key={`${slot.start}-${slot.technicianId}-${slot.bayId}`}
            size="compact-sm"
            variant="outline"
            onClick={() => onPick(slot)}
          >
            {label(slot)}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}

function CustomerSelect({
  value,
  error,
  onChange,
}: {
  value: string;
  error: unknown;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  // once a customer is picked the box shows its label: that is not a new search
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
      label={t('scheduling.fields.customer')}
      placeholder={t('scheduling.new.customerPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // the server already filtered
      filter={({ options: all }) => all}
      data={options}
      nothingFoundMessage={candidates.isFetching ? t('common.loading') : t('scheduling.new.nobody')}
      value={value || null}
      error={typeof error === 'string' ? error : undefined}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null);
        onChange(id);
      }}
      data-autofocus
      clearable
    />
  );
}

function AssetSelect({
  customerId,
  value,
  onChange,
}: {
  customerId: string;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const title = useAssetTitle();
  const assets = useCustomerAssets(customerId);
  const items = assets.data?.items ?? [];
  return (
    <Select
      label={t('scheduling.fields.asset')}
      placeholder={items.length === 0 ? t('scheduling.new.noAssets') : t('scheduling.new.noAsset')}
      data={items.map((asset) => ({
        value: asset.id,
        label: [title(asset), assetIdentifier(asset)].filter(Boolean).join(' · '),
      }))}
      disabled={items.length === 0}
      clearable
      value={value}
      onChange={onChange}
    />
  );
}
