import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairEstimates } from '../../../db/schema/repairs.js';

export type EstimateRow = typeof repairEstimates.$inferSelect;
export type EstimateInsert = typeof repairEstimates.$inferInsert;
export type EstimateSnapshot = EstimateRow['snapshot'];

/** Estimate versions of service orders and the customer's answer to each. */
export function createEstimatesRepo() {
  return {
    async latest(db: Database, repairId: string): Promise<EstimateRow | undefined> {
      const [row] = await db
        .select()
        .from(repairEstimates)
        .where(eq(repairEstimates.repairId, repairId))
        .orderBy(desc(repairEstimates.version))
        .limit(1);
      return row;
    },
    async latestByRepairs(db: Database, repairIds: string[]): Promise<Map<string, EstimateRow>> {
      if (repairIds.length === 0) return new Map();
      const rows = await db
        .selectDistinctOn([repairEstimates.repairId])
        .from(repairEstimates)
        .where(inArray(repairEstimates.repairId, repairIds))
        .orderBy(repairEstimates.repairId, desc(repairEstimates.version));
      return new Map(rows.map((r) => [r.repairId, r]));
    },
    /** Every version of the order's estimate, newest first. */
    async list(db: Database, repairId: string): Promise<EstimateRow[]> {
      return db
        .select()
        .from(repairEstimates)
        .where(eq(repairEstimates.repairId, repairId))
        .orderBy(desc(repairEstimates.version));
    },
    async byVersion(db: Database, repairId: string, version: number): Promise<EstimateRow | undefined> {
      const [row] = await db
        .select()
        .from(repairEstimates)
        .where(and(eq(repairEstimates.repairId, repairId), eq(repairEstimates.version, version)));
      return row;
    },
    async byId(db: Database, id: string, options: { forUpdate?: boolean } = {}) {
      const query = db.select().from(repairEstimates).where(eq(repairEstimates.id, id));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    async insert(db: Database, values: EstimateInsert): Promise<EstimateRow> {
      const [row] = await db.insert(repairEstimates).values(values).returning();
      return row!;
    },
    /** An estimate not yet answered is replaced by the new version. */
    async supersedePending(db: Database, repairId: string): Promise<void> {
      await db
        .update(repairEstimates)
        .set({ status: 'superseded' })
        .where(and(eq(repairEstimates.repairId, repairId), eq(repairEstimates.status, 'pending')));
    },
    async supersede(db: Database, id: string): Promise<void> {
      await db.update(repairEstimates).set({ status: 'superseded' }).where(eq(repairEstimates.id, id));
    },
    async recordDecision(db: Database, id: string, values: Partial<EstimateInsert>): Promise<EstimateRow> {
      const [row] = await db
        .update(repairEstimates)
        .set(values)
        .where(eq(repairEstimates.id, id))
        .returning();
      return row!;
    },
  };
}
export type EstimatesRepo = ReturnType<typeof createEstimatesRepo>;
