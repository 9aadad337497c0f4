import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { repairs, toolEvents, tools, users } from '../../db/schema/index.js';
import { likeEscape } from '../../platform/search-terms.js';

export type ToolRow = typeof tools.$inferSelect & { technicianName: string | null };
export type ToolEventRow = typeof toolEvents.$inferSelect & { technicianName: string | null };

const withTechnician = { tool: tools, technicianName: users.name };

export function createToolsRepo() {
  return {
    async findById(db: Database, organizationId: string, id: string): Promise<ToolRow | undefined> {
      const [row] = await db
        .select(withTechnician)
        .from(tools)
        .leftJoin(users, eq(users.id, tools.checkoutTechnicianId))
        .where(and(eq(tools.organizationId, organizationId), eq(tools.id, id)));
      return row ? { ...row.tool, technicianName: row.technicianName } : undefined;
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
          .select(withTechnician)
          .from(tools)
          .leftJoin(users, eq(users.id, tools.checkoutTechnicianId))
          .where(where)
          .orderBy(asc(tools.name), asc(tools.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(tools).where(where),
      ]);
      return {
        rows: rows.map((r) => ({ ...r.tool, technicianName: r.technicianName })),
        total: total?.n ?? 0,
      };
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
      const rows = await db
        .select({ event: toolEvents, technicianName: users.name })
        .from(toolEvents)
        .leftJoin(users, eq(users.id, toolEvents.technicianId))
        .where(and(eq(toolEvents.organizationId, organizationId), eq(toolEvents.toolId, toolId)))
        .orderBy(desc(toolEvents.at), desc(toolEvents.id))
        .limit(500);
      return rows.map((r) => ({ ...r.event, technicianName: r.technicianName }));
    },

    async technician(db: Database, organizationId: string, id: string) {
      const [row] = await db
        .select({ id: users.id, name: users.name, role: users.role })
        .from(users)
        .where(and(eq(users.organizationId, organizationId), eq(users.id, id), eq(users.active, true)));
      return row;
    },

    async repairExists(db: Database, organizationId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: repairs.id })
        .from(repairs)
        .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, id)));
      return !!row;
    },
  };
}
export type ToolsRepo = ReturnType<typeof createToolsRepo>;
