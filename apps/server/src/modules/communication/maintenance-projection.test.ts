import { ASSET_KINDS, LOCALES } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import {
  addUtcMonths,
  type DueProjection,
  dropInconsistentReadings,
  estimateDailyUsage,
  type LastService,
  type MaintenancePlan,
  type MeterReading,
  nextReminderAt,
  type ProjectionOptions,
  projectDue,
  type ReminderFrequency,
  type UsageOptions,
} from './maintenance-projection.js';
import {
  findMaintenanceTemplate,
  listMaintenanceTemplates,
  MAINTENANCE_TEMPLATES,
} from './maintenance-templates.js';

// fixed UTC days only: the projection never reads the clock
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const isoDay = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;
const odo = (iso: string, value: number, correction?: boolean): MeterReading => ({
  at: day(iso),
  value,
  kind: 'odometer',
  ...(correction ? { correction } : {}),
});
const hm = (iso: string, value: number): MeterReading => ({ at: day(iso), value, kind: 'hour_meter' });

type Expected = Omit<DueProjection, 'dueAt'> & { dueAt: string | null };
const summarize = (projection: DueProjection): Expected => ({
  ...projection,
  dueAt: isoDay(projection.dueAt),
});

const OIL: MaintenancePlan = { intervalKm: 10_000, intervalMonths: 6 };

describe('estimateDailyUsage', () => {
  it.each<{
    name: string;
    readings: MeterReading[];
    now: string;
    options?: UsageOptions;
    perDay: number | null;
    basis: 'window' | 'all_history' | 'none';
    used: number;
  }>([
    {
      name: 'averages the readings of the last 180 days',
      readings: [odo('2025-01-01', 1_000), odo('2026-01-01', 10_000), odo('2026-03-02', 13_000)],
      now: '2026-03-02',
      perDay: 50,
      basis: 'window',
      used: 2,
    },
    {
      name: 'widens to all history when the window holds a single reading',
      readings: [odo('2025-01-01', 10_000), odo('2026-01-01', 10_365)],
      now: '2026-03-01',
      perDay: 1,
      basis: 'all_history',
      used: 2,
    },
    {
      name: 'widens to all history when the readings in the window span under 14 days',
      readings: [hm('2025-01-01', 0), hm('2026-01-01', 3_650), hm('2026-01-06', 3_700)],
      now: '2026-01-10',
      perDay: 10,
      basis: 'all_history',
      used: 3,
    },
    {
      name: 'honours a narrower window',
      readings: [odo('2025-01-01', 0), odo('2026-01-01', 36_500), odo('2026-01-31', 42_500)],
      now: '2026-01-31',
      options: { windowDays: 30 },
      perDay: 200,
      basis: 'window',
      used: 2,
    },
    {
      name: 'cannot estimate without readings',
      readings: [],
      now: '2026-03-01',
      perDay: null,
      basis: 'none',
      used: 0,
    },
    {
      name: 'cannot estimate from a single reading',
      readings: [odo('2026-01-01', 40_000)],
      now: '2026-03-01',
      perDay: null,
      basis: 'none',
      used: 1,
    },
    {
      name: 'cannot estimate from a history spanning under 14 days',
      readings: [odo('2026-01-01', 10_000), odo('2026-01-05', 10_300)],
      now: '2026-03-01',
      perDay: null,
      basis: 'none',
      used: 2,
    },
    {
      name: 'ignores a reading that goes backwards (a typo)',
      readings: [odo('2026-01-01', 10_000), odo('2026-01-31', 12_400), odo('2026-02-10', 1_240)],
      now: '2026-02-10',
      perDay: 80,
      basis: 'window',
      used: 2,
    },
    {
      name: 'lets a correction supersede the higher typo before it',
      readings: [odo('2026-01-01', 10_000), odo('2026-01-20', 124_000), odo('2026-01-31', 12_400, true)],
      now: '2026-02-10',
      perDay: 80,
      basis: 'window',
      used: 2,
    },
    {
      name: 'ignores readings dated after now',
      readings: [odo('2026-01-01', 10_000), odo('2026-01-31', 12_400), odo('2026-06-01', 99_999)],
      now: '2026-02-01',
      perDay: 80,
      basis: 'window',
      used: 2,
    },
    {
      name: 'measures zero for an asset standing still',
      readings: [odo('2026-01-01', 57_000), odo('2026-03-01', 57_000)],
      now: '2026-03-01',
      perDay: 0,
      basis: 'window',
      used: 2,
    },
  ])('$name', ({ readings, now, options, perDay, basis, used }) => {
    const estimate = estimateDailyUsage(readings, day(now), options);
    expect(estimate.perDay).toBe(perDay);
    expect(estimate.basis).toBe(basis);
    expect(estimate.used).toHaveLength(used);
  });

  it('keeps the readings oldest first whatever the input order', () => {
    const readings = [odo('2026-02-01', 13_000), odo('2026-01-01', 10_000), odo('2026-01-15', 11_000)];
    expect(dropInconsistentReadings(readings, day('2026-03-01')).map((r) => r.value)).toEqual([
      10_000, 11_000, 13_000,
    ]);
  });
});

