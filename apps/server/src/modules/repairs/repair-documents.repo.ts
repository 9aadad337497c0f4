import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { organizations, repairTimeEntries, users } from '../../db/schema/index.js';

const seconds = sql`extract(epoch FROM (coalesce(${repairTimeEntries.endedAt}, now()) - ${repairTimeEntries.startedAt}))`;

/** What the printed documents read besides the order itself. */
export function createRepairDocumentsRepo() {
  return {
    async organization(db: Database, organizationId: string) {
      const [row] = await db
        .select({
          name: organizations.name,
          document: organizations.document,
          address: organizations.address,
          currency: organizations.currency,
          locale: organizations.locale,
        })
        .from(organizations)
        .where(eq(organizations.id, organizationId));
      return row;
    },
    /** Σ of the technicians' timers on the order (a running timer counts up to now), per technician. */
    async timeByTechnician(db: Database, organizationId: string, repairId: string) {
      return db
        .select({
          name: users.name,
          seconds: sql<number>`floor(sum(${seconds}))`.mapWith(Number),
        })
        .from(repairTimeEntries)
        .innerJoin(users, eq(users.id, repairTimeEntries.technicianId))
        .where(
          and(eq(repairTimeEntries.organizationId, organizationId), eq(repairTimeEntries.repairId, repairId)),
        )
        .groupBy(users.id, users.name)
        .orderBy(desc(sql`sum(${seconds})`), users.name);
    },
  };
}
export type RepairDocumentsRepo = ReturnType<typeof createRepairDocumentsRepo>;
