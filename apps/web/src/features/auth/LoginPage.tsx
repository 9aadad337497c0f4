import { LoginRequestSchema } from '@bancada/shared';
import { Alert, Anchor, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api';
import { useLogin } from '../../app/auth';
import { PasswordField } from '../../app/components/PasswordField';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { AuthLayout } from './AuthLayout';

interface LoginValues {
  email: string;
  password: string;
  rememberMe: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const form = useForm<LoginValues>({
    initialValues: { email: '', password: '', rememberMe: false },
    validate: zodResolver(LoginRequestSchema),
  });

  // where to go next is decided by RedirectIfSignedIn once the session exists
  const submit = form.onSubmit((values) => {
    login.mutate(parseWith(LoginRequestSchema, values), {
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
            <Checkbox
              label={t('auth.login.rememberMe')}
              {...form.getInputProps('rememberMe', { type: 'checkbox' })}
            />
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('auth.login.forgotPassword')}
            </Anchor>
          </Group>
          <Button type="submit" fullWidth size="md" loading={login.isPending}>
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