describe('addUtcMonths', () => {
  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(isoDay(addUtcMonths(day(from), months))).toBe(expected);
  });
});

describe('projectDue', () => {
  it.each<{
    name: string;
    plan: MaintenancePlan;
    lastService: LastService;
    readings: MeterReading[];
    now: string;
    options?: ProjectionOptions;
    expected: Expected;
  }>([
    {
      name: 'km-based: 50 km/day, 7,000 km to go → in 140 days',
      plan: { intervalKm: 10_000 },
      lastService: { at: day('2026-01-01'), km: 50_000 },
      readings: [odo('2026-03-02', 53_000)],
      now: '2026-03-02',
      expected: {
        dueAt: '2026-07-20',
        reason: 'distance',
        currentEstimate: 53_000,
        dueValue: 60_000,
        status: 'ok',
        confidence: 'measured',
      },
    },
    {
      name: 'time-based: 6 calendar months after the service',
      plan: { intervalMonths: 6 },
      lastService: { at: day('2026-01-15') },
      readings: [],
      now: '2026-03-01',
      expected: { dueAt: '2026-07-15', reason: 'time', status: 'ok', confidence: 'time_only' },
    },
    {
      name: 'whichever first, the distance wins for a car used 100 km/day',
      plan: OIL,
      lastService: { at: day('2026-01-01'), km: 50_000 },
      readings: [odo('2026-01-01', 50_000), odo('2026-03-02', 56_000)],
      now: '2026-03-02',
      expected: {
        dueAt: '2026-04-11',
        reason: 'distance',
        currentEstimate: 56_000,
        dueValue: 60_000,
        status: 'ok',
        confidence: 'measured',
      },
    },
    {
      name: 'whichever first, the time wins for a car used 10 km/day',
      plan: OIL,
      lastService: { at: day('2026-01-01'), km: 50_000 },
      readings: [odo('2026-01-01', 50_000), odo('2026-03-02', 50_600)],
      now: '2026-03-02',
      expected: { dueAt: '2026-07-01', reason: 'time', status: 'ok', confidence: 'measured' },
    },
    {
      name: 'hour meter: 4 h/day, 130 h to go → in 33 days (rounded up)',
      plan: { intervalHours: 250 },
      lastService: { at: day('2026-01-01'), hours: 1_000 },
      readings: [hm('2026-01-31', 1_120)],
      now: '2026-01-31',
      expected: {
        dueAt: '2026-03-05',
        reason: 'hours',
        currentEstimate: 1_120,
        dueValue: 1_250,
        status: 'ok',
        confidence: 'measured',
      },
    },
    {
      name: 'hour meter, whichever first: 8 h/day reaches 1,000 h before 12 months',
      plan: { intervalHours: 1_000, intervalMonths: 12 },
      lastService: { at: day('2026-01-01'), hours: 1_000 },
      readings: [hm('2026-02-20', 1_400)],
      now: '2026-02-20',
      expected: {
        dueAt: '2026-05-06',
        reason: 'hours',
        currentEstimate: 1_400,
        dueValue: 2_000,
        status: 'ok',
        confidence: 'measured',
      },
    },
    {
      name: 'hour meter, whichever first: 12 months come before 1,000 h at 0.4 h/day',
      plan: { intervalHours: 1_000, intervalMonths: 12 },
      lastService: { at: day('2026-01-01'), hours: 1_000 },
      readings: [hm('2026-02-20', 1_020)],
      now: '2026-02-20',
      expected: { dueAt: '2027-01-01', reason: 'time', status: 'ok', confidence: 'measured' },
    },
    {
      name: 'no readings: the distance falls back to the time',
      plan: OIL,
      lastService: { at: day('2026-01-01'), km: 50_000 },
      readings: [],
      now: '2026-03-01',
      expected: { dueAt: '2026-07-01', reason: 'time', status: 'ok', confidence: 'time_only' },
    },
    {
      name: 'no readings and no time interval: no due date',
      plan: { intervalKm: 10_000 },
      lastService: { at: day('2026-01-01') },
      readings: [],
      now: '2026-03-01',
      expected: { dueAt: null, reason: 'distance', status: 'ok', confidence: 'time_only' },
    },
    {
      name: 'a single reading, never served: time from the registration',
      plan: OIL,
      lastService: null,
      readings: [odo('2025-12-01', 40_000)],
      now: '2026-03-01',
      options: { registeredAt: day('2025-12-01') },
      expected: { dueAt: '2026-06-01', reason: 'time', status: 'ok', confidence: 'time_only' },
    },
    {
      name: 'never served, no readings: an appliance counts from its registration',
      plan: { intervalMonths: 12 },
      lastService: null,
      readings: [],
      now: '2026-03-01',
      options: { registeredAt: day('2025-11-30') },
      expected: { dueAt: '2026-11-30', reason: 'time', status: 'ok', confidence: 'time_only' },
    },
    {
      name: 'never served: the distance counts from the first reading',
      plan: { intervalKm: 10_000 },
      lastService: null,
      readings: [odo('2026-01-01', 40_000), odo('2026-01-31', 43_000)],
      now: '2026-01-31',
      expected: {
        dueAt: '2026-04-11',
        reason: 'distance',
        currentEstimate: 43_000,
        dueValue: 50_000,
        status: 'ok',
        confidence: 'measured',
      },
    },
    {
      name: 'a service without km takes the reading on or before its day as the base',
      plan: { intervalKm: 10_000 },
      lastService: { at: day('2026-01-01') },
      readings: [odo('2026-01-01', 50_000), odo('2026-03-02', 56_000)],
      now: '2026-03-02',
      expected: {
        dueAt: '2026-04-11',
        reason: 'distance',
        currentEstimate: 56_000,
        dueValue: 60_000,
        status: 'ok',
        confidence: 'measured',
      },
    },
    {
      name: 'a reading going backwards is ignored',
      plan: OIL,
      lastService: { at: day('2026-01-01'), km: 50_000 },
      readings: [odo('2026-01-31', 53_000), odo('2026-02-15', 5_300), odo('2026-03-02', 56_000)],
      now: '2026-03-02',
      expected: {
        dueAt: '2026-04-11',
        reason: 'distance',
        currentEstimate: 56_000,
        dueValue: 60_000,
        status: 'ok',
        confidence: 'measured',
      },
    },
    {
      name: 'a car standing still for months: usage 0, the time wins',
      plan: { intervalKm: 10_000, intervalMonths: 12 },
      lastService: { at: day('2025-06-01'), km: 50_000 },
      readings: [odo('2025-09-01', 57_000), odo('2025-11-01', 57_000), odo('2026-03-01', 57_000)],
      now: '2026-03-01',
      expected: { dueAt: '2026-06-01', reason: 'time', status: 'ok', confidence: 'measured' },
    },
    {
      name: 'a car standing still with a distance-only plan: no due date',
      plan: { intervalKm: 10_000 },
      lastService: { at: day('2025-06-01'), km: 50_000 },
      readings: [odo('2025-11-01', 57_000), odo('2026-03-01', 57_000)],
      now: '2026-03-01',
      expected: { dueAt: null, reason: 'distance', status: 'ok', confidence: 'measured' },
    },
    {
      name: 'overdue by distance: the latest reading already passed the due km',
      plan: OIL,
      lastService: { at: day('2026-01-01'), km: 50_000 },
      readings: [odo('2026-02-01', 55_000), odo('2026-03-01', 60_500)],
      now: '2026-03-01',
      expected: {
        dueAt: '2026-03-01',
        reason: 'distance',
        currentEstimate: 60_500,
        dueValue: 60_000,
        status: 'overdue',
        confidence: 'measured',
      },
    },
    {
      name: 'due soon by the distance estimated since the latest reading',
      plan: OIL,
      lastService: { at: day('2026-01-01'), km: 50_000 },
      readings: [odo('2026-01-31', 53_000)],
      now: '2026-03-31',
      expected: {
        dueAt: '2026-04-11',
        reason: 'distance',
        currentEstimate: 58_900,
        dueValue: 60_000,
        status: 'due_soon',
        confidence: 'measured',
      },
    },
    {
      name: 'overdue by the distance estimated since the latest reading',
      plan: OIL,
      lastService: { at: day('2026-01-01'), km: 50_000 },
      readings: [odo('2026-01-31', 53_000)],
      now: '2026-04-20',
      expected: {
        dueAt: '2026-04-11',
        reason: 'distance',
        currentEstimate: 60_900,
        dueValue: 60_000,
        status: 'overdue',
        confidence: 'measured',
      },
    },
    {
      name: 'overdue by time',
      plan: { intervalMonths: 6 },
      lastService: { at: day('2025-08-01') },
      readings: [],
      now: '2026-03-01',
      expected: { dueAt: '2026-02-01', reason: 'time', status: 'overdue', confidence: 'time_only' },
    },
    {
      name: 'month-end clamping: Jan 31 + 1 month = Feb 28',
      plan: { intervalMonths: 1 },
      lastService: { at: day('2026-01-31') },
      readings: [],
      now: '2026-01-31',
      expected: { dueAt: '2026-02-28', reason: 'time', status: 'ok', confidence: 'time_only' },
    },
    {
      name: 'leap year: Aug 31 2027 + 6 months = Feb 29 2028',
      plan: { intervalMonths: 6 },
      lastService: { at: day('2027-08-31') },
      readings: [],
      now: '2027-09-01',
      expected: { dueAt: '2028-02-29', reason: 'time', status: 'ok', confidence: 'time_only' },
    },
    {
      name: 'a time of day in the inputs is dropped (whole UTC days)',
      plan: { intervalMonths: 1 },
      lastService: { at: new Date('2026-01-31T23:59:00.000Z') },
      readings: [],
      now: '2026-01-31',
      expected: { dueAt: '2026-02-28', reason: 'time', status: 'ok', confidence: 'time_only' },
    },
  ])('$name', ({ plan, lastService, readings, now, options, expected }) => {
    expect(summarize(projectDue(plan, lastService, readings, day(now), options))).toEqual(expected);
  });

  it.each<{ now: string; leadDays?: number; status: DueProjection['status'] }>([
    { now: '2026-06-30', status: 'ok' },
    { now: '2026-07-01', status: 'due_soon' },
    { now: '2026-06-30', leadDays: 30, status: 'due_soon' },
    { now: '2026-07-15', status: 'due_soon' },
    { now: '2026-07-16', status: 'overdue' },
  ])('due on 2026-07-15, on $now (lead days: $leadDays): $status', ({ now, leadDays, status }) => {
    const projection = projectDue({ intervalMonths: 6 }, { at: day('2026-01-15') }, [], day(now), {
      ...(leadDays === undefined ? {} : { leadDays }),
    });
    expect(projection.status).toBe(status);
  });

  it.each<MaintenancePlan>([
    {},
    { intervalKm: 0 },
    { intervalMonths: -1 },
  ])('refuses a plan without a positive interval: %o', (plan) => {
    expect(() => projectDue(plan, null, [], day('2026-01-01'))).toThrow(RangeError);
  });
});

