import { LoginRequestSchema } from '@bancada/shared';
import { Alert, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { PasswordField } from '../../app/components/PasswordField';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { AuthLayout } from './AuthLayout';
import { signIn } from './api';
import { AuthLink } from './navigation';
import { useAuthForm } from './use-auth-form';
import { useRequest } from './use-request';

interface LoginValues {
  email: string;
  password: string;
  rememberMe: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const login = useRequest(signIn);
  const form = useAuthForm<LoginValues>({
    initialValues: { email: '', password: '', rememberMe: false },
    validate: zodResolver(LoginRequestSchema),
  });

  // where to go next is decided by whoever shows the page (RedirectIfSignedIn, AuthApp) once the session
  // exists; until the next page is there the button stays busy
  const submit = form.onSubmit((values) => {
    void login.run(parseWith(LoginRequestSchema, values), {
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <AuthLayout title={t('auth.login.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {login.isError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {errorMessage(login.error)}
            </Alert>
          ) : null}
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="username"
            inputMode="email"
            autoFocus
            maxLength={254}
            {...form.getInputProps('email')}
          />
          <PasswordField
            label={t('auth.fields.password')}
            autoComplete="current-password"
            maxLength={200}
            {...form.getInputProps('password')}
          />
          <Group justify="space-between" gap="xs">
            <Checkbox label={t('auth.login.rememberMe')} {...form.getCheckboxProps('rememberMe')} />
            <AuthLink to="/forgot-password" size="sm">
              {t('auth.login.forgotPassword')}
            </AuthLink>
          </Group>
          <Button type="submit" fullWidth size="md" loading={login.isPending || login.isSuccess}>
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
