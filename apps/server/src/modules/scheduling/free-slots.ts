import { SLOT_STEP_MINUTES, WEEKDAYS, zonedParts } from '@bancada/shared';
import { zonedTime } from '../../platform/wall-clock.js';

/**
 * The free-slot search and the capacity figures (issue 15 §1), as pure functions of what the service
 * read: technicians' working hours (wall-clock intervals per weekday, several a day for breaks) in the
 * shop's zone, holidays, live appointments, and the open orders' remaining hours, which fill each
 * technician's free time from "now" forward. Times are epoch milliseconds; intervals are [start, end).
 */

export type Interval = { start: number; end: number };
export type WorkingInterval = { day: string; start: string; end: string };
export type SchedulingTechnician = { id: string; workingHours: WorkingInterval[] };
/** A live appointment holding a technician and/or a bay. */
export type Booking = { technicianId: string | null; bayId: string | null; start: number; end: number };

export type SlotSearch = {
  timeZone: string;
  /** the range a slot must lie in */
  from: number;
  to: number;
  now: number;
  durationMinutes: number;
  /** in the order they are preferred (the first free one takes a start) */
  technicians: SchedulingTechnician[];
  /** the branch's active bays; empty: a slot needs no bay */
  bays: string[];
  /** closed days, YYYY-MM-DD on the shop's calendar */
  holidays: ReadonlySet<string>;
  bookings: Booking[];
  /** technician id → open orders' remaining estimated minutes */
  orderMinutes: ReadonlyMap<string, number>;
  /** every technician's slots (true), or one slot per start time, the first free technician's */
  perTechnician?: boolean;
  limit: number;
};
export type FreeSlot = { start: number; end: number; technicianId: string; bayId: string | null };

const MINUTE = 60_000;
const STEP = SLOT_STEP_MINUTES * MINUTE;
type CalendarDay = { year: number; month: number; day: number };

const isoDay = (d: CalendarDay) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
function addDays(d: CalendarDay, days: number): CalendarDay {
  const at = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}
/** mon…sun of a calendar date (the same everywhere). */
function weekdayOf(d: CalendarDay): string {
  const sundayFirst = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7]!;
}

/** Sorted, with touching or overlapping intervals merged (08–12 and 12–17 are one stretch). */
export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** `free` minus every interval of `busy` (both sorted and merged). */
export function subtractIntervals(free: Interval[], busy: Interval[]): Interval[] {
  const out: Interval[] = [];
  let b = 0;
  for (const f of free) {
    let start = f.start;
    while (b < busy.length && busy[b]!.end <= start) b++;
    let k = b;
    while (k < busy.length && busy[k]!.start < f.end) {
      if (busy[k]!.start > start) out.push({ start, end: busy[k]!.start });
      start = Math.max(start, busy[k]!.end);
      k++;
    }
    if (start < f.end) out.push({ start, end: f.end });
  }
  return out;
}

/** Takes `minutes` from the earliest free time onward: what is left free. */
export function consumeEarliest(free: Interval[], minutes: number): Interval[] {
  let left = minutes * MINUTE;
  const out: Interval[] = [];
  for (const f of free) {
    if (left <= 0) {
      out.push(f);
      continue;
    }
    const length = f.end - f.start;
    if (length <= left) left -= length;
    else {
      out.push({ start: f.start + left, end: f.end });
      left = 0;
    }
  }
  return out;
}

/** What the earliest `minutes` of free time cover (the part consumeEarliest takes). */
export function earliestPortion(free: Interval[], minutes: number): Interval[] {
  let left = minutes * MINUTE;
  const out: Interval[] = [];
  for (const f of free) {
    if (left <= 0) break;
    const length = Math.min(f.end - f.start, left);
    out.push({ start: f.start, end: f.start + length });
    left -= length;
  }
  return out;
}

export const overlapMs = (list: Interval[], range: Interval) =>
  list.reduce((sum, i) => sum + Math.max(0, Math.min(i.end, range.end) - Math.max(i.start, range.start)), 0);

