import {
  type Estimate,
  EstimateCreateSchema,
  EstimateDecisionSchema,
  type EstimateWithLink,
  keptEstimateTotals,
  type Repair,
} from '@bancada/shared';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconInfoCircle, IconSend, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CustomerLinksWarning } from '../../app/components/CustomerLinksBanner';
import { ErrorAlert } from '../../app/components/QueryStates';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { withNumberRules } from '../../app/number-rules';
import { type EstimateValues, emptyEstimate, estimateNumberMessages, toEstimateBody } from './estimate-form';
import { useCreateEstimate, useRecordEstimateDecision } from './order-api';
import { Totals } from './RepairPageLines';

/** A new version goes out: how long it is valid, whether the customer is told, a note. */
export function CreateEstimateModal({
  repair,
  currency,
  opened,
  onClose,
  onCreated,
}: {
  repair: Repair;
  currency: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (estimate: EstimateWithLink) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('repairPage.estimate.createTitle', { number: repair.number })}
      fullScreen={isPhone}
    >
      {opened ? (
        <CreateEstimateForm repair={repair} currency={currency} onClose={onClose} onCreated={onCreated} />
      ) : null}
    </Modal>
  );
}

function CreateEstimateForm({
  repair,
  currency,
  onClose,
  onCreated,
}: {
  repair: Repair;
  currency: string;
  onClose: () => void;
  onCreated: (estimate: EstimateWithLink) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const create = useCreateEstimate(repair.id);
  // the days stay as typed; estimateNumberMessages refuses −5, 7,5 or 91 days on the field
  const numberBox = useNumberInputProps();
  const form = useForm<EstimateValues>({
    initialValues: emptyEstimate(),
    validate: withNumberRules(
      zodResolver(EstimateCreateSchema, { prepare: toEstimateBody }),
      estimateNumberMessages,
      (message) => t(message.key, message.values),
    ),
  });

  const submit = form.onSubmit((values) => {
    create.mutate(toEstimateBody(values), {
      onSuccess: (estimate) => {
        notifySuccess(t('repairPage.estimate.sent', { version: estimate.version }));
        onCreated(estimate);
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {t('repairPage.estimate.createText', { total: format.money(repair.totalValue, currency) })}
        </Text>
        {repair.estimate?.status === 'pending' ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
            {t('repairPage.estimate.supersedes', { version: repair.estimate.version })}
          </Alert>
        ) : null}
        <CustomerLinksWarning />
        {create.isError ? <ErrorAlert error={create.error} /> : null}
        <NumberInput
          label={t('repairPage.estimate.validDays')}
          description={t('repairPage.estimate.validDaysHint')}
          {...numberBox}
          inputMode="numeric"
          {...form.getInputProps('validDays')}
          data-autofocus
        />
        <Checkbox
          label={t('repairPage.estimate.notify')}
          {...form.getInputProps('notify', { type: 'checkbox' })}
        />
        <Textarea
          label={t('repairPage.estimate.note')}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} leftSection={<IconSend size={16} aria-hidden />}>
            {t('repairPage.estimate.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface DecisionValues {
  decisions: Record<string, 'approved' | 'declined'>;
  signerName: string;
  note: string;
}

function toDecisionBody(values: DecisionValues) {
  return {
    decisions: Object.entries(values.decisions).map(([lineId, decision]) => ({ lineId, decision })),
    signerName: values.signerName.trim(),
    note: values.note.trim() || null,
  };
}

/** The customer answered at the counter or by phone: staff record it (channel in person). */
export function DecisionModal({
  repair,
  estimate,
  currency,
  onClose,
}: {
  repair: Repair;
  estimate: Estimate | null;
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={estimate !== null}
      onClose={onClose}
      title={estimate ? t('repairPage.estimate.recordTitle', { version: estimate.version }) : ''}
      size="lg"
      fullScreen={isPhone}
    >
      {estimate ? (
        <DecisionForm repair={repair} estimate={estimate} currency={currency} onClose={onClose} />
      ) : null}
    </Modal>
  );
}

function DecisionForm({
  repair,
  estimate,
  currency,
  onClose,
}: {
  repair: Repair;
  estimate: Estimate;
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const record = useRecordEstimateDecision(repair.id);
  const form = useForm<DecisionValues>({
    initialValues: {
      decisions: Object.fromEntries(estimate.lines.map((line) => [line.lineId, 'approved' as const])),
      signerName: repair.customerName,
      note: '',
    },
    validate: zodResolver(EstimateDecisionSchema, { prepare: toDecisionBody }),
  });
  const chosen = estimate.lines.filter((line) => form.values.decisions[line.lineId] === 'approved');
  const kept = keptEstimateTotals(chosen, estimate.discount);
  const money = (value: number) => format.money(value, currency);

  const submit = form.onSubmit((values) => {
    record.mutate(
      { version: estimate.version, body: toDecisionBody(values) },
      {
        onSuccess: () => {
          notifySuccess(t('repairPage.estimate.recorded', { version: estimate.version }));
          onClose();
        },
        onError: (error) => applyServerErrors(form.setErrors, error),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('repairPage.estimate.recordHint')}
        </Text>
        {record.isError ? <ErrorAlert error={record.error} /> : null}
        <Stack gap="xs">
          {estimate.lines.map((line) => (
            <Card key={line.lineId} withBorder padding="xs">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Stack gap={0} style={{ minWidth: 0, flex: '1 1 12rem' }}>
                  <Text size="sm" fw={500}>
                    {line.description}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {money(line.totalValue)}
                  </Text>
                </Stack>
                <SegmentedControl
                  size="xs"
                  aria-label={line.description}
                  value={form.values.decisions[line.lineId] ?? 'approved'}
                  onChange={(value) =>
                    form.setFieldValue(`decisions.${line.lineId}`, value as 'approved' | 'declined')
                  }
                  color={form.values.decisions[line.lineId] === 'declined' ? 'red' : 'teal'}
                  data={[
                    { value: 'approved', label: t('repairPage.estimate.approve') },
                    { value: 'declined', label: t('repairPage.estimate.decline') },
                  ]}
                />
              </Group>
            </Card>
          ))}
        </Stack>
        <Totals
          rows={[
            { label: t('repairPage.lines.totals.partsTotal'), value: money(kept.partsTotal) },
            { label: t('repairPage.lines.totals.laborValue'), value: money(kept.laborValue) },
            {
              label: t('repairPage.lines.totals.discount'),
              value: estimate.discount > 0 ? `− ${money(estimate.discount)}` : money(0),
            },
          ]}
          total={{
            label: t('repairPage.lines.totals.totalValue'),
            value: money(kept.totalValue),
          }}
        />
        <TextInput
          label={t('repairPage.estimate.signerName')}
          description={t('repairPage.estimate.signerHint')}
          withAsterisk
          maxLength={160}
          {...form.getInputProps('signerName')}
        />
        <Textarea
          label={t('repairPage.estimate.recordNote')}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('note')}
        />
        {typeof form.errors.decisions === 'string' ? (
          <Text size="sm" c="red" role="alert">
            {form.errors.decisions}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={record.isPending}
            leftSection={<IconSignature size={16} aria-hidden />}
          >
            {t('repairPage.estimate.recordSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
