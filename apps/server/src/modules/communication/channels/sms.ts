/**
 * The seam between Bancada and whoever delivers its text messages (decision 0012: Twilio). The
 * engine of issue 14 calls `send`, retries what is `retryable` and reads delivery through
 * `parseStatusCallback`; nothing here knows a provider's field names.
 */

export const SMS_DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'failed'] as const;
export type SmsDeliveryStatus = (typeof SMS_DELIVERY_STATUSES)[number];

export const SMS_SEND_ERROR_KINDS = [
  'auth',
  'sender',
  'invalid-number',
  'recipient-blocked',
  'too-long',
  'rate-limited',
  'unavailable',
  'timeout',
  'rejected',
  'unexpected',
] as const;
export type SmsSendErrorKind = (typeof SMS_SEND_ERROR_KINDS)[number];

export const SMS_CALLBACK_ERROR_KINDS = ['unauthenticated', 'malformed', 'unknown-status'] as const;
export type SmsCallbackErrorKind = (typeof SMS_CALLBACK_ERROR_KINDS)[number];

/** Carriers concatenate long texts; each segment is billed. Three keep a repair notice affordable. */
export const DEFAULT_MAX_SEGMENTS = 3;

export type SmsSendOptions = {
  /** Where the provider posts delivery updates for this message (absolute http(s) URL). */
  statusCallbackUrl?: string;
};

export type SmsSendResult = {
  providerMessageId: string;
  /** Accepted by the provider ('queued') or already handed to the carrier ('sent'). */
  status: 'queued' | 'sent';
};

/** One status callback as the HTTP route received it, before any parsing. */
export type SmsStatusCallbackRequest = {
  /** The full URL the provider called, exactly as given to it (scheme, host, port, path, query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body as received: signatures are computed over it, not over a re-encoded copy. */
  rawBody: string;
};

export type SmsStatusUpdate = {
  providerMessageId: string;
  status: SmsDeliveryStatus;
  /** The provider's own status word, e.g. Twilio's `undelivered`. */
  providerStatus: string;
  /** The provider's error code for a failed delivery, e.g. Twilio's `30003`. */
  errorCode?: string;
  to?: string;
};

export type SmsProvider = {
  name: string;
  /** Sends one text; refuses locally (no request) a number that is not E.164 or a text too long. */
  send(to: string, text: string, options?: SmsSendOptions): Promise<SmsSendResult>;
  /** Authenticates and reads a delivery update; throws SmsCallbackError when it must be refused. */
  parseStatusCallback?(request: SmsStatusCallbackRequest): SmsStatusUpdate;
};

/**
 * A message that was not sent. `message` names the cause and the fix in English and never carries
 * credentials; `providerMessage` keeps the provider's own words (redacted of credentials too).
 */
export class SmsSendError extends Error {
  readonly kind: SmsSendErrorKind;
  /** Whether sending the same text again later can succeed. The adapter never retries by itself. */
  readonly retryable: boolean;
  /** The provider's error code, e.g. Twilio's `21211`; undefined for refusals made before any request. */
  readonly code: string | undefined;
  readonly httpStatus: number | undefined;
  readonly providerMessage: string | undefined;
  /** How long the provider asked to wait (HTTP Retry-After), when it did. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: SmsSendErrorKind,
    message: string,
    details: {
      retryable?: boolean;
      code?: string;
      httpStatus?: number;
      providerMessage?: string;
      retryAfterMs?: number;
    } = {},
  ) {
    super(message);
    this.name = 'SmsSendError';
    this.kind = kind;
    this.retryable = details.retryable ?? false;
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.providerMessage = details.providerMessage;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** A status callback that must not be trusted or cannot be read; the route answers it with a 4xx. */
export class SmsCallbackError extends Error {
  readonly kind: SmsCallbackErrorKind;

  constructor(kind: SmsCallbackErrorKind, message: string) {
    super(message);
    this.name = 'SmsCallbackError';
    this.kind = kind;
  }
}

// E.164: '+', a country code that does not start with 0, at most 15 digits in all
const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
// Brazil: a 2-digit area code without zeros, then a 9-digit mobile starting with 9; landlines get no SMS
const BRAZIL_MOBILE_PATTERN = /^\+55[1-9]{2}9\d{8}$/;

/** Refuses a recipient that no provider would deliver to, before any request. */
export function assertSmsRecipient(to: string): void {
  if (!E164_PATTERN.test(to)) {
    throw new SmsSendError(
      'invalid-number',
      `The recipient ${maskPhone(to)} is not an E.164 number; write it as '+', country code and number with no spaces or punctuation (e.g. +5511987654321). Store customer phones in E.164.`,
    );
  }
  if (to.startsWith('+55') && !BRAZIL_MOBILE_PATTERN.test(to)) {
    throw new SmsSendError(
      'invalid-number',
      `The recipient ${maskPhone(to)} is not a Brazilian mobile: after +55 come a 2-digit area code and 9 digits starting with 9 (e.g. +5511987654321). Landlines cannot receive SMS; an old 8-digit mobile needs the leading 9.`,
    );
  }
}

/**
 * A phone as error texts show it: enough to tell numbers apart, not enough to contact the person,
 * since error texts reach logs and customer phones are encrypted at rest (decision 0011).
 */
export function maskPhone(phone: string): string {
  if (phone.length <= 6) return '…';
  return `${phone.slice(0, 3)}…${phone.slice(-2)}`;
}

/** Refuses an empty text or one above `maxSegments`, before any request. */
export function assertSmsText(text: string, maxSegments: number): SmsSegments {
  const counted = smsSegments(text);
  if (counted.segments === 0 || text.trim() === '') {
    throw new SmsSendError('rejected', 'The text is empty; write the message before sending it.');
  }
  if (counted.segments > maxSegments) {
    const perSegment = counted.encoding === 'GSM-7' ? '153 plain characters' : '67 characters';
    throw new SmsSendError(
      'too-long',
      `The text needs ${counted.segments} SMS segments (${counted.encoding}) and the limit is ${maxSegments}. Shorten it (each segment holds ${perSegment}${counted.encoding === 'UCS-2' ? '; one character outside the GSM alphabet, such as ã, ç or an emoji, makes the whole text UCS-2' : ''}) or raise the segment limit.`,
    );
  }
  return counted;
}

export type SmsSegments = { encoding: 'GSM-7' | 'UCS-2'; segments: number };

// 3GPP TS 23.038 default alphabet. 0x09 is the capital Ç; á, í, ó, ú, â, ê, ô, ã, õ and ç are absent.
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// The extension table: each costs two septets (escape + character)
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

const GSM7_SINGLE = 160;
const GSM7_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

/**
 * How many SMS segments a text takes. GSM-7 when every character is in the default alphabet or its
 * extension (which costs two septets), otherwise UCS-2 counted in UTF-16 units. A multi-part message
 * loses room to its header (153 septets or 67 units per part), and an escape pair or a surrogate pair
 * is never split between parts.
 */
export function smsSegments(text: string): SmsSegments {
  const characters = Array.from(text);
  const isGsm7 = characters.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  const costs = characters.map((c) => (isGsm7 ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length));
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  const encoding = isGsm7 ? 'GSM-7' : 'UCS-2';
  if (total === 0) return { encoding, segments: 0 };
  if (total <= (isGsm7 ? GSM7_SINGLE : UCS2_SINGLE)) return { encoding, segments: 1 };
  const part = isGsm7 ? GSM7_PART : UCS2_PART;
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments };
}

/** A header's value whatever the case of its name; the first one when repeated. */
export function readHeader(headers: SmsStatusCallbackRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
