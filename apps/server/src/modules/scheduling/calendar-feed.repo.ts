import { and, asc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calendarFeeds } from '../../db/schema/calendar-feeds.js';
import { appointments } from '../../db/schema/scheduling.js';

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;
export type CalendarFeedOwnerKind = 'TECHNICIAN' | 'CUSTOMER';
export type FeedOwner = { organizationId: string; kind: CalendarFeedOwnerKind; ownerId: string };

/** What a feed shows of an appointment. */
export type FeedAppointmentRow = Pick<
  typeof appointments.$inferSelect,
  | 'id'
  | 'branchId'
  | 'customerId'
  | 'assetId'
  | 'technicianId'
  | 'serviceIds'
  | 'startsAt'
  | 'endsAt'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
>;

/** The feed addresses (calendar_feeds) and the appointments a feed lists; every query filters by organization. */
export function createCalendarFeedRepo() {
  const ownerIs = (owner: FeedOwner) =>
    and(
      eq(calendarFeeds.organizationId, owner.organizationId),
      eq(calendarFeeds.ownerKind, owner.kind),
      eq(calendarFeeds.ownerId, owner.ownerId),
      isNull(calendarFeeds.revokedAt),
    );

  return {
    /**
     * Serialises the writes of one owner's feed (make when missing, replace) until COMMIT, so two
     * requests at once cannot both make a live feed.
     */
    async lockOwner(tx: Database, owner: FeedOwner): Promise<void> {
      const key = `calendar-feed:${owner.organizationId}:${owner.kind}:${owner.ownerId}`;
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    },

    async findLive(executor: Database, owner: FeedOwner): Promise<CalendarFeedRow | undefined> {
      const [row] = await executor.select().from(calendarFeeds).where(ownerIs(owner)).limit(1);
      return row;
    },

    /** The live feed whose token has this hash, whichever organization (the .ics request names none). */
    async findLiveByTokenHash(executor: Database, tokenHash: string): Promise<CalendarFeedRow | undefined> {
      const [row] = await executor
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
        .limit(1);
      return row;
    },

    async revokeLive(tx: Database, owner: FeedOwner, at: Date): Promise<CalendarFeedRow[]> {
      return tx.update(calendarFeeds).set({ revokedAt: at }).where(ownerIs(owner)).returning();
    },

    async insert(
      tx: Database,
      owner: FeedOwner,
      values: { id: string; tokenHash: string; createdAt: Date },
    ): Promise<CalendarFeedRow> {
      const [row] = await tx
        .insert(calendarFeeds)
        .values({
          id: values.id,
          organizationId: owner.organizationId,
          ownerKind: owner.kind,
          ownerId: owner.ownerId,
          tokenHash: values.tokenHash,
          createdAt: values.createdAt,
        })
        .returning();
      return row!;
    },

    /**
     * The owner's appointments that overlap [from, to), cancelled ones too (a feed marks them
     * CANCELLED so subscribed calendars drop them), by start.
     */
    async appointments(
      executor: Database,
      owner: FeedOwner,
      range: { from: Date; to: Date },
    ): Promise<FeedAppointmentRow[]> {
      const whose =
        owner.kind === 'TECHNICIAN'
          ? eq(appointments.technicianId, owner.ownerId)
          : eq(appointments.customerId, owner.ownerId);
      return executor
        .select({
          id: appointments.id,
          branchId: appointments.branchId,
          customerId: appointments.customerId,
          assetId: appointments.assetId,
          technicianId: appointments.technicianId,
          serviceIds: appointments.serviceIds,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          status: appointments.status,
          createdAt: appointments.createdAt,
          updatedAt: appointments.updatedAt,
          version: appointments.version,
        })
        .from(appointments)
        .where(
          and(
            eq(appointments.organizationId, owner.organizationId),
            whose,
            lt(appointments.startsAt, range.to),
            gt(appointments.endsAt, range.from),
          ),
        )
        .orderBy(asc(appointments.startsAt), asc(appointments.id))
        .limit(5000);
    },
  };
}

export type CalendarFeedRepo = ReturnType<typeof createCalendarFeedRepo>;
