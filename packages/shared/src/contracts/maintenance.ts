import { z } from 'zod';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { ASSET_KINDS } from './assets.js';
import { IsoDateTimeSchema } from './common.js';

/** Preventive maintenance plans and reminders (issue 14 §4). */

export const MAINTENANCE_DUE_REASONS = ['distance', 'hours', 'time'] as const;
export type MaintenanceDueReason = (typeof MAINTENANCE_DUE_REASONS)[number];
export const MAINTENANCE_DUE_STATUSES = ['ok', 'due_soon', 'overdue'] as const;
export type MaintenanceDueStatus = (typeof MAINTENANCE_DUE_STATUSES)[number];
/** time_only: no odometer or hour-meter criterion could be measured, the date rests on the calendar */
export const MAINTENANCE_CONFIDENCES = ['measured', 'time_only'] as const;
export type MaintenanceConfidence = (typeof MAINTENANCE_CONFIDENCES)[number];
/** The statuses the reminders list shows (a plan that is "ok" is not due). */
export const MAINTENANCE_REMINDER_STATUSES = ['due_soon', 'overdue'] as const;
export type MaintenanceReminderStatus = (typeof MAINTENANCE_REMINDER_STATUSES)[number];

const interval = z.number().int().positive().max(10_000_000);
const meter = z.number().int().min(0).max(100_000_000);

export const MaintenanceTemplateQuerySchema = z.object({ assetKind: z.enum(ASSET_KINDS).optional() });
export type MaintenanceTemplateQuery = z.infer<typeof MaintenanceTemplateQuerySchema>;

export const MaintenanceTemplateSchema = z
  .object({
    key: z.string(),
    assetKind: z.enum(ASSET_KINDS),
    /** in the request's language */
    name: z.string(),
    intervalKm: z.number().int().nullable(),
    intervalHours: z.number().int().nullable(),
    intervalMonths: z.number().int().nullable(),
  })
  .meta({ id: 'MaintenanceTemplate' });
export type MaintenanceTemplate = z.infer<typeof MaintenanceTemplateSchema>;
export const MaintenanceTemplateListSchema = z.array(MaintenanceTemplateSchema);
export type MaintenanceTemplateList = z.infer<typeof MaintenanceTemplateListSchema>;

export const MaintenanceProjectionSchema = z.object({
  /** null: the plan cannot be dated yet (no readings and no time interval, or an asset not in use) */
  dueAt: IsoDateTimeSchema.nullable(),
  reason: z.enum(MAINTENANCE_DUE_REASONS),
  status: z.enum(MAINTENANCE_DUE_STATUSES),
  confidence: z.enum(MAINTENANCE_CONFIDENCES),
  /** the meter's estimated value today (km or hours), for a distance or hours reason */
  currentEstimate: z.number().nullable(),
  /** the meter value at which the plan is due */
  dueValue: z.number().nullable(),
});
export type MaintenanceProjection = z.infer<typeof MaintenanceProjectionSchema>;

export const MaintenancePlanSchema = z
  .object({
    id: z.uuid(),
    assetId: z.uuid(),
    customerId: z.uuid(),
    templateKey: z.string().nullable(),
    /** the catalog service it follows: only an order with a line of it serves the plan */
    serviceId: z.uuid().nullable(),
    name: z.string(),
    intervalKm: z.number().int().nullable(),
    intervalHours: z.number().int().nullable(),
    intervalMonths: z.number().int().nullable(),
    lastServiceAt: IsoDateTimeSchema.nullable(),
    lastServiceKm: z.number().int().nullable(),
    lastServiceHours: z.number().int().nullable(),
    /** the service order that last served the plan */
    lastServiceRepairId: z.uuid().nullable(),
    lastRemindedAt: IsoDateTimeSchema.nullable(),
    /** when the next reminder goes out (null: never, e.g. the customer asked for none) */
    nextReminderAt: IsoDateTimeSchema.nullable(),
    active: z.boolean(),
    projection: MaintenanceProjectionSchema,
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'MaintenancePlan' });
export type MaintenancePlan = z.infer<typeof MaintenancePlanSchema>;
export const MaintenancePlanListSchema = z.array(MaintenancePlanSchema);
export type MaintenancePlanList = z.infer<typeof MaintenancePlanListSchema>;

/** The last service: when, and the odometer or hour meter then (default: now and the latest reading). */
export const MaintenanceServiceSchema = z.object({
  at: IsoDateTimeSchema.optional(),
  km: meter.nullish(),
  hours: meter.nullish(),
});
export type MaintenanceService = z.input<typeof MaintenanceServiceSchema>;

/**
 * The last service of a new plan; `repairId`: the order that did it (on this asset), whose finish (or
 * now, while it is open) and meter reading stand for what is not given.
 */
export const MaintenancePlanServiceSchema = MaintenanceServiceSchema.extend({
  repairId: z.uuid().optional(),
});

/**
 * From a template (its name and intervals, each overridable) or by hand: a name and at least one
 * interval (the service answers 400 naming `intervalKm` when none is given). `serviceId`: a service of
 * the organization's catalog (an order's service line): only orders with a line of it serve the plan.
 */
export const MaintenancePlanCreateSchema = z.object({
  templateKey: z.string().trim().min(1).max(100).optional(),
  serviceId: z.uuid().optional(),
  name: z.string().trim().min(1).max(120).optional(),
  intervalKm: interval.nullish(),
  intervalHours: interval.nullish(),
  intervalMonths: z.number().int().positive().max(240).nullish(),
  lastService: MaintenancePlanServiceSchema.optional(),
});
export type MaintenancePlanCreate = z.input<typeof MaintenancePlanCreateSchema>;

/** Edit the intervals, mark the plan served (`served`), or deactivate it (`active: false`). */
export const MaintenancePlanUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    intervalKm: interval.nullish(),
    intervalHours: interval.nullish(),
    intervalMonths: z.number().int().positive().max(240).nullish(),
    active: z.boolean().optional(),
    served: MaintenanceServiceSchema.optional(),
  })
  .strict();
export type MaintenancePlanUpdate = z.input<typeof MaintenancePlanUpdateSchema>;

export const MaintenanceReminderQuerySchema = PaginationQuerySchema.extend({
  status: z.enum(MAINTENANCE_REMINDER_STATUSES).optional(),
});
export type MaintenanceReminderQuery = z.input<typeof MaintenanceReminderQuerySchema>;

export const MaintenanceReminderSchema = z
  .object({
    planId: z.uuid(),
    planName: z.string(),
    assetId: z.uuid(),
    assetName: z.string(),
    assetKind: z.enum(ASSET_KINDS),
    customerId: z.uuid(),
    customerName: z.string(),
    dueAt: IsoDateTimeSchema,
    dueReason: z.enum(MAINTENANCE_DUE_REASONS),
    status: z.enum(MAINTENANCE_REMINDER_STATUSES),
    lastRemindedAt: IsoDateTimeSchema.nullable(),
  })
  .meta({ id: 'MaintenanceReminder' });
export type MaintenanceReminder = z.infer<typeof MaintenanceReminderSchema>;
export const MaintenanceReminderPageSchema = pageOf(MaintenanceReminderSchema).meta({
  id: 'MaintenanceReminderPage',
});
export type MaintenanceReminderPage = z.infer<typeof MaintenanceReminderPageSchema>;
