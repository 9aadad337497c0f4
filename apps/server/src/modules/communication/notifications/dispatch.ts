import {
  formatMoney,
  LOCALES,
  type Locale,
  type MessageChannel,
  type NotificationEvent,
} from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../../db/client.js';
import type { AuthedContext } from '../../../platform/context.js';
import { type MessageKey, t } from '../../../platform/i18n.js';
import { publishLive } from '../../../platform/live.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { BillingDocumentsService } from '../../billing/billing-documents.service.js';
import type { InvoiceLinksService } from '../../billing/invoice-links.service.js';
import type { AssetsService } from '../../customers/assets.service.js';
import type { CustomerContact, CustomersService } from '../../customers/customers.service.js';
import type { OrganizationProfile, OrganizationService } from '../../organization/organization.service.js';
import type { NotificationEventRow, OutboxAttachment, OutboxService } from '../../outbox/outbox.service.js';
import type { RepairDocumentsService } from '../../repairs/documents/documents.service.js';
import { findDefaultTemplate, whatsappTemplateParameters } from '../default-templates.js';
import type { FeedbackService } from '../feedback/feedback.service.js';
import { isQuietTime, nextSendTime } from '../quiet-hours.js';
import { type MessageTemplate, renderTemplate, TemplateError, type TemplateValues } from '../templates.js';
import type { Media } from './media.js';
import type { ConversationAttachment, NotificationsRepo } from './notifications.repo.js';

export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

export type DispatchDeps = {
  db: Database;
  pool: pg.Pool;
  repo: NotificationsRepo;
  outbox: OutboxService;
  customers: Pick<CustomersService, 'contactOf'>;
  assets: Pick<AssetsService, 'summaries'>;
  organization: Pick<OrganizationService, 'profile'>;
  feedback: Pick<FeedbackService, 'ensureRequest'>;
  /** the order's printed documents, attached to the e-mail: the intake receipt, the service report */
  repairDocuments?: Pick<RepairDocumentsService, 'intake' | 'report'>;
  /** the invoice's Pix link and its PDF */
  invoiceLinks?: Pick<InvoiceLinksService, 'linkFor'>;
  billingDocuments?: Pick<BillingDocumentsService, 'pdf'>;
  /** keeps a PDF sent by WhatsApp so the conversation shows it */
  media?: Pick<Media, 'keepDocument'>;
  clock: () => Date;
};

/** The engine reading an order's documents on the shop's behalf (no user is behind a job). */
function engineContext(organizationId: string, locale: Locale): AuthedContext {
  return {
    actor: {
      userId: '00000000-0000-0000-0000-000000000000',
      name: 'Bancada',
      email: 'system@bancada',
      role: 'ADMINISTRATOR',
      organizationId,
      branchId: null,
      sessionId: 'notification-engine',
      grants: {},
      customerId: null,
    },
    ip: null,
    userAgent: 'system',
    locale,
    requestId: 'notification-engine',
  };
}

/** The PDF an order's e-mail carries: the intake receipt when received, the report when delivered, the invoice. */
async function documentsFor(
  deps: Pick<DispatchDeps, 'repairDocuments' | 'billingDocuments'>,
  event: NotificationEventRow,
  locale: Locale,
): Promise<OutboxAttachment[] | undefined> {
  const invoiceId = event.payload.invoiceId;
  if (event.event === 'invoice_issued' && typeof invoiceId === 'string' && deps.billingDocuments) {
    try {
      const doc = await deps.billingDocuments.pdf(
        engineContext(event.organizationId, locale),
        invoiceId,
        locale,
      );
      return [
        { filename: doc.filename, contentType: 'application/pdf', contentBase64: doc.pdf.toString('base64') },
      ];
    } catch {
      return undefined;
    }
  }
  const kind = event.event === 'order_received' ? 'intake' : event.event === 'delivered' ? 'report' : null;
  if (!kind || !deps.repairDocuments || event.relatedEntity !== 'repair' || !event.relatedId)
    return undefined;
  try {
    const doc = await deps.repairDocuments[kind](
      engineContext(event.organizationId, locale),
      event.relatedId,
      locale,
    );
    return [
      { filename: doc.fileName, contentType: 'application/pdf', contentBase64: doc.pdf.toString('base64') },
    ];
  } catch {
    // the message still goes without its file (an order deleted since, a document it cannot have)
    return undefined;
  }
}

/** Where one message of an event goes. */
type Delivery = { channel: MessageChannel; to: string };

