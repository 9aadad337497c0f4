import type { Repair } from '@bancada/shared';
import {
  Button,
  Group,
  Loader,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { applyServerErrors } from '../../app/form';
import { notifyError, notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { useCreatePlanFor, useMaintenanceTemplates } from './api';
import {
  type PlanTarget,
  type ServicePlanValues,
  servicePlanBody,
  servicePlanValues,
  templateForService,
} from './service-plan';

type ServiceLine = Repair['services'][number];
const FORM_FIELDS: readonly string[] = ['name', 'intervalKm', 'intervalHours', 'intervalMonths'];

/**
 * "Create a reminder plan" from an order's service line: the service's name and, when a template of the
 * asset's kind matches it, the template's intervals; this order is the plan's last service.
 */
export function ServicePlanModal({
  repairId,
  line,
  targets,
  onClose,
}: {
  repairId: string;
  line: ServiceLine | null;
  targets: PlanTarget[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const [assetId, setAssetId] = useState<string | null>(null);
  const target = targets.find((x) => x.assetId === assetId) ?? targets[0];
  const templates = useMaintenanceTemplates(target?.kind ?? 'vehicle', line !== null && target !== undefined);
  const close = () => {
    setAssetId(null);
    onClose();
  };
  const ready = !templates.isPending || templates.isError;

  return (
    <Modal
      opened={line !== null}
      onClose={close}
      title={t('maintenance.fromService.title')}
      size="lg"
      fullScreen={isPhone}
    >
      {line && target ? (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('maintenance.fromService.hint')}
          </Text>
          {targets.length > 1 ? (
            <Select
              label={t('maintenance.fromService.asset')}
              data={targets.map((x) => ({ value: x.assetId, label: x.label }))}
              value={target.assetId}
              onChange={(value) => setAssetId(value)}
              allowDeselect={false}
            />
          ) : (
            <Text size="sm">{t('maintenance.fromService.assetIs', { asset: target.label })}</Text>
          )}
          {ready ? (
            <ServicePlanForm
              // a new asset or template list starts the form again from the service's values
              key={`${line.id}-${target.assetId}-${templates.dataUpdatedAt}`}
              repairId={repairId}
              line={line}
              target={target}
              template={templateForService(line.description, target.kind, templates.data ?? [])}
              onDone={close}
            />
          ) : (
            <Group justify="center" py="md">
              <Loader size="sm" aria-label={t('maintenance.fromService.loading')} />
            </Group>
          )}
        </Stack>
      ) : null}
    </Modal>
  );
}

function ServicePlanForm({
  repairId,
  line,
  target,
  template,
  onDone,
}: {
  repairId: string;
  line: ServiceLine;
  target: PlanTarget;
  template: ReturnType<typeof templateForService>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const numberProps = useNumberInputProps();
  const create = useCreatePlanFor();
  const form = useForm<ServicePlanValues>({
    initialValues: servicePlanValues(line.description, template),
    validate: (values) => {
      const errors: Record<string, string> = {};
      if (!values.name.trim()) errors.name = t('maintenance.form.nameRequired');
      const body = servicePlanBody(values, target, line, repairId, template);
      if (body.intervalKm == null && body.intervalHours == null && body.intervalMonths == null)
        errors[
          target.kind === 'vehicle'
            ? 'intervalKm'
            : target.kind === 'machine'
              ? 'intervalHours'
              : 'intervalMonths'
        ] = t('maintenance.form.intervalRequired');
      return errors;
    },
  });
  const submit = form.onSubmit((values) => {
    create.mutate(
      { assetId: target.assetId, body: servicePlanBody(values, target, line, repairId, template) },
      {
        onSuccess: (plan) => {
          notifySuccess(t('maintenance.fromService.created', { name: plan.name, asset: target.label }));
          onDone();
        },
        onError: (error) => {
          // an error on the service or the order (not a field of this form) is told in a notification
          const onFields =
            error instanceof ApiError &&
            Object.keys(error.details ?? {}).every((key) => FORM_FIELDS.includes(key));
          if (!onFields || !applyServerErrors(form.setErrors, error)) notifyError(error);
        },
      },
    );
  });
  const integer = { ...numberProps, inputMode: 'numeric' as const, allowDecimal: false, min: 1 };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('maintenance.form.name')}
          required
          maxLength={120}
          {...form.getInputProps('name')}
        />
        <Text size="sm" c="dimmed">
          {template
            ? t('maintenance.fromService.fromTemplate', { name: template.name })
            : t('maintenance.fromService.noTemplate')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: target.kind === 'appliance' ? 1 : 2 }} spacing="md">
          {target.kind === 'vehicle' ? (
            <NumberInput
              {...integer}
              label={t('maintenance.form.intervalKm')}
              suffix=" km"
              {...form.getInputProps('intervalKm')}
            />
          ) : null}
          {target.kind === 'machine' ? (
            <NumberInput
              {...integer}
              label={t('maintenance.form.intervalHours')}
              suffix=" h"
              {...form.getInputProps('intervalHours')}
            />
          ) : null}
          <NumberInput
            {...integer}
            label={t('maintenance.form.intervalMonths')}
            {...form.getInputProps('intervalMonths')}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('maintenance.form.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('maintenance.fromService.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
