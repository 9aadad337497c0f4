import { type Component, ComponentUpdateSchema } from '@bancada/shared';
import { Alert, Button, Drawer, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Versioned } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { isShownOnField, isStale } from '../customers/errors';
import { useUpdateComponent } from './api';
import { ComponentFormFields } from './ComponentFormFields';
import { type ComponentValues, toComponentValues, toUpdateCandidate, updateBody } from './component-form';

interface Props {
  opened: boolean;
  resource: Versioned<Component>;
  currency: string;
  onReload: () => void;
  onClose: () => void;
}

export function ComponentEditDrawer({ opened, resource, currency, onReload, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title={t('inventory.edit')}>
      {opened ? (
        <ComponentEditForm resource={resource} currency={currency} onReload={onReload} onClose={onClose} />
      ) : null}
    </Drawer>
  );
}

function ComponentEditForm({ resource, currency, onReload, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const component = resource.data;
  const update = useUpdateComponent(component.id);
  const form = useForm<ComponentValues>({
    initialValues: toComponentValues(component),
    validate: zodResolver(ComponentUpdateSchema, { prepare: toUpdateCandidate }),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version resets the form
  useEffect(() => {
    form.setInitialValues(toComponentValues(component));
    form.setValues(toComponentValues(component));
    form.resetDirty(toComponentValues(component));
    update.reset();
  }, [component.version]);

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
          notifySuccess(t('inventory.saved', { name: data.name }));
          onClose();
        },
        onError: (error) => applyServerErrors(form.setErrors, error, [400, 409]),
      },
    );
  });

  const stale = isStale(update.error) ? update.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {stale ? (
          <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            <Stack gap="xs" align="flex-start">
              <span>{stale.message}</span>
              <span>{t('inventory.staleHint')}</span>
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
        <ComponentFormFields form={form} creating={false} currency={currency} />
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
