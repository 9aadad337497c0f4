import type { Database } from '../../../db/client.js';
import type { HistoryRepo, RepairScope } from './history.repo.js';

export type { RepairScope } from './history.repo.js';

export type RepairSummary = {
  id: string;
  number: number;
  customerId: string;
  assetId: string | null;
  serviceType: string | null;
  status: string;
  totalCents: number;
  receivedAt: Date;
};

export type ServiceFrequency = {
  totalOrders: number;
  ordersLast12Months: number;
  firstVisitAt: string | null;
  lastVisitAt: string | null;
  averageDaysBetweenVisits: number | null;
  byMonth: { month: string; orders: number }[];
};

const DAY_MS = 86_400_000;

/** The last 12 calendar months (UTC), oldest first, as YYYY-MM. */
export function last12Months(now: Date): string[] {
  const months: string[] = [];
  for (let back = 11; back >= 0; back--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

/** The orders as a customer's or an asset's history reads them: the visits and how often. */
export function createRepairHistoryService(deps: { db: Database; repo: HistoryRepo }) {
  const { db, repo } = deps;
  return {
    async listForHistory(organizationId: string, scope: RepairScope, limit = 500): Promise<RepairSummary[]> {
      const rows = await repo.listForHistory(db, organizationId, scope, limit);
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        customerId: r.customerId,
        assetId: r.assetId,
        serviceType: r.serviceType,
        status: r.status,
        totalCents: r.totalCents,
        receivedAt: r.receivedAt,
      }));
    },

    async frequency(organizationId: string, scope: RepairScope, now = new Date()): Promise<ServiceFrequency> {
      const months = last12Months(now);
      const since = new Date(`${months[0]}-01T00:00:00.000Z`);
      const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
      const [totals, perMonth] = await Promise.all([
        repo.totals(db, organizationId, scope, yearAgo),
        repo.byMonth(db, organizationId, scope, since),
      ]);
      const counts = new Map(perMonth.map((m) => [m.month, m.orders]));
      const first = totals.first ? new Date(totals.first) : null;
      const last = totals.last ? new Date(totals.last) : null;
      const average =
        first && last && totals.total >= 2
          ? Math.round(((last.getTime() - first.getTime()) / DAY_MS / (totals.total - 1)) * 10) / 10
          : null;
      return {
        totalOrders: totals.total,
        ordersLast12Months: totals.recent,
        firstVisitAt: first?.toISOString() ?? null,
        lastVisitAt: last?.toISOString() ?? null,
        averageDaysBetweenVisits: average,
        byMonth: months.map((month) => ({ month, orders: counts.get(month) ?? 0 })),
      };
    },
  };
}
export type RepairHistoryService = ReturnType<typeof createRepairHistoryService>;
