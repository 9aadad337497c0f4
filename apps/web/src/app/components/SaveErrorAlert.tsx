import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api';

/** A stale edit (412): someone saved a newer version; the form offers to load it. */
export function isStale(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 412;
}

/** A 409 that names its field (a document or code already taken) is shown on that field, not on top. */
export function isShownOnField(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && Boolean(error.details);
}

/**
 * What went wrong with a save, above the form: a stale version with a button to load the newer one,
 * or any other error that is not already shown on a field.
 */
export function SaveErrorAlert({
  error,
  staleHint,
  onReload,
}: {
  error: unknown;
  staleHint: string;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  if (isStale(error)) {
    return (
      <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
        <Stack gap="xs" align="flex-start">
          <span>{error.message}</span>
          <span>{staleHint}</span>
          <Button size="xs" variant="light" color="orange" onClick={onReload}>
            {t('common.reloadLatest')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  if (isShownOnField(error)) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
