import type { OutboxMessage, OutboxQuerySchema, Page } from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import type { Jobs } from '../../platform/jobs.js';
import type { Mailer } from '../../platform/mailer.js';
import type { Tx } from '../../platform/tx.js';
import type {
  CustomerEventRecord,
  CustomerMessageRecord,
  ExportedFile,
  NotificationEventRow,
  OutboxAttachment,
  OutboxRepo,
  OutboxRow,
  OutboxWhatsAppTemplate,
} from './outbox.repo.js';

type OutboxQuery = z.output<typeof OutboxQuerySchema>;

export type EmailToQueue = {
  organizationId: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  relatedEntity?: string;
  relatedId?: string;
  /** sent with the e-mail; kept in the row so a message with no SMTP still has its files */
  attachments?: OutboxAttachment[];
};

export type MessageChannel = 'email' | 'whatsapp' | 'sms';

/** One message on one channel, queued in the caller's transaction and delivered by a job. */
export type MessageToQueue = {
  organizationId: string;
  channel: MessageChannel;
  to: string;
  subject?: string | null;
  text: string;
  html?: string | null;
  customerId?: string | null;
  /** the notification event it answers: one message per event and channel */
  eventId?: string | null;
  relatedEntity?: string;
  relatedId?: string;
  attachments?: OutboxAttachment[];
  /** WhatsApp outside the 24-hour window: the approved template and its parameters */
  whatsappTemplate?: OutboxWhatsAppTemplate | null;
  /** held back until then (the end of the shop's quiet hours) */
  notBefore?: Date | null;
  resendOf?: string | null;
  /** it could not even be written (a template without a value): kept as failed, visible to staff */
  failedWith?: string | null;
};

/** Something a customer or a supplier may be told, recorded in the transaction that causes it. */
export type EventToRecord = {
  organizationId: string;
  event: string;
  dedupeKey: string;
  customerId?: string | null;
  supplierId?: string | null;
  relatedEntity?: string;
  relatedId?: string;
  payload?: Record<string, string | number | null>;
  attachments?: OutboxAttachment[];
};

/**
 * The providers' senders for the channels beyond e-mail (built by the composition root from the
 * configuration; absent: no provider, the message is `stored`). A sender throws an error whose
 * `retryable` says whether a later attempt may succeed (a provider's 500, a timeout) or not (a number
 * WhatsApp does not know); its message names the cause.
 */
export type ChannelSenders = {
  whatsapp?: (message: {
    to: string;
    text: string;
    template: OutboxWhatsAppTemplate | null;
    /** a file message (issue 14 §2): one file per row, `text` its caption */
    attachments: OutboxAttachment[] | null;
  }) => Promise<{ providerMessageId: string }>;
  sms?: (message: { to: string; text: string }) => Promise<{ providerMessageId: string }>;
};

export type {
  CustomerEventRecord,
  CustomerMessageRecord,
  ExportedFile,
  NotificationEventRow,
  OutboxAttachment,
  OutboxRow,
};

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel as OutboxMessage['channel'],
    to: row.toAddress,
    subject: row.subject,
    body: row.bodyText,
    status: row.status as OutboxMessage['status'],
    attempts: row.attempts,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

function isRetryable(error: unknown): boolean {
  return (error as { retryable?: unknown }).retryable !== false;
}

/**
 * Every outgoing message is a row first (in the caller's transaction) and a delivery job second.
 * With no provider configured the message stays readable in the outbox ('stored').
 */
