import { type TechnicianSuggestion, WEEKDAYS } from '@bancada/shared';
import type { MessageKey } from '../../../platform/i18n.js';

/** A technician as the assessment reads them (the users module's technician). */
export type TechnicianRow = {
  id: string;
  name: string;
  role: string;
  specialties: string[];
  workingHours: { day: string; start: string; end: string }[];
};
export type Workload = { openOrders: number; assignedHours: number };

/** Organizations have no time-zone setting yet; the shops this serves start in Brazil. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';
/** So many open orders is a full bench, whatever their estimates say. */
export const MAX_OPEN_ORDERS = 8;

type Weekday = (typeof WEEKDAYS)[number];
type WorkingHours = TechnicianRow['workingHours'];

export type AssessmentWarning = { code: string; key: MessageKey; params: Record<string, string | number> };
export type Assessment = Omit<TechnicianSuggestion, 'warnings'> & { warnings: AssessmentWarning[] };

/** Accent- and case-insensitive form of a specialty ("Elétrica" = "eletrica"). */
export function normalizeSpecialty(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').trim().replace(/\s+/g, ' ');
}

/** Weekday and minutes since midnight on the wall clock of `timeZone`. */
export function localClock(now: Date, timeZone: string): { day: Weekday; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { day, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Working hours left from `now` to the end of the week (Monday to Sunday), in hours. */
export function hoursLeftThisWeek(hoursOfWork: WorkingHours, now: Date, timeZone: string): number {
  const { day, minutes } = localClock(now, timeZone);
  const today = WEEKDAYS.indexOf(day);
  let left = 0;
  for (const interval of hoursOfWork) {
    const index = WEEKDAYS.indexOf(interval.day as Weekday);
    if (index < today) continue;
    const start = toMinutes(interval.start);
    const end = toMinutes(interval.end);
    left += index === today ? Math.max(0, end - Math.max(start, minutes)) : Math.max(0, end - start);
  }
  return round2(left / 60);
}

/**
 * How a technician fits an order: specialty, today's schedule, load. A technician with no working
 * hours recorded is not judged by them (the shop never filled them in), only by the count of orders.
 */
export function assessTechnician(input: {
  technician: TechnicianRow;
  load: Workload;
  /** specialties the work needs; none means any technician fits */
  required: readonly string[];
  /** estimated hours of the order being assigned (0 when there is none) */
  orderHours: number;
  now: Date;
  timeZone: string;
}): Assessment {
  const { technician, load, required, orderHours, now, timeZone } = input;
  const own = new Set(technician.specialties.map(normalizeSpecialty));
  const missing = required.filter((s) => !own.has(normalizeSpecialty(s)));
  const hasSchedule = technician.workingHours.length > 0;
  const { day } = localClock(now, timeZone);
  const worksToday = !hasSchedule || technician.workingHours.some((i) => i.day === day);
  const weeklyHours = hasSchedule ? hoursLeftThisWeek(technician.workingHours, now, timeZone) : 0;
  const assignedHours = round2(load.assignedHours);
  const overloaded =
    load.openOrders >= MAX_OPEN_ORDERS || (hasSchedule && assignedHours + orderHours > weeklyHours);

  const warnings: AssessmentWarning[] = [];
  if (overloaded) {
    warnings.push({
      code: 'technician_overloaded',
      key: 'repairs.warning_overloaded',
      params: {
        name: technician.name,
        orders: load.openOrders,
        hours: assignedHours,
        available: weeklyHours,
      },
    });
  }
  for (const specialty of missing) {
    warnings.push({
      code: 'technician_specialty',
      key: 'repairs.warning_specialty',
      params: { name: technician.name, specialty },
    });
  }
  if (!worksToday) {
    warnings.push({
      code: 'technician_not_today',
      key: 'repairs.warning_not_today',
      params: { name: technician.name },
    });
  }
  return {
    id: technician.id,
    name: technician.name,
    specialties: technician.specialties,
    matchesSpecialty: missing.length === 0,
    worksToday,
    weeklyHours,
    openOrders: load.openOrders,
    assignedHours,
    overloaded,
    warnings,
  };
}

/** Matching specialty first, then not overloaded, then the lightest load. */
export function compareSuggestions(a: Assessment, b: Assessment): number {
  return (
    Number(b.matchesSpecialty) - Number(a.matchesSpecialty) ||
    Number(a.overloaded) - Number(b.overloaded) ||
    a.assignedHours - b.assignedHours ||
    a.openOrders - b.openOrders ||
    a.name.localeCompare(b.name)
  );
}