/**
 * Wall-clock converter for one search: a working interval's "HH:MM" on a date becomes an instant in
 * the zone (DST included); the same date and time is worked out once for every technician.
 */
export function createWorkingCalendar(timeZone: string, holidays: ReadonlySet<string>) {
  const instants = new Map<string, number>();
  const instant = (d: CalendarDay, hhmm: string) => {
    const key = `${isoDay(d)} ${hhmm}`;
    let at = instants.get(key);
    if (at === undefined) {
      at = zonedTime(d, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)), timeZone).getTime();
      instants.set(key, at);
    }
    return at;
  };
  return {
    /** The shop-calendar date of an instant. */
    dayOf: (at: number): CalendarDay => zonedParts(new Date(at), timeZone),
    isoDay,
    /** The instant a calendar day starts (local midnight) and the next one's. */
    dayRange(d: CalendarDay): Interval {
      return { start: instant(d, '00:00'), end: instant(addDays(d, 1), '00:00') };
    },
    /** A technician's working time within [from, to), holidays left out, merged. */
    workingTime(hours: WorkingInterval[], from: number, to: number): Interval[] {
      if (to <= from || hours.length === 0) return [];
      const out: Interval[] = [];
      const last = zonedParts(new Date(to), timeZone);
      const lastKey = isoDay(last);
      // a day before the first, for zones where a local day starts before `from` in UTC
      for (let d = addDays(zonedParts(new Date(from), timeZone), -1); ; d = addDays(d, 1)) {
        const key = isoDay(d);
        if (!holidays.has(key)) {
          const weekday = weekdayOf(d);
          for (const h of hours) {
            if (h.day !== weekday) continue;
            const start = Math.max(from, instant(d, h.start));
            const end = Math.min(to, instant(d, h.end));
            if (end > start) out.push({ start, end });
          }
        }
        if (key >= lastKey) break;
      }
      return mergeIntervals(out);
    },
  };
}

function busyOf(bookings: Booking[], key: 'technicianId' | 'bayId', id: string): Interval[] {
  return mergeIntervals(bookings.filter((b) => b[key] === id).map((b) => ({ start: b.start, end: b.end })));
}

/** A technician's free time in [now, to): working hours minus bookings, minus the orders' remaining hours. */
export function technicianFreeTime(
  calendar: ReturnType<typeof createWorkingCalendar>,
  technician: SchedulingTechnician,
  input: Pick<SlotSearch, 'now' | 'to' | 'bookings' | 'orderMinutes'> & { from?: number },
): Interval[] {
  const load = input.orderMinutes.get(technician.id) ?? 0;
  // without open orders nothing before `from` matters
  const start = load > 0 ? input.now : Math.max(input.now, input.from ?? input.now);
  const working = calendar.workingTime(technician.workingHours, start, input.to);
  const free = subtractIntervals(working, busyOf(input.bookings, 'technicianId', technician.id));
  return consumeEarliest(free, load);
}

const fits = (list: Interval[], start: number, end: number) =>
  list.some((i) => i.start <= start && end <= i.end);

