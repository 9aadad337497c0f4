import type { Appointment, CalendarOrderDate } from '@bancada/shared';
import { Badge, Box, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconCalendarOff, IconFlag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useShopTimeZone } from '../../app/auth';
import { Empty } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { calendarNoon, zonedToday } from '../../app/shop-dates';
import { useRepairNumber } from '../repairs/display';
import { countByDay, groupByDay, viewDays } from './calendar-grid';
import { APPOINTMENT_COLORS, upperFirst } from './display';

/** A day as words in the UI language ("qui., 3 de dez."), the day being a calendar date. */
export function useDayLabel(): (day: string, style?: 'short' | 'long') => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return (day, style = 'short') =>
    new Intl.DateTimeFormat(locale, {
      weekday: style === 'long' ? 'long' : 'short',
      day: 'numeric',
      month: style === 'long' ? 'long' : 'short',
      timeZone: 'UTC',
    }).format(new Date(calendarNoon(day) as string));
}

/** The month: the number of appointments and order deadlines per day; a day opens its day view. */
export function MonthGrid({
  day,
  appointments,
  orderDates,
  onPick,
}: {
  day: string;
  appointments: Appointment[];
  orderDates: CalendarOrderDate[];
  onPick: (day: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useShopTimeZone();
  const dayLabel = useDayLabel();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  const days = viewDays('month', day);
  const live = appointments.filter((a) => a.status !== 'CANCELLED');
  const counts = countByDay(live, timeZone);
  const deadlines = countByDay(
    orderDates.filter((d) => d.kind === 'deadline').map((d) => ({ start: d.at })),
    timeZone,
  );
  const today = zonedToday(timeZone);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return (
    <Paper withBorder radius="md" p={4}>
      <SimpleGrid cols={7} spacing={4} verticalSpacing={4}>
        {days.slice(0, 7).map((d) => (
          <Text key={d} size="xs" c="dimmed" ta="center" fw={600} aria-hidden>
            {weekday.format(new Date(calendarNoon(d) as string))}
          </Text>
        ))}
        {days.map((d) => {
          const count = counts.get(d) ?? 0;
          const due = deadlines.get(d) ?? 0;
          const inMonth = d.slice(0, 7) === day.slice(0, 7);
          return (
            <UnstyledButton
              key={d}
              onClick={() => onPick(d)}
              aria-label={t('scheduling.month.dayLabel', { day: dayLabel(d, 'long'), count, deadlines: due })}
              data-testid="month-day"
              style={{
                minHeight: 64,
                padding: 4,
                borderRadius: 6,
                border: `1px solid var(--mantine-color-${d === today ? 'blue-5' : 'default-border'})`,
                opacity: inMonth ? 1 : 0.45,
              }}
            >
              <Text size="sm" fw={d === today ? 700 : 500}>
                {Number(d.slice(8))}
              </Text>
              <Stack gap={2} mt={2}>
                {count > 0 ? (
                  <Badge size="sm" variant="light" color="blue" aria-hidden>
                    {count}
                  </Badge>
                ) : null}
                {due > 0 ? (
                  <Badge
                    size="sm"
                    variant="light"
                    color="red"
                    leftSection={<IconFlag size={10} />}
                    aria-hidden
                  >
                    {due}
                  </Badge>
                ) : null}
              </Stack>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}

type AgendaEntry =
  | { kind: 'appointment'; start: string; appointment: Appointment }
  | { kind: 'order'; start: string; marker: CalendarOrderDate };

/** The agenda list (the phones' default): appointments and order dates day by day. */
export function AgendaList({
  appointments,
  orderDates,
  onOpen,
}: {
  appointments: Appointment[];
  orderDates: CalendarOrderDate[];
  onOpen: (appointment: Appointment) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useShopTimeZone();
  const format = useFormat();
  const number = useRepairNumber();
  const dayLabel = useDayLabel();
  const entries: AgendaEntry[] = [
    ...appointments.map((appointment) => ({
      kind: 'appointment' as const,
      start: appointment.start,
      appointment,
    })),
    ...orderDates.map((marker) => ({ kind: 'order' as const, start: marker.at, marker })),
  ];
  const groups = groupByDay(entries, timeZone);
  if (groups.length === 0) {
    return (
      <Empty
        icon={<IconCalendarOff size={28} aria-hidden />}
        title={t('scheduling.empty.title')}
        description={t('scheduling.empty.hint')}
      />
    );
  }
  return (
    <Stack gap="md" data-testid="agenda-list">
      {groups.map(([day, items]) => (
        <Stack key={day} gap={6} component="section" aria-label={dayLabel(day, 'long')}>
          <Title order={2} fz="sm">
            {upperFirst(dayLabel(day, 'long'))}
          </Title>
          {items.map((entry) =>
            entry.kind === 'appointment' ? (
              <UnstyledButton
                key={entry.appointment.id}
                onClick={() => onOpen(entry.appointment)}
                data-testid="agenda-item"
                data-appointment-id={entry.appointment.id}
                style={{
                  display: 'block',
                  padding: '8px 10px',
                  borderRadius: 8,
                  border: '1px solid var(--mantine-color-default-border)',
                  borderLeft: `4px solid var(--mantine-color-${APPOINTMENT_COLORS[entry.appointment.status]}-filled)`,
                }}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={700}>
                    {format.time(entry.appointment.start)}–{format.time(entry.appointment.end)}
                  </Text>
                  <Badge size="sm" variant="light" color={APPOINTMENT_COLORS[entry.appointment.status]}>
                    {t(`scheduling.statuses.${entry.appointment.status}`)}
                  </Badge>
                </Group>
                <Text size="sm" lineClamp={1}>
                  {entry.appointment.customerName ?? t('scheduling.noCustomerName')}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {[entry.appointment.technicianName, entry.appointment.bayName]
                    .filter(Boolean)
                    .join(' · ') || t('scheduling.unassigned')}
                </Text>
              </UnstyledButton>
            ) : (
              <Box
                key={`${entry.marker.repairId}-${entry.marker.kind}`}
                component={Link}
                to={`/repairs/${entry.marker.repairId}`}
                data-testid="agenda-order-date"
                style={{ display: 'block', padding: '4px 10px', color: 'inherit', textDecoration: 'none' }}
              >
                <Group gap={6} wrap="nowrap">
                  <IconFlag
                    size={14}
                    color={`var(--mantine-color-${entry.marker.kind === 'deadline' ? 'red' : 'gray'}-6)`}
                    aria-hidden
                  />
                  <Text size="sm">
                    {t(`scheduling.orderDate.${entry.marker.kind}`, {
                      number: number(entry.marker.number),
                      time: format.time(entry.marker.at),
                    })}
                  </Text>
                </Group>
              </Box>
            ),
          )}
        </Stack>
      ))}
    </Stack>
  );
}
