import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { isSameSecret } from '../../../platform/crypto.js';

/**
 * The WhatsApp Cloud API webhook (the `messages` field of a WhatsApp Business Account). Pure functions
 * for a Fastify handler: GET answers the subscription check; POST checks X-Hub-Signature-256 on the
 * raw body first, then parses. Meta retries a delivery that is not answered 200.
 */

export const WHATSAPP_MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type WhatsAppMessageStatus = (typeof WHATSAPP_MESSAGE_STATUSES)[number];

export const WHATSAPP_INBOUND_TYPES = [
  'text',
  'image',
  'document',
  'audio',
  'video',
  'sticker',
  'location',
  'contacts',
  'button',
  'interactive',
  'reaction',
  'unsupported',
] as const;
export type WhatsAppInboundType = (typeof WHATSAPP_INBOUND_TYPES)[number];

export type WhatsAppStatusEvent = {
  kind: 'status';
  /** the business number the event belongs to (metadata.phone_number_id) */
  phoneNumberId: string;
  providerMessageId: string;
  status: WhatsAppMessageStatus;
  at: Date;
  /** the customer's WhatsApp id (recipient_id) */
  recipient: string;
  errors?: Array<{ code: number; title: string; message: string }>;
};

export type WhatsAppInboundMedia = { id: string; mimeType: string; filename?: string; caption?: string };

export type WhatsAppMessageEvent = {
  kind: 'message';
  phoneNumberId: string;
  providerMessageId: string;
  /** the sender's WhatsApp id, digits only */
  from: string;
  profileName?: string;
  at: Date;
  /** a type this adapter does not read (system, order, …) arrives as 'unsupported' */
  type: WhatsAppInboundType;
  /** the text, or a text rendering (a location, a tapped button, a reaction, a contact card) */
  text?: string;
  media?: WhatsAppInboundMedia;
  /** the id a button payload or list row carried, for a reply to our interactive or template message */
  payload?: string;
  /** the message this one answers or reacts to (context.id) */
  replyTo?: string;
};

export type WhatsAppWebhookEvent = WhatsAppStatusEvent | WhatsAppMessageEvent;
export type WhatsAppWebhookParse =
  | { ok: true; events: WhatsAppWebhookEvent[] }
  | { ok: false; reason: string };

/** GET {webhook}?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…: echo the challenge. */
export function verifySubscription(
  query: Record<string, unknown>,
  verifyToken: string,
): { ok: true; challenge: string } | { ok: false } {
  // a query parser that nests dotted keys gives { hub: { mode } }
  const nested = isRecord(query.hub) ? query.hub : {};
  const mode = query['hub.mode'] ?? nested.mode;
  const token = query['hub.verify_token'] ?? nested.verify_token;
  const challenge = query['hub.challenge'] ?? nested.challenge;
  if (!verifyToken || mode !== 'subscribe') return { ok: false };
  if (typeof token !== 'string' || typeof challenge !== 'string' || challenge === '') return { ok: false };
  return isSameSecret(token, verifyToken) ? { ok: true, challenge } : { ok: false };
}

/** X-Hub-Signature-256: `sha256=` and the hex HMAC-SHA256 of the raw body under the app secret. */
export function isValidSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!appSecret || typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const presented = Buffer.from(match[1]!, 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return isSameSecret(presented, expected);
}

const UnixSecondsSchema = z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]);
const ErrorSchema = z.looseObject({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});
const StatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  timestamp: UnixSecondsSchema,
  recipient_id: z.string().min(1),
  errors: z.array(ErrorSchema).optional(),
});
const MediaSchema = z.looseObject({
  id: z.string().min(1),
  mime_type: z.string().min(1),
  filename: z.string().optional(),
  caption: z.string().optional(),
});
const MessageSchema = z.looseObject({
  id: z.string().min(1),
  from: z.string().regex(/^\+?\d{5,20}$/),
  timestamp: UnixSecondsSchema,
  type: z.string().min(1),
  context: z.looseObject({ id: z.string().optional() }).optional(),
  text: z.looseObject({ body: z.string() }).optional(),
  image: MediaSchema.optional(),
  document: MediaSchema.optional(),
  audio: MediaSchema.optional(),
  video: MediaSchema.optional(),
  sticker: MediaSchema.optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  button: z.looseObject({ text: z.string(), payload: z.string().optional() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .looseObject({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
    })
    .optional(),
  reaction: z.looseObject({ message_id: z.string().optional(), emoji: z.string().optional() }).optional(),
  contacts: z.array(z.unknown()).optional(),
});
const ValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ phone_number_id: z.string().min(1) }),
  contacts: z
    .array(
      z.looseObject({
        wa_id: z.string().optional(),
        profile: z.looseObject({ name: z.string() }).optional(),
      }),
    )
    .optional(),
  statuses: z.array(StatusSchema).optional(),
  messages: z.array(MessageSchema).optional(),
});
const WebhookSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

type Value = z.infer<typeof ValueSchema>;
type Message = z.infer<typeof MessageSchema>;

/**
 * Statuses and inbound messages of every change in the delivery, in order. Other webhook fields
 * (template reviews, account updates) and statuses we do not track are skipped, not refused.
 */
