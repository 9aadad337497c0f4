import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  },
  (t) => [index('outbox_org_created_idx').on(t.organizationId, t.createdAt)],
);
