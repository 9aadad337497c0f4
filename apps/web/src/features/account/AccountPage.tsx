import {
  ChangePasswordSchema,
  LOCALES,
  type Locale,
  type Me,
  ProfileUpdateSchema,
  type Session,
} from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { useAuth, useLogout, useUpdateMe } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { PasswordField } from '../../app/components/PasswordField';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { RoleBadge } from '../../app/components/RoleBadge';
import { applyServerErrors, parseWith, passwordsDiffer, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { changeLocale, currentLocale } from '../../app/i18n';
import { notifyError, notifySuccess } from '../../app/notify';
import { useChangePassword, useRevokeAllSessions, useRevokeSession, useSessions } from './api';
import { CalendarFeedSection } from './CalendarFeedSection';
import { TwoFactorSection } from './TwoFactorSection';
import { describeUserAgent } from './user-agent';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" mb="md" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  return (
    <>
      <PageHeader title={t('nav.account')} description={t('account.description')} />
      <Stack gap="lg">
        <ProfileSection key={`${me.name}|${me.locale}`} />
        <PasswordSection />
        <TwoFactorSection />
        {/* a technician's appointments in their own calendar app (issue 15) */}
        {me.role === 'TECHNICIAN' && <CalendarFeedSection />}
        <SessionsSection />
      </Stack>
    </>
  );
}

interface ProfileValues {
  name: string;
  phone: string;
  locale: Locale;
}

/** `me` may carry the phone although the documented body does not list it. */
function phoneOf(me: Me): string {
  const phone = (me as Me & { phone?: unknown }).phone;
  return typeof phone === 'string' ? phone : '';
}