describe('nextReminderAt', () => {
  const due = { dueAt: day('2026-06-30') };

  // due 2026-06-30 with the default 14-day lead: the first reminder is on 2026-06-16
  it.each<[string, ReminderFrequency, string | null, string, string | null, number?]>([
    ['none: never', 'none', null, '2026-06-20', null],
    ['first: 14 days before the due date', 'monthly', null, '2026-05-01', '2026-06-16'],
    ['first, with a 30-day lead', 'monthly', null, '2026-05-01', '2026-05-31', 30],
    ['first, owed in the past: today', 'annual', null, '2026-07-10', '2026-07-10'],
    ['monthly: a month after the last', 'monthly', '2026-06-16', '2026-06-20', '2026-07-16'],
    ['quarterly: 3 months after the last', 'quarterly', '2026-06-16', '2026-06-20', '2026-09-16'],
    ['semiannual: 6 months after the last', 'semiannual', '2026-06-16', '2026-06-20', '2026-12-16'],
    ['annual: a year after the last', 'annual', '2026-06-16', '2026-06-20', '2027-06-16'],
    ['not repeated the day before its month is up', 'monthly', '2026-06-16', '2026-07-15', '2026-07-16'],
    ['repeated on the day its month is up', 'monthly', '2026-06-16', '2026-07-16', '2026-07-16'],
    ['an earlier cycle still spaces the next one', 'quarterly', '2026-05-01', '2026-06-20', '2026-08-01'],
  ])('%s', (_name, frequency, lastRemindedAt, now, expected, leadDays) => {
    const last = lastRemindedAt ? day(lastRemindedAt) : null;
    const at = nextReminderAt(due, frequency, last, day(now), leadDays === undefined ? {} : { leadDays });
    expect(isoDay(at)).toBe(expected);
  });

  it('clamps the monthly repeat at month end', () => {
    const at = nextReminderAt({ dueAt: day('2026-02-10') }, 'monthly', day('2026-01-31'), day('2026-02-01'));
    expect(isoDay(at)).toBe('2026-02-28');
  });

  it('sends nothing for a plan that cannot be dated', () => {
    expect(nextReminderAt({ dueAt: null }, 'monthly', null, day('2026-06-20'))).toBeNull();
  });

  it('sends each reminder once a day-run, and stops once the plan is served', () => {
    const readings = [odo('2026-01-01', 50_000), odo('2026-03-02', 56_000)];
    const served = { at: day('2026-01-01'), km: 50_000 };
    const sent: string[] = [];
    let lastRemindedAt: Date | null = null;
    let lastService: LastService = served;
    // a daily job from March to the end of June; the car is serviced on May 10 at 62,000 km
    for (let now = day('2026-03-01'); now <= day('2026-06-30'); now = new Date(now.getTime() + 86_400_000)) {
      if (isoDay(now) === '2026-05-10') lastService = { at: now, km: 62_000 };
      const due = projectDue(OIL, lastService, readings, now);
      const at = nextReminderAt(due, 'monthly', lastRemindedAt, now);
      if (at && at <= now) {
        sent.push(isoDay(now)!);
        lastRemindedAt = now;
      }
    }
    // due 2026-04-11 → first on 03-28, again a month later, then none: served, next due in late August
    expect(sent).toEqual(['2026-03-28', '2026-04-28']);
  });
});

describe('maintenance templates', () => {
  it.each(ASSET_KINDS)('offers at least one plan for a %s', (kind) => {
    expect(listMaintenanceTemplates(kind).length).toBeGreaterThan(0);
  });

  it.each(
    MAINTENANCE_TEMPLATES.map((t) => [t.key, t] as const),
  )('%s is named in every locale and projects', (_key, template) => {
    for (const locale of LOCALES) expect(template.names[locale].trim()).not.toBe('');
    const readings = [
      odo('2026-01-01', 0),
      odo('2026-01-31', 3_000),
      hm('2026-01-01', 0),
      hm('2026-01-31', 240),
    ];
    const served = { at: day('2026-01-01'), km: 0, hours: 0 };
    const projection = projectDue(template.plan, served, readings, day('2026-01-31'));
    expect(projection.dueAt).not.toBeNull();
  });

  it('has unique keys and finds a template by key', () => {
    const keys = MAINTENANCE_TEMPLATES.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findMaintenanceTemplate('vehicle.oil_change')?.plan).toEqual({
      intervalKm: 10_000,
      intervalMonths: 6,
    });
    expect(findMaintenanceTemplate('unknown')).toBeUndefined();
  });
});
