import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { isValidCnpj, isValidCpf, normalizeCnpj, normalizeCpf } from '@bancada/shared';
import type { z } from 'zod';
import {
  CobWireSchema,
  formatPixAmount,
  PIX_END_TO_END_ID_PATTERN,
  PIX_MAX_AMOUNT_CENTS,
  PIX_REFUND_ID_PATTERN,
  PIX_TXID_PATTERN,
  type PixCharge,
  type PixRefund,
  ProblemWireSchema,
  RefundWireSchema,
  TokenWireSchema,
} from './pix-wire.js';

/**
 * The Central Bank's standard "API Pix" (bacen/pix-api, v2.x), which every PSP implements:
 * immediate charges (cob), the Pix received on them, refunds (devolução) and the webhook.
 * OAuth2 client credentials over mutual TLS; amounts are integer cents here and "12.34" on the wire.
 */
export type PixApiConfig = {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** PEM client certificate for mutual TLS; a PEM holding both certificate and key may serve as both */
  certPath?: string;
  keyPath?: string;
  /** PEM CA bundle that signs the provider's server certificate, when it is not publicly trusted */
  caPath?: string;
  /** the receiver's Pix key (chave DICT) */
  pixKey: string;
  timeoutMs?: number;
  /** default `${baseUrl}/oauth/token` */
  tokenUrl?: string;
  /** prefix of the API paths: '/v2' by default; '' where the PSP serves /cob at the root */
  apiPrefix?: string;
  /** OAuth scopes to request (space-separated); most PSPs grant the application's scopes without it */
  scope?: string;
};

export type PixDebtor = { name: string; cpf?: string; cnpj?: string };
export type CreatePixChargeInput = {
  txid: string;
  amountCents: number;
  expiresInSeconds: number;
  debtor?: PixDebtor;
  /** shown to the payer, who may answer with free text (solicitacaoPagador, at most 140 characters) */
  payerRequest?: string;
  infoAdicionais?: Array<{ name: string; value: string }>;
};
export type PixRefundInput = { endToEndId: string; refundId: string; amountCents: number; reason?: string };

export type PixApi = {
  createCharge: (input: CreatePixChargeInput) => Promise<PixCharge>;
  getCharge: (txid: string) => Promise<PixCharge>;
  configureWebhook: (webhookUrl: string) => Promise<void>;
  refund: (input: PixRefundInput) => Promise<PixRefund>;
  getRefund: (endToEndId: string, refundId: string) => Promise<PixRefund>;
  /** closes the kept-alive connections */
  close: () => void;
};

export const PIX_PROVIDER_ERROR_KINDS = ['unreachable', 'timeout', 'auth', 'rejected', 'unexpected'] as const;
export type PixProviderErrorKind = (typeof PIX_PROVIDER_ERROR_KINDS)[number];
export type PixViolation = { reason: string; property?: string; value?: string };

/** A call to the provider failed; `message` names the cause and the fix, in English, for the log. */
export class PixProviderError extends Error {
  readonly status: number | undefined;
  readonly providerMessage: string | undefined;
  readonly violations: PixViolation[];
  readonly correlationId: string | undefined;

  constructor(
    readonly kind: PixProviderErrorKind,
    message: string,
    details: {
      status?: number;
      providerMessage?: string;
      violations?: PixViolation[];
      correlationId?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'PixProviderError';
    this.status = details.status;
    this.providerMessage = details.providerMessage;
    this.violations = details.violations ?? [];
    this.correlationId = details.correlationId;
  }

  /** worth trying again later: the same PUT is idempotent in API Pix */
  get isRetryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'timeout' || (this.status ?? 0) >= 500;
  }
}

/** Our own input broke an API Pix rule; nothing was sent to the provider. */
export class PixInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'PixInputError';
  }
}

/** Input rules of the API Pix schema, checked before anything is sent. */
function check(condition: boolean, field: string, message: string): void {
  if (!condition) throw new PixInputError(field, `${field}: ${message}`);
}

