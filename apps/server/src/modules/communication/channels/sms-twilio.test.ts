import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTwilio, startFakeTwilio } from './fake-sms-twilio.js';
import { SmsCallbackError, type SmsProvider, SmsSendError, smsSegments } from './sms.js';
import {
  computeTwilioSignature,
  createTwilioSms,
  isTwilioSignatureValid,
  TWILIO_API_URL,
  type TwilioSmsSettings,
} from './sms-twilio.js';

let fake: FakeTwilio;
let sms: SmsProvider;

const CALLBACK_URL = 'https://oficina.example.com/api/communication/sms/status?shop=7';

function buildSettings(overrides: Partial<TwilioSmsSettings> = {}): TwilioSmsSettings {
  return {
    apiUrl: fake.url,
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    from: fake.from,
    ...overrides,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

function callbackErrorOf(run: () => unknown): SmsCallbackError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SmsCallbackError);
    return error as SmsCallbackError;
  }
  throw new Error('expected the status callback to be refused');
}

async function sendWithCallback() {
  const sent = await sms.send('+5511987654321', 'Sua OS 1042 está pronta.', {
    statusCallbackUrl: CALLBACK_URL,
  });
  return sent.providerMessageId;
}

beforeEach(async () => {
  fake = await startFakeTwilio();
  sms = createTwilioSms(buildSettings());
});

afterEach(async () => {
  await fake.close();
});

describe('Twilio SMS adapter: the request', () => {
  it('posts the form to Messages.json with the account SID and auth token as Basic auth', async () => {
    const result = await sms.send('+5511987654321', 'Sua OS 1042 está pronta para retirada.', {
      statusCallbackUrl: CALLBACK_URL,
    });

    expect(result.status).toBe('queued');
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        path: `/2010-04-01/Accounts/${fake.accountSid}/Messages.json`,
        authorization: `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`,
        contentType: 'application/x-www-form-urlencoded',
        params: {
          To: '+5511987654321',
          Body: 'Sua OS 1042 está pronta para retirada.',
          From: fake.from,
          StatusCallback: CALLBACK_URL,
        },
      },
    ]);
  });

  it('sends through a Messaging Service instead of a sender and reads its "accepted" as queued', async () => {
    sms = createTwilioSms(buildSettings({ from: undefined, messagingServiceSid: fake.messagingServiceSid }));

    const result = await sms.send('+573001234567', 'Su equipo está listo.');

    expect(result.status).toBe('queued');
    expect(fake.requests[0]?.params).toEqual({
      To: '+573001234567',
      Body: 'Su equipo está listo.',
      MessagingServiceSid: fake.messagingServiceSid,
    });
  });

  it('defaults to the official API URL', () => {
    const official = createTwilioSms(buildSettings({ apiUrl: undefined }));
    expect(official.apiUrl).toBe(TWILIO_API_URL);
  });

  it('answers a 500 with a retryable error, and the same send succeeds when the caller retries', async () => {
    fake.failNext(500, { code: 20500, message: 'Internal Server Error', status: 500 });

    const first = await rejectionOf(sms.send('+5511987654321', 'Orçamento aprovado.'));
    expect(first).toMatchObject({ kind: 'unavailable', retryable: true, httpStatus: 500, code: '20500' });

    const second = await sms.send('+5511987654321', 'Orçamento aprovado.');
    expect(second.status).toBe('queued');
    expect(fake.requests).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
  });

  it.each([
    ['without a sender', { from: undefined }, /SMS_FROM/],
    ['with an account SID that is not one', { accountSid: 'ACnot-a-sid' }, /TWILIO_ACCOUNT_SID/],
    ['without an auth token', { authToken: '' }, /TWILIO_AUTH_TOKEN/],
    ['with a sender ID longer than 11 characters', { from: 'OficinaDoJoao' }, /SMS_FROM/],
    ['with a Messaging Service SID that is not one', { messagingServiceSid: 'MG123' }, /TWILIO_MESSAGING/],
  ])('refuses to start %s, naming the variable to set', (_name, overrides, variable) => {
    expect(() => createTwilioSms(buildSettings(overrides))).toThrow(variable);
  });
});

