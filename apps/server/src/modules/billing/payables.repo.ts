import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { payables } from '../../db/schema/billing.js';

export type PayableRow = typeof payables.$inferSelect;
export type PayableInsert = typeof payables.$inferInsert;

/** One side of the cash flow: a week's sum (week null: due before today, overdue). */
export type CashFlowRow = { side: 'RECEIVABLE' | 'PAYABLE'; week: string | null; cents: number };

/** Supplier bills, and the cash flow over them and the open invoices. */
export function createPayablesRepo() {
  return {
    async insert(db: Database, values: PayableInsert): Promise<PayableRow> {
      const [row] = await db.insert(payables).values(values).returning();
      return row!;
    },
    async find(db: Database, organizationId: string, id: string): Promise<PayableRow | undefined> {
      const [row] = await db
        .select()
        .from(payables)
        .where(and(eq(payables.organizationId, organizationId), eq(payables.id, id)));
      return row;
    },
    async findByPurchaseOrder(db: Database, organizationId: string, purchaseOrderId: string) {
      const [row] = await db
        .select()
        .from(payables)
        .where(
          and(eq(payables.organizationId, organizationId), eq(payables.purchaseOrderId, purchaseOrderId)),
        );
      return row;
    },
    /** Oldest due first (the index on organization, status, due date). */
    async list(
      db: Database,
      organizationId: string,
      filter: {
        status?: string | undefined;
        supplierId?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      const conditions: SQL[] = [eq(payables.organizationId, organizationId)];
      if (filter.status) conditions.push(eq(payables.status, filter.status));
      if (filter.supplierId) conditions.push(eq(payables.supplierId, filter.supplierId));
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(payables)
          .where(where)
          .orderBy(asc(payables.dueDate), asc(payables.createdAt), asc(payables.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(payables).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    /**
     * Paid in one conditional statement: of two concurrent payments of the same bill exactly one finds
     * it OPEN (the other waits on the row lock, then sees PAID and matches nothing).
     */
    async markPaid(
      db: Database,
      organizationId: string,
      id: string,
      values: { paidAt: Date; method: string },
    ): Promise<PayableRow | undefined> {
      const [row] = await db
        .update(payables)
        .set({
          status: 'PAID',
          paidAt: values.paidAt,
          method: values.method,
          version: sql`${payables.version} + 1`,
        })
        .where(
          and(eq(payables.organizationId, organizationId), eq(payables.id, id), eq(payables.status, 'OPEN')),
        )
        .returning();
      return row;
    },
    /**
     * Open invoice balances and open bills due before `end`, summed per week (Monday to Sunday, by
     * calendar date) from `today` on, and before `today` as overdue. Each side is one range of a
     * partial or composite index on (organization, due date), grouped in PostgreSQL.
     */
    async cashFlow(
      db: Database,
      organizationId: string,
      bounds: { today: string; end: string },
    ): Promise<CashFlowRow[]> {
      const { today, end } = bounds;
      const week = sql`CASE WHEN due_date < ${today}::date THEN NULL
        ELSE (due_date - (extract(isodow FROM due_date)::int - 1))::text END`;
      const result = await db.execute<{ side: CashFlowRow['side']; week: string | null; cents: string }>(sql`
        SELECT 'RECEIVABLE' AS side, ${week} AS week, sum(total_cents - paid_cents)::text AS cents
        FROM invoices
        WHERE organization_id = ${organizationId} AND status IN ('OPEN', 'PARTIALLY_PAID')
          AND due_date < ${end}::date
        GROUP BY 2
        UNION ALL
        SELECT 'PAYABLE' AS side, ${week} AS week, sum(amount_cents)::text AS cents
        FROM payables
        WHERE organization_id = ${organizationId} AND status = 'OPEN' AND due_date < ${end}::date
        GROUP BY 2`);
      return result.rows.map((r) => ({ side: r.side, week: r.week, cents: Number(r.cents) }));
    },
  };
}
export type PayablesRepo = ReturnType<typeof createPayablesRepo>;
