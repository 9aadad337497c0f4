import { zonedParts } from '@bancada/shared';
import { nextSlot } from '../../platform/wall-clock.js';

/**
 * Quiet hours: automatic messages wait until the organization's night is over (issue 14 §1, default
 * 20:00–08:00 in the organization's time zone). Staff replies do not pass through here.
 */
export type QuietHours = {
  /** IANA time zone of the organization, e.g. America/Sao_Paulo */
  timeZone: string;
  /** 'HH:MM', local, inclusive */
  quietStart: string;
  /** 'HH:MM', local, exclusive: the first minute messages may go out */
  quietEnd: string;
};

export const DEFAULT_QUIET_HOURS = { quietStart: '20:00', quietEnd: '08:00' } as const;

export class QuietHoursError extends Error {
  readonly code = 'invalid_time';
  constructor(readonly details: { field: 'quietStart' | 'quietEnd'; value: string }) {
    super(`${details.field} must be a time 'HH:MM' (00:00–23:59), got '${details.value}'`);
    this.name = 'QuietHoursError';
  }
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after local midnight of an 'HH:MM' time; throws QuietHoursError otherwise. */
export function parseClockTime(value: string, field: 'quietStart' | 'quietEnd'): number {
  const match = TIME.exec(value);
  if (!match) throw new QuietHoursError({ field, value });
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Whether `now` falls inside the quiet window (equal start and end: never). */
export function isQuietTime(now: Date, options: QuietHours): boolean {
  const start = parseClockTime(options.quietStart, 'quietStart');
  const end = parseClockTime(options.quietEnd, 'quietEnd');
  if (start === end) return false;
  const local = zonedParts(now, options.timeZone);
  const minute = local.hour * 60 + local.minute;
  // a window such as 20:00–08:00 crosses midnight; 12:00–14:00 does not
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** `now` outside quiet hours, otherwise the instant they end (DST-safe through wall-clock.ts). */
export function nextSendTime(now: Date, options: QuietHours): Date {
  if (!isQuietTime(now, options)) return now;
  const end = parseClockTime(options.quietEnd, 'quietEnd');
  // inside the window the next local quietEnd is the end of this very window
  return nextSlot(now, options.timeZone, Math.floor(end / 60), end % 60);
}
