import {
  type Locale,
  MESSAGE_CHANNELS,
  type MessageChannel,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
} from '@bancada/shared';

export type { MessageChannel, NotificationEvent };
/**
 * Message templates of the notification engine (issue 14 §1): which placeholders each event offers,
 * parsing and validation on save (an unknown placeholder is a 400 naming it), and rendering.
 */
// the events and channels are the API's too (packages/shared contracts/communication.ts)
export { MESSAGE_CHANNELS, NOTIFICATION_EVENTS };

export type TemplateLocale = Locale;

export const PLACEHOLDERS = [
  'customerName',
  'orderNumber',
  'assetName',
  'shopName',
  'shopPhone',
  'statusLabel',
  'total',
  'approvalLink',
  'paymentLink',
  'feedbackLink',
  'pickupHours',
  'appointmentTime',
  'supplierName',
  'purchaseOrderNumber',
  'expectedDate',
  'dueService',
  'bookingLink',
  'trackingLink',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type EventPlaceholders = {
  /** always supplied by the engine; a missing one is a bug and throws at render time */
  required: readonly Placeholder[];
  /** may be absent (no phone on file, no link yet): renders as an empty string */
  optional: readonly Placeholder[];
};

const ORDER: readonly Placeholder[] = ['customerName', 'orderNumber', 'assetName', 'shopName'];
const ORDER_OPTIONAL: readonly Placeholder[] = ['shopPhone', 'statusLabel', 'trackingLink'];
const APPOINTMENT: EventPlaceholders = {
  required: ['customerName', 'appointmentTime', 'shopName'],
  optional: ['assetName', 'shopPhone', 'bookingLink'],
};

/** The placeholders each event offers; any other name is unknown for that event. */
export const EVENT_PLACEHOLDERS: Record<NotificationEvent, EventPlaceholders> = {
  order_received: { required: ORDER, optional: ORDER_OPTIONAL },
  estimate_ready: { required: [...ORDER, 'total', 'approvalLink'], optional: ORDER_OPTIONAL },
  work_started: { required: ORDER, optional: ORDER_OPTIONAL },
  awaiting_parts: { required: ORDER, optional: ORDER_OPTIONAL },
  parts_arrived: { required: ORDER, optional: ORDER_OPTIONAL },
  ready_for_pickup: { required: ORDER, optional: [...ORDER_OPTIONAL, 'total', 'pickupHours'] },
  delivered: { required: [...ORDER, 'feedbackLink'], optional: ORDER_OPTIONAL },
  // the invoice's no-login page, where the customer pays by Pix (billing's signed link)
  invoice_issued: { required: [...ORDER, 'total', 'paymentLink'], optional: ORDER_OPTIONAL },
  appointment_confirmed: APPOINTMENT,
  appointment_reminder: APPOINTMENT,
  appointment_changed: APPOINTMENT,
  // the daily run always gives the portal's booking page for the asset (issue 15 §3)
  reminder_due: {
    required: ['customerName', 'assetName', 'dueService', 'shopName', 'bookingLink'],
    optional: ['shopPhone'],
  },
  // sent to the supplier, not to a customer
  purchase_order_late: {
    required: ['supplierName', 'purchaseOrderNumber', 'expectedDate', 'shopName'],
    optional: ['shopPhone'],
  },
  feedback_request: { required: [...ORDER, 'feedbackLink'], optional: ['shopPhone'] },
};

/** Length limits per channel, counted on the template as written. */
export const TEMPLATE_LIMITS = {
  emailSubject: 200,
  email: 20_000,
  // WhatsApp Cloud API text body limit
  whatsapp: 4_096,
  // about three concatenated SMS segments
  sms: 480,
} as const;

export const TEMPLATE_ERROR_CODES = [
  'unknown_placeholder',
  'malformed',
  'too_long',
  'subject_required',
  'missing_value',
] as const;
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number];

/** JSON-friendly details for the API's 400 answer. */
export type TemplateErrorDetails = {
  field: 'subject' | 'body';
  placeholders?: string[];
  position?: number;
  limit?: number;
  length?: number;
};

export class TemplateError extends Error {
  constructor(
    readonly code: TemplateErrorCode,
    readonly details: TemplateErrorDetails,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

export type MessageTemplate = { subject?: string; body: string };

/** The shipped texts of one locale: e-mail subject + plain-text body, WhatsApp and SMS bodies. */
export type LocaleDefaultTexts = Record<
  NotificationEvent,
  { email: { subject: string; body: string }; whatsapp: { body: string }; sms: { body: string } }
>;

type Segment = { text: string } | { placeholder: string };

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function malformed(field: 'subject' | 'body', position: number, why: string): TemplateError {
  return new TemplateError('malformed', { field, position }, `${field}: ${why} at character ${position + 1}`);
}

/** Splits a text into literal runs and placeholders; `{{ name }}` may carry spaces inside the braces. */
function tokenize(text: string, field: 'subject' | 'body' = 'body'): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    const stray = text.indexOf('}}', cursor);
    if (stray !== -1 && (open === -1 || stray < open)) throw malformed(field, stray, "'}}' without '{{'");
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) throw malformed(field, open, "'{{' is never closed");
    const inner = text.slice(open + 2, close);
    if (inner.includes('{')) throw malformed(field, open, 'nested braces');
    const name = inner.trim();
    if (name === '') throw malformed(field, open, 'empty placeholder');
    if (!NAME.test(name)) throw malformed(field, open, `'${name}' is not a placeholder name`);
    if (open > cursor) segments.push({ text: text.slice(cursor, open) });
    segments.push({ placeholder: name });
    cursor = close + 2;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}

