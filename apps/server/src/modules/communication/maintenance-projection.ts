import type { REMINDER_FREQUENCIES, ReadingKind } from '@bancada/shared';

/**
 * Due-date projection of a preventive maintenance plan (issue 14 §4): "every 10,000 km or 6 months,
 * whichever comes first", projected from the asset's odometer or hour-meter readings.
 *
 * Pure: no clock, no database. All dates are UTC and the arithmetic works in whole UTC days, so every
 * returned date is a UTC midnight; a time of day in the inputs is dropped.
 */

export type MaintenancePlan = { intervalKm?: number; intervalHours?: number; intervalMonths?: number };
/** null: never served by the shop; the plan then counts from the first reading or the registration. */
export type LastService = { at: Date; km?: number; hours?: number } | null;
/** `correction`: staff confirmed a value lower than the previous one (typo fixed, meter replaced). */
export type MeterReading = { at: Date; value: number; kind: ReadingKind; correction?: boolean };

export type UsageOptions = { windowDays?: number; minSpanDays?: number; minReadings?: number };
export type UsageEstimate = {
  /** km/day (odometer) or hours/day (hour meter); null when it cannot be estimated */
  perDay: number | null;
  used: MeterReading[];
  basis: 'window' | 'all_history' | 'none';
};

export const DUE_REASONS = ['distance', 'hours', 'time'] as const;
export type DueReason = (typeof DUE_REASONS)[number];
export const DUE_STATUSES = ['ok', 'due_soon', 'overdue'] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];
export const DUE_CONFIDENCES = ['measured', 'time_only'] as const;
export type DueConfidence = (typeof DUE_CONFIDENCES)[number];

export type ProjectionOptions = {
  /** days before the due date that count as due soon and send the first reminder */
  leadDays?: number;
  /** the asset's registration date, for a plan never served */
  registeredAt?: Date;
  usage?: UsageOptions;
};

export type DueProjection = {
  /** null: no criterion can be dated (no readings and no time interval, or an asset not in use) */
  dueAt: Date | null;
  reason: DueReason;
  /** the meter's estimated value today, for a distance or hours reason */
  currentEstimate?: number;
  /** the meter value at which the plan is due, for a distance or hours reason */
  dueValue?: number;
  status: DueStatus;
  /** time_only: no meter criterion could be measured, the date rests on the calendar alone */
  confidence: DueConfidence;
};

export type ReminderFrequency = (typeof REMINDER_FREQUENCIES)[number];

export const DEFAULT_LEAD_DAYS = 14;
const DAY_MS = 86_400_000;

/** Months between two reminders; the customer's preferred frequency (seed 001 §2.2). */
const REMINDER_MONTHS = {
  none: null,
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
} as const satisfies Record<ReminderFrequency, number | null>;

function toDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

