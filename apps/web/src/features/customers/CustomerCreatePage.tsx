import { CustomerCreateSchema } from '@bancada/shared';
import { Alert, Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../app/api';
import { PageHeader } from '../../app/components/PageHeader';
import { isShownOnField } from '../../app/components/SaveErrorAlert';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useCreateCustomer } from './api';
import { CustomerFormFields } from './CustomerFormFields';
import { type CustomerValues, createBody, emptyCustomer, toCandidate } from './customer-form';

export function CustomerCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCustomer();
  const form = useForm<CustomerValues>({
    initialValues: emptyCustomer(),
    validate: zodResolver(CustomerCreateSchema, { prepare: toCandidate }),
  });

  const submit = form.onSubmit((values) => {
    create.mutate(createBody(values), {
      onSuccess: (customer) => {
        notifySuccess(t('customers.created', { name: customer.name }));
        navigate(`/customers/${customer.id}?tab=assets`, { replace: true });
      },
      onError: (error) => applyServerErrors(form.setErrors, error, [400, 409]),
    });
  });

  return (
    <>
      <PageHeader title={t('customers.new')} description={t('customers.newDescription')} />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={960}>
          {create.isError && !isShownOnField(create.error) ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {errorMessage(create.error)}
            </Alert>
          ) : null}
          <CustomerFormFields form={form} idPrefix="new-customer" />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" component={Link} to="/customers">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('customers.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
