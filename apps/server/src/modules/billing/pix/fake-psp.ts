import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import {
  answerFakePsp,
  type CallbackDelivery,
  type FakePix,
  type FakePspContext,
  type FakePspState,
  type FakeRefund,
  newSpiId,
  pixJson,
  problem,
  type Reply,
} from './fake-psp-api.js';
import { createTestPki, type TestPki } from './fake-psp-pki.js';

/**
 * A Pix provider for tests: an HTTPS server on 127.0.0.1 speaking API Pix v2 (OAuth2 client
 * credentials, cob, webhook, devolução), validating requests the way a PSP does and answering with
 * RFC 7807 problems. `pay` plays the payer and calls the configured webhook. Test-only.
 */
export type FakePspOptions = {
  clientId?: string;
  clientSecret?: string;
  pixKey?: string;
  /** require a client certificate signed by the test CA: connections without one fail in the handshake */
  mtls?: boolean;
  tokenTtlSeconds?: number;
  apiPrefix?: string;
  /** the provider's 8-digit ISPB, used in endToEndId and rtrId */
  ispb?: string;
  /** sign webhook calls: HMAC-SHA256 of the raw body in this header */
  callbackHmac?: { secret: string; header: string; encoding: 'hex' | 'base64' };
};

export type FakePspFault =
  | { kind: 'status'; status: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'close' }
  | { kind: 'body'; status: number; body: string; contentType?: string };

export type FakePsp = {
  url: string;
  clientId: string;
  clientSecret: string;
  pixKey: string;
  pki: TestPki;
  ca: string;
  caPath: string;
  clientCert: string;
  clientKey: string;
  clientCertPath: string;
  clientKeyPath: string;
  state: FakePspState;
  /** the payer pays the cob (its own amount unless given): CONCLUIDA, a Pix, then the webhook call */
  pay: (
    txid: string,
    options?: { amountCents?: number; payerInfo?: string },
  ) => Promise<{ pix: FakePix; callback: CallbackDelivery | null }>;
  /** a refund reaches its final status, and the webhook hears of it */
  settleRefund: (
    endToEndId: string,
    refundId: string,
    status?: 'DEVOLVIDO' | 'NAO_REALIZADO',
  ) => Promise<{ refund: FakeRefund; callback: CallbackDelivery | null }>;
  /** the next `times` requests (API calls by default) meet this fault */
  fail: (fault: FakePspFault, options?: { times?: number; on?: 'api' | 'token' | 'any' }) => void;
  /** every issued token stops working, as when a provider revokes them early */
  revokeTokens: () => void;
  close: () => Promise<void>;
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decodeBody(raw: string, contentType: string | undefined): unknown {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** POST to a webhook over HTTP or HTTPS; over HTTPS the provider presents its client certificate. */
function post(target: string, headers: Record<string, string>, body: string, pki: TestPki) {
  return new Promise<CallbackDelivery>((resolve) => {
    const url = new URL(target);
    const options = { method: 'POST', headers, timeout: 5000 };
    const req =
      url.protocol === 'https:'
        ? https.request(url, { ...options, ca: pki.ca, cert: pki.provider.cert, key: pki.provider.key })
        : http.request(url, options);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ url: target, body, status: res.statusCode ?? 0 }));
    });
    req.on('timeout', () => req.destroy(new Error('webhook did not answer within 5 s')));
    req.on('error', (error) => resolve({ url: target, body, error: error.message }));
    req.end(body);
  });
}

