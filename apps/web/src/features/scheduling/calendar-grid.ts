/**
 * The calendar's arithmetic (issue 15 §1): which days a view shows, where a block sits on the
 * time grid, how overlapping blocks share a column, and which instant a drop lands on. Days are
 * YYYY-MM-DD on the shop's calendar and times its wall clock (app/shop-dates.ts). Pure, unit-tested.
 */
import { SLOT_STEP_MINUTES, WEEKDAYS, type WorkingHours, zonedParts } from '@bancada/shared';
import { zonedDay, zonedDayEnd, zonedDayStart, zonedInstant } from '../../app/shop-dates';

export const CALENDAR_VIEWS = ['day', 'week', 'month', 'agenda'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTES_PER_DAY = 24 * 60;
/** The agenda list looks this many days ahead. */
export const AGENDA_DAYS = 14;

function utcOf(day: string): Date {
  const d = DAY.exec(day);
  if (!d) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
}

export function addDays(day: string, days: number): string {
  const date = utcOf(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function addMonths(day: string, months: number): string {
  const date = utcOf(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  // the 31st of a shorter month is its last day
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), last));
  return target.toISOString().slice(0, 10);
}

/** The weekday key of a day (`mon` … `sun`), as working hours name them. */
export function weekdayOf(day: string): (typeof WEEKDAYS)[number] {
  // getUTCDay: 0 is Sunday
  return WEEKDAYS[(utcOf(day).getUTCDay() + 6) % 7] as (typeof WEEKDAYS)[number];
}

/** The Monday of the day's week (shops in Brazil and Latin America start the week on Monday). */
export function weekStart(day: string): string {
  return addDays(day, -WEEKDAYS.indexOf(weekdayOf(day)));
}

/** The days a view covers: one; Monday to Sunday; six whole weeks around the month; the agenda's two weeks. */
export function viewDays(view: CalendarView, day: string): string[] {
  if (view === 'day') return [day];
  if (view === 'week') return Array.from({ length: 7 }, (_, i) => addDays(weekStart(day), i));
  if (view === 'agenda') return Array.from({ length: AGENDA_DAYS }, (_, i) => addDays(day, i));
  const first = weekStart(`${day.slice(0, 8)}01`);
  return Array.from({ length: 42 }, (_, i) => addDays(first, i));
}

/** The instants the calendar is read for (the API's `from` and `to`). */
export function viewRange(view: CalendarView, day: string, timeZone?: string): { from: string; to: string } {
  const days = viewDays(view, day);
  return {
    from: zonedDayStart(days[0] as string, timeZone),
    to: zonedDayEnd(days.at(-1) as string, timeZone),
  };
}

/** The day the previous/next arrow goes to. */
export function stepDay(view: CalendarView, day: string, direction: 1 | -1): string {
  if (view === 'day') return addDays(day, direction);
  if (view === 'month') return addMonths(day, direction);
  return addDays(day, 7 * direction);
}

/** Minutes past midnight of `day` on the shop's clock, clamped to the day (a block from yesterday starts at 0). */
export function minuteOfDay(instant: string, day: string, timeZone?: string): number {
  const onDay = zonedDay(instant, timeZone);
  if (onDay === null) return 0;
  if (onDay < day) return 0;
  if (onDay > day) return MINUTES_PER_DAY;
  const parts = zonedParts(new Date(instant), timeZone);
  return parts.hour * 60 + parts.minute;
}

export interface Interval {
  start: number;
  end: number;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** A technician's working intervals on a day, in minutes past midnight, in order. */
export function workingIntervals(workingHours: WorkingHours, day: string): Interval[] {
  const weekday = weekdayOf(day);
  return workingHours
    .filter((interval) => interval.day === weekday)
    .map((interval) => ({ start: minutesOf(interval.start), end: minutesOf(interval.end) }))
    .sort((a, b) => a.start - b.start);
}

/** The hours the time grid shows: 07:00–19:00, widened to whole hours around every interval given. */
export function gridBounds(intervals: Interval[]): Interval {
  let start = 7 * 60;
  let end = 19 * 60;
  for (const interval of intervals) {
    start = Math.min(start, Math.floor(interval.start / 60) * 60);
    end = Math.max(end, Math.ceil(interval.end / 60) * 60);
  }
  return { start: Math.max(0, start), end: Math.min(MINUTES_PER_DAY, end) };
}

export interface Timed {
  id: string;
  start: string;
  end: string;
}

/** Where a block sits on a day's grid, in minutes from the grid's start; null when it is not on the grid. */
export function placeBlock(
  item: Timed,
  day: string,
  bounds: Interval,
  timeZone?: string,
): { top: number; height: number } | null {
  const start = Math.max(minuteOfDay(item.start, day, timeZone), bounds.start);
  const end = Math.min(minuteOfDay(item.end, day, timeZone), bounds.end);
  if (end <= start) return null;
  return { top: start - bounds.start, height: end - start };
}

/**
 * Side-by-side columns for blocks that overlap in time (a technician booked twice is a conflict the
 * database refuses, but a day by bay or a week shows several people's work in one column).
 * Blocks that overlap, directly or through others, form a cluster and share its width.
 */
export function overlapColumns<T extends Timed>(
  items: T[],
): Map<string, { column: number; columns: number }> {
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end));
  const result = new Map<string, { column: number; columns: number }>();
  let cluster: { id: string; column: number }[] = [];
  let columnEnds: string[] = [];
  let clusterEnd = '';
  const flush = () => {
    for (const entry of cluster) result.set(entry.id, { column: entry.column, columns: columnEnds.length });
    cluster = [];
    columnEnds = [];
  };
  for (const item of sorted) {
    const startMs = Date.parse(item.start);
    if (cluster.length > 0 && startMs >= Date.parse(clusterEnd)) flush();
    let column = columnEnds.findIndex((end) => Date.parse(end) <= startMs);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(item.end);
    } else {
      columnEnds[column] = item.end;
    }
    cluster.push({ id: item.id, column });
    if (cluster.length === 1 || Date.parse(item.end) > Date.parse(clusterEnd)) clusterEnd = item.end;
  }
  flush();
  return result;
}