function ProfileSection() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const updateMe = useUpdateMe();
  const initialValues: ProfileValues = { name: me.name, phone: phoneOf(me), locale: me.locale };
  const toCandidate = (values: ProfileValues) => ({
    name: values.name,
    phone: values.phone.trim() || null,
    locale: values.locale,
  });
  const form = useForm<ProfileValues>({
    initialValues,
    validate: zodResolver(ProfileUpdateSchema, { prepare: toCandidate }),
  });

  const submit = form.onSubmit((values) => {
    const candidate = toCandidate(values);
    const body = parseWith(ProfileUpdateSchema, {
      name: candidate.name,
      // an unchanged phone is not sent: `me` may not tell what is stored
      phone: form.isDirty('phone') ? candidate.phone : undefined,
      locale: candidate.locale,
    });
    updateMe.mutate(body, {
      onSuccess: async (updated) => {
        if (values.locale !== currentLocale()) await changeLocale(values.locale);
        form.resetDirty({ name: updated.name, phone: values.phone, locale: values.locale });
        notifySuccess(t('account.profileSaved'));
      },
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) notifyError(error);
      },
    });
  });

  return (
    <Section id="account-profile" title={t('account.profile')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {me.email}
            </Text>
            <RoleBadge role={me.role} />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput
              label={t('users.fields.name')}
              required
              maxLength={120}
              autoComplete="name"
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('users.fields.phone')}
              type="tel"
              maxLength={30}
              autoComplete="tel"
              {...form.getInputProps('phone')}
            />
            <Select
              label={t('account.language')}
              allowDeselect={false}
              data={LOCALES.map((locale) => ({ value: locale, label: t(`language.names.${locale}`) }))}
              {...form.getInputProps('locale')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={updateMe.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmation: string;
}

function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm<PasswordValues>({
    initialValues: { currentPassword: '', newPassword: '', confirmation: '' },
    validate: zodResolver(ChangePasswordSchema, {
      refine: (values) => {
        const differ = passwordsDiffer(values.newPassword, values.confirmation);
        return differ ? { confirmation: differ } : {};
      },
    }),
  });

  const submit = form.onSubmit((values) => {
    change.mutate(parseWith(ChangePasswordSchema, values), {
      onSuccess: () => {
        form.reset();
        notifySuccess(t('account.passwordChanged'));
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <Section id="account-password" title={t('account.changePassword')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {change.isError && !form.errors.currentPassword && !form.errors.newPassword ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {errorMessage(change.error)}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <PasswordField
              label={t('account.currentPassword')}
              autoComplete="current-password"
              required
              maxLength={200}
              {...form.getInputProps('currentPassword')}
            />
            <PasswordField
              label={t('auth.fields.newPassword')}
              autoComplete="new-password"
              required
              maxLength={200}
              {...form.getInputProps('newPassword')}
            />
            <PasswordField
              label={t('auth.fields.confirmPassword')}
              autoComplete="new-password"
              required
              maxLength={200}
              {...form.getInputProps('confirmation')}
            />
          </SimpleGrid>
          <Group justify="space-between" gap="sm">
            <Text size="xs" c="dimmed" style={{ flex: '1 1 14rem' }}>
              {t('account.passwordNote')}
            </Text>
            <Button type="submit" loading={change.isPending}>
              {t('account.changePasswordSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function deviceLabel(session: Session, unknown: string): string {
  const { browser, system } = describeUserAgent(session.userAgent);
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? unknown;
}

/** "Sign out everywhere": every session ends, this one too, after a confirmation. */
function SignOutEverywhere() {
  const { t } = useTranslation();
  const revokeAll = useRevokeAllSessions();
  const logout = useLogout();
  const [isAsking, setIsAsking] = useState(false);
  const confirm = () =>
    revokeAll.mutate(undefined, {
      // this session is gone too: clear it here, and the app goes back to the sign-in page
      onSuccess: () => void logout(),
      onError: notifyError,
    });
  return (
    <>
      <Button variant="light" color="red" size="sm" onClick={() => setIsAsking(true)}>
        {t('account.signOutEverywhere')}
      </Button>
      <Modal opened={isAsking} onClose={() => setIsAsking(false)} title={t('account.signOutEverywhere')}>
        <Stack gap="md">
          <Text size="sm">{t('account.signOutEverywhereConfirm')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setIsAsking(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={revokeAll.isPending} onClick={confirm}>
              {t('account.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const sessions = useSessions();
  const revoke = useRevokeSession();

  const revokeSession = (session: Session) =>
    revoke.mutate(session.id, {
      onSuccess: () => notifySuccess(t('account.sessionRevoked')),
      onError: notifyError,
    });

  return (
    <Section id="account-sessions" title={t('account.sessions')}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 16rem' }}>
          {t('account.sessionsHint')} {t('account.signOutEverywhereHint')}
        </Text>
        <SignOutEverywhere />
      </Group>
      <QueryStatus query={sessions} rows={3} />
      {sessions.data && sessions.data.length === 0 ? <Empty title={t('account.noSessions')} /> : null}
      {sessions.data && sessions.data.length > 0 ? (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('account.sessionFields.device')}</Table.Th>
                <Table.Th>{t('account.sessionFields.ip')}</Table.Th>
                <Table.Th>{t('account.sessionFields.createdAt')}</Table.Th>
                <Table.Th>{t('account.sessionFields.lastUsedAt')}</Table.Th>
                <Table.Th>{t('account.sessionFields.expiresAt')}</Table.Th>
                <Table.Th>{t('account.sessionFields.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((session) => {
                const label = deviceLabel(session, t('account.unknownDevice'));
                const isMobile = /Android|iPhone|iPad|Mobile/.test(session.userAgent ?? '');
                const DeviceIcon = isMobile ? IconDeviceMobile : IconDeviceDesktop;
                return (
                  <Table.Tr key={session.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <DeviceIcon size={18} aria-hidden />
                        <Stack gap={2}>
                          <Text size="sm" title={session.userAgent ?? undefined}>
                            {label}
                          </Text>
                          <Group gap={4}>
                            {session.current ? (
                              <Badge size="xs" color="teal" variant="light">
                                {t('account.thisDevice')}
                              </Badge>
                            ) : null}
                            {session.rememberMe ? (
                              <Badge size="xs" color="gray" variant="outline">
                                {t('account.remembered')}
                              </Badge>
                            ) : null}
                          </Group>
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {session.ip ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.dateTime(session.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={format.dateTime(session.lastUsedAt)}>
                        {format.relative(session.lastUsedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.dateTime(session.expiresAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {session.current ? (
                        <Text size="xs" c="dimmed">
                          {t('account.currentSessionNote')}
                        </Text>
                      ) : (
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          onClick={() => revokeSession(session)}
                          loading={revoke.isPending && revoke.variables === session.id}
                          aria-label={t('account.revokeSession', { device: label })}
                        >
                          {t('account.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Section>
  );
}
