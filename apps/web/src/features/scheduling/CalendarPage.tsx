import {
  type Appointment,
  AppointmentConflictDetailsSchema,
  type CalendarOrderDate,
  type Slot,
} from '@bancada/shared';
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconPlus, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api';
import { useAuth, useShopTimeZone } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { sectionTitle } from '../../app/section-words';
import { zonedToday } from '../../app/shop-dates';
import { useTechnicianOptions } from '../repairs/api';
import { AppointmentDrawer } from './AppointmentDrawer';
import { useBays, useCalendar, useRescheduleAppointment, useSchedulingTechnicians } from './api';
import { AgendaList, MonthGrid, useDayLabel } from './CalendarLists';
import { CapacityStrip } from './CapacityStrip';
import {
  bayColumns,
  type ColumnSpec,
  columnsBounds,
  dayColumns,
  technicianColumns,
  UNASSIGNED,
} from './calendar-columns';
import { CALENDAR_VIEWS, type CalendarView, stepDay, viewDays, viewRange } from './calendar-grid';
import { upperFirst } from './display';
import { NewAppointmentDrawer } from './NewAppointmentDrawer';
import { type GridColumn, type MoveRequest, TimeGrid } from './TimeGrid';

type Grouping = 'technician' | 'bay';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar's place in the address: view, day, grouping and filters survive a reload and a shared link. */
function useCalendarParams() {
  const [params, setParams] = useSearchParams();
  const timeZone = useShopTimeZone();
  // phones start on the agenda list (issue 15 §1)
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const rawView = params.get('view');
  const view: CalendarView = (CALENDAR_VIEWS as readonly string[]).includes(rawView ?? '')
    ? (rawView as CalendarView)
    : isPhone
      ? 'agenda'
      : 'day';
  const rawDay = params.get('date') ?? '';
  const day = DAY.test(rawDay) ? rawDay : zonedToday(timeZone);
  const by: Grouping = params.get('by') === 'bay' ? 'bay' : 'technician';
  const technicianId = params.get('technicianId') ?? undefined;
  const bayId = params.get('bayId') ?? undefined;
  const update = (changes: Record<string, string | null | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return { view, day, by, technicianId, bayId, update, today: zonedToday(timeZone) };
}

export function CalendarPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const timeZone = useShopTimeZone();
  const { view, day, by, technicianId, bayId, update, today } = useCalendarParams();
  const range = viewRange(view, day, timeZone);
  const calendar = useCalendar({ ...range, technicianId, bayId });
  const { technicians, query: techniciansQuery } = useSchedulingTechnicians(day);
  const bays = useBays();
  const reschedule = useRescheduleAppointment();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  // blocks moved here but not yet confirmed by the server (drawn at their new place meanwhile)
  const [pending, setPending] = useState<Record<string, Appointment>>({});
  const [refused, setRefused] = useState<{ appointment: Appointment; message: string; slots: Slot[] } | null>(
    null,
  );

  const appointments = (calendar.data?.appointments ?? []).map((a) => pending[a.id] ?? a);
  const orderDates = calendar.data?.orderDates ?? [];
  const canMove = can('appointments:write');

  const move = async (request: MoveRequest) => {
    const { appointment } = request;
    const techName = technicians?.find((tech) => tech.id === request.technicianId)?.name ?? null;
    const bayName = bays.data?.find((bay) => bay.id === request.bayId)?.name ?? null;
    setPending((current) => ({
      ...current,
      [appointment.id]: {
        ...appointment,
        start: request.start,
        end: request.end,
        ...(request.technicianId !== undefined
          ? { technicianId: request.technicianId, technicianName: techName }
          : {}),
        ...(request.bayId !== undefined ? { bayId: request.bayId, bayName } : {}),
      },
    }));
    try {
      await reschedule.mutateAsync({
        appointment,
        change: {
          start: request.start,
          end: request.end,
          ...(request.technicianId !== undefined ? { technicianId: request.technicianId } : {}),
          ...(request.bayId !== undefined ? { bayId: request.bayId } : {}),
        },
      });
      notifySuccess(t('scheduling.moved'));
    } catch (error) {
      // the block goes back: the calendar is refetched before the move is forgotten
      const details = isApiError(error) ? error.detailsAs(AppointmentConflictDetailsSchema) : null;
      if (isApiError(error) && error.status === 409 && details) {
        setRefused({ appointment, message: error.message, slots: details.nextSlots });
      } else {
        notifyError(error);
      }
    } finally {
      setPending(({ [appointment.id]: _done, ...rest }) => rest);
    }
  };

  return (
    <>
      <PageHeader
        title={sectionTitle(t, 'calendar')}
        description={t('scheduling.description')}
        actions={
          <>
            {can('bays:manage') ? (
              <Button
                component={Link}
                to="/calendar/settings"
                variant="default"
                leftSection={<IconSettings size={16} aria-hidden />}
              >
                {t('scheduling.settings.open')}
              </Button>
            ) : null}
            {can('appointments:write') ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                {t('scheduling.new.open')}
              </Button>
            ) : null}
          </>
        }
      />
      <Toolbar
        view={view}
        day={day}
        today={today}
        by={by}
        technicianId={technicianId}
        bayId={bayId}
        update={update}
      />
      {view === 'day' && by === 'technician' ? <CapacityStrip date={day} /> : null}
      <QueryStatus query={calendar} rows={6} />
      {calendar.data ? (
        <Body
          view={view}
          day={day}
          by={by}
          technicianId={technicianId}
          bayId={bayId}
          appointments={appointments}
          orderDates={orderDates}
          technicians={technicians}
          techniciansLoading={techniciansQuery.isPending && techniciansQuery.fetchStatus !== 'idle'}
          bays={bays.data ?? []}
          canMove={canMove}
          onOpen={(a) => setOpenId(a.id)}
          onMove={(request) => void move(request)}
          onPickDay={(d) => update({ view: 'day', date: d })}
        />
      ) : null}
      <AppointmentDrawer id={openId} onClose={() => setOpenId(null)} />
      <NewAppointmentDrawer
        opened={creating}
        day={day < today ? today : day}
        onClose={() => setCreating(false)}
      />
      <RefusedMove
        refused={refused}
        onClose={() => setRefused(null)}
        onPick={(slot) => {
          if (!refused) return;
          setRefused(null);
          void move({
            appointment: refused.appointment,
            start: slot.start,
            end: slot.end,
            ...(slot.technicianId && slot.technicianId !== refused.appointment.technicianId
              ? { technicianId: slot.technicianId }
              : {}),
            ...(slot.bayId && slot.bayId !== refused.appointment.bayId ? { bayId: slot.bayId } : {}),
          });
        }}
      />
    </>
  );
}

