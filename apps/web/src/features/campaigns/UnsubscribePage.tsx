import { Button, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconMailOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PublicFrame } from '../../app/components/PublicFrame';
import { usePublicLanguage } from '../feedback/api';
import { PublicLoadError } from '../feedback/PublicFeedbackPage';
import { useUnsubscribe, useUnsubscribeInfo } from './api';

/** A campaign message's unsubscribe link (issue 14 §6): one tap stops the promotions on that channel. */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const info = useUnsubscribeInfo(token);
  const unsubscribe = useUnsubscribe(token);
  usePublicLanguage(info.data?.locale);
  useDocumentTitle(`${t('engagement.unsubscribe.documentTitle')} · ${info.data?.shopName ?? 'Bancada'}`);

  return (
    <PublicFrame shopName={info.data?.shopName}>
      {info.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={28} width="60%" />
          <Skeleton height={80} />
        </Stack>
      ) : info.isError ? (
        <PublicLoadError error={info.error} />
      ) : info.data.unsubscribed ? (
        <Paper withBorder radius="md" p="lg">
          <Stack gap="sm" align="center" ta="center">
            <IconCircleCheck size={48} color="var(--mantine-color-teal-6)" aria-hidden />
            <Title order={1} fz="h3">
              {t('engagement.unsubscribe.doneTitle')}
            </Title>
            <Text>
              {t('engagement.unsubscribe.done', {
                shop: info.data.shopName,
                channel: t(`engagement.channels.${info.data.channel}`),
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('engagement.unsubscribe.stillTransactional')}
            </Text>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <IconMailOff size={40} aria-hidden />
            <Title order={1} fz="h3">
              {t('engagement.unsubscribe.title')}
            </Title>
            <Text>
              {t('engagement.unsubscribe.question', {
                shop: info.data.shopName,
                channel: t(`engagement.channels.${info.data.channel}`),
              })}
            </Text>
            {unsubscribe.isError ? <PublicLoadError error={unsubscribe.error} /> : null}
            <Button
              size="lg"
              color="red"
              fullWidth
              loading={unsubscribe.isPending}
              onClick={() => unsubscribe.mutate()}
            >
              {t('engagement.unsubscribe.confirm')}
            </Button>
          </Stack>
        </Paper>
      )}
    </PublicFrame>
  );
}
