import {
  LOCALES,
  type Locale,
  ROLES,
  type Role,
  STAFF_ROLES,
  type User,
  type UserUpdate,
  UserUpdateSchema,
  type WorkingHours,
} from '@bancada/shared';
import {
  Alert,
  Button,
  Divider,
  Drawer,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconLock, IconLockOpen } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { QueryStatus } from '../../app/components/QueryStates';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useUpdateUser, useUser } from './api';
import { UserTwoFactor } from './UserTwoFactor';
import { WorkingHoursEditor } from './WorkingHoursEditor';

interface EditValues {
  name: string;
  email: string;
  role: Role;
  area: string;
  phone: string;
  locale: Locale;
  active: boolean;
  specialties: string[];
  workingHours: WorkingHours;
}

function toValues(user: User): EditValues {
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    area: user.area ?? '',
    phone: user.phone ?? '',
    locale: user.locale,
    active: user.active,
    specialties: user.specialties,
    workingHours: user.workingHours,
  };
}

function toCandidate(values: EditValues) {
  return {
    ...values,
    area: values.area.trim() || null,
    phone: values.phone.trim() || null,
  };
}

/** Only the fields that changed go in the PATCH, so a concurrent edit of another field is not undone. */
function changedFields(initial: EditValues, values: EditValues): UserUpdate {
  const before = toCandidate(initial);
  const after = toCandidate(values);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return parseWith(UserUpdateSchema, changes);
}

function isLocked(user: User): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > Date.now();
}

export function UserEditDrawer({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const userQuery = useUser(userId);
  return (
    <Drawer
      opened={userId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={userQuery.data ? userQuery.data.data.name : t('users.edit')}
    >
      <QueryStatus query={userQuery} rows={8} />
      {userQuery.data ? (
        <UserEditForm
          key={userQuery.data.data.id}
          resource={userQuery.data}
          onReload={() => void userQuery.refetch()}
          onClose={onClose}
        />
      ) : null}
    </Drawer>
  );
}

function UserEditForm({
  resource,
  onReload,
  onClose,
}: {
  resource: Versioned<User>;
  onReload: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can, me } = useAuth();
  const canManage = can('users:manage');
  const user = resource.data;
  const update = useUpdateUser(user.id);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const form = useForm<EditValues>({
    initialValues: toValues(user),
    validate: zodResolver(UserUpdateSchema, { prepare: toCandidate }),
  });

  // a newer version arrived (saved here or reloaded after a conflict): start from it
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version only
  useEffect(() => {
    form.setInitialValues(toValues(user));
    form.setValues(toValues(user));
    form.resetDirty(toValues(user));
  }, [user.version]);

  const handleError = (error: unknown) => {
    if (error instanceof ApiError && (error.status === 409 || error.status === 412)) setConflict(error);
    else if (!applyServerErrors(form.setErrors, error)) setConflict(null);
  };

  const submit = form.onSubmit((values) => {
    const body = changedFields(form.getInitialValues(), values);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    setConflict(null);
    update.mutate(
      { etag: resource.etag, body },
      {
        onSuccess: ({ data }) => notifySuccess(t('users.saved', { name: data.name })),
        onError: handleError,
      },
    );
  });

  const unlock = () => {
    setConflict(null);
    update.mutate(
      { etag: resource.etag, body: { unlock: true } },
      { onSuccess: () => notifySuccess(t('users.unlocked')), onError: handleError },
    );
  };

  const roleOptions = (user.role === 'CUSTOMER' ? ROLES : STAFF_ROLES).map((role) => ({
    value: role,
    label: t(`roles.${role}`),
  }));
  const readOnly = !canManage;
  const otherError =
    update.isError && !conflict && !(update.error instanceof ApiError && update.error.status === 400);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {readOnly ? (
          <Alert color="gray" variant="light">
            {t('users.readOnly')}
          </Alert>
        ) : null}
        {conflict ? (
          <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            <Stack gap="xs" align="flex-start">
              <span>{conflict.message}</span>
              {conflict.status === 412 ? (
                <Button
                  size="xs"
                  variant="light"
                  color="orange"
                  onClick={() => {
                    setConflict(null);
                    onReload();
                  }}
                >
                  {t('common.reloadLatest')}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {otherError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(update.error)}
          </Alert>
        ) : null}

        {isLocked(user) ? (
          <Alert color="red" variant="light" icon={<IconLock aria-hidden />} title={t('users.locked')}>
            <Stack gap="xs" align="flex-start">
              <span>{t('users.lockedUntil', { time: format.dateTime(user.lockedUntil) })}</span>
              {canManage ? (
                <Button
                  size="xs"
                  color="red"
                  variant="light"
                  leftSection={<IconLockOpen size={14} aria-hidden />}
                  onClick={unlock}
                  loading={update.isPending && update.variables?.body.unlock === true}
                >
                  {t('users.unlock')}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : null}

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('users.fields.name')}
            required
            maxLength={120}
            disabled={readOnly}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('users.fields.email')}
            type="email"
            required
            maxLength={254}
            disabled={readOnly}
            {...form.getInputProps('email')}
          />
          <Select
            label={t('users.fields.role')}
            allowDeselect={false}
            data={roleOptions}
            disabled={readOnly}
            {...form.getInputProps('role')}
          />
          <TextInput
            label={t('users.fields.area')}
            description={t('users.areaHint')}
            maxLength={80}
            disabled={readOnly}
            {...form.getInputProps('area')}
          />
          <TextInput
            label={t('users.fields.phone')}
            type="tel"
            maxLength={30}
            disabled={readOnly}
            {...form.getInputProps('phone')}
          />
          <Select
            label={t('users.fields.locale')}
            allowDeselect={false}
            data={LOCALES.map((locale) => ({ value: locale, label: t(`language.names.${locale}`) }))}
            disabled={readOnly}
            {...form.getInputProps('locale')}
          />
        </SimpleGrid>

        <Switch
          label={t('users.fields.active')}
          description={t('users.activeHint')}
          disabled={readOnly || user.id === me.id}
          {...form.getInputProps('active', { type: 'checkbox' })}
        />

        <TagsInput
          label={t('users.fields.specialties')}
          description={readOnly ? undefined : t('users.specialtiesHint')}
          maxTags={30}
          disabled={readOnly}
          {...form.getInputProps('specialties')}
        />

        {form.values.role === 'TECHNICIAN' || user.workingHours.length > 0 ? (
          <WorkingHoursEditor
            value={form.values.workingHours}
            onChange={(value) => form.setFieldValue('workingHours', value)}
            errors={form.errors}
            disabled={readOnly}
          />
        ) : null}

        <Divider />
        <UserTwoFactor userId={user.id} name={user.name} canManage={canManage} />
        <SimpleGrid cols={2} spacing="xs">
          <Text size="xs" c="dimmed">
            {t('users.fields.lastLogin')}:{' '}
            {user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('users.never')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('users.fields.createdAt')}: {format.dateTime(user.createdAt)}
          </Text>
        </SimpleGrid>

        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {readOnly ? null : (
            <Button type="submit" loading={update.isPending && update.variables?.body.unlock !== true}>
              {t('common.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