function Toolbar({
  view,
  day,
  today,
  by,
  technicianId,
  bayId,
  update,
}: {
  view: CalendarView;
  day: string;
  today: string;
  by: Grouping;
  technicianId: string | undefined;
  bayId: string | undefined;
  update: (changes: Record<string, string | null | undefined>) => void;
}) {
  const { t, i18n } = useTranslation();
  const dayLabel = useDayLabel();
  const technicians = useTechnicianOptions();
  const bays = useBays();
  const days = viewDays(view, day);
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const title =
    view === 'day'
      ? dayLabel(day, 'long')
      : view === 'month'
        ? new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
            new Date(`${day.slice(0, 8)}15T12:00:00Z`),
          )
        : `${dayLabel(days[0] as string)} – ${dayLabel(days.at(-1) as string)}`;
  return (
    <Stack gap="sm" mb="md">
      <Group justify="space-between" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <Button
            variant="default"
            size="sm"
            onClick={() => update({ date: today })}
            disabled={day === today}
          >
            {t('scheduling.today')}
          </Button>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('scheduling.previous')}
            onClick={() => update({ date: stepDay(view, day, -1) })}
          >
            <IconChevronLeft size={18} aria-hidden />
          </ActionIcon>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('scheduling.next')}
            onClick={() => update({ date: stepDay(view, day, 1) })}
          >
            <IconChevronRight size={18} aria-hidden />
          </ActionIcon>
          <Text fw={600} aria-live="polite" data-testid="calendar-title">
            {upperFirst(title)}
          </Text>
        </Group>
        <SegmentedControl
          aria-label={t('scheduling.viewLabel')}
          value={view}
          onChange={(value) => update({ view: value })}
          data={CALENDAR_VIEWS.map((v) => ({ value: v, label: t(`scheduling.views.${v}`) }))}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" maw={960}>
        {view === 'day' ? (
          <SegmentedControl
            aria-label={t('scheduling.groupLabel')}
            value={by}
            onChange={(value) => update({ by: value === 'bay' ? 'bay' : null })}
            data={[
              { value: 'technician', label: t('scheduling.by.technician') },
              { value: 'bay', label: t('scheduling.by.bay') },
            ]}
          />
        ) : null}
        <Select
          aria-label={t('scheduling.fields.technician')}
          placeholder={t('scheduling.filters.allTechnicians')}
          data={technicians.data ?? []}
          value={technicianId ?? null}
          onChange={(value) => update({ technicianId: value })}
          clearable
          searchable
        />
        <Select
          aria-label={t('scheduling.fields.bay')}
          placeholder={t('scheduling.filters.allBays')}
          data={(bays.data ?? []).map((bay) => ({ value: bay.id, label: bay.name }))}
          value={bayId ?? null}
          onChange={(value) => update({ bayId: value })}
          clearable
        />
      </SimpleGrid>
    </Stack>
  );
}