function checkAmount(cents: number, field: string): void {
  check(
    Number.isSafeInteger(cents) && cents > 0 && cents <= PIX_MAX_AMOUNT_CENTS,
    field,
    `must be whole cents from 1 to ${PIX_MAX_AMOUNT_CENTS}, got ${cents}`,
  );
}

function debtorBody(debtor: PixDebtor): Record<string, string> {
  const name = debtor.name.trim();
  check(name.length > 0 && name.length <= 200, 'debtor.name', 'must have 1 to 200 characters');
  check(
    (debtor.cpf === undefined) !== (debtor.cnpj === undefined),
    'debtor',
    'give exactly one of cpf or cnpj',
  );
  if (debtor.cpf !== undefined) {
    check(isValidCpf(debtor.cpf), 'debtor.cpf', 'is not a valid CPF');
    return { cpf: normalizeCpf(debtor.cpf), nome: name };
  }
  const cnpj = debtor.cnpj ?? '';
  check(isValidCnpj(cnpj), 'debtor.cnpj', 'is not a valid CNPJ');
  return { cnpj: normalizeCnpj(cnpj), nome: name };
}

function chargeBody(input: CreatePixChargeInput, pixKey: string): Record<string, unknown> {
  check(PIX_TXID_PATTERN.test(input.txid), 'txid', `must match ${PIX_TXID_PATTERN.source}`);
  checkAmount(input.amountCents, 'amountCents');
  check(
    Number.isSafeInteger(input.expiresInSeconds) &&
      input.expiresInSeconds > 0 &&
      input.expiresInSeconds <= 2_147_483_647,
    'expiresInSeconds',
    'must be a whole number of seconds above 0',
  );
  check((input.payerRequest ?? '').length <= 140, 'payerRequest', 'must have at most 140 characters');
  const info = input.infoAdicionais ?? [];
  check(info.length <= 50, 'infoAdicionais', 'must have at most 50 entries');
  for (const entry of info) {
    check(entry.name.length <= 50, 'infoAdicionais.name', 'must have at most 50 characters');
    check(entry.value.length <= 200, 'infoAdicionais.value', 'must have at most 200 characters');
  }
  return {
    calendario: { expiracao: input.expiresInSeconds },
    ...(input.debtor ? { devedor: debtorBody(input.debtor) } : {}),
    valor: { original: formatPixAmount(input.amountCents) },
    chave: pixKey,
    ...(input.payerRequest ? { solicitacaoPagador: input.payerRequest } : {}),
    ...(info.length ? { infoAdicionais: info.map((e) => ({ nome: e.name, valor: e.value })) } : {}),
  };
}

function checkRefundIds(endToEndId: string, refundId: string): void {
  check(PIX_END_TO_END_ID_PATTERN.test(endToEndId), 'endToEndId', 'must be 32 letters or digits');
  check(PIX_REFUND_ID_PATTERN.test(refundId), 'refundId', `must match ${PIX_REFUND_ID_PATTERN.source}`);
}

type WireRequest = {
  method: 'GET' | 'PUT' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
};
type WireResponse = { status: number; headers: IncomingHttpHeaders; body: string };

const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

class DeadlineExceeded extends Error {}

/** One request with an overall deadline (connect, TLS, headers and body), over the shared agent. */
function sendOnce(agent: https.Agent, request: WireRequest, timeoutMs: number): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    let isSettled = false;
    const settle = (error: Error | null, response?: WireResponse) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response as WireResponse);
    };
    const headers = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const req = https.request(request.url, { method: request.method, agent, headers });
    const timer = setTimeout(() => {
      const error = new DeadlineExceeded();
      settle(error);
      req.destroy(error);
    }, timeoutMs);
    req.on('error', (error: Error) => {
      // a kept-alive socket the server had already closed: safe to try once more on a new one
      Object.assign(error, { isReusedSocket: req.reusedSocket });
      settle(error);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
        if (size > MAX_RESPONSE_BYTES) {
          settle(new Error('the answer is larger than 2 MiB'));
          req.destroy();
        }
      });
      res.on('error', (error) => settle(error));
      // the connection dropped in the middle of the answer
      res.on('close', () => {
        if (!res.complete) settle(Object.assign(new Error('answer cut short'), { code: 'ECONNRESET' }));
      });
      res.on('end', () =>
        settle(null, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.end(request.body);
  });
}

