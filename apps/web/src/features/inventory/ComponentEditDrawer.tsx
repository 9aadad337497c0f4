import { type Component, ComponentUpdateSchema } from '@bancada/shared';
import { Button, Drawer, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
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
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveErrorAlert error={update.error} staleHint={t('inventory.staleHint')} onReload={onReload} />
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
