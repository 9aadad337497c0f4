import { ComponentCreateSchema } from '@bancada/shared';
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
import { useCreateComponent } from './api';
import { ComponentFormFields } from './ComponentFormFields';
import { type ComponentValues, createBody, emptyComponent, toCreateCandidate } from './component-form';

interface Props {
  opened: boolean;
  onClose: () => void;
  currency: string;
}

export function ComponentCreateModal({ opened, onClose, currency }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('inventory.new')} size="lg" fullScreen={isPhone}>
      {opened ? <ComponentCreateForm onClose={onClose} currency={currency} /> : null}
    </Modal>
  );
}

function ComponentCreateForm({ onClose, currency }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateComponent();
  const form = useForm<ComponentValues>({
    initialValues: emptyComponent(),
    validate: zodResolver(ComponentCreateSchema, { prepare: toCreateCandidate }),
  });

  const submit = form.onSubmit((values) => {
    create.mutate(createBody(values), {
      onSuccess: (component) => {
        notifySuccess(t('inventory.created', { name: component.name }));
        onClose();
        navigate(`/inventory/${encodeURIComponent(component.id)}`);
      },
      // a code or id already taken is a 409 that names its field
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
        <ComponentFormFields form={form} creating currency={currency} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('inventory.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
