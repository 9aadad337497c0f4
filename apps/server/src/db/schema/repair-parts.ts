import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { components } from './inventory.js';
import { repairs } from './repairs.js';

/**
 * Parts of an order: one line per component (seed 004: the same component twice counts once,
 * summed). `stockState` says where the quantity sits in the ledger: reserved → consumed / released.
 */
export const repairParts = pgTable(
  'repair_parts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    position: integer('position').notNull(),
    componentId: text('component_id').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    unit: text('unit').notNull(),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    unitPriceCents: bigint('unit_price_cents', { mode: 'number' }).notNull(),
    warrantyDays: integer('warranty_days').notNull(),
    stockState: text('stock_state').notNull().default('reserved'),
    approval: text('approval'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'repair_parts_component_fk',
      columns: [t.organizationId, t.componentId],
      foreignColumns: [components.organizationId, components.id],
    }),
    uniqueIndex('repair_parts_repair_component_uq').on(t.repairId, t.componentId),
    index('repair_parts_component_idx').on(t.organizationId, t.componentId),
    check('repair_parts_quantity_positive', sql`${t.quantity} > 0`),
    check('repair_parts_price_nonnegative', sql`${t.unitPriceCents} >= 0`),
  ],
);
