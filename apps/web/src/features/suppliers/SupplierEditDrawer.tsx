import { type Supplier, SupplierUpdateSchema } from '@bancada/shared';
import { Button, Drawer, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useUpdateSupplier } from './api';
import { SupplierFormFields } from './SupplierFormFields';
import { type SupplierValues, toCandidate, toSupplierValues, updateBody } from './supplier-form';

interface Props {
  opened: boolean;
  resource: Versioned<Supplier>;
  onReload: () => void;
  onClose: () => void;
}

export function SupplierEditDrawer({ opened, resource, onReload, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title={t('suppliers.edit')}>
      {opened ? <SupplierEditForm resource={resource} onReload={onReload} onClose={onClose} /> : null}
    </Drawer>
  );
}

function SupplierEditForm({ resource, onReload, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const supplier = resource.data;
  const update = useUpdateSupplier(supplier.id);
  const form = useForm<SupplierValues>({
    initialValues: toSupplierValues(supplier),
    validate: zodResolver(SupplierUpdateSchema, { prepare: toCandidate }),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version resets the form
  useEffect(() => {
    form.setInitialValues(toSupplierValues(supplier));
    form.setValues(toSupplierValues(supplier));
    form.resetDirty(toSupplierValues(supplier));
    update.reset();
  }, [supplier.version]);

  const submit = form.onSubmit((values) => {
    const body = updateBody(form.getInitialValues(), values);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    update.mutate(
      { etag: resource.etag, body },
      {
        onSuccess: ({ data }) => {
          notifySuccess(t('suppliers.saved', { name: data.name }));
          onClose();
        },
        onError: (error) => applyServerErrors(form.setErrors, error, [400, 409]),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveErrorAlert error={update.error} staleHint={t('suppliers.staleHint')} onReload={onReload} />
        <SupplierFormFields form={form} />
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
