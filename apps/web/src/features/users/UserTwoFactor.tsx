import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../app/notify';
import { useResetUserTwoFactor, useUserTwoFactor } from './api';

/** Whether a user's second factor is on, and (for who manages users) its reset, after a confirmation. */
export function UserTwoFactor({
  userId,
  name,
  canManage,
}: {
  userId: string;
  name: string;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const status = useUserTwoFactor(userId);
  const reset = useResetUserTwoFactor(userId);
  const [isAsking, setIsAsking] = useState(false);
  if (!status.data) return null;
  const isOn = status.data.enabled;
  const confirm = () =>
    reset.mutate(undefined, {
      onSuccess: () => {
        setIsAsking(false);
        notifySuccess(t('users.twoFactor.resetDone'));
      },
      onError: notifyError,
    });
  return (
    <Group justify="space-between" gap="xs">
      <Group gap="xs">
        <Text size="sm">{t('users.twoFactor.title')}</Text>
        <Badge color={isOn ? 'teal' : 'gray'} variant="light">
          {isOn ? t('users.twoFactor.on') : t('users.twoFactor.off')}
        </Badge>
      </Group>
      {canManage && isOn ? (
        <Button size="xs" variant="light" color="red" onClick={() => setIsAsking(true)}>
          {t('users.twoFactor.reset')}
        </Button>
      ) : null}
      <Modal opened={isAsking} onClose={() => setIsAsking(false)} title={t('users.twoFactor.reset')}>
        <Stack gap="md">
          <Text size="sm">{t('users.twoFactor.resetConfirm', { name })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setIsAsking(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={reset.isPending} onClick={confirm}>
              {t('users.twoFactor.reset')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
