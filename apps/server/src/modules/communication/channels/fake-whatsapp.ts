import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the WhatsApp Cloud API (Graph API) for tests: POST /{version}/{phone-number-id}/
 * messages and /media with a Bearer token, answering the documented success and error bodies; GET
 * /{version}/{media-id} (a file's URL, type, size and SHA-256) and that URL itself, for files uploaded
 * here or put here as a customer's (`addMedia`). Error wording is modeled on Meta's documented
 * examples, not copied from live answers.
 */

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** JSON for messages; for media, the form fields with `file` as {filename, contentType, bytes} */
  body: unknown;
};

export type RecordedFile = { filename: string; contentType: string; bytes: Buffer };
/** a file the fake holds: uploaded by the app, or sent by a "customer" (`addMedia`) */
export type FakeMedia = { id: string; mimeType: string; bytes: Buffer; filename?: string };

export type FakeWhatsApp = {
  url: string;
  accessToken: string;
  phoneNumberId: string;
  requests: RecordedRequest[];
  /** every file uploaded or added, by media id */
  media: Map<string, FakeMedia>;
  /** a file as a customer's message carries it; its id goes in the webhook's image/document/… */
  addMedia(bytes: Buffer, mimeType: string, options?: { sha256?: string; fileSize?: number }): string;
  /** the next `times` requests get this status and body (an object as JSON, a string as HTML) */
  failNext(status: number, errorBody: unknown, times?: number): void;
  /** the next `times` requests wait this long before answering, to make a client time out */
  delayNext(ms: number, times?: number): void;
  close(): Promise<void>;
};

export type FakeWhatsAppOptions = {
  accessToken?: string;
  phoneNumberId?: string;
  /** every answer waits this long */
  delayMs?: number;
  /** the wa_id Meta resolves a number to; the default keeps it unchanged */
  resolveWaId?: (to: string) => string;
  /** a fixed port (the browser journeys' server is configured before it starts); default: any free one */
  port?: number;
};

const MESSAGE_TYPES = new Set(['text', 'template', 'document', 'image', 'audio', 'video', 'interactive']);