function Body({
  view,
  day,
  by,
  technicianId,
  bayId,
  appointments,
  orderDates,
  technicians,
  techniciansLoading,
  bays,
  canMove,
  onOpen,
  onMove,
  onPickDay,
}: {
  view: CalendarView;
  day: string;
  by: Grouping;
  technicianId: string | undefined;
  bayId: string | undefined;
  appointments: Appointment[];
  orderDates: CalendarOrderDate[];
  technicians: ReturnType<typeof useSchedulingTechnicians>['technicians'];
  techniciansLoading: boolean;
  bays: { id: string; name: string }[];
  canMove: boolean;
  onOpen: (appointment: Appointment) => void;
  onMove: (request: MoveRequest) => void;
  onPickDay: (day: string) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useShopTimeZone();
  const dayLabel = useDayLabel();
  const format = useFormat();
  if (view === 'agenda')
    return <AgendaList appointments={appointments} orderDates={orderDates} onOpen={onOpen} />;
  if (view === 'month') {
    return <MonthGrid day={day} appointments={appointments} orderDates={orderDates} onPick={onPickDay} />;
  }
  if (view === 'day' && by === 'technician' && techniciansLoading)
    return <Text size="sm">{t('common.loading')}</Text>;

  const shownTechs = (technicians ?? []).filter((tech) => !technicianId || tech.id === technicianId);
  const shownBays = bays.filter((bay) => !bayId || bay.id === bayId);
  const filteredTech = technicians?.find((tech) => tech.id === technicianId);
  let specs: ColumnSpec[];
  if (view === 'week') {
    specs = dayColumns(
      viewDays('week', day),
      appointments,
      orderDates,
      filteredTech?.workingHours ?? null,
      timeZone,
    );
  } else if (by === 'bay') {
    specs = bayColumns(day, shownBays, appointments, orderDates, timeZone);
  } else {
    specs = technicianColumns(day, shownTechs, appointments, orderDates, timeZone);
  }
  const columns: GridColumn[] = specs.map((spec) => ({
    ...spec,
    label:
      spec.key === UNASSIGNED
        ? t(by === 'bay' && view === 'day' ? 'scheduling.noBay' : 'scheduling.unassigned')
        : view === 'week'
          ? dayLabel(spec.day)
          : spec.label,
  }));
  const empty = columns.every((c) => c.appointments.length === 0 && c.orderDates.length === 0);
  return (
    <Stack gap="xs">
      {empty ? (
        <Text size="sm" c="dimmed" data-testid="calendar-empty">
          {view === 'day' ? t('scheduling.empty.day') : t('scheduling.empty.week')}
        </Text>
      ) : null}
      <TimeGrid
        columns={columns}
        bounds={columnsBounds(specs, timeZone)}
        canMove={canMove}
        onOpen={onOpen}
        onMove={onMove}
      />
      {canMove ? (
        <Text size="xs" c="dimmed">
          {t('scheduling.dragHint', { step: format.number(15) })}
        </Text>
      ) : null}
    </Stack>
  );
}

function RefusedMove({
  refused,
  onClose,
  onPick,
}: {
  refused: { appointment: Appointment; message: string; slots: Slot[] } | null;
  onClose: () => void;
  onPick: (slot: Slot) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Modal opened={refused !== null} onClose={onClose} title={t('scheduling.conflict.title')} centered>
      {refused ? (
        <Stack gap="sm">
          <Text size="sm" role="alert">
            {refused.message}
          </Text>
          {refused.slots.length > 0 ? (
            <>
              <Text size="sm">{t('scheduling.conflict.pick')}</Text>
              <Group gap="xs">
                {refused.slots.map((slot) => (
                  <Button
                    key={`${slot.start}-${slot.technicianId}-${slot.bayId}`}
                    size="compact-sm"
                    variant="light"
                    onClick={() => onPick(slot)}
                  >
                    {format.shortDate(slot.start)} {format.time(slot.start)}
                  </Button>
                ))}
              </Group>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('scheduling.conflict.none')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('scheduling.conflict.keep')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
