import type { Slot } from '@bancada/shared';
import { Alert, Button, Group, ScrollArea, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { zonedDayEnd, zonedDayStart } from '../../app/shop-dates';
import { useFreeSlots } from '../scheduling/api';
import { bookingDays } from './booking';

/** "sáb., 05/12": a day of the shop's calendar as a button reads it. */
function useDayLabel() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    const date = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' });
    return (day: string) => {
      const noon = new Date(`${day}T12:00:00Z`);
      return { weekday: weekday.format(noon), date: date.format(noon), long: long.format(noon) };
    };
  }, [locale]);
}

/** A slot as a button: its start on the shop's clock. */
export function SlotButtons({
  slots,
  selected,
  onSelect,
  timeZone,
}: {
  slots: Slot[];
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
  timeZone?: string | undefined;
}) {
  const format = useFormat(timeZone);
  return (
    <SimpleGrid cols={{ base: 3, xs: 4 }} spacing="xs">
      {slots.map((slot) => {
        const isSelected = selected?.start === slot.start;
        return (
          <Button
            key={`${slot.start}-${slot.technicianId ?? ''}-${slot.bayId ?? ''}`}
            variant={isSelected ? 'filled' : 'default'}
            aria-pressed={isSelected}
            onClick={() => onSelect(slot)}
            px="xs"
          >
            {format.time(slot.start)}
          </Button>
        );
      })}
    </SimpleGrid>
  );
}

/**
 * The next 14 days of the shop's calendar, then the free times of the chosen day for the services'
 * standard hours (GET /appointments/slots).
 */
export function SlotPicker({
  serviceIds,
  timeZone,
  day,
  onDay,
  selected,
  onSelect,
}: {
  serviceIds: string[];
  timeZone?: string | undefined;
  day: string | null;
  onDay: (day: string) => void;
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
}) {
  const { t } = useTranslation();
  const dayLabel = useDayLabel();
  const days = useMemo(() => bookingDays(timeZone), [timeZone]);
  const slots = useFreeSlots(
    day && serviceIds.length > 0
      ? { serviceIds, from: zonedDayStart(day, timeZone), to: zonedDayEnd(day, timeZone) }
      : null,
  );

  return (
    <Stack gap="sm">
      <ScrollArea type="auto" offsetScrollbars>
        <Group gap="xs" wrap="nowrap" role="group" aria-label={t('portal.book.day')}>
          {days.map((value) => {
            const label = dayLabel(value);
            const isSelected = value === day;
            return (
              <Button
                key={value}
                variant={isSelected ? 'filled' : 'default'}
                aria-pressed={isSelected}
                aria-label={label.long}
                onClick={() => onDay(value)}
                h="auto"
                py={6}
                px="sm"
                style={{ flexShrink: 0 }}
              >
                <Stack gap={0} align="center">
                  <Text size="xs" inherit>
                    {label.weekday}
                  </Text>
                  <Text fw={700} inherit>
                    {label.date}
                  </Text>
                </Stack>
              </Button>
            );
          })}
        </Group>
      </ScrollArea>
      {day === null ? (
        <Text size="sm" c="dimmed">
          {t('portal.book.pickDay')}
        </Text>
      ) : slots.isPending ? (
        <LoadingRows rows={2} />
      ) : slots.isError ? (
        <ErrorAlert error={slots.error} onRetry={() => void slots.refetch()} />
      ) : slots.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portal.book.noSlots')}
        </Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('portal.book.freeTimes', { day: dayLabel(day).long })}
          </Text>
          <SlotButtons slots={slots.data} selected={selected} onSelect={onSelect} timeZone={timeZone} />
        </Stack>
      )}
    </Stack>
  );
}

/** A booking or a move the server refused: its message, and the free slots it offered instead (a 409). */
export function RefusedAlert({
  error,
  title,
  offered,
  selected,
  onSelect,
  timeZone,
}: {
  error: unknown;
  title?: string;
  offered: Slot[];
  selected: Slot | null;
  onSelect: (slot: Slot) => void;
  timeZone?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={title}>
      <Stack gap="sm">
        <Text size="sm">{errorMessage(error)}</Text>
        {offered.length > 0 ? (
          <>
            <Text size="sm" fw={500}>
              {t('portal.book.nextSlots')}
            </Text>
            <SlotButtons slots={offered} selected={selected} onSelect={onSelect} timeZone={timeZone} />
          </>
        ) : null}
      </Stack>
    </Alert>
  );
}
