import { and, asc, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { serviceCatalog } from '../../../db/schema/repairs.js';
import { likeEscape } from '../../../platform/search-terms.js';

export type CatalogRow = typeof serviceCatalog.$inferSelect;
export type CatalogInsert = typeof serviceCatalog.$inferInsert;

/** The service catalog: standard jobs ("canned jobs") with hours and price. */
export function createCatalogRepo() {
  return {
    async byId(db: Database, organizationId: string, id: string): Promise<CatalogRow | undefined> {
      const [row] = await db
        .select()
        .from(serviceCatalog)
        .where(and(eq(serviceCatalog.organizationId, organizationId), eq(serviceCatalog.id, id)));
      return row;
    },
    async byIds(db: Database, organizationId: string, ids: string[]): Promise<Map<string, CatalogRow>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select()
        .from(serviceCatalog)
        .where(and(eq(serviceCatalog.organizationId, organizationId), inArray(serviceCatalog.id, ids)));
      return new Map(rows.map((r) => [r.id, r]));
    },
    async list(
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
    async insert(db: Database, values: CatalogInsert): Promise<CatalogRow> {
      const [row] = await db.insert(serviceCatalog).values(values).returning();
      return row!;
    },
    /** Writes only if the row is still at `version` (undefined otherwise) and bumps it. */
    async update(
      db: Database,
      organizationId: string,
      id: string,
      version: number,
      values: Partial<CatalogInsert>,
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
export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
