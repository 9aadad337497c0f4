import { createHmac } from 'node:crypto';
import { isSameSecret } from '../../../platform/crypto.js';
import {
  assertSmsRecipient,
  assertSmsText,
  DEFAULT_MAX_SEGMENTS,
  maskPhone,
  readHeader,
  SmsCallbackError,
  type SmsDeliveryStatus,
  type SmsProvider,
  SmsSendError,
  type SmsSendErrorKind,
  type SmsSendResult,
  type SmsStatusCallbackRequest,
  type SmsStatusUpdate,
} from './sms.js';

/**
 * Twilio Programmable Messaging, per https://www.twilio.com/docs/messaging/api/message-resource and
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security. Decision 0012 lists what was checked
 * and what is assumed.
 */

export const TWILIO_API_URL = 'https://api.twilio.com';
export const TWILIO_API_VERSION = '2010-04-01';
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';
// Present when a Webhooks Rule signs with its own shared key instead of the auth token
const TWILIO_SIGNATURE_SETTINGS_HEADER = 'x-twilio-webhooks-signature-settings';
export const DEFAULT_TIMEOUT_MS = 10_000;

export type TwilioSmsSettings = {
  /** Defaults to Twilio's API; tests point it at the fake (SMS_API_URL). */
  apiUrl?: string;
  /** TWILIO_ACCOUNT_SID, `AC` and 32 hex digits */
  accountSid: string;
  /** TWILIO_AUTH_TOKEN; also the key Twilio signs status callbacks with */
  authToken: string;
  /** SMS_FROM: a Twilio number in E.164, a short code or an approved alphanumeric sender ID */
  from?: string;
  /** TWILIO_MESSAGING_SERVICE_SID, `MG…`: lets Twilio pick the sender per country */
  messagingServiceSid?: string;
  timeoutMs?: number;
  maxSegments?: number;
};

// Twilio's words → ours. Unknown words are an error, never a guess.
const TWILIO_STATUSES: Record<string, SmsDeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  // still on its way to the carrier
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

