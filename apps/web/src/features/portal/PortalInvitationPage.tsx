import { PortalAcceptInvitationSchema } from '@bancada/shared';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { PasswordField } from '../../app/components/PasswordField';
import { applyServerErrors, parseWith, passwordsDiffer, zodResolver } from '../../app/form';
import { AuthLayout } from '../auth/AuthLayout';
import { AuthLink, useAuthNavigation } from '../auth/navigation';
import { useAcceptInvitation } from './api';

interface InvitationValues {
  token: string;
  password: string;
  confirmation: string;
}

/** The shop's invitation link: the customer chooses a password, then signs in. */
export function PortalInvitationPage() {
  const { t } = useTranslation();
  const { search, navigate } = useAuthNavigation();
  const token = new URLSearchParams(search).get('token') ?? '';
  const accept = useAcceptInvitation();
  const form = useForm<InvitationValues>({
    initialValues: { token, password: '', confirmation: '' },
    validate: zodResolver(PortalAcceptInvitationSchema, {
      refine: (values) => {
        const differ = passwordsDiffer(values.password, values.confirmation);
        return differ ? { confirmation: differ } : {};
      },
    }),
  });

  const submit = form.onSubmit((values) => {
    accept.mutate(parseWith(PortalAcceptInvitationSchema, values), {
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  if (!token) {
    return (
      <AuthLayout title={t('portal.invitation.title')}>
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
          {t('portal.invitation.missingToken')}
        </Alert>
      </AuthLayout>
    );
  }

  if (accept.isSuccess) {
    return (
      <AuthLayout title={t('portal.invitation.title')}>
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
            {t('portal.invitation.doneText', { email: accept.data.email })}
          </Alert>
          <Button fullWidth size="md" onClick={() => navigate('/login', { replace: true })}>
            {t('portal.verify.signIn')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  const fieldError = accept.error instanceof ApiError && accept.error.status === 400 && accept.error.details;
  return (
    <AuthLayout title={t('portal.invitation.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('portal.invitation.intro')}
          </Text>
          {accept.isError && !fieldError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              <Stack gap={4}>
                <span>{errorMessage(accept.error)}</span>
                <Text size="sm">{t('portal.invitation.failed')}</Text>
              </Stack>
            </Alert>
          ) : null}
          <PasswordField
            label={t('auth.fields.newPassword')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            autoFocus
            maxLength={200}
            {...form.getInputProps('password')}
          />
          <PasswordField
            label={t('auth.fields.confirmPassword')}
            autoComplete="new-password"
            maxLength={200}
            {...form.getInputProps('confirmation')}
          />
          <Button type="submit" fullWidth size="md" loading={accept.isPending}>
            {t('portal.invitation.submit')}
          </Button>
          <AuthLink to="/login" size="sm" ta="center">
            {t('auth.backToLogin')}
          </AuthLink>
        </Stack>
      </form>
    </AuthLayout>
  );
}