async function send(agent: https.Agent, request: WireRequest, timeoutMs: number): Promise<WireResponse> {
  try {
    return await sendOnce(agent, request, timeoutMs);
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { isReusedSocket?: boolean };
    if (e.isReusedSocket && e.code === 'ECONNRESET') return sendOnce(agent, request, timeoutMs);
    throw error;
  }
}

const CERT_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection closed by the provider',
  EPIPE: 'connection closed by the provider',
  ETIMEDOUT: 'no answer from the network',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function networkError(
  error: unknown,
  target: { origin: string; label: string; timeoutMs: number; hasClientCert: boolean },
): PixProviderError {
  if (error instanceof DeadlineExceeded) {
    return new PixProviderError(
      'timeout',
      `Pix provider at ${target.origin} did not answer ${target.label} within ${target.timeoutMs} ms — the provider is slow or down; retry later, or raise PIX_TIMEOUT_MS`,
    );
  }
  const e = error as NodeJS.ErrnoException;
  const code = e.code ?? '';
  if (CERT_UNTRUSTED.has(code)) {
    return new PixProviderError(
      'auth',
      `Pix provider at ${target.origin} presented a TLS certificate this server does not trust (${code}) — set PIX_CA_PATH to the provider's CA certificate, and check PIX_API_URL's host name`,
      { cause: error },
    );
  }
  // TLS alerts: the provider refused our client certificate, or its absence
  if (/ALERT|EPROTO/.test(code) || /alert|certificate required/i.test(e.message ?? '')) {
    const fix = target.hasClientCert
      ? 'check that PIX_CERT_PATH and PIX_CERT_KEY_PATH hold the certificate registered with the provider'
      : 'the provider requires mutual TLS: set PIX_CERT_PATH and PIX_CERT_KEY_PATH';
    return new PixProviderError(
      'auth',
      `Pix provider at ${target.origin} refused the TLS connection (${code || e.message}) — ${fix}`,
      { cause: error },
    );
  }
  const cause = NETWORK_CAUSES[code] ?? (e.message || 'network error');
  // a provider that dislikes our client certificate may just drop the connection after the handshake
  let hint = '';
  if (code === 'ECONNRESET') {
    hint = target.hasClientCert
      ? '; if it requires mutual TLS, check that PIX_CERT_PATH and PIX_CERT_KEY_PATH hold the certificate registered with the provider'
      : '; if it requires mutual TLS, set PIX_CERT_PATH and PIX_CERT_KEY_PATH';
  }
  return new PixProviderError(
    'unreachable',
    `Pix provider unreachable at ${target.origin}: ${cause}${code ? ` (${code})` : ''} — check PIX_API_URL and that the provider is up${hint}`,
    { cause: error },
  );
}

function readProblem(response: WireResponse): {
  providerMessage?: string;
  violations: PixViolation[];
  correlationId?: string;
} {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    const text = response.body.replace(/\s+/g, ' ').trim().slice(0, 200);
    return text ? { providerMessage: text, violations: [] } : { violations: [] };
  }
  const problem = ProblemWireSchema.safeParse(json);
  if (!problem.success) return { violations: [] };
  const p = problem.data;
  const violations = (p.violacoes ?? []).map(
    (v): PixViolation => ({
      reason: v.razao ?? 'no reason given',
      ...(v.propriedade ? { property: v.propriedade } : {}),
      ...(v.valor !== undefined ? { value: String(v.valor) } : {}),
    }),
  );
  const head = [p.title, p.detail ?? p.error_description ?? p.error].filter(Boolean).join(': ');
  const listed = violations.map((v) => (v.property ? `${v.property}: ${v.reason}` : v.reason)).join('; ');
  const providerMessage = [head, listed && `(${listed})`].filter(Boolean).join(' ');
  return {
    ...(providerMessage ? { providerMessage } : {}),
    violations,
    ...(p.correlationId ? { correlationId: p.correlationId } : {}),
  };
}

