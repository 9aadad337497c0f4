import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { assets } from './assets.js';
import { customers } from './customers.js';
import { branches, organizations } from './organizations.js';
import { users } from './users.js';

export type ChecklistEntry = {
  key: string;
  done: boolean;
  note: string | null;
  doneBy: string | null;
  doneAt: string | null;
};

/**
 * The service order (OS). Money in cents; the totals are the server's own sums of the lines
 * (seed 004 rule 6), kept here so lists and reports need no join.
 */
export const repairs = pgTable(
  'repairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    branchId: uuid('branch_id').references(() => branches.id),
    number: integer('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** the vehicle or machine of the order, or its first appliance */
    assetId: uuid('asset_id').references(() => assets.id),
    status: text('status').notNull().default('NAO_INICIADO'),
    serviceType: text('service_type'),
    priority: text('priority').notNull().default('NORMAL'),
    nf: text('nf'),
    returnGuarantee: boolean('return_guarantee').notNull().default(false),
    fabricGuarantee: boolean('fabric_guarantee').notNull().default(false),
    partsTotalCents: bigint('parts_total_cents', { mode: 'number' }).notNull().default(0),
    laborCents: bigint('labor_cents', { mode: 'number' }).notNull().default(0),
    discountCents: bigint('discount_cents', { mode: 'number' }).notNull().default(0),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull().default(0),
    estimatedHours: numeric('estimated_hours', { precision: 10, scale: 2 }).notNull().default('0'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    deadline: timestamp('deadline', { withTimezone: true }),
    /** seed 004: the customer's account of the problem */
    serviceDescription: text('service_description').notNull().default(''),
    /** seed 004: the technician's notes */
    notes: text('notes').notNull().default(''),
    condition: text('condition').notNull().default(''),
    accessories: jsonb('accessories').$type<string[]>().notNull().default([]),
    odometerKm: numeric('odometer_km', { precision: 12, scale: 1 }),
    hourMeter: numeric('hour_meter', { precision: 12, scale: 1 }),
    fuelLevel: text('fuel_level'),
    technicianId: uuid('technician_id').references(() => users.id),
    checklist: jsonb('checklist').$type<ChecklistEntry[]>().notNull().default([]),
    /** a return within the warranty of this earlier order */
    warrantyOfRepairId: uuid('warranty_of_repair_id').references((): AnyPgColumn => repairs.id),
    /** the longest warranty of the order's lines, from the day it was finished */
    warrantyUntil: timestamp('warranty_until', { withTimezone: true }),
    approvedById: uuid('approved_by_id').references(() => users.id),
    approvedByName: text('approved_by_name'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('repairs_org_number_uq').on(t.organizationId, t.number),
    index('repairs_org_customer_idx').on(t.organizationId, t.customerId, t.receivedAt),
    index('repairs_org_asset_idx').on(t.organizationId, t.assetId, t.receivedAt),
    index('repairs_org_status_idx').on(t.organizationId, t.status, t.receivedAt),
    index('repairs_org_technician_idx').on(t.organizationId, t.technicianId, t.status),
    index('repairs_org_received_idx').on(t.organizationId, t.receivedAt),
    // the board's closed columns, newest first (bench/RESULTS.md)
    index('repairs_org_status_updated_idx').on(t.organizationId, t.status, t.updatedAt),
    // open orders only: a technician's jobs and the overdue list stay small however long the history
    index('repairs_org_open_idx')
      .on(t.organizationId, t.technicianId, t.deadline)
      .where(sql`${t.status} NOT IN ('FINALIZADO','ENTREGUE','CANCELADO')`),
    index('repairs_org_warranty_idx')
      .on(t.organizationId, t.warrantyUntil)
      .where(sql`${t.warrantyUntil} IS NOT NULL`),
    // a new order's warranty lookup: the asset's orders still under warranty, however long its history
    index('repairs_org_asset_warranty_idx')
      .on(t.organizationId, t.assetId, t.warrantyUntil)
      .where(sql`${t.warrantyUntil} IS NOT NULL`),
    check(
      'repairs_status_known',
      sql`${t.status} IN ('NAO_INICIADO','AGUARDANDO_APROVACAO','AGUARDANDO_PECAS','EM_ANDAMENTO','EM_REVISAO','FINALIZADO','ENTREGUE','CANCELADO')`,
    ),
    check(
      'repairs_money_nonnegative',
      sql`${t.partsTotalCents} >= 0 AND ${t.laborCents} >= 0 AND ${t.discountCents} >= 0 AND ${t.totalCents} >= 0`,
    ),
  ],
);

/** Every change of an order: status changes (time in status comes from these), assignments, estimates. */
export const repairEvents = pgTable(
  'repair_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id').notNull(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('repair_events_repair_idx').on(t.repairId, t.seq)],
);

/** seed 004's appliances of an order, each with its own labor value. */
export const repairAppliances = pgTable(
  'repair_appliances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    position: integer('position').notNull(),
    type: text('type').notNull(),
    brand: text('brand'),
    model: text('model'),
    voltage: text('voltage'),
    serial: text('serial'),
    customerNote: text('customer_note'),
    laborCents: bigint('labor_cents', { mode: 'number' }).notNull(),
    estimatedHours: numeric('estimated_hours', { precision: 8, scale: 2 }),
    warrantyDays: integer('warranty_days').notNull(),
    assetId: uuid('asset_id').references(() => assets.id),
    approval: text('approval'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('repair_appliances_repair_idx').on(t.repairId, t.position),
    index('repair_appliances_asset_idx').on(t.assetId),
    check('repair_appliances_labor_nonnegative', sql`${t.laborCents} >= 0`),
  ],
);

/** Labor lines: from the service catalog ("canned jobs") or typed in. */
export const repairServices = pgTable(
  'repair_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    position: integer('position').notNull(),
    catalogId: uuid('catalog_id').references(() => serviceCatalog.id),
    description: text('description').notNull(),
    hours: numeric('hours', { precision: 8, scale: 2 }).notNull().default('0'),
    priceCents: bigint('price_cents', { mode: 'number' }).notNull(),
    technicianId: uuid('technician_id').references(() => users.id),
    warrantyDays: integer('warranty_days').notNull(),
    approval: text('approval'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('repair_services_repair_idx').on(t.repairId, t.position),
    check('repair_services_price_nonnegative', sql`${t.priceCents} >= 0`),
  ],
);

/** Standard jobs with their hours and price. */
export const serviceCatalog = pgTable(
  'service_catalog',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: text('category'),
    specialty: text('specialty'),
    standardHours: numeric('standard_hours', { precision: 8, scale: 2 }).notNull().default('1'),
    priceCents: bigint('price_cents', { mode: 'number' }).notNull().default(0),
    warrantyDays: integer('warranty_days').notNull().default(90),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('service_catalog_org_code_uq').on(t.organizationId, t.code),
    index('service_catalog_org_name_idx').on(t.organizationId, t.name),
    check('service_catalog_price_nonnegative', sql`${t.priceCents} >= 0`),
  ],
);

