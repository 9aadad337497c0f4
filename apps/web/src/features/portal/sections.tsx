import { Card, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** A titled card of a portal page. */
export function PortalSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} fz="h5" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

/**
 * A section's loading and error states. A 403 means the shop's server does not open this part of the
 * record to customers: said in words, without a retry that could not help.
 */
export function SectionStatus({ query, rows = 3 }: { query: QueryLike; rows?: number }) {
  const { t } = useTranslation();
  if (query.isPending) return <LoadingRows rows={rows} />;
  if (!query.isError) return null;
  if (query.error instanceof ApiError && query.error.status === 403) {
    return (
      <Text size="sm" c="dimmed">
        {t('portal.unavailable')}
      </Text>
    );
  }
  return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
}