/** The placeholders a text uses, each once, in order of first use; throws TemplateError('malformed'). */
export function parseTemplate(text: string, field: 'subject' | 'body' = 'body'): string[] {
  const names: string[] = [];
  for (const segment of tokenize(text, field)) {
    if ('placeholder' in segment && !names.includes(segment.placeholder)) names.push(segment.placeholder);
  }
  return names;
}

/** Whether an event offers a placeholder. */
export function isPlaceholderOffered(event: NotificationEvent, name: string): boolean {
  const offered = EVENT_PLACEHOLDERS[event];
  return (
    (offered.required as readonly string[]).includes(name) ||
    (offered.optional as readonly string[]).includes(name)
  );
}

function checkPlaceholders(event: NotificationEvent, field: 'subject' | 'body', text: string): void {
  const unknown = parseTemplate(text, field).filter((name) => !isPlaceholderOffered(event, name));
  if (unknown.length > 0) {
    throw new TemplateError(
      'unknown_placeholder',
      { field, placeholders: unknown },
      `${field}: unknown placeholder(s) for ${event}: ${unknown.map((n) => `{{${n}}}`).join(', ')}`,
    );
  }
}

function checkLength(field: 'subject' | 'body', text: string, limit: number): void {
  if (text.length > limit) {
    throw new TemplateError(
      'too_long',
      { field, limit, length: text.length },
      `${field}: ${text.length} characters, at most ${limit}`,
    );
  }
}

/**
 * Checks a template before it is saved; throws TemplateError. A subject is required for e-mail and
 * ignored for WhatsApp and SMS.
 */
export function validateTemplate(
  event: NotificationEvent,
  channel: MessageChannel,
  template: MessageTemplate,
): void {
  if (channel === 'email') {
    if (!template.subject?.trim()) {
      throw new TemplateError('subject_required', { field: 'subject' }, 'subject: required for e-mail');
    }
    checkPlaceholders(event, 'subject', template.subject);
    checkLength('subject', template.subject, TEMPLATE_LIMITS.emailSubject);
  }
  checkPlaceholders(event, 'body', template.body);
  checkLength('body', template.body, TEMPLATE_LIMITS[channel]);
}

export type TemplateValues = Partial<Record<Placeholder, string | number | null>>;

export type RenderOptions = {
  channel: MessageChannel;
  /** e-mail only: escape values for an HTML body */
  html?: boolean;
};

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML body or attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** One value, or '' for an absent optional one; an absent required one is a bug and throws. */
function resolveValue(
  event: NotificationEvent,
  field: 'subject' | 'body',
  name: string,
  values: TemplateValues,
): string {
  if (!isPlaceholderOffered(event, name)) {
    throw new TemplateError('unknown_placeholder', { field, placeholders: [name] }, `unknown {{${name}}}`);
  }
  const raw = values[name as Placeholder];
  const value = raw === null || raw === undefined ? '' : String(raw);
  const isOptional = (EVENT_PLACEHOLDERS[event].optional as readonly string[]).includes(name);
  if (value.trim() === '' && !isOptional) {
    throw new TemplateError(
      'missing_value',
      { field, placeholders: [name] },
      `no value for the required {{${name}}} of ${event}`,
    );
  }
  return value;
}

function renderText(
  event: NotificationEvent,
  field: 'subject' | 'body',
  text: string,
  values: TemplateValues,
  transform: (value: string) => string,
): string {
  return tokenize(text, field)
    .map((s) => ('text' in s ? s.text : transform(resolveValue(event, field, s.placeholder, values))))
    .join('');
}

/** Substitutes the values into a template; throws TemplateError on an unknown or missing value. */
export function renderTemplate(
  template: MessageTemplate & { event: NotificationEvent },
  values: TemplateValues,
  options: RenderOptions,
): MessageTemplate {
  const isHtml = options.channel === 'email' && options.html === true;
  const body = renderText(template.event, 'body', template.body, values, isHtml ? escapeHtml : (v) => v);
  if (options.channel !== 'email' || template.subject === undefined) return { body };
  // a subject is one header line: a value must not break it
  const subject = renderText(template.event, 'subject', template.subject, values, (v) =>
    v.replace(/[\r\n]+/g, ' '),
  );
  return { subject, body };
}
