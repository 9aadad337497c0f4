/**
 * Wall-clock times in an organization's IANA time zone (scheduled backups at 03:00, the retention job
 * at 04:30 shop time): pure functions of a given instant, so tests drive them with a fixed clock.
 */
import { zonedParts } from '@bancada/shared';

/** The instant a wall-clock time happens in a zone (in a DST gap: the instant that many hours after midnight). */
export function zonedTime(
  date: { year: number; month: number; day: number },
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  let guess = wanted;
  // two corrections settle every zone (the offset at the guess, then at the corrected instant)
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wanted - shown;
  }
  return new Date(guess);
}

function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The latest `hour`:`minute` (local) at or before `now`. */
export function lastSlot(now: Date, timeZone: string, hour: number, minute = 0): Date {
  const today = zonedParts(now, timeZone);
  const slot = zonedTime(today, hour, minute, timeZone);
  return slot.getTime() <= now.getTime() ? slot : zonedTime(addDays(today, -1), hour, minute, timeZone);
}

/** The next `hour`:`minute` (local) after `now`. */
export function nextSlot(now: Date, timeZone: string, hour: number, minute = 0): Date {
  const today = zonedParts(now, timeZone);
  const slot = zonedTime(today, hour, minute, timeZone);
  return slot.getTime() > now.getTime() ? slot : zonedTime(addDays(today, 1), hour, minute, timeZone);
}

/** A valid IANA zone, or the fallback. */
export function safeTimeZone(timeZone: string | null | undefined, fallback = 'America/Sao_Paulo'): string {
  if (!timeZone) return fallback;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return fallback;
  }
}