function fromDay(day: number): Date {
  return new Date(day * DAY_MS);
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Calendar months after a date, clamped at month end (Jan 31 + 1 month = Feb 28, or 29 in a leap year). */
export function addUtcMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/**
 * The readings a projection can trust, oldest first: none after `now`, none that go backwards (a typo
 * or an unannounced reset), except a correction, which supersedes the higher readings before it.
 */
export function dropInconsistentReadings(readings: readonly MeterReading[], now: Date): MeterReading[] {
  const sorted = readings
    .filter((r) => Number.isFinite(r.value) && r.at.getTime() <= now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.value - b.value);
  const kept: MeterReading[] = [];
  for (const reading of sorted) {
    const last = kept.at(-1);
    if (!last || reading.value >= last.value) {
      kept.push(reading);
    } else if (reading.correction) {
      // staff confirmed the lower value: the higher ones before it were wrong (or the meter was replaced)
      while ((kept.at(-1)?.value ?? -Infinity) > reading.value) kept.pop();
      kept.push(reading);
    }
  }
  return kept;
}

function spanDays(readings: readonly MeterReading[]): number {
  const first = readings[0];
  const last = readings.at(-1);
  return first && last ? toDay(last.at) - toDay(first.at) : 0;
}

function rateOf(readings: readonly MeterReading[]): number {
  const first = readings[0]!;
  const last = readings.at(-1)!;
  return (last.value - first.value) / spanDays(readings);
}

/**
 * Average km/day or hours/day of one meter over the readings of the last `windowDays`; with too few
 * readings or too short a span there, over the whole history; null when neither is enough.
 */
export function estimateDailyUsage(
  readings: readonly MeterReading[],
  now: Date,
  options: UsageOptions = {},
): UsageEstimate {
  const { windowDays = 180, minSpanDays = 14, minReadings = 2 } = options;
  const clean = dropInconsistentReadings(readings, now);
  const isEnough = (rs: readonly MeterReading[]) =>
    rs.length >= Math.max(2, minReadings) && spanDays(rs) >= Math.max(1, minSpanDays);
  const windowStart = toDay(now) - windowDays;
  const recent = clean.filter((r) => toDay(r.at) >= windowStart);
  if (isEnough(recent)) return { perDay: rateOf(recent), used: recent, basis: 'window' };
  if (isEnough(clean)) return { perDay: rateOf(clean), used: clean, basis: 'all_history' };
  return { perDay: null, used: clean, basis: 'none' };
}

type Criterion = {
  reason: DueReason;
  dueDay: number | null;
  isPassed: boolean;
  isMeasured: boolean;
  currentEstimate?: number;
  dueValue?: number;
};

/** The meter value at the last service: recorded on the order, else the reading nearest before it. */
function findBaseValue(
  serviceValue: number | undefined,
  lastService: LastService,
  clean: readonly MeterReading[],
): number | undefined {
  if (serviceValue !== undefined) return serviceValue;
  if (!lastService) return clean[0]?.value;
  const serviceDay = toDay(lastService.at);
  const before = clean.filter((r) => toDay(r.at) <= serviceDay).at(-1);
  return (before ?? clean.find((r) => toDay(r.at) > serviceDay))?.value;
}

function projectMeter(
  reason: 'distance' | 'hours',
  kind: ReadingKind,
  interval: number,
  lastService: LastService,
  readings: readonly MeterReading[],
  now: Date,
  options: ProjectionOptions,
): Criterion {
  const serviceValue = kind === 'odometer' ? lastService?.km : lastService?.hours;
  const ofKind = readings.filter((r) => r.kind === kind);
  // the value recorded on the service order is a reading too
  if (lastService && serviceValue !== undefined)
    ofKind.push({ at: lastService.at, value: serviceValue, kind });
  const clean = dropInconsistentReadings(ofKind, now);
  const latest = clean.at(-1);
  const base = findBaseValue(serviceValue, lastService, clean);
  const unknown: Criterion = { reason, dueDay: null, isPassed: false, isMeasured: false };
  if (base === undefined || !latest) return unknown;
  const dueValue = base + interval;
  const { perDay } = estimateDailyUsage(clean, now, options.usage);
  const daysSinceLatest = toDay(now) - toDay(latest.at);
  const currentEstimate = roundTenth(latest.value + (perDay ?? 0) * daysSinceLatest);
  const known = { reason, dueValue, currentEstimate, isMeasured: true };
  const passedBy = clean.find((r) => r.value >= dueValue);
  if (passedBy) return { ...known, dueDay: toDay(passedBy.at), isPassed: true };
  if (perDay === null) return { ...unknown, dueValue, currentEstimate };
  // an asset standing still never reaches the distance: the time criterion decides
  if (perDay <= 0) return { ...known, dueDay: null, isPassed: false };
  const dueDay = toDay(latest.at) + Math.ceil((dueValue - latest.value) / perDay);
  return { ...known, dueDay, isPassed: false };
}

function projectTime(
  months: number,
  lastService: LastService,
  readings: readonly MeterReading[],
  options: ProjectionOptions,
): Criterion {
  const starts = lastService
    ? [lastService.at]
    : [options.registeredAt, ...readings.map((r) => r.at)].filter((d): d is Date => d !== undefined);
  const unknown: Criterion = { reason: 'time', dueDay: null, isPassed: false, isMeasured: false };
  if (starts.length === 0) return unknown;
  // never served: count from whichever came first, the registration or the first reading
  const start = fromDay(Math.min(...starts.map(toDay)));
  return { ...unknown, dueDay: toDay(addUtcMonths(start, months)) };
}

function isPositive(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value > 0;
}

/**
 * When the plan is next due: each criterion's date (km or hours projected from the latest reading
 * with the daily usage, months on the calendar), the earliest wins — "whichever comes first".
 * Overdue once the due day has passed or a reading already reached the due value.
 */
export function projectDue(
  plan: MaintenancePlan,
  lastService: LastService,
  readings: readonly MeterReading[],
  now: Date,
  options: ProjectionOptions = {},
): DueProjection {
  const criteria: Criterion[] = [];
  if (isPositive(plan.intervalKm)) {
    criteria.push(projectMeter('distance', 'odometer', plan.intervalKm, lastService, readings, now, options));
  }
  if (isPositive(plan.intervalHours)) {
    criteria.push(
      projectMeter('hours', 'hour_meter', plan.intervalHours, lastService, readings, now, options),
    );
  }
  if (isPositive(plan.intervalMonths)) {
    criteria.push(projectTime(plan.intervalMonths, lastService, readings, options));
  }
  const first = criteria[0];
  if (!first) throw new RangeError('a maintenance plan needs a positive km, hours or months interval');

  const confidence: DueConfidence = criteria.some((c) => c.isMeasured) ? 'measured' : 'time_only';
  // stable sort: on a tie the meter criterion, listed first, is named
  const winner = criteria
    .filter((c): c is Criterion & { dueDay: number } => c.dueDay !== null)
    .sort((a, b) => a.dueDay - b.dueDay)[0];
  if (!winner) return { dueAt: null, reason: first.reason, status: 'ok', confidence };

  const daysLeft = winner.dueDay - toDay(now);
  const leadDays = options.leadDays ?? DEFAULT_LEAD_DAYS;
  const status: DueStatus =
    winner.isPassed || daysLeft < 0 ? 'overdue' : daysLeft <= leadDays ? 'due_soon' : 'ok';
  const projection: DueProjection = {
    dueAt: fromDay(winner.dueDay),
    reason: winner.reason,
    status,
    confidence,
  };
  if (winner.currentEstimate !== undefined) projection.currentEstimate = winner.currentEstimate;
  if (winner.dueValue !== undefined) projection.dueValue = winner.dueValue;
  return projection;
}

/**
 * When the next reminder of a plan should go out: the first at `dueAt − leadDays`, then again while it
 * stays unserved, never more often than the customer's preferred frequency (also across service
 * cycles). A date not after `now` means "send today"; null means never. Once the plan is served the
 * caller projects with the newer last service, the due date moves ahead and so does the reminder.
 */
export function nextReminderAt(
  due: Pick<DueProjection, 'dueAt'>,
  frequency: ReminderFrequency,
  lastRemindedAt: Date | null,
  now: Date,
  options: { leadDays?: number } = {},
): Date | null {
  const months = REMINDER_MONTHS[frequency];
  if (months === null || !due.dueAt) return null;
  const firstDay = toDay(due.dueAt) - (options.leadDays ?? DEFAULT_LEAD_DAYS);
  const notBeforeDay = lastRemindedAt ? toDay(addUtcMonths(lastRemindedAt, months)) : firstDay;
  // a reminder owed in the past goes out today, once
  return fromDay(Math.max(firstDay, notBeforeDay, toDay(now)));
}
