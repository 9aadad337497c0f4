import { and, asc, count, desc, eq, gte, inArray, lte, max, min, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  assets,
  customers,
  repairAppliances,
  repairEstimates,
  repairEvents,
  repairParts,
  repairServices,
  repairs,
  repairTimeEntries,
  serviceCatalog,
  users,
} from '../../db/schema/index.js';
import { likeEscape } from '../../platform/search-terms.js';

export type RepairRow = typeof repairs.$inferSelect;
export type ApplianceRow = typeof repairAppliances.$inferSelect;
export type PartRow = typeof repairParts.$inferSelect;
export type ServiceRow = typeof repairServices.$inferSelect & { technicianName: string | null };
export type EventRow = typeof repairEvents.$inferSelect;
export type CatalogRow = typeof serviceCatalog.$inferSelect;
export type EstimateRow = typeof repairEstimates.$inferSelect;

/** Whose orders: one customer's or one asset's. */
export type RepairScope = { customerId: string } | { assetId: string };

// drizzle's exists() wraps only query builders; raw subqueries need their own parentheses
const existsSql = (query: SQL): SQL => sql`EXISTS (${query})`;

/** An order matches an asset when it is the order's asset or one of its appliances. */
function assetMatch(assetId: string): SQL {
  return or(
    eq(repairs.assetId, assetId),
    existsSql(
      sql`SELECT 1 FROM ${repairAppliances} WHERE ${repairAppliances.repairId} = ${repairs.id} AND ${repairAppliances.assetId} = ${assetId}`,
    ),
  )!;
}

function scopeFilter(organizationId: string, scope: RepairScope): SQL {
  return and(
    eq(repairs.organizationId, organizationId),
    'customerId' in scope ? eq(repairs.customerId, scope.customerId) : assetMatch(scope.assetId),
  )!;
}

export type RepairListFilter = {
  statuses?: string[] | undefined;
  customerId?: string | undefined;
  assetId?: string | undefined;
  technicianId?: string | undefined;
  serviceType?: string | undefined;
  priority?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  open?: boolean | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  /** for `q`: customers and assets it matches (their own indexed search), found first */
  matches?: { customerIds: string[]; assetIds: string[]; repairIds: string[] } | undefined;
  sort: string;
  page: number;
  pageSize: number;
  now: Date;
};

const OPEN = sql`${repairs.status} NOT IN ('FINALIZADO','ENTREGUE','CANCELADO')`;

