import {
  type CustomerMessage,
  type CustomerMessagesQuerySchema,
  LOCALES,
  type Locale,
  MESSAGE_CHANNELS,
  type MessageChannel,
  type MessageTemplate,
  type MessageTemplatePreview,
  type MessageTemplatePreviewInputSchema,
  type MessageTemplateQuerySchema,
  type MessageTemplateUpdateSchema,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
} from '@bancada/shared';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { Jobs } from '../../../platform/jobs.js';
import { inTransaction } from '../../../platform/tx.js';
import type { OutboxRow } from '../../outbox/outbox.service.js';
import type { WhatsAppWebhookEvent } from '../channels/whatsapp-webhook.js';
import type { CommunicationDeps } from '../communication.deps.js';
import { buildWhatsAppTemplateName, findDefaultTemplate } from '../default-templates.js';
import type { FeedbackService } from '../feedback/feedback.service.js';
import {
  EVENT_PLACEHOLDERS,
  renderTemplate,
  TemplateError,
  type TemplateValues,
  validateTemplate,
} from '../templates.js';
import { createConversations, waMeLink } from './conversations.js';
import { createDispatcher } from './dispatch.js';
import { createInbound } from './inbound.js';
import { createMedia } from './media.js';
import { createNotificationsRepo, type TemplateRow } from './notifications.repo.js';

type TemplateQuery = z.output<typeof MessageTemplateQuerySchema>;
type TemplateUpdate = z.output<typeof MessageTemplateUpdateSchema>;
type PreviewInput = z.output<typeof MessageTemplatePreviewInputSchema>;
type MessagesQuery = z.output<typeof CustomerMessagesQuerySchema>;

/** Sample values for the live preview: what a real message would carry. */
const SAMPLE_VALUES: Record<Locale, TemplateValues> = {
  'pt-BR': {
    customerName: 'Maria Souza',
    orderNumber: 1042,
    assetName: 'Fiat Argo ABC1D23',
    statusLabel: 'Pronto para retirada',
    total: 'R$ 1.250,00',
    dueService: 'Troca de óleo',
    supplierName: 'Auto Peças Central',
    purchaseOrderNumber: 87,
    expectedDate: '05/12/2026',
    appointmentTime: '05/12/2026 09:00',
    pickupHours: 'seg. a sex., 8h às 18h',
  },
  es: {
    customerName: 'María González',
    orderNumber: 1042,
    assetName: 'Caterpillar 320 CAT0320',
    statusLabel: 'Listo para retirar',
    total: '$ 1.250,00',
    dueService: 'Servicio de 250 horas',
    supplierName: 'Repuestos del Norte',
    purchaseOrderNumber: 87,
    expectedDate: '05/12/2026',
    appointmentTime: '05/12/2026 09:00',
    pickupHours: 'lun. a vie., 8 a 18 h',
  },
  en: {
    customerName: 'Mary Smith',
    orderNumber: 1042,
    assetName: 'Fiat Argo ABC1D23',
    statusLabel: 'Ready for pickup',
    total: 'R$ 1,250.00',
    dueService: 'Oil change',
    supplierName: 'Central Auto Parts',
    purchaseOrderNumber: 87,
    expectedDate: '12/05/2026',
    appointmentTime: '12/05/2026 9:00 AM',
    pickupHours: 'Mon–Fri, 8 am to 6 pm',
  },
};

/** A preview's values: a sample customer, order and links. */
function previewValues(locale: Locale): TemplateValues {
  return {
    ...SAMPLE_VALUES[locale],
    shopName: 'Oficina Bancada',
    shopPhone: '+55 11 3333-4444',
    approvalLink: 'https://oficina.example/estimate/…',
    paymentLink: 'https://oficina.example/pay/…',
    feedbackLink: 'https://oficina.example/feedback/…',
    bookingLink: 'https://oficina.example/booking',
    trackingLink: 'https://oficina.example/orders/…',
  };
}

/** A template error as seed 004's 400: the field and, for an unknown placeholder, its name. */
function templateError(error: TemplateError): AppError {
  const names = error.details.placeholders?.map((n) => `{{${n}}}`).join(', ') ?? '';
  const key =
    error.code === 'unknown_placeholder'
      ? 'communication.template_unknown_placeholder'
      : error.code === 'too_long'
        ? 'communication.template_too_long'
        : error.code === 'subject_required'
          ? 'communication.template_subject_required'
          : 'communication.template_malformed';
  return new AppError(
    'BAD_REQUEST',
    key,
    { placeholders: names, limit: error.details.limit ?? 0 },
    {
      [error.details.field]: [error.message],
      ...(error.details.placeholders ? { placeholders: error.details.placeholders } : {}),
    },
  );
}

