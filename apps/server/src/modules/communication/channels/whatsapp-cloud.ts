import { z } from 'zod';

/**
 * WhatsApp Business Platform, Cloud API (Graph API): template, text and document messages from one
 * business phone number, and media upload. It never retries: the sending engine does, with backoff,
 * reading `retryable`. The webhook side is whatsapp-webhook.ts; the fake is fake-whatsapp.ts.
 */

export const WHATSAPP_API_URL = 'https://graph.facebook.com';
// The default Graph API version; Meta keeps each for about two years, so a settings value
// (WHATSAPP_API_VERSION) can move it without a release.
export const WHATSAPP_API_VERSION = 'v23.0';
export const WHATSAPP_DEFAULT_TIMEOUT_MS = 15_000;

export type WhatsAppCloudSettings = {
  /** Graph API host, without the version; defaults to WHATSAPP_API_URL, tests point it at the fake */
  apiUrl?: string;
  /** the "Phone number ID" WhatsApp Manager shows, not the phone number */
  phoneNumberId: string;
  accessToken: string;
  /** e.g. v23.0; defaults to WHATSAPP_API_VERSION */
  apiVersion?: string;
  timeoutMs?: number;
};

/** A file Meta fetches from a public URL, or one uploaded before with uploadMedia. */
export type WhatsAppMediaReference = { link: string; id?: never } | { id: string; link?: never };
export type WhatsAppDocument = WhatsAppMediaReference & { filename: string; caption?: string };
export type WhatsAppImage = WhatsAppMediaReference & { caption?: string };
/** What `GET /{media-id}` says of a file a customer sent: a short-lived URL and its checksum. */
export type WhatsAppMediaInfo = { url: string; mimeType: string; sha256: string; fileSize: number };
export type WhatsAppTemplate = {
  name: string;
  /** the template's language code as approved, e.g. pt_BR, es, en_US */
  language: string;
  /** the values of {{1}}, {{2}}, … in the template body, in order */
  bodyParameters: string[];
  /** for a template whose header is a document */
  document?: WhatsAppMediaReference & { filename: string };
};
export type WhatsAppSent = {
  providerMessageId: string;
  /** the WhatsApp id Meta resolved the number to; in Brazil it may lack the mobile 9th digit */
  waId: string;
};

export type WhatsAppCloudChannel = {
  sendTemplate: (to: string, template: WhatsAppTemplate) => Promise<WhatsAppSent>;
  sendText: (to: string, text: string) => Promise<WhatsAppSent>;
  sendDocument: (to: string, document: WhatsAppDocument) => Promise<WhatsAppSent>;
  sendImage: (to: string, image: WhatsAppImage) => Promise<WhatsAppSent>;
  uploadMedia: (bytes: Buffer, mimeType: string, filename: string) => Promise<{ id: string }>;
  /** an inbound file's URL, type, size and SHA-256 */
  mediaInfo: (mediaId: string) => Promise<WhatsAppMediaInfo>;
  /** the file at a `mediaInfo` URL (with the token); refused above `maxBytes` without reading it all */
  downloadMedia: (url: string, maxBytes: number) => Promise<Buffer>;
};

export const WHATSAPP_ERROR_KINDS = [
  'config',
  'input',
  'unreachable',
  'timeout',
  'auth',
  'throttled',
  'rejected',
  'unexpected',
] as const;
export type WhatsAppErrorKind = (typeof WHATSAPP_ERROR_KINDS)[number];

/** A send failed; `message` names the cause and the fix, never the access token. */
export class WhatsAppSendError extends Error {
  readonly retryable: boolean;
  /** Meta's error code (error.code), when Meta answered one */
  readonly code: number | undefined;
  readonly httpStatus: number | undefined;
  /** Meta's own words (error_data.details, else error.message), with the token removed */
  readonly providerMessage: string | undefined;
  readonly fbtraceId: string | undefined;

