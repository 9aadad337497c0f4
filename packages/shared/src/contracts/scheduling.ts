import { z } from 'zod';
import { IsoDateTimeSchema } from './common.js';

/** Appointments, bays and the shop's calendar (issue 15 §1). */

export const BAY_KINDS = ['BAY', 'LIFT', 'BENCH'] as const;
export type BayKind = (typeof BAY_KINDS)[number];
export const APPOINTMENT_STATUSES = ['SCHEDULED', 'CONFIRMED', 'ARRIVED', 'NO_SHOW', 'CANCELLED'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_SOURCES = ['STAFF', 'PORTAL', 'PHONE', 'WHATSAPP'] as const;
export type AppointmentSource = (typeof APPOINTMENT_SOURCES)[number];
/** What each action needs (issue 15: arrive is accepted from SCHEDULED or CONFIRMED at any time). */
export const APPOINTMENT_ACTIONS = {
  confirm: { from: ['SCHEDULED'], to: 'CONFIRMED' },
  arrive: { from: ['SCHEDULED', 'CONFIRMED'], to: 'ARRIVED' },
  'no-show': { from: ['SCHEDULED', 'CONFIRMED'], to: 'NO_SHOW' },
  cancel: { from: ['SCHEDULED', 'CONFIRMED'], to: 'CANCELLED' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus }>;
export type AppointmentAction = keyof typeof APPOINTMENT_ACTIONS;
/** Statuses that hold their technician and bay (the exclusion constraints' WHERE). */
export const LIVE_APPOINTMENT_STATUSES = ['SCHEDULED', 'CONFIRMED', 'ARRIVED'] as const;
/** A customer (portal) may reschedule or cancel until this long before the start. */
export const CUSTOMER_CHANGE_NOTICE_MS = 2 * 60 * 60 * 1000;
/** Free slots start on this grid (minutes past the hour in the shop's zone). */
export const SLOT_STEP_MINUTES = 15;
/** The longest range one slot search or calendar read may cover. */
export const SCHEDULING_MAX_RANGE_DAYS = 62;

const IsoDateSchema = z.iso.date();
const NameSchema = z.string().trim().min(1, { message: 'validation.required' }).max(80);

export const BaySchema = z
  .object({
    id: z.uuid(),
    branchId: z.uuid(),
    name: z.string(),
    kind: z.enum(BAY_KINDS),
    active: z.boolean(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Bay' });
export type Bay = z.infer<typeof BaySchema>;
export const BayListSchema = z.array(BaySchema);
export type BayList = z.infer<typeof BayListSchema>;
export const BayListQuerySchema = z.object({
  /** default: the caller's branch (or the organization's first) */
  branchId: z.uuid().optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type BayListQuery = z.input<typeof BayListQuerySchema>;
export const BayCreateSchema = z.object({
  name: NameSchema,
  kind: z.enum(BAY_KINDS).default('BAY'),
  /** default: the caller's branch (or the organization's first) */
  branchId: z.uuid().optional(),
});
export type BayCreate = z.input<typeof BayCreateSchema>;
/** Rename, change the kind, or deactivate (If-Match). */
export const BayUpdateSchema = z
  .object({ name: NameSchema, kind: z.enum(BAY_KINDS), active: z.boolean() })
  .partial()
  .strict();
export type BayUpdate = z.input<typeof BayUpdateSchema>;

export const HolidaySchema = z
  .object({
    id: z.uuid(),
    /** null: every branch */
    branchId: z.uuid().nullable(),
    date: IsoDateSchema,
    name: z.string(),
  })
  .meta({ id: 'Holiday' });
export type Holiday = z.infer<typeof HolidaySchema>;
export const HolidayListSchema = z.array(HolidaySchema);
export type HolidayList = z.infer<typeof HolidayListSchema>;
export const HolidayListQuerySchema = z.object({
  /** first day (inclusive), YYYY-MM-DD */
  from: IsoDateSchema.optional(),
  /** last day (inclusive), YYYY-MM-DD */
  to: IsoDateSchema.optional(),
});
export type HolidayListQuery = z.input<typeof HolidayListQuerySchema>;
export const HolidayCreateSchema = z.object({
  date: IsoDateSchema,
  name: NameSchema,
  /** omitted or null: every branch */
  branchId: z.uuid().nullish(),
});
export type HolidayCreate = z.input<typeof HolidayCreateSchema>;

/** `a,b,c` or the parameter repeated. */
const uuidList = (max: number) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v.split(',').filter(Boolean)
        : Array.isArray(v)
          ? v.flatMap((x) => String(x).split(',')).filter(Boolean)
          : v,
    z.array(z.uuid()).max(max),
  );

export const SlotQuerySchema = z.object({
  /** catalog services, comma-separated; the slot lasts the sum of their standard hours */
  serviceIds: uuidList(20),
  technicianId: z.uuid().optional(),
  bayId: z.uuid().optional(),
  /** default: the caller's branch (or the organization's first) */
  branchId: z.uuid().optional(),
  from: IsoDateTimeSchema,
  to: IsoDateTimeSchema,
  /** at most this many slots, earliest first */
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type SlotQuery = z.input<typeof SlotQuerySchema>;
export const SlotSchema = z
  .object({
    start: IsoDateTimeSchema,
    end: IsoDateTimeSchema,
    technicianId: z.uuid().nullable(),
    bayId: z.uuid().nullable(),
  })
  .meta({ id: 'Slot' });
export type Slot = z.infer<typeof SlotSchema>;
export const SlotListSchema = z.array(SlotSchema);
export type SlotList = z.infer<typeof SlotListSchema>;

export const AppointmentSchema = z
  .object({
    id: z.uuid(),
    branchId: z.uuid(),
    customerId: z.uuid(),
    customerName: z.string().nullable(),
    assetId: z.uuid().nullable(),
    technicianId: z.uuid().nullable(),
    technicianName: z.string().nullable(),
    bayId: z.uuid().nullable(),
    bayName: z.string().nullable(),
    serviceIds: z.array(z.uuid()),
    start: IsoDateTimeSchema,
    end: IsoDateTimeSchema,
    notes: z.string().nullable(),
    source: z.enum(APPOINTMENT_SOURCES),
    status: z.enum(APPOINTMENT_STATUSES),
    /** the service order opened on arrival */
    repairId: z.uuid().nullable(),
    cancelReason: z.string().nullable(),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
    version: z.number().int(),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof AppointmentSchema>;

const NotesSchema = z.string().trim().max(2000);

/**
 * A booking. Without `end` it lasts the services' standard hours (then `serviceIds` must not be
 * empty). A CUSTOMER books for themselves: `customerId` is theirs whatever is sent, source PORTAL.
 */
export const AppointmentCreateSchema = z.object({
  customerId: z.uuid(),
  assetId: z.uuid().nullish(),
  serviceIds: z.array(z.uuid()).max(20).default([]),
  technicianId: z.uuid().nullish(),
  bayId: z.uuid().nullish(),
  start: IsoDateTimeSchema,
  end: IsoDateTimeSchema.optional(),
  notes: NotesSchema.nullish(),
  source: z.enum(APPOINTMENT_SOURCES).optional(),
});
export type AppointmentCreate = z.input<typeof AppointmentCreateSchema>;

/** Reschedule (If-Match): a new start (the duration is kept unless `end` is given), technician or bay. */
export const AppointmentUpdateSchema = z
  .object({
    start: IsoDateTimeSchema,
    end: IsoDateTimeSchema,
    technicianId: z.uuid().nullable(),
    bayId: z.uuid().nullable(),
    notes: NotesSchema.nullable(),
    /** why it moved (kept in the reschedule history) */
    reason: z.string().trim().max(500),
  })
  .partial()
  .strict();
export type AppointmentUpdate = z.input<typeof AppointmentUpdateSchema>;

export const AppointmentCancelSchema = z.object({ reason: z.string().trim().max(500).nullish() }).nullish();
export type AppointmentCancel = z.input<typeof AppointmentCancelSchema>;
export const AppointmentArrivalSchema = z.object({ repairId: z.uuid() }).meta({ id: 'AppointmentArrival' });
export type AppointmentArrival = z.infer<typeof AppointmentArrivalSchema>;

export const AppointmentListQuerySchema = z.object({
  from: IsoDateTimeSchema,
  to: IsoDateTimeSchema,
  technicianId: z.uuid().optional(),
  bayId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** default: every branch */
  branchId: z.uuid().optional(),
});
export type AppointmentListQuery = z.input<typeof AppointmentListQuerySchema>;

/** An open order's date on the calendar (seed 002 "Calendario con fechas de pedidos"). */
export const CalendarOrderDateSchema = z
  .object({
    repairId: z.uuid(),
    number: z.number().int(),
    kind: z.enum(['received', 'deadline']),
    at: IsoDateTimeSchema,
    customerId: z.uuid(),
    technicianId: z.uuid().nullable(),
  })
  .meta({ id: 'CalendarOrderDate' });
export type CalendarOrderDate = z.infer<typeof CalendarOrderDateSchema>;

/** The calendar for a range: appointments starting in it, and open orders' received dates and deadlines in it. */
export const AppointmentCalendarSchema = z
  .object({
    appointments: z.array(AppointmentSchema),
    orderDates: z.array(CalendarOrderDateSchema),
  })
  .meta({ id: 'AppointmentCalendar' });
export type AppointmentCalendar = z.infer<typeof AppointmentCalendarSchema>;

export const AppointmentChangeSchema = z.object({
  fromStart: IsoDateTimeSchema,
  fromEnd: IsoDateTimeSchema,
  toStart: IsoDateTimeSchema,
  toEnd: IsoDateTimeSchema,
  fromTechnicianId: z.uuid().nullable(),
  toTechnicianId: z.uuid().nullable(),
  fromBayId: z.uuid().nullable(),
  toBayId: z.uuid().nullable(),
  changedBy: z.uuid().nullable(),
  reason: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
});
export type AppointmentChange = z.infer<typeof AppointmentChangeSchema>;
/** One appointment with its reschedule history, oldest change first. */
export const AppointmentDetailSchema = AppointmentSchema.extend({
  changes: z.array(AppointmentChangeSchema),
}).meta({ id: 'AppointmentDetail' });
export type AppointmentDetail = z.infer<typeof AppointmentDetailSchema>;

/** `details` of a 409 when the technician or the bay is taken. */
export const AppointmentConflictDetailsSchema = z.object({
  resource: z.enum(['technician', 'bay']),
  resourceId: z.uuid(),
  nextSlots: SlotListSchema,
});
export type AppointmentConflictDetails = z.infer<typeof AppointmentConflictDetailsSchema>;

export const CapacityQuerySchema = z.object({
  /** the day, YYYY-MM-DD in the shop's zone */
  date: IsoDateSchema,
  /** default: the caller's branch (or the organization's first) */
  branchId: z.uuid().optional(),
});
export type CapacityQuery = z.input<typeof CapacityQuerySchema>;
export const DeadlineRiskSchema = z.object({
  repairId: z.uuid(),
  number: z.number().int(),
  deadline: IsoDateTimeSchema,
  remainingHours: z.number(),
  /** the technician's working hours left between now and the deadline */
  availableHours: z.number(),
});
export type DeadlineRisk = z.infer<typeof DeadlineRiskSchema>;
export const TechnicianCapacitySchema = z.object({
  technicianId: z.uuid(),
  name: z.string(),
  /** working hours of the day, holidays excluded */
  availableHours: z.number(),
  /** appointments of the day plus the open orders' remaining hours placed on the day */
  bookedHours: z.number(),
  appointmentHours: z.number(),
  orderHours: z.number(),
  /** orders whose remaining estimated hours exceed the technician's working time left before the deadline */
  atRisk: z.array(DeadlineRiskSchema),
});
export type TechnicianCapacity = z.infer<typeof TechnicianCapacitySchema>;
export const CapacitySchema = z
  .object({
    date: IsoDateSchema,
    branchId: z.uuid(),
    timeZone: z.string(),
    /** the instant the figures were computed at */
    at: IsoDateTimeSchema,
    technicians: z.array(TechnicianCapacitySchema),
  })
  .meta({ id: 'Capacity' });
export type Capacity = z.infer<typeof CapacitySchema>;
