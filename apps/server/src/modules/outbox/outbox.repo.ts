import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import {
  notificationEvents,
  type OutboxAttachment,
  type OutboxWhatsAppTemplate,
  outboxMessages,
} from '../../db/schema/outbox.js';

export type OutboxRow = typeof outboxMessages.$inferSelect;
export type NotificationEventRow = typeof notificationEvents.$inferSelect;
export type { OutboxAttachment, OutboxWhatsAppTemplate };

/** A file of an exported message: what it was, never its bytes. */
export type ExportedFile = { name: string; type: string; size: number };
/** A message sent to a customer as their data export shows it (timestamps as JSON gives them). */
export type CustomerMessageRecord = {
  id: string;
  channel: string;
  to: string;
  subject: string | null;
  text: string;
  status: string;
  eventId: string | null;
  relatedEntity: string | null;
  relatedId: string | null;
  attachments: ExportedFile[];
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
};
/** Something the customer was to be told about (a notification event), for their data export. */
export type CustomerEventRecord = {
  id: string;
  event: string;
  relatedEntity: string | null;
  relatedId: string | null;
  payload: Record<string, string | number | null>;
  attachments: ExportedFile[];
  createdAt: string;
  dispatchedAt: string | null;
};

/** A provider's report moves a message forward only: sent → delivered → read; failed from any. */
const STATUS_RANK = sql`CASE ${outboxMessages.status} WHEN 'queued' THEN 0 WHEN 'failed' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 ELSE 4 END`;
const RANK_OF: Record<string, number> = { sent: 1, delivered: 2, read: 3 };

/**
 * For the customer's data export (LGPD art. 18): the messages sent to one customer and the events
 * about them, oldest first, in one statement. Files as name, type and size (never their content);
 * no provider ids or errors.
 */
async function customerRecords(
  db: Database,
  organizationId: string,
  customerId: string,
  limit: number,
): Promise<{ messages: CustomerMessageRecord[]; events: CustomerEventRecord[] }> {
  const files = (column: SQL) => sql`(SELECT coalesce(json_agg(json_build_object(
      'name', a->>'filename', 'type', a->>'contentType',
      'size', octet_length(decode(a->>'contentBase64', 'base64')))), '[]'::json)
    FROM jsonb_array_elements(coalesce(${column}, '[]'::jsonb)) a)`;
  const result = await db.execute<{
    messages: CustomerMessageRecord[];
    events: CustomerEventRecord[];
  }>(sql`
    SELECT
      (SELECT coalesce(json_agg(json_build_object(
          'id', m.id, 'channel', m.channel, 'to', m.to_address, 'subject', m.subject,
          'text', m.body_text, 'status', m.status, 'eventId', m.event_id,
          'relatedEntity', m.related_entity, 'relatedId', m.related_id,
          'attachments', ${files(sql`m.attachments`)},
          'createdAt', m.created_at, 'sentAt', m.sent_at, 'deliveredAt', m.delivered_at,
          'readAt', m.read_at) ORDER BY m.created_at, m.id), '[]'::json)
         FROM (SELECT * FROM ${outboxMessages}
                WHERE organization_id = ${organizationId} AND customer_id = ${customerId}
                ORDER BY created_at, id LIMIT ${limit}) m) AS messages,
      (SELECT coalesce(json_agg(json_build_object(
          'id', e.id, 'event', e.event, 'relatedEntity', e.related_entity, 'relatedId', e.related_id,
          'payload', e.payload, 'attachments', ${files(sql`e.attachments`)},
          'createdAt', e.created_at, 'dispatchedAt', e.dispatched_at) ORDER BY e.created_at, e.id), '[]'::json)
         FROM (SELECT * FROM ${notificationEvents}
                WHERE organization_id = ${organizationId} AND customer_id = ${customerId}
                ORDER BY created_at, id LIMIT ${limit}) e) AS events`);
  const row = result.rows[0]!;
  return { messages: row.messages, events: row.events };
}

