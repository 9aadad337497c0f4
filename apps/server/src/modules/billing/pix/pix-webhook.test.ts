import { createHmac, randomBytes, X509Certificate } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakePsp, startFakePsp } from './fake-psp.js';
import { createPixApi, type PixApi } from './pix-api.js';
import {
  authenticatePixCallback,
  type PixCallbackAuthResult,
  type PixCallbackParse,
  parsePixCallback,
  readCallbackSecret,
  readPeerCertificate,
} from './pix-webhook.js';

const E2E = 'E12345678202009091221kkkkkkkkkkk';
const item = (overrides: Record<string, unknown> = {}) => ({
  endToEndId: E2E,
  txid: 'c3e0e7a4e7f1469a9f782d3d4999343c',
  valor: '110.00',
  horario: '2020-09-09T20:15:00.358Z',
  ...overrides,
});

describe('parsePixCallback', () => {
  it("reads the spec's callback examples, refunds included", () => {
    const result = parsePixCallback({
      pix: [
        item({
          infoPagador: '0123456789',
          // the spec's own example gives devolucoes as one object, not an array
          devolucoes: {
            id: '123ABC',
            rtrId: 'D12345678202009091221abcdf098765',
            valor: '10.00',
            horario: { solicitacao: '2020-09-09T20:15:00.358Z' },
            status: 'EM_PROCESSAMENTO',
          },
        }),
        item({
          endToEndId: 'E87654321202009091221dfghi123456',
          txid: undefined,
          horario: '2020-09-09T17:15:00-03:00',
        }),
      ],
    });
    expect(result).toEqual({
      ok: true,
      items: [
        {
          endToEndId: E2E,
          txid: 'c3e0e7a4e7f1469a9f782d3d4999343c',
          amountCents: 11_000,
          paidAt: new Date('2020-09-09T20:15:00.358Z'),
          payerInfo: '0123456789',
          refunds: [
            {
              id: '123ABC',
              rtrId: 'D12345678202009091221abcdf098765',
              status: 'EM_PROCESSAMENTO',
              amountCents: 1000,
              requestedAt: new Date('2020-09-09T20:15:00.358Z'),
            },
          ],
        },
        {
          endToEndId: 'E87654321202009091221dfghi123456',
          amountCents: 11_000,
          paidAt: new Date('2020-09-09T20:15:00Z'),
          refunds: [],
        },
      ],
    });
  });

  it.each([
    ['0.01', 1],
    ['0.10', 10],
    ['10.00', 1000],
    ['1234.50', 123_450],
    ['9999999999.99', 999_999_999_999],
  ])('reads valor "%s" as exactly %i cents', (valor, cents) => {
    const result = parsePixCallback({ pix: [item({ valor })] });
    expect(result.ok && result.items[0]?.amountCents).toBe(cents);
  });

  it.each([
    '10',
    '10.5',
    '10.505',
    '1,00',
    '-1.00',
    '0.00',
    ' 1.00',
    '12345678901.00',
    10,
    10.5,
    null,
  ])('rejects valor %j', (valor) => {
    const result = parsePixCallback({ pix: [item({ valor })] });
    expect(result.ok).toBe(false);
    expect((result as { reason: string }).reason).toContain('body.pix.0.valor');
  });

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['text', 'pix'],
    ['an array', []],
    ['an object without pix', { evento: 'teste_webhook' }],
    ['pix that is not a list', { pix: item() }],
    ['an empty item', { pix: [{}] }],
    ['a short endToEndId', { pix: [item({ endToEndId: E2E.slice(1) })] }],
    ['a txid with a hyphen', { pix: [item({ txid: 'abc-123' })] }],
    ['a time without offset', { pix: [item({ horario: '2020-09-09T20:15:00' })] }],
    ['a time that is not a time', { pix: [item({ horario: 'ontem' })] }],
    ['a payer note over 140 characters', { pix: [item({ infoPagador: 'x'.repeat(141) })] }],
    ['a refund with an unknown status', { pix: [item({ devolucoes: [{ id: '1', status: 'FEITO' }] })] }],
  ])('rejects %s', (_, body) => {
    const result: PixCallbackParse = parsePixCallback(body);
    expect(result.ok).toBe(false);
    expect((result as { reason: string }).reason).toMatch(/^not an API Pix callback \(.+\)$/);
  });

  it('accepts an empty list and fields it does not know', () => {
    expect(parsePixCallback({ pix: [] })).toEqual({ ok: true, items: [] });
    expect(parsePixCallback({ pix: [item({ chave: 'x@y.z', gnExtras: { tarifa: '0.01' } })] }).ok).toBe(true);
  });
});

