import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { assets } from './assets.js';
import { customers } from './customers.js';
import { organizations } from './organizations.js';

/**
 * Issue 14: the communication module's tables (migration 0020). The notification events and the
 * outgoing messages themselves are the outbox's (`outbox.ts`): any module records an event in its own
 * transaction through the outbox, the lowest module; communication turns it into messages.
 */

/** An administrator's own text for one event × channel × language; absent: the shipped default. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    event: text('event').notNull(),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    updatedById: uuid('updated_by_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('message_templates_uq').on(t.organizationId, t.event, t.channel, t.locale)],
);

/** One conversation per customer: WhatsApp in and out, the portal's chat, staff replies. */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /** an inbound number that matches no customer (E.164): the conversation waits to be linked */
    phone: text('phone'),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    /** the customer's last WhatsApp message: free text may be sent for 24 hours after it */
    lastInboundWhatsappAt: timestamp('last_inbound_whatsapp_at', { withTimezone: true }),
    /** the customer's WhatsApp id as Meta resolved it (Brazil: may lack the 9th digit) */
    waId: text('wa_id'),
    lastPreview: text('last_preview'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversations_customer_uq')
      .on(t.organizationId, t.customerId)
      .where(sql`${t.customerId} IS NOT NULL`),
    uniqueIndex('conversations_phone_uq').on(t.organizationId, t.phone).where(sql`${t.customerId} IS NULL`),
    index('conversations_org_last_idx').on(t.organizationId, t.lastMessageAt),
  ],
);

/**
 * A file on a conversation message (a type of the jsonb column, no DDL): a staff member's photo or PDF,
 * or a customer's WhatsApp media, which a job fetches after the webhook answered (`pending` until then,
 * `unavailable` when it could not be fetched; `mediaId` is WhatsApp's id, `attempts` the fetches tried).
 */
export type ConversationAttachment = {
  id: string;
  /** the sealed file in storage; null until an inbound file is fetched */
  key: string | null;
  filename: string;
  contentType: string;
  size: number;
  status: 'pending' | 'ready' | 'unavailable';
  mediaId?: string;
  attempts?: number;
};

export const conversationMessages = pgTable(
  'conversation_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    /** in: from the customer; out: from the shop */
    direction: text('direction').notNull(),
    /** whatsapp, sms, email, portal */
    channel: text('channel').notNull(),
    authorUserId: uuid('author_user_id'),
    authorName: text('author_name'),
    text: text('text').notNull().default(''),
    attachments: jsonb('attachments').$type<ConversationAttachment[]>().notNull().default([]),
    /** the order the message is about, when known */
    repairId: uuid('repair_id'),
    /** an outgoing message's delivery row (its status lives there) */
    outboxMessageId: uuid('outbox_message_id'),
    /** an inbound message's provider id: a redelivered webhook stores nothing twice */
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conversation_messages_conv_idx').on(t.conversationId, t.createdAt),
    index('conversation_messages_repair_idx').on(t.repairId).where(sql`${t.repairId} IS NOT NULL`),
    uniqueIndex('conversation_messages_provider_uq')
      .on(t.organizationId, t.providerMessageId)
      .where(sql`${t.providerMessageId} IS NOT NULL`),
    check('conversation_messages_direction_ck', sql`${t.direction} IN ('in', 'out')`),
  ],
);

/** Where each staff member stopped reading a conversation: the inbox's unread counts. */
export const conversationReads = pgTable(
  'conversation_reads',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    userId: uuid('user_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('conversation_reads_pk').on(t.organizationId, t.conversationId, t.userId)],
);

/** Preventive maintenance per asset (issue 14 §4): by distance, hours, time, whichever comes first. */
export const maintenancePlans = pgTable(
  'maintenance_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    /** the template it came from (maintenance-templates.ts), or null when written by hand */
    templateKey: text('template_key'),
    /**
     * the catalog service (repairs' service_catalog) of the order line it came from: only an order with
     * a line of that service serves the plan; null: any finished order on the asset does
     */
    serviceId: uuid('service_id'),
    name: text('name').notNull(),
    intervalKm: integer('interval_km'),
    intervalHours: integer('interval_hours'),
    intervalMonths: integer('interval_months'),
    lastServiceAt: timestamp('last_service_at', { withTimezone: true }),
    lastServiceKm: integer('last_service_km'),
    lastServiceHours: integer('last_service_hours'),
    /** the service line or order that last served the plan */
    lastServiceRepairId: uuid('last_service_repair_id'),
    /** the projection, refreshed by the daily job and on every change */
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    dueReason: text('due_reason'),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('maintenance_plans_asset_idx').on(t.assetId),
    index('maintenance_plans_due_idx').on(t.organizationId, t.nextDueAt).where(sql`${t.active}`),
    check(
      'maintenance_plans_interval_ck',
      sql`coalesce(${t.intervalKm}, ${t.intervalHours}, ${t.intervalMonths}) IS NOT NULL AND coalesce(${t.intervalKm}, 1) > 0 AND coalesce(${t.intervalHours}, 1) > 0 AND coalesce(${t.intervalMonths}, 1) > 0`,
    ),
  ],
);

