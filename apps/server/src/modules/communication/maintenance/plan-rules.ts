import type { AssetKind, MaintenancePlan, ReadingKind } from '@bancada/shared';
import { AppError } from '../../../platform/errors.js';
import type { MessageKey } from '../../../platform/i18n.js';
import {
  type DueProjection,
  type LastService,
  type MeterReading,
  nextReminderAt,
  projectDue,
  type ReminderFrequency,
} from '../maintenance-projection.js';
import type { MaintenancePlanRow } from './maintenance.repo.js';

/** Days before the due date that count as due soon and send the first reminder. */
export const REMINDER_LEAD_DAYS = 14;
/** A customer who never chose a frequency is reminded at most once a month while a plan stays due. */
export const DEFAULT_REMINDER_FREQUENCY: ReminderFrequency = 'monthly';

/**
 * An asset's latest finished order (repairs' latestFinishedOnAssets): `catalogId` null for the latest
 * of all, else the latest with a line of that catalog service.
 */
export type FinishedOrderOnAsset = {
  assetId: string;
  catalogId: string | null;
  repairId: string;
  finishedAt: Date;
  odometerKm: number | null;
  hourMeter: number | null;
};

export type Intervals = {
  intervalKm: number | null;
  intervalHours: number | null;
  intervalMonths: number | null;
};

/** A 400 in seed 004's format naming the field. */
export function invalidField(field: string, key: MessageKey): AppError {
  return new AppError('VALIDATION', 'validation.failed', {}, { [field]: key });
}

/**
 * At least one interval, and only the meters the asset has: km for a vehicle, hours for a machine
 * (an appliance's plan is by months alone).
 */
export function assertIntervals(intervals: Intervals, kind: AssetKind): void {
  const { intervalKm, intervalHours, intervalMonths } = intervals;
  if (intervalKm === null && intervalHours === null && intervalMonths === null)
    throw invalidField('intervalKm', 'maintenance.interval_required');
  if (intervalKm !== null && kind !== 'vehicle')
    throw invalidField('intervalKm', 'maintenance.interval_no_meter');
  if (intervalHours !== null && kind !== 'machine')
    throw invalidField('intervalHours', 'maintenance.interval_no_meter');
}

/** The reading kinds as the projection reads them, from the asset's readings. */
export function toMeterReadings(
  readings: readonly { kind: ReadingKind; value: number; readAt: Date | string; correction: boolean }[],
): MeterReading[] {
  return readings.map((r) => ({
    at: new Date(r.readAt),
    value: r.value,
    kind: r.kind,
    ...(r.correction ? { correction: true } : {}),
  }));
}

export type ServedBy = { at: Date; km: number | null; hours: number | null; repairId: string };

/**
 * The order that may serve the plan, among the asset's latest finished orders: for a plan made from a
 * service line, the latest with a line of that catalog service; for any other plan (a template's, one
 * written by hand), the latest of all.
 */
export function servingOrder(
  plan: Pick<MaintenancePlanRow, 'serviceId'>,
  orders: readonly FinishedOrderOnAsset[],
): FinishedOrderOnAsset | undefined {
  return orders.find((o) => o.catalogId === (plan.serviceId ?? null));
}

/** An order finished after the plan's last service served it ("stops when served by a new order"). */
export function servedByOrder(
  plan: Pick<MaintenancePlanRow, 'lastServiceAt' | 'lastServiceRepairId'>,
  order: FinishedOrderOnAsset | undefined,
): ServedBy | null {
  if (!order || order.repairId === plan.lastServiceRepairId) return null;
  if (plan.lastServiceAt && order.finishedAt.getTime() <= plan.lastServiceAt.getTime()) return null;
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    at: order.finishedAt,
    km: round(order.odometerKm),
    hours: round(order.hourMeter),
    repairId: order.repairId,
  };
}

export type Evaluation = {
  projection: DueProjection;
  reminderAt: Date | null;
  served: ServedBy | null;
};

/** The plan's projection and next reminder, with a newer finished order taken as its last service. */
export function evaluatePlan(
  plan: MaintenancePlanRow,
  facts: {
    readings: readonly MeterReading[];
    /** the asset's latest finished orders: of all, and per catalog service (servingOrder) */
    finishedOrders: readonly FinishedOrderOnAsset[];
    frequency: ReminderFrequency;
    now: Date;
  },
): Evaluation {
  const served = servedByOrder(plan, servingOrder(plan, facts.finishedOrders));
  const last: LastService = served
    ? { at: served.at, ...optional('km', served.km), ...optional('hours', served.hours) }
    : plan.lastServiceAt
      ? {
          at: plan.lastServiceAt,
          ...optional('km', plan.lastServiceKm),
          ...optional('hours', plan.lastServiceHours),
        }
      : null;
  const projection = projectDue(
    {
      ...optional('intervalKm', plan.intervalKm),
      ...optional('intervalHours', plan.intervalHours),
      ...optional('intervalMonths', plan.intervalMonths),
    },
    last,
    facts.readings,
    facts.now,
    // a plan always starts with a last service; its creation stands in should one be missing
    { leadDays: REMINDER_LEAD_DAYS, registeredAt: plan.createdAt },
  );
  const reminderAt = plan.active
    ? nextReminderAt(projection, facts.frequency, plan.lastRemindedAt, facts.now, {
        leadDays: REMINDER_LEAD_DAYS,
      })
    : null;
  return { projection, reminderAt, served };
}

function optional<K extends string>(key: K, value: number | null): Partial<Record<K, number>> {
  return value === null ? {} : ({ [key]: value } as Record<K, number>);
}

export function frequencyOf(preferences: unknown): ReminderFrequency {
  const value = (preferences as { reminderFrequency?: ReminderFrequency | null } | null)?.reminderFrequency;
  return value ?? DEFAULT_REMINDER_FREQUENCY;
}

/** The plan as the API shows it; an order that served it and the job has not stored yet shows already. */
export function toPlan(row: MaintenancePlanRow, evaluation: Evaluation): MaintenancePlan {
  const { projection, reminderAt, served } = evaluation;
  return {
    id: row.id,
    assetId: row.assetId,
    customerId: row.customerId,
    templateKey: row.templateKey,
    serviceId: row.serviceId,
    name: row.name,
    intervalKm: row.intervalKm,
    intervalHours: row.intervalHours,
    intervalMonths: row.intervalMonths,
    lastServiceAt: (served?.at ?? row.lastServiceAt)?.toISOString() ?? null,
    lastServiceKm: served ? served.km : row.lastServiceKm,
    lastServiceHours: served ? served.hours : row.lastServiceHours,
    lastServiceRepairId: served ? served.repairId : row.lastServiceRepairId,
    lastRemindedAt: row.lastRemindedAt?.toISOString() ?? null,
    nextReminderAt: reminderAt?.toISOString() ?? null,
    active: row.active,
    projection: {
      dueAt: projection.dueAt?.toISOString() ?? null,
      reason: projection.reason,
      status: row.active ? projection.status : 'ok',
      confidence: projection.confidence,
      currentEstimate: projection.currentEstimate ?? null,
      dueValue: projection.dueValue ?? null,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** The last-service columns of a plan served by an order. */
export function servedColumns(served: ServedBy) {
  return {
    lastServiceAt: served.at,
    lastServiceKm: served.km,
    lastServiceHours: served.hours,
    lastServiceRepairId: served.repairId,
  };
}

/** The columns that store the projection (the reminders list sorts and filters on them). */
export function projectionColumns(projection: DueProjection) {
  return { nextDueAt: projection.dueAt, dueReason: projection.dueAt ? projection.reason : null };
}
