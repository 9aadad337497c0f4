import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { assets } from './assets.js';
import { customers } from './customers.js';
import { branches, organizations } from './organizations.js';

/**
 * The core of the service order (issue 5 extends it by new migrations). Here it exists so that
 * customer and asset histories read real rows.
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
    assetId: uuid('asset_id').references(() => assets.id),
    status: text('status').notNull().default('NAO_INICIADO'),
    serviceType: text('service_type'),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull().default(0),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('repairs_org_number_uq').on(t.organizationId, t.number),
    index('repairs_org_customer_idx').on(t.organizationId, t.customerId, t.receivedAt),
    index('repairs_org_asset_idx').on(t.organizationId, t.assetId, t.receivedAt),
  ],
);
