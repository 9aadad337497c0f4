import { and, asc, count, desc, eq, gte, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { maintenancePlans } from '../../../db/schema/communication.js';

export type MaintenancePlanRow = typeof maintenancePlans.$inferSelect;
export type MaintenancePlanInsert = typeof maintenancePlans.$inferInsert;
/** What a change may set; the id, the organization and the asset never change. */
export type MaintenancePlanColumns = Partial<
  Omit<MaintenancePlanInsert, 'id' | 'organizationId' | 'assetId' | 'createdAt' | 'version'>
>;

/** The plans due by a day: overdue before `today`, due soon from `today` to `soonUntil` (UTC days). */
export type DueWindow = { today: Date; soonUntil: Date; status?: 'due_soon' | 'overdue' | undefined };

function dueCondition(organizationId: string, window: DueWindow) {
  const due =
    window.status === 'overdue'
      ? lt(maintenancePlans.nextDueAt, window.today)
      : window.status === 'due_soon'
        ? and(
            gte(maintenancePlans.nextDueAt, window.today),
            lte(maintenancePlans.nextDueAt, window.soonUntil),
          )
        : lte(maintenancePlans.nextDueAt, window.soonUntil);
  return and(
    eq(maintenancePlans.organizationId, organizationId),
    eq(maintenancePlans.active, true),
    isNotNull(maintenancePlans.nextDueAt),
    due,
  );
}

/** Maintenance plans (issue 14 §4); every query filters by organization. */
export function createMaintenanceRepo() {
  return {
    async listByAsset(db: Database, organizationId: string, assetId: string): Promise<MaintenancePlanRow[]> {
      return db
        .select()
        .from(maintenancePlans)
        .where(
          and(eq(maintenancePlans.organizationId, organizationId), eq(maintenancePlans.assetId, assetId)),
        )
        .orderBy(desc(maintenancePlans.active), asc(maintenancePlans.createdAt));
    },

    async findById(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<MaintenancePlanRow | undefined> {
      const query = db
        .select()
        .from(maintenancePlans)
        .where(and(eq(maintenancePlans.organizationId, organizationId), eq(maintenancePlans.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },

    async insert(db: Database, values: MaintenancePlanInsert): Promise<MaintenancePlanRow> {
      const [row] = await db.insert(maintenancePlans).values(values).returning();
      return row!;
    },

    /** A staff change: moves the version on; undefined when the version moved meanwhile. */
    async update(
      db: Database,
      organizationId: string,
      id: string,
      version: number,
      columns: MaintenancePlanColumns,
    ): Promise<MaintenancePlanRow | undefined> {
      const [row] = await db
        .update(maintenancePlans)
        .set({ ...columns, updatedAt: new Date(), version: sql`${maintenancePlans.version} + 1` })
        .where(
          and(
            eq(maintenancePlans.organizationId, organizationId),
            eq(maintenancePlans.id, id),
            eq(maintenancePlans.version, version),
          ),
        )
        .returning();
      return row;
    },

    /**
     * What the daily job keeps current (the stored projection, the owner after a transfer, the last
     * reminder): no new version, so a form open on the plan is not refused for it.
     */
    async refresh(
      db: Database,
      organizationId: string,
      id: string,
      columns: Pick<MaintenancePlanColumns, 'nextDueAt' | 'dueReason' | 'customerId' | 'lastRemindedAt'>,
    ): Promise<void> {
      await db
        .update(maintenancePlans)
        .set(columns)
        .where(and(eq(maintenancePlans.organizationId, organizationId), eq(maintenancePlans.id, id)));
    },

    /** The organizations with at least one active plan: the daily job's work list. */
    async organizationsWithActivePlans(db: Database): Promise<string[]> {
      const rows = await db
        .selectDistinct({ organizationId: maintenancePlans.organizationId })
        .from(maintenancePlans)
        .where(eq(maintenancePlans.active, true));
      return rows.map((r) => r.organizationId);
    },

    async activeByOrganization(db: Database, organizationId: string): Promise<MaintenancePlanRow[]> {
      return db
        .select()
        .from(maintenancePlans)
        .where(and(eq(maintenancePlans.organizationId, organizationId), eq(maintenancePlans.active, true)))
        .orderBy(asc(maintenancePlans.assetId), asc(maintenancePlans.createdAt));
    },

    /** Active plans due soon or overdue, soonest first, a page of them and how many in all. */
    async listDue(
      db: Database,
      organizationId: string,
      window: DueWindow,
      page: { limit: number; offset: number },
    ): Promise<{ rows: MaintenancePlanRow[]; total: number }> {
      const where = dueCondition(organizationId, window);
      const [rows, [counted]] = await Promise.all([
        db
          .select()
          .from(maintenancePlans)
          .where(where)
          .orderBy(asc(maintenancePlans.nextDueAt), asc(maintenancePlans.id))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ total: count() }).from(maintenancePlans).where(where),
      ]);
      return { rows, total: counted?.total ?? 0 };
    },
  };
}
export type MaintenanceRepo = ReturnType<typeof createMaintenanceRepo>;