describe('authenticatePixCallback', () => {
  const refused = (result: PixCallbackAuthResult) => (result.ok ? '' : result.reason);

  it('accepts the secret from the URL and refuses another, of any length, or none', () => {
    const expected = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
    expect(authenticatePixCallback({ method: 'secret', expected, presented: expected })).toEqual({
      ok: true,
    });
    for (const presented of [`${expected.slice(0, -1)}0`, 'short', `${expected}0`, '']) {
      expect(refused(authenticatePixCallback({ method: 'secret', expected, presented }))).toMatch(/secret/);
    }
    expect(refused(authenticatePixCallback({ method: 'secret', expected, presented: undefined }))).toBe(
      'the callback URL carries no secret',
    );
    expect(authenticatePixCallback({ method: 'secret', expected: '', presented: '' }).ok).toBe(false);
  });

  describe('HMAC-SHA256 of the raw body', () => {
    const secret = 'hmac-secret';
    const rawBody = Buffer.from(JSON.stringify({ pix: [item()] }));
    const sign = (body: Buffer, encoding: 'hex' | 'base64' | 'base64url', key = secret) =>
      createHmac('sha256', key).update(body).digest(encoding);
    const check = (headers: IncomingHttpHeaders, body = rawBody) =>
      authenticatePixCallback({
        method: 'hmac',
        secret,
        rawBody: body,
        headers,
        headerName: 'X-Pix-Signature',
      });

    it.each([
      ['hex', sign(rawBody, 'hex')],
      ['upper-case hex', sign(rawBody, 'hex').toUpperCase()],
      ['base64', sign(rawBody, 'base64')],
      ['base64url', sign(rawBody, 'base64url')],
      ['"sha256=" and hex', `sha256=${sign(rawBody, 'hex')}`],
    ])('accepts a %s signature', (_, signature) => {
      expect(check({ 'x-pix-signature': signature })).toEqual({ ok: true });
    });

    it('refuses a signature made with another key, a tampered body, or a mangled header', () => {
      expect(refused(check({ 'x-pix-signature': sign(rawBody, 'hex', 'guess') }))).toBe(
        'the X-Pix-Signature signature does not match the body',
      );
      const tampered = Buffer.from(rawBody.toString().replace('110.00', '1.00'));
      expect(check({ 'x-pix-signature': sign(rawBody, 'hex') }, tampered).ok).toBe(false);
      expect(refused(check({}))).toBe('the callback has no X-Pix-Signature header');
      expect(refused(check({ 'x-pix-signature': sign(rawBody, 'hex').slice(2) }))).toMatch(
        /not an HMAC-SHA256/,
      );
      expect(refused(check({ 'x-pix-signature': 'not a signature' }))).toMatch(/not an HMAC-SHA256/);
      expect(check({ 'x-pix-signature': [sign(rawBody, 'hex'), 'x'] }).ok).toBe(true);
    });
  });

  it('accepts a trusted client certificate on the allow-list, whatever the fingerprint notation', () => {
    const fingerprint = 'AB:CD:EF:01';
    const mtls = (authorized: boolean, peer: string[], allowed: string[]) =>
      authenticatePixCallback({
        method: 'mtls',
        authorized,
        peerFingerprints: peer,
        allowedFingerprints: allowed,
      });
    expect(mtls(true, ['00:11', fingerprint], ['abcdef01'])).toEqual({ ok: true });
    expect(refused(mtls(false, [fingerprint], [fingerprint]))).toMatch(/no client certificate trusted/);
    expect(refused(mtls(true, ['00:11'], [fingerprint]))).toBe(
      'the client certificate is not on the allow-list',
    );
    expect(refused(mtls(true, [fingerprint], []))).toMatch(/no provider certificate fingerprint/);
  });
});

