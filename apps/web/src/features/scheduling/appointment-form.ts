import type { AppointmentCreate, AppointmentSource, Slot } from '@bancada/shared';
import { zonedDay, zonedInstant } from '../../app/shop-dates';
import { minuteOfDay } from './calendar-grid';

/** The "New appointment" drawer's values: a day and a time on the shop's clock, not instants. */
export interface AppointmentValues {
  customerId: string;
  assetId: string | null;
  serviceIds: string[];
  technicianId: string | null;
  bayId: string | null;
  /** YYYY-MM-DD on the shop's calendar */
  day: string | null;
  /** HH:MM on the shop's clock */
  time: string;
  /** minutes, used only without services (the services' standard hours set the length otherwise) */
  durationMinutes: number;
  notes: string;
  source: Exclude<AppointmentSource, 'PORTAL'>;
}

export const STAFF_SOURCES = ['STAFF', 'PHONE', 'WHATSAPP'] as const satisfies readonly AppointmentSource[];
export const DURATION_CHOICES = [30, 60, 90, 120, 180, 240, 480] as const;

export function emptyAppointment(day: string | null = null): AppointmentValues {
  return {
    customerId: '',
    assetId: null,
    serviceIds: [],
    technicianId: null,
    bayId: null,
    day,
    time: '',
    durationMinutes: 60,
    notes: '',
    source: 'STAFF',
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The body of POST /appointments (checked again with AppointmentCreateSchema by the form): without
 * services the chosen duration sets `end`; with them the server derives it. Null until a day and a
 * valid time are given.
 */
export function toAppointmentCreate(values: AppointmentValues, timeZone?: string): AppointmentCreate | null {
  if (!values.day || !TIME.test(values.time)) return null;
  const start = zonedInstant(values.day, values.time, timeZone);
  const end =
    values.serviceIds.length === 0
      ? new Date(Date.parse(start) + values.durationMinutes * 60_000).toISOString()
      : undefined;
  return {
    customerId: values.customerId,
    assetId: values.assetId,
    serviceIds: values.serviceIds,
    technicianId: values.technicianId,
    bayId: values.bayId,
    start,
    ...(end ? { end } : {}),
    notes: values.notes.trim() || null,
    source: values.source,
  };
}

/** A free slot taken into the form: its day and time on the shop's clock, its technician and bay. */
export function slotValues(
  slot: Slot,
  timeZone?: string,
): Pick<AppointmentValues, 'day' | 'time' | 'technicianId' | 'bayId'> {
  const day = zonedDay(slot.start, timeZone) as string;
  const minutes = minuteOfDay(slot.start, day, timeZone);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { day, time, technicianId: slot.technicianId, bayId: slot.bayId };
}

/** The services' total standard hours, in minutes (what the slot search books). */
export function servicesMinutes(
  serviceIds: string[],
  catalog: { id: string; standardHours: number }[],
): number {
  const hours = serviceIds.reduce(
    (sum, id) => sum + (catalog.find((s) => s.id === id)?.standardHours ?? 0),
    0,
  );
  return Math.round(hours * 60);
}
