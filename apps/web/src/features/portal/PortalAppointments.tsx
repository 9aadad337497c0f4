import type { Appointment, Slot } from '@bancada/shared';
import { Badge, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useAppointmentAction, useRescheduleAppointment } from '../scheduling/api';
import { APPOINTMENT_COLORS } from '../scheduling/display';
import { usePortalAppointments, usePortalServices, usePortalShop } from './api';
import { conflictNextSlots, customerChangeRule, rescheduleBody, splitAppointments } from './booking';
import { usePortalCustomerId } from './PortalShell';
import { RefusedAlert, SlotPicker } from './SlotPicker';
import { PortalSection, SectionStatus } from './sections';

/** Pick a new free slot for the same services and move the appointment there (If-Match). */
function RescheduleModal({
  appointment,
  timeZone,
  onClose,
}: {
  appointment: Appointment;
  timeZone?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat(timeZone);
  const reschedule = useRescheduleAppointment();
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [offered, setOffered] = useState<Slot[]>([]);
  const choose = (next: Slot | null) => {
    setSlot(next);
    reschedule.reset();
  };
  const submit = () => {
    if (!slot) return;
    reschedule.mutate(
      { appointment, change: rescheduleBody(slot) },
      {
        onSuccess: ({ data }) => {
          notifySuccess(t('portal.appointments.moved', { when: format.dateTime(data.start) }));
          onClose();
        },
        onError: (error) => {
          // a 409 offers the next free slots; any other refusal offers none
          const isTaken = error instanceof ApiError && error.status === 409;
          setOffered(isTaken ? conflictNextSlots(error.details) : []);
          if (isTaken) setSlot(null);
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('portal.appointments.rescheduleTitle')} size="lg">
      <Stack gap="md">
        <Text size="sm">
          {t('portal.appointments.currently', { when: format.dateTime(appointment.start) })}
        </Text>
        <SlotPicker
          serviceIds={appointment.serviceIds}
          timeZone={timeZone}
          day={day}
          onDay={(value) => {
            setDay(value);
            choose(null);
          }}
          selected={slot}
          onSelect={choose}
        />
        {reschedule.isError ? (
          <RefusedAlert
            error={reschedule.error}
            offered={offered}
            selected={slot}
            onSelect={setSlot}
            timeZone={timeZone}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!slot} loading={reschedule.isPending} onClick={submit}>
            {slot
              ? t('portal.appointments.moveTo', { when: format.dateTime(slot.start) })
              : t('portal.book.pickSlot')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "Cancel the appointment?" with the time in words. */
function CancelModal({
  appointment,
  timeZone,
  onClose,
}: {
  appointment: Appointment;
  timeZone?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat(timeZone);
  const action = useAppointmentAction();
  return (
    <Modal opened onClose={onClose} title={t('portal.appointments.cancelTitle')}>
      <Stack gap="md">
        <Text size="sm">
          {t('portal.appointments.cancelText', { when: format.dateTime(appointment.start) })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('portal.appointments.keep')}
          </Button>
          <Button
            color="red"
            loading={action.isPending}
            onClick={() =>
              action.mutate(
                { id: appointment.id, action: 'cancel' },
                {
                  onSuccess: () => {
                    notifySuccess(t('portal.appointments.cancelled'));
                    onClose();
                  },
                  onError: notifyError,
                },
              )
            }
          >
            {t('portal.appointments.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AppointmentCard({
  appointment,
  serviceNames,
  timeZone,
  now,
  onReschedule,
  onCancel,
}: {
  appointment: Appointment;
  serviceNames: string;
  timeZone?: string | undefined;
  now: Date;
  onReschedule: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat(timeZone);
  const rule = customerChangeRule(appointment, now);
  // a booking still to come: its time may still be changed (the past list shows only the status)
  const isLive =
    (appointment.status === 'SCHEDULED' || appointment.status === 'CONFIRMED') &&
    Date.parse(appointment.end) > now.getTime();
  return (
    <Card withBorder radius="md" padding="sm" component="li">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={700}>{format.dateTime(appointment.start)}</Text>
          <Badge variant="light" color={APPOINTMENT_COLORS[appointment.status]}>
            {t(`scheduling.statuses.${appointment.status}`)}
          </Badge>
        </Group>
        {serviceNames ? <Text size="sm">{serviceNames}</Text> : null}
        {isLive ? (
          <Group gap="xs">
            {appointment.serviceIds.length > 0 ? (
              <Button size="xs" variant="light" onClick={onReschedule} disabled={!rule.allowed}>
                {t('portal.appointments.reschedule')}
              </Button>
            ) : null}
            <Button size="xs" variant="subtle" color="red" onClick={onCancel} disabled={!rule.allowed}>
              {t('portal.appointments.cancel')}
            </Button>
          </Group>
        ) : null}
        {isLive && !rule.allowed ? (
          <Text size="xs" c="dimmed">
            {t('portal.appointments.tooLate')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** My appointments, upcoming and past, with reschedule and cancel until 2 hours before the start. */
export function PortalAppointments() {
  const { t } = useTranslation();
  const customerId = usePortalCustomerId();
  const appointments = usePortalAppointments(customerId);
  const services = usePortalServices();
  const timeZone = usePortalShop().data?.timeZone;
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const now = new Date();
  const { upcoming, past } = splitAppointments(appointments.data ?? [], now);
  const namesOf = (appointment: Appointment) =>
    appointment.serviceIds
      .map((id) => services.data?.find((s) => s.id === id)?.name)
      .filter(Boolean)
      .join(', ');
  const list = (items: Appointment[]) => (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((appointment) => (
        <AppointmentCard
          key={appointment.id}
          appointment={appointment}
          serviceNames={namesOf(appointment)}
          timeZone={timeZone}
          now={now}
          onReschedule={() => setMoving(appointment)}
          onCancel={() => setCancelling(appointment)}
        />
      ))}
    </Stack>
  );

  return (
    <PortalSection id="portal-appointments" title={t('portal.appointments.title')}>
      <SectionStatus query={appointments} rows={2} />
      {appointments.data ? (
        <>
          {upcoming.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('portal.appointments.none')}
            </Text>
          ) : (
            list(upcoming)
          )}
          {past.length > 0 ? (
            <>
              <Text size="sm" fw={700} mt="xs">
                {t('portal.appointments.past')}
              </Text>
              {list(past)}
            </>
          ) : null}
        </>
      ) : null}
      {moving ? (
        <RescheduleModal appointment={moving} timeZone={timeZone} onClose={() => setMoving(null)} />
      ) : null}
      {cancelling ? (
        <CancelModal appointment={cancelling} timeZone={timeZone} onClose={() => setCancelling(null)} />
      ) : null}
    </PortalSection>
  );
}
