import { PasswordResetRequestSchema } from '@bancada/shared';
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { AuthLayout } from './AuthLayout';
import { requestPasswordReset } from './api';
import { AuthLink } from './navigation';
import { useAuthForm } from './use-auth-form';
import { useRequest } from './use-request';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequest(requestPasswordReset);
  const form = useAuthForm({
    initialValues: { email: '' },
    validate: zodResolver(PasswordResetRequestSchema),
  });

  const submit = form.onSubmit((values) => {
    void request.run(parseWith(PasswordResetRequestSchema, values), {
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <AuthLayout title={t('auth.forgot.title')}>
      {request.isSuccess ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconMailCheck aria-hidden />} role="status">
            {t('auth.forgot.sent')}
          </Alert>
          <AuthLink to="/login" size="sm">
            {t('auth.backToLogin')}
          </AuthLink>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('auth.forgot.intro')}
            </Text>
            {request.isError ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
                {errorMessage(request.error)}
              </Alert>
            ) : null}
            <TextInput
              label={t('auth.fields.email')}
              type="email"
              autoComplete="email"
              inputMode="email"
              autoFocus
              maxLength={254}
              {...form.getInputProps('email')}
            />
            <Button type="submit" fullWidth size="md" loading={request.isPending}>
              {t('auth.forgot.submit')}
            </Button>
            <AuthLink to="/login" size="sm" ta="center">
              {t('auth.backToLogin')}
            </AuthLink>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
