import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { toolEvents, tools } from '../../db/schema/inventory.js';
import { likeEscape } from '../../platform/search-terms.js';

export type ToolRow = typeof tools.$inferSelect;
export type ToolEventRow = typeof toolEvents.$inferSelect;

export function createToolsRepo() {
  return {
    async findById(db: Database, organizationId: string, id: string): Promise<ToolRow | undefined> {
      const [row] = await db
        .select()
        .from(tools)
        .where(and(eq(tools.organizationId, organizationId), eq(tools.id, id)));
      return row;
    },

    async list(
      db: Database,
      organizationId: string,
      filter: {
        q?: string | undefined;
        status?: string | undefined;
        category?: string | undefined;
        repairId?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      const conditions: SQL[] = [eq(tools.organizationId, organizationId)];
      if (filter.q) {
        const like = `%${likeEscape(filter.q)}%`;
        conditions.push(or(ilike(tools.name, like), ilike(tools.code, like))!);
      }
      if (filter.status) conditions.push(eq(tools.status, filter.status));
      if (filter.category) conditions.push(eq(tools.category, filter.category));
      if (filter.repairId) conditions.push(eq(tools.checkoutRepairId, filter.repairId));
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(tools)
          .where(where)
          .orderBy(asc(tools.name), asc(tools.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(tools).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async insert(db: Database, values: typeof tools.$inferInsert) {
      const [row] = await db.insert(tools).values(values).returning();
      return row!;
    },

    /**
     * A conditional update: only a row still in `fromStatus` (and, when given, at `version`) changes.
     * `false` means someone else got there first.
     */
    async transition(
      db: Database,
      organizationId: string,
      id: string,
      fromStatus: string | null,
      values: Partial<typeof tools.$inferInsert>,
      version?: number,
    ): Promise<boolean> {
      const conditions: SQL[] = [eq(tools.organizationId, organizationId), eq(tools.id, id)];
      if (fromStatus) conditions.push(eq(tools.status, fromStatus));
      if (version !== undefined) conditions.push(eq(tools.version, version));
      const rows = await db
        .update(tools)
        .set({ ...values, updatedAt: new Date(), version: sql`${tools.version} + 1` })
        .where(and(...conditions))
        .returning({ id: tools.id });
      return rows.length > 0;
    },

    async insertEvent(db: Database, values: typeof toolEvents.$inferInsert): Promise<void> {
      await db.insert(toolEvents).values(values);
    },

    async events(db: Database, organizationId: string, toolId: string): Promise<ToolEventRow[]> {
      return db
        .select()
        .from(toolEvents)
        .where(and(eq(toolEvents.organizationId, organizationId), eq(toolEvents.toolId, toolId)))
        .orderBy(desc(toolEvents.at), desc(toolEvents.id))
        .limit(500);
    },
  };
}
export type ToolsRepo = ReturnType<typeof createToolsRepo>;
