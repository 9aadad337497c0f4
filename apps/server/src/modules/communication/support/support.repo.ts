import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { faqArticles, ticketMessages, tickets } from '../../../db/schema/communication.js';
import { jsonRows, parseJsonRows } from '../../../platform/json-rows.js';
import { likeEscape } from '../../../platform/search-terms.js';

export type TicketRow = typeof tickets.$inferSelect;
export type TicketInsert = typeof tickets.$inferInsert;
export type TicketMessageRow = typeof ticketMessages.$inferSelect;
export type TicketMessageInsert = typeof ticketMessages.$inferInsert;
export type FaqArticleRow = typeof faqArticles.$inferSelect;
export type FaqArticleInsert = typeof faqArticles.$inferInsert;

export type TicketFilter = {
  status?: string | undefined;
  priority?: string | undefined;
  assigneeId?: string | undefined;
  customerId?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
};

export type FaqFilter = {
  kind?: string | undefined;
  locale?: string | undefined;
  published?: boolean | undefined;
  q?: string | undefined;
};

// a shop's FAQ is tens of articles; the list is capped rather than paged
const FAQ_LIST_LIMIT = 1000;

const isDone = sql`${tickets.status} IN ('resolved', 'closed')`;
const overdueAt = (now: Date) => sql`(${tickets.slaDueAt} < ${now} AND NOT ${isDone})`;

function ticketQueries() {
  return {
    async listTickets(db: Database, organizationId: string, filter: TicketFilter, now: Date) {
      const conditions: SQL[] = [eq(tickets.organizationId, organizationId)];
      if (filter.status) conditions.push(eq(tickets.status, filter.status));
      if (filter.priority) conditions.push(eq(tickets.priority, filter.priority));
      if (filter.assigneeId) conditions.push(eq(tickets.assigneeId, filter.assigneeId));
      if (filter.customerId) conditions.push(eq(tickets.customerId, filter.customerId));
      if (filter.overdue === true) conditions.push(overdueAt(now));
      if (filter.overdue === false) conditions.push(sql`NOT ${overdueAt(now)}`);
      if (filter.q) {
        const like = `%${likeEscape(filter.q)}%`;
        const number = /^#?(\d{1,9})$/.exec(filter.q)?.[1];
        conditions.push(
          number
            ? or(ilike(tickets.subject, like), eq(tickets.number, Number(number)))!
            : ilike(tickets.subject, like),
        );
      }
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(tickets)
          .where(where)
          // the queue: what is still open first, the nearest due time first; done ones newest first
          .orderBy(
            asc(isDone),
            sql`CASE WHEN ${isDone} THEN NULL ELSE ${tickets.slaDueAt} END ASC NULLS LAST`,
            desc(tickets.number),
          )
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(tickets).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async findTicket(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<TicketRow | undefined> {
      const query = db
        .select()
        .from(tickets)
        .where(and(eq(tickets.organizationId, organizationId), eq(tickets.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },

    /** The ticket and its messages, oldest first, in one statement. */
    async findTicketWithMessages(
      db: Database,
      organizationId: string,
      id: string,
    ): Promise<{ ticket: TicketRow; messages: TicketMessageRow[] } | undefined> {
      const m = sql.identifier('m');
      const [row] = await db
        .select({
          ticket: tickets,
          messages: jsonRows(
            ticketMessages,
            'm',
            sql`${m}.ticket_id = ${tickets.id} AND ${m}.organization_id = ${tickets.organizationId}`,
            sql`${m}.created_at, ${m}.id`,
          ),
        })
        .from(tickets)
        .where(and(eq(tickets.organizationId, organizationId), eq(tickets.id, id)));
      if (!row) return undefined;
      return { ticket: row.ticket, messages: parseJsonRows(ticketMessages, row.messages) };
    },

    async insertTicket(db: Database, values: TicketInsert): Promise<TicketRow> {
      const [row] = await db.insert(tickets).values(values).returning();
      return row!;
    },

    async updateTicket(
      db: Database,
      organizationId: string,
      id: string,
      values: Partial<TicketInsert>,
    ): Promise<TicketRow> {
      const [row] = await db
        .update(tickets)
        .set({ ...values, updatedAt: sql`now()`, version: sql`${tickets.version} + 1` })
        .where(and(eq(tickets.organizationId, organizationId), eq(tickets.id, id)))
        .returning();
      return row!;
    },

    /** A new message moves the ticket's `updatedAt` (its last activity), not its version. */
    async insertMessage(db: Database, values: TicketMessageInsert): Promise<TicketMessageRow> {
      const [row] = await db.insert(ticketMessages).values(values).returning();
      await db
        .update(tickets)
        .set({ updatedAt: sql`now()` })
        .where(and(eq(tickets.organizationId, values.organizationId), eq(tickets.id, values.ticketId)));
      return row!;
    },
  };
}

function faqQueries() {
  return {
    async listFaq(db: Database, organizationId: string, filter: FaqFilter): Promise<FaqArticleRow[]> {
      const conditions: SQL[] = [eq(faqArticles.organizationId, organizationId)];
      if (filter.kind) conditions.push(eq(faqArticles.kind, filter.kind));
      if (filter.locale) conditions.push(eq(faqArticles.locale, filter.locale));
      if (filter.published !== undefined) conditions.push(eq(faqArticles.published, filter.published));
      if (filter.q) {
        const like = `%${likeEscape(filter.q)}%`;
        conditions.push(
          or(
            ilike(faqArticles.title, like),
            ilike(faqArticles.category, like),
            ilike(faqArticles.bodyMarkdown, like),
          )!,
        );
      }
      return db
        .select()
        .from(faqArticles)
        .where(and(...conditions))
        .orderBy(
          sql`${faqArticles.category} ASC NULLS LAST`,
          asc(faqArticles.position),
          asc(faqArticles.title),
          asc(faqArticles.id),
        )
        .limit(FAQ_LIST_LIMIT);
    },

    async findFaq(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<FaqArticleRow | undefined> {
      const query = db
        .select()
        .from(faqArticles)
        .where(and(eq(faqArticles.organizationId, organizationId), eq(faqArticles.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },

    async insertFaq(db: Database, values: FaqArticleInsert): Promise<FaqArticleRow> {
      const [row] = await db.insert(faqArticles).values(values).returning();
      return row!;
    },

    async updateFaq(
      db: Database,
      organizationId: string,
      id: string,
      values: Partial<FaqArticleInsert>,
    ): Promise<FaqArticleRow> {
      const [row] = await db
        .update(faqArticles)
        .set({ ...values, updatedAt: sql`now()`, version: sql`${faqArticles.version} + 1` })
        .where(and(eq(faqArticles.organizationId, organizationId), eq(faqArticles.id, id)))
        .returning();
      return row!;
    },

    async deleteFaq(db: Database, organizationId: string, id: string): Promise<void> {
      await db
        .delete(faqArticles)
        .where(and(eq(faqArticles.organizationId, organizationId), eq(faqArticles.id, id)));
    },
  };
}

/** Tickets, their messages and the FAQ articles (issue 14 §7); every query filters by organization. */
export function createSupportRepo() {
  return { ...ticketQueries(), ...faqQueries() };
}
export type SupportRepo = ReturnType<typeof createSupportRepo>;
