import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.js';
import { repairs } from './repairs.js';
import { users } from './users.js';

export type SupplierContact = { name: string; role: string; email: string | null; phone: string | null };

/** Who sells parts to the shop. */
export const suppliers = pgTable(
  'suppliers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    document: text('document'),
    documentType: text('document_type'),
    contacts: jsonb('contacts').$type<SupplierContact[]>().notNull().default([]),
    email: text('email'),
    phone: text('phone'),
    leadTimeDays: integer('lead_time_days'),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('suppliers_org_name_idx').on(t.organizationId, t.name),
    uniqueIndex('suppliers_org_document_uq')
      .on(t.organizationId, t.document)
      .where(sql`${t.document} IS NOT NULL`),
  ],
);

/**
 * Parts in stock. The API id is the caller's text id (seed 004's `comp-001`) or a generated uuid;
 * it is unique per organization. `stock` is what is available; `reserved` is held by service orders.
 */
export const components = pgTable(
  'components',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    description: text('description').notNull().default(''),
    priceCents: bigint('price_cents', { mode: 'number' }).notNull().default(0),
    costCents: bigint('cost_cents', { mode: 'number' }).notNull().default(0),
    unit: text('unit').notNull().default('UN'),
    stock: numeric('stock', { precision: 12, scale: 3 }).notNull().default('0'),
    reserved: numeric('reserved', { precision: 12, scale: 3 }).notNull().default('0'),
    minStock: numeric('min_stock', { precision: 12, scale: 3 }).notNull().default('0'),
    category: text('category'),
    /** seed 004's free-text supplier name; supplier_id links a registered supplier */
    supplierName: text('supplier_name'),
    supplierId: uuid('supplier_id').references(() => suppliers.id),
    location: text('location'),
    barcode: text('barcode'),
    active: boolean('active').notNull().default(true),
    /** a low-stock alert went out and the stock has not recovered since */
    lowStockAlerted: boolean('low_stock_alerted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    uniqueIndex('components_org_code_uq').on(t.organizationId, t.code),
    index('components_org_category_idx').on(t.organizationId, t.category),
    index('components_org_supplier_idx').on(t.organizationId, t.supplierId),
    check('components_stock_nonnegative', sql`${t.stock} >= 0`),
    check('components_reserved_nonnegative', sql`${t.reserved} >= 0`),
    check('components_min_stock_nonnegative', sql`${t.minStock} >= 0`),
  ],
);

/** The append-only stock ledger. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** order of writing: several movements of one transaction share `at` */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id').notNull(),
    componentId: text('component_id').notNull(),
    type: text('type').notNull(),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    stockAfter: numeric('stock_after', { precision: 12, scale: 3 }).notNull(),
    reservedAfter: numeric('reserved_after', { precision: 12, scale: 3 }).notNull(),
    reason: text('reason'),
    documentType: text('document_type'),
    documentId: text('document_id'),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'stock_movements_component_fk',
      columns: [t.organizationId, t.componentId],
      foreignColumns: [components.organizationId, components.id],
    }),
    index('stock_movements_component_idx').on(t.organizationId, t.componentId, t.at),
    index('stock_movements_document_idx').on(t.organizationId, t.documentType, t.documentId),
  ],
);

/** What a supplier sells and at what cost. */
export const supplierComponents = pgTable(
  'supplier_components',
  {
    organizationId: uuid('organization_id').notNull(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    componentId: text('component_id').notNull(),
    costCents: bigint('cost_cents', { mode: 'number' }).notNull().default(0),
    supplierCode: text('supplier_code'),
  },
  (t) => [
    primaryKey({ columns: [t.supplierId, t.componentId] }),
    foreignKey({
      name: 'supplier_components_component_fk',
      columns: [t.organizationId, t.componentId],
      foreignColumns: [components.organizationId, components.id],
    }),
  ],
);

export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    number: integer('number').notNull(),
    supplierId: uuid('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    status: text('status').notNull().default('draft'),
    expectedAt: date('expected_at'),
    notes: text('notes'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('purchase_orders_org_number_uq').on(t.organizationId, t.number),
    index('purchase_orders_org_status_idx').on(t.organizationId, t.status),
  ],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    purchaseOrderId: uuid('purchase_order_id')
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    componentId: text('component_id').notNull(),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    received: numeric('received', { precision: 12, scale: 3 }).notNull().default('0'),
    unitCostCents: bigint('unit_cost_cents', { mode: 'number' }).notNull(),
    repairId: uuid('repair_id').references(() => repairs.id),
  },
  (t) => [
    foreignKey({
      name: 'purchase_order_lines_component_fk',
      columns: [t.organizationId, t.componentId],
      foreignColumns: [components.organizationId, components.id],
    }),
    index('purchase_order_lines_po_idx').on(t.purchaseOrderId, t.position),
    check('purchase_order_lines_quantity_positive', sql`${t.quantity} > 0`),
    check('purchase_order_lines_received_range', sql`${t.received} >= 0 AND ${t.received} <= ${t.quantity}`),
  ],
);

/** Tools and equipment: a registry with check-out and check-in. */
export const tools = pgTable(
  'tools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category'),
    status: text('status').notNull().default('available'),
    location: text('location'),
    notes: text('notes'),
    checkoutTechnicianId: uuid('checkout_technician_id').references(() => users.id),
    checkoutRepairId: uuid('checkout_repair_id').references(() => repairs.id),
    checkoutAt: timestamp('checkout_at', { withTimezone: true }),
    checkoutNote: text('checkout_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('tools_org_code_uq').on(t.organizationId, t.code),
    index('tools_org_status_idx').on(t.organizationId, t.status),
  ],
);

export const toolEvents = pgTable(
  'tool_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    toolId: uuid('tool_id')
      .notNull()
      .references(() => tools.id),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    technicianId: uuid('technician_id').references(() => users.id),
    repairId: uuid('repair_id').references(() => repairs.id),
    note: text('note'),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tool_events_tool_idx').on(t.toolId, t.at)],
);
