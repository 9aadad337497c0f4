import { and, count, desc, eq, gte, max, min, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairs } from '../../../db/schema/repairs.js';
import { assetMatch, type RepairRow } from '../orders/repairs.repo.js';

/** Whose orders: one customer's or one asset's. */
export type RepairScope = { customerId: string } | { assetId: string };

function scopeFilter(organizationId: string, scope: RepairScope): SQL {
  return and(
    eq(repairs.organizationId, organizationId),
    'customerId' in scope ? eq(repairs.customerId, scope.customerId) : assetMatch(scope.assetId),
  )!;
}

/** The orders of one customer or one asset, as their history pages read them. */
export function createHistoryRepo() {
  return {
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
  };
}
export type HistoryRepo = ReturnType<typeof createHistoryRepo>;
