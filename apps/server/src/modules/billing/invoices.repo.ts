import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { fiscalDocuments, invoiceLines, invoices, payments, refunds } from '../../db/schema/billing.js';
import { jsonRows, parseJsonRows } from '../../platform/json-rows.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceInsert = typeof invoices.$inferInsert;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type FiscalDocumentRow = typeof fiscalDocuments.$inferSelect;

/** An open balance, as SQL (the list's `overdue` filter and the receivables). */
export const OPEN_STATUSES = ['OPEN', 'PARTIALLY_PAID'] as const;

export type InvoiceFilter = {
  status?: string | undefined;
  customerId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  /** for `q`: the customers it matches (the customers module's search) */
  customerIds?: string[] | undefined;
  /** the shop's today (YYYY-MM-DD), for `overdue` */
  today: string;
  /** the shop's zone, for the issue-date range */
  timeZone: string;
  page: number;
  pageSize: number;
};

function listConditions(organizationId: string, f: InvoiceFilter): SQL[] {
  const c: SQL[] = [eq(invoices.organizationId, organizationId)];
  if (f.status) c.push(eq(invoices.status, f.status));
  if (f.customerId) c.push(eq(invoices.customerId, f.customerId));
  const issued = sql`(${invoices.createdAt} AT TIME ZONE ${f.timeZone})::date`;
  if (f.from) c.push(sql`${issued} >= ${f.from}::date`);
  if (f.to) c.push(sql`${issued} <= ${f.to}::date`);
  if (f.overdue === true) {
    c.push(and(inArray(invoices.status, [...OPEN_STATUSES]), lt(invoices.dueDate, f.today))!);
  }
  if (f.overdue === false) {
    c.push(or(sql`${invoices.status} NOT IN ('OPEN', 'PARTIALLY_PAID')`, gte(invoices.dueDate, f.today))!);
  }
  if (f.q) {
    // the customers the text names come from their own indexed search (a name fragment over a
    // million invoices' names was a sequential scan); a number is the invoice's or its order's
    const digits = f.q.replace(/^#/, '');
    const arms: SQL[] = [];
    if (f.customerIds?.length) arms.push(inArray(invoices.customerId, f.customerIds));
    if (/^\d{1,9}$/.test(digits)) {
      arms.push(eq(invoices.number, Number(digits)), eq(invoices.repairNumber, Number(digits)));
    }
    c.push(arms.length ? or(...arms)! : sql`false`);
  }
  return c;
}

/** Invoices, their lines, refunds' and fiscal documents' rows. */
function invoiceQueries() {
  return {
    /** Inserted without its number: `stampNumber` gives it one as the transaction's last write. */
    async insert(db: Database, values: Omit<InvoiceInsert, 'number'>): Promise<InvoiceRow> {
      const [row] = await db.insert(invoices).values(values).returning();
      return row!;
    },
    async insertLines(db: Database, rows: (typeof invoiceLines.$inferInsert)[]): Promise<InvoiceLineRow[]> {
      if (rows.length === 0) return [];
      return db.insert(invoiceLines).values(rows).returning();
    },
    /**
     * The invoice's gapless number: the organization's counter advances and stamps the row in one
     * statement, so its row lock is held from here to COMMIT only (decision 0005), and a rollback gives
     * the number back.
     */
    async stampNumber(db: Database, organizationId: string, id: string): Promise<number> {
      const result = await db.execute<{ number: number }>(sql`
        WITH n AS (
          INSERT INTO number_counters (organization_id, kind, value) VALUES (${organizationId}, 'invoice', 1)
          ON CONFLICT (organization_id, kind) DO UPDATE SET value = number_counters.value + 1
          RETURNING value
        )
        UPDATE invoices SET number = (SELECT value FROM n) WHERE id = ${id} RETURNING number`);
      return Number(result.rows[0]!.number);
    },
    async find(db: Database, organizationId: string, id: string): Promise<InvoiceRow | undefined> {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.organizationId, organizationId), eq(invoices.id, id)));
      return row;
    },
    /** For a signed link, which names the invoice but not its organization. */
    async findAnyOrganization(db: Database, id: string): Promise<InvoiceRow | undefined> {
      const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
      return row;
    },
    /** Every change to an invoice's money or status takes this lock first (payments, refunds, cancel). */
    async lock(db: Database, organizationId: string, id: string): Promise<InvoiceRow | undefined> {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.organizationId, organizationId), eq(invoices.id, id)))
        .for('update');
      return row;
    },
    async findLiveForRepair(db: Database, organizationId: string, repairId: string) {
      const [row] = await db
        .select()
        .from(invoices)
        .where(
          and(
            eq(invoices.organizationId, organizationId),
            eq(invoices.repairId, repairId),
            eq(invoices.kind, 'ORDER'),
            sql`${invoices.status} <> 'CANCELLED'`,
          ),
        )
        .limit(1);
      return row;
    },
    async findByTxid(db: Database, txid: string): Promise<InvoiceRow | undefined> {
      const [row] = await db.select().from(invoices).where(eq(invoices.pixTxid, txid));
      return row;
    },
    async update(db: Database, id: string, values: Partial<InvoiceInsert>): Promise<InvoiceRow> {
      const [row] = await db
        .update(invoices)
        .set({ ...values, updatedAt: new Date(), version: sql`${invoices.version} + 1` })
        .where(eq(invoices.id, id))
        .returning();
      return row!;
    },
    /** An invoice's lines, payments, refunds and fiscal documents in one statement (one round trip). */
    async parts(db: Database, invoiceId: string) {
      const result = await db.execute<{
        lines: unknown;
        payments: unknown;
        refunds: unknown;
        fiscal: unknown;
      }>(sql`
        SELECT
          ${jsonRows(invoiceLines, 'l', sql`l.invoice_id = ${invoiceId}`, sql`l.position`)} AS lines,
          ${jsonRows(payments, 'p', sql`p.invoice_id = ${invoiceId}`, sql`p.paid_at, p.id`)} AS payments,
          ${jsonRows(refunds, 'r', sql`r.invoice_id = ${invoiceId}`, sql`r.created_at, r.id`)} AS refunds,
          ${jsonRows(fiscalDocuments, 'f', sql`f.invoice_id = ${invoiceId}`, sql`f.created_at, f.id`)} AS fiscal`);
      const row = result.rows[0]!;
      return {
        lines: parseJsonRows(invoiceLines, row.lines),
        payments: parseJsonRows(payments, row.payments),
        refunds: parseJsonRows(refunds, row.refunds),
        fiscalDocuments: parseJsonRows(fiscalDocuments, row.fiscal),
      };
    },
    async lines(db: Database, invoiceId: string): Promise<InvoiceLineRow[]> {
      return db
        .select()
        .from(invoiceLines)
        .where(eq(invoiceLines.invoiceId, invoiceId))
        .orderBy(asc(invoiceLines.position));
    },
    async list(db: Database, organizationId: string, filter: InvoiceFilter) {
      const where = and(...listConditions(organizationId, filter));
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(invoices)
          .where(where)
          .orderBy(desc(invoices.createdAt), desc(invoices.number))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(invoices).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    /** Open invoices (a balance), oldest due first: the receivables. */
    async open(db: Database, organizationId: string, limit: number): Promise<InvoiceRow[]> {
      return db
        .select()
        .from(invoices)
        .where(and(eq(invoices.organizationId, organizationId), inArray(invoices.status, [...OPEN_STATUSES])))
        .orderBy(asc(invoices.dueDate), asc(invoices.number))
        .limit(limit);
    },
    /** Σ of open balances per aging bucket, in PostgreSQL (a million invoices stay one index range). */
    async agingBuckets(db: Database, organizationId: string, today: string) {
      const result = await db.execute<{ bucket: string; n: number; cents: string }>(sql`
        SELECT CASE
            WHEN due_date >= ${today}::date THEN 'current'
            WHEN ${today}::date - due_date <= 30 THEN '1-30'
            WHEN ${today}::date - due_date <= 60 THEN '31-60'
            WHEN ${today}::date - due_date <= 90 THEN '61-90'
            ELSE '90+' END AS bucket,
          count(*)::int AS n, sum(total_cents - paid_cents)::text AS cents
        FROM invoices
        WHERE organization_id = ${organizationId} AND status IN ('OPEN', 'PARTIALLY_PAID')
        GROUP BY 1`);
      return result.rows.map((r) => ({ bucket: r.bucket, count: Number(r.n), cents: Number(r.cents) }));
    },
    /** A customer's invoices, newest first, and the sums over all of them. */
    async forCustomer(
      db: Database,
      organizationId: string,
      customerId: string,
      today: string,
      limit: number,
    ) {
      const where = and(eq(invoices.organizationId, organizationId), eq(invoices.customerId, customerId));
      const [rows, [sums]] = await Promise.all([
        db.select().from(invoices).where(where).orderBy(desc(invoices.createdAt)).limit(limit),
        db
          .select({
            invoiced: sql<string>`coalesce(sum(${invoices.totalCents}) FILTER (WHERE ${invoices.status} <> 'CANCELLED'), 0)::text`,
            paid: sql<string>`coalesce(sum(${invoices.paidCents}) FILTER (WHERE ${invoices.status} <> 'CANCELLED'), 0)::text`,
            overdue: sql<string>`coalesce(sum(${invoices.totalCents} - ${invoices.paidCents})
              FILTER (WHERE ${invoices.status} IN ('OPEN', 'PARTIALLY_PAID') AND ${invoices.dueDate} < ${today}::date), 0)::text`,
          })
          .from(invoices)
          .where(where),
      ]);
      return {
        rows,
        invoicedCents: Number(sums?.invoiced ?? 0),
        paidCents: Number(sums?.paid ?? 0),
        overdueCents: Number(sums?.overdue ?? 0),
      };
    },
    async insertFiscalDocument(db: Database, values: typeof fiscalDocuments.$inferInsert) {
      const [row] = await db.insert(fiscalDocuments).values(values).returning();
      return row!;
    },
  };
}
/** Payments and refunds. */
function paymentQueries() {
  return {
    async insertPayment(db: Database, values: typeof payments.$inferInsert): Promise<PaymentRow> {
      const [row] = await db.insert(payments).values(values).returning();
      return row!;
    },
    async findPayment(db: Database, organizationId: string, id: string, options: { lock?: boolean } = {}) {
      const query = db
        .select()
        .from(payments)
        .where(and(eq(payments.organizationId, organizationId), eq(payments.id, id)));
      const [row] = options.lock ? await query.for('update') : await query;
      return row;
    },
    async findPaymentByEndToEnd(db: Database, organizationId: string, endToEndId: string) {
      const [row] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.organizationId, organizationId), eq(payments.pixEndToEndId, endToEndId)));
      return row;
    },
    async updatePayment(db: Database, id: string, values: Partial<typeof payments.$inferInsert>) {
      const [row] = await db.update(payments).set(values).where(eq(payments.id, id)).returning();
      return row!;
    },
    /** Deposits of an order not on an invoice yet (they join its invoice when it is issued). */
    async heldDeposits(db: Database, organizationId: string, repairId: string): Promise<PaymentRow[]> {
      return db
        .select()
        .from(payments)
        .where(
          and(
            eq(payments.organizationId, organizationId),
            eq(payments.repairId, repairId),
            isNull(payments.invoiceId),
          ),
        )
        .for('update');
    },
    async attachDeposits(db: Database, ids: string[], invoiceId: string) {
      if (ids.length === 0) return;
      await db.update(payments).set({ invoiceId }).where(inArray(payments.id, ids));
    },
    async customerPayments(db: Database, organizationId: string, customerId: string, limit: number) {
      return db
        .select()
        .from(payments)
        .where(and(eq(payments.organizationId, organizationId), eq(payments.customerId, customerId)))
        .orderBy(desc(payments.paidAt))
        .limit(limit);
    },
    async insertRefund(db: Database, values: typeof refunds.$inferInsert): Promise<RefundRow> {
      const [row] = await db.insert(refunds).values(values).returning();
      return row!;
    },
    async lockRefund(db: Database, id: string): Promise<RefundRow | undefined> {
      const [row] = await db.select().from(refunds).where(eq(refunds.id, id)).for('update');
      return row;
    },
    async refundByProviderId(db: Database, providerRefundId: string): Promise<RefundRow | undefined> {
      const [row] = await db.select().from(refunds).where(eq(refunds.providerRefundId, providerRefundId));
      return row;
    },
    async updateRefund(db: Database, id: string, values: Partial<typeof refunds.$inferInsert>) {
      const [row] = await db
        .update(refunds)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(refunds.id, id))
        .returning();
      return row!;
    },
  };
}

export function createInvoicesRepo() {
  return { ...invoiceQueries(), ...paymentQueries() };
}
export type InvoicesRepo = ReturnType<typeof createInvoicesRepo>;
