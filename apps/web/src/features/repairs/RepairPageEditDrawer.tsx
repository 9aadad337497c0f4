import { REPAIR_PRIORITIES, type Repair, RepairUpdateSchema, SERVICE_TYPES } from '@bancada/shared';
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Versioned } from '../../app/api';
import { useShopTimeZone } from '../../app/auth';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { useVersionedEditForm } from '../../app/edit-form';
import { zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { withNumberRules } from '../../app/number-rules';
import { useMoneyInputProps } from './display';
import { useUpdateRepair } from './order-api';
import { RepairEditLines } from './RepairPageEditLines';
import { repairEditNumberMessages, toEditBody, toEditCandidate, toEditValues } from './repair-edit-form';
import { shortageOf } from './repair-form';

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
  // the deadline is a day on the shop's calendar
  const timeZone = useShopTimeZone();
  const { form, submit } = useVersionedEditForm({
    resource,
    toValues: (data: Repair) => toEditValues(data, timeZone),
    validate: withNumberRules(
      zodResolver(RepairUpdateSchema, { prepare: toEditCandidate }),
      repairEditNumberMessages,
      (message) => t(message.key, message.values),
    ),
    toBody: toEditBody,
    update,
    onSaved: (data) => notifySuccess(t('repairPage.edit.saved', { number: data.number })),
    onClose,
  });
  const values = form.values;
  const money = useMoneyInputProps(currency);
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

        <RepairEditLines form={form} currency={currency} />

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
