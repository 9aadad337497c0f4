import { type Asset, AssetUpdateSchema } from '@bancada/shared';
import { Button, Drawer, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { useVersionedEditForm } from '../../app/edit-form';
import { zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { withNumberRules } from '../../app/number-rules';
import { AssetFormFields } from './AssetFormFields';
import { useUpdateAsset } from './api';
import { assetNumberMessages, assetUpdateBody, toAssetUpdateCandidate, toAssetValues } from './asset-form';
import { useAssetTitle } from './kinds';

interface Props {
  opened: boolean;
  resource: Versioned<Asset>;
  onReload: () => void;
  onClose: () => void;
}

export function AssetEditDrawer({ opened, resource, onReload, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title={t('assets.edit')}>
      {opened ? <AssetEditForm resource={resource} onReload={onReload} onClose={onClose} /> : null}
    </Drawer>
  );
}

function AssetEditForm({ resource, onReload, onClose }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const title = useAssetTitle();
  const asset = resource.data;
  const update = useUpdateAsset(asset.id);
  const { form, submit } = useVersionedEditForm({
    resource,
    toValues: toAssetValues,
    validate: withNumberRules(
      zodResolver(AssetUpdateSchema, { prepare: toAssetUpdateCandidate }),
      assetNumberMessages,
      (message) => t(message.key, message.values),
    ),
    toBody: assetUpdateBody,
    update,
    onSaved: (data) => notifySuccess(t('assets.saved', { name: title(data) })),
    onClose,
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveErrorAlert error={update.error} staleHint={t('customers.staleHint')} onReload={onReload} />
        <AssetFormFields form={form} withKind={false} idPrefix="edit-asset" />
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