export function createOutboxService(deps: {
  db: Database;
  repo: OutboxRepo;
  jobs: Jobs;
  mailer: Mailer;
  senders?: ChannelSenders;
}) {
  const { db, repo, jobs, mailer } = deps;
  const senders = deps.senders ?? {};

  function columns(m: MessageToQueue) {
    return {
      organizationId: m.organizationId,
      channel: m.channel,
      toAddress: m.to,
      subject: m.subject ?? null,
      bodyText: m.text,
      bodyHtml: m.html ?? null,
      relatedEntity: m.relatedEntity ?? null,
      relatedId: m.relatedId ?? null,
      attachments: m.attachments && m.attachments.length > 0 ? m.attachments : null,
      customerId: m.customerId ?? null,
      eventId: m.eventId ?? null,
      whatsappTemplate: m.whatsappTemplate ?? null,
      notBefore: m.notBefore ?? null,
      resendOf: m.resendOf ?? null,
      ...(m.failedWith ? { status: 'failed', error: m.failedWith } : {}),
    };
  }

  async function enqueueDelivery(tx: Tx, row: OutboxRow) {
    await jobs.enqueue(
      tx.client,
      'outbox-deliver',
      { messageId: row.id },
      row.notBefore ? { startAfter: row.notBefore } : undefined,
    );
  }

  /** Sends one message through its channel; the provider's id, or an error. */
  async function send(row: OutboxRow): Promise<{ providerMessageId: string | null } | 'no-provider'> {
    if (row.channel === 'email') {
      if (!mailer) return 'no-provider';
      const { messageId } = await mailer.send({
        to: row.toAddress,
        subject: row.subject ?? '',
        text: row.bodyText,
        html: row.bodyHtml,
        attachments: row.attachments ?? [],
      });
      return { providerMessageId: messageId };
    }
    if (row.channel === 'whatsapp') {
      if (!senders.whatsapp) return 'no-provider';
      return senders.whatsapp({
        to: row.toAddress,
        text: row.bodyText,
        template: row.whatsappTemplate,
        attachments: row.attachments,
      });
    }
    if (row.channel === 'sms' && senders.sms) return senders.sms({ to: row.toAddress, text: row.bodyText });
    return 'no-provider';
  }

  return {
    /** Which channels have a provider configured (without one a message is kept, `stored`). */
    providers(): Record<MessageChannel, boolean> {
      return { email: Boolean(mailer), whatsapp: Boolean(senders.whatsapp), sms: Boolean(senders.sms) };
    },

    async queueEmail(tx: Tx, email: EmailToQueue): Promise<string> {
      return (await this.queueMessage(tx, { ...email, channel: 'email' }))!;
    },

    /**
     * One message and its delivery job, in the caller's transaction. An event's message is inserted
     * once per channel: a retried dispatch gets null and queues nothing.
     */
    async queueMessage(tx: Tx, message: MessageToQueue): Promise<string | null> {
      const values = columns(message);
      const row = values.eventId ? await repo.insertOnce(tx.db, values) : await repo.insert(tx.db, values);
      if (!row) return null;
      if (row.status === 'queued') await enqueueDelivery(tx, row);
      return row.id;
    },

    /** A notification event and its dispatch job; null when the organization already had that key. */
    async recordEvent(tx: Tx, event: EventToRecord): Promise<string | null> {
      const id = await repo.insertEvent(tx.db, {
        organizationId: event.organizationId,
        event: event.event,
        dedupeKey: event.dedupeKey,
        customerId: event.customerId ?? null,
        supplierId: event.supplierId ?? null,
        relatedEntity: event.relatedEntity ?? null,
        relatedId: event.relatedId ?? null,
        payload: event.payload ?? {},
        attachments: event.attachments && event.attachments.length > 0 ? event.attachments : null,
      });
      if (id) await jobs.enqueue(tx.client, 'notification-dispatch', { eventId: id });
      return id;
    },

    findEvent: (id: string) => repo.findEvent(db, id),
    markEventDispatched: (id: string) => repo.markEventDispatched(db, id),
    findMessage: (executor: Database, id: string) => repo.findById(executor, id),
    /** Several messages by id, in one statement. */
    findMessages: async (executor: Database, ids: string[]) =>
      new Map((await repo.findByIds(executor, [...new Set(ids)])).map((row) => [row.id, row])),
    eventNames: (executor: Database, ids: string[]) => repo.eventNames(executor, [...new Set(ids)]),
    /** An order's (an asset's, a campaign's) messages, oldest first. */
    listRelated: (executor: Database, organizationId: string, entity: string, id: string) =>
      repo.listRelated(executor, organizationId, entity, id),
    /** For the customer's data export: the messages sent to them and the events about them, one statement. */
    customerRecords: (executor: Database, organizationId: string, customerId: string, limit: number) =>
      repo.customerRecords(executor, organizationId, customerId, limit),
    countsFor: (executor: Database, organizationId: string, entity: string, id: string) =>
      repo.countsFor(executor, organizationId, entity, id),
    /** A provider's delivery report (WhatsApp statuses, an SMS callback); the message when it moved. */
    applyProviderStatus: (report: Parameters<OutboxRepo['applyProviderStatus']>[1]) =>
      repo.applyProviderStatus(db, report),

    /**
     * The job handler. A provider error that may pass (a 500, a timeout) is recorded and thrown so
     * pg-boss retries with backoff; one that will not (a refused number) is recorded as failed.
     */
    async deliver(messageId: string): Promise<void> {
      const row = await repo.findById(db, messageId);
      if (!row || (row.status !== 'queued' && row.status !== 'failed')) return;
      try {
        const result = await send(row);
        if (result === 'no-provider') await repo.markResult(db, row.id, { status: 'stored' });
        else
          await repo.markResult(db, row.id, { status: 'sent', providerMessageId: result.providerMessageId });
      } catch (error) {
        await repo.markResult(db, row.id, { status: 'failed', error: (error as Error).message });
        if (isRetryable(error)) throw error;
      }
    },

    async list(ctx: AuthedContext, q: OutboxQuery): Promise<Page<OutboxMessage>> {
      assertCan(ctx, 'outbox:read');
      const { rows, total } = await repo.list(db, ctx.actor.organizationId, {
        page: q.page,
        pageSize: q.pageSize,
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.q ? { q: q.q } : {}),
      });
      return { items: rows.map(toMessage), total, page: q.page, pageSize: q.pageSize };
    },
  };
}
export type OutboxService = ReturnType<typeof createOutboxService>;
