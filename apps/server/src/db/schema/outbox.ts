import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.js';

export type OutboxAttachment = { filename: string; contentType: string; contentBase64: string };

/** Every message the system sends (or, with no provider configured, would have sent). */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    channel: text('channel').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject'),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    providerMessageId: text('provider_message_id'),
    /** files sent with an e-mail (a purchase order's PDF): base64 content */
    attachments: jsonb('attachments').$type<OutboxAttachment[]>(),
    relatedEntity: text('related_entity'),
    relatedId: text('related_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    // issue 14 (migration 0020): messages to customers on every channel, with their delivery status
    /** the notification event that produced it: one message per event and channel */
    eventId: uuid('event_id'),
    customerId: uuid('customer_id'),
    /** the WhatsApp template (name, language, parameters) sent outside the 24-hour window */
    whatsappTemplate: jsonb('whatsapp_template').$type<OutboxWhatsAppTemplate>(),
    /** automatic messages wait for the end of the shop's quiet hours */
    notBefore: timestamp('not_before', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** a staff member's resend of a failed message points at the original */
    resendOf: uuid('resend_of'),
  },
  (t) => [
    index('outbox_org_created_idx').on(t.organizationId, t.createdAt),
    uniqueIndex('outbox_event_channel_uq').on(t.eventId, t.channel).where(sql`${t.eventId} IS NOT NULL`),
    index('outbox_related_idx').on(t.organizationId, t.relatedEntity, t.relatedId),
    index('outbox_provider_id_idx').on(t.providerMessageId).where(sql`${t.providerMessageId} IS NOT NULL`),
  ],
);

export type OutboxWhatsAppTemplate = { name: string; language: string; bodyParameters: string[] };

/**
 * Something a customer (or a supplier) may be told about, written in the transaction that causes it
 * (issue 14 §1). The communication module turns each into messages; `dedupeKey` makes an event happen
 * once per order (an order that goes back to "ready" does not tell the customer twice).
 */
export const notificationEvents = pgTable(
  'notification_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    event: text('event').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    customerId: uuid('customer_id'),
    supplierId: uuid('supplier_id'),
    relatedEntity: text('related_entity'),
    relatedId: text('related_id'),
    /** placeholder values known when it happened (order number, links, totals) */
    payload: jsonb('payload').$type<Record<string, string | number | null>>().notNull().default({}),
    /** files for the e-mail (the intake receipt, the invoice PDF) */
    attachments: jsonb('attachments').$type<OutboxAttachment[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notification_events_dedupe_uq').on(t.organizationId, t.dedupeKey),
    index('notification_events_related_idx').on(t.organizationId, t.relatedEntity, t.relatedId),
  ],
);