/** The free slots, earliest first (then in the technicians' order), at most `limit`. */
export function findFreeSlots(input: SlotSearch): FreeSlot[] {
  const duration = input.durationMinutes * MINUTE;
  if (duration <= 0 || input.to <= input.from || input.limit <= 0) return [];
  const from = Math.max(input.from, input.now);
  const calendar = createWorkingCalendar(input.timeZone, input.holidays);
  const bays = input.bays.map((id) => ({
    id,
    free: subtractIntervals([{ start: from, end: input.to }], busyOf(input.bookings, 'bayId', id)),
  }));
  const bayFor = (start: number, end: number): string | null | undefined => {
    if (bays.length === 0) return null;
    return bays.find((b) => fits(b.free, start, end))?.id;
  };
  // start time → the slots starting then
  const byStart = new Map<number, FreeSlot[]>();
  for (const technician of input.technicians) {
    const free = technicianFreeTime(calendar, technician, input);
    for (const interval of free) {
      const first = Math.ceil(Math.max(interval.start, from) / STEP) * STEP;
      for (let start = first; start + duration <= interval.end; start += STEP) {
        const taken = byStart.get(start);
        if (taken && !input.perTechnician) continue;
        const bayId = bayFor(start, start + duration);
        if (bayId === undefined) continue;
        const slot = { start, end: start + duration, technicianId: technician.id, bayId };
        if (taken) taken.push(slot);
        else byStart.set(start, [slot]);
      }
    }
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const out: FreeSlot[] = [];
  for (const start of starts) {
    for (const slot of byStart.get(start)!) {
      if (out.length >= input.limit) return out;
      out.push(slot);
    }
  }
  return out;
}

export type CapacityInput = {
  timeZone: string;
  /** the day, YYYY-MM-DD on the shop's calendar */
  date: string;
  now: number;
  technicians: SchedulingTechnician[];
  holidays: ReadonlySet<string>;
  bookings: Booking[];
  /** open orders assigned to a technician, with their remaining estimated minutes */
  orders: { repairId: string; technicianId: string; remainingMinutes: number; deadline: number | null }[];
};
export type CapacityFigures = {
  technicianId: string;
  availableMinutes: number;
  appointmentMinutes: number;
  orderMinutes: number;
  atRisk: { repairId: string; remainingMinutes: number; availableMinutes: number; deadline: number }[];
};

/**
 * A day's capacity per technician: working minutes that day, minutes booked by appointments, minutes
 * the open orders' remaining hours take that day (filled into free time from now forward, earliest
 * deadline first), and the orders due by the end of the day whose remaining hours exceed the
 * technician's free working time between now and their deadline.
 */
export function computeCapacity(input: CapacityInput): CapacityFigures[] {
  const calendar = createWorkingCalendar(input.timeZone, input.holidays);
  const [year, month, day] = input.date.split('-').map(Number) as [number, number, number];
  const dayRange = calendar.dayRange({ year, month, day });
  return input.technicians.map((technician) => {
    const mine = input.orders
      .filter((o) => o.technicianId === technician.id)
      .sort((a, b) => (a.deadline ?? Number.MAX_SAFE_INTEGER) - (b.deadline ?? Number.MAX_SAFE_INTEGER));
    const totalOrderMinutes = mine.reduce((sum, o) => sum + o.remainingMinutes, 0);
    const working = calendar.workingTime(technician.workingHours, dayRange.start, dayRange.end);
    const booked = busyOf(input.bookings, 'technicianId', technician.id);
    // the orders' work, placed in the free time from now on (as far ahead as it takes)
    const horizon = Math.max(dayRange.end, input.now) + 62 * 86_400_000;
    const freeAhead = subtractIntervals(
      calendar.workingTime(technician.workingHours, input.now, horizon),
      booked,
    );
    const orderWork = earliestPortion(freeAhead, totalOrderMinutes);
    const atRisk: CapacityFigures['atRisk'] = [];
    for (const order of mine) {
      if (order.deadline === null || order.deadline > dayRange.end || order.remainingMinutes <= 0) continue;
      const available = overlapMs(freeAhead, { start: input.now, end: order.deadline }) / MINUTE;
      if (order.remainingMinutes > available)
        atRisk.push({
          repairId: order.repairId,
          remainingMinutes: order.remainingMinutes,
          availableMinutes: Math.max(0, available),
          deadline: order.deadline,
        });
    }
    return {
      technicianId: technician.id,
      availableMinutes: overlapMs(working, dayRange) / MINUTE,
      appointmentMinutes: overlapMs(booked, dayRange) / MINUTE,
      orderMinutes: overlapMs(orderWork, dayRange) / MINUTE,
      atRisk,
    };
  });
}
