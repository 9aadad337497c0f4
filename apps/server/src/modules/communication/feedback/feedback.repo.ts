import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { feedback } from '../../../db/schema/communication.js';

export type FeedbackRow = typeof feedback.$inferSelect;

export type FeedbackFilter = {
  /** YYYY-MM-DD, inclusive, in the organization's time zone */
  from?: string | undefined;
  to?: string | undefined;
  technicianId?: string | undefined;
  timeZone: string;
};

type Totals = { n: number; ratingSum: number; promoters: number; detractors: number };
export type FeedbackMonthRow = Totals & { month: string };

/** The start of a local day as an instant (the organization's wall clock). */
const dayStart = (day: string, timeZone: string) => sql`((${day}::date)::timestamp AT TIME ZONE ${timeZone})`;
const dayEnd = (day: string, timeZone: string) =>
  sql`(((${day}::date + 1))::timestamp AT TIME ZONE ${timeZone})`;

function within(column: typeof feedback.answeredAt | typeof feedback.requestedAt, f: FeedbackFilter): SQL[] {
  const conditions: SQL[] = [];
  if (f.from) conditions.push(sql`${column} >= ${dayStart(f.from, f.timeZone)}`);
  if (f.to) conditions.push(sql`${column} < ${dayEnd(f.to, f.timeZone)}`);
  if (f.technicianId) conditions.push(sql`${f.technicianId}::uuid = ANY(${feedback.technicianIds})`);
  return conditions;
}

const totals = {
  n: sql<number>`count(*)::int`,
  ratingSum: sql<number>`coalesce(sum(${feedback.rating}), 0)::int`,
  promoters: sql<number>`(count(*) FILTER (WHERE ${feedback.nps} >= 9))::int`,
  detractors: sql<number>`(count(*) FILTER (WHERE ${feedback.nps} <= 6))::int`,
};

/** Feedback requests and answers (issue 14 §5); every query filters by organization. */
export function createFeedbackRepo() {
  return {
    /** The order's request, made once: a second delivery of the same order finds the first. */
    async ensure(
      db: Database,
      values: {
        organizationId: string;
        repairId: string;
        repairNumber: number;
        customerId: string;
        technicianIds: string[];
      },
    ): Promise<FeedbackRow> {
      const [inserted] = await db
        .insert(feedback)
        .values(values)
        .onConflictDoNothing({ target: [feedback.organizationId, feedback.repairId] })
        .returning();
      if (inserted) return inserted;
      const [existing] = await db
        .select()
        .from(feedback)
        .where(
          and(eq(feedback.organizationId, values.organizationId), eq(feedback.repairId, values.repairId)),
        );
      return existing!;
    },

    /** The request a signed link names, whichever organization it belongs to (the token is the key). */
    async findAnyOrganization(db: Database, id: string): Promise<FeedbackRow | undefined> {
      const [row] = await db.select().from(feedback).where(eq(feedback.id, id));
      return row;
    },

    /** Records the answer unless there already is one; null when answered before. */
    async answer(
      db: Database,
      organizationId: string,
      id: string,
      answer: { rating: number; nps: number; comment: string | null },
    ): Promise<FeedbackRow | null> {
      const [row] = await db
        .update(feedback)
        .set({ ...answer, answeredAt: new Date() })
        .where(
          and(eq(feedback.organizationId, organizationId), eq(feedback.id, id), isNull(feedback.answeredAt)),
        )
        .returning();
      return row ?? null;
    },

    /** Requests made and answers given in the period, with the sums the averages come from. */
    async summary(
      db: Database,
      organizationId: string,
      f: FeedbackFilter,
    ): Promise<Totals & { asked: number }> {
      const base = eq(feedback.organizationId, organizationId);
      const [[asked], [answered]] = await Promise.all([
        db
          .select({ n: sql<number>`count(*)::int` })
          .from(feedback)
          .where(and(base, ...within(feedback.requestedAt, f))),
        db
          .select(totals)
          .from(feedback)
          .where(and(base, sql`${feedback.answeredAt} IS NOT NULL`, ...within(feedback.answeredAt, f))),
      ]);
      return { asked: asked?.n ?? 0, ...(answered ?? { n: 0, ratingSum: 0, promoters: 0, detractors: 0 }) };
    },

    /** Answers per month of the organization's calendar, oldest first. */
    async months(db: Database, organizationId: string, f: FeedbackFilter): Promise<FeedbackMonthRow[]> {
      const month = sql<string>`to_char(${feedback.answeredAt} AT TIME ZONE ${f.timeZone}, 'YYYY-MM')`;
      return (
        db
          .select({ month, ...totals })
          .from(feedback)
          .where(
            and(
              eq(feedback.organizationId, organizationId),
              sql`${feedback.answeredAt} IS NOT NULL`,
              ...within(feedback.answeredAt, f),
            ),
          )
          // by position: the expression carries the time zone as a parameter, which GROUP BY would not match
          .groupBy(sql`1`)
          .orderBy(sql`1`)
      );
    },

    /** Answers, newest first, after the cursor (the last row of the previous page). */
    async answers(
      db: Database,
      organizationId: string,
      f: FeedbackFilter,
      page: { limit: number; after?: { at: Date; id: string } | undefined },
    ): Promise<FeedbackRow[]> {
      const conditions: SQL[] = [
        eq(feedback.organizationId, organizationId),
        sql`${feedback.answeredAt} IS NOT NULL`,
        ...within(feedback.answeredAt, f),
      ];
      if (page.after) {
        conditions.push(
          sql`(${feedback.answeredAt}, ${feedback.id}) < (${page.after.at.toISOString()}::timestamptz, ${page.after.id}::uuid)`,
        );
      }
      return db
        .select()
        .from(feedback)
        .where(and(...conditions))
        .orderBy(desc(feedback.answeredAt), desc(feedback.id))
        .limit(page.limit);
    },
  };
}
export type FeedbackRepo = ReturnType<typeof createFeedbackRepo>;
