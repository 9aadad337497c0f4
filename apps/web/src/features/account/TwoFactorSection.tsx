import { TwoFactorConfirmSchema, TwoFactorDisableSchema, type TwoFactorSetup } from '@bancada/shared';
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconKey, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../app/components/PasswordField';
import { QueryStatus } from '../../app/components/QueryStates';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { CodeField } from '../auth/CodeField';
import { RecoveryCodes } from '../auth/RecoveryCodes';
import { TotpSecret } from '../auth/TotpSecret';
import {
  useConfirmTwoFactor,
  useDisableTwoFactor,
  useRegenerateRecoveryCodes,
  useSetUpTwoFactor,
  useTwoFactorStatus,
} from './api';

/** Scan, then confirm with a code; the recovery codes are shown once after. */
function Enrolment({
  setup,
  onCancel,
  onEnabled,
}: {
  setup: TwoFactorSetup;
  onCancel: () => void;
  onEnabled: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmTwoFactor();
  const form = useForm({ initialValues: { code: '' }, validate: zodResolver(TwoFactorConfirmSchema) });

  const submit = form.onSubmit((values) => {
    confirm.mutate(parseWith(TwoFactorConfirmSchema, values), {
      onSuccess: ({ recoveryCodes }) => {
        notifySuccess(t('account.twoFactor.enabled'));
        onEnabled(recoveryCodes);
      },
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) notifyError(error);
      },
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <TotpSecret setup={setup} />
        <Stack gap="md" justify="center">
          <Text size="sm">{t('account.twoFactor.confirmHint')}</Text>
          <CodeField label={t('auth.twoFactor.code')} autoFocus {...form.getInputProps('code')} />
          <Group gap="sm">
            <Button type="submit" loading={confirm.isPending}>
              {t('auth.twoFactor.confirm')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('account.twoFactor.cancel')}
            </Button>
          </Group>
        </Stack>
      </SimpleGrid>
    </form>
  );
}

/** New recovery codes (the old ones stop working) for a current code; shown once, like the first ones. */
function RegenerateCodesForm({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const regenerate = useRegenerateRecoveryCodes();
  const form = useForm({ initialValues: { code: '' }, validate: zodResolver(TwoFactorConfirmSchema) });
  const submit = form.onSubmit((values) => {
    regenerate.mutate(parseWith(TwoFactorConfirmSchema, values), {
      onSuccess: ({ recoveryCodes }) => {
        form.reset();
        notifySuccess(t('account.twoFactor.regenerated'));
        onCodes(recoveryCodes);
      },
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) notifyError(error);
      },
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('account.twoFactor.regenerateHint')}
        </Text>
        <Group align="flex-end" gap="sm">
          <CodeField label={t('auth.twoFactor.code')} w={180} {...form.getInputProps('code')} />
          <Button
            type="submit"
            variant="light"
            leftSection={<IconKey size={18} aria-hidden />}
            loading={regenerate.isPending}
          >
            {t('account.twoFactor.regenerate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Turning it off asks for a current code or the password. */
function DisableForm() {
  const { t } = useTranslation();
  const disable = useDisableTwoFactor();
  const form = useForm({
    initialValues: { code: '', password: '' },
    validate: zodResolver(TwoFactorDisableSchema, {
      prepare: (values: { code: string; password: string }) => ({
        code: values.code.trim() || undefined,
        password: values.password || undefined,
      }),
    }),
  });
  const submit = form.onSubmit((values) => {
    const body = parseWith(TwoFactorDisableSchema, {
      code: values.code.trim() || undefined,
      password: values.code.trim() ? undefined : values.password || undefined,
    });
    disable.mutate(body, {
      onSuccess: () => {
        form.reset();
        notifySuccess(t('account.twoFactor.disabled'));
      },
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) notifyError(error);
      },
    });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('account.twoFactor.disableHint')}
        </Text>
        <Group align="flex-end" gap="sm">
          <CodeField label={t('auth.twoFactor.code')} w={180} {...form.getInputProps('code')} />
          <Text size="sm" c="dimmed" pb={8}>
            {t('account.twoFactor.orPassword')}
          </Text>
          <PasswordField
            label={t('account.twoFactor.password')}
            autoComplete="current-password"
            maxLength={200}
            w={220}
            {...form.getInputProps('password')}
          />
          <Button
            type="submit"
            color="red"
            variant="light"
            leftSection={<IconShieldOff size={18} aria-hidden />}
            loading={disable.isPending}
          >
            {t('account.twoFactor.disable')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** My second factor: turn it on (QR, key, code, recovery codes once) or off. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useTwoFactorStatus();
  const setUp = useSetUpTwoFactor();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const data = status.data;

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="account-two-factor"
    >
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h4" id="account-two-factor">
          {t('account.twoFactor.title')}
        </Title>
        {data ? (
          <Badge color={data.enabled ? 'teal' : 'gray'} variant="light">
            {data.enabled ? t('account.twoFactor.on') : t('account.twoFactor.off')}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('account.twoFactor.description')}
      </Text>
      <QueryStatus query={status} rows={2} />
      {codes ? (
        <Stack gap="md">
          <Text size="sm">{t('auth.twoFactor.enrolledIntro')}</Text>
          <RecoveryCodes codes={codes} />
          <Group>
            <Button onClick={() => setCodes(null)}>{t('account.twoFactor.done')}</Button>
          </Group>
        </Stack>
      ) : data?.enabled ? (
        <Stack gap="md">
          <Group gap="lg">
            {data.enabledAt ? (
              <Text size="sm">
                {t('account.twoFactor.enabledSince', { date: format.dateTime(data.enabledAt) })}
              </Text>
            ) : null}
            <Text size="sm">{t('account.twoFactor.codesLeft', { count: data.recoveryCodesLeft })}</Text>
          </Group>
          <RegenerateCodesForm onCodes={setCodes} />
          {data.required ? (
            <Text size="sm" c="dimmed">
              {t('account.twoFactor.required')}
            </Text>
          ) : (
            <DisableForm />
          )}
        </Stack>
      ) : data ? (
        <Stack gap="sm">
          {data.required ? <Text size="sm">{t('account.twoFactor.required')}</Text> : null}
          {setup ? (
            <Enrolment
              setup={setup}
              onCancel={() => setSetup(null)}
              onEnabled={(recoveryCodes) => {
                setSetup(null);
                setCodes(recoveryCodes);
              }}
            />
          ) : (
            <Group>
              <Button
                leftSection={<IconShieldCheck size={18} aria-hidden />}
                loading={setUp.isPending}
                onClick={() => setUp.mutate(undefined, { onSuccess: setSetup, onError: notifyError })}
              >
                {t('account.twoFactor.start')}
              </Button>
            </Group>
          )}
        </Stack>
      ) : null}
    </Paper>
  );
}
