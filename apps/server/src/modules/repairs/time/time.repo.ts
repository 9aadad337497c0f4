import { and, asc, desc, eq, inArray, isNull, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { repairEvents, repairServices, repairs, repairTimeEntries } from '../../../db/schema/repairs.js';

export type TimeEntryRow = typeof repairTimeEntries.$inferSelect & { seconds: number };
export type StatusEventRow = { type: string; fromStatus: string | null; toStatus: string | null; at: Date };

const seconds = sql`extract(epoch FROM (coalesce(${repairTimeEntries.endedAt}, now()) - ${repairTimeEntries.startedAt}))`;

/**
 * Seconds measured by timers per order (running timers up to the database's now); orders without
 * time are absent from the map. Exported for the order list and reports.
 */
export async function actualSecondsByRepair(
  db: Database,
  organizationId: string,
  repairIds: string[],
): Promise<Map<string, number>> {
  if (repairIds.length === 0) return new Map();
  const rows = await db
    .select({
      repairId: repairTimeEntries.repairId,
      seconds: sql<number>`floor(sum(${seconds}))`.mapWith(Number),
    })
    .from(repairTimeEntries)
    .where(
      and(
        eq(repairTimeEntries.organizationId, organizationId),
        inArray(repairTimeEntries.repairId, repairIds),
      ),
    )
    .groupBy(repairTimeEntries.repairId);
  return new Map(rows.map((r) => [r.repairId, r.seconds]));
}

/** Technicians' timers on service orders, and the status events time in status is measured from. */
export function createRepairTimeRepo() {
  return {
    async serviceLineExists(db: Database, organizationId: string, repairId: string, lineId: string) {
      const [row] = await db
        .select({ id: repairServices.id })
        .from(repairServices)
        .where(
          and(
            eq(repairServices.organizationId, organizationId),
            eq(repairServices.repairId, repairId),
            eq(repairServices.id, lineId),
          ),
        );
      return !!row;
    },

    /** The technician's running timer, on whichever order, with that order's number. */
    async runningFor(db: Database, organizationId: string, technicianId: string) {
      const [row] = await db
        .select({ id: repairTimeEntries.id, repairId: repairTimeEntries.repairId, number: repairs.number })
        .from(repairTimeEntries)
        .innerJoin(repairs, eq(repairs.id, repairTimeEntries.repairId))
        .where(
          and(
            eq(repairTimeEntries.organizationId, organizationId),
            eq(repairTimeEntries.technicianId, technicianId),
            isNull(repairTimeEntries.endedAt),
          ),
        );
      return row;
    },

    async insertEntry(db: Database, values: typeof repairTimeEntries.$inferInsert): Promise<string> {
      const [row] = await db.insert(repairTimeEntries).values(values).returning({ id: repairTimeEntries.id });
      return row!.id;
    },

    /** Ends the technician's running timer on this order; undefined when there is none. */
    async stopRunning(
      db: Database,
      organizationId: string,
      repairId: string,
      technicianId: string,
      note: string | null | undefined,
    ): Promise<string | undefined> {
      // a note given at stop replaces the one given at start only when there is one
      const [row] = await db
        .update(repairTimeEntries)
        .set(note ? { endedAt: sql`now()`, note } : { endedAt: sql`now()` })
        .where(
          and(
            eq(repairTimeEntries.organizationId, organizationId),
            eq(repairTimeEntries.repairId, repairId),
            eq(repairTimeEntries.technicianId, technicianId),
            isNull(repairTimeEntries.endedAt),
          ),
        )
        .returning({ id: repairTimeEntries.id });
      return row?.id;
    },

    /** A closed order keeps no timer running (a forgotten one would count hours forever). */
    /** Who clocked time on the order: the technicians a delivered order's feedback names. */
    async technicianIds(db: Database, repairId: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ id: repairTimeEntries.technicianId })
        .from(repairTimeEntries)
        .where(eq(repairTimeEntries.repairId, repairId));
      return rows.map((r) => r.id);
    },
    async stopAll(db: Database, repairId: string, at: Date): Promise<void> {
      await db
        .update(repairTimeEntries)
        .set({ endedAt: at })
        .where(and(eq(repairTimeEntries.repairId, repairId), sql`${repairTimeEntries.endedAt} IS NULL`));
    },

    async entries(
      db: Database,
      organizationId: string,
      repairId: string,
      entryId?: string,
    ): Promise<TimeEntryRow[]> {
      const conditions: SQL[] = [
        eq(repairTimeEntries.organizationId, organizationId),
        eq(repairTimeEntries.repairId, repairId),
      ];
      if (entryId) conditions.push(eq(repairTimeEntries.id, entryId));
      const rows = await db
        .select({ entry: repairTimeEntries, seconds: sql<number>`floor(${seconds})`.mapWith(Number) })
        .from(repairTimeEntries)
        .where(and(...conditions))
        .orderBy(asc(repairTimeEntries.startedAt), asc(repairTimeEntries.id));
      return rows.map((r) => ({ ...r.entry, seconds: r.seconds }));
    },

    /** `actualSeconds` as a column of the statement that reads the order. */
    actualSecondsSql(repairId: SQL, now: Date | Placeholder): SQL<number> {
      return sql<number>`(SELECT coalesce(sum(extract(epoch FROM (coalesce(te.ended_at, ${now}::timestamptz) - te.started_at))), 0)
        FROM ${repairTimeEntries} te WHERE te.repair_id = ${repairId})`;
    },

    /** Σ of the timers on the order per technician (a running timer counts up to now), most first. */
    async secondsByTechnician(db: Database, organizationId: string, repairId: string) {
      return db
        .select({
          technicianId: repairTimeEntries.technicianId,
          seconds: sql<number>`floor(sum(${seconds}))`.mapWith(Number),
          exact: sql<number>`sum(${seconds})`.mapWith(Number),
        })
        .from(repairTimeEntries)
        .where(
          and(eq(repairTimeEntries.organizationId, organizationId), eq(repairTimeEntries.repairId, repairId)),
        )
        .groupBy(repairTimeEntries.technicianId)
        .orderBy(desc(sql`sum(${seconds})`));
    },

    /** The creation and every status change, oldest first: time in status is measured from these. */
    async statusEvents(db: Database, organizationId: string, repairId: string): Promise<StatusEventRow[]> {
      return db
        .select({
          type: repairEvents.type,
          fromStatus: repairEvents.fromStatus,
          toStatus: repairEvents.toStatus,
          at: repairEvents.at,
        })
        .from(repairEvents)
        .where(
          and(
            eq(repairEvents.organizationId, organizationId),
            eq(repairEvents.repairId, repairId),
            inArray(repairEvents.type, ['created', 'status']),
          ),
        )
        .orderBy(asc(repairEvents.seq));
    },

    /** The database's clock, so running timers and the current status use the clock that stamped them. */
    async now(db: Database): Promise<Date> {
      const result = await db.execute<{ now: Date | string }>(sql`SELECT now() AS now`);
      const value = result.rows[0]?.now;
      return value instanceof Date ? value : new Date(String(value));
    },
  };
}
export type RepairTimeRepo = ReturnType<typeof createRepairTimeRepo>;
