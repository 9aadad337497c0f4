import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { AuthLayout } from '../auth/AuthLayout';
import { AuthLink, useAuthNavigation } from '../auth/navigation';
import { useVerifyEmail } from './api';

/** The e-mailed verification link: verifies on arrival, then the customer signs in. */
export function PortalVerifyPage() {
  const { t } = useTranslation();
  const { search, navigate } = useAuthNavigation();
  const token = new URLSearchParams(search).get('token') ?? '';
  const verify = useVerifyEmail();
  const isSent = useRef(false);

  // once per token: StrictMode's second effect run must not spend a used token
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the token only
  useEffect(() => {
    if (!token || isSent.current) return;
    isSent.current = true;
    verify.mutate({ token });
  }, [token]);

  return (
    <AuthLayout title={t('portal.verify.title')}>
      <Stack gap="md">
        {!token ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
            {t('portal.verify.missingToken')}
          </Alert>
        ) : verify.isSuccess ? (
          <>
            <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
              {t('portal.verify.doneText', { email: verify.data.email })}
            </Alert>
            <Button fullWidth size="md" onClick={() => navigate('/login', { replace: true })}>
              {t('portal.verify.signIn')}
            </Button>
          </>
        ) : verify.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            <Stack gap={4}>
              <span>{errorMessage(verify.error)}</span>
              <Text size="sm">{t('portal.verify.failed')}</Text>
            </Stack>
          </Alert>
        ) : (
          <Stack align="center" gap="xs" role="status" aria-busy="true">
            <Loader aria-hidden />
            <Text size="sm">{t('portal.verify.working')}</Text>
          </Stack>
        )}
        {verify.isSuccess ? null : (
          <AuthLink to="/portal/register" size="sm" ta="center">
            {t('portal.verify.registerAgain')}
          </AuthLink>
        )}
      </Stack>
    </AuthLayout>
  );
}