describe('readCallbackSecret', () => {
  const pathPrefix = '/api/webhooks/pix';
  it.each([
    ['/api/webhooks/pix/abc123/pix', 'abc123'],
    ['https://shop.example.com/api/webhooks/pix/a%20b/pix', 'a b'],
    ['/api/webhooks/pix?secret=abc123/pix', 'abc123'],
    ['/api/webhooks/pix?secret=abc123', 'abc123'],
    ['/api/webhooks/pix/pix', undefined],
    ['/api/webhooks/pix/abc123', undefined],
    ['/api/webhooks/pixie/abc123/pix', undefined],
    ['/other/abc123/pix', undefined],
  ])('reads %s as %s', (url, secret) => {
    expect(readCallbackSecret(url, { pathPrefix })).toBe(secret);
  });

  it('reads only the query without a path prefix, and another parameter when told', () => {
    expect(readCallbackSecret('/api/webhooks/pix/abc123/pix')).toBeUndefined();
    expect(readCallbackSecret('/hook?token=t0k3n/pix', { queryParam: 'token' })).toBe('t0k3n');
  });
});

type Received = { url: string; auth: PixCallbackAuthResult[]; parsed: PixCallbackParse };

/** What the lead's Fastify route will do, on a bare Node server: authenticate, then parse. */
function receiver(authenticate: (req: IncomingMessage, rawBody: Buffer) => PixCallbackAuthResult[]) {
  const received: Received[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const auth = authenticate(req, rawBody);
      const parsed = parsePixCallback(JSON.parse(rawBody.toString('utf8')));
      received.push({ url: req.url ?? '', auth, parsed });
      const status = auth.every((a) => a.ok) ? (parsed.ok ? 200 : 400) : 401;
      res.writeHead(status).end();
    });
  };
  return { received, handler };
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('callbacks from the fake provider', () => {
  const hmacSecret = 'shared-hmac-secret';
  const urlSecret = randomBytes(16).toString('hex');
  let psp: FakePsp;
  let api: PixApi;
  const servers: Array<http.Server | https.Server> = [];

  beforeAll(async () => {
    psp = await startFakePsp({
      callbackHmac: { secret: hmacSecret, header: 'x-pix-signature', encoding: 'base64' },
    });
    api = createPixApi({
      baseUrl: psp.url,
      clientId: psp.clientId,
      clientSecret: psp.clientSecret,
      caPath: psp.caPath,
      pixKey: psp.pixKey,
    });
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  afterAll(async () => {
    api.close();
    await psp.close();
  });

  const bySecretAndSignature = (req: IncomingMessage, rawBody: Buffer) => [
    authenticatePixCallback({
      method: 'secret',
      expected: urlSecret,
      presented: readCallbackSecret(req.url ?? '', { pathPrefix: '/api/webhooks/pix' }),
    }),
    authenticatePixCallback({
      method: 'hmac',
      secret: hmacSecret,
      rawBody,
      headers: req.headers,
      headerName: 'x-pix-signature',
    }),
  ];

  it('delivers a payment that the shop authenticates by URL secret and HMAC, then parses', async () => {
    const { received, handler } = receiver(bySecretAndSignature);
    const server = http.createServer(handler);
    servers.push(server);
    const port = await listen(server);
    await api.configureWebhook(`http://127.0.0.1:${port}/api/webhooks/pix/${urlSecret}`);
    const { txid } = await api.createCharge({
      txid: randomBytes(16).toString('hex'),
      amountCents: 15_075,
      expiresInSeconds: 600,
    });

    const { pix, callback } = await psp.pay(txid, { payerInfo: 'OS 12' });
    expect(callback?.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]?.url).toBe(`/api/webhooks/pix/${urlSecret}/pix`);
    expect(received[0]?.auth).toEqual([{ ok: true }, { ok: true }]);
    expect(received[0]?.parsed).toEqual({
      ok: true,
      items: [
        {
          endToEndId: pix.endToEndId,
          txid,
          amountCents: 15_075,
          paidAt: pix.paidAt,
          payerInfo: 'OS 12',
          refunds: [],
        },
      ],
    });

    await api.refund({ endToEndId: pix.endToEndId, refundId: 'dev1', amountCents: 75 });
    const settled = await psp.settleRefund(pix.endToEndId, 'dev1');
    expect(settled.callback?.status).toBe(200);
    const refundNotice = received[1]?.parsed;
    expect(refundNotice?.ok && refundNotice.items[0]?.refunds).toMatchObject([
      { id: 'dev1', status: 'DEVOLVIDO', amountCents: 75 },
    ]);
  });

  it('finds the secret of a URL registered with "?secret=", to which the provider appends "/pix"', async () => {
    const { received, handler } = receiver(bySecretAndSignature);
    const server = http.createServer(handler);
    servers.push(server);
    const port = await listen(server);
    await api.configureWebhook(`http://127.0.0.1:${port}/api/webhooks/pix?secret=${urlSecret}`);
    const { txid } = await api.createCharge({
      txid: randomBytes(16).toString('hex'),
      amountCents: 1,
      expiresInSeconds: 600,
    });
    const { callback } = await psp.pay(txid);
    expect(callback?.status).toBe(200);
    expect(received[0]?.url).toBe(`/api/webhooks/pix?secret=${urlSecret}/pix`);
    expect(received[0]?.parsed).toMatchObject({ ok: true, items: [{ txid, amountCents: 1 }] });
  });

  it('refuses a callback with a wrong URL secret or a forged signature', async () => {
    const { received, handler } = receiver(bySecretAndSignature);
    const server = http.createServer(handler);
    servers.push(server);
    const port = await listen(server);
    const body = JSON.stringify({ pix: [item()] });
    const forged = createHmac('sha256', 'guessed').update(body).digest('base64');
    const statuses = [];
    for (const [secret, signature] of [
      ['wrong-secret', createHmac('sha256', hmacSecret).update(body).digest('base64')],
      [urlSecret, forged],
    ] as const) {
      const res = await fetch(`http://127.0.0.1:${port}/api/webhooks/pix/${secret}/pix`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pix-signature': signature },
        body,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401]);
    expect(received.map((r) => r.auth.map((a) => a.ok))).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it("authenticates the provider's client certificate over mutual TLS against an allow-list", async () => {
    const allowed = [new X509Certificate(psp.pki.provider.cert).fingerprint256];
    const { received, handler } = receiver((req) => {
      const peer = readPeerCertificate(req.socket);
      return [authenticatePixCallback({ method: 'mtls', ...peer, allowedFingerprints: allowed })];
    });
    const server = https.createServer(
      {
        key: psp.pki.server.key,
        cert: psp.pki.server.cert,
        ca: psp.pki.ca,
        requestCert: true,
        rejectUnauthorized: false,
      },
      handler,
    );
    servers.push(server);
    const port = await listen(server);
    await api.configureWebhook(`https://127.0.0.1:${port}/api/webhooks/pix`);
    const { txid } = await api.createCharge({
      txid: randomBytes(16).toString('hex'),
      amountCents: 990,
      expiresInSeconds: 600,
    });
    const { callback } = await psp.pay(txid);
    expect(callback?.status).toBe(200);
    expect(received[0]?.auth).toEqual([{ ok: true }]);

    // the shop's own certificate is signed by the same CA but is not on the list; no certificate at all fails too
    const post = (options: https.RequestOptions) =>
      new Promise<number>((resolve, reject) => {
        const req = https.request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/webhooks/pix/pix',
            method: 'POST',
            ca: psp.pki.ca,
            ...options,
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ pix: [item()] }));
      });
    expect(await post({ cert: psp.pki.client.cert, key: psp.pki.client.key })).toBe(401);
    expect(await post({})).toBe(401);
    expect(received.slice(1).map((r) => r.auth)).toEqual([
      [{ ok: false, reason: 'the client certificate is not on the allow-list' }],
      [{ ok: false, reason: 'the caller presented no client certificate trusted by our CA list' }],
    ]);
  });
});
