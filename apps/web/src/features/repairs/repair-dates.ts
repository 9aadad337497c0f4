import { zonedDay, zonedInstant } from '../../app/shop-dates';

/**
 * The order's dates are days on the shop's calendar (its time zone setting), sent as instants:
 * the same day reads the same on the board, the order page, the edit drawer and the PDFs.
 */

/** Received on an earlier day: that day's noon in the shop. Today: when the form was opened. */
export function receivedAtInstant(day: string | null, openedAt: string, timeZone?: string): string {
  if (!day) return '';
  if (day === zonedDay(openedAt, timeZone)) return openedAt;
  return zonedInstant(day, '12:00', timeZone);
}

/** The deadline is the end of that working day in the shop (seed 004's example: 18:00). */
export function deadlineInstant(day: string | null, timeZone?: string): string | null {
  return day ? zonedInstant(day, '18:00', timeZone) : null;
}

/** The day a deadline falls on in the shop, as the date input holds it. */
export function deadlineDay(deadline: string | null, timeZone?: string): string | null {
  return zonedDay(deadline, timeZone);
}