function httpError(response: WireResponse, label: string, origin: string): PixProviderError {
  const problem = readProblem(response);
  const status = response.status;
  const said = problem.providerMessage ? `: ${problem.providerMessage}` : '';
  const details = { status, ...problem };
  if (status === 401 || status === 403) {
    return new PixProviderError(
      'auth',
      `Pix provider denied ${label} (${status}${said}) — check that the application registered with the provider has the scopes this call needs (cob.write, cob.read, pix.write, pix.read, webhook.write) and that PIX_KEY belongs to that account`,
      details,
    );
  }
  if (status === 502 || status === 503 || status === 504) {
    return new PixProviderError(
      'unreachable',
      `Pix provider at ${origin} is unavailable (${status}${said}) for ${label} — it is down or in maintenance; retry later`,
      details,
    );
  }
  if (status >= 400 && status < 500) {
    return new PixProviderError(
      'rejected',
      `Pix provider rejected ${label} (${status}${said}) — the request breaks one of the provider's rules; see the violations`,
      details,
    );
  }
  return new PixProviderError(
    'unexpected',
    `Pix provider answered ${label} with HTTP ${status}${said} — unexpected; retry later and report it to the provider if it persists`,
    details,
  );
}

function parseBody<T>(schema: z.ZodType<T>, response: WireResponse, label: string): T {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw new PixProviderError(
      'unexpected',
      `Pix provider answered ${label} with a body that is not JSON — check PIX_API_URL and PIX_API_PREFIX (a web page instead of the API?)`,
      { status: response.status },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new PixProviderError(
      'unexpected',
      `Pix provider answered ${label} with a body that does not follow API Pix v2 (${issues}) — report it to the provider`,
      { status: response.status },
    );
  }
  return parsed.data;
}

function readPem(path: string | undefined, variable: string): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'read error';
    throw new Error(`cannot read ${variable} at ${path} (${code}) — check ${variable}`);
  }
}

function createAgent(config: PixApiConfig): https.Agent {
  if (config.keyPath && !config.certPath) {
    throw new Error('PIX_CERT_KEY_PATH is set without PIX_CERT_PATH — set both for mutual TLS');
  }
  const cert = readPem(config.certPath, 'PIX_CERT_PATH');
  const key = readPem(config.keyPath, 'PIX_CERT_KEY_PATH') ?? cert;
  const ca = readPem(config.caPath, 'PIX_CA_PATH');
  return new https.Agent({
    keepAlive: true,
    maxSockets: 8,
    minVersion: 'TLSv1.2',
    ...(cert ? { cert, key } : {}),
    ...(ca ? { ca } : {}),
  });
}

function createTokenSource(
  config: PixApiConfig,
  exchange: (request: WireRequest, label: string) => Promise<WireResponse>,
  now: () => number,
) {
  const tokenUrl = new URL(config.tokenUrl ?? `${config.baseUrl.replace(/\/+$/, '')}/oauth/token`);
  const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
  let cached: { value: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (config.scope) form.set('scope', config.scope);
    const label = `POST ${tokenUrl.pathname}`;
    const response = await exchange(
      {
        method: 'POST',
        url: tokenUrl,
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
      },
      label,
    );
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      const problem = readProblem(response);
      const said = problem.providerMessage ? `: ${problem.providerMessage}` : '';
      throw new PixProviderError(
        'auth',
        `Pix provider refused the client credentials at ${tokenUrl.origin}${tokenUrl.pathname} (${response.status}${said}) — check PIX_CLIENT_ID and PIX_CLIENT_SECRET (and PIX_TOKEN_URL, PIX_CERT_PATH)`,
        { status: response.status, ...problem },
      );
    }
    if (response.status < 200 || response.status >= 300) throw httpError(response, label, tokenUrl.origin);
    const token = parseBody(TokenWireSchema, response, label);
    const lifetimeMs = (token.expires_in ?? 60) * 1000;
    // renew a little early: a tenth of the lifetime, at most a minute
    cached = { value: token.access_token, refreshAt: now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
    return token.access_token;
  }

  return {
    get(): Promise<string> {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.value);
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(value: string): void {
      if (cached?.value === value) cached = undefined;
    },
  };
}

