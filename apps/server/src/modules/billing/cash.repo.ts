import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { cashMovements, cashRegisters, payments } from '../../db/schema/billing.js';

export type RegisterRow = typeof cashRegisters.$inferSelect;
export type MovementRow = typeof cashMovements.$inferSelect & { invoiceNumber: number | null };

/** The cash drawer's queries (one module, one file: the register is small). */
export function createCashRepo() {
  return {
    async open(db: Database, organizationId: string, branchId: string, lock = false) {
      const query = db
        .select()
        .from(cashRegisters)
        .where(
          and(
            eq(cashRegisters.organizationId, organizationId),
            eq(cashRegisters.branchId, branchId),
            eq(cashRegisters.status, 'OPEN'),
          ),
        );
      const [row] = lock ? await query.for('update') : await query;
      return row;
    },
    async find(db: Database, organizationId: string, id: string) {
      const [row] = await db
        .select()
        .from(cashRegisters)
        .where(and(eq(cashRegisters.organizationId, organizationId), eq(cashRegisters.id, id)));
      return row;
    },
    async latest(db: Database, organizationId: string, branchId: string, limit: number) {
      return db
        .select()
        .from(cashRegisters)
        .where(and(eq(cashRegisters.organizationId, organizationId), eq(cashRegisters.branchId, branchId)))
        .orderBy(desc(cashRegisters.openedAt))
        .limit(limit);
    },
    async movements(db: Database, registerId: string): Promise<MovementRow[]> {
      const result = await db.execute<{
        id: string;
        kind: string;
        direction: string;
        amount_cents: string;
        payment_id: string | null;
        note: string | null;
        actor_name: string | null;
        at: Date;
        invoice_number: number | null;
      }>(sql`SELECT m.id, m.kind, m.direction, m.amount_cents, m.payment_id, m.note, m.actor_name, m.at,
          i.number AS invoice_number
        FROM cash_movements m
        LEFT JOIN payments p ON p.id = m.payment_id
        LEFT JOIN invoices i ON i.id = p.invoice_id
        WHERE m.register_id = ${registerId}
        ORDER BY m.at, m.id`);
      return result.rows.map((r) => ({
        id: r.id,
        organizationId: '',
        registerId,
        kind: r.kind,
        direction: r.direction,
        amountCents: Number(r.amount_cents),
        paymentId: r.payment_id,
        refundId: null,
        note: r.note,
        actorId: null,
        actorName: r.actor_name,
        at: new Date(r.at),
        invoiceNumber: r.invoice_number,
      }));
    },
    /** Every payment of the period per method (cash or not, in a register or not), and cash taken outside. */
    async dayTotals(db: Database, organizationId: string, from: Date, to: Date) {
      const rows = await db
        .select({
          method: payments.method,
          n: sql<number>`count(*)::int`,
          cents: sql<string>`sum(${payments.amountCents})::text`,
          outside: sql<string>`coalesce(sum(${payments.amountCents}) FILTER (WHERE ${payments.cashRegisterId} IS NULL), 0)::text`,
        })
        .from(payments)
        .where(
          and(
            eq(payments.organizationId, organizationId),
            gte(payments.paidAt, from),
            lt(payments.paidAt, to),
          ),
        )
        .groupBy(payments.method)
        .orderBy(asc(payments.method));
      return rows.map((r) => ({
        method: r.method,
        count: Number(r.n),
        cents: Number(r.cents),
        outsideCents: Number(r.outside),
      }));
    },
    /** null when another register of the branch was opened at the same moment (the unique index) */
    async insertOpen(db: Database, values: typeof cashRegisters.$inferInsert) {
      const [row] = await db.insert(cashRegisters).values(values).onConflictDoNothing().returning();
      return row;
    },
    async close(db: Database, id: string, values: Partial<typeof cashRegisters.$inferInsert>) {
      const [row] = await db
        .update(cashRegisters)
        .set({ ...values, status: 'CLOSED', version: sql`${cashRegisters.version} + 1` })
        .where(eq(cashRegisters.id, id))
        .returning();
      return row!;
    },
    async linkPayment(db: Database, paymentId: string, registerId: string) {
      await db.update(payments).set({ cashRegisterId: registerId }).where(eq(payments.id, paymentId));
    },
    async insertMovement(db: Database, values: typeof cashMovements.$inferInsert) {
      const [row] = await db.insert(cashMovements).values(values).returning();
      return row!;
    },
  };
}
