import type {
  Conversation,
  ConversationMessage,
  ConversationMessages,
  ConversationPage,
  ConversationQuerySchema,
  ConversationReplySchema,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { Jobs } from '../../../platform/jobs.js';
import { publishLive } from '../../../platform/live.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { CustomersService } from '../../customers/customers.service.js';
import type { OutboxRow, OutboxService } from '../../outbox/outbox.service.js';
import { WHATSAPP_WINDOW_MS, whatsappNumberOf } from './dispatch.js';
import type { KeptFile, Media, StaffFile } from './media.js';
import type { ConversationMessageRow, ConversationRow, NotificationsRepo } from './notifications.repo.js';

type Query = z.output<typeof ConversationQuerySchema>;
type Reply = z.output<typeof ConversationReplySchema>;

const MESSAGES_SHOWN = 200;

/** The click-to-chat link a shop without a WhatsApp provider sends with one tap. */
export function waMeLink(to: string, text: string): string {
  return `https://wa.me/${to.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;
}

export function toMessage(row: ConversationMessageRow, sent: OutboxRow | undefined): ConversationMessage {
  return {
    id: row.id,
    direction: row.direction as ConversationMessage['direction'],
    channel: row.channel as ConversationMessage['channel'],
    text: row.text,
    authorName: row.authorName,
    repairId: row.repairId,
    attachments: row.attachments.map((a) => ({
      id: a.id,
      fileName: a.filename,
      contentType: a.contentType,
      size: a.size,
      status: a.status,
      url: a.status === 'ready' ? `/api/conversations/${row.conversationId}/attachments/${a.id}` : null,
    })),
    status: (sent?.status as ConversationMessage['status']) ?? null,
    error: sent?.error ?? null,
    waMeLink:
      sent && sent.channel === 'whatsapp' && sent.status === 'stored'
        ? waMeLink(sent.toAddress, sent.bodyText)
        : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export type ConversationsDeps = {
  db: Database;
  pool: pg.Pool;
  repo: NotificationsRepo;
  outbox: OutboxService;
  customers: Pick<CustomersService, 'contactOf' | 'idsByPhone' | 'namesByIds'>;
  jobs: Jobs;
  media: Media;
  clock: () => Date;
};

// a caption holds 1,024 characters; a longer text goes as its own message before the files
const CAPTION_MAX = 1024;

/**
 * The outbox rows of a staff reply. WhatsApp sends one file per message, the text as the first file's
 * caption; e-mail carries every file; SMS carries none (refused before). The first row is the one whose
 * status the conversation shows.
 */
function replyRows(
  route: { channel: 'whatsapp' | 'sms' | 'email' },
  text: string,
  files: KeptFile[],
): Array<{ text: string; attachments?: KeptFile['outbox'][] }> {
  if (files.length === 0 || route.channel === 'sms') return [{ text }];
  if (route.channel === 'email') return [{ text, attachments: files.map((f) => f.outbox) }];
  const separate = text.length > CAPTION_MAX;
  return [
    ...(separate ? [{ text }] : []),
    ...files.map((f, index) => ({ text: index === 0 && !separate ? text : '', attachments: [f.outbox] })),
  ];
}

/** Until when free-text WhatsApp replies are possible: 24 hours after the customer's last message. */
export function windowUntil(row: ConversationRow, now: Date): string | null {
  const last = row.lastInboundWhatsappAt;
  if (!last) return null;
  const until = last.getTime() + WHATSAPP_WINDOW_MS;
  return until > now.getTime() ? new Date(until).toISOString() : null;
}

/** The inbox hears of a new message at COMMIT. */
export async function live(tx: Tx, row: ConversationRow, message: ConversationMessageRow) {
  await publishLive(tx, {
    type: 'conversation.message',
    organizationId: row.organizationId,
    customerId: row.customerId ?? '',
    conversationId: row.id,
    repairId: message.repairId,
    messageId: message.id,
    at: message.createdAt.toISOString(),
  });
}

/** The channel and number of a staff reply, or a clear refusal. */
async function replyRoute(
  deps: Pick<ConversationsDeps, 'customers' | 'outbox' | 'clock'>,
  tx: Tx,
  ctx: AuthedContext,
  row: ConversationRow,
  wanted: Reply['channel'],
): Promise<{ channel: 'whatsapp' | 'sms' | 'email'; to: string }> {
  const channel = wanted ?? 'whatsapp';
  if (!row.customerId) {
    // a number no customer has: an answer on WhatsApp inside the 24 hours its message opened
    if (channel !== 'whatsapp' || !row.phone) throw new AppError('CONFLICT', 'communication.unknown_sender');
    if (!windowUntil(row, deps.clock()))
      throw new AppError('CONFLICT', 'communication.whatsapp_window_closed');
    return { channel, to: row.phone };
  }
  const contact = await deps.customers.contactOf(tx.db, ctx.actor.organizationId, row.customerId);
  if (!contact || contact.gone) throw new AppError('NOT_FOUND', 'communication.conversation_not_found');
  if (channel === 'email') {
    if (!contact.email) throw new AppError('CONFLICT', 'communication.no_address', { channel: 'e-mail' });
    return { channel, to: contact.email };
  }
  if (channel === 'sms') {
    if (!contact.consents.sms?.granted) throw new AppError('CONFLICT', 'communication.no_sms_consent');
    if (!contact.phone) throw new AppError('CONFLICT', 'communication.no_address', { channel: 'SMS' });
    return { channel, to: contact.phone };
  }
  // WhatsApp's policy: no message of any kind without the customer's opt-in
  if (!contact.consents.whatsapp?.granted)
    throw new AppError('CONFLICT', 'communication.no_whatsapp_consent');
  const number = whatsappNumberOf(contact);
  if (!number) throw new AppError('CONFLICT', 'communication.no_address', { channel: 'WhatsApp' });
  // outside the 24-hour window WhatsApp takes only approved templates, never free text
  if (deps.outbox.providers().whatsapp && !windowUntil(row, deps.clock())) {
    throw new AppError('CONFLICT', 'communication.whatsapp_window_closed');
  }
  return { channel, to: number };
}

/** One conversation per customer: inbound WhatsApp, staff replies, the automatic messages (issue 14 §3). */
export function createConversations(deps: ConversationsDeps) {
  const { db, repo, outbox } = deps;

  function toConversation(row: ConversationRow, unread: number, names: Map<string, string>): Conversation {
    return {
      id: row.id,
      customerId: row.customerId,
      customerName: row.customerId ? (names.get(row.customerId) ?? null) : null,
      phone: row.phone,
      lastMessageAt: row.lastMessageAt.toISOString(),
      lastPreview: row.lastPreview,
      unread,
      whatsappWindowUntil: windowUntil(row, deps.clock()),
    };
  }

  async function namesOf(organizationId: string, rows: ConversationRow[]) {
    const ids = [...new Set(rows.map((r) => r.customerId).filter((id): id is string => Boolean(id)))];
    return ids.length ? await deps.customers.namesByIds(db, organizationId, ids) : new Map<string, string>();
  }

  /** The outgoing messages' delivery rows, in one statement. */
  const sentOf = (rows: ConversationMessageRow[]) =>
    outbox.findMessages(
      db,
      rows.flatMap((m) => (m.outboxMessageId ? [m.outboxMessageId] : [])),
    );

  async function load(ctx: AuthedContext, id: string): Promise<ConversationRow> {
    const row = await repo.conversation(db, ctx.actor.organizationId, id);
    if (!row) throw new AppError('NOT_FOUND', 'communication.conversation_not_found');
    return row;
  }

  return {
    async list(ctx: AuthedContext, q: Query): Promise<ConversationPage> {
      assertCan(ctx, 'messages:read');
      const organizationId = ctx.actor.organizationId;
      const { rows, total, unreadConversations } = await repo.listConversations(
        db,
        organizationId,
        ctx.actor.userId,
        {
          page: q.page,
          pageSize: q.pageSize,
          ...(q.customerId ? { customerId: q.customerId } : {}),
          ...(q.unread !== undefined ? { unread: q.unread } : {}),
        },
      );
      const names = await namesOf(
        organizationId,
        rows.map((r) => r.conversation),
      );
      return {
        items: rows.map((r) => toConversation(r.conversation, r.unread, names)),
        total,
        page: q.page,
        pageSize: q.pageSize,
        unreadConversations,
      };
    },

    /** The conversation's latest messages, oldest first; opening it marks it read for this user. */
    async messages(ctx: AuthedContext, id: string): Promise<ConversationMessages> {
      assertCan(ctx, 'messages:read');
      const row = await load(ctx, id);
      const messages = await repo.messages(db, row.id, MESSAGES_SHOWN);
      const sent = await sentOf(messages);
      const last = messages.at(-1);
      if (last) await repo.markRead(db, row.id, ctx.actor.userId);
      const names = await namesOf(ctx.actor.organizationId, [row]);
      return {
        conversation: toConversation(row, 0, names),
        items: messages.map((m) => toMessage(m, m.outboxMessageId ? sent.get(m.outboxMessageId) : undefined)),
      };
    },

    /** The conversation's messages about one order (the customer's replies shown on the order), unread kept. */
    async ofRepair(ctx: AuthedContext, repairId: string): Promise<ConversationMessage[]> {
      assertCan(ctx, 'messages:read');
      const rows = await repo.messagesOfRepair(db, ctx.actor.organizationId, repairId);
      const sent = await sentOf(rows);
      return rows.map((m) => toMessage(m, m.outboxMessageId ? sent.get(m.outboxMessageId) : undefined));
    },

    /**
     * A staff reply, with up to five photos or PDFs: out at once (quiet hours are for automatic messages
     * only). SMS carries no files: a reply with files by SMS is a 409 naming why.
     */
    async reply(
      ctx: AuthedContext,
      id: string,
      input: Reply,
      files: StaffFile[] = [],
    ): Promise<ConversationMessage> {
      assertCan(ctx, 'messages:send');
      const organizationId = ctx.actor.organizationId;
      const checked = deps.media.checkStaffFiles(files);
      if (!input.text && checked.length === 0) {
        throw new AppError('VALIDATION', 'validation.failed', {}, { text: 'validation.required' });
      }
      return inTransaction(deps.pool, async (tx) => {
        const row = await load(ctx, id);
        const route = await replyRoute(deps, tx, ctx, row, input.channel);
        if (route.channel === 'sms' && checked.length > 0) {
          throw new AppError('CONFLICT', 'communication.sms_no_files');
        }
        const kept = await deps.media.keepStaffFiles(organizationId, row.id, checked);
        const subject = (input.text.split('\n')[0] || kept[0]?.attachment.filename || '').slice(0, 120);
        let messageId: string | null = null;
        for (const part of replyRows(route, input.text, kept)) {
          const queued = await outbox.queueMessage(tx, {
            organizationId,
            channel: route.channel,
            to: route.to,
            text: part.text,
            ...(route.channel === 'email' ? { subject } : {}),
            ...(part.attachments ? { attachments: part.attachments } : {}),
            customerId: row.customerId,
            ...(input.repairId ? { relatedEntity: 'repair', relatedId: input.repairId } : {}),
          });
          messageId ??= queued;
        }
        const at = deps.clock();
        const message = await repo.insertMessage(tx.db, {
          organizationId,
          conversationId: row.id,
          direction: 'out',
          channel: route.channel,
          authorUserId: ctx.actor.userId,
          authorName: ctx.actor.name,
          text: input.text,
          attachments: kept.map((f) => f.attachment),
          repairId: input.repairId ?? null,
          outboxMessageId: messageId,
          createdAt: at,
        });
        await repo.touch(
          tx.db,
          row.id,
          at,
          input.text || `[${kept.map((f) => f.attachment.filename).join(', ')}]`,
        );
        await repo.markRead(tx.db, row.id, ctx.actor.userId);
        await live(tx, row, message!);
        return toMessage(message!, await outbox.findMessage(tx.db, messageId!));
      });
    },
  };
}
