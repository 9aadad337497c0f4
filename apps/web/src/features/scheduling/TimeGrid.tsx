import type { Appointment, CalendarOrderDate } from '@bancada/shared';
import { Box, Group, Paper, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconFlag, IconInbox } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useShopTimeZone } from '../../app/auth';
import { useFormat } from '../../app/format';
import { useRepairNumber } from '../repairs/display';
import {
  dropTarget,
  hourLabels,
  type Interval,
  minuteOfDay,
  overlapColumns,
  placeBlock,
} from './calendar-grid';
import { APPOINTMENT_COLORS, isMovable } from './display';

/** 15 minutes take 16 px: an hour is 64 px, a working day about 700 px. */
export const PX_PER_MINUTE = 16 / 15;
const GUTTER = 56;

/** One column of the grid: a technician, a bay or a day, with what falls in it. */
export interface GridColumn {
  key: string;
  label: string;
  day: string;
  /** what a block dropped here is assigned to (undefined: left as it was) */
  assign?: { technicianId?: string | null; bayId?: string | null };
  /** the working intervals to shade light; null: unknown (no shading) */
  working: Interval[] | null;
  appointments: Appointment[];
  orderDates: CalendarOrderDate[];
}

export interface MoveRequest {
  appointment: Appointment;
  start: string;
  end: string;
  technicianId?: string | null;
  bayId?: string | null;
}

