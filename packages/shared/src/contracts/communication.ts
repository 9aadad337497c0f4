import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { PaginationQuerySchema, pageOf } from '../pagination.js';
import { OUTBOX_STATUSES } from './outbox.js';

/** What a customer (or a supplier) may be told about (issue 14 §1). */
export const NOTIFICATION_EVENTS = [
  'order_received',
  'estimate_ready',
  'work_started',
  'awaiting_parts',
  'parts_arrived',
  'ready_for_pickup',
  'delivered',
  'invoice_issued',
  'appointment_confirmed',
  'appointment_reminder',
  'appointment_changed',
  'reminder_due',
  'purchase_order_late',
  'feedback_request',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const MESSAGE_CHANNELS = ['email', 'whatsapp', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

// ---- templates -------------------------------------------------------------------------------------

export const MessageTemplateSchema = z
  .object({
    event: z.enum(NOTIFICATION_EVENTS),
    channel: z.enum(MESSAGE_CHANNELS),
    locale: z.enum(LOCALES),
    subject: z.string().nullable(),
    body: z.string(),
    /** true: the shipped text (no administrator's own) */
    isDefault: z.boolean(),
    /** the placeholders this event offers: always filled, and possibly empty */
    required: z.array(z.string()),
    optional: z.array(z.string()),
    /** the approved WhatsApp template used outside the 24-hour window */
    whatsappTemplateName: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'MessageTemplate' });
export type MessageTemplate = z.infer<typeof MessageTemplateSchema>;
export const MessageTemplateListSchema = z.array(MessageTemplateSchema);

export const MessageTemplateKeySchema = z.object({
  event: z.enum(NOTIFICATION_EVENTS),
  channel: z.enum(MESSAGE_CHANNELS),
  locale: z.enum(LOCALES),
});

export const MessageTemplateQuerySchema = MessageTemplateKeySchema.partial();

/** Saving a template: placeholders are checked against the event (an unknown one is a 400 naming it). */
export const MessageTemplateUpdateSchema = MessageTemplateKeySchema.extend({
  subject: z.string().trim().max(200).nullish(),
  body: z.string().max(20_000),
  /** true: drop the administrator's text and go back to the shipped one (subject and body ignored) */
  reset: z.boolean().optional(),
});
export type MessageTemplateUpdate = z.input<typeof MessageTemplateUpdateSchema>;

export const MessageTemplatePreviewInputSchema = MessageTemplateKeySchema.extend({
  subject: z.string().max(200).nullish(),
  body: z.string().max(20_000),
});
export const MessageTemplatePreviewSchema = z.object({
  subject: z.string().nullable(),
  body: z.string(),
});
export type MessageTemplatePreview = z.infer<typeof MessageTemplatePreviewSchema>;

// ---- messages sent to customers -----------------------------------------------------------------------

export const CUSTOMER_MESSAGE_STATUSES = OUTBOX_STATUSES;

export const CustomerMessageSchema = z
  .object({
    id: z.uuid(),
    channel: z.enum(MESSAGE_CHANNELS),
    to: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    status: z.enum(OUTBOX_STATUSES),
    error: z.string().nullable(),
    attempts: z.number().int(),
    event: z.enum(NOTIFICATION_EVENTS).nullable(),
    createdAt: z.string(),
    /** held back by the shop's quiet hours until then */
    notBefore: z.string().nullable(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    readAt: z.string().nullable(),
    /** a WhatsApp message with no provider to send it: the click-to-chat link with the text filled in */
    waMeLink: z.string().nullable(),
    /** a staff member's resend of a failed message points at the original */
    resendOf: z.uuid().nullable(),
  })
  .meta({ id: 'CustomerMessage' });
export type CustomerMessage = z.infer<typeof CustomerMessageSchema>;
export const CustomerMessageListSchema = z.array(CustomerMessageSchema);

/** An order's messages to the customer. */
export const CustomerMessagesQuerySchema = z.object({ repairId: z.uuid() });

// ---- conversations -----------------------------------------------------------------------------------

export const ConversationSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid().nullable(),
    customerName: z.string().nullable(),
    /** an inbound number that matches no customer */
    phone: z.string().nullable(),
    lastMessageAt: z.string(),
    lastPreview: z.string().nullable(),
    /** messages from the customer this staff member has not opened */
    unread: z.number().int(),
    /** free-text WhatsApp replies are possible until then (24 hours after the customer's last message) */
    whatsappWindowUntil: z.string().nullable(),
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationQuerySchema = PaginationQuerySchema.extend({
  customerId: z.uuid().optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ConversationQuery = z.input<typeof ConversationQuerySchema>;
export const ConversationPageSchema = pageOf(ConversationSchema).extend({
  /** the staff member's unread conversations across the inbox */
  unreadConversations: z.number().int(),
});
export type ConversationPage = z.infer<typeof ConversationPageSchema>;

/** Files staff may attach to a reply: photos and PDFs (WhatsApp image or document messages, e-mail attachments). */
export const CONVERSATION_ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
] as const;
export const CONVERSATION_ATTACHMENTS_MAX = 5;
/** per file; a photo above WhatsApp's 5 MB image limit goes as a document */
export const CONVERSATION_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** all the files of one reply together (an e-mail carries them all) */
export const CONVERSATION_ATTACHMENTS_TOTAL_BYTES = 20 * 1024 * 1024;

/** pending: an inbound file still being fetched from WhatsApp; unavailable: it could not be */
export const CONVERSATION_ATTACHMENT_STATUSES = ['pending', 'ready', 'unavailable'] as const;

export const ConversationAttachmentSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    status: z.enum(CONVERSATION_ATTACHMENT_STATUSES),
    /** the file itself (GET, with the token); null until it is ready */
    url: z.string().nullable(),
  })
  .meta({ id: 'ConversationAttachment' });
export type ConversationAttachment = z.infer<typeof ConversationAttachmentSchema>;

export const ConversationAttachmentParamsSchema = z.object({ id: z.uuid(), attachmentId: z.uuid() });

export const CONVERSATION_CHANNELS = ['whatsapp', 'sms', 'email', 'portal'] as const;

export const ConversationMessageSchema = z
  .object({
    id: z.uuid(),
    direction: z.enum(['in', 'out']),
    channel: z.enum(CONVERSATION_CHANNELS),
    text: z.string(),
    authorName: z.string().nullable(),
    repairId: z.uuid().nullable(),
    attachments: z.array(ConversationAttachmentSchema),
    /** an outgoing message's delivery status */
    status: z.enum(OUTBOX_STATUSES).nullable(),
    error: z.string().nullable(),
    waMeLink: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ConversationMessage' });
export type ConversationMessage = z.infer<typeof ConversationMessageSchema>;

export const ConversationMessagesSchema = z.object({
  conversation: ConversationSchema,
  items: z.array(ConversationMessageSchema),
});
export type ConversationMessages = z.infer<typeof ConversationMessagesSchema>;

export const ConversationReplySchema = z.object({
  text: z.string().trim().min(1, { message: 'validation.required' }).max(4096),
  /** the order the reply is about */
  repairId: z.uuid().optional(),
  /** default: WhatsApp; SMS or e-mail when the customer has no WhatsApp consent or window */
  channel: z.enum(MESSAGE_CHANNELS).optional(),
});
export type ConversationReply = z.input<typeof ConversationReplySchema>;

/**
 * The same reply as multipart/form-data with up to five files (`files`, JPEG/PNG/WebP or PDF); the text
 * may then be empty. For the API document: the route reads the parts itself.
 */
export const ConversationReplyFormSchema = z.object({
  text: z.string().max(4096).optional(),
  repairId: z.uuid().optional(),
  channel: z.enum(MESSAGE_CHANNELS).optional(),
  files: z
    .array(z.string().meta({ format: 'binary' }))
    .max(CONVERSATION_ATTACHMENTS_MAX)
    .meta({ description: 'JPEG, PNG, WebP or PDF, up to 10 MB each and 20 MB together' }),
});
/** The form's text fields as the route reads them: the text may be empty when files come with it. */
export const ConversationReplyFieldsSchema = ConversationReplySchema.extend({
  text: z.string().trim().max(4096).default(''),
});

export const CommunicationStatusSchema = z.object({
  providers: z.object({ email: z.boolean(), whatsapp: z.boolean(), sms: z.boolean() }),
});
export type CommunicationStatus = z.infer<typeof CommunicationStatusSchema>;

/** The inbox's live event: something new in a conversation, or a message's delivery status moved. */
export const ConversationLiveEventSchema = z.object({
  type: z.enum(['conversation.message', 'message.status']),
  conversationId: z.uuid().nullable(),
  repairId: z.uuid().nullable(),
  messageId: z.uuid(),
  at: z.string(),
});
export type ConversationLiveEvent = z.infer<typeof ConversationLiveEventSchema>;
