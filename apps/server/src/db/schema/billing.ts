import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { branches, organizations } from './organizations.js';
import { users } from './users.js';

const cents = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * An invoice (fatura): from a finished service order (kind ORDER, in the order's transaction), a
 * counter sale or a deposit. `number` is gapless per organization (decision 0005's last-statement
 * counter). `paid_cents` is payments net of refunds and never exceeds `total_cents` (a CHECK, and every
 * payment locks the row first). Customers, orders and components are other modules' rows, referenced
 * by id only.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    branchId: uuid('branch_id').references(() => branches.id),
    /** null only inside the issuing transaction, until its last write stamps it (gapless) */
    number: integer('number'),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('OPEN'),
    repairId: uuid('repair_id'),
    repairNumber: integer('repair_number'),
    customerId: uuid('customer_id').notNull(),
    /** the name at issue (the customer may be renamed or anonymized later) */
    customerName: text('customer_name').notNull(),
    subtotalCents: cents('subtotal_cents').notNull(),
    discountCents: cents('discount_cents').notNull().default(0),
    totalCents: cents('total_cents').notNull(),
    paidCents: cents('paid_cents').notNull().default(0),
    dueDate: date('due_date').notNull(),
    paymentTerms: text('payment_terms'),
    notes: text('notes'),
    pixTxid: text('pix_txid').notNull(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    cancelledById: uuid('cancelled_by_id').references(() => users.id),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('invoices_org_number_uq').on(t.organizationId, t.number),
    uniqueIndex('invoices_pix_txid_uq').on(t.pixTxid),
    // one live invoice per order (a cancelled one may be replaced)
    uniqueIndex('invoices_org_repair_live_uq')
      .on(t.organizationId, t.repairId)
      .where(sql`${t.repairId} IS NOT NULL AND ${t.kind} = 'ORDER' AND ${t.status} <> 'CANCELLED'`),
    index('invoices_org_created_idx').on(t.organizationId, t.createdAt),
    index('invoices_org_customer_idx').on(t.organizationId, t.customerId, t.createdAt),
    // receivables: open invoices by due date; migration 0013 adds INCLUDE (status, total_cents,
    // paid_cents), which drizzle cannot express, so the aging sums are an index-only scan
    index('invoices_org_open_due_idx')
      .on(t.organizationId, t.dueDate)
      .where(sql`${t.status} IN ('OPEN', 'PARTIALLY_PAID')`),
    check(
      'invoices_amounts_ck',
      sql`${t.subtotalCents} >= 0 AND ${t.discountCents} >= 0
      AND ${t.totalCents} >= 0 AND ${t.paidCents} >= 0 AND ${t.paidCents} <= ${t.totalCents}`,
    ),
    check('invoices_status_ck', sql`${t.status} IN ('OPEN', 'PARTIALLY_PAID', 'PAID', 'CANCELLED')`),
    check('invoices_kind_ck', sql`${t.kind} IN ('ORDER', 'COUNTER', 'DEPOSIT')`),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    quantity: numeric('quantity', { precision: 12, scale: 3 }).notNull(),
    unitValueCents: cents('unit_value_cents').notNull(),
    totalCents: cents('total_cents').notNull(),
    componentId: text('component_id'),
  },
  (t) => [
    index('invoice_lines_invoice_idx').on(t.invoiceId, t.position),
    check(
      'invoice_lines_amounts_ck',
      sql`${t.unitValueCents} >= 0 AND ${t.totalCents} >= 0 AND ${t.quantity} > 0`,
    ),
  ],
);