export function createPixApi(config: PixApiConfig, deps: { now?: () => number } = {}): PixApi {
  const now = deps.now ?? Date.now;
  const base = new URL(config.baseUrl);
  if (base.protocol !== 'https:') {
    throw new Error(`PIX_API_URL must be an https:// address, got ${base.protocol}//${base.host}`);
  }
  const root = config.baseUrl.replace(/\/+$/, '');
  const prefix = config.apiPrefix ?? '/v2';
  const timeoutMs = config.timeoutMs ?? 10_000;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new Error(`PIX_TIMEOUT_MS must be a whole number of milliseconds above 0, got ${timeoutMs}`);
  }
  const agent = createAgent(config);
  const hasClientCert = Boolean(config.certPath);

  async function exchange(request: WireRequest, label: string): Promise<WireResponse> {
    try {
      return await send(agent, request, timeoutMs);
    } catch (error) {
      throw networkError(error, { origin: request.url.origin, label, timeoutMs, hasClientCert });
    }
  }

  const tokens = createTokenSource(config, exchange, now);

  async function call(
    method: 'GET' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<{ response: WireResponse; label: string }> {
    const url = new URL(`${root}${prefix}${path}`);
    const label = `${method} ${url.pathname}`;
    const attempt = async (token: string) =>
      exchange(
        {
          method,
          url,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
        label,
      );
    const token = await tokens.get();
    let response = await attempt(token);
    if (response.status === 401) {
      // the token expired or was revoked early: one fresh token, one more try
      tokens.invalidate(token);
      response = await attempt(await tokens.get());
    }
    if (response.status < 200 || response.status >= 300) throw httpError(response, label, url.origin);
    return { response, label };
  }

  const refundPath = (endToEndId: string, refundId: string) => `/pix/${endToEndId}/devolucao/${refundId}`;

  return {
    async createCharge(input) {
      const { response, label } = await call('PUT', `/cob/${input.txid}`, chargeBody(input, config.pixKey));
      return parseBody(CobWireSchema, response, label);
    },
    async getCharge(txid) {
      check(PIX_TXID_PATTERN.test(txid), 'txid', `must match ${PIX_TXID_PATTERN.source}`);
      const { response, label } = await call('GET', `/cob/${txid}`);
      return parseBody(CobWireSchema, response, label);
    },
    async configureWebhook(webhookUrl) {
      check(URL.canParse(webhookUrl), 'webhookUrl', 'must be an absolute URL');
      await call('PUT', `/webhook/${encodeURIComponent(config.pixKey)}`, { webhookUrl });
    },
    async refund(input) {
      checkRefundIds(input.endToEndId, input.refundId);
      checkAmount(input.amountCents, 'amountCents');
      check((input.reason ?? '').length <= 140, 'reason', 'must have at most 140 characters');
      const { response, label } = await call('PUT', refundPath(input.endToEndId, input.refundId), {
        valor: formatPixAmount(input.amountCents),
        ...(input.reason ? { descricao: input.reason } : {}),
      });
      return parseBody(RefundWireSchema, response, label);
    },
    async getRefund(endToEndId, refundId) {
      checkRefundIds(endToEndId, refundId);
      const { response, label } = await call('GET', refundPath(endToEndId, refundId));
      return parseBody(RefundWireSchema, response, label);
    },
    close() {
      agent.destroy();
    },
  };
}
