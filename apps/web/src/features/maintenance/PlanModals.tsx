import {
  type Asset,
  type MaintenancePlan,
  type MaintenancePlanCreate,
  MaintenancePlanCreateSchema,
  MaintenanceServiceSchema,
} from '@bancada/shared';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../app/form';
import { notifyError, notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { useCreatePlan, useMaintenanceTemplates, useUpdatePlan } from './api';

type Num = number | string;
const toInt = (value: Num): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : value === '' ? null : Number(value);

/** A day picked on the calendar: today is "now" (the server takes the latest reading), another day its noon. */
function serviceAt(day: string | null): string | undefined {
  if (!day) return undefined;
  const today = new Date();
  const todayKey = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return day === todayKey ? undefined : new Date(`${day}T12:00:00`).toISOString();
}

type ServiceValues = { at: string | null; km: Num; hours: Num };

function serviceBody(asset: Asset, values: ServiceValues) {
  const at = serviceAt(values.at);
  return {
    ...(at ? { at } : {}),
    ...(asset.kind === 'vehicle' && toInt(values.km) !== null ? { km: toInt(values.km) } : {}),
    ...(asset.kind === 'machine' && toInt(values.hours) !== null ? { hours: toInt(values.hours) } : {}),
  };
}

/** The date and the odometer or hour meter of a service; empty: today at the latest reading. */
function ServiceFields({
  asset,
  inputProps,
}: {
  asset: Asset;
  inputProps: (field: keyof ServiceValues) => ReturnType<UseFormReturnType<ServiceValues>['getInputProps']>;
}) {
  const { t } = useTranslation();
  const numberProps = useNumberInputProps();
  return (
    <SimpleGrid cols={{ base: 1, sm: asset.kind === 'appliance' ? 1 : 2 }} spacing="md">
      <DateInput
        label={t('maintenance.form.lastServiceAt')}
        description={t('maintenance.form.lastServiceAtHint')}
        valueFormat="L"
        maxDate={new Date()}
        clearable
        {...inputProps('at')}
      />
      {asset.kind === 'vehicle' ? (
        <NumberInput
          {...numberProps}
          inputMode="numeric"
          allowDecimal={false}
          label={t('maintenance.form.lastServiceKm')}
          suffix=" km"
          {...inputProps('km')}
        />
      ) : null}
      {asset.kind === 'machine' ? (
        <NumberInput
          {...numberProps}
          inputMode="numeric"
          allowDecimal={false}
          label={t('maintenance.form.lastServiceHours')}
          suffix=" h"
          {...inputProps('hours')}
        />
      ) : null}
    </SimpleGrid>
  );
}

type PlanValues = {
  mode: 'template' | 'manual';
  templateKey: string | null;
  name: string;
  intervalKm: Num;
  intervalHours: Num;
  intervalMonths: Num;
  lastService: ServiceValues;
};

const EMPTY_PLAN: PlanValues = {
  mode: 'template',
  templateKey: null,
  name: '',
  intervalKm: '',
  intervalHours: '',
  intervalMonths: '',
  lastService: { at: null, km: '', hours: '' },
};

function toCreateBody(asset: Asset, values: PlanValues): MaintenancePlanCreate {
  const lastService = serviceBody(asset, values.lastService);
  const service = Object.keys(lastService).length > 0 ? { lastService } : {};
  if (values.mode === 'template') return { templateKey: values.templateKey ?? '', ...service };
  return {
    name: values.name.trim(),
    ...(asset.kind === 'vehicle' ? { intervalKm: toInt(values.intervalKm) } : {}),
    ...(asset.kind === 'machine' ? { intervalHours: toInt(values.intervalHours) } : {}),
    intervalMonths: toInt(values.intervalMonths),
    ...service,
  };
}

/** A new plan from a template of the asset's kind, or by hand. */
export function AddPlanModal({
  asset,
  opened,
  onClose,
}: {
  asset: Asset;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const numberProps = useNumberInputProps();
  const templates = useMaintenanceTemplates(asset.kind, opened);
  const create = useCreatePlan(asset.id);
  const form = useForm<PlanValues>({
    initialValues: EMPTY_PLAN,
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (values.mode === 'template' && !values.templateKey)
        errors.templateKey = t('maintenance.form.templateRequired');
      if (values.mode === 'manual') {
        if (!values.name.trim()) errors.name = t('maintenance.form.nameRequired');
        const body = toCreateBody(asset, values);
        if (body.intervalKm == null && body.intervalHours == null && body.intervalMonths == null)
          errors[
            asset.kind === 'vehicle'
              ? 'intervalKm'
              : asset.kind === 'machine'
                ? 'intervalHours'
                : 'intervalMonths'
          ] = t('maintenance.form.intervalRequired');
      }
      const parsed = MaintenancePlanCreateSchema.safeParse(toCreateBody(asset, values));
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          errors[issue.path.join('.')] ??= t('maintenance.form.invalid');
      }
      return errors;
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit((values) => {
    create.mutate(toCreateBody(asset, values), {
      onSuccess: (plan) => {
        notifySuccess(t('maintenance.section.created', { name: plan.name }));
        close();
      },
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) notifyError(error);
      },
    });
  });
  const manual = form.values.mode === 'manual';

  return (
    <Modal opened={opened} onClose={close} title={t('maintenance.form.title')} size="lg" fullScreen={isPhone}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SegmentedControl
            fullWidth
            data={[
              { value: 'template', label: t('maintenance.form.modes.template') },
              { value: 'manual', label: t('maintenance.form.modes.manual') },
            ]}
            {...form.getInputProps('mode')}
          />
          {manual ? (
            <>
              <TextInput
                label={t('maintenance.form.name')}
                required
                maxLength={120}
                {...form.getInputProps('name')}
              />
              <Text size="sm" c="dimmed">
                {t('maintenance.form.intervalHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: asset.kind === 'appliance' ? 1 : 2 }} spacing="md">
                {asset.kind === 'vehicle' ? (
                  <NumberInput
                    {...numberProps}
                    inputMode="numeric"
                    allowDecimal={false}
                    label={t('maintenance.form.intervalKm')}
                    suffix=" km"
                    {...form.getInputProps('intervalKm')}
                  />
                ) : null}
                {asset.kind === 'machine' ? (
                  <NumberInput
                    {...numberProps}
                    inputMode="numeric"
                    allowDecimal={false}
                    label={t('maintenance.form.intervalHours')}
                    suffix=" h"
                    {...form.getInputProps('intervalHours')}
                  />
                ) : null}
                <NumberInput
                  {...numberProps}
                  inputMode="numeric"
                  allowDecimal={false}
                  label={t('maintenance.form.intervalMonths')}
                  {...form.getInputProps('intervalMonths')}
                />
              </SimpleGrid>
            </>
          ) : (
            <Select
              label={t('maintenance.form.template')}
              placeholder={t('maintenance.form.templatePlaceholder')}
              required
              disabled={templates.isPending}
              data={(templates.data ?? []).map((tpl) => ({ value: tpl.key, label: tpl.name }))}
              {...form.getInputProps('templateKey')}
            />
          )}
          <Text fw={600} size="sm">
            {t('maintenance.form.lastServiceTitle')}
          </Text>
          <ServiceFields asset={asset} inputProps={(field) => form.getInputProps(`lastService.${field}`)} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('maintenance.form.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('maintenance.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Staff record that the plan was done (outside an order, or on an older one): its cycle starts again. */
export function ServedModal({
  asset,
  plan,
  onClose,
}: {
  asset: Asset;
  plan: MaintenancePlan | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const update = useUpdatePlan(asset.id);
  const [key, setKey] = useState(0);
  const form = useForm<ServiceValues>({
    initialValues: { at: null, km: '', hours: '' },
    validate: (values) => {
      const parsed = MaintenanceServiceSchema.safeParse(serviceBody(asset, values));
      return parsed.success ? {} : { at: t('maintenance.form.invalid') };
    },
  });
  const close = () => {
    form.reset();
    setKey((k) => k + 1);
    onClose();
  };
  const submit = form.onSubmit((values) => {
    if (!plan) return;
    update.mutate(
      { plan, body: { served: serviceBody(asset, values) } },
      {
        onSuccess: (saved) => {
          notifySuccess(t('maintenance.section.servedSaved', { name: saved.name }));
          close();
        },
        onError: notifyError,
      },
    );
  });
  return (
    <Modal
      key={key}
      opened={plan !== null}
      onClose={close}
      title={plan ? t('maintenance.servedForm.title', { name: plan.name }) : ''}
      fullScreen={isPhone}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('maintenance.servedForm.hint')}
          </Text>
          <ServiceFields asset={asset} inputProps={(field) => form.getInputProps(field)} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('maintenance.form.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('maintenance.servedForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
