import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairEstimates } from '../../../db/schema/repairs.js';
import { jsonFirstRow, parseJsonRow } from '../../../platform/json-rows.js';

export type EstimateRow = typeof repairEstimates.$inferSelect;
export type EstimateInsert = typeof repairEstimates.$inferInsert;
export type EstimateSnapshot = EstimateRow['snapshot'];

/** Estimate versions of service orders and the customer's answer to each. */
export function createEstimatesRepo() {
  return {
    /** The order's latest estimate as a JSON column of the statement that reads the order. */
    latestJson(repairId: SQL): SQL {
      return jsonFirstRow(repairEstimates, 'le', sql`le.repair_id = ${repairId}`, sql`le.version DESC`);
    },
    /** What a list shows of the order's latest estimate, as a JSON column: version, status, validity. */
    latestSummaryJson(repairId: SQL): SQL {
      return sql`(SELECT json_build_object('version', ls.version, 'status', ls.status, 'validUntil', ls.valid_until)
        FROM ${repairEstimates} ls WHERE ls.repair_id = ${repairId} ORDER BY ls.version DESC LIMIT 1)`;
    },
    latestFromJson(value: unknown): EstimateRow | undefined {
      return parseJsonRow(repairEstimates, value);
    },
    async latest(db: Database, repairId: string): Promise<EstimateRow | undefined> {
      const [row] = await db
        .select()
        .from(repairEstimates)
        .where(eq(repairEstimates.repairId, repairId))
        .orderBy(desc(repairEstimates.version))
        .limit(1);
      return row;
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
