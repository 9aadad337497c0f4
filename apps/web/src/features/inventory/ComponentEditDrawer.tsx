import { type Component, ComponentUpdateSchema } from '@bancada/shared';
import { Button, Drawer, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { useVersionedEditForm } from '../../app/edit-form';
import { zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useUpdateComponent } from './api';
import { ComponentFormFields } from './ComponentFormFields';
import { toComponentValues, toUpdateCandidate, updateBody } from './component-form';

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
  const { form, submit } = useVersionedEditForm({
    resource,
    toValues: toComponentValues,
    validate: zodResolver(ComponentUpdateSchema, { prepare: toUpdateCandidate }),
    toBody: updateBody,
    update,
    onSaved: (data) => notifySuccess(t('inventory.saved', { name: data.name })),
    onClose,
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