/** A customer's WhatsApp number: one labelled WhatsApp, else the main phone. */
export function whatsappNumberOf(contact: Pick<CustomerContact, 'phone' | 'phones'>): string | null {
  return contact.phones.find((p) => p.label === 'whatsapp')?.number ?? contact.phone ?? null;
}

/**
 * The channels an automatic message to a customer goes out on (issue 14 §1, "Consent"):
 * - e-mail, transactional, to every customer with an address;
 * - WhatsApp only with the customer's WhatsApp consent (WhatsApp's opt-in policy) and a number;
 * - SMS only with SMS consent and a number, when the customer prefers SMS or WhatsApp is not possible.
 */
export function channelsFor(contact: CustomerContact): Delivery[] {
  if (contact.gone) return [];
  const out: Delivery[] = [];
  if (contact.email) out.push({ channel: 'email', to: contact.email });
  const whatsapp = whatsappNumberOf(contact);
  const whatsappAllowed = Boolean(whatsapp && contact.consents.whatsapp?.granted);
  if (whatsappAllowed) out.push({ channel: 'whatsapp', to: whatsapp! });
  const prefersSms = contact.preferences.contactChannel === 'sms';
  if (contact.phone && contact.consents.sms?.granted && (prefersSms || !whatsappAllowed)) {
    out.push({ channel: 'sms', to: contact.phone });
  }
  return out;
}

function localeOf(value: unknown, fallback: string): Locale {
  const wanted = typeof value === 'string' ? value : fallback;
  return (LOCALES as readonly string[]).includes(wanted) ? (wanted as Locale) : 'pt-BR';
}

/** The events that say where an order stands carry its status; the message names it in words. */
function statusLabel(locale: Locale, status: unknown): string | null {
  return typeof status === 'string' ? t(locale, `repair_status.${status}` as MessageKey) : null;
}

/** An appointment's start (issue 15) in the reader's language, on the shop's clock. */
function appointmentTimeOf(locale: Locale, payload: NotificationEventRow['payload'], timeZone: string) {
  if (typeof payload.appointmentAt !== 'string')
    return (payload.appointmentTime as string | undefined) ?? null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(
    new Date(payload.appointmentAt),
  );
}

/** The shop's own text for the event × channel × language, else the shipped one. */
async function templateOf(
  repo: NotificationsRepo,
  db: Database,
  organizationId: string,
  event: NotificationEvent,
  channel: MessageChannel,
  locale: Locale,
): Promise<MessageTemplate> {
  const own = await repo.template(db, organizationId, { event, channel, locale });
  if (own) return { body: own.body, ...(own.subject ? { subject: own.subject } : {}) };
  const shipped = findDefaultTemplate(event, channel, locale);
  return { body: shipped.body, ...(shipped.subject ? { subject: shipped.subject } : {}) };
}

/**
 * Free text (and files) may be sent for 24 hours after the customer's last WhatsApp message: open at
 * `at`, when the message will go out (the end of quiet hours for a held one).
 */
async function windowOpen(
  deps: Pick<DispatchDeps, 'repo'>,
  tx: Tx,
  organizationId: string,
  customerId: string | null,
  at: Date,
): Promise<boolean> {
  if (!customerId) return false;
  const conversation = await deps.repo.findConversationOfCustomer(tx.db, organizationId, customerId);
  const last = conversation?.lastInboundWhatsappAt;
  return Boolean(last && at.getTime() - last.getTime() < WHATSAPP_WINDOW_MS);
}

/** The asset's name (plate, brand and model) as the order shows it; the order's number without one. */
async function assetNameOf(
  deps: Pick<DispatchDeps, 'assets'>,
  tx: Tx,
  event: NotificationEventRow,
  payload: NotificationEventRow['payload'],
) {
  if (typeof payload.assetName === 'string' && payload.assetName) return payload.assetName;
  if (typeof payload.assetId === 'string') {
    const found = await deps.assets.summaries(tx.db, event.organizationId, [payload.assetId]);
    const label = found.get(payload.assetId)?.label;
    if (label) return label;
  }
  return payload.orderNumber != null ? `#${payload.orderNumber}` : null;
}

/** An invoice's no-login page, where the customer pays by Pix. */
async function paymentLinkOf(
  deps: Pick<DispatchDeps, 'invoiceLinks'>,
  event: NotificationEventRow,
  locale: Locale,
): Promise<string | null> {
  const invoiceId = event.payload.invoiceId;
  if (typeof invoiceId !== 'string' || !deps.invoiceLinks) return null;
  return (await deps.invoiceLinks.linkFor(engineContext(event.organizationId, locale), invoiceId)).url;
}

