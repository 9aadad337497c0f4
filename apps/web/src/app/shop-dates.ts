/**
 * Days on the shop's calendar (its time zone setting), not the browser's: a deadline picked as
 * "12/03" is 18:00 of 12/03 in the shop, whoever picks it and wherever their device is set (issue 10).
 * Without a zone (no organization setting yet) the device's own zone is used. Pure, unit-tested.
 */
import { zonedParts } from '@bancada/shared';

/** YYYY-MM-DD */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** HH:MM */
const TIME = /^(\d{2}):(\d{2})$/;

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string | undefined): number {
  const c = zonedParts(new Date(instant), timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The day (YYYY-MM-DD) an instant falls on in the zone; null for no or an unreadable instant. */
export function zonedDay(instant: string | Date | null | undefined, timeZone?: string): string | null {
  if (!instant) return null;
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return null;
  const c = zonedParts(date, timeZone);
  return `${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}

/** Today on the zone's calendar. */
export function zonedToday(timeZone?: string, now: Date = new Date()): string {
  return zonedDay(now, timeZone) as string;
}

/**
 * The instant (ISO 8601, UTC) when the zone's wall clock shows that day and time. (A wall time that
 * a daylight-saving change skips or repeats takes one of the two offsets; the form's 12:00 and 18:00
 * are never such a time.)
 */
export function zonedInstant(day: string, time: string, timeZone?: string): string {
  const d = DAY.exec(day);
  const t = TIME.exec(time);
  if (!d || !t) throw new RangeError(`not a day and time: ${day} ${time}`);
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // the offset at the wall time read as UTC is right unless a change falls in between: look again
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  return new Date(second).toISOString();
}

/** The instant written with the zone's offset there and then: "2026-05-10T00:00:00.000-03:00". */
function withOffset(instant: number, timeZone: string | undefined): string {
  const minutes = Math.round(offsetAt(instant, timeZone) / 60_000);
  const wall = new Date(instant + minutes * 60_000).toISOString().slice(0, 23);
  const sign = minutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
  return `${wall}${sign}${hours}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
}

/** The first instant of the day in the zone, in ms: its midnight (01:00 where a change skips it). */
function dayStart(day: string, timeZone: string | undefined): number {
  const d = DAY.exec(day);
  if (!d) throw new RangeError(`not a day: ${day}`);
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
  // midnight with the offset just before it and with the one just after: the earliest that falls
  // on the day (a change at midnight makes one of them the evening before, or leaves midnight out)
  const first = wall - offsetAt(wall, timeZone);
  const candidates = [first, wall - offsetAt(first, timeZone), wall - offsetAt(wall - 86_400_000, timeZone)];
  const onTheDay = candidates.filter((instant) => zonedDay(new Date(instant), timeZone) === day);
  return onTheDay.length > 0 ? Math.min(...onTheDay) : first;
}

/** The day after (YYYY-MM-DD). */
function nextDay(day: string): string {
  const d = DAY.exec(day);
  if (!d) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]) + 1)).toISOString().slice(0, 10);
}

/**
 * Where a day on the shop's calendar begins, as ISO 8601 with the zone's offset: a filter "from
 * 10/05" starts at 00:00 of 10/05 in the shop (a bare "2026-05-10" is read as midnight UTC, 21:00
 * of the 9th in São Paulo).
 */
export function zonedDayStart(day: string, timeZone?: string): string {
  return withOffset(dayStart(day, timeZone), timeZone);
}

/**
 * Where a day on the shop's calendar ends (its last millisecond), as ISO 8601 with the zone's
 * offset: a filter "to 10/05" takes in the whole of 10/05 in the shop.
 */
export function zonedDayEnd(day: string, timeZone?: string): string {
  return withOffset(dayStart(nextDay(day), timeZone) - 1, timeZone);
}

/**
 * A filter's days "from … to …" (YYYY-MM-DD, both taken in whole) as the instants an API compares:
 * the start of the first day and the end of the last, in the zone. An end left open stays open.
 */
export function zonedDayRange(
  from: string | null | undefined,
  to: string | null | undefined,
  timeZone?: string,
): { from?: string; to?: string } {
  return {
    ...(from ? { from: zonedDayStart(from, timeZone) } : {}),
    ...(to ? { to: zonedDayEnd(to, timeZone) } : {}),
  };
}

/**
 * A calendar date ("2026-11-30", a purchase order's expected day) as an instant that every zone
 * from UTC−11 to UTC+11 shows on that same day: its noon in UTC.
 */
export function calendarNoon(date: string | null): string | null {
  return date ? `${date.slice(0, 10)}T12:00:00Z` : null;
}