export function TimeGrid({
  columns,
  bounds,
  canMove,
  onOpen,
  onMove,
}: {
  columns: GridColumn[];
  bounds: Interval;
  canMove: boolean;
  onOpen: (appointment: Appointment) => void;
  onMove: (request: MoveRequest) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useShopTimeZone();
  const height = (bounds.end - bounds.start) * PX_PER_MINUTE;
  // the block being dragged, and how far below its top the pointer took it (in minutes)
  const [dragging, setDragging] = useState<{ appointment: Appointment; grab: number } | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);

  const drop = (column: GridColumn, event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setHovered(null);
    const current = dragging;
    setDragging(null);
    if (!current) return;
    const y = event.clientY - event.currentTarget.getBoundingClientRect().top;
    const minutes = y / PX_PER_MINUTE - current.grab;
    const target = dropTarget(current.appointment, column.day, minutes, bounds, timeZone);
    const technicianId = column.assign?.technicianId;
    const bayId = column.assign?.bayId;
    const reassigned =
      (technicianId !== undefined && technicianId !== current.appointment.technicianId) ||
      (bayId !== undefined && bayId !== current.appointment.bayId);
    if (!target && !reassigned) return;
    onMove({
      appointment: current.appointment,
      start: target?.start ?? current.appointment.start,
      end: target?.end ?? current.appointment.end,
      ...(technicianId !== undefined && technicianId !== current.appointment.technicianId
        ? { technicianId }
        : {}),
      ...(bayId !== undefined && bayId !== current.appointment.bayId ? { bayId } : {}),
    });
  };

  return (
    <Paper withBorder radius="md" style={{ overflow: 'auto', maxHeight: 'calc(100dvh - 220px)' }}>
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: `${GUTTER}px repeat(${columns.length}, minmax(140px, 1fr))`,
          minWidth: GUTTER + columns.length * 140,
        }}
        data-testid="time-grid"
      >
        <Box
          style={{
            position: 'sticky',
            top: 0,
            left: 0,
            zIndex: 5,
            background: 'var(--mantine-color-body)',
            borderBottom: '1px solid var(--mantine-color-default-border)',
          }}
        />
        {columns.map((column) => (
          <Box
            key={column.key}
            px="xs"
            py={6}
            style={{
              position: 'sticky',
              top: 0,
              zIndex: 4,
              background: 'var(--mantine-color-body)',
              borderBottom: '1px solid var(--mantine-color-default-border)',
              borderLeft: '1px solid var(--mantine-color-default-border)',
            }}
          >
            <Text size="sm" fw={600} lineClamp={1} title={column.label}>
              {column.label}
            </Text>
          </Box>
        ))}

        <Box
          style={{
            position: 'sticky',
            left: 0,
            // above the blocks and markers of a grid scrolled sideways
            zIndex: 3,
            height,
            background: 'var(--mantine-color-body)',
          }}
          aria-hidden
        >
          {hourLabels(bounds).map((hour) => (
            <Text
              key={hour.label}
              size="xs"
              c="dimmed"
              style={{ position: 'absolute', top: hour.minutes * PX_PER_MINUTE - 7, right: 6 }}
            >
              {hour.label}
            </Text>
          ))}
        </Box>

        {columns.map((column) => (
          <Box
            key={column.key}
            role="group"
            aria-label={column.label}
            data-column={column.key}
            onDragOver={(event) => {
              if (!dragging) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              if (hovered !== column.key) setHovered(column.key);
            }}
            onDragLeave={() => setHovered((h) => (h === column.key ? null : h))}
            onDrop={(event) => drop(column, event)}
            style={{
              position: 'relative',
              height,
              borderLeft: '1px solid var(--mantine-color-default-border)',
              // out of working hours by default; working intervals are drawn over it in the body colour
              background:
                column.working === null
                  ? undefined
                  : 'repeating-linear-gradient(135deg, var(--mantine-color-gray-1) 0 6px, var(--mantine-color-gray-0) 6px 12px)',
              outline: hovered === column.key ? '2px dashed var(--mantine-color-blue-5)' : undefined,
              outlineOffset: -2,
            }}
          >
            {column.working?.map((interval) => {
              const top = Math.max(interval.start, bounds.start) - bounds.start;
              const bottom = Math.min(interval.end, bounds.end) - bounds.start;
              if (bottom <= top) return null;
              return (
                <Box
                  key={`${interval.start}-${interval.end}`}
                  data-working
                  style={{
                    position: 'absolute',
                    left: 0,
                    right: 0,
                    top: top * PX_PER_MINUTE,
                    height: (bottom - top) * PX_PER_MINUTE,
                    background: 'var(--mantine-color-body)',
                  }}
                />
              );
            })}
            {/* the quarter-hour lines */}
            <Box
              aria-hidden
              style={{
                position: 'absolute',
                inset: 0,
                pointerEvents: 'none',
                backgroundImage: `repeating-linear-gradient(to bottom, var(--mantine-color-default-border) 0 1px, transparent 1px ${15 * PX_PER_MINUTE}px)`,
                opacity: 0.45,
              }}
            />
            <Blocks
              column={column}
              bounds={bounds}
              canMove={canMove}
              onOpen={onOpen}
              onDragStart={(appointment, grab) => setDragging({ appointment, grab })}
              onDragEnd={() => {
                setDragging(null);
                setHovered(null);
              }}
            />
            {column.orderDates.map((marker) => {
              const minutes = minuteOfDay(marker.at, column.day, timeZone);
              if (minutes < bounds.start || minutes > bounds.end) return null;
              return (
                <OrderMarker
                  key={`${marker.repairId}-${marker.kind}`}
                  marker={marker}
                  top={(minutes - bounds.start) * PX_PER_MINUTE}
                />
              );
            })}
          </Box>
        ))}
      </Box>
      {columns.length === 0 ? (
        <Group justify="center" p="lg" gap="xs">
          <IconInbox size={18} aria-hidden />
          <Text size="sm" c="dimmed">
            {t('scheduling.noColumns')}
          </Text>
        </Group>
      ) : null}
    </Paper>
  );
}

