import { type Customer, CustomerUpdateSchema } from '@bancada/shared';
import { Button, Drawer, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { useVersionedEditForm } from '../../app/edit-form';
import { zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useUpdateCustomer } from './api';
import { CustomerFormFields } from './CustomerFormFields';
import { toCandidate, toValues, updateBody } from './customer-form';

interface Props {
  opened: boolean;
  resource: Versioned<Customer>;
  onReload: () => void;
  onClose: () => void;
}

export function CustomerEditDrawer({ opened, resource, onReload, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="xl"
      title={t('customers.editTitle', { name: resource.data.name })}
    >
      {opened ? <CustomerEditForm resource={resource} onReload={onReload} onClose={onClose} /> : null}
    </Drawer>
  );
}

function CustomerEditForm({ resource, onReload, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const customer = resource.data;
  const update = useUpdateCustomer(customer.id);
  const { form, submit } = useVersionedEditForm({
    resource,
    toValues: toValues,
    validate: zodResolver(CustomerUpdateSchema, { prepare: toCandidate }),
    toBody: updateBody,
    update,
    onSaved: (data) => notifySuccess(t('customers.saved', { name: data.name })),
    onClose,
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <SaveErrorAlert error={update.error} staleHint={t('customers.staleHint')} onReload={onReload} />
        <CustomerFormFields form={form} idPrefix="edit-customer" />
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