function toCustomerMessage(row: OutboxRow, event: string | null): CustomerMessage {
  return {
    id: row.id,
    channel: row.channel as MessageChannel,
    to: row.toAddress,
    subject: row.subject,
    body: row.bodyText,
    status: row.status as CustomerMessage['status'],
    error: row.error,
    attempts: row.attempts,
    event: (NOTIFICATION_EVENTS as readonly string[]).includes(event ?? '')
      ? (event as NotificationEvent)
      : null,
    createdAt: row.createdAt.toISOString(),
    notBefore: row.notBefore?.toISOString() ?? null,
    sentAt: row.sentAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    readAt: row.readAt?.toISOString() ?? null,
    waMeLink:
      row.channel === 'whatsapp' && row.status === 'stored' ? waMeLink(row.toAddress, row.bodyText) : null,
    resendOf: row.resendOf,
  };
}

/** One event × channel × language as the editor shows it. */
function toTemplate(
  key: { event: NotificationEvent; channel: MessageChannel; locale: Locale },
  own?: TemplateRow,
): MessageTemplate {
  const shipped = findDefaultTemplate(key.event, key.channel, key.locale);
  const placeholders = EVENT_PLACEHOLDERS[key.event];
  return {
    ...key,
    subject: key.channel === 'email' ? (own ? own.subject : (shipped.subject ?? null)) : null,
    body: own?.body ?? shipped.body,
    isDefault: !own,
    required: [...placeholders.required],
    optional: [...placeholders.optional],
    whatsappTemplateName: key.channel === 'whatsapp' ? buildWhatsAppTemplateName(key.event) : null,
    updatedAt: own?.updatedAt.toISOString() ?? null,
  };
}

/**
 * The notification engine (issue 14 §1–§3): events into messages, templates, an order's messages and
 * resending, conversations and the providers' webhooks.
 */
