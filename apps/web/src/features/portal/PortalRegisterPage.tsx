import { PortalRegisterSchema } from '@bancada/shared';
import { Alert, Anchor, Button, Checkbox, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconMailCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { PasswordField } from '../../app/components/PasswordField';
import { applyServerErrors, parseWith, passwordsDiffer, zodResolver } from '../../app/form';
import { currentLocale } from '../../app/i18n';
import { maskPhone } from '../../app/masks';
import { AuthLayout } from '../auth/AuthLayout';
import { AuthLink } from '../auth/navigation';
import { useRegister } from './api';
import { EMPTY_REGISTRATION, type RegisterValues, registerBody } from './portal-forms';

/** Self-registration (issue 15 §2): the portal opens once the e-mailed link was followed. */
export function PortalRegisterPage() {
  const { t } = useTranslation();
  const register = useRegister();
  const form = useForm<RegisterValues>({
    initialValues: EMPTY_REGISTRATION,
    validate: zodResolver(PortalRegisterSchema, {
      prepare: (values) => registerBody(values, currentLocale()),
      refine: (values) => {
        const differ = passwordsDiffer(values.password, values.confirmation);
        return differ ? { confirmation: differ } : {};
      },
    }),
  });

  const submit = form.onSubmit((values) => {
    register.mutate(parseWith(PortalRegisterSchema, registerBody(values, currentLocale())), {
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  // the same answer for a known and an unknown address: no account enumeration
  if (register.isSuccess) {
    return (
      <AuthLayout title={t('portal.register.sentTitle')}>
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconMailCheck aria-hidden />} role="status">
            {t('portal.register.sentText', { email: form.values.email.trim() })}
          </Alert>
          <Text size="sm" c="dimmed">
            {t('portal.register.sentSpam')}
          </Text>
          <AuthLink to="/login" size="sm" ta="center">
            {t('auth.backToLogin')}
          </AuthLink>
        </Stack>
      </AuthLayout>
    );
  }

  const fieldError =
    register.error instanceof ApiError && register.error.status === 400 && register.error.details;
  return (
    <AuthLayout title={t('portal.register.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('portal.register.intro')}
          </Text>
          {register.isError && !fieldError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {errorMessage(register.error)}
            </Alert>
          ) : null}
          <TextInput
            label={t('portal.register.name')}
            autoComplete="name"
            autoFocus
            maxLength={160}
            withAsterisk
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            inputMode="email"
            autoComplete="email"
            maxLength={254}
            withAsterisk
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('portal.register.phone')}
            description={t('portal.register.phoneHint')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={20}
            {...form.getInputProps('phone')}
            onChange={(event) => form.setFieldValue('phone', maskPhone(event.currentTarget.value))}
          />
          <TextInput
            label={t('portal.register.document')}
            description={t('portal.register.documentHint')}
            inputMode="text"
            autoComplete="off"
            maxLength={30}
            {...form.getInputProps('document')}
          />
          <PasswordField
            label={t('auth.fields.password')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            maxLength={200}
            withAsterisk
            {...form.getInputProps('password')}
          />
          <PasswordField
            label={t('auth.fields.confirmPassword')}
            autoComplete="new-password"
            maxLength={200}
            withAsterisk
            {...form.getInputProps('confirmation')}
          />
          <Checkbox
            label={
              <>
                {t('portal.register.accept')}{' '}
                <Anchor href="/privacy" target="_blank" rel="noopener" inherit>
                  {t('portal.register.policyLink')}
                </Anchor>
              </>
            }
            {...form.getInputProps('acceptPrivacyPolicy', { type: 'checkbox' })}
          />
          <Button type="submit" fullWidth size="md" loading={register.isPending}>
            {t('portal.register.submit')}
          </Button>
          <Text size="sm" ta="center">
            {t('portal.register.haveAccount')}{' '}
            <AuthLink to="/login" size="sm">
              {t('auth.login.submit')}
            </AuthLink>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
