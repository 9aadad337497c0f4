import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { assets } from './assets.js';
import { customers } from './customers.js';
import { branches, organizations } from './organizations.js';
import { repairs } from './repairs.js';
import { users } from './users.js';

/**
 * Issue 15 §1: bays, the shop's holidays and appointments. Double booking is refused by the
 * database: exclusion constraints over `during` per technician and per bay (hand-written at the end
 * of the migration `scheduling`, since drizzle cannot express them).
 */

const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

/** Bays, lifts and benches of a branch: resources an appointment may hold besides a technician. */
export const bays = pgTable(
  'bays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('BAY'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('bays_org_branch_name_uq').on(t.organizationId, t.branchId, t.name),
    check('bays_kind', sql`${t.kind} IN ('BAY', 'LIFT', 'BENCH')`),
  ],
);

/** Days the shop is closed: one branch's, or every branch's (branch_id null). */
export const shopHolidays = pgTable(
  'shop_holidays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    branchId: uuid('branch_id').references(() => branches.id),
    date: date('date').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    unique('shop_holidays_org_branch_date_uq').on(t.organizationId, t.branchId, t.date).nullsNotDistinct(),
  ],
);

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    assetId: uuid('asset_id').references(() => assets.id),
    technicianId: uuid('technician_id').references(() => users.id),
    bayId: uuid('bay_id').references(() => bays.id),
    serviceIds: uuid('service_ids').array().notNull().default(sql`'{}'::uuid[]`),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    during: tstzrange('during').generatedAlwaysAs(sql`tstzrange(starts_at, ends_at, '[)')`),
    notes: text('notes'),
    source: text('source').notNull().default('STAFF'),
    status: text('status').notNull().default('SCHEDULED'),
    /** the service order opened on arrival */
    repairId: uuid('repair_id').references(() => repairs.id),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('appointments_org_start_idx').on(t.organizationId, t.startsAt),
    index('appointments_org_customer_idx').on(t.organizationId, t.customerId, t.startsAt),
    check('appointments_range', sql`${t.endsAt} > ${t.startsAt}`),
    check('appointments_source', sql`${t.source} IN ('STAFF', 'PORTAL', 'PHONE', 'WHATSAPP')`),
    check(
      'appointments_status',
      sql`${t.status} IN ('SCHEDULED', 'CONFIRMED', 'ARRIVED', 'NO_SHOW', 'CANCELLED')`,
    ),
  ],
);

/** Reschedule history: where and with whom an appointment was before each move. */
export const appointmentChanges = pgTable(
  'appointment_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id),
    fromStart: timestamp('from_start', { withTimezone: true }).notNull(),
    fromEnd: timestamp('from_end', { withTimezone: true }).notNull(),
    toStart: timestamp('to_start', { withTimezone: true }).notNull(),
    toEnd: timestamp('to_end', { withTimezone: true }).notNull(),
    fromTechnicianId: uuid('from_technician_id'),
    toTechnicianId: uuid('to_technician_id'),
    fromBayId: uuid('from_bay_id'),
    toBayId: uuid('to_bay_id'),
    /** a user */
    changedBy: uuid('changed_by'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('appointment_changes_appointment_idx').on(t.organizationId, t.appointmentId, t.createdAt)],
);