/**
 * Money received. A deposit (sinal) taken on an order before its invoice exists has no invoice yet;
 * the order's invoice takes it in when it is generated. `refunded_cents` ≤ `amount_cents`.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    repairId: uuid('repair_id'),
    customerId: uuid('customer_id').notNull(),
    method: text('method').notNull(),
    amountCents: cents('amount_cents').notNull(),
    refundedCents: cents('refunded_cents').notNull().default(0),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    installments: integer('installments').notNull().default(1),
    reference: text('reference'),
    note: text('note'),
    tenderedCents: cents('tendered_cents'),
    changeCents: cents('change_cents'),
    deposit: boolean('deposit').notNull().default(false),
    /** the Pix end-to-end id: one payment per Pix, whatever the webhook replays */
    pixEndToEndId: text('pix_end_to_end_id'),
    flagged: boolean('flagged').notNull().default(false),
    flagReason: text('flag_reason'),
    cashRegisterId: uuid('cash_register_id'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdByName: text('created_by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('payments_invoice_idx').on(t.invoiceId),
    index('payments_org_paid_idx').on(t.organizationId, t.paidAt),
    index('payments_org_customer_idx').on(t.organizationId, t.customerId, t.paidAt),
    index('payments_org_repair_idx').on(t.organizationId, t.repairId).where(sql`${t.repairId} IS NOT NULL`),
    uniqueIndex('payments_pix_e2e_uq')
      .on(t.organizationId, t.pixEndToEndId)
      .where(sql`${t.pixEndToEndId} IS NOT NULL`),
    check(
      'payments_amounts_ck',
      sql`${t.amountCents} > 0 AND ${t.refundedCents} >= 0 AND ${t.refundedCents} <= ${t.amountCents}`,
    ),
    check('payments_installments_ck', sql`${t.installments} BETWEEN 1 AND 12`),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    amountCents: cents('amount_cents').notNull(),
    reason: text('reason').notNull(),
    /** COMPLETED, or PROCESSING while a Pix provider returns the money, FAILED if it could not */
    status: text('status').notNull(),
    providerRefundId: text('provider_refund_id'),
    providerMessage: text('provider_message'),
    cashRegisterId: uuid('cash_register_id'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdByName: text('created_by_name'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('refunds_payment_idx').on(t.paymentId),
    index('refunds_org_created_idx').on(t.organizationId, t.createdAt),
    check('refunds_amount_ck', sql`${t.amountCents} > 0`),
  ],
);

/** The cash drawer of a branch for a day: opened with a float, closed with the count. */
export const cashRegisters = pgTable(
  'cash_registers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    branchId: uuid('branch_id')
      .notNull()
      .references(() => branches.id),
    status: text('status').notNull().default('OPEN'),
    openingFloatCents: cents('opening_float_cents').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    openedById: uuid('opened_by_id').references(() => users.id),
    openedByName: text('opened_by_name'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedById: uuid('closed_by_id').references(() => users.id),
    closedByName: text('closed_by_name'),
    countedCents: cents('counted_cents'),
    expectedCents: cents('expected_cents'),
    closingNote: text('closing_note'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // one open register per branch
    uniqueIndex('cash_registers_open_uq').on(t.organizationId, t.branchId).where(sql`${t.status} = 'OPEN'`),
    index('cash_registers_org_opened_idx').on(t.organizationId, t.openedAt),
    check(
      'cash_registers_amounts_ck',
      sql`${t.openingFloatCents} >= 0 AND coalesce(${t.countedCents}, 0) >= 0`,
    ),
  ],
);

export const cashMovements = pgTable(
  'cash_movements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    registerId: uuid('register_id')
      .notNull()
      .references(() => cashRegisters.id),
    kind: text('kind').notNull(),
    direction: text('direction').notNull(),
    amountCents: cents('amount_cents').notNull(),
    paymentId: uuid('payment_id').references(() => payments.id),
    refundId: uuid('refund_id').references(() => refunds.id),
    note: text('note'),
    actorId: uuid('actor_id').references(() => users.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cash_movements_register_idx').on(t.registerId, t.at),
    check('cash_movements_amount_ck', sql`${t.amountCents} > 0`),
    check('cash_movements_direction_ck', sql`${t.direction} IN ('IN', 'OUT')`),
  ],
);

/** A dynamic Pix charge made through the provider for an invoice's balance. */
export const pixCharges = pgTable(
  'pix_charges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    txid: text('txid').notNull(),
    amountCents: cents('amount_cents').notNull(),
    location: text('location').notNull(),
    payload: text('payload').notNull(),
    /** ATIVA, CONCLUIDA, REMOVIDA_PELO_USUARIO_RECEBEDOR, REMOVIDA_PELO_PSP, as the provider says */
    status: text('status').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('pix_charges_txid_uq').on(t.txid),
    index('pix_charges_invoice_idx').on(t.invoiceId, t.createdAt),
  ],
);

/** NFS-e / NF-e / NFC-e issued for an invoice, typed in by hand or issued through the provider. */
export const fiscalDocuments = pgTable(
  'fiscal_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    type: text('type').notNull(),
    status: text('status').notNull(),
    source: text('source').notNull(),
    number: text('number'),
    series: text('series'),
    accessKey: text('access_key'),
    pdfUrl: text('pdf_url'),
    xmlUrl: text('xml_url'),
    providerReference: text('provider_reference'),
    providerMessage: text('provider_message'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fiscal_documents_invoice_idx').on(t.invoiceId),
    uniqueIndex('fiscal_documents_provider_ref_uq')
      .on(t.organizationId, t.providerReference)
      .where(sql`${t.providerReference} IS NOT NULL`),
  ],
);

/** What the shop owes: supplier bills (from received purchase orders, or typed in). */
export const payables = pgTable(
  'payables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    supplierId: uuid('supplier_id'),
    supplierName: text('supplier_name'),
    purchaseOrderId: uuid('purchase_order_id'),
    purchaseOrderNumber: integer('purchase_order_number'),
    description: text('description').notNull(),
    amountCents: cents('amount_cents').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status').notNull().default('OPEN'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    method: text('method'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('payables_org_due_idx').on(t.organizationId, t.status, t.dueDate),
    // one bill per purchase order
    uniqueIndex('payables_org_po_uq')
      .on(t.organizationId, t.purchaseOrderId)
      .where(sql`${t.purchaseOrderId} IS NOT NULL`),
    check('payables_amount_ck', sql`${t.amountCents} > 0`),
  ],
);
