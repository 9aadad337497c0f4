import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairParts } from '../../../db/schema/repair-parts.js';
import { repairAppliances, repairServices } from '../../../db/schema/repairs.js';
import { jsonRows, parseJsonRows } from '../../../platform/json-rows.js';

export type ApplianceRow = typeof repairAppliances.$inferSelect;
export type PartRow = typeof repairParts.$inferSelect;
export type ServiceRow = typeof repairServices.$inferSelect;
export type ApplianceInsert = typeof repairAppliances.$inferInsert;
export type ServiceInsert = typeof repairServices.$inferInsert;
export type PartInsert = typeof repairParts.$inferInsert;
export type LineDecision = 'approved' | 'declined';

const byPosition = <T extends { position: number }>(rows: T[]) =>
  rows.sort((a, b) => a.position - b.position);

const inPosition = (table: Parameters<typeof jsonRows>[0], alias: string, repairId: SQL) =>
  jsonRows(
    table,
    alias,
    sql`${sql.identifier(alias)}.repair_id = ${repairId}`,
    sql`${sql.identifier(alias)}.position`,
  );

/** The lines of service orders: appliances, labor (services) and parts. */
export function createLinesRepo() {
  return {
    /** An order's lines as three JSON columns of the statement that reads the order (`linesFromJson`). */
    linesJson(repairId: SQL): { appliances: SQL; services: SQL; parts: SQL } {
      return {
        appliances: inPosition(repairAppliances, 'la', repairId),
        services: inPosition(repairServices, 'ls', repairId),
        parts: inPosition(repairParts, 'lp', repairId),
      };
    },
    /** The appliance types of the order, in line order, as a column (the list's "what is it"). */
    applianceTypesSql(repairId: SQL): SQL<string[] | null> {
      return sql`(SELECT array_agg(at.type ORDER BY at.position) FROM ${repairAppliances} at WHERE at.repair_id = ${repairId})`;
    },
    linesFromJson(values: { appliances: unknown; services: unknown; parts: unknown }) {
      return {
        appliances: parseJsonRows(repairAppliances, values.appliances),
        services: parseJsonRows(repairServices, values.services),
        parts: parseJsonRows(repairParts, values.parts),
      };
    },
    async appliances(db: Database, repairId: string): Promise<ApplianceRow[]> {
      return db
        .select()
        .from(repairAppliances)
        .where(eq(repairAppliances.repairId, repairId))
        .orderBy(asc(repairAppliances.position));
    },
    async parts(db: Database, repairId: string): Promise<PartRow[]> {
      return db
        .select()
        .from(repairParts)
        .where(eq(repairParts.repairId, repairId))
        .orderBy(asc(repairParts.position));
    },
    async services(db: Database, repairId: string): Promise<ServiceRow[]> {
      return db
        .select()
        .from(repairServices)
        .where(eq(repairServices.repairId, repairId))
        .orderBy(asc(repairServices.position));
    },
    async part(db: Database, id: string): Promise<PartRow | undefined> {
      const [row] = await db.select().from(repairParts).where(eq(repairParts.id, id));
      return row;
    },
    /** The orders these assets are on as appliance lines (bounded: a search or a warranty lookup). */
    async repairIdsOnAssets(db: Database, assetIds: string[], limit?: number): Promise<string[]> {
      if (assetIds.length === 0) return [];
      const query = db
        .select({ id: repairAppliances.repairId })
        .from(repairAppliances)
        .where(inArray(repairAppliances.assetId, assetIds));
      const rows = limit === undefined ? await query : await query.limit(limit);
      return [...new Set(rows.map((r) => r.id))];
    },
    /** Each insert is one statement for all its rows and answers them in line order. */
    async insertAppliances(db: Database, rows: ApplianceInsert[]): Promise<ApplianceRow[]> {
      if (rows.length === 0) return [];
      return byPosition(await db.insert(repairAppliances).values(rows).returning());
    },
    async insertServices(db: Database, rows: ServiceInsert[]): Promise<ServiceRow[]> {
      if (rows.length === 0) return [];
      return byPosition(await db.insert(repairServices).values(rows).returning());
    },
    async insertParts(db: Database, rows: PartInsert[]): Promise<PartRow[]> {
      if (rows.length === 0) return [];
      return byPosition(await db.insert(repairParts).values(rows).returning());
    },
    async updateAppliance(db: Database, id: string, values: Partial<ApplianceInsert>) {
      await db.update(repairAppliances).set(values).where(eq(repairAppliances.id, id));
    },
    async updateService(db: Database, id: string, values: Partial<ServiceInsert>) {
      await db.update(repairServices).set(values).where(eq(repairServices.id, id));
    },
    async updatePart(db: Database, id: string, values: Partial<PartInsert>) {
      await db.update(repairParts).set(values).where(eq(repairParts.id, id));
    },
    async deleteAppliances(db: Database, ids: string[]) {
      if (ids.length) await db.delete(repairAppliances).where(inArray(repairAppliances.id, ids));
    },
    async deleteServices(db: Database, ids: string[]) {
      if (ids.length) await db.delete(repairServices).where(inArray(repairServices.id, ids));
    },
    async deleteParts(db: Database, ids: string[]) {
      if (ids.length) await db.delete(repairParts).where(inArray(repairParts.id, ids));
    },
    /** Every line of the order waits for the customer's answer (a new estimate was sent). */
    async markAllPending(db: Database, repairId: string) {
      for (const table of [repairAppliances, repairServices, repairParts] as const) {
        await db.update(table).set({ approval: 'pending' }).where(eq(table.repairId, repairId));
      }
    },
    async decideAppliance(db: Database, id: string, decision: LineDecision) {
      await db.update(repairAppliances).set({ approval: decision }).where(eq(repairAppliances.id, id));
    },
    async decideService(db: Database, id: string, decision: LineDecision) {
      await db.update(repairServices).set({ approval: decision }).where(eq(repairServices.id, id));
    },
  };
}
export type LinesRepo = ReturnType<typeof createLinesRepo>;
