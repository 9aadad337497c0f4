import { and, desc, eq, gt } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { pixCharges } from '../../db/schema/billing.js';

export type PixChargeRow = typeof pixCharges.$inferSelect;

export function createPixChargesRepo() {
  return {
    /** The invoice's charge for this very amount that is still payable (a new balance needs a new one). */
    async live(db: Database, invoiceId: string, amountCents: number, now: Date) {
      const [row] = await db
        .select()
        .from(pixCharges)
        .where(
          and(
            eq(pixCharges.invoiceId, invoiceId),
            eq(pixCharges.amountCents, amountCents),
            eq(pixCharges.status, 'ATIVA'),
            // a minute of margin: a code about to expire is not handed to a customer
            gt(pixCharges.expiresAt, new Date(now.getTime() + 60_000)),
          ),
        )
        .orderBy(desc(pixCharges.createdAt))
        .limit(1);
      return row;
    },
    async byTxid(db: Database, txid: string): Promise<PixChargeRow | undefined> {
      const [row] = await db.select().from(pixCharges).where(eq(pixCharges.txid, txid));
      return row;
    },
    async insert(db: Database, values: typeof pixCharges.$inferInsert): Promise<PixChargeRow> {
      const [row] = await db.insert(pixCharges).values(values).returning();
      return row!;
    },
    async markPaid(db: Database, txid: string) {
      await db.update(pixCharges).set({ status: 'CONCLUIDA' }).where(eq(pixCharges.txid, txid));
    },
  };
}
export type PixChargesRepo = ReturnType<typeof createPixChargesRepo>;
