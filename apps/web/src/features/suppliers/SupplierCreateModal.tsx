import { SupplierCreateSchema } from '@bancada/shared';
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/api';
import { isShownOnField } from '../../app/components/SaveErrorAlert';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { withNumberRules } from '../../app/number-rules';
import { useCreateSupplier } from './api';
import { SupplierFormFields } from './SupplierFormFields';
import {
  createBody,
  emptySupplier,
  type SupplierValues,
  supplierNumberMessages,
  toCandidate,
} from './supplier-form';

export function SupplierCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('suppliers.new')} size="lg" fullScreen={isPhone}>
      {opened ? <SupplierCreateForm onClose={onClose} /> : null}
    </Modal>
  );
}

function SupplierCreateForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateSupplier();
  const form = useForm<SupplierValues>({
    initialValues: emptySupplier(),
    validate: withNumberRules(
      zodResolver(SupplierCreateSchema, { prepare: toCandidate }),
      supplierNumberMessages,
      (message) => t(message.key, message.values),
    ),
  });

  const submit = form.onSubmit((values) => {
    create.mutate(createBody(values), {
      onSuccess: (supplier) => {
        notifySuccess(t('suppliers.created', { name: supplier.name }));
        onClose();
        navigate(`/suppliers/${supplier.id}`);
      },
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
        <SupplierFormFields form={form} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('suppliers.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
