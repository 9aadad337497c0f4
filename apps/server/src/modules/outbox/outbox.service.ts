import type { OutboxMessage, OutboxQuerySchema, Page } from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import type { Jobs } from '../../platform/jobs.js';
import type { Mailer } from '../../platform/mailer.js';
import type { Tx } from '../../platform/tx.js';
import type { OutboxAttachment, OutboxRepo, OutboxRow } from './outbox.repo.js';

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

/**
 * Every outgoing message is a row first (in the caller's transaction) and a delivery job second.
 * With no provider configured the message stays readable in the outbox ('stored').
 */
export function createOutboxService(deps: { db: Database; repo: OutboxRepo; jobs: Jobs; mailer: Mailer }) {
  const { db, repo, jobs, mailer } = deps;
  return {
    async queueEmail(tx: Tx, email: EmailToQueue): Promise<string> {
      const row = await repo.insert(tx.db, {
        organizationId: email.organizationId,
        channel: 'email',
        toAddress: email.to,
        subject: email.subject,
        bodyText: email.text,
        bodyHtml: email.html ?? null,
        relatedEntity: email.relatedEntity ?? null,
        relatedId: email.relatedId ?? null,
        attachments: email.attachments && email.attachments.length > 0 ? email.attachments : null,
      });
      await jobs.enqueue(tx.client, 'outbox-deliver', { messageId: row.id });
      return row.id;
    },

    /** The job handler: throws on a transient failure so pg-boss retries. */
    async deliver(messageId: string): Promise<void> {
      const row = await repo.findById(db, messageId);
      if (!row || row.status === 'sent' || row.status === 'stored') return;
      if (row.channel !== 'email' || !mailer) {
        await repo.markResult(db, row.id, { status: 'stored' });
        return;
      }
      try {
        const { messageId: providerMessageId } = await mailer.send({
          to: row.toAddress,
          subject: row.subject ?? '',
          text: row.bodyText,
          html: row.bodyHtml,
          attachments: row.attachments ?? [],
        });
        await repo.markResult(db, row.id, { status: 'sent', providerMessageId });
      } catch (error) {
        await repo.markResult(db, row.id, { status: 'failed', error: (error as Error).message });
        throw error;
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
