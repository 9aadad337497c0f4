import { and, count, desc, eq, gt, lt, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { dataRequests, portalSignups } from '../../db/schema/portal.js';

export type SignupInsert = typeof portalSignups.$inferInsert;
export type SignupRow = typeof portalSignups.$inferSelect;
export type DataRequestRow = typeof dataRequests.$inferSelect;

/** Pending registrations and invitations, and the customers' LGPD requests. */
export function createPortalRepo() {
  return {
    async insertSignup(db: Database, values: SignupInsert): Promise<void> {
      await db.insert(portalSignups).values(values);
    },

    /**
     * Takes the link's pending row and deletes it, in one statement: a token works once, a second
     * concurrent use finds nothing. Only an unexpired link of that kind.
     */
    async consumeSignup(
      db: Database,
      tokenHash: string,
      kind: 'SIGNUP' | 'INVITATION',
    ): Promise<SignupRow | undefined> {
      const [row] = await db
        .delete(portalSignups)
        .where(
          and(
            eq(portalSignups.tokenHash, tokenHash),
            eq(portalSignups.kind, kind),
            gt(portalSignups.expiresAt, sql`now()`),
          ),
        )
        .returning();
      return row;
    },

    /** Links nobody opened in time: their sealed contact data goes with them. */
    async sweepExpiredSignups(db: Database): Promise<void> {
      await db.delete(portalSignups).where(lt(portalSignups.expiresAt, sql`now()`));
    },

    async insertDataRequest(db: Database, values: typeof dataRequests.$inferInsert): Promise<DataRequestRow> {
      const [row] = await db.insert(dataRequests).values(values).returning();
      return row!;
    },

    async dataRequestsOfCustomer(db: Database, organizationId: string, customerId: string) {
      return db
        .select()
        .from(dataRequests)
        .where(and(eq(dataRequests.organizationId, organizationId), eq(dataRequests.customerId, customerId)))
        .orderBy(desc(dataRequests.createdAt), desc(dataRequests.id))
        .limit(200);
    },

    async listDataRequests(
      db: Database,
      organizationId: string,
      q: { status?: string | undefined; limit: number; offset: number },
    ): Promise<{ rows: DataRequestRow[]; total: number }> {
      const conditions: SQL[] = [eq(dataRequests.organizationId, organizationId)];
      if (q.status) conditions.push(eq(dataRequests.status, q.status));
      const where = and(...conditions);
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(dataRequests)
          .where(where)
          .orderBy(desc(dataRequests.createdAt), desc(dataRequests.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(dataRequests).where(where),
      ]);
      return { rows, total: totals[0]?.n ?? 0 };
    },

    async findDataRequest(db: Database, organizationId: string, id: string, forUpdate = false) {
      const query = db
        .select()
        .from(dataRequests)
        .where(and(eq(dataRequests.organizationId, organizationId), eq(dataRequests.id, id)));
      const [row] = forUpdate ? await query.for('update') : await query;
      return row;
    },

    async resolveDataRequest(
      db: Database,
      id: string,
      values: { status: string; answer: string; resolvedBy: string; resolvedByName: string },
    ): Promise<DataRequestRow> {
      const [row] = await db
        .update(dataRequests)
        .set({ ...values, resolvedAt: sql`now()` })
        .where(eq(dataRequests.id, id))
        .returning();
      return row!;
    },
  };
}
export type PortalRepo = ReturnType<typeof createPortalRepo>;
