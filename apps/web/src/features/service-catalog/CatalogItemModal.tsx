import {
  ServiceCatalogCreateSchema,
  type ServiceCatalogItem,
  ServiceCatalogUpdateSchema,
} from '@bancada/shared';
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Versioned } from '../../app/api';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { isShownOnField, SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { useVersionedEditForm } from '../../app/edit-form';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useMoneyInputProps, useNumberInputProps } from '../../app/number-input';
import { withNumberRules } from '../../app/number-rules';
import { useCreateServiceCatalogItem, useServiceCatalogItem, useUpdateServiceCatalogItem } from './api';
import {
  type CatalogValues,
  catalogCreateBody,
  catalogNumberMessages,
  catalogUpdateBody,
  emptyCatalogItem,
  toCatalogCandidate,
  toCatalogValues,
} from './catalog-form';

interface Props {
  /** null: a new item; a string: the item being edited */
  itemId: string | null;
  opened: boolean;
  onClose: () => void;
  currency: string;
}

export function CatalogItemModal({ itemId, opened, onClose, currency }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={itemId ? t('serviceCatalog.edit') : t('serviceCatalog.new')}
      size="lg"
      fullScreen={isPhone}
    >
      {opened && itemId ? <EditItem id={itemId} onClose={onClose} currency={currency} /> : null}
      {opened && !itemId ? <CreateItemForm onClose={onClose} currency={currency} /> : null}
    </Modal>
  );
}

function CatalogFields({ form, currency }: { form: UseFormReturnType<CatalogValues>; currency: string }) {
  const { t } = useTranslation();
  const money = useMoneyInputProps(currency);
  // the hours and days stay as typed: catalogNumberMessages refuses −30 or 30,5 days on the field
  const number = useNumberInputProps();
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <TextInput
          label={t('serviceCatalog.fields.code')}
          required
          maxLength={40}
          data-autofocus
          {...form.getInputProps('code')}
        />
        <TextInput
          label={t('serviceCatalog.fields.name')}
          required
          maxLength={160}
          style={{ gridColumn: 'span 2' }}
          {...form.getInputProps('name')}
        />
      </SimpleGrid>
      <Textarea
        label={t('serviceCatalog.fields.description')}
        autosize
        minRows={2}
        maxLength={2000}
        {...form.getInputProps('description')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label={t('serviceCatalog.fields.category')}
          maxLength={80}
          {...form.getInputProps('category')}
        />
        <TextInput
          label={t('serviceCatalog.fields.specialty')}
          placeholder={t('serviceCatalog.fields.specialtyHint')}
          maxLength={60}
          {...form.getInputProps('specialty')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <NumberInput
          label={t('serviceCatalog.fields.standardHours')}
          suffix=" h"
          {...number}
          {...form.getInputProps('standardHours')}
        />
        <NumberInput label={t('serviceCatalog.fields.price')} {...money} {...form.getInputProps('price')} />
        <NumberInput
          label={t('serviceCatalog.fields.warrantyDays')}
          {...number}
          {...form.getInputProps('warrantyDays')}
        />
      </SimpleGrid>
      <Switch
        label={t('serviceCatalog.fields.active')}
        description={t('serviceCatalog.fields.activeHint')}
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </Stack>
  );
}

function CreateItemForm({ onClose, currency }: { onClose: () => void; currency: string }) {
  const { t } = useTranslation();
  const create = useCreateServiceCatalogItem();
  const form = useForm<CatalogValues>({
    initialValues: emptyCatalogItem(),
    validate: withNumberRules(
      zodResolver(ServiceCatalogCreateSchema, { prepare: toCatalogCandidate }),
      catalogNumberMessages,
      (message) => t(message.key, message.values),
    ),
  });
  const submit = form.onSubmit((values) => {
    create.mutate(catalogCreateBody(values), {
      onSuccess: (item) => {
        notifySuccess(t('serviceCatalog.created', { name: item.name }));
        onClose();
      },
      // a code already taken is a 409 that names its field
      onError: (error) => applyServerErrors(form.setErrors, error, [400, 409]),
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {create.isError && !isShownOnField(create.error) ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(create.error)}
          </Alert>
        ) : null}
        <CatalogFields form={form} currency={currency} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('serviceCatalog.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditItem({ id, onClose, currency }: { id: string; onClose: () => void; currency: string }) {
  const item = useServiceCatalogItem(id);
  if (item.isPending) return <LoadingRows rows={6} />;
  if (item.isError) return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  return (
    <EditItemForm
      resource={item.data}
      onReload={() => void item.refetch()}
      onClose={onClose}
      currency={currency}
    />
  );
}

function EditItemForm({
  resource,
  onReload,
  onClose,
  currency,
}: {
  resource: Versioned<ServiceCatalogItem>;
  onReload: () => void;
  onClose: () => void;
  currency: string;
}) {
  const { t } = useTranslation();
  const update = useUpdateServiceCatalogItem(resource.data.id);
  const { form, submit } = useVersionedEditForm({
    resource,
    toValues: toCatalogValues,
    validate: withNumberRules(
      zodResolver(ServiceCatalogUpdateSchema, { prepare: toCatalogCandidate }),
      catalogNumberMessages,
      (message) => t(message.key, message.values),
    ),
    toBody: catalogUpdateBody,
    update,
    onSaved: (data) => notifySuccess(t('serviceCatalog.saved', { name: data.name })),
    onClose,
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveErrorAlert error={update.error} staleHint={t('serviceCatalog.staleHint')} onReload={onReload} />
        <CatalogFields form={form} currency={currency} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