/** A pointer's offset on the grid, in minutes from the grid's start, rounded to the slot step. */
export function snapToStep(minutes: number, step: number = SLOT_STEP_MINUTES): number {
  return Math.round(minutes / step) * step;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Where a dragged block lands: the new start is the drop's grid minute (snapped) on the target day,
 * the end keeps the duration. Null when the drop changes nothing.
 */
export function dropTarget(
  item: Timed,
  day: string,
  gridMinutes: number,
  bounds: Interval,
  timeZone?: string,
): { start: string; end: string } | null {
  const duration = Date.parse(item.end) - Date.parse(item.start);
  const latest = Math.max(bounds.start, bounds.end - Math.ceil(duration / 60_000));
  const minutes = Math.min(Math.max(bounds.start + snapToStep(gridMinutes), bounds.start), latest);
  const start = zonedInstant(day, clock(Math.min(minutes, MINUTES_PER_DAY - SLOT_STEP_MINUTES)), timeZone);
  const end = new Date(Date.parse(start) + duration).toISOString();
  if (Date.parse(start) === Date.parse(item.start)) return null;
  return { start, end };
}

/** How many items start on each day (the month view's counts). */
export function countByDay(items: { start: string }[], timeZone?: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const day = zonedDay(item.start, timeZone);
    if (day) counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

/** Items grouped by the day they start on, days in order, items by start (the agenda list). */
export function groupByDay<T extends { start: string }>(items: T[], timeZone?: string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.start.localeCompare(b.start))) {
    const day = zonedDay(item.start, timeZone);
    if (!day) continue;
    groups.set(day, [...(groups.get(day) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** The hour labels down the grid's side ("08:00"). */
export function hourLabels(bounds: Interval): { minutes: number; label: string }[] {
  const labels: { minutes: number; label: string }[] = [];
  for (let m = Math.ceil(bounds.start / 60) * 60; m < bounds.end; m += 60) {
    labels.push({ minutes: m - bounds.start, label: clock(m) });
  }
  return labels;
}

/** Booked against available hours as a share of the bar (over 100 when overbooked). */
export function loadPercent(booked: number, available: number): number {
  if (available <= 0) return booked > 0 ? 100 : 0;
  return Math.round((booked / available) * 100);
}