  constructor(
    readonly kind: WhatsAppErrorKind,
    message: string,
    details: {
      retryable?: boolean;
      code?: number;
      httpStatus?: number;
      providerMessage?: string;
      fbtraceId?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'WhatsAppSendError';
    this.retryable = details.retryable ?? false;
    this.code = details.code;
    this.httpStatus = details.httpStatus;
    this.providerMessage = details.providerMessage;
    this.fbtraceId = details.fbtraceId;
  }
}

// Meta's throttling codes (app, account, throughput, spam and pair rate limits): wait and send again.
export const WHATSAPP_THROTTLING_CODES = [4, 80007, 130429, 131048, 131056] as const;
// Faults Meta documents as temporary on its side.
const TEMPORARY_CODES = new Set([2, 131000, 131016]);
// AuthException, capability, permission and expired-token codes.
const AUTH_CODES = new Set([0, 3, 10, 190]);

const E164_DIGITS = /^[1-9]\d{6,14}$/;
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE_CODE = /^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/;
const TEXT_MAX = 4096;
const CAPTION_MAX = 1024;
const MEDIA_MAX_BYTES = 100 * 1024 * 1024;

export function createWhatsAppCloudChannel(
  settings: WhatsAppCloudSettings,
  fetchImpl: typeof fetch = fetch,
): WhatsAppCloudChannel {
  const graph = readSettings(settings);

  async function sendMessage(to: string, body: Record<string, unknown>, context: FailureContext) {
    const response = await callGraph(graph, fetchImpl, 'messages', {
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to, ...body }),
      contentType: 'application/json',
    });
    if (!isSuccess(response.httpStatus)) throw toSendError(graph, response, context);
    const parsed = SentSchema.safeParse(response.json);
    if (!parsed.success) throw unreadableAnswer(response, context.doing);
    const [contact] = parsed.data.contacts;
    const [message] = parsed.data.messages;
    return { providerMessageId: message!.id, waId: contact!.wa_id };
  }

  return {
    async sendTemplate(to, template) {
      assertRecipient(to);
      const body = buildTemplateBody(template);
      return sendMessage(to, body, { doing: `sending template '${template.name}'`, template });
    },

    async sendText(to, text) {
      assertRecipient(to);
      check(typeof text === 'string' && text.trim().length > 0, 'The text is empty; write the message.');
      check(text.length <= TEXT_MAX, `The text has ${text.length} characters; WhatsApp takes ${TEXT_MAX}.`);
      // a preview only when there is a link to preview (the repair's status page)
      const body = { type: 'text', text: { body: text, preview_url: /https?:\/\/\S/.test(text) } };
      return sendMessage(to, body, { doing: 'sending a text message' });
    },

    async sendDocument(to, document) {
      assertRecipient(to);
      const caption = document.caption;
      if (caption !== undefined) {
        check(caption.length <= CAPTION_MAX, `The caption has more than ${CAPTION_MAX} characters.`);
      }
      const body = {
        type: 'document',
        document: { ...buildDocument(document), ...(caption ? { caption } : {}) },
      };
      return sendMessage(to, body, { doing: `sending document '${document.filename}'` });
    },

    async sendImage(to, image) {
      assertRecipient(to);
      const { caption, link, id } = image;
      if (caption !== undefined) {
        check(caption.length <= CAPTION_MAX, `The caption has more than ${CAPTION_MAX} characters.`);
      }
      check((link === undefined) !== (id === undefined), 'Give the image either a link or a media id.');
      const reference = link !== undefined ? { link } : { id };
      const body = { type: 'image', image: { ...reference, ...(caption ? { caption } : {}) } };
      return sendMessage(to, body, { doing: 'sending an image' });
    },

    async mediaInfo(mediaId) {
      check(/^\d{1,40}$/.test(mediaId), `'${mediaId}' is not a WhatsApp media id.`);
      const response = await getGraph(graph, fetchImpl, `/${graph.apiVersion}/${mediaId}`);
      const context = { doing: `reading media ${mediaId}` };
      if (!isSuccess(response.httpStatus)) throw toSendError(graph, response, context);
      const parsed = MediaInfoSchema.safeParse(parseJson(response.bytes.toString('utf8')));
      if (!parsed.success) {
        throw new WhatsAppSendError(
          'unexpected',
          `WhatsApp answered without the media's URL while ${context.doing}.`,
          {
            httpStatus: response.httpStatus,
            retryable: true,
          },
        );
      }
      const { url, mime_type, sha256, file_size } = parsed.data;
      return { url, mimeType: mime_type, sha256, fileSize: Number(file_size) };
    },

    async downloadMedia(url, maxBytes) {
      check(isWebUrl(url), 'The media URL is not an http(s) URL.');
      const response = await getGraph(graph, fetchImpl, url, maxBytes);
      const context = { doing: 'downloading media' };
      if (!isSuccess(response.httpStatus)) throw toSendError(graph, response, context);
      return response.bytes;
    },

    async uploadMedia(bytes, mimeType, filename) {
      check(Buffer.isBuffer(bytes) && bytes.length > 0, 'The file to upload is empty.');
      check(bytes.length <= MEDIA_MAX_BYTES, 'The file is larger than the 100 MB WhatsApp accepts.');
      check(/^[\w.+-]+\/[\w.+-]+$/.test(mimeType), `'${mimeType}' is not a MIME type like application/pdf.`);
      check(filename.trim().length > 0, 'The file has no name; give it one, e.g. orcamento-1042.pdf.');
      const form = new FormData();
      form.append('messaging_product', 'whatsapp');
      form.append('type', mimeType);
      form.append('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), filename);
      const response = await callGraph(graph, fetchImpl, 'media', { body: form });
      const context = { doing: `uploading '${filename}'` };
      if (!isSuccess(response.httpStatus)) throw toSendError(graph, response, context);
      const parsed = UploadedSchema.safeParse(response.json);
      if (!parsed.success) throw unreadableAnswer(response, context.doing);
      return { id: parsed.data.id };
    },
  };
}