function Blocks({
  column,
  bounds,
  canMove,
  onOpen,
  onDragStart,
  onDragEnd,
}: {
  column: GridColumn;
  bounds: Interval;
  canMove: boolean;
  onOpen: (appointment: Appointment) => void;
  onDragStart: (appointment: Appointment, grab: number) => void;
  onDragEnd: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const timeZone = useShopTimeZone();
  const layout = overlapColumns(column.appointments);
  return (
    <>
      {column.appointments.map((appointment) => {
        const place = placeBlock(appointment, column.day, bounds, timeZone);
        if (!place) return null;
        const slot = layout.get(appointment.id) ?? { column: 0, columns: 1 };
        const color = APPOINTMENT_COLORS[appointment.status];
        const movable = canMove && isMovable(appointment.status);
        const when = `${format.time(appointment.start)}–${format.time(appointment.end)}`;
        const label = t('scheduling.block.label', {
          when,
          customer: appointment.customerName ?? t('scheduling.noCustomerName'),
          status: t(`scheduling.statuses.${appointment.status}`),
        });
        return (
          <UnstyledButton
            key={appointment.id}
            data-testid="appointment-block"
            data-appointment-id={appointment.id}
            data-status={appointment.status}
            aria-label={label}
            draggable={movable}
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = 'move';
              event.dataTransfer.setData('text/plain', appointment.id);
              const grab = (event.clientY - event.currentTarget.getBoundingClientRect().top) / PX_PER_MINUTE;
              onDragStart(appointment, grab);
            }}
            onDragEnd={onDragEnd}
            onClick={() => onOpen(appointment)}
            style={{
              position: 'absolute',
              top: place.top * PX_PER_MINUTE + 1,
              height: Math.max(place.height * PX_PER_MINUTE - 2, 18),
              left: `calc(${(slot.column / slot.columns) * 100}% + 2px)`,
              width: `calc(${100 / slot.columns}% - 4px)`,
              zIndex: 1,
              overflow: 'hidden',
              borderRadius: 6,
              padding: '2px 6px',
              background: `var(--mantine-color-${color}-light)`,
              borderLeft: `4px solid var(--mantine-color-${color}-filled)`,
              cursor: movable ? 'grab' : 'pointer',
              opacity: appointment.status === 'CANCELLED' || appointment.status === 'NO_SHOW' ? 0.6 : 1,
              textDecoration: appointment.status === 'CANCELLED' ? 'line-through' : undefined,
            }}
          >
            <Text size="xs" fw={700} lineClamp={1}>
              {when}
            </Text>
            <Text size="xs" lineClamp={2}>
              {appointment.customerName ?? t('scheduling.noCustomerName')}
            </Text>
            {place.height >= 45 ? (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {[appointment.technicianName, appointment.bayName].filter(Boolean).join(' · ')}
              </Text>
            ) : null}
          </UnstyledButton>
        );
      })}
    </>
  );
}

function OrderMarker({ marker, top }: { marker: CalendarOrderDate; top: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const number = useRepairNumber();
  const label = t(`scheduling.orderDate.${marker.kind}`, {
    number: number(marker.number),
    time: format.time(marker.at),
  });
  const color = marker.kind === 'deadline' ? 'red' : 'gray';
  return (
    <Tooltip label={label} withArrow>
      <Box
        component={Link}
        to={`/repairs/${marker.repairId}`}
        aria-label={label}
        data-testid="order-marker"
        style={{
          position: 'absolute',
          top: top - 1,
          left: 0,
          right: 0,
          zIndex: 2,
          height: 0,
          borderTop: `2px ${marker.kind === 'deadline' ? 'solid' : 'dashed'} var(--mantine-color-${color}-6)`,
        }}
      >
        <Group
          gap={2}
          wrap="nowrap"
          style={{
            position: 'absolute',
            right: 2,
            top: -9,
            padding: '0 4px',
            borderRadius: 4,
            background: `var(--mantine-color-${color}-6)`,
            color: 'white',
          }}
        >
          <IconFlag size={10} aria-hidden />
          <Text span fz={10} fw={700}>
            {number(marker.number)}
          </Text>
        </Group>
      </Box>
    </Tooltip>
  );
}
