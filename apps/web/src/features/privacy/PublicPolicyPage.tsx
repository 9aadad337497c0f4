import { Alert, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../app/api';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { usePublicPolicy } from './api';
import { PolicyText } from './PolicyText';

/** The shop's privacy policy for anyone, without signing in: `/privacy` (`?organization=` when several). */
export function PublicPolicyPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const policy = usePublicPolicy(params.get('organization'));
  const format = useFormat();

  useEffect(() => {
    document.title = policy.data
      ? `${t('privacy.public.title')} · ${policy.data.organizationName}`
      : t('privacy.public.title');
  }, [policy.data, t]);

  return (
    <Container size="md" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
        <Stack gap="md">
          <Stack gap={4}>
            {policy.data ? (
              <Text size="sm" c="dimmed" fw={600}>
                {policy.data.organizationName}
              </Text>
            ) : null}
            <Title order={1} size="h2">
              {t('privacy.public.title')}
            </Title>
            {policy.data ? (
              <Text size="sm" c="dimmed">
                {t('privacy.public.updated', {
                  version: policy.data.version,
                  date: format.date(policy.data.createdAt),
                })}
              </Text>
            ) : null}
          </Stack>
          {policy.isPending ? <LoadingRows rows={6} /> : null}
          {policy.isError ? (
            isApiError(policy.error) && policy.error.status === 404 ? (
              <Alert icon={<IconLock size={18} aria-hidden />} color="gray">
                {t('privacy.public.notFound')}
              </Alert>
            ) : (
              <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
            )
          ) : null}
          {policy.data ? <PolicyText body={policy.data.body} /> : null}
        </Stack>
      </Paper>
    </Container>
  );
}
