import { LoginRequestSchema, type TwoFactorChallenge } from '@bancada/shared';
import { Alert, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { PasswordField } from '../../app/components/PasswordField';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { AuthLayout } from './AuthLayout';
import { signIn } from './api';
import { AuthLink } from './navigation';
import { useAuthForm } from './use-auth-form';
import { useRequest } from './use-request';

// only a sign-in with a second factor needs them: kept out of the first screen's code
const TwoFactorVerifyStep = lazy(async () => ({
  default: (await import('./TwoFactorSteps')).TwoFactorVerifyStep,
}));
const TwoFactorEnrolStep = lazy(async () => ({
  default: (await import('./TwoFactorSteps')).TwoFactorEnrolStep,
}));

interface LoginValues {
  email: string;
  password: string;
  rememberMe: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const login = useRequest(signIn);
  // a second factor is on (or the role requires one): the password step answered a challenge
  const [challenge, setChallenge] = useState<TwoFactorChallenge | null>(null);
  const form = useAuthForm<LoginValues>({
    initialValues: { email: '', password: '', rememberMe: false },
    validate: zodResolver(LoginRequestSchema),
  });

  // where to go next is decided by whoever shows the page (RedirectIfSignedIn, AuthApp) once the session
  // exists; until the next page is there the button stays busy
  const submit = form.onSubmit((values) => {
    void login.run(parseWith(LoginRequestSchema, values), {
      onSuccess: setChallenge,
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  if (challenge) {
    const Step = challenge.twoFactor === 'VERIFY' ? TwoFactorVerifyStep : TwoFactorEnrolStep;
    const title =
      challenge.twoFactor === 'VERIFY' ? t('auth.twoFactor.title') : t('auth.twoFactor.enrolTitle');
    return (
      <AuthLayout title={title}>
        <Suspense fallback={null}>
          <Step
            challenge={challenge}
            rememberMe={form.values.rememberMe}
            onRestart={() => setChallenge(null)}
          />
        </Suspense>
      </AuthLayout>
    );
  }

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
          <Button
            type="submit"
            fullWidth
            size="md"
            loading={login.isPending || (login.isSuccess && !challenge)}
          >
            {t('auth.login.submit')}
          </Button>
          {/* customers sign up for the portal; its pages load only when followed */}
          <AuthLink to="/portal/register" size="sm" ta="center">
            {t('auth.login.createAccount')}
          </AuthLink>
        </Stack>
      </form>
    </AuthLayout>
  );
}
