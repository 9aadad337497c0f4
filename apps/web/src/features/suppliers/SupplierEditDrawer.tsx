import { type Supplier, SupplierUpdateSchema } from '@bancada/shared';
import { Button, Drawer, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { useVersionedEditForm } from '../../app/edit-form';
import { zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { withNumberRules } from '../../app/number-rules';
import { useUpdateSupplier } from './api';
import { SupplierFormFields } from './SupplierFormFields';
import { supplierNumberMessages, toCandidate, toSupplierValues, updateBody } from './supplier-form';

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
  const { form, submit } = useVersionedEditForm({
    resource,
    toValues: toSupplierValues,
    validate: withNumberRules(
      zodResolver(SupplierUpdateSchema, { prepare: toCandidate }),
      supplierNumberMessages,
      (message) => t(message.key, message.values),
    ),
    toBody: updateBody,
    update,
    onSaved: (data) => notifySuccess(t('suppliers.saved', { name: data.name })),
    onClose,
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