const ACCOUNT_SID_PATTERN = /^AC[0-9a-fA-F]{32}$/;
const MESSAGING_SERVICE_SID_PATTERN = /^MG[0-9a-fA-F]{32}$/;
// E.164 number, short code, or alphanumeric sender ID (up to 11 characters, at least one letter)
const SENDER_PATTERN = /^(\+[1-9]\d{6,14}|\d{3,8}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/;

type TwilioResponse = {
  httpStatus: number;
  body: Record<string, unknown> | undefined;
  text: string;
  retryAfter: string | null;
};

export function createTwilioSms(
  settings: TwilioSmsSettings,
  fetchImpl: typeof fetch = fetch,
): SmsProvider & { apiUrl: string } {
  assertTwilioSettings(settings);
  const apiUrl = (settings.apiUrl || TWILIO_API_URL).replace(/\/+$/, '');
  const { accountSid, authToken } = settings;
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxSegments = settings.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  const messagesUrl = `${apiUrl}/${TWILIO_API_VERSION}/Accounts/${accountSid}/Messages.json`;
  // the provider's words may echo the credentials or the recipient's number
  const redactor = (to: string) => (value: string) =>
    value.split(authToken).join('[redacted]').split(accountSid).join('AC…').split(to).join(maskPhone(to));

  return {
    name: 'twilio',
    apiUrl,

    async send(to, text, options = {}): Promise<SmsSendResult> {
      assertSmsRecipient(to);
      assertSmsText(text, maxSegments);
      const params = new URLSearchParams({ To: to, Body: text });
      if (settings.from) params.set('From', settings.from);
      if (settings.messagingServiceSid) params.set('MessagingServiceSid', settings.messagingServiceSid);
      if (options.statusCallbackUrl !== undefined) {
        params.set('StatusCallback', checkedCallbackUrl(options.statusCallbackUrl));
      }
      const response = await postForm({ fetchImpl, url: messagesUrl, authorization, timeoutMs, params });
      if (response.httpStatus < 200 || response.httpStatus >= 300) {
        throw toSendError(response, redactor(to));
      }
      return readCreatedMessage(response);
    },

    parseStatusCallback(request: SmsStatusCallbackRequest): SmsStatusUpdate {
      if (readHeader(request.headers, TWILIO_SIGNATURE_SETTINGS_HEADER)) {
        throw new SmsCallbackError(
          'unauthenticated',
          'The status callback is signed with a Twilio Webhooks Rule key, which Bancada does not hold; remove the rule for this URL so Twilio signs with the auth token.',
        );
      }
      const signature = readHeader(request.headers, TWILIO_SIGNATURE_HEADER);
      const params = new URLSearchParams(request.rawBody);
      if (!signature || !isTwilioSignatureValid(authToken, signature, request.url, params)) {
        throw new SmsCallbackError(
          'unauthenticated',
          `The status callback's X-Twilio-Signature is ${signature ? 'wrong' : 'missing'}; it was ignored. If Twilio sent it, check that the URL given to Twilio is exactly the one the server sees (scheme, host, port, path, query) and that TWILIO_AUTH_TOKEN is the account's primary token.`,
        );
      }
      return readTwilioStatus(params);
    },
  };
}

/** Twilio's documented signature: base64 HMAC-SHA1, keyed by the auth token, of the URL then each POST parameter's name and value sorted by name. */
export function computeTwilioSignature(
  authToken: string,
  url: string,
  params: URLSearchParams | Record<string, string>,
): string {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  // code-unit order, as Twilio's own libraries sort
  entries.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const payload = entries.reduce((data, [key, value]) => data + key + value, url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

/**
 * Checks a signature in constant time. Like Twilio's libraries it accepts the URL with or without
 * the scheme's standard port, since a proxy may add or drop it.
 */
export function isTwilioSignatureValid(
  authToken: string,
  signature: string,
  url: string,
  params: URLSearchParams | Record<string, string>,
): boolean {
  if (!authToken || !signature) return false;
  let valid = false;
  for (const candidate of withAndWithoutStandardPort(url)) {
    valid = isSameSecret(signature, computeTwilioSignature(authToken, candidate, params)) || valid;
  }
  return valid;
}

/** Reads a status callback's form parameters (after the signature was checked). */
export function readTwilioStatus(params: URLSearchParams): SmsStatusUpdate {
  const providerMessageId = params.get('MessageSid') ?? params.get('SmsSid');
  const providerStatus = params.get('MessageStatus') ?? params.get('SmsStatus');
  if (!providerMessageId || !providerStatus) {
    throw new SmsCallbackError(
      'malformed',
      'The Twilio status callback has no MessageSid or MessageStatus; it was ignored. Give this URL only as a message StatusCallback.',
    );
  }
  const status = Object.hasOwn(TWILIO_STATUSES, providerStatus) ? TWILIO_STATUSES[providerStatus] : undefined;
  if (!status) {
    throw new SmsCallbackError(
      'unknown-status',
      `Twilio reported the status '${providerStatus}' for message ${providerMessageId}, which is not a status of an outbound SMS Bancada knows; nothing was recorded. Report it to the Bancada maintainers.`,
    );
  }
  const errorCode = params.get('ErrorCode') || undefined;
  const to = params.get('To') || undefined;
  return {
    providerMessageId,
    status,
    providerStatus,
    ...(errorCode ? { errorCode } : {}),
    ...(to ? { to } : {}),
  };
}

function assertTwilioSettings(settings: TwilioSmsSettings) {
  // configuration errors name the variable, never its value
  if (!ACCOUNT_SID_PATTERN.test(settings.accountSid ?? '')) {
    throw new Error(
      "Twilio SMS: TWILIO_ACCOUNT_SID is missing or is not an account SID ('AC' and 32 hex digits); copy it from the Twilio Console, Account info.",
    );
  }
  if (!settings.authToken) {
    throw new Error(
      'Twilio SMS: TWILIO_AUTH_TOKEN is not set; copy the primary auth token from the Twilio Console.',
    );
  }
  if (!settings.from && !settings.messagingServiceSid) {
    throw new Error(
      'Twilio SMS: no sender. Set SMS_FROM (a Twilio number in E.164, a short code or an approved sender ID) or TWILIO_MESSAGING_SERVICE_SID.',
    );
  }
  if (settings.from && !SENDER_PATTERN.test(settings.from)) {
    throw new Error(
      'Twilio SMS: SMS_FROM must be a Twilio number in E.164 (+5511…), a short code (digits only) or an alphanumeric sender ID of up to 11 letters, digits and spaces.',
    );
  }
  if (settings.messagingServiceSid && !MESSAGING_SERVICE_SID_PATTERN.test(settings.messagingServiceSid)) {
    throw new Error(
      "Twilio SMS: TWILIO_MESSAGING_SERVICE_SID must be 'MG' and 32 hex digits; copy it from Messaging → Services.",
    );
  }
}

function checkedCallbackUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // Twilio refuses a callback URL whose host has an underscore
  if (!url || !/^https?:$/.test(url.protocol) || url.hostname.includes('_')) {
    throw new SmsSendError(
      'rejected',
      `The status callback URL '${value}' is not an absolute http(s) URL Twilio can call (no underscore in the host); pass the public URL of the status route.`,
    );
  }
  return value;
}

async function postForm(request: {
  fetchImpl: typeof fetch;
  url: string;
  authorization: string;
  timeoutMs: number;
  params: URLSearchParams;
}): Promise<TwilioResponse> {
  const { fetchImpl, timeoutMs } = request;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(request.url, {
      method: 'POST',
      headers: {
        authorization: request.authorization,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: request.params.toString(),
      signal,
    });
    const text = await response.text();
    return {
      httpStatus: response.status,
      body: parseObject(text),
      text,
      retryAfter: response.headers.get('retry-after'),
    };
  } catch (error) {
    if (signal.aborted) {
      throw new SmsSendError(
        'timeout',
        `Twilio did not answer within ${timeoutMs} ms. The message may have been accepted: sending again can deliver it twice, so retry later or check Twilio's message log first.`,
        { retryable: true },
      );
    }
    // the cause is left out: it may carry the request, and the request carries the credentials
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    throw new SmsSendError(
      'unavailable',
      `Could not reach Twilio${typeof code === 'string' ? ` (${code})` : ''}; nothing was sent. Check SMS_API_URL and the server's network, then try again.`,
      { retryable: true },
    );
  }
}

function readCreatedMessage(response: TwilioResponse): SmsSendResult {
  const sid = text(response.body?.sid);
  const providerStatus = text(response.body?.status);
  const status =
    providerStatus && Object.hasOwn(TWILIO_STATUSES, providerStatus)
      ? TWILIO_STATUSES[providerStatus]
      : undefined;
  if (sid && (status === 'queued' || status === 'sent')) return { providerMessageId: sid, status };
  if (sid && status === 'failed') {
    const code = text(response.body?.error_code);
    throw new SmsSendError(
      'rejected',
      `Twilio created message ${sid} already '${providerStatus}'${code ? ` (error ${code})` : ''}; it will not be delivered. Look the code up in Twilio's error dictionary.`,
      { code, httpStatus: response.httpStatus },
    );
  }
  throw new SmsSendError(
    'unexpected',
    `Twilio answered HTTP ${response.httpStatus} without a message id and a known status${sid ? ` (message ${sid}, status '${providerStatus}')` : ''}. The message may have been sent: check Twilio's message log before sending again, and report the answer to the Bancada maintainers.`,
    { httpStatus: response.httpStatus },
  );
}

type Classified = { kind: SmsSendErrorKind; retryable: boolean; fix: string };

const FIX_CREDENTIALS =
  'Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to the values in the Twilio Console (Account info); a rotated token must be updated here too.';
const FIX_SENDER =
  'Set SMS_FROM to a number, short code or approved sender ID of this Twilio account, or TWILIO_MESSAGING_SERVICE_SID to one of its Messaging Services.';
const FIX_NUMBER =
  "Check the customer's phone: it must be a mobile that can receive SMS, in E.164. Correct it before sending again.";

// Twilio's error codes (https://www.twilio.com/docs/api/errors) that call for a specific fix
const TWILIO_ERRORS: Record<string, Classified> = {
  '20003': { kind: 'auth', retryable: false, fix: FIX_CREDENTIALS },
  '20005': {
    kind: 'auth',
    retryable: false,
    fix: 'The Twilio account is suspended or closed; reactivate it in the Twilio Console.',
  },
  '10001': {
    kind: 'auth',
    retryable: false,
    fix: 'The Twilio account is not active; reactivate it in the Twilio Console.',
  },
  '21211': { kind: 'invalid-number', retryable: false, fix: FIX_NUMBER },
  '21401': { kind: 'invalid-number', retryable: false, fix: FIX_NUMBER },
  '21612': {
    kind: 'invalid-number',
    retryable: false,
    fix: `Twilio cannot route to this number. ${FIX_NUMBER}`,
  },
  '21614': { kind: 'invalid-number', retryable: false, fix: `The number is not a mobile. ${FIX_NUMBER}` },
  '21635': { kind: 'invalid-number', retryable: false, fix: `The number is a landline. ${FIX_NUMBER}` },
  '21610': {
    kind: 'recipient-blocked',
    retryable: false,
    fix: 'The customer replied STOP to this sender and Twilio blocks further messages until they text START; do not retry, reach them another way.',
  },
  '21408': {
    kind: 'rejected',
    retryable: false,
    fix: 'The Twilio account may not send SMS to this country; enable it in the Twilio Console under Messaging → Settings → Geo permissions.',
  },
  '21608': {
    kind: 'rejected',
    retryable: false,
    fix: 'A Twilio trial account sends only to verified numbers; upgrade the account or verify this number.',
  },
  '21212': { kind: 'sender', retryable: false, fix: FIX_SENDER },
  '21603': { kind: 'sender', retryable: false, fix: FIX_SENDER },
  '21606': { kind: 'sender', retryable: false, fix: FIX_SENDER },
  '21659': { kind: 'sender', retryable: false, fix: FIX_SENDER },
  '21660': { kind: 'sender', retryable: false, fix: FIX_SENDER },
  '21617': {
    kind: 'too-long',
    retryable: false,
    fix: 'Twilio accepts at most 1600 characters; shorten the text.',
  },
  '20429': {
    kind: 'rate-limited',
    retryable: true,
    fix: 'Wait and send again; lower the sending rate if it repeats.',
  },
};

function toSendError(response: TwilioResponse, redact: (value: string) => string): SmsSendError {
  const { httpStatus, body } = response;
  const code = text(body?.code);
  const raw = text(body?.message) ?? (response.text.trim() ? response.text.trim().slice(0, 300) : undefined);
  const providerMessage = raw === undefined ? undefined : redact(raw);
  const known = code !== undefined && Object.hasOwn(TWILIO_ERRORS, code) ? TWILIO_ERRORS[code] : undefined;
  const classified = known ?? classifyByHttpStatus(httpStatus);
  const retryAfterMs = readRetryAfter(response.retryAfter);
  const said = providerMessage ? `: ${providerMessage}` : '';
  return new SmsSendError(
    classified.kind,
    `Twilio did not accept the message (HTTP ${httpStatus}${code ? `, error ${code}` : ''})${said}. ${classified.fix}`,
    {
      retryable: classified.retryable,
      httpStatus,
      ...(code ? { code } : {}),
      ...(providerMessage ? { providerMessage } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
  );
}

/** For a code without a specific fix, or no code at all (a proxy's page). */
function classifyByHttpStatus(httpStatus: number): Classified {
  if (httpStatus === 401 || httpStatus === 403)
    return { kind: 'auth', retryable: false, fix: FIX_CREDENTIALS };
  if (httpStatus === 429) return { kind: 'rate-limited', retryable: true, fix: 'Wait and send again.' };
  if (httpStatus >= 500) {
    return { kind: 'unavailable', retryable: true, fix: "It is a fault on Twilio's side; try again later." };
  }
  if (httpStatus === 404) {
    return {
      kind: 'unexpected',
      retryable: false,
      fix: 'Check that SMS_API_URL points at https://api.twilio.com and that TWILIO_ACCOUNT_SID is right.',
    };
  }
  return {
    kind: 'rejected',
    retryable: false,
    fix: "Correct what Twilio's message names before sending again; nothing was sent.",
  };
}

function readRetryAfter(value: string | null): number | undefined {
  if (!value || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim()) * 1000;
}

function withAndWithoutStandardPort(url: string): string[] {
  const match = /^(https?):\/\/([^/?#:@]+)(?::(\d+))?(.*)$/i.exec(url);
  if (!match) return [url];
  const [, scheme, host, port, rest] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const standard = scheme.toLowerCase() === 'https' ? '443' : '80';
  if (port === undefined) return [url, `${scheme}://${host}:${standard}${rest}`];
  if (port === standard) return [url, `${scheme}://${host}${rest}`];
  return [url];
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