/** The part of the message body that is the template: header document first, then body texts. */
function buildTemplateBody(template: WhatsAppTemplate): Record<string, unknown> {
  check(
    TEMPLATE_NAME.test(template.name),
    `'${template.name}' is not a template name (lower-case letters, digits and '_'); use the name from WhatsApp Manager.`,
  );
  check(
    LANGUAGE_CODE.test(template.language),
    `'${template.language}' is not a template language code like pt_BR, es or en_US.`,
  );
  template.bodyParameters.forEach((value, index) => {
    check(
      typeof value === 'string' && value.trim().length > 0,
      `Template parameter {{${index + 1}}} is empty; WhatsApp refuses empty parameters.`,
    );
    // Meta refuses these in parameters (code 100/132018), so say so before sending
    check(
      !/[\n\t]| {5}/.test(value),
      `Template parameter {{${index + 1}}} has a line break, a tab or more than 4 spaces in a row, which WhatsApp refuses; put it on one line.`,
    );
  });
  const components: unknown[] = [];
  if (template.document) {
    components.push({
      type: 'header',
      parameters: [{ type: 'document', document: buildDocument(template.document) }],
    });
  }
  if (template.bodyParameters.length > 0) {
    components.push({
      type: 'body',
      parameters: template.bodyParameters.map((text) => ({ type: 'text', text })),
    });
  }
  return {
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      ...(components.length > 0 ? { components } : {}),
    },
  };
}

function buildDocument(document: WhatsAppMediaReference & { filename: string }) {
  const { link, id, filename } = document;
  check((link === undefined) !== (id === undefined), 'Give the document either a link or a media id.');
  check(typeof filename === 'string' && filename.trim().length > 0, 'The document has no file name.');
  if (link !== undefined) {
    check(isWebUrl(link), `The document link must be an http(s) URL Meta can fetch (got '${link}').`);
    return { link, filename };
  }
  check(typeof id === 'string' && id.trim().length > 0, 'The document media id is empty.');
  return { id, filename };
}

function assertRecipient(to: string) {
  check(
    typeof to === 'string' && E164_DIGITS.test(to),
    'The recipient must be an E.164 number in digits only, with country code and no "+" (e.g. 5511987654321).',
  );
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new WhatsAppSendError('input', message);
}

