import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smsSegments } from './sms.js';

/**
 * A local stand-in for Twilio's Messages resource (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`),
 * for tests. It speaks Twilio's paths, Basic auth, form-encoded parameters, message body and error
 * body (`{ code, message, more_info, status }`), refuses the magic recipients of Twilio's test
 * credentials with their documented codes, and signs status callbacks the way Twilio does.
 */

export type FakeTwilioRequest = {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  params: Record<string, string>;
};

export type FakeTwilioMessage = {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
};

/** A status callback as Twilio would post it: the URL, its headers and the form body. */
export type SignedCallback = { url: string; headers: Record<string, string>; rawBody: string };

export type FakeTwilio = {
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  messagingServiceSid: string;
  requests: FakeTwilioRequest[];
  messages: FakeTwilioMessage[];
  /** The next `times` requests answer `status` with `body` (an object as JSON, a string as HTML). */
  failNext(status: number, body: unknown, times?: number, headers?: Record<string, string>): void;
  /** The next `times` requests never answer, until close(). */
  hangNext(times?: number): void;
  /** Signs a form body for `url` with the auth token, as Twilio signs its webhooks. */
  signStatusCallback(url: string, params: Record<string, string>, authToken?: string): SignedCallback;
  /** The callback Twilio would send to the message's StatusCallback for this status. */
  buildStatusCallback(messageSid: string, status: string, errorCode?: string): SignedCallback;
  /** Posts that callback to the message's StatusCallback, as Twilio does. */
  deliverStatusCallback(messageSid: string, status: string, errorCode?: string): Promise<Response>;
  close(): Promise<void>;
};

type Failure = { status: number; body: unknown; headers: Record<string, string> } | 'hang';

// Twilio's test-credential recipients and the errors they produce
const MAGIC_RECIPIENTS: Record<string, { code: number; message: string }> = {
  '+15005550001': { code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." },
  '+15005550002': {
    code: 21612,
    message:
      "The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number via SMS.",
  },
  '+15005550003': {
    code: 21408,
    message:
      "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: +15005550003.",
  },
  '+15005550004': { code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  '+15005550009': { code: 21614, message: "'To' number is not a valid mobile number" },
};
const MAX_BODY = 1600;

export async function startFakeTwilio(
  options: { accountSid?: string; authToken?: string; from?: string } = {},
): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const from = options.from ?? '+5511930001234';
  const messagingServiceSid = `MG${randomBytes(16).toString('hex')}`;
  const requests: FakeTwilioRequest[] = [];
  const messages: FakeTwilioMessage[] = [];
  const failures: Failure[] = [];
  const messagesPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const params = Object.fromEntries(new URLSearchParams(raw));
      requests.push({
        method: req.method ?? '',
        path,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        params,
      });
      const failure = failures.shift();
      if (failure === 'hang') return;
      if (failure) return answer(res, failure.status, failure.body, failure.headers);
      if (!isAuthorized(req.headers.authorization, accountSid, authToken)) {
        return fail(res, 401, 20003, 'Authenticate');
      }
      if (req.method !== 'POST' || path !== messagesPath) {
        return fail(res, 404, 20404, `The requested resource ${path} was not found`);
      }
      return createMessage(res, params);
    });
  });

  function createMessage(res: ServerResponse, params: Record<string, string>) {
    const { To: to, Body: body, From: sender, MessagingServiceSid: service } = params;
    if (!to) return fail(res, 400, 21604, "A 'To' phone number is required.");
    if (!sender && !service)
      return fail(
        res,
        400,
        21603,
        "A 'From' or 'MessagingServiceSid' parameter is required to send a message.",
      );
    if (sender && sender !== from) {
      return fail(
        res,
        400,
        21606,
        `The From phone number ${sender} is not a valid, SMS-capable inbound phone number or short code for your account.`,
      );
    }
    if (service && service !== messagingServiceSid)
      return fail(res, 400, 21701, 'The Messaging Service Sid is invalid.');
    if (!body) return fail(res, 400, 21602, 'Message body is required.');
    if (body.length > MAX_BODY)
      return fail(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (!/^\+[1-9]\d{1,14}$/.test(to))
      return fail(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    const magic = MAGIC_RECIPIENTS[to];
    if (magic) return fail(res, 400, magic.code, magic.message);

    const message: FakeTwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from: sender ?? null,
      messagingServiceSid: service ?? null,
      body,
      statusCallback: params.StatusCallback ?? null,
    };
    messages.push(message);
    const now = new Date().toUTCString().replace('GMT', '+0000');
    return answer(res, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      num_media: '0',
      // with a Messaging Service the sender is picked later, and Twilio reports 0 segments until then
      num_segments: service ? '0' : String(smsSegments(body).segments),
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      // a Messaging Service answers 'accepted' until it picks a sender
      status: service ? 'accepted' : 'queued',
      subresource_uris: { media: `${messagesPath.replace('.json', '')}/${message.sid}/Media.json` },
      to,
      uri: `${messagesPath.replace('.json', '')}/${message.sid}.json`,
    });
  }

  function signStatusCallback(
    url: string,
    params: Record<string, string>,
    token = authToken,
  ): SignedCallback {
    const payload = Object.keys(params)
      .sort()
      .reduce((data, key) => data + key + params[key], url);
    return {
      url,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': createHmac('sha1', token).update(payload, 'utf8').digest('base64'),
      },
      rawBody: new URLSearchParams(params).toString(),
    };
  }

  function buildStatusCallback(messageSid: string, status: string, errorCode?: string): SignedCallback {
    const message = messages.find((m) => m.sid === messageSid);
    if (!message?.statusCallback) {
      throw new Error(`The fake has no message ${messageSid} with a StatusCallback.`);
    }
    // the parameters Twilio documents for an SMS status callback
    return signStatusCallback(message.statusCallback, {
      AccountSid: accountSid,
      ApiVersion: '2010-04-01',
      From: message.from ?? from,
      MessageSid: message.sid,
      MessageStatus: status,
      SmsSid: message.sid,
      SmsStatus: status,
      To: message.to,
      ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    accountSid,
    authToken,
    from,
    messagingServiceSid,
    requests,
    messages,
    failNext(status, body, times = 1, headers = {}) {
      for (let i = 0; i < times; i++) failures.push({ status, body, headers });
    },
    hangNext(times = 1) {
      for (let i = 0; i < times; i++) failures.push('hang');
    },
    signStatusCallback,
    buildStatusCallback,
    deliverStatusCallback(messageSid, status, errorCode) {
      const callback = buildStatusCallback(messageSid, status, errorCode);
      return fetch(callback.url, { method: 'POST', headers: callback.headers, body: callback.rawBody });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function isAuthorized(header: string | undefined, accountSid: string, authToken: string): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return decoded.slice(0, separator) === accountSid && decoded.slice(separator + 1) === authToken;
}

function fail(res: ServerResponse, status: number, code: number, message: string) {
  answer(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const isText = typeof body === 'string';
  res.writeHead(status, {
    'content-type': isText ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(isText ? body : JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
