import { z } from 'zod';
import { MoneySchema } from '../money.js';
import { CursorQuerySchema, cursorPageOf, PaginationQuerySchema, pageOf } from '../pagination.js';
import { REPAIR_STATUSES } from '../repair-status.js';
import { textParam } from '../text.js';
import { APPLIANCE_TYPES, ASSET_KINDS, VOLTAGES } from './assets.js';
import { emptyToNull } from './common.js';
import { ConversationLiveEventSchema } from './communication.js';
import { ComponentIdSchema, PositiveQuantitySchema } from './inventory.js';

export const SERVICE_TYPES = [
  'REPAIR',
  'PREVENTIVE_MAINTENANCE',
  'DIAGNOSIS',
  'INSPECTION',
  'WARRANTY_RETURN',
  'INSTALLATION',
  'OTHER',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const REPAIR_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export type RepairPriority = (typeof REPAIR_PRIORITIES)[number];

/** The fuel gauge at intake, as the attendant reads it. */
export const FUEL_LEVELS = ['EMPTY', 'QUARTER', 'HALF', 'THREE_QUARTERS', 'FULL'] as const;
export type FuelLevel = (typeof FUEL_LEVELS)[number];

/**
 * A line's answer on the estimate: null while no estimate has covered it (new, or changed after an
 * approval), then pending / approved / declined. Declined lines stay as recommendations and do not
 * count in the totals.
 */
export const LINE_APPROVALS = ['pending', 'approved', 'declined'] as const;
export type LineApproval = (typeof LINE_APPROVALS)[number];

/** Where a part line's quantity sits in the stock ledger. */
export const PART_STOCK_STATES = ['reserved', 'consumed', 'released'] as const;
export type PartStockState = (typeof PART_STOCK_STATES)[number];

export const LINE_TYPES = ['appliance', 'service', 'part'] as const;
export type LineType = (typeof LINE_TYPES)[number];

/** The review checklist before the final approval (seed 000 §3.1). */
export const CHECKLIST_ITEMS = ['work_done', 'parts_as_planned', 'tested', 'asset_clean'] as const;
export type ChecklistItemKey = (typeof CHECKLIST_ITEMS)[number];

/** Legal minimum warranty on services for durable goods (CDC art. 26). */
export const DEFAULT_WARRANTY_DAYS = 90;
/** Quotes are valid 10 days unless stated otherwise (CDC art. 40). */
export const DEFAULT_ESTIMATE_VALIDITY_DAYS = 10;

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => emptyToNull(z.string().trim().max(max).nullish());

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** seed 004: "ISO 8601 ou YYYY-MM-DD"; a bare date is that day at 00:00 UTC. */
export function parseApiDate(value: string): Date | null {
  if (DATE_ONLY.test(value)) {
    const d = new Date(`${value}T00:00:00.000Z`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : d;
  }
  if (!ISO_DATE_TIME.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A date as the API receives it; becomes a Date. */
export const ApiDateSchema = z
  .string({ error: (issue) => (issue.input === undefined ? undefined : 'validation.date') })
  .trim()
  .max(40, { message: 'validation.date' })
  .refine((v) => parseApiDate(v) !== null, { message: 'validation.date' })
  .transform((v) => parseApiDate(v) as Date);
export type ApiDate = z.infer<typeof ApiDateSchema>;

// a few minutes of clock difference between the counter's device and the server are not "future"
const CLOCK_SKEW_MS = 5 * 60_000;

export const ReceivedAtSchema = z
  .string({
    error: (issue) => (issue.input === undefined ? 'validation.received_at_required' : 'validation.date'),
  })
  .trim()
  .min(1, { message: 'validation.received_at_required' })
  .max(40, { message: 'validation.date' })
  .refine((v) => parseApiDate(v) !== null, { message: 'validation.date' })
  .transform((v) => parseApiDate(v) as Date)
  .refine((d) => d.getTime() <= Date.now() + CLOCK_SKEW_MS, { message: 'validation.received_at_future' });
export type ReceivedAt = z.infer<typeof ReceivedAtSchema>;

const WarrantyDaysSchema = z.number().int().min(0).max(3650);
const HoursSchema = z
  .number()
  .min(0, { message: 'validation.hours_negative' })
  .max(10_000, { message: 'validation.hours_too_large' })
  .refine((v) => Number(v.toFixed(2)) === v, { message: 'validation.hours_decimals' });

/** seed 004's appliance object, plus what a shop needs to plan the work. */
export const RepairApplianceInputSchema = z.object({
  /** an existing line, kept on PATCH (absent: a new line) */
  id: z.uuid().optional(),
  type: z.enum(APPLIANCE_TYPES, {
    error: (issue) => (issue.input === undefined ? 'validation.required' : 'validation.appliance_type'),
  }),
  brand: optionalText(80),
  model: optionalText(120),
  voltage: emptyToNull(z.enum(VOLTAGES, { error: () => 'validation.voltage' }).nullish()),
  serial: optionalText(80),
  customerNote: optionalText(2000),
  /** seed 004 rule 3: every appliance carries its own labor value */
  laborValue: MoneySchema,
  estimatedHours: HoursSchema.nullish(),
  warrantyDays: WarrantyDaysSchema.optional(),
});
export type RepairApplianceInput = z.input<typeof RepairApplianceInputSchema>;

export const RepairPartInputSchema = z.object({
  componentId: ComponentIdSchema,
  quantity: PositiveQuantitySchema,
  warrantyDays: WarrantyDaysSchema.optional(),
});
export type RepairPartInput = z.input<typeof RepairPartInputSchema>;

/** A labor line, from the service catalog (a "canned job") or typed in. */
export const RepairServiceInputSchema = z
  .object({
    id: z.uuid().optional(),
    catalogId: z.uuid().nullish(),
    description: text(300).optional(),
    /** standard hours; from the catalog when omitted */
    hours: HoursSchema.optional(),
    /** price of the line; from the catalog (or hours × the shop's rate) when omitted */
    price: MoneySchema.optional(),
    technicianId: z.uuid().nullish(),
    warrantyDays: WarrantyDaysSchema.optional(),
  })
  .refine((v) => v.catalogId || (v.description && v.description.length > 0), {
    message: 'validation.required',
    path: ['description'],
  });
export type RepairServiceInput = z.input<typeof RepairServiceInputSchema>;

const ACCESSORIES = z.array(z.string().trim().min(1).max(120)).max(50);

/** Everything of an order that is not a line; shared by create and update. */
const orderFields = {
  nf: optionalText(60),
  returnGuarantee: z.boolean(),
  fabricGuarantee: z.boolean(),
  discount: MoneySchema,
  deadline: emptyToNull(ApiDateSchema.nullish()),
  /** seed 004: the customer's words about the problem (the reported problem) */
  serviceDescription: text(5000),
  /** seed 004: the technician's notes */
  notes: text(5000),
  serviceType: z.enum(SERVICE_TYPES),
  priority: z.enum(REPAIR_PRIORITIES),
  condition: text(2000),
  accessories: ACCESSORIES,
  technicianId: z.uuid().nullish(),
};

/**
 * seed 004's POST /repairs body, to the letter, with the other verticals beside it: a vehicle or
 * machine `assetId` (with odometer / hour meter / fuel at intake) in place of or beside appliances.
 * `partsTotal`, `laborValue` and `totalValue` are never read from the client (the object strips them).
 */
export const RepairCreateSchema = z
  .object({
    userId: z.uuid({
      // an empty picker is a missing customer, said in words (issue 10), not a malformed id
      error: (issue) =>
        issue.input === undefined
          ? 'validation.required'
          : issue.input === ''
            ? 'validation.customer_required'
            : 'validation.uuid',
    }),
    appliances: z.array(RepairApplianceInputSchema).max(50).optional(),
    parts: z.array(RepairPartInputSchema).max(200).default([]),
    services: z.array(RepairServiceInputSchema).max(100).default([]),
    receivedAt: ReceivedAtSchema,
    /** required by seed 004 and kept verbatim; rule 7: an order always starts NAO_INICIADO */
    status: z.enum(REPAIR_STATUSES, {
      error: (issue) => (issue.input === undefined ? 'validation.required' : 'validation.status'),
    }),
    /** accepted and ignored: the server keeps updatedAt */
    updatedAt: z.string().max(40).optional(),
    assetId: z.uuid().nullish(),
    odometerKm: z.number().min(0).max(9_999_999).nullish(),
    hourMeter: z.number().min(0).max(9_999_999).nullish(),
    fuelLevel: z.enum(FUEL_LEVELS).nullish(),
    ...orderFields,
    nf: orderFields.nf,
    returnGuarantee: orderFields.returnGuarantee.default(false),
    fabricGuarantee: orderFields.fabricGuarantee.default(false),
    discount: orderFields.discount.default(0),
    serviceDescription: orderFields.serviceDescription.default(''),
    notes: orderFields.notes.default(''),
    serviceType: orderFields.serviceType.default('REPAIR'),
    priority: orderFields.priority.default('NORMAL'),
    condition: orderFields.condition.default(''),
    accessories: orderFields.accessories.default([]),
  })
  // seed 004 rule 2: at least one appliance, unless a vehicle or machine is the object of the order
  .refine((v) => Boolean(v?.assetId) || (Array.isArray(v?.appliances) && v.appliances.length > 0), {
    message: 'validation.appliances_min',
    path: ['appliances'],
    when: () => true,
  })
  .refine(
    (v) => !(v?.deadline instanceof Date && v?.receivedAt instanceof Date) || v.deadline >= v.receivedAt,
    { message: 'validation.deadline_before_received', path: ['deadline'], when: () => true },
  )
  .transform((v) => ({ ...v, appliances: v.appliances ?? [] }));
export type RepairCreate = z.input<typeof RepairCreateSchema>;
export type RepairCreateParsed = z.output<typeof RepairCreateSchema>;

/** PATCH: any order field; a line array given replaces the lines (existing ones by id / componentId). */
export const RepairUpdateSchema = z
  .object({
    ...orderFields,
    receivedAt: ReceivedAtSchema,
    appliances: z.array(RepairApplianceInputSchema).max(50),
    parts: z.array(RepairPartInputSchema).max(200),
    services: z.array(RepairServiceInputSchema).max(100),
  })
  .partial();
export type RepairUpdate = z.input<typeof RepairUpdateSchema>;

export const RepairTransitionSchema = z.object({
  status: z.enum(REPAIR_STATUSES, {
    error: (issue) => (issue.input === undefined ? 'validation.required' : 'validation.status'),
  }),
  note: optionalText(1000),
});
export type RepairTransition = z.input<typeof RepairTransitionSchema>;

export const ChecklistUpdateSchema = z.object({
  items: z
    .array(z.object({ key: z.enum(CHECKLIST_ITEMS), done: z.boolean(), note: optionalText(500) }))
    .min(1)
    .max(CHECKLIST_ITEMS.length),
});
export type ChecklistUpdate = z.input<typeof ChecklistUpdateSchema>;

export const RepairAssignSchema = z.object({ technicianId: z.uuid().nullable() });
export type RepairAssign = z.input<typeof RepairAssignSchema>;

export const REPAIR_SORTS = [
  '-receivedAt',
  'receivedAt',
  '-number',
  'deadline',
  '-updatedAt',
  'priority',
] as const;

const csvList = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(z.enum(values)).max(values.length),
  );

export const RepairListQuerySchema = CursorQuerySchema.extend({
  /** one status or several, comma-separated */
  status: csvList(REPAIR_STATUSES).optional(),
  customerId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  /** a technician's id, or `me` */
  technicianId: z.union([z.uuid(), z.literal('me')]).optional(),
  serviceType: z.enum(SERVICE_TYPES).optional(),
  priority: z.enum(REPAIR_PRIORITIES).optional(),
  /** received on or after / before (ISO 8601 or YYYY-MM-DD) */
  from: ApiDateSchema.optional(),
  to: ApiDateSchema.optional(),
  /** open (not finished, delivered or cancelled) orders only */
  open: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** number, customer name, plate, serial, problem */
  q: textParam(120).optional(),
  sort: z.enum(REPAIR_SORTS).default('-receivedAt'),
});
export type RepairListQuery = z.input<typeof RepairListQuerySchema>;

export const RepairApplianceSchema = z.object({
  id: z.uuid(),
  type: z.enum(APPLIANCE_TYPES),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  voltage: z.string().nullable(),
  serial: z.string().nullable(),
  customerNote: z.string().nullable(),
  laborValue: z.number(),
  estimatedHours: z.number().nullable(),
  warrantyDays: z.number().int(),
  /** the appliance as an asset of the customer (created or matched by serial) */
  assetId: z.uuid().nullable(),
  approval: z.enum(LINE_APPROVALS).nullable(),
});
export type RepairAppliance = z.infer<typeof RepairApplianceSchema>;

export const RepairPartSchema = z.object({
  id: z.uuid(),
  componentId: z.string(),
  name: z.string(),
  code: z.string(),
  unit: z.string(),
  quantity: z.number(),
  /** the component's price when the line was priced */
  unitValue: z.number(),
  /** seed 004 rule 6: quantity × component.price */
  totalValue: z.number(),
  warrantyDays: z.number().int(),
  stockState: z.enum(PART_STOCK_STATES),
  approval: z.enum(LINE_APPROVALS).nullable(),
});
export type RepairPart = z.infer<typeof RepairPartSchema>;

export const RepairServiceLineSchema = z.object({
  id: z.uuid(),
  catalogId: z.uuid().nullable(),
  description: z.string(),
  hours: z.number(),
  price: z.number(),
  technicianId: z.uuid().nullable(),
  technicianName: z.string().nullable(),
  warrantyDays: z.number().int(),
  approval: z.enum(LINE_APPROVALS).nullable(),
});
export type RepairServiceLine = z.infer<typeof RepairServiceLineSchema>;

export const ChecklistItemSchema = z.object({
  key: z.enum(CHECKLIST_ITEMS),
  done: z.boolean(),
  note: z.string().nullable(),
  doneBy: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const RepairAssetSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(ASSET_KINDS),
  label: z.string(),
  plate: z.string().nullable(),
  serial: z.string().nullable(),
});
export type RepairAssetSummary = z.infer<typeof RepairAssetSummarySchema>;

export const RepairSchema = z
  .object({
    id: z.uuid(),
    /** the order's number for people (per organization) */
    number: z.number().int(),
    /** seed 004: the customer's id */
    userId: z.uuid(),
    customerId: z.uuid(),
    customerName: z.string(),
    assetId: z.uuid().nullable(),
    asset: RepairAssetSummarySchema.nullable(),
    appliances: z.array(RepairApplianceSchema),
    parts: z.array(RepairPartSchema),
    services: z.array(RepairServiceLineSchema),
    nf: z.string().nullable(),
    returnGuarantee: z.boolean(),
    fabricGuarantee: z.boolean(),
    /** Σ part.totalValue (declined lines excluded) */
    partsTotal: z.number(),
    /** Σ appliance.laborValue + Σ service price (declined lines excluded) */
    laborValue: z.number(),
    discount: z.number(),
    /** partsTotal + laborValue − discount */
    totalValue: z.number(),
    receivedAt: z.string(),
    deadline: z.string().nullable(),
    serviceDescription: z.string(),
    notes: z.string(),
    status: z.enum(REPAIR_STATUSES),
    serviceType: z.enum(SERVICE_TYPES),
    priority: z.enum(REPAIR_PRIORITIES),
    condition: z.string(),
    accessories: z.array(z.string()),
    odometerKm: z.number().nullable(),
    hourMeter: z.number().nullable(),
    fuelLevel: z.enum(FUEL_LEVELS).nullable(),
    technicianId: z.uuid().nullable(),
    technicianName: z.string().nullable(),
    /** Σ estimated hours of appliances and service lines */
    estimatedHours: z.number(),
    /** hours measured by the technicians' timers */
    actualHours: z.number(),
    checklist: z.array(ChecklistItemSchema),
    /** the latest estimate's version and state, if one was sent */
    estimate: z.object({ version: z.number().int(), status: z.string(), validUntil: z.string() }).nullable(),
    /** a return within the warranty of an earlier order for the same asset */
    warrantyReturn: z.object({ repairId: z.uuid(), number: z.number().int() }).nullable(),
    warrantyUntil: z.string().nullable(),
    isOverdue: z.boolean(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Repair' });
export type Repair = z.infer<typeof RepairSchema>;

/**
 * The order as its CUSTOMER reads it (GET /repairs/{id} with a portal login; docs/api.md "The portal's
 * reads"): the staff-only fields are left out: internal notes, priority, the technicians, estimated and
 * measured hours, the review checklist, the overdue flag, and on the lines the inventory's component
 * ids and stock states, the catalog's ids and the technicians. Line codes, service hours and prices stay:
 * the customer's estimate shows them.
 */
export const CustomerRepairSchema = RepairSchema.pick({
  id: true,
  number: true,
  userId: true,
  customerId: true,
  customerName: true,
  assetId: true,
  asset: true,
  nf: true,
  returnGuarantee: true,
  fabricGuarantee: true,
  partsTotal: true,
  laborValue: true,
  discount: true,
  totalValue: true,
  receivedAt: true,
  deadline: true,
  serviceDescription: true,
  status: true,
  serviceType: true,
  condition: true,
  accessories: true,
  odometerKm: true,
  hourMeter: true,
  fuelLevel: true,
  estimate: true,
  warrantyReturn: true,
  warrantyUntil: true,
  approvedBy: true,
  approvedAt: true,
  finishedAt: true,
  deliveredAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
})
  .extend({
    appliances: z.array(RepairApplianceSchema.omit({ estimatedHours: true })),
    parts: z.array(RepairPartSchema.omit({ componentId: true, stockState: true })),
    services: z.array(
      RepairServiceLineSchema.omit({ catalogId: true, technicianId: true, technicianName: true }),
    ),
  })
  .meta({ id: 'CustomerRepair' });
export type CustomerRepair = z.infer<typeof CustomerRepairSchema>;
/** GET /repairs/{id}: the whole order for staff, the customer's view for a CUSTOMER. */
export const RepairOrCustomerViewSchema = z.union([RepairSchema, CustomerRepairSchema]);

/** A row of the list and the board: no lines. */
export const RepairSummarySchema = RepairSchema.pick({
  id: true,
  number: true,
  customerId: true,
  customerName: true,
  assetId: true,
  asset: true,
  status: true,
  serviceType: true,
  priority: true,
  technicianId: true,
  technicianName: true,
  totalValue: true,
  receivedAt: true,
  deadline: true,
  isOverdue: true,
  serviceDescription: true,
  warrantyReturn: true,
  estimate: true,
  updatedAt: true,
  version: true,
}).extend({
  /** appliance types of the order, for the card */
  applianceTypes: z.array(z.string()),
});
export type RepairSummary = z.infer<typeof RepairSummarySchema>;
export const RepairPageSchema = cursorPageOf(RepairSummarySchema).meta({ id: 'RepairPage' });
export type RepairPage = z.infer<typeof RepairPageSchema>;

export const REPAIR_EVENT_TYPES = [
  'created',
  'status',
  'updated',
  'assigned',
  'checklist',
  'estimate_sent',
  'estimate_decided',
  'photo',
  'timer_started',
  'timer_stopped',
] as const;
export type RepairEventType = (typeof REPAIR_EVENT_TYPES)[number];

export const RepairEventSchema = z.object({
  id: z.uuid(),
  type: z.enum(REPAIR_EVENT_TYPES),
  fromStatus: z.enum(REPAIR_STATUSES).nullable(),
  toStatus: z.enum(REPAIR_STATUSES).nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type RepairEvent = z.infer<typeof RepairEventSchema>;
export const RepairEventListSchema = z.object({ items: z.array(RepairEventSchema) });
export type RepairEventList = z.infer<typeof RepairEventListSchema>;

/** POST /repairs/:id/status and /assign answer the order and what deserves a second look. */
export const RepairWarningSchema = z.object({ code: z.string(), message: z.string() });
export type RepairWarning = z.infer<typeof RepairWarningSchema>;
export const RepairWithWarningsSchema = RepairSchema.extend({
  warnings: z.array(RepairWarningSchema),
});
export type RepairWithWarnings = z.infer<typeof RepairWithWarningsSchema>;

/** The details of a refused status change (409): the moves the actor may make now. */
export const TransitionRefusedDetailsSchema = z.object({ allowed: z.array(z.enum(REPAIR_STATUSES)) });
export type TransitionRefusedDetails = z.infer<typeof TransitionRefusedDetailsSchema>;

/** The details of a discount larger than the order's sum (422). */
export const DiscountTooLargeDetailsSchema = z.object({ discount: z.number(), subtotal: z.number() });
export type DiscountTooLargeDetails = z.infer<typeof DiscountTooLargeDetailsSchema>;

export const ServiceCatalogItemSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string().nullable(),
    /** a specialty the work needs, matched against technicians' specialties */
    specialty: z.string().nullable(),
    standardHours: z.number(),
    price: z.number(),
    warrantyDays: z.number().int(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ServiceCatalogItem' });
export type ServiceCatalogItem = z.infer<typeof ServiceCatalogItemSchema>;

const catalogFields = {
  code: z.string().trim().min(1, { message: 'validation.required' }).max(40),
  name: z.string().trim().min(1, { message: 'validation.required' }).max(160),
  description: text(2000),
  category: optionalText(80),
  specialty: optionalText(60),
  standardHours: HoursSchema,
  price: MoneySchema,
  warrantyDays: WarrantyDaysSchema,
  active: z.boolean(),
};
export const ServiceCatalogCreateSchema = z.object({
  ...catalogFields,
  description: catalogFields.description.default(''),
  standardHours: catalogFields.standardHours.default(1),
  warrantyDays: catalogFields.warrantyDays.default(DEFAULT_WARRANTY_DAYS),
  active: catalogFields.active.default(true),
});
export type ServiceCatalogCreate = z.input<typeof ServiceCatalogCreateSchema>;
export const ServiceCatalogUpdateSchema = z.object(catalogFields).partial();
export type ServiceCatalogUpdate = z.input<typeof ServiceCatalogUpdateSchema>;
export const ServiceCatalogListQuerySchema = PaginationQuerySchema.extend({
  q: textParam(120).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ServiceCatalogListQuery = z.input<typeof ServiceCatalogListQuerySchema>;
export const ServiceCatalogPageSchema = pageOf(ServiceCatalogItemSchema);
export type ServiceCatalogPage = z.infer<typeof ServiceCatalogPageSchema>;
/** A catalog service as the customer's portal offers it for booking (GET /portal/services): no internal fields. */
export const PortalServiceSchema = ServiceCatalogItemSchema.pick({
  id: true,
  name: true,
  category: true,
  standardHours: true,
  price: true,
}).meta({ id: 'PortalService' });
export type PortalService = z.infer<typeof PortalServiceSchema>;
export const PortalServiceListSchema = z.array(PortalServiceSchema);
export type PortalServiceList = z.infer<typeof PortalServiceListSchema>;

export const ESTIMATE_STATUSES = [
  'pending',
  'approved',
  'partially_approved',
  'declined',
  'expired',
  'superseded',
] as const;
export type EstimateStatus = (typeof ESTIMATE_STATUSES)[number];
export const APPROVAL_CHANNELS = ['link', 'portal', 'in_person'] as const;
export type ApprovalChannel = (typeof APPROVAL_CHANNELS)[number];

export const EstimateLineSchema = z.object({
  lineType: z.enum(LINE_TYPES),
  lineId: z.uuid(),
  description: z.string(),
  quantity: z.number(),
  unitValue: z.number(),
  totalValue: z.number(),
  decision: z.enum(['approved', 'declined']).nullable(),
});
export type EstimateLine = z.infer<typeof EstimateLineSchema>;

export const EstimateSchema = z
  .object({
    id: z.uuid(),
    repairId: z.uuid(),
    repairNumber: z.number().int(),
    version: z.number().int(),
    status: z.enum(ESTIMATE_STATUSES),
    validUntil: z.string(),
    lines: z.array(EstimateLineSchema),
    partsTotal: z.number(),
    laborValue: z.number(),
    discount: z.number(),
    totalValue: z.number(),
    estimatedHours: z.number(),
    /** SHA-256 of the document the customer sees (canonical JSON of the lines and totals) */
    documentHash: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    decision: z
      .object({
        channel: z.enum(APPROVAL_CHANNELS),
        signerName: z.string(),
        decidedAt: z.string(),
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
        /** the hash of the document as it was when answered */
        documentHash: z.string(),
        recordedBy: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'Estimate' });
export type Estimate = z.infer<typeof EstimateSchema>;
export const EstimateListSchema = z.object({ items: z.array(EstimateSchema) });
export type EstimateList = z.infer<typeof EstimateListSchema>;

export const EstimateCreateSchema = z.object({
  validDays: z.number().int().min(1).max(90).default(DEFAULT_ESTIMATE_VALIDITY_DAYS),
  /** e-mail the link to the customer (through the outbox) */
  notify: z.boolean().default(true),
  note: optionalText(1000),
});
export type EstimateCreate = z.input<typeof EstimateCreateSchema>;
/** The created estimate with its no-login link (returned once, to staff). */
export const EstimateWithLinkSchema = EstimateSchema.extend({ link: z.string() });
export type EstimateWithLink = z.infer<typeof EstimateWithLinkSchema>;

export const EstimateDecisionSchema = z.object({
  decisions: z
    .array(z.object({ lineId: z.uuid(), decision: z.enum(['approved', 'declined']) }))
    .min(1, { message: 'validation.required' })
    .max(500),
  signerName: z.string().trim().min(2, { message: 'validation.name_min' }).max(160),
  /** for a decision recorded by staff at the counter or by phone */
  note: optionalText(1000),
});
export type EstimateDecision = z.input<typeof EstimateDecisionSchema>;

/** What the customer sees through the link: the estimate and the shop, nothing else. */
export const PublicEstimateSchema = EstimateSchema.omit({ createdBy: true }).extend({
  shopName: z.string(),
  /** the shop's currency (ISO 4217), for the amounts */
  currency: z.string(),
  /** the shop's time zone (IANA), for the dates */
  timeZone: z.string(),
  customerName: z.string(),
  assetLabel: z.string().nullable(),
  serviceDescription: z.string(),
  isExpired: z.boolean(),
  canDecide: z.boolean(),
  /** the shop's payment terms (CDC art. 40: the quote states them), null when the shop set none */
  paymentTerms: z.string().nullable(),
});
export type PublicEstimate = z.infer<typeof PublicEstimateSchema>;
export const EstimateTokenParamSchema = z.object({ token: z.string().min(20).max(400) });
export type EstimateTokenParam = z.infer<typeof EstimateTokenParamSchema>;

export const TimerStartSchema = z.object({
  /** a service line the time goes to (absent: the order as a whole) */
  serviceLineId: z.uuid().nullish(),
  /** staff with repairs:update may start a timer for another technician */
  technicianId: z.uuid().nullish(),
  note: optionalText(500),
});
export type TimerStart = z.input<typeof TimerStartSchema>;
export const TimerStopSchema = z.object({
  technicianId: z.uuid().nullish(),
  note: optionalText(500),
});
export type TimerStop = z.input<typeof TimerStopSchema>;

export const TimeEntrySchema = z.object({
  id: z.uuid(),
  repairId: z.uuid(),
  technicianId: z.uuid(),
  technicianName: z.string(),
  serviceLineId: z.uuid().nullable(),
  /** the order's status when the timer started */
  stage: z.enum(REPAIR_STATUSES),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  seconds: z.number().int(),
  note: z.string().nullable(),
});
export type TimeEntry = z.infer<typeof TimeEntrySchema>;

export const RepairTimeSchema = z.object({
  entries: z.array(TimeEntrySchema),
  /** seconds spent in each status, from the status events (the current one up to now) */
  timeInStatus: z.array(z.object({ status: z.enum(REPAIR_STATUSES), seconds: z.number().int() })),
  byTechnician: z.array(
    z.object({ technicianId: z.uuid(), technicianName: z.string(), seconds: z.number().int() }),
  ),
  estimatedHours: z.number(),
  actualHours: z.number(),
});
export type RepairTime = z.infer<typeof RepairTimeSchema>;

export const TechnicianSuggestionQuerySchema = z.object({
  specialty: textParam(60).optional(),
  /** the order being assigned: its service lines' specialties and hours count */
  repairId: z.uuid().optional(),
});
export type TechnicianSuggestionQuery = z.input<typeof TechnicianSuggestionQuerySchema>;
export const TechnicianSuggestionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  specialties: z.array(z.string()),
  matchesSpecialty: z.boolean(),
  worksToday: z.boolean(),
  /** working hours left in the current week */
  weeklyHours: z.number(),
  openOrders: z.number().int(),
  /** estimated hours of the open orders assigned */
  assignedHours: z.number(),
  overloaded: z.boolean(),
  warnings: z.array(z.string()),
});
export type TechnicianSuggestion = z.infer<typeof TechnicianSuggestionSchema>;
export const TechnicianSuggestionListSchema = z.object({ items: z.array(TechnicianSuggestionSchema) });
export type TechnicianSuggestionList = z.infer<typeof TechnicianSuggestionListSchema>;

export const RepairPhotoSchema = z.object({
  id: z.uuid(),
  repairId: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  caption: z.string().nullable(),
  /** intake (condition on arrival), work (during the repair), delivery */
  stage: z.enum(['intake', 'work', 'delivery']),
  url: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type RepairPhoto = z.infer<typeof RepairPhotoSchema>;
export const RepairPhotoListSchema = z.object({ items: z.array(RepairPhotoSchema) });
export type RepairPhotoList = z.infer<typeof RepairPhotoListSchema>;
export const RepairPhotoParamsSchema = z.object({ id: z.uuid(), photoId: z.uuid() });
export type RepairPhotoParams = z.infer<typeof RepairPhotoParamsSchema>;

/** What the server pushes to open boards and order pages (WebSocket /api/live). */
export const RepairLiveEventSchema = z.object({
  type: z.enum(['repair.created', 'repair.updated', 'repair.status_changed', 'repair.assigned']),
  repairId: z.uuid(),
  number: z.number().int(),
  status: z.enum(REPAIR_STATUSES),
  technicianId: z.uuid().nullable(),
  version: z.number().int(),
  at: z.string(),
});
/** What the live socket sends: an order's change, or a conversation's (issue 14 §3). */
export const LiveEventSchema = z.union([RepairLiveEventSchema, ConversationLiveEventSchema]);
export type LiveEvent = z.infer<typeof LiveEventSchema>;
