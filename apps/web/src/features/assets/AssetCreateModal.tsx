import { AssetCreateSchema } from '@bancada/shared';
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { applyServerErrors, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { withNumberRules } from '../../app/number-rules';
import { useCreateAsset } from '../customers/api';
import { AssetFormFields } from './AssetFormFields';
import {
  type AssetValues,
  assetCreateBody,
  assetNumberMessages,
  emptyAsset,
  toAssetCandidate,
} from './asset-form';
import { useAssetTitle } from './kinds';

interface Props {
  customerId: string;
  opened: boolean;
  onClose: () => void;
}

export function AssetCreateModal({ customerId, opened, onClose }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const create = useCreateAsset(customerId);
  const title = useAssetTitle();
  const form = useForm<AssetValues>({
    initialValues: emptyAsset(),
    validate: withNumberRules(
      zodResolver(AssetCreateSchema, { prepare: toAssetCandidate }),
      assetNumberMessages,
      (message) => t(message.key, message.values),
    ),
  });

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    create.mutate(assetCreateBody(values), {
      onSuccess: (asset) => {
        notifySuccess(t('assets.created', { name: title(asset) }));
        close();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <Modal opened={opened} onClose={close} title={t('assets.new')} size="lg" fullScreen={isPhone}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {create.isError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {errorMessage(create.error)}
            </Alert>
          ) : null}
          <AssetFormFields form={form} withKind idPrefix="new-asset" />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('assets.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
