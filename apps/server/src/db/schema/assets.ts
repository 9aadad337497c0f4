import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers.js';
import { organizations } from './organizations.js';

/** What is repaired: a vehicle, an appliance or a machine (one model with a profile). */
export const assets = pgTable(
  'assets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind').notNull(),
    brand: text('brand'),
    model: text('model'),
    year: integer('year'),
    color: text('color'),
    plate: text('plate'),
    /** Mercosul form of a Brazilian plate: ABC1234 and ABC1C34 share it */
    plateCanonical: text('plate_canonical'),
    plateCountry: text('plate_country').notNull().default('BR'),
    vin: text('vin'),
    fuel: text('fuel'),
    type: text('type'),
    voltage: text('voltage'),
    serial: text('serial'),
    description: text('description'),
    notes: text('notes'),
    /** maintained by a trigger (migration 0004) */
    searchText: text('search_text').notNull().default(''),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('assets_org_customer_idx').on(t.organizationId, t.customerId),
    index('assets_org_plate_idx').on(t.organizationId, t.plateCanonical),
    index('assets_org_vin_idx').on(t.organizationId, t.vin),
    index('assets_org_serial_idx').on(t.organizationId, sql`upper(${t.serial})`),
  ],
);

/** Odometer (vehicles) and hour-meter (machines) readings; monotonic per asset and kind. */
export const assetReadings = pgTable(
  'asset_readings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
    kind: text('kind').notNull(),
    value: numeric('value', { precision: 12, scale: 1 }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
    source: text('source').notNull().default('manual'),
    correction: boolean('correction').notNull().default(false),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('asset_readings_asset_idx').on(t.assetId, t.kind, t.readAt)],
);

/** A change of owner; the asset keeps its history. */
export const assetTransfers = pgTable(
  'asset_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
    fromCustomerId: uuid('from_customer_id')
      .notNull()
      .references(() => customers.id),
    toCustomerId: uuid('to_customer_id')
      .notNull()
      .references(() => customers.id),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('asset_transfers_asset_idx').on(t.assetId),
    index('asset_transfers_from_idx').on(t.fromCustomerId),
    index('asset_transfers_to_idx').on(t.toCustomerId),
  ],
);