/** An automatic WhatsApp or SMS message shows in the customer's conversation too. */
async function recordInConversation(
  deps: Pick<DispatchDeps, 'repo' | 'clock'>,
  tx: Tx,
  event: NotificationEventRow,
  customerId: string,
  channel: MessageChannel,
  text: string,
  outboxMessageId: string,
  attachments: ConversationAttachment[] = [],
) {
  const conversation = await deps.repo.conversationOfCustomer(tx.db, event.organizationId, customerId);
  const at = deps.clock();
  const row = await deps.repo.insertMessage(tx.db, {
    organizationId: event.organizationId,
    conversationId: conversation.id,
    direction: 'out',
    channel,
    text,
    attachments,
    repairId: event.relatedEntity === 'repair' ? event.relatedId : null,
    outboxMessageId,
    createdAt: at,
  });
  await deps.repo.touch(tx.db, conversation.id, at, text);
  if (row) {
    await publishLive(tx, {
      type: 'conversation.message',
      organizationId: event.organizationId,
      customerId,
      conversationId: conversation.id,
      repairId: row.repairId,
      messageId: row.id,
      at: at.toISOString(),
    });
  }
}

/** One PDF by WhatsApp: its own outbox row (one message each, retried like any), shown in the conversation. */
async function queueDocument(
  deps: Pick<DispatchDeps, 'repo' | 'outbox' | 'media' | 'clock'>,
  tx: Tx,
  common: {
    organizationId: string;
    channel: MessageChannel;
    to: string;
    customerId: string;
    notBefore: Date | null;
  },
  event: NotificationEventRow,
  file: OutboxAttachment,
) {
  const documentId = await deps.outbox.queueMessage(tx, {
    ...common,
    // the event's unique (event, channel) row is the text; the document is tied to it by this transaction
    eventId: null,
    ...(event.relatedEntity ? { relatedEntity: event.relatedEntity } : {}),
    ...(event.relatedId ? { relatedId: event.relatedId } : {}),
    text: file.filename,
    attachments: [file],
  });
  if (!documentId) return;
  const conversation = await deps.repo.conversationOfCustomer(tx.db, event.organizationId, common.customerId);
  const kept = deps.media ? [await deps.media.keepDocument(event.organizationId, conversation.id, file)] : [];
  await recordInConversation(deps, tx, event, common.customerId, 'whatsapp', file.filename, documentId, kept);
}

