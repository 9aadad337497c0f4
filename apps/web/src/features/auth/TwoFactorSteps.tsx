import {
  type TokenResponse,
  type TwoFactorChallenge,
  TwoFactorEnrolmentConfirmSchema,
  type TwoFactorSetup,
  TwoFactorVerifySchema,
} from '@bancada/shared';
import { Alert, Anchor, Button, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { confirmEnrolment, keepSession, startEnrolment, verifyTwoFactor } from './api';
import { CodeField } from './CodeField';
import { RecoveryCodes } from './RecoveryCodes';
import { TotpSecret } from './TotpSecret';
import { useAuthForm } from './use-auth-form';
import { useRequest } from './use-request';

interface StepProps {
  challenge: TwoFactorChallenge;
  rememberMe: boolean;
  /** back to the password (the challenge expired, or the person wants another account) */
  onRestart: () => void;
}

function ErrorAlert({ error }: { error: unknown }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}

/** The second step of a sign-in: the authenticator's code, or one of the recovery codes. */
export function TwoFactorVerifyStep({ challenge, rememberMe, onRestart }: StepProps) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const verify = useRequest(verifyTwoFactor);
  const toBody = (values: { code: string }) =>
    useRecovery
      ? { challengeToken: challenge.challengeToken, recoveryCode: values.code }
      : { challengeToken: challenge.challengeToken, code: values.code };
  const form = useAuthForm<{ code: string }>({
    initialValues: { code: '' },
    validate: zodResolver<{ code: string }>(TwoFactorVerifySchema, { prepare: toBody }),
  });
  const errors = form.errors;
  // the schema names a missing recovery code under `code` too: one field shows either
  const fieldError = errors.code ?? errors.recoveryCode;

  const submit = form.onSubmit((values) => {
    void verify.run(
      { body: parseWith(TwoFactorVerifySchema, toBody(values)), rememberMe },
      { onError: (error) => applyServerErrors(form.setErrors, error) },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {useRecovery ? t('auth.twoFactor.recoveryIntro') : t('auth.twoFactor.codeIntro')}
        </Text>
        {verify.isError ? <ErrorAlert error={verify.error} /> : null}
        {useRecovery ? (
          <TextInput
            key="recovery"
            label={t('auth.twoFactor.recoveryCode')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            maxLength={40}
            {...form.getInputProps('code')}
            error={fieldError}
          />
        ) : (
          <CodeField
            key="code"
            label={t('auth.twoFactor.code')}
            autoFocus
            {...form.getInputProps('code')}
            error={fieldError}
          />
        )}
        <Button type="submit" fullWidth size="md" loading={verify.isPending || verify.isSuccess}>
          {t('auth.twoFactor.verify')}
        </Button>
        <Stack gap={4} align="center">
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setUseRecovery((current) => !current);
              form.setErrors({});
            }}
          >
            {useRecovery ? t('auth.twoFactor.useCode') : t('auth.twoFactor.useRecovery')}
          </Anchor>
          <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onRestart}>
            {t('auth.twoFactor.restart')}
          </Anchor>
        </Stack>
      </Stack>
    </form>
  );
}

/** The role requires a second factor and the person has none: set it up now, then the sign-in finishes. */
export function TwoFactorEnrolStep({ challenge, rememberMe, onRestart }: StepProps) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [setupError, setSetupError] = useState<unknown>(null);
  const [enrolled, setEnrolled] = useState<{ tokens: TokenResponse; codes: string[] } | null>(null);
  const confirm = useRequest(confirmEnrolment);
  const form = useAuthForm<{ code: string }>({
    initialValues: { code: '' },
    validate: zodResolver<{ code: string }>(TwoFactorEnrolmentConfirmSchema, {
      prepare: (values) => ({ challengeToken: challenge.challengeToken, code: values.code }),
    }),
  });

  useEffect(() => {
    let isCurrent = true;
    startEnrolment(challenge.challengeToken).then(
      (answer) => {
        if (isCurrent) setSetup(answer);
      },
      (error: unknown) => {
        if (isCurrent) setSetupError(error);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [challenge.challengeToken]);

  if (enrolled) {
    return (
      <Stack gap="md">
        <Text size="sm">{t('auth.twoFactor.enrolledIntro')}</Text>
        <RecoveryCodes codes={enrolled.codes} />
        <Button fullWidth size="md" onClick={() => keepSession(enrolled.tokens, rememberMe)}>
          {t('auth.twoFactor.continue')}
        </Button>
      </Stack>
    );
  }

  const submit = form.onSubmit((values) => {
    const body = parseWith(TwoFactorEnrolmentConfirmSchema, {
      challengeToken: challenge.challengeToken,
      code: values.code,
    });
    void confirm.run(body, {
      onSuccess: ({ recoveryCodes, ...tokens }) => setEnrolled({ tokens, codes: recoveryCodes }),
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{t('auth.twoFactor.requiredIntro')}</Text>
        {setupError ? <ErrorAlert error={setupError} /> : null}
        {confirm.isError ? <ErrorAlert error={confirm.error} /> : null}
        {setup ? <TotpSecret setup={setup} /> : setupError ? null : <Loader mx="auto" size="sm" />}
        <CodeField label={t('auth.twoFactor.code')} {...form.getInputProps('code')} />
        <Button type="submit" fullWidth size="md" loading={confirm.isPending} disabled={!setup}>
          {t('auth.twoFactor.confirm')}
        </Button>
        <Anchor component="button" type="button" size="sm" c="dimmed" onClick={onRestart} ta="center">
          {t('auth.twoFactor.restart')}
        </Anchor>
      </Stack>
    </form>
  );
}
