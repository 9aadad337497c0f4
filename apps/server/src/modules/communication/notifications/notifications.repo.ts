import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import {
  type ConversationAttachment,
  conversationMessages,
  conversations,
  messageTemplates,
} from '../../../db/schema/communication.js';

export type TemplateRow = typeof messageTemplates.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type ConversationMessageRow = typeof conversationMessages.$inferSelect;

/** The unread count of one staff member: the customer's messages after where they stopped reading. */
// the outer row is named in full: inside a select list drizzle writes a column without its table
const OUTER_ID = sql.raw('"conversations"."id"');
const unreadFor = (userId: string) => sql<number>`(
  SELECT count(*)::int FROM conversation_messages m
  WHERE m.conversation_id = ${OUTER_ID} AND m.direction = 'in'
    AND m.created_at > coalesce(
      (SELECT r.read_at FROM conversation_reads r WHERE r.conversation_id = ${OUTER_ID} AND r.user_id = ${userId}),
      '-infinity'::timestamptz))`;

/** The administrators' own template texts. */
function createTemplatesRepo() {
  return {
    async templates(db: Database, organizationId: string): Promise<TemplateRow[]> {
      return db.select().from(messageTemplates).where(eq(messageTemplates.organizationId, organizationId));
    },
    async template(
      db: Database,
      organizationId: string,
      key: { event: string; channel: string; locale: string },
    ): Promise<TemplateRow | undefined> {
      const [row] = await db
        .select()
        .from(messageTemplates)
        .where(
          and(
            eq(messageTemplates.organizationId, organizationId),
            eq(messageTemplates.event, key.event),
            eq(messageTemplates.channel, key.channel),
            eq(messageTemplates.locale, key.locale),
          ),
        );
      return row;
    },
    async saveTemplate(db: Database, values: typeof messageTemplates.$inferInsert): Promise<TemplateRow> {
      const [row] = await db
        .insert(messageTemplates)
        .values(values)
        .onConflictDoUpdate({
          target: [
            messageTemplates.organizationId,
            messageTemplates.event,
            messageTemplates.channel,
            messageTemplates.locale,
          ],
          set: {
            subject: values.subject ?? null,
            body: values.body,
            updatedById: values.updatedById ?? null,
            updatedAt: new Date(),
            version: sql`${messageTemplates.version} + 1`,
          },
        })
        .returning();
      return row!;
    },
    async deleteTemplate(
      db: Database,
      organizationId: string,
      key: { event: string; channel: string; locale: string },
    ): Promise<void> {
      await db
        .delete(messageTemplates)
        .where(
          and(
            eq(messageTemplates.organizationId, organizationId),
            eq(messageTemplates.event, key.event),
            eq(messageTemplates.channel, key.channel),
            eq(messageTemplates.locale, key.locale),
          ),
        );
    },
  };
}