describe('Twilio SMS adapter: refusals made before any request', () => {
  it.each([
    ['no plus sign', '5511987654321'],
    ['spaces and punctuation', '+55 11 98765-4321'],
    ['parentheses', '+55(11)987654321'],
    ['a national trunk zero', '011987654321'],
    ['a country code starting with 0', '+0511987654321'],
    ['more than 15 digits', '+5511987654321123'],
    ['a channel prefix', 'whatsapp:+5511987654321'],
    ['an empty string', ''],
    ['a Brazilian landline', '+551133334444'],
    ['a Brazilian mobile without its leading 9', '+551187654321'],
    ['a Brazilian area code with a zero', '+5510987654321'],
  ])('rejects a recipient with %s without calling Twilio', async (_name, to) => {
    const error = await rejectionOf(sms.send(to, 'Olá'));
    expect(error).toMatchObject({ kind: 'invalid-number', retryable: false, code: undefined });
    expect(error.message).toMatch(/E\.164|Brazilian mobile/);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['Brazil', '+5511987654321'],
    ['Mexico', '+525512345678'],
    ['Colombia', '+573001234567'],
    ['Chile', '+56912345678'],
    ['Peru', '+51912345678'],
    ['Argentina', '+5491123456789'],
  ])('sends to a mobile in %s', async (_country, to) => {
    await expect(sms.send(to, 'Hola')).resolves.toMatchObject({ status: 'queued' });
  });

  it('refuses a text above the segment limit and says how many segments it needs', async () => {
    const error = await rejectionOf(sms.send('+5511987654321', 'x'.repeat(460)));
    expect(error).toMatchObject({ kind: 'too-long', retryable: false });
    expect(error.message).toMatch(/needs 4 SMS segments \(GSM-7\) and the limit is 3/);
    expect(fake.requests).toHaveLength(0);
  });

  it('takes the segment limit from the settings, counting a UCS-2 text in 67-character parts', async () => {
    sms = createTwilioSms(buildSettings({ maxSegments: 1 }));
    const error = await rejectionOf(sms.send('+5511987654321', 'ç'.repeat(71)));
    expect(error.message).toMatch(/needs 2 SMS segments \(UCS-2\) and the limit is 1/);
    expect(error.message).toContain('ç');
    await expect(sms.send('+5511987654321', 'ç'.repeat(70))).resolves.toMatchObject({ status: 'queued' });
  });

  it.each([
    ['an empty text', '', 'rejected'],
    ['a text of spaces', '   ', 'rejected'],
  ])('refuses %s', async (_name, text, kind) => {
    await expect(rejectionOf(sms.send('+5511987654321', text))).resolves.toMatchObject({ kind });
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    'not a url',
    'ftp://oficina.example.com/status',
    'https://my_host.example.com/status',
  ])('refuses the status callback URL %s', async (statusCallbackUrl) => {
    const error = await rejectionOf(sms.send('+5511987654321', 'Oi', { statusCallbackUrl }));
    expect(error.kind).toBe('rejected');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('Twilio SMS adapter: errors', () => {
  type Case = {
    name: string;
    arrange: () => void;
    to?: string;
    expected: { kind: string; retryable: boolean; code?: string; httpStatus?: number };
  };
  const cases: Case[] = [
    {
      name: 'a wrong auth token',
      arrange: () => {
        sms = createTwilioSms(buildSettings({ authToken: 'f'.repeat(32) }));
      },
      expected: { kind: 'auth', retryable: false, code: '20003', httpStatus: 401 },
    },
    {
      name: 'an invalid number (21211)',
      arrange: () => {},
      to: '+15005550001',
      expected: { kind: 'invalid-number', retryable: false, code: '21211' },
    },
    {
      name: 'a number Twilio cannot route (21612)',
      arrange: () => {},
      to: '+15005550002',
      expected: { kind: 'invalid-number', retryable: false, code: '21612' },
    },
    {
      name: 'a number that is not a mobile (21614)',
      arrange: () => {},
      to: '+15005550009',
      expected: { kind: 'invalid-number', retryable: false, code: '21614' },
    },
    {
      name: 'a recipient who replied STOP (21610)',
      arrange: () => {},
      to: '+15005550004',
      expected: { kind: 'recipient-blocked', retryable: false, code: '21610' },
    },
    {
      name: 'a country without geo permission (21408)',
      arrange: () => {},
      to: '+15005550003',
      expected: { kind: 'rejected', retryable: false, code: '21408' },
    },
    {
      name: 'a sender that is not of the account (21606)',
      arrange: () => {
        sms = createTwilioSms(buildSettings({ from: '+5511930009999' }));
      },
      expected: { kind: 'sender', retryable: false, code: '21606' },
    },
    {
      name: 'a rate limit (429, 20429)',
      arrange: () => fake.failNext(429, { code: 20429, message: 'Too Many Requests', status: 429 }),
      expected: { kind: 'rate-limited', retryable: true, code: '20429', httpStatus: 429 },
    },
    {
      name: 'a 503 page from a proxy',
      arrange: () => fake.failNext(503, '<html>Service Unavailable</html>'),
      expected: { kind: 'unavailable', retryable: true, httpStatus: 503 },
    },
    {
      name: 'an unknown 400 error code',
      arrange: () => fake.failNext(400, { code: 21999, message: 'Something new', status: 400 }),
      expected: { kind: 'rejected', retryable: false, code: '21999' },
    },
    {
      name: 'a wrong API URL (404)',
      arrange: () => {
        sms = createTwilioSms(buildSettings({ apiUrl: `${fake.url}/v1` }));
      },
      expected: { kind: 'unexpected', retryable: false, code: '20404', httpStatus: 404 },
    },
    {
      name: 'a success without a message SID',
      arrange: () => fake.failNext(201, { status: 'queued' }),
      expected: { kind: 'unexpected', retryable: false, httpStatus: 201 },
    },
    {
      name: 'a message created already failed',
      arrange: () => fake.failNext(201, { sid: `SM${'0'.repeat(32)}`, status: 'failed', error_code: 30007 }),
      expected: { kind: 'rejected', retryable: false, code: '30007' },
    },
  ];

  it.each(cases)('classifies $name', async ({ arrange, to, expected }) => {
    arrange();
    const error = await rejectionOf(sms.send(to ?? '+5511987654321', 'Sua OS está pronta.'));
    expect(error).toMatchObject(expected);
    expect(error.message.length).toBeGreaterThan(40);
  });

  it('names the variables to set when the credentials are refused', async () => {
    sms = createTwilioSms(buildSettings({ authToken: 'f'.repeat(32) }));
    const error = await rejectionOf(sms.send('+5511987654321', 'Oi'));
    expect(error.message).toContain('TWILIO_ACCOUNT_SID');
    expect(error.message).toContain('TWILIO_AUTH_TOKEN');
  });

  it('keeps the wait Twilio asks for in a rate limit', async () => {
    fake.failNext(429, { code: 20429, message: 'Too Many Requests', status: 429 }, 1, { 'retry-after': '7' });
    const error = await rejectionOf(sms.send('+5511987654321', 'Oi'));
    expect(error.retryAfterMs).toBe(7000);
  });

  it('gives up after the timeout with a retryable error that warns of a double delivery', async () => {
    sms = createTwilioSms(buildSettings({ timeoutMs: 150 }));
    fake.hangNext();
    const error = await rejectionOf(sms.send('+5511987654321', 'Oi'));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(error.message).toMatch(/twice/);
  });

  it('reports an unreachable API as retryable', async () => {
    const refusing: typeof fetch = () =>
      Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    sms = createTwilioSms(buildSettings(), refusing);
    const error = await rejectionOf(sms.send('+5511987654321', 'Oi'));
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it.each([
    ['refused credentials', () => createTwilioSms(buildSettings({ authToken: 'e'.repeat(32) }))],
    [
      'a wrong API URL whose 404 names the account path',
      () => createTwilioSms(buildSettings({ apiUrl: `${fake.url}/x` })),
    ],
    [
      'a provider message that echoes the credentials',
      () => {
        fake.failNext(400, {
          code: 21999,
          message: `Bad request for ${fake.accountSid} with token ${fake.authToken}`,
          status: 400,
        });
        return sms;
      },
    ],
    [
      'an HTML page that echoes them',
      () => {
        fake.failNext(502, `<p>${fake.accountSid}:${fake.authToken}</p>`);
        return sms;
      },
    ],
  ])('never puts the credentials in an error: %s', async (_name, arrange) => {
    const provider = arrange();
    const error = await rejectionOf(provider.send('+5511987654321', 'Oi'));
    const everything = [
      error.message,
      error.providerMessage ?? '',
      JSON.stringify(error),
      String(error.stack),
    ];
    for (const secret of [fake.authToken, 'e'.repeat(32), fake.accountSid]) {
      for (const text of everything) expect(text).not.toContain(secret);
    }
  });

  it.each([
    ['a number Twilio refuses', '+15005550001'],
    ['a number refused locally', '+551133334444'],
  ])("keeps the recipient's full number out of the error for %s", async (_name, to) => {
    const error = await rejectionOf(sms.send(to, 'Oi'));
    expect(error.message).toContain(`${to.slice(0, 3)}…${to.slice(-2)}`);
    for (const text of [error.message, error.providerMessage ?? '']) expect(text).not.toContain(to);
  });

  it('never puts the token in a configuration error', () => {
    let thrown: unknown;
    try {
      createTwilioSms(buildSettings({ accountSid: fake.authToken }));
    } catch (error) {
      thrown = error;
    }
    expect(String(thrown)).toContain('TWILIO_ACCOUNT_SID');
    expect(String(thrown)).not.toContain(fake.authToken);
  });
});

describe('smsSegments', () => {
  it.each([
    ['an empty text', '', 'GSM-7', 0],
    ['plain ASCII', 'Sua OS 1042 esta pronta', 'GSM-7', 1],
    ['é, à and the capital Ç of the GSM table', 'Café à vista, ÇA', 'GSM-7', 1],
    ['ñ, Ñ, ¿, ¡, é and ü of Spanish', '¿Señor Muñoz? ¡Ñoño pingüino! Qué', 'GSM-7', 1],
    ['è, ì, ò and ù', 'è ì ò ù', 'GSM-7', 1],
    ['á (Olá)', 'Olá', 'UCS-2', 1],
    ['ç (Orçamento)', 'Orçamento', 'UCS-2', 1],
    ['ã and õ', 'Não há peças', 'UCS-2', 1],
    ['ê and ô', 'você, ônibus', 'UCS-2', 1],
    ['í, ó and ú of Spanish', 'Reparación del vehículo útil', 'UCS-2', 1],
    ['a lowercase ç alone', 'ç', 'UCS-2', 1],
    ['160 plain characters', 'x'.repeat(160), 'GSM-7', 1],
    ['161 plain characters', 'x'.repeat(161), 'GSM-7', 2],
    ['306 plain characters', 'x'.repeat(306), 'GSM-7', 2],
    ['307 plain characters', 'x'.repeat(307), 'GSM-7', 3],
    ['459 plain characters', 'x'.repeat(459), 'GSM-7', 3],
    ['460 plain characters', 'x'.repeat(460), 'GSM-7', 4],
    ['80 euro signs (two septets each)', '€'.repeat(80), 'GSM-7', 1],
    ['81 euro signs', '€'.repeat(81), 'GSM-7', 2],
    ['an escape pair that would straddle two parts', `${'a'.repeat(152)}€${'a'.repeat(152)}`, 'GSM-7', 3],
    ['70 UCS-2 characters', 'ç'.repeat(70), 'UCS-2', 1],
    ['71 UCS-2 characters', 'ç'.repeat(71), 'UCS-2', 2],
    ['134 UCS-2 characters', 'ç'.repeat(134), 'UCS-2', 2],
    ['135 UCS-2 characters', 'ç'.repeat(135), 'UCS-2', 3],
    ['35 emoji (70 UTF-16 units)', '🔧'.repeat(35), 'UCS-2', 1],
    ['36 emoji, never split in half', '🔧'.repeat(36), 'UCS-2', 2],
    ['one ã in a long GSM text', `${'x'.repeat(100)}ã`, 'UCS-2', 2],
  ])('counts %s', (_name, text, encoding, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, segments });
  });
});

describe('Twilio SMS adapter: status callbacks', () => {
  it.each([
    ['the current snippet', '+14158675310', 'GvWf1cFY/Q7PnoempGyD5oXAezc='],
    ['the older snippet', '+14158675309', 'RSOYDt4T1cUTdK1PDd93/VVr8B8='],
  ])('computes the signature of Twilio published examples (%s)', (_name, caller, expected) => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: caller,
      Digits: '1234',
      From: caller,
      To: '+18005551212',
    };
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    expect(computeTwilioSignature('12345', url, params)).toBe(expected);
    expect(isTwilioSignatureValid('12345', expected, url, params)).toBe(true);
  });

  it.each([
    ['queued', 'queued', undefined],
    ['sending', 'queued', undefined],
    ['sent', 'sent', undefined],
    ['delivered', 'delivered', undefined],
    ['read', 'delivered', undefined],
    ['undelivered', 'failed', '30003'],
    ['failed', 'failed', '30008'],
    ['canceled', 'failed', undefined],
  ])('accepts a signed "%s" and maps it to %s', async (providerStatus, status, errorCode) => {
    const sid = await sendWithCallback();
    const update = sms.parseStatusCallback!(fake.buildStatusCallback(sid, providerStatus, errorCode));
    expect(update).toEqual({
      providerMessageId: sid,
      status,
      providerStatus,
      to: '+5511987654321',
      ...(errorCode ? { errorCode } : {}),
    });
  });

  it('reads a callback Twilio actually posted over HTTP', async () => {
    const { createServer } = await import('node:http');
    const received: Array<{ headers: Record<string, string | string[] | undefined>; rawBody: string }> = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address() as { port: number };
    const url = `http://127.0.0.1:${address.port}/sms/status`;
    try {
      const { providerMessageId } = await sms.send('+5511987654321', 'Oi', { statusCallbackUrl: url });
      await fake.deliverStatusCallback(providerMessageId, 'delivered');
      const update = sms.parseStatusCallback!({ url, ...received[0]! });
      expect(update).toMatchObject({ providerMessageId, status: 'delivered' });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('accepts the URL with or without the standard port, as Twilio libraries do', async () => {
    const sid = await sendWithCallback();
    const callback = fake.buildStatusCallback(sid, 'delivered');
    const withPort = CALLBACK_URL.replace('example.com/', 'example.com:443/');
    expect(sms.parseStatusCallback!({ ...callback, url: withPort }).status).toBe('delivered');
  });

  it.each([
    [
      'without a signature',
      (c: Callback) => ({ ...c, headers: { 'content-type': c.headers['content-type'] } }),
    ],
    [
      'with an empty signature',
      (c: Callback) => ({ ...c, headers: { ...c.headers, 'x-twilio-signature': '' } }),
    ],
    [
      'with a status changed after signing',
      (c: Callback) => ({ ...c, rawBody: c.rawBody.replace('=failed', '=delivered') }),
    ],
    [
      'with a parameter added after signing',
      (c: Callback) => ({ ...c, rawBody: `${c.rawBody}&ErrorCode=0` }),
    ],
    ['at another URL', (c: Callback) => ({ ...c, url: c.url.replace('shop=7', 'shop=8') })],
    ['over http instead of https', (c: Callback) => ({ ...c, url: c.url.replace('https:', 'http:') })],
    [
      'with a signature of another length',
      (c: Callback) => ({ ...c, headers: { ...c.headers, 'x-twilio-signature': 'abc' } }),
    ],
    [
      'signed with another auth token',
      (c: Callback) =>
        fake.signStatusCallback(c.url, Object.fromEntries(new URLSearchParams(c.rawBody)), 'other-token'),
    ],
    [
      'signed by a Webhooks Rule key',
      (c: Callback) => ({
        ...c,
        headers: { ...c.headers, 'X-Twilio-Webhooks-Signature-Settings': 'key=k,algorithm=HMAC_SHA256' },
      }),
    ],
  ])('refuses a callback %s', async (_name, forge) => {
    const sid = await sendWithCallback();
    const forged = forge(fake.buildStatusCallback(sid, 'failed', '30008'));
    const error = callbackErrorOf(() => sms.parseStatusCallback!(forged));
    expect(error.kind).toBe('unauthenticated');
    expect(error.message).not.toContain(fake.authToken);
  });

  it('finds the signature header whatever its case', async () => {
    const sid = await sendWithCallback();
    const callback = fake.buildStatusCallback(sid, 'sent');
    const headers = { 'X-Twilio-Signature': callback.headers['x-twilio-signature'] };
    expect(sms.parseStatusCallback!({ ...callback, headers }).status).toBe('sent');
  });

  it('refuses a signed status it does not know, such as an inbound "received"', async () => {
    const sid = await sendWithCallback();
    const error = callbackErrorOf(() => sms.parseStatusCallback!(fake.buildStatusCallback(sid, 'received')));
    expect(error.kind).toBe('unknown-status');
  });

  it('refuses a signed callback without a message SID', () => {
    const callback = fake.signStatusCallback(CALLBACK_URL, { MessageStatus: 'delivered' });
    expect(callbackErrorOf(() => sms.parseStatusCallback!(callback)).kind).toBe('malformed');
  });
});

type Callback = ReturnType<FakeTwilio['buildStatusCallback']>;