/** Turns one notification event into its messages: templates, consent, quiet hours, once per channel. */
export function createDispatcher(deps: DispatchDeps) {
  const { repo, outbox } = deps;

  async function valuesFor(
    tx: Tx,
    event: NotificationEventRow,
    org: OrganizationProfile,
    contact: CustomerContact | null,
    locale: Locale,
  ): Promise<TemplateValues> {
    const payload = event.payload;
    const values: TemplateValues = {
      ...(payload as TemplateValues),
      total:
        typeof payload.totalCents === 'number' ? formatMoney(payload.totalCents, locale, org.currency) : null,
      assetName: await assetNameOf(deps, tx, event, payload),
      paymentLink: await paymentLinkOf(deps, event, locale),
      shopName: org.name,
      shopPhone: org.address.phone ?? null,
      ...(contact ? { customerName: contact.name } : {}),
      statusLabel: statusLabel(locale, payload.status),
      appointmentTime: appointmentTimeOf(locale, payload, org.timeZone),
    };
    // every delivered order asks for feedback (no gating): the link is made here, once per order
    if (
      (event.event === 'delivered' || event.event === 'feedback_request') &&
      !values.feedbackLink &&
      contact &&
      event.relatedEntity === 'repair' &&
      event.relatedId
    ) {
      const { link } = await deps.feedback.ensureRequest(tx, {
        organizationId: event.organizationId,
        repairId: event.relatedId,
        repairNumber: Number(payload.orderNumber),
        customerId: contact.id,
        technicianIds: String(payload.technicianIds ?? '')
          .split(',')
          .filter(Boolean),
      });
      values.feedbackLink = link;
    }
    return values;
  }

  async function queueOne(
    tx: Tx,
    input: {
      event: NotificationEventRow;
      delivery: Delivery;
      locale: Locale;
      values: TemplateValues;
      notBefore: Date | null;
      customerId: string | null;
      /** the event's PDFs (made once, only when a channel carries them) */
      documents?: () => Promise<OutboxAttachment[] | undefined>;
    },
  ) {
    const { event, delivery, locale, values } = input;
    const name = event.event as NotificationEvent;
    const template = await templateOf(repo, tx.db, event.organizationId, name, delivery.channel, locale);
    const common = {
      organizationId: event.organizationId,
      channel: delivery.channel,
      to: delivery.to,
      customerId: input.customerId,
      eventId: event.id,
      ...(event.relatedEntity ? { relatedEntity: event.relatedEntity } : {}),
      ...(event.relatedId ? { relatedId: event.relatedId } : {}),
      notBefore: input.notBefore,
    };
    let rendered: MessageTemplate;
    let whatsappTemplate = null;
    let inWindow = false;
    try {
      rendered = renderTemplate({ ...template, event: name }, values, { channel: delivery.channel });
      if (delivery.channel === 'whatsapp') {
        const at = input.notBefore ?? deps.clock();
        inWindow = await windowOpen(deps, tx, event.organizationId, input.customerId, at);
        if (!inWindow) whatsappTemplate = whatsappTemplateParameters(name, locale, values);
      }
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      // kept as failed so staff see it on the order and can resend once the data is there
      return outbox.queueMessage(tx, { ...common, text: template.body, failedWith: error.message });
    }
    const id = await outbox.queueMessage(tx, {
      ...common,
      subject: rendered.subject ?? null,
      text: rendered.body,
      whatsappTemplate,
      ...(delivery.channel === 'email'
        ? { attachments: [...(event.attachments ?? []), ...((await input.documents?.()) ?? [])] }
        : {}),
    });
    if (id && input.customerId && delivery.channel !== 'email') {
      await recordInConversation(deps, tx, event, input.customerId, delivery.channel, rendered.body, id);
    }
    // the PDF as a WhatsApp document message: a free-form message, so only inside the customer service
    // window (outside it the template goes alone, its text carries the link); queued with the text, in
    // the same transaction, so a retried dispatch (id null) queues no second copy
    if (id && inWindow && input.customerId) {
      const files = [...(event.attachments ?? []), ...((await input.documents?.()) ?? [])];
      for (const file of files.filter((f) => f.contentType === 'application/pdf')) {
        await queueDocument(deps, tx, { ...common, customerId: input.customerId }, event, file);
      }
    }
    return id;
  }

  /** The supplier's e-mail (a late purchase order), and a note to the buyer. */
  async function dispatchToSupplier(tx: Tx, event: NotificationEventRow, org: OrganizationProfile) {
    const email = event.payload.supplierEmail;
    if (typeof email !== 'string' || !email) return;
    const values = await valuesFor(tx, event, org, null, localeOf(org.locale, 'pt-BR'));
    await queueOne(tx, {
      event,
      delivery: { channel: 'email', to: email },
      locale: localeOf(org.locale, 'pt-BR'),
      values,
      notBefore: null,
      customerId: null,
    });
  }

  /** The job: idempotent (a retry finds each channel's message there and queues nothing new). */
  return async function dispatch(eventId: string): Promise<void> {
    const event = await outbox.findEvent(eventId);
    if (!event) return;
    const org = await deps.organization.profile(deps.db, event.organizationId);
    if (!org) return;
    await inTransaction(deps.pool, async (tx) => {
      if (!event.customerId) {
        await dispatchToSupplier(tx, event, org);
        return;
      }
      const contact = await deps.customers.contactOf(tx.db, event.organizationId, event.customerId);
      if (!contact) return;
      const locale = localeOf(contact.preferences.locale, org.locale);
      const values = await valuesFor(tx, event, org, contact, locale);
      const now = deps.clock();
      const quiet = { timeZone: org.timeZone, quietStart: org.quietStart, quietEnd: org.quietEnd };
      const notBefore = isQuietTime(now, quiet) ? nextSendTime(now, quiet) : null;
      const deliveries = channelsFor(contact);
      let made: Promise<OutboxAttachment[] | undefined> | undefined;
      const documents = () => {
        made ??= documentsFor(deps, event, locale);
        return made;
      };
      for (const delivery of deliveries) {
        await queueOne(tx, {
          event,
          delivery,
          locale,
          values,
          notBefore,
          customerId: contact.id,
          documents,
        });
      }
    });
    await outbox.markEventDispatched(eventId);
  };
}