/** Conversations, their messages and where each staff member stopped reading. */
function createConversationsRepo() {
  return {
    /** The customer's conversation, created on first use (two racing inserts end in one row). */
    async conversationOfCustomer(db: Database, organizationId: string, customerId: string) {
      await db
        .insert(conversations)
        .values({ organizationId, customerId })
        .onConflictDoNothing({
          target: [conversations.organizationId, conversations.customerId],
          where: sql`${conversations.customerId} IS NOT NULL`,
        });
      const [row] = await db
        .select()
        .from(conversations)
        .where(
          and(eq(conversations.organizationId, organizationId), eq(conversations.customerId, customerId)),
        );
      return row!;
    },
    /** A number that matches no customer keeps its own conversation until staff link it. */
    async conversationOfPhone(db: Database, organizationId: string, phone: string) {
      await db
        .insert(conversations)
        .values({ organizationId, phone })
        .onConflictDoNothing({
          target: [conversations.organizationId, conversations.phone],
          where: sql`${conversations.customerId} IS NULL`,
        });
      const [row] = await db
        .select()
        .from(conversations)
        .where(
          and(
            eq(conversations.organizationId, organizationId),
            eq(conversations.phone, phone),
            isNull(conversations.customerId),
          ),
        );
      return row!;
    },
    async conversation(
      db: Database,
      organizationId: string,
      id: string,
    ): Promise<ConversationRow | undefined> {
      const [row] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.organizationId, organizationId), eq(conversations.id, id)));
      return row;
    },
    async findConversationOfCustomer(db: Database, organizationId: string, customerId: string) {
      const [row] = await db
        .select()
        .from(conversations)
        .where(
          and(eq(conversations.organizationId, organizationId), eq(conversations.customerId, customerId)),
        );
      return row;
    },
    async listConversations(
      db: Database,
      organizationId: string,
      userId: string,
      filter: { customerId?: string; unread?: boolean; page: number; pageSize: number },
    ) {
      const unread = unreadFor(userId);
      const conditions = [eq(conversations.organizationId, organizationId)];
      if (filter.customerId) conditions.push(eq(conversations.customerId, filter.customerId));
      if (filter.unread) conditions.push(sql`${unread} > 0`);
      const where = and(...conditions);
      const [rows, [total], [unreadTotal]] = await Promise.all([
        db
          .select({ conversation: conversations, unread })
          .from(conversations)
          .where(where)
          .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize),
        db.select({ n: count() }).from(conversations).where(where),
        db
          .select({ n: count() })
          .from(conversations)
          .where(and(eq(conversations.organizationId, organizationId), sql`${unread} > 0`)),
      ]);
      return { rows, total: total?.n ?? 0, unreadConversations: unreadTotal?.n ?? 0 };
    },
    async unreadOf(db: Database, conversationId: string, userId: string): Promise<number> {
      const [row] = await db
        .select({ unread: unreadFor(userId) })
        .from(conversations)
        .where(eq(conversations.id, conversationId));
      return row?.unread ?? 0;
    },
    /** Read up to the conversation's newest message, at the database's own precision. */
    async markRead(db: Database, conversationId: string, userId: string) {
      await db.execute(sql`
        INSERT INTO conversation_reads (organization_id, conversation_id, user_id, read_at)
        SELECT organization_id, ${conversationId}, ${userId}, max(created_at) FROM conversation_messages
         WHERE conversation_id = ${conversationId}
        GROUP BY organization_id
        ON CONFLICT (organization_id, conversation_id, user_id)
        DO UPDATE SET read_at = greatest(conversation_reads.read_at, excluded.read_at)`);
    },
    async messages(db: Database, conversationId: string, limit: number) {
      const rows = await db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.conversationId, conversationId))
        .orderBy(desc(conversationMessages.createdAt), desc(conversationMessages.id))
        .limit(limit);
      return rows.reverse();
    },
    /** An inbound message once (a redelivered webhook inserts nothing); null when it was there. */
    async insertMessage(
      db: Database,
      values: typeof conversationMessages.$inferInsert,
    ): Promise<ConversationMessageRow | null> {
      const [row] = await db
        .insert(conversationMessages)
        .values(values)
        .onConflictDoNothing({
          target: [conversationMessages.organizationId, conversationMessages.providerMessageId],
          where: sql`${conversationMessages.providerMessageId} IS NOT NULL`,
        })
        .returning();
      return row ?? null;
    },
    /** The conversation's last activity, its preview and (for WhatsApp from the customer) the window. */
    async touch(db: Database, id: string, at: Date, preview: string, inbound?: { waId: string | null }) {
      await db
        .update(conversations)
        .set({
          lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at})`,
          lastPreview: preview.slice(0, 200),
          ...(inbound
            ? {
                lastInboundWhatsappAt: sql`greatest(coalesce(${conversations.lastInboundWhatsappAt}, ${at}), ${at})`,
                ...(inbound.waId ? { waId: inbound.waId } : {}),
              }
            : {}),
        })
        .where(eq(conversations.id, id));
    },
    /** The conversation an outgoing message belongs to (for live updates of its status). */
    async messageByOutbox(db: Database, outboxMessageId: string) {
      const [row] = await db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.outboxMessageId, outboxMessageId));
      return row;
    },
    /** An order's conversation messages (the customer's replies show on the order too). */
    async messagesOfRepair(db: Database, organizationId: string, repairId: string) {
      return db
        .select()
        .from(conversationMessages)
        .where(
          and(
            eq(conversationMessages.organizationId, organizationId),
            eq(conversationMessages.repairId, repairId),
          ),
        )
        .orderBy(conversationMessages.createdAt)
        .limit(500);
    },
  };
}
/** The files on conversation messages (a jsonb list per message). */
function createAttachmentsRepo() {
  return {
    /** The message of a conversation that carries this attachment (tenant and conversation checked). */
    async messageWithAttachment(
      db: Database,
      organizationId: string,
      conversationId: string,
      attachmentId: string,
    ): Promise<ConversationMessageRow | undefined> {
      const [row] = await db
        .select()
        .from(conversationMessages)
        .where(
          and(
            eq(conversationMessages.organizationId, organizationId),
            eq(conversationMessages.conversationId, conversationId),
            sql`${conversationMessages.attachments} @> ${JSON.stringify([{ id: attachmentId }])}::jsonb`,
          ),
        );
      return row;
    },
    /** A message locked for a change of its attachments (an inbound file fetched, or given up). */
    async messageForUpdate(db: Database, id: string): Promise<ConversationMessageRow | undefined> {
      const [row] = await db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.id, id))
        .for('update');
      return row;
    },
    async setAttachments(db: Database, id: string, attachments: ConversationAttachment[]) {
      await db.update(conversationMessages).set({ attachments }).where(eq(conversationMessages.id, id));
    },
  };
}

/** Templates, conversations and their messages: the notification engine's own tables. */
export function createNotificationsRepo() {
  return { ...createTemplatesRepo(), ...createConversationsRepo(), ...createAttachmentsRepo() };
}
export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
export type { ConversationAttachment };