export type EstimateSnapshot = {
  lines: {
    lineType: 'appliance' | 'service' | 'part';
    lineId: string;
    description: string;
    quantity: number;
    unitValueCents: number;
    totalCents: number;
  }[];
  partsTotalCents: number;
  laborCents: number;
  discountCents: number;
  totalCents: number;
  estimatedHours: number;
};

/** A versioned quote sent to the customer, and the customer's answer (CDC art. 39 VI and 40). */
export const repairEstimates = pgTable(
  'repair_estimates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    version: integer('version').notNull(),
    status: text('status').notNull().default('pending'),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    snapshot: jsonb('snapshot').$type<EstimateSnapshot>().notNull(),
    documentHash: text('document_hash').notNull(),
    /** per line: approved / declined, once answered */
    decisions: jsonb('decisions').$type<Record<string, 'approved' | 'declined'>>(),
    decisionChannel: text('decision_channel'),
    signerName: text('signer_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionIp: text('decision_ip'),
    decisionUserAgent: text('decision_user_agent'),
    decisionHash: text('decision_hash'),
    decisionNote: text('decision_note'),
    recordedByName: text('recorded_by_name'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('repair_estimates_repair_version_uq').on(t.repairId, t.version)],
);

/** Technicians' timers, per order and optionally per service line. One running timer per technician. */
export const repairTimeEntries = pgTable(
  'repair_time_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    technicianId: uuid('technician_id')
      .notNull()
      .references(() => users.id),
    serviceLineId: uuid('service_line_id').references(() => repairServices.id, { onDelete: 'set null' }),
    stage: text('stage').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    note: text('note'),
  },
  (t) => [
    index('repair_time_entries_repair_idx').on(t.repairId, t.startedAt),
    uniqueIndex('repair_time_entries_running_uq').on(t.technicianId).where(sql`${t.endedAt} IS NULL`),
    check('repair_time_entries_order', sql`${t.endedAt} IS NULL OR ${t.endedAt} >= ${t.startedAt}`),
  ],
);

/** Photos of the asset at intake, during the work and at delivery; files live in storage. */
export const repairPhotos = pgTable(
  'repair_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    caption: text('caption'),
    stage: text('stage').notNull().default('intake'),
    uploadedById: uuid('uploaded_by_id').references(() => users.id),
    uploadedByName: text('uploaded_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('repair_photos_repair_idx').on(t.repairId, t.createdAt)],
);

/**
 * Answers to POSTs that carried an Idempotency-Key (ARCHITECTURE §4): a retry gets the first
 * answer instead of a second order. Written in the same transaction as what it created.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    organizationId: uuid('organization_id').notNull(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    userId: uuid('user_id'),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_uq').on(t.organizationId, t.scope, t.key),
    index('idempotency_keys_created_idx').on(t.createdAt),
  ],
);