/** Each reminder a plan sent (issue 14 §4): the asset's and the customer's timelines show them. */
export const maintenanceReminders = pgTable(
  'maintenance_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => maintenancePlans.id),
    assetId: uuid('asset_id')
      .notNull()
      .references(() => assets.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    dueReason: text('due_reason').notNull(),
    /** the outbox's notification event that carries the messages */
    eventId: uuid('event_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('maintenance_reminders_asset_idx').on(t.organizationId, t.assetId, t.sentAt),
    index('maintenance_reminders_customer_idx').on(t.organizationId, t.customerId, t.sentAt),
  ],
);

/** A feedback request after delivery (issue 14 §5), answered once through a signed link. */
export const feedback = pgTable(
  'feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    repairId: uuid('repair_id').notNull(),
    repairNumber: integer('repair_number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    technicianIds: uuid('technician_ids').array().notNull().default(sql`'{}'::uuid[]`),
    rating: integer('rating'),
    nps: integer('nps'),
    comment: text('comment'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('feedback_repair_uq').on(t.organizationId, t.repairId),
    index('feedback_org_answered_idx').on(t.organizationId, t.answeredAt),
    check('feedback_rating_ck', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
    check('feedback_nps_ck', sql`${t.nps} IS NULL OR ${t.nps} BETWEEN 0 AND 10`),
  ],
);

export type CampaignSegment = {
  assetKinds?: string[];
  brands?: string[];
  models?: string[];
  lastVisitBefore?: string;
  lastVisitAfter?: string;
  serviceIds?: string[];
  cities?: string[];
};
export type CampaignMessage = { subject?: string; body: string };

/** Promotions (issue 14 §6): a segment, a text per channel, sent only with marketing consent. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    segment: jsonb('segment').$type<CampaignSegment>().notNull().default({}),
    channels: text('channels').array().notNull(),
    messages: jsonb('messages').$type<Partial<Record<string, CampaignMessage>>>().notNull(),
    /** draft, sending, sent */
    status: text('status').notNull().default('draft'),
    audienceSize: integer('audience_size'),
    createdById: uuid('created_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('campaigns_org_idx').on(t.organizationId, t.createdAt)],
);

/** Support tickets (issue 14 §7), opened by a customer (portal, later) or by staff. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    number: integer('number').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    repairId: uuid('repair_id'),
    subject: text('subject').notNull(),
    category: text('category').notNull(),
    priority: text('priority').notNull().default('normal'),
    status: text('status').notNull().default('open'),
    assigneeId: uuid('assignee_id'),
    openedBy: text('opened_by').notNull(),
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('tickets_org_number_uq').on(t.organizationId, t.number),
    index('tickets_org_status_idx').on(t.organizationId, t.status, t.slaDueAt),
  ],
);

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    authorUserId: uuid('author_user_id'),
    authorCustomerId: uuid('author_customer_id'),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    /** a note only staff see */
    internal: boolean('internal').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_messages_ticket_idx').on(t.ticketId, t.createdAt)],
);

/** FAQ answers and tutorials (issue 14 §7): markdown, rendered safely; shown in the portal later. */
export const faqArticles = pgTable(
  'faq_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind').notNull().default('faq'),
    locale: text('locale').notNull(),
    category: text('category'),
    title: text('title').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    published: boolean('published').notNull().default(false),
    position: integer('position').notNull().default(0),
    updatedById: uuid('updated_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('faq_articles_org_idx').on(t.organizationId, t.kind, t.locale, t.position)],
);