export function createNotificationsService(
  deps: CommunicationDeps & { feedback: Pick<FeedbackService, 'ensureRequest'>; now?: () => Date },
) {
  const { db, pool, outbox } = deps;
  const clock = deps.now ?? (() => new Date());
  const repo = createNotificationsRepo();
  const media = createMedia({ ...deps, repo });
  const dispatch = createDispatcher({ ...deps, repo, media, clock });
  const conversations = {
    ...createConversations({ ...deps, repo, media, clock }),
    ...createInbound({ ...deps, repo, media, clock }),
    /** One attachment of a conversation, streamed to staff. */
    openAttachment: media.open,
  };

  return {
    dispatch,
    conversations,
    /** The `conversation-media` job: a customer's WhatsApp file fetched and kept. */
    fetchInboundMedia: media.fetchInbound,

    async registerJobs(jobs: Jobs): Promise<void> {
      await jobs.work<{ eventId: string }>('notification-dispatch', (data) => dispatch(data.eventId));
      await jobs.work<{ messageId: string; attachmentId: string }>('conversation-media', (data) =>
        media.fetchInbound(data),
      );
      // late purchase orders (issue 14 §8): hourly, each order once per expected date
      await jobs.work('purchase-orders-late', async () => {
        await deps.purchaseOrders.remindLate();
      });
      await jobs.schedule('purchase-orders-late', '17 * * * *');
    },

    /** Every event × channel × language, the administrator's text where there is one. */
    async listTemplates(ctx: AuthedContext, q: TemplateQuery): Promise<MessageTemplate[]> {
      assertCan(ctx, 'templates:manage');
      const own = await repo.templates(db, ctx.actor.organizationId);
      const byKey = new Map(own.map((r) => [`${r.event}|${r.channel}|${r.locale}`, r]));
      const out: MessageTemplate[] = [];
      for (const event of q.event ? [q.event] : NOTIFICATION_EVENTS)
        for (const channel of q.channel ? [q.channel] : MESSAGE_CHANNELS)
          for (const locale of q.locale ? [q.locale] : LOCALES)
            out.push(toTemplate({ event, channel, locale }, byKey.get(`${event}|${channel}|${locale}`)));
      return out;
    },

    /** Saves (or resets) one template; an unknown placeholder is a 400 naming it. */
    async saveTemplate(ctx: AuthedContext, input: TemplateUpdate): Promise<MessageTemplate> {
      assertCan(ctx, 'templates:manage');
      const organizationId = ctx.actor.organizationId;
      const key = { event: input.event, channel: input.channel, locale: input.locale };
      if (!input.reset) {
        try {
          validateTemplate(input.event, input.channel, {
            body: input.body,
            ...(input.channel === 'email' ? { subject: input.subject ?? '' } : {}),
          });
        } catch (error) {
          if (error instanceof TemplateError) throw templateError(error);
          throw error;
        }
      }
      return inTransaction(pool, async (tx) => {
        const before = await repo.template(tx.db, organizationId, key);
        let saved: TemplateRow | undefined;
        if (input.reset) await repo.deleteTemplate(tx.db, organizationId, key);
        else
          saved = await repo.saveTemplate(tx.db, {
            organizationId,
            ...key,
            subject: input.channel === 'email' ? (input.subject ?? null) : null,
            body: input.body,
            updatedById: ctx.actor.userId,
          });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'message_template.updated',
          entity: 'message_template',
          entityId: `${key.event}.${key.channel}.${key.locale}`,
          before: before ? { subject: before.subject, body: before.body } : null,
          after: saved ? { subject: saved.subject, body: saved.body } : { reset: true },
        });
        return toTemplate(key, saved);
      });
    },

    /** The live preview: the text with sample values, checked like a save. */
    previewTemplate(ctx: AuthedContext, input: PreviewInput): MessageTemplatePreview {
      assertCan(ctx, 'templates:manage');
      const values = previewValues(input.locale);
      try {
        const template = {
          event: input.event,
          body: input.body,
          ...(input.channel === 'email' ? { subject: input.subject ?? '' } : {}),
        };
        validateTemplate(input.event, input.channel, template);
        const rendered = renderTemplate(template, values, { channel: input.channel });
        return { subject: rendered.subject ?? null, body: rendered.body };
      } catch (error) {
        if (error instanceof TemplateError) throw templateError(error);
        throw error;
      }
    },

    /** An order's messages to the customer, with their delivery status. */
    async listMessages(ctx: AuthedContext, q: MessagesQuery): Promise<CustomerMessage[]> {
      assertCan(ctx, 'messages:read');
      const rows = await outbox.listRelated(db, ctx.actor.organizationId, 'repair', q.repairId);
      const events = await outbox.eventNames(
        db,
        rows.flatMap((row) => (row.eventId ? [row.eventId] : [])),
      );
      return rows.map((row) =>
        toCustomerMessage(row, row.eventId ? (events.get(row.eventId) ?? null) : null),
      );
    },

    /** A failed (or kept, with no provider) message once more, as a new message pointing at it. */
    async resend(ctx: AuthedContext, id: string): Promise<CustomerMessage> {
      assertCan(ctx, 'messages:send');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const row = await outbox.findMessage(tx.db, id);
        if (!row || row.organizationId !== organizationId)
          throw new AppError('NOT_FOUND', 'communication.message_not_found');
        if (row.status !== 'failed' && row.status !== 'stored')
          throw new AppError('CONFLICT', 'communication.resend_not_failed');
        const newId = await outbox.queueMessage(tx, {
          organizationId,
          channel: row.channel as MessageChannel,
          to: row.toAddress,
          subject: row.subject,
          text: row.bodyText,
          html: row.bodyHtml,
          customerId: row.customerId,
          ...(row.relatedEntity ? { relatedEntity: row.relatedEntity } : {}),
          ...(row.relatedId ? { relatedId: row.relatedId } : {}),
          ...(row.attachments ? { attachments: row.attachments } : {}),
          whatsappTemplate: row.whatsappTemplate,
          resendOf: row.id,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'message.resent',
          entity: 'message',
          entityId: newId!,
          before: { id: row.id, status: row.status },
          after: { id: newId },
        });
        const created = await outbox.findMessage(tx.db, newId!);
        return toCustomerMessage(created!, null);
      });
    },

    /**
     * A signed WhatsApp delivery, already parsed: statuses move messages forward; inbound messages land
     * in the conversation of the installation's organization (one business number per installation).
     */
    async receiveWhatsApp(events: WhatsAppWebhookEvent[]) {
      let statuses = 0;
      let messages = 0;
      const org = events.some((e) => e.kind === 'message')
        ? await deps.organization.defaultProfile(db)
        : undefined;
      for (const event of events) {
        if (event.kind === 'status') statuses += (await conversations.applyWhatsAppStatus(event)) ? 1 : 0;
        else if (org) messages += (await conversations.receiveWhatsApp(org.id, event)) ? 1 : 0;
      }
      return { statuses, messages };
    },

    /** Which providers are configured: the web offers wa.me links when WhatsApp has none. */
    status() {
      return { providers: outbox.providers() };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