export async function startFakePsp(input: FakePspOptions = {}): Promise<FakePsp> {
  const options = {
    clientId: 'fake-client-id',
    clientSecret: 'fake-client-secret',
    pixKey: 'pix@bancada.test',
    tokenTtlSeconds: 3600,
    apiPrefix: '/v2',
    ispb: '12345678',
    ...input,
  };
  const dir = await mkdtemp(path.join(tmpdir(), 'bancada-fake-psp-'));
  const pki = await createTestPki(dir);
  const state: FakePspState = {
    cobs: new Map(),
    pix: new Map(),
    webhooks: new Map(),
    tokens: new Map(),
    tokensIssued: 0,
    requests: [],
    callbacks: [],
  };
  const faults: Array<{ fault: FakePspFault; on: 'api' | 'token' | 'any'; times: number }> = [];
  const closing = new AbortController();
  const server = https.createServer({
    key: pki.server.key,
    cert: pki.server.cert,
    ca: pki.ca,
    requestCert: Boolean(options.mtls),
    rejectUnauthorized: Boolean(options.mtls),
  });
  const ctx: FakePspContext = {
    ...options,
    state,
    host: () => `127.0.0.1:${(server.address() as AddressInfo).port}`,
  };

  function write(res: ServerResponse, answer: Reply): void {
    if (answer.body === undefined) res.writeHead(answer.status).end();
    else {
      res
        .writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' })
        .end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    }
  }

  /** the first queued fault meant for this kind of request, used up once */
  function takeFault(isToken: boolean): FakePspFault | undefined {
    const index = faults.findIndex((f) => f.on === 'any' || (f.on === 'token') === isToken);
    const entry = faults[index];
    if (!entry) return undefined;
    entry.times -= 1;
    if (entry.times <= 0) faults.splice(index, 1);
    return entry.fault;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const pathname = new URL(req.url ?? '/', 'https://fake').pathname;
    state.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: decodeBody(raw, req.headers['content-type']),
      hasClientCert: Boolean((req.socket as TLSSocket).authorized),
    });
    const fault = takeFault(pathname === '/oauth/token');
    if (fault?.kind === 'close') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      write(res, problem(fault.status, 'ServicoIndisponivel', 'Falha simulada', 'Falha simulada pelo PSP.'));
      return;
    }
    if (fault?.kind === 'body') {
      write(res, { status: fault.status, body: fault.body, contentType: fault.contentType ?? 'text/html' });
      return;
    }
    if (fault?.kind === 'slow') await delay(fault.delayMs, undefined, { signal: closing.signal });
    write(res, answerFakePsp(ctx, { method: req.method ?? 'GET', pathname, headers: req.headers, raw }));
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !closing.signal.aborted)
        write(res, problem(500, 'ErroInterno', 'Erro', 'Erro no PSP.'));
      else req.socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  async function deliver(items: unknown[]): Promise<CallbackDelivery | null> {
    const webhookUrl = state.webhooks.get(options.pixKey);
    if (!webhookUrl) return null;
    const body = JSON.stringify({ pix: items });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    };
    const hmac = options.callbackHmac;
    if (hmac) headers[hmac.header] = createHmac('sha256', hmac.secret).update(body).digest(hmac.encoding);
    // PSPs append "/pix" to the registered URL as text, even after a query string
    const delivery = await post(`${webhookUrl}/pix`, headers, body, pki);
    state.callbacks.push(delivery);
    return delivery;
  }

  return {
    url: `https://${ctx.host()}`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    pixKey: options.pixKey,
    pki,
    ca: pki.ca,
    caPath: pki.caPath,
    clientCert: pki.client.cert,
    clientKey: pki.client.key,
    clientCertPath: pki.client.certPath,
    clientKeyPath: pki.client.keyPath,
    state,
    async pay(txid, payment = {}) {
      const cob = state.cobs.get(txid);
      if (!cob) throw new Error(`fake PSP: no cob with txid ${txid}`);
      if (cob.status !== 'ATIVA') throw new Error(`fake PSP: cob ${txid} is ${cob.status}`);
      const paidAt = new Date();
      const pix: FakePix = {
        endToEndId: newSpiId('E', options.ispb, paidAt),
        txid,
        amountCents: payment.amountCents ?? cob.amountCents,
        paidAt,
        ...(payment.payerInfo ? { payerInfo: payment.payerInfo } : {}),
        refunds: [],
      };
      cob.pix.push(pix);
      cob.status = 'CONCLUIDA';
      state.pix.set(pix.endToEndId, pix);
      return { pix, callback: await deliver([pixJson(pix, options.pixKey)]) };
    },
    async settleRefund(endToEndId, refundId, status = 'DEVOLVIDO') {
      const pix = state.pix.get(endToEndId);
      const refund = pix?.refunds.find((r) => r.id === refundId);
      if (!pix || !refund) throw new Error(`fake PSP: no refund ${refundId} of ${endToEndId}`);
      refund.status = status;
      refund.settledAt = new Date();
      return { refund, callback: await deliver([pixJson(pix, options.pixKey)]) };
    },
    fail(fault, { times = 1, on = 'api' } = {}) {
      faults.push({ fault, on, times });
    },
    revokeTokens() {
      state.tokens.clear();
    },
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
