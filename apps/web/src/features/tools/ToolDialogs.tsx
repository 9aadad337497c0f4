import { type Tool, ToolCheckoutSchema, ToolCreateSchema } from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Timeline,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAlertCircle,
  IconArrowBackUp,
  IconArrowForwardUp,
  IconPlus,
  IconTool,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Empty, ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { isShownOnField } from '../../app/components/SaveErrorAlert';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useUsers } from '../users/api';
import { useCheckinTool, useCheckoutTool, useCreateTool, useToolEvents } from './api';

/** A 409: someone checked the tool out (or in) first; the board has been reloaded. */
function ConflictAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const conflict = error.status === 409;
  return (
    <Alert
      color={conflict ? 'orange' : 'red'}
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      role="alert"
      title={conflict ? t('tools.conflictTitle') : undefined}
    >
      <Stack gap={4}>
        <span>{errorMessage(error)}</span>
        {conflict ? <span>{t('tools.conflictHint')}</span> : null}
      </Stack>
    </Alert>
  );
}

interface CheckoutValues {
  technicianId: string | null;
  repairId: string;
  note: string;
}

function toCheckoutCandidate(values: CheckoutValues) {
  return {
    technicianId: values.technicianId,
    repairId: values.repairId.trim() || null,
    note: values.note.trim() || null,
  };
}

export function CheckoutModal({ tool, onClose }: { tool: Tool | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={tool !== null}
      onClose={onClose}
      title={tool ? t('tools.checkout.title', { name: tool.name }) : ''}
      fullScreen={isPhone}
    >
      {tool ? <CheckoutForm tool={tool} onClose={onClose} /> : null}
    </Modal>
  );
}