type Graph = {
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  timeoutMs: number;
};
type GraphResponse = { httpStatus: number; json: unknown; text: string };
type FailureContext = { doing: string; template?: WhatsAppTemplate };

function readSettings(settings: WhatsAppCloudSettings): Graph {
  const baseUrl = (settings.apiUrl || WHATSAPP_API_URL).replace(/\/+$/, '');
  if (!isWebUrl(baseUrl)) {
    throw new WhatsAppSendError('config', `WHATSAPP_API_URL '${baseUrl}' is not an http(s) URL.`);
  }
  if (!/^\d+$/.test(settings.phoneNumberId ?? '')) {
    throw new WhatsAppSendError(
      'config',
      'Set WHATSAPP_PHONE_NUMBER_ID to the numeric "Phone number ID" shown in WhatsApp Manager (not the phone number).',
    );
  }
  if (!settings.accessToken?.trim()) {
    throw new WhatsAppSendError('config', 'Set WHATSAPP_ACCESS_TOKEN to a valid token; it is empty.');
  }
  const timeoutMs = settings.timeoutMs ?? WHATSAPP_DEFAULT_TIMEOUT_MS;
  const apiVersion = settings.apiVersion ?? WHATSAPP_API_VERSION;
  if (!/^v\d{1,3}\.\d$/.test(apiVersion)) {
    throw new WhatsAppSendError(
      'config',
      `Set WHATSAPP_API_VERSION to a Graph API version such as ${WHATSAPP_API_VERSION}.`,
    );
  }
  return {
    baseUrl,
    apiVersion,
    phoneNumberId: settings.phoneNumberId,
    accessToken: settings.accessToken,
    timeoutMs,
  };
}

async function callGraph(
  graph: Graph,
  fetchImpl: typeof fetch,
  edge: 'messages' | 'media',
  request: { body: string | FormData; contentType?: string },
): Promise<GraphResponse> {
  const path = `/${graph.apiVersion}/${graph.phoneNumberId}/${edge}`;
  const signal = AbortSignal.timeout(graph.timeoutMs);
  try {
    const response = await fetchImpl(`${graph.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${graph.accessToken}`,
        accept: 'application/json',
        // FormData sets its own multipart type with the boundary
        ...(request.contentType ? { 'content-type': request.contentType } : {}),
      },
      body: request.body,
      signal,
    });
    const text = await response.text();
    return { httpStatus: response.status, json: parseJson(text), text };
  } catch (error) {
    if (signal.aborted) {
      throw new WhatsAppSendError(
        'timeout',
        `WhatsApp did not answer POST ${path} within ${graph.timeoutMs} ms. It may have accepted the message: a retry can deliver it twice.`,
        { retryable: true, cause: error },
      );
    }
    const code = (error as { cause?: { code?: string } }).cause?.code;
    throw new WhatsAppSendError(
      'unreachable',
      `Could not reach the WhatsApp API at ${graph.baseUrl}${code ? ` (${code})` : ''}; nothing was sent. Check WHATSAPP_API_URL and the server's network, then send again.`,
      { retryable: true, cause: error },
    );
  }
}

const SentSchema = z.looseObject({
  contacts: z.array(z.looseObject({ wa_id: z.string().min(1) })).min(1),
  messages: z.array(z.looseObject({ id: z.string().min(1) })).min(1),
});
const UploadedSchema = z.looseObject({ id: z.string().min(1) });
const MediaInfoSchema = z.looseObject({
  url: z.string().min(1),
  mime_type: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/i),
  file_size: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
});

/** A file too large to take: refused before (Content-Length) or while reading it. */
export class WhatsAppMediaTooLargeError extends WhatsAppSendError {
  constructor(limit: number) {
    super('input', `The file is larger than the ${Math.round(limit / 1024 / 1024)} MB accepted.`);
  }
}

/**
 * GET on the Graph API (a media id) or on a media URL it gave, with the token; the body as bytes,
 * read no further than `maxBytes`. The response type matches `callGraph`'s for the error reading.
 */
