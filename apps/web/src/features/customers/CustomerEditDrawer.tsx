import { type Customer, CustomerUpdateSchema } from '@bancada/shared';
import { Alert, Button, Drawer, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Versioned } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useUpdateCustomer } from './api';
import { CustomerFormFields } from './CustomerFormFields';
import { type CustomerValues, toCandidate, toValues, updateBody } from './customer-form';
import { isShownOnField, isStale } from './errors';

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
  const form = useForm<CustomerValues>({
    initialValues: toValues(customer),
    validate: zodResolver(CustomerUpdateSchema, { prepare: toCandidate }),
  });

  // a newer version arrived (reloaded after a conflict): start from it
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version only
  useEffect(() => {
    form.setInitialValues(toValues(customer));
    form.setValues(toValues(customer));
    form.resetDirty(toValues(customer));
    update.reset();
  }, [customer.version]);

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
          notifySuccess(t('customers.saved', { name: data.name }));
          onClose();
        },
        onError: (error) => applyServerErrors(form.setErrors, error, [400, 409]),
      },
    );
  });

  const stale = isStale(update.error) ? update.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {stale ? (
          <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            <Stack gap="xs" align="flex-start">
              <span>{stale.message}</span>
              <span>{t('customers.staleHint')}</span>
              <Button size="xs" variant="light" color="orange" onClick={onReload}>
                {t('common.reloadLatest')}
              </Button>
            </Stack>
          </Alert>
        ) : null}
        {update.isError && !stale && !isShownOnField(update.error) ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(update.error)}
          </Alert>
        ) : null}
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
