import type { AppointmentAction, AppointmentDetail } from '@bancada/shared';
import { Anchor, Badge, Button, Drawer, Group, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { IconArrowRight, IconCalendarEvent, IconClockEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth, useShopTimeZone } from '../../app/auth';
import { Details } from '../../app/components/Details';
import { QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { zonedDay } from '../../app/shop-dates';
import { useAppointment, useAppointmentAction, useBays, useRescheduleAppointment } from './api';
import { APPOINTMENT_COLORS, allowedActions, isMovable } from './display';
import { FreeSlots } from './NewAppointmentDrawer';

const ACTION_COLORS: Record<AppointmentAction, string> = {
  confirm: 'teal',
  arrive: 'grape',
  'no-show': 'orange',
  cancel: 'red',
};

/** One appointment: its details, reschedule history and the actions its status allows (issue 15 §1). */
export function AppointmentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const appointment = useAppointment(id);
  const data = appointment.data?.data;
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={
        <Title order={2} fz="h4">
          {t('scheduling.drawer.title')}
        </Title>
      }
    >
      {id !== null ? <QueryStatus query={appointment} rows={4} /> : null}
      {data ? <AppointmentDetails appointment={data} onDone={onClose} /> : null}
    </Drawer>
  );
}

function AppointmentDetails({ appointment, onDone }: { appointment: AppointmentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const navigate = useNavigate();
  const action = useAppointmentAction();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const actions = can('appointments:write') ? allowedActions(appointment.status) : [];

  const run = async (name: AppointmentAction) => {
    try {
      const result = await action.mutateAsync({ id: appointment.id, action: name, reason });
      notifySuccess(t(`scheduling.drawer.done.${name}`));
      if (name === 'arrive' && result.repairId) {
        navigate(`/repairs/${result.repairId}`);
        return;
      }
      if (name === 'cancel') setCancelling(false);
      onDone();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Stack gap="md" data-testid="appointment-drawer">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Text fw={700}>{appointment.customerName ?? t('scheduling.noCustomerName')}</Text>
          <Text size="sm">
            {format.date(appointment.start)} · {format.time(appointment.start)}–{format.time(appointment.end)}
          </Text>
        </Stack>
        <Badge color={APPOINTMENT_COLORS[appointment.status]} variant="light">
          {t(`scheduling.statuses.${appointment.status}`)}
        </Badge>
      </Group>

      <Details
        items={[
          {
            label: t('scheduling.fields.customer'),
            value: (
              <Anchor component={Link} to={`/customers/${appointment.customerId}`}>
                {appointment.customerName ?? t('scheduling.noCustomerName')}
              </Anchor>
            ),
          },
          {
            label: t('scheduling.fields.asset'),
            value: appointment.assetId ? (
              <Anchor component={Link} to={`/assets/${appointment.assetId}`}>
                {t('scheduling.drawer.openAsset')}
              </Anchor>
            ) : (
              '—'
            ),
          },
          { label: t('scheduling.fields.technician'), value: appointment.technicianName ?? '—' },
          { label: t('scheduling.fields.bay'), value: appointment.bayName ?? '—' },
          { label: t('scheduling.fields.source'), value: t(`scheduling.sources.${appointment.source}`) },
          { label: t('scheduling.fields.notes'), value: appointment.notes ?? '—' },
          ...(appointment.cancelReason
            ? [{ label: t('scheduling.fields.cancelReason'), value: appointment.cancelReason }]
            : []),
          ...(appointment.repairId
            ? [
                {
                  label: t('scheduling.fields.repair'),
                  value: (
                    <Anchor component={Link} to={`/repairs/${appointment.repairId}`}>
                      {t('scheduling.drawer.openRepair')}
                    </Anchor>
                  ),
                },
              ]
            : []),
        ]}
      />

      {actions.length > 0 && !cancelling ? (
        <Group gap="xs">
          {actions.map((name) => (
            <Button
              key={name}
              color={ACTION_COLORS[name]}
              variant={name === 'arrive' ? 'filled' : 'light'}
              rightSection={name === 'arrive' ? <IconArrowRight size={16} aria-hidden /> : undefined}
              loading={action.isPending && action.variables?.action === name}
              disabled={action.isPending}
              onClick={() => (name === 'cancel' ? setCancelling(true) : void run(name))}
            >
              {t(`scheduling.actions.${name}`)}
            </Button>
          ))}
        </Group>
      ) : null}
      {cancelling ? (
        <Stack gap="xs">
          <Textarea
            label={t('scheduling.drawer.cancelReason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group gap="xs" justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              {t('scheduling.drawer.keep')}
            </Button>
            <Button color="red" loading={action.isPending} onClick={() => void run('cancel')}>
              {t('scheduling.drawer.confirmCancel')}
            </Button>
          </Group>
        </Stack>
      ) : null}

      <Stack gap="xs">
        <Title order={3} fz="sm">
          {t('scheduling.drawer.history')}
        </Title>
        {appointment.changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('scheduling.drawer.noChanges')}
          </Text>
        ) : (
          <Timeline bulletSize={18} lineWidth={2}>
            {appointment.changes.map((change) => (
              <Timeline.Item
                key={change.createdAt}
                bullet={<IconCalendarEvent size={12} aria-hidden />}
                title={format.dateTime(change.createdAt)}
              >
                <Text size="sm">
                  {t('scheduling.drawer.moved', {
                    from: `${format.shortDate(change.fromStart)} ${format.time(change.fromStart)}`,
                    to: `${format.shortDate(change.toStart)} ${format.time(change.toStart)}`,
                  })}
                </Text>
                {change.reason ? (
                  <Text size="xs" c="dimmed">
                    {change.reason}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
      {can('appointments:write') && isMovable(appointment.status) && appointment.serviceIds.length > 0 ? (
        <Reschedule appointment={appointment} />
      ) : null}
      <BayNote bayId={appointment.bayId} />
    </Stack>
  );
}

/** A bay that was deactivated after the booking still shows its name, flagged. */
function BayNote({ bayId }: { bayId: string | null }) {
  const { t } = useTranslation();
  const bays = useBays({ includeInactive: true });
  const bay = bayId ? bays.data?.find((b) => b.id === bayId) : undefined;
  if (!bay || bay.active) return null;
  return (
    <Text size="xs" c="orange">
      {t('scheduling.drawer.bayInactive', { name: bay.name })}
    </Text>
  );
}

/** Another time from the free slots: the calendar's drag and drop, for the keyboard and for phones. */
function Reschedule({ appointment }: { appointment: AppointmentDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const timeZone = useShopTimeZone();
  const reschedule = useRescheduleAppointment();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Group>
        <Button
          variant="default"
          leftSection={<IconClockEdit size={16} aria-hidden />}
          onClick={() => setOpen(true)}
        >
          {t('scheduling.drawer.reschedule')}
        </Button>
      </Group>
    );
  }
  return (
    <FreeSlots
      serviceIds={appointment.serviceIds}
      technicianId={appointment.technicianId}
      bayId={appointment.bayId}
      day={zonedDay(appointment.start, timeZone) as string}
      label={(slot) => `${format.shortDate(slot.start)} ${format.time(slot.start)}`}
      onPick={(slot) =>
        reschedule.mutate(
          { appointment, change: { start: slot.start, end: slot.end } },
          {
            onSuccess: () => {
              notifySuccess(t('scheduling.moved'));
              setOpen(false);
            },
            // a stale copy (412) or a slot just taken (409): the message says which
            onError: notifyError,
          },
        )
      }
    />
  );
}