function CheckoutForm({ tool, onClose }: { tool: Tool; onClose: () => void }) {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const checkout = useCheckoutTool(tool.id);
  // without users:read (a technician) the tool goes to whoever takes it
  const canPick = can('users:read');
  const technicians = useUsers({ role: 'TECHNICIAN', active: 'true', page: 1, pageSize: 200 });
  const options = canPick
    ? (technicians.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }))
    : [{ value: me.id, label: me.name }];
  const form = useForm<CheckoutValues>({
    initialValues: { technicianId: me.role === 'TECHNICIAN' ? me.id : null, repairId: '', note: '' },
    validate: zodResolver(ToolCheckoutSchema, { prepare: toCheckoutCandidate }),
  });

  const submit = form.onSubmit((values) => {
    checkout.mutate(toCheckoutCandidate(values), {
      onSuccess: () => {
        notifySuccess(t('tools.checkout.done', { name: tool.name }));
        onClose();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {checkout.isError ? <ConflictAlert error={checkout.error} /> : null}
        <Select
          label={t('tools.checkout.technician')}
          placeholder={t('tools.checkout.technicianPlaceholder')}
          data={
            me.role === 'TECHNICIAN' && !options.some((o) => o.value === me.id)
              ? [{ value: me.id, label: me.name }, ...options]
              : options
          }
          searchable
          clearable
          nothingFoundMessage={technicians.isFetching ? t('common.loading') : t('tools.checkout.nobody')}
          data-autofocus
          {...form.getInputProps('technicianId')}
        />
        <TextInput
          label={t('tools.checkout.repair')}
          description={t('tools.checkout.repairHint')}
          maxLength={36}
          {...form.getInputProps('repairId')}
        />
        <Textarea
          label={t('tools.note')}
          autosize
          minRows={2}
          maxLength={500}
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={checkout.isPending}
            leftSection={<IconArrowForwardUp size={16} aria-hidden />}
          >
            {t('tools.checkout.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CheckinModal({ tool, onClose }: { tool: Tool | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={tool !== null}
      onClose={onClose}
      title={tool ? t('tools.checkin.title', { name: tool.name }) : ''}
      fullScreen={isPhone}
    >
      {tool ? <CheckinForm tool={tool} onClose={onClose} /> : null}
    </Modal>
  );
}

function CheckinForm({ tool, onClose }: { tool: Tool; onClose: () => void }) {
  const { t } = useTranslation();
  const checkin = useCheckinTool(tool.id);
  const [note, setNote] = useState('');
  const [toMaintenance, setToMaintenance] = useState(false);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    checkin.mutate(
      { note: note.trim() || null, toMaintenance },
      {
        onSuccess: () => {
          notifySuccess(
            toMaintenance
              ? t('tools.checkin.doneMaintenance', { name: tool.name })
              : t('tools.checkin.done', { name: tool.name }),
          );
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {tool.checkout?.technicianName ? (
          <Text size="sm" c="dimmed">
            {t('tools.withWhom', { name: tool.checkout.technicianName })}
          </Text>
        ) : null}
        {checkin.isError ? <ConflictAlert error={checkin.error} /> : null}
        <Textarea
          label={t('tools.note')}
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          data-autofocus
        />
        <Checkbox
          label={t('tools.checkin.toMaintenance')}
          checked={toMaintenance}
          onChange={(event) => setToMaintenance(event.currentTarget.checked)}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={checkin.isPending}
            leftSection={<IconArrowBackUp size={16} aria-hidden />}
          >
            {t('tools.checkin.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ToolValues {
  code: string;
  name: string;
  category: string;
  location: string;
  notes: string;
}

export function ToolCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={opened} onClose={onClose} title={t('tools.new')} fullScreen={isPhone}>
      {opened ? <ToolCreateForm onClose={onClose} /> : null}
    </Modal>
  );
}

function ToolCreateForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTool();
  const form = useForm<ToolValues>({
    initialValues: { code: '', name: '', category: '', location: '', notes: '' },
    validate: zodResolver(ToolCreateSchema),
  });
  const submit = form.onSubmit((values) => {
    create.mutate(
      { ...values, notes: values.notes.trim() || null },
      {
        onSuccess: (tool) => {
          notifySuccess(t('tools.created', { name: tool.name }));
          onClose();
        },
        onError: (error) => applyServerErrors(form.setErrors, error, [400, 409]),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {create.isError && !isShownOnField(create.error) ? <ErrorAlert error={create.error} /> : null}
        <TextInput
          label={t('tools.fields.code')}
          required
          maxLength={60}
          data-autofocus
          {...form.getInputProps('code')}
        />
        <TextInput label={t('tools.fields.name')} required maxLength={160} {...form.getInputProps('name')} />
        <TextInput label={t('tools.fields.category')} maxLength={80} {...form.getInputProps('category')} />
        <TextInput label={t('tools.fields.location')} maxLength={80} {...form.getInputProps('location')} />
        <Textarea
          label={t('tools.fields.notes')}
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
            {t('tools.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function HistoryDrawer({ tool, onClose }: { tool: Tool | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={tool !== null}
      onClose={onClose}
      position="right"
      title={tool ? t('tools.history.title', { name: tool.name }) : ''}
    >
      {tool ? <ToolHistory tool={tool} /> : null}
    </Drawer>
  );
}

function ToolHistory({ tool }: { tool: Tool }) {
  const { t } = useTranslation();
  const format = useFormat();
  const events = useToolEvents(tool.id);
  if (events.isPending) return <LoadingRows rows={4} />;
  if (events.isError) return <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.length === 0)
    return <Empty icon={<IconTool size={28} aria-hidden />} title={t('tools.history.none')} />;
  return (
    <Timeline bulletSize={24} lineWidth={2} active={events.data.length}>
      {events.data.map((event) => (
        <Timeline.Item
          key={event.id}
          bullet={
            <ThemeIcon size={24} radius="xl" variant="light">
              <IconTool size={14} aria-hidden />
            </ThemeIcon>
          }
          title={
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {t(`tools.history.types.${event.type}`)}
              </Text>
              <Badge size="xs" variant="light" color={STATUS_COLORS[event.toStatus]}>
                {t(`tools.statuses.${event.toStatus}`)}
              </Badge>
            </Group>
          }
        >
          <Stack gap={2}>
            {event.technicianName ? (
              <Text size="sm">{t('tools.withWhom', { name: event.technicianName })}</Text>
            ) : null}
            {event.note ? <Text size="sm">{event.note}</Text> : null}
            <Text size="xs" c="dimmed">
              <time dateTime={event.at}>{format.dateTime(event.at)}</time>
              {event.actorName ? ` · ${event.actorName}` : ''}
            </Text>
          </Stack>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export const STATUS_COLORS: Record<Tool['status'], string> = {
  available: 'teal',
  in_use: 'blue',
  maintenance: 'orange',
  retired: 'gray',
};
