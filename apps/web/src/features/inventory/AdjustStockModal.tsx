import {
  type Component,
  isWholeUnit,
  StockAdjustmentSchema,
  translateValidationMessage,
} from '@bancada/shared';
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconMinus, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { currentLocale } from '../../app/i18n';
import { notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { useAdjustStock } from './api';
import { useQuantity } from './display';

interface AdjustValues {
  direction: 'add' | 'remove';
  quantity: number | string;
  reason: string;
}

function toCandidate(values: AdjustValues) {
  const amount = typeof values.quantity === 'number' ? values.quantity : Number.NaN;
  return { delta: values.direction === 'add' ? amount : -amount, reason: values.reason };
}

interface Props {
  component: Component;
  opened: boolean;
  onClose: () => void;
}

/** A stock adjustment: a signed quantity with a reason, recorded as an ADJUST movement. */
export function AdjustStockModal({ component, opened, onClose }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('inventory.adjust.title')} fullScreen={isPhone}>
      {opened ? <AdjustForm component={component} onClose={onClose} /> : null}
    </Modal>
  );
}

function AdjustForm({ component, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const quantity = useQuantity();
  const adjust = useAdjustStock(component.id);
  const numberBox = useNumberInputProps();
  const form = useForm<AdjustValues>({
    initialValues: { direction: 'add', quantity: '', reason: '' },
    validate: zodResolver(StockAdjustmentSchema, {
      prepare: toCandidate,
      // the direction is the sign: a typed "-5" is refused, never turned around
      refine: (values) => {
        const amount = typeof values.quantity === 'number' ? values.quantity : Number.NaN;
        const message =
          amount <= 0
            ? 'validation.quantity_positive'
            : isWholeUnit(component.unit) && Number.isFinite(amount) && !Number.isInteger(amount)
              ? 'validation.quantity_whole'
              : null;
        return message ? { quantity: translateValidationMessage(message, currentLocale()) } : {};
      },
    }),
  });
  const candidate = toCandidate(form.values);
  const after = Number.isFinite(candidate.delta) ? component.stock + candidate.delta : null;

  const submit = form.onSubmit((values) => {
    adjust.mutate(toCandidate(values), {
      onSuccess: () => {
        notifySuccess(t('inventory.adjust.done', { name: component.name }));
        onClose();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  const refused = adjust.error instanceof ApiError && adjust.error.status === 400 && adjust.error.details;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('inventory.adjust.intro', {
            name: component.name,
            stock: quantity(component.stock, component.unit),
          })}
        </Text>
        {adjust.isError && !refused ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(adjust.error)}
          </Alert>
        ) : null}
        <SegmentedControl
          fullWidth
          aria-label={t('inventory.adjust.direction')}
          value={form.values.direction}
          onChange={(value) => form.setFieldValue('direction', value === 'remove' ? 'remove' : 'add')}
          data={[
            {
              value: 'add',
              label: (
                <Group gap={6} justify="center" wrap="nowrap">
                  <IconPlus size={16} aria-hidden />
                  <span>{t('inventory.adjust.add')}</span>
                </Group>
              ),
            },
            {
              value: 'remove',
              label: (
                <Group gap={6} justify="center" wrap="nowrap">
                  <IconMinus size={16} aria-hidden />
                  <span>{t('inventory.adjust.remove')}</span>
                </Group>
              ),
            },
          ]}
        />
        <NumberInput
          label={t('inventory.adjust.quantity')}
          required
          {...numberBox}
          data-autofocus
          {...form.getInputProps('quantity')}
          error={form.errors.quantity ?? form.errors.delta}
          description={
            after !== null
              ? t('inventory.adjust.after', { value: quantity(after, component.unit) })
              : undefined
          }
        />
        <Textarea
          label={t('inventory.adjust.reason')}
          placeholder={t('inventory.adjust.reasonPlaceholder')}
          required
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={adjust.isPending}>
            {t('inventory.adjust.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
