import { normalizePhone } from '@bancada/shared';
import { publishLive } from '../../../platform/live.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { OutboxRow } from '../../outbox/outbox.service.js';
import type { WhatsAppMessageEvent, WhatsAppStatusEvent } from '../channels/whatsapp-webhook.js';
import { type ConversationsDeps, live } from './conversations.js';
import { pendingAttachmentOf } from './media.js';

/** The words shown for a message that carries a file or a place instead of text. */
function inboundText(event: WhatsAppMessageEvent): string {
  if (event.text) return event.text;
  const caption = event.media?.caption ? `: ${event.media.caption}` : '';
  const file = event.media?.filename ? ` ${event.media.filename}` : '';
  return `[${event.type}${file}]${caption}`;
}

/** What the providers' webhooks bring: the customer's messages and the delivery reports (issue 14 §2–§3). */
export function createInbound(deps: ConversationsDeps) {
  const { repo, outbox } = deps;
  return {
    /**
     * An inbound WhatsApp message: into the conversation of the customer with that number (the
     * Brazilian 9th digit either way), or of the number itself; a redelivery stores nothing twice.
     */
    async receiveWhatsApp(organizationId: string, event: WhatsAppMessageEvent): Promise<boolean> {
      const phone = normalizePhone(`+${event.from}`) ?? `+${event.from}`;
      return inTransaction(deps.pool, async (tx) => {
        const ids = await deps.customers.idsByPhone(tx.db, organizationId, phone);
        const row =
          ids.length > 0
            ? await repo.conversationOfCustomer(tx.db, organizationId, ids[0]!)
            : await repo.conversationOfPhone(tx.db, organizationId, phone);
        // a photo, a document, a voice note or a video: the caption is the text, the file comes later
        const file = pendingAttachmentOf(event);
        const text = file ? (event.media?.caption ?? '') : inboundText(event);
        const message = await repo.insertMessage(tx.db, {
          organizationId,
          conversationId: row.id,
          direction: 'in',
          channel: 'whatsapp',
          authorName: event.profileName ?? null,
          text,
          ...(file ? { attachments: [file] } : {}),
          providerMessageId: event.providerMessageId,
          repairId: await lastRepairOf(tx, row.id),
          // when it reached the shop: the customer's clock (whole seconds) may sort it before our last message
          createdAt: deps.clock(),
        });
        if (!message) return false;
        if (file) {
          // fetched by a job: the webhook answers Meta at once (a redelivery inserted nothing above)
          await deps.jobs.enqueue(tx.client, 'conversation-media', {
            messageId: message.id,
            attachmentId: file.id,
          });
        }
        await repo.touch(tx.db, row.id, deps.clock(), text || inboundText(event), { waId: event.from });
        await live(tx, row, message);
        return true;
      });
    },

    /** A delivery report: the message moves forward, and the inbox and the order hear of it. */
    async applyWhatsAppStatus(event: WhatsAppStatusEvent): Promise<boolean> {
      const error = event.errors?.map((e) => `${e.code}: ${e.message}`).join('; ') ?? null;
      const moved = await outbox.applyProviderStatus({
        channel: 'whatsapp',
        providerMessageId: event.providerMessageId,
        status: event.status,
        at: event.at,
        error,
      });
      if (moved) await announceStatus(moved);
      return Boolean(moved);
    },

    async applySmsStatus(report: {
      providerMessageId: string;
      status: string;
      at: Date;
      error: string | null;
    }) {
      const moved = await outbox.applyProviderStatus({ channel: 'sms', ...report });
      if (moved) await announceStatus(moved);
      return Boolean(moved);
    },
  };

  /** The order the customer's last outgoing message was about: a reply usually answers it. */
  async function lastRepairOf(tx: Tx, conversationId: string): Promise<string | null> {
    const recent = await repo.messages(tx.db, conversationId, 20);
    return recent.reverse().find((m) => m.repairId)?.repairId ?? null;
  }

  async function announceStatus(message: OutboxRow) {
    await inTransaction(deps.pool, async (tx) => {
      const inConversation = await repo.messageByOutbox(tx.db, message.id);
      await publishLive(tx, {
        type: 'message.status',
        organizationId: message.organizationId,
        customerId: message.customerId ?? '',
        conversationId: inConversation?.conversationId ?? null,
        repairId: message.relatedEntity === 'repair' ? message.relatedId : null,
        messageId: message.id,
        at: deps.clock().toISOString(),
      });
    });
  }
}