export async function startFakeWhatsApp(options: FakeWhatsAppOptions = {}): Promise<FakeWhatsApp> {
  const accessToken = options.accessToken ?? 'EAAG-fake-access-token';
  const phoneNumberId = options.phoneNumberId ?? '106540352242922';
  const resolveWaId = options.resolveWaId ?? ((to: string) => to);
  const requests: RecordedRequest[] = [];
  const media = new Map<string, FakeMedia>();
  // what GET /{media-id} claims, when a test wants it to lie (a wrong checksum, a huge size)
  const claims = new Map<string, { sha256?: string; fileSize?: number }>();
  let baseUrl = '';
  const newMediaId = () => String(BigInt(`0x${randomBytes(7).toString('hex')}`));
  const failures: Array<{ status: number; body: unknown }> = [];
  const delays: number[] = [];
  const timers = new Set<NodeJS.Timeout>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const body = await readRequestBody(raw, req.headers['content-type']);
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });
    const failure = failures.shift();
    if (failure) return reply(res, failure.status, failure.body);

    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (presented !== accessToken) {
      // Graph echoes a malformed token back; clients must not pass that on
      return reply(
        res,
        presented ? 400 : 401,
        buildGraphError(
          190,
          presented
            ? `Malformed access token ${presented}`
            : 'An active access token must be used to query information about the current user.',
          {
            type: 'OAuthException',
          },
        ),
      );
    }
    if (req.method === 'GET') return answerGet(res, path);
    const match = /^\/v\d+\.\d+\/([^/]+)\/(messages|media)$/.exec(path);
    if (req.method !== 'POST' || !match) {
      return reply(res, 400, buildGraphError(100, 'Unknown path components', { type: 'OAuthException' }));
    }
    if (match[1] !== phoneNumberId) {
      return reply(
        res,
        400,
        buildGraphError(
          100,
          `Unsupported post request. Object with ID '${match[1]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
          { type: 'GraphMethodException', subcode: 33 },
        ),
      );
    }
    return match[2] === 'media' ? answerUpload(res, body) : answerMessage(res, body);
  }

  function answerMessage(res: ServerResponse, body: unknown) {
    const invalid = invalidMessage(body);
    if (invalid) return reply(res, 400, buildGraphError(100, 'Invalid parameter', { details: invalid }));
    const message = body as Record<string, unknown>;
    const to = String(message.to);
    return reply(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: resolveWaId(to) }],
      messages: [
        {
          id: `wamid.${randomBytes(24).toString('base64')}`,
          ...(message.type === 'template' ? { message_status: 'accepted' } : {}),
        },
      ],
    });
  }

  function answerUpload(res: ServerResponse, body: unknown) {
    const form = isRecord(body) ? body : {};
    const missing = ['messaging_product', 'type', 'file'].find((field) => form[field] === undefined);
    if (missing || form.messaging_product !== 'whatsapp') {
      const details = missing
        ? `The parameter ${missing} is required.`
        : 'messaging_product must be whatsapp';
      return reply(res, 400, buildGraphError(100, 'Invalid parameter', { details }));
    }
    const file = form.file as RecordedFile | string;
    const id = newMediaId();
    if (typeof file !== 'string') {
      media.set(id, { id, mimeType: String(form.type), bytes: file.bytes, filename: file.filename });
    }
    return reply(res, 200, { id });
  }

  /** GET /{version}/{media-id}: the file's description; GET /files/{media-id}: the file itself. */
  function answerGet(res: ServerResponse, path: string) {
    const info = /^\/v\d+\.\d+\/(\d+)$/.exec(path);
    const download = /^\/files\/(\d+)$/.exec(path);
    const found = media.get(info?.[1] ?? download?.[1] ?? '');
    if (!found) {
      return reply(
        res,
        404,
        buildGraphError(100, 'Unsupported get request. Object does not exist', {
          type: 'GraphMethodException',
          subcode: 33,
        }),
      );
    }
    if (download) {
      res.writeHead(200, { 'content-type': found.mimeType, 'content-length': found.bytes.length });
      return res.end(found.bytes);
    }
    const claim = claims.get(found.id) ?? {};
    return reply(res, 200, {
      messaging_product: 'whatsapp',
      url: `${baseUrl}/files/${found.id}`,
      mime_type: found.mimeType,
      sha256: claim.sha256 ?? createHash('sha256').update(found.bytes).digest('hex'),
      file_size: claim.fileSize ?? found.bytes.length,
      id: found.id,
    });
  }

  const server = createServer((req, res) => {
    const delay = delays.shift() ?? options.delayMs ?? 0;
    const run = () => void handle(req, res).catch(() => reply(res, 500, buildGraphError(1, 'Fake failed')));
    if (delay <= 0) return run();
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, delay);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baseUrl = url;

  return {
    url,
    accessToken,
    phoneNumberId,
    requests,
    media,
    addMedia(bytes, mimeType, options = {}) {
      const id = newMediaId();
      media.set(id, { id, mimeType, bytes });
      claims.set(id, options);
      return id;
    },
    failNext(status, errorBody, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ status, body: errorBody });
    },
    delayNext(ms, times = 1) {
      for (let i = 0; i < times; i++) delays.push(ms);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A Graph API error body as Cloud API sends it: `{ error: { message, type, code, … } }`. */
export function buildGraphError(
  code: number,
  title: string,
  extra: { details?: string; type?: string; subcode?: number } = {},
) {
  return {
    error: {
      message: `(#${code}) ${title}`,
      type: extra.type ?? 'OAuthException',
      code,
      ...(extra.details ? { error_data: { messaging_product: 'whatsapp', details: extra.details } } : {}),
      ...(extra.subcode === undefined ? {} : { error_subcode: extra.subcode }),
      fbtrace_id: `A${randomBytes(12).toString('base64url')}`,
    },
  };
}

/** The X-Hub-Signature-256 value Meta would send with this exact body. */
export function signWebhook(rawBody: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** What Meta checks first in a message body; the first problem, or nothing. */
function invalidMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return 'The request body is not JSON.';
  if (body.messaging_product !== 'whatsapp') return 'messaging_product must be whatsapp';
  if (typeof body.to !== 'string' || !/^\+?\d{7,15}$/.test(body.to)) return 'Invalid to parameter';
  const type = typeof body.type === 'string' ? body.type : 'text';
  if (!MESSAGE_TYPES.has(type)) return `Unsupported message type ${type}`;
  const content = body[type];
  if (!isRecord(content)) return `Parameter ${type} is required for type ${type}`;
  if (type === 'text' && (typeof content.body !== 'string' || content.body === '')) {
    return 'Parameter text.body is required';
  }
  if (type === 'template') {
    if (typeof content.name !== 'string') return 'Parameter template.name is required';
    if (!isRecord(content.language) || typeof content.language.code !== 'string') {
      return 'Parameter template.language.code is required';
    }
  }
  if (
    (type === 'document' || type === 'image') &&
    (content.link === undefined) === (content.id === undefined)
  ) {
    return `Exactly one of ${type}.link or ${type}.id is required`;
  }
  return undefined;
}

async function readRequestBody(raw: Buffer, contentType: string | undefined): Promise<unknown> {
  if (contentType?.startsWith('multipart/form-data')) {
    // the platform's own multipart parser, so the fake reads what a server would
    const form = await new Response(new Uint8Array(raw), {
      headers: { 'content-type': contentType },
    }).formData();
    const fields: Record<string, string | RecordedFile> = {};
    for (const [name, value] of form.entries()) {
      fields[name] =
        typeof value === 'string'
          ? value
          : { filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
    return fields;
  }
  const text = raw.toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // a client that gave up closes without 'end'
    req.on('close', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent || res.destroyed) return;
  const isText = typeof body === 'string';
  res.writeHead(status, {
    'content-type': isText ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
  });
  res.end(isText ? body : JSON.stringify(body));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
