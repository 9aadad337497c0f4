import { type Role, STAFF_ROLES, UserCreateSchema, type WorkingHours } from '@bancada/shared';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { PasswordField } from '../../app/components/PasswordField';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { notifySuccess } from '../../app/notify';
import { useCreateUser } from './api';
import { WorkingHoursEditor } from './WorkingHoursEditor';

interface CreateValues {
  name: string;
  email: string;
  password: string;
  role: Role;
  area: string;
  phone: string;
  specialties: string[];
  workingHours: WorkingHours;
}

const INITIAL_VALUES: CreateValues = {
  name: '',
  email: '',
  password: '',
  role: 'TECHNICIAN',
  area: '',
  phone: '',
  specialties: [],
  workingHours: [],
};

/** Empty optional fields are left out; working hours only apply to technicians. */
function toCandidate(values: CreateValues) {
  const isTechnician = values.role === 'TECHNICIAN';
  return {
    name: values.name,
    email: values.email,
    password: values.password,
    role: values.role,
    area: values.area.trim() || undefined,
    phone: values.phone.trim() || undefined,
    specialties: values.specialties,
    workingHours: isTechnician ? values.workingHours : undefined,
  };
}

export function UserCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const create = useCreateUser();
  const form = useForm<CreateValues>({
    initialValues: INITIAL_VALUES,
    validate: zodResolver(UserCreateSchema, { prepare: toCandidate }),
  });

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    create.mutate(parseWith(UserCreateSchema, toCandidate(values)), {
      onSuccess: (user) => {
        notifySuccess(t('users.created', { name: user.name }));
        close();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <Modal opened={opened} onClose={close} title={t('users.new')} size="lg" fullScreen={isPhone}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {create.isError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
              {errorMessage(create.error)}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('users.fields.name')}
              required
              maxLength={120}
              data-autofocus
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('users.fields.email')}
              type="email"
              required
              maxLength={254}
              autoComplete="off"
              {...form.getInputProps('email')}
            />
            <PasswordField
              label={t('users.fields.password')}
              description={t('auth.passwordHint')}
              required
              maxLength={200}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
            <Select
              label={t('users.fields.role')}
              required
              allowDeselect={false}
              data={STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              {...form.getInputProps('role')}
            />
            <TextInput
              label={t('users.fields.area')}
              description={t('users.areaHint')}
              maxLength={80}
              {...form.getInputProps('area')}
            />
            <TextInput
              label={t('users.fields.phone')}
              type="tel"
              maxLength={30}
              {...form.getInputProps('phone')}
            />
          </SimpleGrid>
          <TagsInput
            label={t('users.fields.specialties')}
            description={t('users.specialtiesHint')}
            maxTags={30}
            clearable
            {...form.getInputProps('specialties')}
          />
          {form.values.role === 'TECHNICIAN' ? (
            <WorkingHoursEditor
              value={form.values.workingHours}
              onChange={(value) => form.setFieldValue('workingHours', value)}
              errors={form.errors}
            />
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
