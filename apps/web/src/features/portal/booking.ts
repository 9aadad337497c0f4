import {
  type Appointment,
  type AppointmentCreate,
  type AppointmentUpdate,
  CUSTOMER_CHANGE_NOTICE_MS,
  type Slot,
  SlotListSchema,
} from '@bancada/shared';
import { zonedToday } from '../../app/shop-dates';

/**
 * The portal's booking rules (issue 15 §3), pure: the days offered, the bodies sent, and whether the
 * customer may still move or cancel an appointment (the server's rule, so the button is disabled
 * before the server would refuse it).
 */

/** How far ahead the booking page offers days. */
export const BOOKING_DAYS = 14;

/** The next `count` days on the shop's calendar, today first (YYYY-MM-DD). */
export function bookingDays(timeZone?: string, now: Date = new Date(), count = BOOKING_DAYS): string[] {
  const [year, month, day] = zonedToday(timeZone, now).split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - 1, day + i)).toISOString().slice(0, 10),
  );
}

/** POST /appointments for the chosen slot: its technician and bay, the customer's own id. */
export function bookingBody(input: {
  customerId: string;
  assetId: string;
  serviceIds: string[];
  slot: Slot;
  notes: string;
}): AppointmentCreate {
  return {
    customerId: input.customerId,
    assetId: input.assetId,
    serviceIds: input.serviceIds,
    technicianId: input.slot.technicianId,
    bayId: input.slot.bayId,
    start: input.slot.start,
    notes: input.notes.trim() || null,
  };
}

/** PATCH /appointments/{id} to a new slot: the duration is kept, the slot's technician and bay taken. */
export function rescheduleBody(slot: Slot): AppointmentUpdate {
  return { start: slot.start, technicianId: slot.technicianId, bayId: slot.bayId };
}

export type ChangeRule = { allowed: true } | { allowed: false; reason: 'status' | 'too_late' };

/**
 * Whether the customer may still reschedule or cancel: a live booking (scheduled or confirmed) at
 * least CUSTOMER_CHANGE_NOTICE_MS (2 hours) before its start.
 */
export function customerChangeRule(
  appointment: Pick<Appointment, 'status' | 'start'>,
  now: Date,
): ChangeRule {
  if (appointment.status !== 'SCHEDULED' && appointment.status !== 'CONFIRMED')
    return { allowed: false, reason: 'status' };
  if (Date.parse(appointment.start) - now.getTime() < CUSTOMER_CHANGE_NOTICE_MS)
    return { allowed: false, reason: 'too_late' };
  return { allowed: true };
}

/** Upcoming (still to happen, soonest first) and past (or cancelled, missed, arrived: newest first). */
export function splitAppointments<T extends Pick<Appointment, 'status' | 'start' | 'end'>>(
  appointments: T[],
  now: Date,
): { upcoming: T[]; past: T[] } {
  const isUpcoming = (a: T) =>
    (a.status === 'SCHEDULED' || a.status === 'CONFIRMED') && Date.parse(a.end) > now.getTime();
  const byStart = (a: T, b: T) => Date.parse(a.start) - Date.parse(b.start);
  return {
    upcoming: appointments.filter(isUpcoming).sort(byStart),
    past: appointments.filter((a) => !isUpcoming(a)).sort((a, b) => byStart(b, a)),
  };
}

/** The two ranges the portal reads its appointments in (the API takes at most 62 days a call). */
export function appointmentRanges(now: Date, days = 60): { from: string; to: string }[] {
  const span = days * 86_400_000;
  return [
    { from: new Date(now.getTime() - span).toISOString(), to: now.toISOString() },
    { from: now.toISOString(), to: new Date(now.getTime() + span).toISOString() },
  ];
}

/** The free slots a refused booking (409) offers instead: `details.nextSlots`, or none. */
export function conflictNextSlots(details: Record<string, unknown> | undefined): Slot[] {
  const parsed = SlotListSchema.safeParse(details?.nextSlots);
  return parsed.success ? parsed.data : [];
}
