import { PasswordResetConfirmSchema } from '@bancada/shared';
import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../app/api';
import { PasswordField } from '../../app/components/PasswordField';
import { applyServerErrors, parseWith, passwordsDiffer, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { AuthLayout } from './AuthLayout';
import { useConfirmPasswordReset } from './api';

interface ResetValues {
  token: string;
  password: string;
  confirmation: string;
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmPasswordReset();
  const form = useForm<ResetValues>({
    initialValues: { token, password: '', confirmation: '' },
    validate: zodResolver(PasswordResetConfirmSchema, {
      refine: (values) => {
        const differ = passwordsDiffer(values.password, values.confirmation);
        return differ ? { confirmation: differ } : {};
      },
    }),
  });

  const submit = form.onSubmit((values) => {
    confirm.mutate(parseWith(PasswordResetConfirmSchema, values), {
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
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('auth.reset.requestNew')}
          </Anchor>
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
                <Anchor component={Link} to="/forgot-password" size="sm">
                  {t('auth.reset.requestNew')}
                </Anchor>
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
          <Anchor component={Link} to="/login" size="sm" ta="center">
            {t('auth.backToLogin')}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