async function getGraph(
  graph: Graph,
  fetchImpl: typeof fetch,
  pathOrUrl: string,
  maxBytes = 1024 * 1024,
): Promise<GraphResponse & { bytes: Buffer }> {
  const url = pathOrUrl.startsWith('/') ? `${graph.baseUrl}${pathOrUrl}` : pathOrUrl;
  const signal = AbortSignal.timeout(graph.timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { authorization: `Bearer ${graph.accessToken}` },
      signal,
    });
  } catch (error) {
    throw new WhatsAppSendError(
      signal.aborted ? 'timeout' : 'unreachable',
      `Could not fetch a file from WhatsApp (${signal.aborted ? 'timed out' : 'unreachable'}); it will be tried again.`,
      { retryable: true, cause: error },
    );
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (isSuccess(response.status) && declared > maxBytes) {
    await response.body?.cancel();
    throw new WhatsAppMediaTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new WhatsAppMediaTooLargeError(maxBytes);
      chunks.push(Buffer.from(chunk));
    }
  }
  const bytes = Buffer.concat(chunks);
  const text = isSuccess(response.status) ? '' : bytes.toString('utf8');
  return { httpStatus: response.status, json: parseJson(text), text, bytes };
}
const CodeSchema = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const GraphErrorSchema = z.looseObject({
  error: z.looseObject({
    message: z.string().optional().catch(undefined),
    code: CodeSchema.optional().catch(undefined),
    error_subcode: CodeSchema.optional().catch(undefined),
    error_data: z
      .looseObject({ details: z.string().optional().catch(undefined) })
      .optional()
      .catch(undefined),
    fbtrace_id: z.string().optional().catch(undefined),
  }),
});

/** Retryable or not, from Meta's code first (its documented advice), else from the HTTP status. */
export function classifyWhatsAppFailure(failure: { httpStatus: number; code?: number | undefined }): {
  kind: WhatsAppErrorKind;
  retryable: boolean;
} {
  const { httpStatus, code } = failure;
  if (code !== undefined && (WHATSAPP_THROTTLING_CODES as readonly number[]).includes(code)) {
    return { kind: 'throttled', retryable: true };
  }
  if (httpStatus === 429) return { kind: 'throttled', retryable: true };
  if (code !== undefined && (AUTH_CODES.has(code) || (code >= 200 && code <= 299))) {
    return { kind: 'auth', retryable: false };
  }
  if (code !== undefined && TEMPORARY_CODES.has(code)) return { kind: 'unexpected', retryable: true };
  if (httpStatus >= 500) return { kind: 'unexpected', retryable: true };
  if (httpStatus === 401 || httpStatus === 403) return { kind: 'auth', retryable: false };
  if (httpStatus >= 400) return { kind: 'rejected', retryable: false };
  return { kind: 'unexpected', retryable: false };
}

function toSendError(graph: Graph, response: GraphResponse, context: FailureContext): WhatsAppSendError {
  const parsed = GraphErrorSchema.safeParse(response.json);
  const error = parsed.success ? parsed.data.error : undefined;
  const code = error?.code;
  const raw = error?.error_data?.details ?? error?.message ?? response.text.trim().slice(0, 300);
  const providerMessage = redact(raw, graph.accessToken) || undefined;
  const { kind, retryable } = classifyWhatsAppFailure({ httpStatus: response.httpStatus, code });
  const failure = { kind, code, subcode: error?.error_subcode, httpStatus: response.httpStatus };
  const message = redact(describeFailure(failure, context, graph, providerMessage), graph.accessToken);
  return new WhatsAppSendError(kind, message, {
    retryable,
    httpStatus: response.httpStatus,
    ...(code === undefined ? {} : { code }),
    ...(providerMessage ? { providerMessage } : {}),
    ...(error?.fbtrace_id ? { fbtraceId: error.fbtrace_id } : {}),
  });
}

type Failure = { kind: WhatsAppErrorKind; code?: number; subcode?: number; httpStatus: number };