export function createOutboxRepo() {
  return {
    async insert(db: Database, values: typeof outboxMessages.$inferInsert): Promise<OutboxRow> {
      const [row] = await db.insert(outboxMessages).values(values).returning();
      return row!;
    },
    /** null when the event's channel already has its message (a retried dispatch) */
    async insertOnce(db: Database, values: typeof outboxMessages.$inferInsert): Promise<OutboxRow | null> {
      const [row] = await db
        .insert(outboxMessages)
        .values(values)
        .onConflictDoNothing({
          target: [outboxMessages.eventId, outboxMessages.channel],
          where: sql`${outboxMessages.eventId} IS NOT NULL`,
        })
        .returning();
      return row ?? null;
    },
    async insertEvent(db: Database, values: typeof notificationEvents.$inferInsert): Promise<string | null> {
      const [row] = await db
        .insert(notificationEvents)
        .values(values)
        .onConflictDoNothing({ target: [notificationEvents.organizationId, notificationEvents.dedupeKey] })
        .returning({ id: notificationEvents.id });
      return row?.id ?? null;
    },
    async findEvent(db: Database, id: string): Promise<NotificationEventRow | undefined> {
      const [row] = await db.select().from(notificationEvents).where(eq(notificationEvents.id, id));
      return row;
    },
    async markEventDispatched(db: Database, id: string) {
      await db
        .update(notificationEvents)
        .set({ dispatchedAt: new Date() })
        .where(eq(notificationEvents.id, id));
    },
    /** An order's (asset's, campaign's) messages, oldest first: its timeline. */
    async listRelated(db: Database, organizationId: string, entity: string, id: string) {
      return db
        .select()
        .from(outboxMessages)
        .where(
          and(
            eq(outboxMessages.organizationId, organizationId),
            eq(outboxMessages.relatedEntity, entity),
            eq(outboxMessages.relatedId, id),
          ),
        )
        .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id))
        .limit(500);
    },
    customerRecords,
    async countsFor(db: Database, organizationId: string, entity: string, id: string) {
      return db
        .select({ status: outboxMessages.status, channel: outboxMessages.channel, n: count() })
        .from(outboxMessages)
        .where(
          and(
            eq(outboxMessages.organizationId, organizationId),
            eq(outboxMessages.relatedEntity, entity),
            eq(outboxMessages.relatedId, id),
          ),
        )
        .groupBy(outboxMessages.status, outboxMessages.channel);
    },
    /**
     * A provider's delivery report: moves the message forward (never back from read to delivered),
     * or to failed with the provider's words. Returns the message when it changed.
     */
    async applyProviderStatus(
      db: Database,
      report: { channel: string; providerMessageId: string; status: string; at: Date; error?: string | null },
    ): Promise<OutboxRow | null> {
      const where = and(
        eq(outboxMessages.channel, report.channel),
        eq(outboxMessages.providerMessageId, report.providerMessageId),
      );
      if (report.status === 'failed') {
        const [row] = await db
          .update(outboxMessages)
          .set({ status: 'failed', error: report.error ?? 'failed' })
          .where(and(where, inArray(outboxMessages.status, ['queued', 'sent', 'delivered'])))
          .returning();
        return row ?? null;
      }
      const rank = RANK_OF[report.status];
      if (rank === undefined) return null;
      const [row] = await db
        .update(outboxMessages)
        .set({
          status: report.status,
          ...(report.status === 'delivered' ? { deliveredAt: report.at } : {}),
          ...(report.status === 'read'
            ? { readAt: report.at, deliveredAt: sql`coalesce(${outboxMessages.deliveredAt}, ${report.at})` }
            : {}),
          ...(report.status === 'sent'
            ? { sentAt: sql`coalesce(${outboxMessages.sentAt}, ${report.at})` }
            : {}),
        })
        .where(and(where, sql`${STATUS_RANK} < ${rank}`))
        .returning();
      return row ?? null;
    },
    /** Several messages in one statement (a conversation's outgoing messages and their status). */
    async findByIds(db: Database, ids: string[]): Promise<OutboxRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
    },
    /** The kinds of several events in one statement (an order's timeline names each message's event). */
    async eventNames(db: Database, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: notificationEvents.id, event: notificationEvents.event })
        .from(notificationEvents)
        .where(inArray(notificationEvents.id, ids));
      return new Map(rows.map((r) => [r.id, r.event]));
    },
    async findById(db: Database, id: string): Promise<OutboxRow | undefined> {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return row;
    },
    async markResult(
      db: Database,
      id: string,
      result: { status: string; error?: string | null; providerMessageId?: string | null },
    ) {
      await db
        .update(outboxMessages)
        .set({
          status: result.status,
          error: result.error ?? null,
          providerMessageId: result.providerMessageId ?? null,
          attempts: sql`${outboxMessages.attempts} + 1`,
          sentAt: result.status === 'sent' ? new Date() : null,
        })
        // a provider's report may have arrived before the send's own answer was written
        .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ['queued', 'failed'])));
    },
    async list(
      db: Database,
      organizationId: string,
      filter: { channel?: string; status?: string; q?: string; page: number; pageSize: number },
    ) {
      const conditions: SQL[] = [eq(outboxMessages.organizationId, organizationId)];
      if (filter.channel) conditions.push(eq(outboxMessages.channel, filter.channel));
      if (filter.status) conditions.push(eq(outboxMessages.status, filter.status));
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(outboxMessages.toAddress, like), ilike(outboxMessages.subject, like))!);
      }
      const where = and(...conditions);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(outboxMessages)
          .where(where)
          .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(outboxMessages).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