function listConditions(organizationId: string, f: RepairListFilter): SQL[] {
  const c: SQL[] = [eq(repairs.organizationId, organizationId)];
  if (f.statuses?.length) c.push(inArray(repairs.status, f.statuses));
  if (f.customerId) c.push(eq(repairs.customerId, f.customerId));
  if (f.assetId) c.push(assetMatch(f.assetId));
  if (f.technicianId) c.push(eq(repairs.technicianId, f.technicianId));
  if (f.serviceType) c.push(eq(repairs.serviceType, f.serviceType));
  if (f.priority) c.push(eq(repairs.priority, f.priority));
  if (f.from) c.push(gte(repairs.receivedAt, f.from));
  if (f.to) c.push(lte(repairs.receivedAt, f.to));
  if (f.open === true) c.push(OPEN);
  if (f.open === false) c.push(sql`NOT (${OPEN})`);
  if (f.overdue) c.push(and(OPEN, sql`${repairs.deadline} < ${f.now}`)!);
  if (f.q) {
    const digits = f.q.replace(/^#/, '');
    const arms: SQL[] = [
      sql`lower(f_unaccent(${repairs.serviceDescription})) LIKE lower(f_unaccent(${`%${likeEscape(f.q)}%`}))`,
    ];
    if (/^\d{1,9}$/.test(digits)) arms.push(eq(repairs.number, Number(digits)));
    const m = f.matches;
    if (m?.customerIds.length) arms.push(inArray(repairs.customerId, m.customerIds));
    if (m?.assetIds.length) arms.push(inArray(repairs.assetId, m.assetIds));
    if (m?.repairIds.length) arms.push(inArray(repairs.id, m.repairIds));
    c.push(or(...arms)!);
  }
  return c;
}

const PRIORITY_RANK = sql`CASE ${repairs.priority} WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END`;

function orderOf(sort: string): SQL[] {
  switch (sort) {
    case 'receivedAt':
      return [asc(repairs.receivedAt), asc(repairs.number)];
    case '-number':
      return [desc(repairs.number)];
    case 'deadline':
      return [sql`${repairs.deadline} ASC NULLS LAST`, desc(repairs.number)];
    case '-updatedAt':
      return [desc(repairs.updatedAt), desc(repairs.number)];
    case 'priority':
      return [PRIORITY_RANK, sql`${repairs.deadline} ASC NULLS LAST`, desc(repairs.number)];
    default:
      return [desc(repairs.receivedAt), desc(repairs.number)];
  }
}

export type RepairListRow = RepairRow & {
  customerName: string;
  technicianName: string | null;
  asset: typeof assets.$inferSelect | null;
};

export function createRepairsRepo() {
  return {
    // ------------------------------------------------------------ history (customers, assets)
    async listForHistory(
      db: Database,
      organizationId: string,
      scope: RepairScope,
      limit: number,
    ): Promise<RepairRow[]> {
      return db
        .select()
        .from(repairs)
        .where(scopeFilter(organizationId, scope))
        .orderBy(desc(repairs.receivedAt), desc(repairs.number))
        .limit(limit);
    },
    async totals(db: Database, organizationId: string, scope: RepairScope, since: Date) {
      const [row] = await db
        .select({
          total: count(),
          recent: sql<number>`count(*) FILTER (WHERE ${repairs.receivedAt} >= ${since})`.mapWith(Number),
          first: min(repairs.receivedAt),
          last: max(repairs.receivedAt),
        })
        .from(repairs)
        .where(scopeFilter(organizationId, scope));
      return row!;
    },
    /** Orders per calendar month (UTC) from `since` on. */
    async byMonth(db: Database, organizationId: string, scope: RepairScope, since: Date) {
      const month = sql<string>`to_char(${repairs.receivedAt} AT TIME ZONE 'UTC', 'YYYY-MM')`;
      return db
        .select({ month, orders: count() })
        .from(repairs)
        .where(and(scopeFilter(organizationId, scope), gte(repairs.receivedAt, since)))
        .groupBy(month);
    },

    // ------------------------------------------------------------ orders
    /** The next per-organization number; the advisory lock holds until commit. */
    async nextNumber(db: Database, organizationId: string): Promise<number> {
      await db.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`repair-number:${organizationId}`}, 0))`,
      );
      const [row] = await db
        .select({ max: sql<number>`coalesce(max(${repairs.number}), 0)`.mapWith(Number) })
        .from(repairs)
        .where(eq(repairs.organizationId, organizationId));
      return (row?.max ?? 0) + 1;
    },
    async insert(db: Database, values: typeof repairs.$inferInsert): Promise<RepairRow> {
      const [row] = await db.insert(repairs).values(values).returning();
      return row!;
    },
    async findById(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<RepairRow | undefined> {
      const query = db
        .select()
        .from(repairs)
        .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    /** Writes and bumps the version; callers hold the row lock. */
    async update(
      db: Database,
      organizationId: string,
      id: string,
      values: Partial<typeof repairs.$inferInsert>,
    ): Promise<RepairRow> {
      const [row] = await db
        .update(repairs)
        .set({ ...values, updatedAt: new Date(), version: sql`${repairs.version} + 1` })
        .where(and(eq(repairs.organizationId, organizationId), eq(repairs.id, id)))
        .returning();
      return row!;
    },
    /**
     * What a list search matches besides the order itself: customers by name, e-mail or phone and
     * assets by plate, serial, brand or model (their trigger-kept search_text and trigram indexes),
     * and the orders those appliances are on. Bounded, so the order query stays an index lookup.
     */
    async searchMatches(db: Database, organizationId: string, q: string) {
      const like = `%${likeEscape(q.toLowerCase())}%`;
      const compact = `%${likeEscape(q.toLowerCase().replace(/[^a-z0-9]/g, ''))}%`;
      const customerRows = await db.execute<{ id: string }>(
        sql`SELECT id FROM customers WHERE organization_id = ${organizationId} AND search_text LIKE lower(f_unaccent(${like})) LIMIT 2000`,
      );
      const assetRows = await db.execute<{ id: string }>(
        sql`SELECT id FROM assets WHERE organization_id = ${organizationId} AND (search_text LIKE lower(f_unaccent(${like}))${
          compact.length > 4 ? sql` OR search_text LIKE ${compact}` : sql``
        }) LIMIT 2000`,
      );
      const assetIds = assetRows.rows.map((r) => r.id);
      const repairRows = assetIds.length
        ? await db
            .select({ id: repairAppliances.repairId })
            .from(repairAppliances)
            .where(inArray(repairAppliances.assetId, assetIds))
            .limit(5000)
        : [];
      return {
        customerIds: customerRows.rows.map((r) => r.id),
        assetIds,
        repairIds: [...new Set(repairRows.map((r) => r.id))],
      };
    },
    /** The server's sums, written right after the lines at creation (the order stays at version 1). */
    async setTotals(
      db: Database,
      id: string,
      values: Partial<typeof repairs.$inferInsert>,
    ): Promise<RepairRow> {
      const [row] = await db.update(repairs).set(values).where(eq(repairs.id, id)).returning();
      return row!;
    },
    async list(db: Database, organizationId: string, filter: RepairListFilter) {
      const where = and(...listConditions(organizationId, filter));
      const base = () =>
        db
          .select({
            repair: repairs,
            customerName: customers.name,
            technicianName: users.name,
            asset: assets,
          })
          .from(repairs)
          .innerJoin(customers, eq(customers.id, repairs.customerId))
          .leftJoin(users, eq(users.id, repairs.technicianId))
          .leftJoin(assets, eq(assets.id, repairs.assetId));
      const [rows, [total]] = await Promise.all([
        base()
          .where(where)
          .orderBy(...orderOf(filter.sort))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        // every condition is on the order's own columns: the count needs no join
        db.select({ n: count() }).from(repairs).where(where),
      ]);
      return {
        rows: rows.map(
          (r): RepairListRow => ({
            ...r.repair,
            customerName: r.customerName,
            technicianName: r.technicianName,
            asset: r.asset,
          }),
        ),
        total: total?.n ?? 0,
      };
    },
    async applianceTypes(db: Database, repairIds: string[]): Promise<Map<string, string[]>> {
      if (repairIds.length === 0) return new Map();
      const rows = await db
        .select({ repairId: repairAppliances.repairId, type: repairAppliances.type })
        .from(repairAppliances)
        .where(inArray(repairAppliances.repairId, repairIds))
        .orderBy(asc(repairAppliances.position));
      const map = new Map<string, string[]>();
      for (const r of rows) map.set(r.repairId, [...(map.get(r.repairId) ?? []), r.type]);
      return map;
    },

    // ------------------------------------------------------------ lines
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
      const rows = await db
        .select({ line: repairServices, technicianName: users.name })
        .from(repairServices)
        .leftJoin(users, eq(users.id, repairServices.technicianId))
        .where(eq(repairServices.repairId, repairId))
        .orderBy(asc(repairServices.position));
      return rows.map((r) => ({ ...r.line, technicianName: r.technicianName }));
    },
    async insertAppliances(db: Database, rows: (typeof repairAppliances.$inferInsert)[]) {
      if (rows.length) await db.insert(repairAppliances).values(rows);
    },
    async insertServices(db: Database, rows: (typeof repairServices.$inferInsert)[]) {
      if (rows.length) await db.insert(repairServices).values(rows);
    },
    async insertParts(db: Database, rows: (typeof repairParts.$inferInsert)[]) {
      if (rows.length) await db.insert(repairParts).values(rows);
    },
    async updateAppliance(db: Database, id: string, values: Partial<typeof repairAppliances.$inferInsert>) {
      await db.update(repairAppliances).set(values).where(eq(repairAppliances.id, id));
    },
    async updateService(db: Database, id: string, values: Partial<typeof repairServices.$inferInsert>) {
      await db.update(repairServices).set(values).where(eq(repairServices.id, id));
    },
    async updatePart(db: Database, id: string, values: Partial<typeof repairParts.$inferInsert>) {
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

    // ------------------------------------------------------------ events, time, estimates
    async insertEvent(db: Database, values: typeof repairEvents.$inferInsert): Promise<EventRow> {
      const [row] = await db.insert(repairEvents).values(values).returning();
      return row!;
    },
    async events(db: Database, organizationId: string, repairId: string): Promise<EventRow[]> {
      return db
        .select()
        .from(repairEvents)
        .where(and(eq(repairEvents.organizationId, organizationId), eq(repairEvents.repairId, repairId)))
        .orderBy(desc(repairEvents.seq));
    },
    /** Seconds measured by timers; running ones count up to `now`. */
    async actualSeconds(db: Database, repairId: string, now: Date): Promise<number> {
      const [row] = await db
        .select({
          seconds:
            sql<number>`coalesce(sum(extract(epoch FROM (coalesce(${repairTimeEntries.endedAt}, ${now}::timestamptz) - ${repairTimeEntries.startedAt}))), 0)`.mapWith(
              Number,
            ),
        })
        .from(repairTimeEntries)
        .where(eq(repairTimeEntries.repairId, repairId));
      return row?.seconds ?? 0;
    },
    async stopTimers(db: Database, repairId: string, at: Date): Promise<void> {
      await db
        .update(repairTimeEntries)
        .set({ endedAt: at })
        .where(and(eq(repairTimeEntries.repairId, repairId), sql`${repairTimeEntries.endedAt} IS NULL`));
    },
    async latestEstimate(db: Database, repairId: string): Promise<EstimateRow | undefined> {
      const [row] = await db
        .select()
        .from(repairEstimates)
        .where(eq(repairEstimates.repairId, repairId))
        .orderBy(desc(repairEstimates.version))
        .limit(1);
      return row;
    },
    async latestEstimates(db: Database, repairIds: string[]): Promise<Map<string, EstimateRow>> {
      if (repairIds.length === 0) return new Map();
      const rows = await db
        .selectDistinctOn([repairEstimates.repairId])
        .from(repairEstimates)
        .where(inArray(repairEstimates.repairId, repairIds))
        .orderBy(repairEstimates.repairId, desc(repairEstimates.version));
      return new Map(rows.map((r) => [r.repairId, r]));
    },
    async numbersByIds(db: Database, ids: string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: repairs.id, number: repairs.number })
        .from(repairs)
        .where(inArray(repairs.id, ids));
      return new Map(rows.map((r) => [r.id, r.number]));
    },

    /**
     * The most recent finished or delivered order for one of these assets whose warranty still runs
     * on `at` (PRODUCT §4: a return inside the warranty is flagged and linked).
     */
    async warrantyParent(
      db: Database,
      organizationId: string,
      assetIds: string[],
      at: Date,
      excludeId?: string,
    ): Promise<{ id: string; number: number } | undefined> {
      if (assetIds.length === 0) return undefined;
      // two index lookups (the asset's orders, the orders its appliance lines are on), never a scan
      const onLines = await db
        .select({ id: repairAppliances.repairId })
        .from(repairAppliances)
        .where(inArray(repairAppliances.assetId, assetIds));
      const lineRepairIds = [...new Set(onLines.map((r) => r.id))];
      const [row] = await db
        .select({ id: repairs.id, number: repairs.number })
        .from(repairs)
        .where(
          and(
            eq(repairs.organizationId, organizationId),
            inArray(repairs.status, ['FINALIZADO', 'ENTREGUE']),
            gte(repairs.warrantyUntil, at),
            excludeId ? sql`${repairs.id} <> ${excludeId}` : undefined,
            lineRepairIds.length
              ? or(inArray(repairs.assetId, assetIds), inArray(repairs.id, lineRepairIds))
              : inArray(repairs.assetId, assetIds),
          ),
        )
        .orderBy(desc(repairs.finishedAt))
        .limit(1);
      return row;
    },

    /** A staff member who may work on orders: active, of this organization. */
    async activeStaff(db: Database, organizationId: string, id: string) {
      const [row] = await db
        .select({ id: users.id, name: users.name, role: users.role })
        .from(users)
        .where(
          and(
            eq(users.organizationId, organizationId),
            eq(users.id, id),
            eq(users.active, true),
            sql`${users.role} <> 'CUSTOMER'`,
          ),
        );
      return row;
    },
    async userNames(db: Database, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, ids));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    /** The customer's last visit, for the customer list's "last visit" sort. */
    async touchCustomerVisit(db: Database, customerId: string, at: Date) {
      await db
        .update(customers)
        .set({ lastVisitAt: sql`GREATEST(coalesce(${customers.lastVisitAt}, ${at}), ${at})` })
        .where(eq(customers.id, customerId));
    },

    // ------------------------------------------------------------ service catalog
    async catalogById(db: Database, organizationId: string, id: string): Promise<CatalogRow | undefined> {
      const [row] = await db
        .select()
        .from(serviceCatalog)
        .where(and(eq(serviceCatalog.organizationId, organizationId), eq(serviceCatalog.id, id)));
      return row;
    },
    async catalogByIds(
      db: Database,
      organizationId: string,
      ids: string[],
    ): Promise<Map<string, CatalogRow>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select()
        .from(serviceCatalog)
        .where(and(eq(serviceCatalog.organizationId, organizationId), inArray(serviceCatalog.id, ids)));
      return new Map(rows.map((r) => [r.id, r]));
    },
    async catalogList(
      db: Database,
      organizationId: string,
      filter: { q?: string | undefined; active?: boolean | undefined; page: number; pageSize: number },
    ) {
      const c: SQL[] = [eq(serviceCatalog.organizationId, organizationId)];
      if (filter.active !== undefined) c.push(eq(serviceCatalog.active, filter.active));
      if (filter.q) {
        const like = `%${likeEscape(filter.q)}%`;
        c.push(
          or(
            sql`f_unaccent(${serviceCatalog.name}) ILIKE f_unaccent(${like})`,
            sql`${serviceCatalog.code} ILIKE ${like}`,
            sql`f_unaccent(${serviceCatalog.description}) ILIKE f_unaccent(${like})`,
          )!,
        );
      }
      const where = and(...c);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(serviceCatalog)
          .where(where)
          .orderBy(asc(serviceCatalog.name), asc(serviceCatalog.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(serviceCatalog).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    async catalogInsert(db: Database, values: typeof serviceCatalog.$inferInsert): Promise<CatalogRow> {
      const [row] = await db.insert(serviceCatalog).values(values).returning();
      return row!;
    },
    async catalogUpdate(
      db: Database,
      organizationId: string,
      id: string,
      version: number,
      values: Partial<typeof serviceCatalog.$inferInsert>,
    ): Promise<CatalogRow | undefined> {
      const [row] = await db
        .update(serviceCatalog)
        .set({ ...values, updatedAt: new Date(), version: sql`${serviceCatalog.version} + 1` })
        .where(
          and(
            eq(serviceCatalog.organizationId, organizationId),
            eq(serviceCatalog.id, id),
            eq(serviceCatalog.version, version),
          ),
        )
        .returning();
      return row;
    },
  };
}
export type RepairsRepo = ReturnType<typeof createRepairsRepo>;