function describeFailure(
  failure: Failure,
  context: FailureContext,
  graph: Graph,
  providerMessage: string | undefined,
): string {
  const { code, httpStatus } = failure;
  const where = `while ${context.doing} (HTTP ${httpStatus}${code === undefined ? '' : `, code ${code}`})`;
  const said = providerMessage ? `: ${providerMessage}` : '';
  const template = context.template;
  switch (code) {
    case 190:
      return `WhatsApp refused the access token as expired, revoked or malformed ${where}. Set WHATSAPP_ACCESS_TOKEN to a valid token (a system user's permanent token from Meta Business Manager).`;
    case 100:
      // subcode 33: the object (our phone number id) does not exist or the token cannot reach it
      if (failure.subcode === 33 || /does not exist/i.test(providerMessage ?? '')) {
        return `WhatsApp knows no phone number id ${graph.phoneNumberId} that this token can use ${where}. Set WHATSAPP_PHONE_NUMBER_ID to the "Phone number ID" in WhatsApp Manager, and check the token belongs to the same WhatsApp Business Account.`;
      }
      return `WhatsApp refused a parameter ${where}${said}. Correct the field it names; the same request will fail again.`;
    case 131026:
      return `The message could not be delivered to this number ${where}: it may have no WhatsApp, or the customer must update WhatsApp or accept its terms. Reach the customer through another channel (SMS or e-mail).`;
    case 131047:
      return `WhatsApp refused the message: outside the 24-hour window: a template message is needed ${where}. The customer has not written in the last 24 hours; send an approved template instead.`;
    case 132000:
      return `Template '${template?.name}' (${template?.language}) takes a different number of parameters than the ${template?.bodyParameters.length ?? 0} sent ${where}. Send one value per {{n}} placeholder of the approved template.`;
    case 132001:
      return `Template '${template?.name}' does not exist in language '${template?.language}' ${where}. Check the name and language in WhatsApp Manager and that the template is approved.`;
  }
  if (code !== undefined && code >= 132000 && code < 133000) {
    return `WhatsApp refused template '${template?.name ?? '?'}' ${where}${said}. Check the template's status (approved, not paused) and its parameters in WhatsApp Manager.`;
  }
  if (failure.kind === 'throttled') return describeThrottling(code, where);
  if (failure.kind === 'auth') {
    return `WhatsApp refused the access token's permissions ${where}${said}. Give the token's system user the whatsapp_business_messaging permission on the account of phone number id ${graph.phoneNumberId}, or set WHATSAPP_ACCESS_TOKEN to a token that has it.`;
  }
  if (httpStatus >= 500 || (code !== undefined && TEMPORARY_CODES.has(code))) {
    return `WhatsApp failed on its side ${where}${said}. Send again later; if it persists, check https://metastatus.com.`;
  }
  return `WhatsApp refused the request ${where}${said}. Correct what it names; the same request will fail again.`;
}

function describeThrottling(code: number | undefined, where: string): string {
  switch (code) {
    case 131056:
      return `Too many messages to this customer in a short time (pair rate limit) ${where}. Wait before sending to this customer again.`;
    case 131048:
      return `WhatsApp limited sending from this number because recent messages were blocked or reported as spam ${where}. Wait, and check the number's quality rating in WhatsApp Manager.`;
    case 130429:
      return `The phone number's message throughput limit was reached ${where}. Send again later, more slowly.`;
    case 80007:
      return `The WhatsApp Business Account reached its rate limit ${where}. Send again later.`;
    default:
      return `WhatsApp limited the request rate ${where}. Wait and send again later.`;
  }
}

function unreadableAnswer(response: GraphResponse, doing: string): WhatsAppSendError {
  // not retryable: the message may have gone out, and WhatsApp has no idempotency key
  return new WhatsAppSendError(
    'unexpected',
    `WhatsApp answered HTTP ${response.httpStatus} without the expected ids while ${doing}; the message may have been sent. Check WHATSAPP_API_URL points at the Graph API before sending again.`,
    { httpStatus: response.httpStatus },
  );
}

function redact(text: string, token: string): string {
  return token ? text.split(token).join('[access token]') : text;
}

function isSuccess(httpStatus: number): boolean {
  return httpStatus >= 200 && httpStatus < 300;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
