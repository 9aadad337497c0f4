import { PasswordResetConfirmSchema } from '@bancada/shared';
import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { PasswordField } from '../../app/components/PasswordField';
import { applyServerErrors, parseWith, passwordsDiffer, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { AuthLayout } from './AuthLayout';
import { confirmPasswordReset } from './api';
import { AuthLink, useAuthNavigation } from './navigation';
import { useAuthForm } from './use-auth-form';
import { useRequest } from './use-request';

interface ResetValues {
  token: string;
  password: string;
  confirmation: string;
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { search, navigate } = useAuthNavigation();
  const token = new URLSearchParams(search).get('token') ?? '';
  const confirm = useRequest(confirmPasswordReset);
  const form = useAuthForm<ResetValues>({
    initialValues: { token, password: '', confirmation: '' },
    validate: zodResolver(PasswordResetConfirmSchema, {
      refine: (values) => {
        const differ = passwordsDiffer(values.password, values.confirmation);
        return differ ? { confirmation: differ } : {};
      },
    }),
  });

  const submit = form.onSubmit((values) => {
    void confirm.run(parseWith(PasswordResetConfirmSchema, values), {
      onSuccess: () => {
        notifySuccess(t('auth.reset.done'));
        navigate('/login', { replace: true });
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  if (!token) {
    return (
      <AuthLayout title={t('auth.reset.title')}>
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />}>
            {t('auth.reset.missingToken')}
          </Alert>
          <AuthLink to="/forgot-password" size="sm">
            {t('auth.reset.requestNew')}
          </AuthLink>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.reset.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {confirm.isError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              <Stack gap={4}>
                <span>{errorMessage(confirm.error)}</span>
                <AuthLink to="/forgot-password" size="sm">
                  {t('auth.reset.requestNew')}
                </AuthLink>
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
          <Button type="submit" fullWidth size="md" loading={confirm.isPending}>
            {t('auth.reset.submit')}
          </Button>
          <AuthLink to="/login" size="sm" ta="center">
            {t('auth.backToLogin')}
          </AuthLink>
        </Stack>
      </form>
    </AuthLayout>
  );
}
