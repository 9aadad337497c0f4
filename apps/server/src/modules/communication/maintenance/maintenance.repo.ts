import { and, asc, count, desc, eq, gte, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { maintenancePlans, maintenanceReminders } from '../../../db/schema/communication.js';

export type MaintenancePlanRow = typeof maintenancePlans.$inferSelect;
export type MaintenancePlanInsert = typeof maintenancePlans.$inferInsert;
/** What a change may set; the id, the organization and the asset never change. */
export type MaintenancePlanColumns = Partial<
  Omit<MaintenancePlanInsert, 'id' | 'organizationId' | 'assetId' | 'createdAt' | 'version'>
>;

/** A plan created or a reminder it sent, as the asset's and the customer's timelines show them. */
export type MaintenanceHistoryRow = {
  kind: 'plan_created' | 'reminder_sent';
  at: Date;
  assetId: string;
  planId: string;
  planName: string;
  /** for a reminder: the due date it announced */
  dueAt: Date | null;
};

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

    /** A reminder the daily job sent, beside its notification event. */
    async insertReminder(db: Database, values: typeof maintenanceReminders.$inferInsert): Promise<void> {
      await db.insert(maintenanceReminders).values(values);
    },

    /**
     * An asset's or a customer's plans created and reminders sent, newest first, at most `limit`, in
     * one statement.
     */
    async history(
      db: Database,
      organizationId: string,
      scope: { assetId: string } | { customerId: string },
      limit: number,
    ): Promise<MaintenanceHistoryRow[]> {
      const [plansOf, remindersOf] =
        'assetId' in scope
          ? [sql`p.asset_id = ${scope.assetId}`, sql`m.asset_id = ${scope.assetId}`]
          : [sql`p.customer_id = ${scope.customerId}`, sql`m.customer_id = ${scope.customerId}`];
      const result = await db.execute<{
        kind: MaintenanceHistoryRow['kind'];
        at: Date | string;
        asset_id: string;
        plan_id: string;
        plan_name: string;
        due_at: Date | string | null;
      }>(sql`
        SELECT 'plan_created' AS kind, p.created_at AS at, p.asset_id, p.id AS plan_id, p.name AS plan_name,
               NULL::timestamptz AS due_at
        FROM ${maintenancePlans} p
        WHERE p.organization_id = ${organizationId} AND ${plansOf}
        UNION ALL
        SELECT 'reminder_sent', m.sent_at, m.asset_id, m.plan_id, p.name, m.due_at
        FROM ${maintenanceReminders} m JOIN ${maintenancePlans} p ON p.id = m.plan_id
        WHERE m.organization_id = ${organizationId} AND ${remindersOf}
        ORDER BY at DESC
        LIMIT ${limit}`);
      return result.rows.map((r) => ({
        kind: r.kind,
        at: new Date(r.at),
        assetId: r.asset_id,
        planId: r.plan_id,
        planName: r.plan_name,
        dueAt: r.due_at === null ? null : new Date(r.due_at),
      }));
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