export function parseWebhook(body: unknown): WhatsAppWebhookParse {
  const envelope = WebhookSchema.safeParse(body);
  if (!envelope.success) return refuse(envelope.error, []);
  const events: WhatsAppWebhookEvent[] = [];
  for (const [entryIndex, entry] of envelope.data.entry.entries()) {
    for (const [changeIndex, change] of entry.changes.entries()) {
      if (change.field !== 'messages') continue;
      const value = ValueSchema.safeParse(change.value);
      if (!value.success) return refuse(value.error, ['entry', entryIndex, 'changes', changeIndex, 'value']);
      events.push(...readStatuses(value.data), ...readMessages(value.data));
    }
  }
  return { ok: true, events };
}

function readStatuses(value: Value): WhatsAppStatusEvent[] {
  const phoneNumberId = value.metadata.phone_number_id;
  return (value.statuses ?? []).flatMap((status): WhatsAppStatusEvent[] => {
    if (!isKnownStatus(status.status)) return [];
    const errors = status.errors?.map((error) => ({
      code: error.code,
      title: error.title ?? error.message ?? `error ${error.code}`,
      message: error.error_data?.details ?? error.message ?? error.title ?? `error ${error.code}`,
    }));
    return [
      {
        kind: 'status',
        phoneNumberId,
        providerMessageId: status.id,
        status: status.status,
        at: fromUnixSeconds(status.timestamp),
        recipient: status.recipient_id,
        ...(errors && errors.length > 0 ? { errors } : {}),
      },
    ];
  });
}

function readMessages(value: Value): WhatsAppMessageEvent[] {
  const contacts = value.contacts ?? [];
  return (value.messages ?? []).map((message) => {
    const from = message.from.replace(/\D/g, '');
    // one contact per sender; a single-contact delivery may omit wa_id
    const contact =
      contacts.find((c) => c.wa_id === from) ?? (contacts.length === 1 ? contacts[0] : undefined);
    const profileName = contact?.profile?.name;
    const content = readContent(message);
    const replyTo = message.context?.id ?? message.reaction?.message_id;
    return {
      kind: 'message',
      phoneNumberId: value.metadata.phone_number_id,
      providerMessageId: message.id,
      from,
      ...(profileName ? { profileName } : {}),
      at: fromUnixSeconds(message.timestamp),
      ...content,
      ...(replyTo ? { replyTo } : {}),
    };
  });
}

type Content = Pick<WhatsAppMessageEvent, 'type' | 'text' | 'media' | 'payload'>;

function readContent(message: Message): Content {
  switch (message.type) {
    case 'text':
      return message.text ? { type: 'text', text: message.text.body } : { type: 'unsupported' };
    case 'image':
    case 'document':
    case 'audio':
    case 'video':
    case 'sticker': {
      const media = message[message.type];
      return media ? { type: message.type, media: readMedia(media) } : { type: 'unsupported' };
    }
    case 'location': {
      const place = message.location;
      if (!place) return { type: 'unsupported' };
      const label = [place.name, place.address].filter(Boolean).join(', ');
      const text = `${label ? `${label} ` : ''}(${place.latitude}, ${place.longitude})`;
      return { type: 'location', text };
    }
    case 'button':
      return message.button
        ? { type: 'button', text: message.button.text, ...optional('payload', message.button.payload) }
        : { type: 'unsupported' };
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply ? { type: 'interactive', text: reply.title, payload: reply.id } : { type: 'unsupported' };
    }
    case 'reaction':
      return { type: 'reaction', ...optional('text', message.reaction?.emoji) };
    case 'contacts':
      return { type: 'contacts', ...optional('text', describeContacts(message.contacts ?? [])) };
    default:
      return { type: 'unsupported' };
  }
}

function readMedia(media: z.infer<typeof MediaSchema>): WhatsAppInboundMedia {
  return {
    id: media.id,
    mimeType: media.mime_type,
    ...optional('filename', media.filename),
    ...optional('caption', media.caption),
  };
}

/** "Name: +55 11 98765-4321" per shared contact card. */
function describeContacts(cards: unknown[]): string | undefined {
  const lines = cards.filter(isRecord).map((card) => {
    const name =
      isRecord(card.name) && typeof card.name.formatted_name === 'string' ? card.name.formatted_name : '';
    const phones = Array.isArray(card.phones)
      ? card.phones.flatMap((p) => (isRecord(p) && typeof p.phone === 'string' ? [p.phone] : []))
      : [];
    return [name, phones.join(', ')].filter(Boolean).join(': ');
  });
  return lines.filter(Boolean).join('\n') || undefined;
}

function isKnownStatus(status: string): status is WhatsAppMessageStatus {
  return (WHATSAPP_MESSAGE_STATUSES as readonly string[]).includes(status);
}

function fromUnixSeconds(value: string | number): Date {
  return new Date(Number(value) * 1000);
}

function refuse(error: z.ZodError, prefix: Array<string | number>): WhatsAppWebhookParse {
  const issues = error.issues.map(
    (i) => `${['body', ...prefix, ...i.path.map(String)].join('.')}: ${i.message}`,
  );
  return { ok: false, reason: `not a WhatsApp Business Account delivery (${issues.join('; ')})` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);
}
