import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakePsp, startFakePsp } from './fake-psp.js';
import {
  type CreatePixChargeInput,
  createPixApi,
  type PixApi,
  type PixApiConfig,
  PixInputError,
  PixProviderError,
} from './pix-api.js';
import { formatPixAmount, parsePixAmount } from './pix-wire.js';

const CPF = '52998224725';
const newTxid = () => randomBytes(16).toString('hex');
const charge = (overrides: Partial<CreatePixChargeInput> = {}): CreatePixChargeInput => ({
  txid: newTxid(),
  amountCents: 10_000,
  expiresInSeconds: 3600,
  ...overrides,
});

const opened: PixApi[] = [];
function open(config: PixApiConfig, deps?: { now?: () => number }): PixApi {
  const api = createPixApi(config, deps);
  opened.push(api);
  return api;
}
afterEach(() => {
  for (const api of opened.splice(0)) api.close();
});

function configFor(psp: FakePsp, overrides: Partial<PixApiConfig> = {}): PixApiConfig {
  return {
    baseUrl: psp.url,
    clientId: psp.clientId,
    clientSecret: psp.clientSecret,
    caPath: psp.caPath,
    pixKey: psp.pixKey,
    timeoutMs: 3000,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<PixProviderError> {
  const error = await promise.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PixProviderError);
  const e = error as PixProviderError;
  expect(e.message).not.toMatch(/undefined|null|\[object/);
  return e;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Pix amounts on the wire', () => {
  it.each([
    [1, '0.01'],
    [10, '0.10'],
    [1000, '10.00'],
    [123_450, '1234.50'],
    [0, '0.00'],
    [999_999_999_999, '9999999999.99'],
  ])('writes %i cents as "%s" and reads it back exactly', (cents, text) => {
    expect(formatPixAmount(cents)).toBe(text);
    expect(parsePixAmount(text)).toBe(cents);
  });

  it.each([
    '10',
    '10.5',
    '10.500',
    '1,00',
    '-1.00',
    ' 1.00',
    '1.00 ',
    '12345678901.00',
    '1e2',
    '.50',
    '',
  ])('refuses "%s", which the spec pattern \\d{1,10}\\.\\d{2} does not allow', (text) => {
    expect(parsePixAmount(text)).toBeNull();
  });

  it.each([1.5, -1, 1e12, Number.NaN])('refuses to write %s cents', (cents) => {
    expect(() => formatPixAmount(cents)).toThrow(RangeError);
  });
});

describe('Pix API adapter against the fake provider', () => {
  let psp: FakePsp;
  beforeAll(async () => {
    psp = await startFakePsp();
  });
  afterAll(async () => {
    await psp.close();
  });

  it('gets a token with HTTP Basic and client_credentials, and reuses it until shortly before it expires', async () => {
    const clock = { now: Date.now() };
    const api = open(configFor(psp), { now: () => clock.now });
    const before = psp.state.tokensIssued;
    const { txid } = await api.createCharge(charge());
    await api.getCharge(txid);
    expect(psp.state.tokensIssued).toBe(before + 1);

    const tokenRequest = psp.state.requests.findLast((r) => r.path === '/oauth/token');
    expect(tokenRequest?.method).toBe('POST');
    expect(tokenRequest?.headers.authorization).toBe(
      `Basic ${Buffer.from('fake-client-id:fake-client-secret').toString('base64')}`,
    );
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest?.body).toEqual({ grant_type: 'client_credentials' });

    // the fake's tokens live 3600 s; the adapter renews one minute early
    clock.now += 3_539_000;
    await api.getCharge(txid);
    expect(psp.state.tokensIssued).toBe(before + 1);
    clock.now += 2000;
    await api.getCharge(txid);
    expect(psp.state.tokensIssued).toBe(before + 2);
  });

  it('asks for one new token when the provider answers 401, and retries the call with it', async () => {
    const api = open(configFor(psp));
    const { txid } = await api.createCharge(charge());
    const before = psp.state.tokensIssued;
    psp.revokeTokens();
    await expect(api.getCharge(txid)).resolves.toMatchObject({ txid, status: 'ATIVA' });
    expect(psp.state.tokensIssued).toBe(before + 1);
  });

  it('fails with kind auth when the provider refuses even a fresh token, after a single refresh', async () => {
    const api = open(configFor(psp));
    const { txid } = await api.createCharge(charge());
    const before = psp.state.tokensIssued;
    psp.fail({ kind: 'status', status: 401 }, { times: 2 });
    const error = await failure(api.getCharge(txid));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(psp.state.tokensIssued).toBe(before + 1);
  });

  it('names PIX_CLIENT_ID and PIX_CLIENT_SECRET when the provider refuses the credentials', async () => {
    const api = open(configFor(psp, { clientSecret: 'wrong' }));
    const error = await failure(api.createCharge(charge()));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.providerMessage).toContain('Credenciais do cliente inválidas');
    expect(error.message).toContain('PIX_CLIENT_ID and PIX_CLIENT_SECRET');
    expect(error.message).not.toContain('wrong');
  });

  it('creates a charge with PUT /v2/cob/{txid}, the amount as a 2-decimal string, and maps the answer', async () => {
    const api = open(configFor(psp));
    const txid = newTxid();
    const created = await api.createCharge({
      txid,
      amountCents: 123_450,
      expiresInSeconds: 1800,
      debtor: { cpf: '529.982.247-25', name: ' Maria Souza ' },
      payerRequest: 'OS 1234',
      infoAdicionais: [{ name: 'OS', value: '1234' }],
    });
    expect(created).toMatchObject({
      txid,
      status: 'ATIVA',
      revision: 0,
      amountCents: 123_450,
      expiresInSeconds: 1800,
      payments: [],
    });
    expect(created.location).toMatch(/^127\.0\.0\.1:\d+\/qr\/v2\/[0-9a-f]{32}$/);
    expect(created.pixCopiaECola).toMatch(/^000201.*6304[0-9A-F]{4}$/);
    expect(created.createdAt).toBeInstanceOf(Date);

    const received = psp.state.requests.findLast((r) => r.method === 'PUT');
    expect(received?.path).toBe(`/v2/cob/${txid}`);
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers.authorization).toMatch(/^Bearer .+/);
    expect(received?.body).toEqual({
      calendario: { expiracao: 1800 },
      devedor: { cpf: CPF, nome: 'Maria Souza' },
      valor: { original: '1234.50' },
      chave: psp.pixKey,
      solicitacaoPagador: 'OS 1234',
      infoAdicionais: [{ nome: 'OS', valor: '1234' }],
    });
  });

  it('gets the same charge back for a retried PUT, and the provider violations for another amount on that txid', async () => {
    const api = open(configFor(psp));
    const first = await api.createCharge(charge({ amountCents: 5000 }));
    const again = await api.createCharge(charge({ txid: first.txid, amountCents: 5000 }));
    expect(again.location).toBe(first.location);

    const error = await failure(api.createCharge(charge({ txid: first.txid, amountCents: 5001 })));
    expect(error).toMatchObject({ kind: 'rejected', status: 400 });
    expect(error.violations).toEqual([
      { reason: 'O txid já foi utilizado em outra cobrança.', property: 'cob.txid', value: first.txid },
    ]);
    expect(error.providerMessage).toContain('Cobrança inválida.');
    expect(error.message).toContain('cob.txid: O txid já foi utilizado em outra cobrança.');
    expect(error.isRetryable).toBe(false);
  });

  it("surfaces the problem+json detail and violations, as for a Pix key that is not the account's", async () => {
    const api = open(configFor(psp, { pixKey: 'someone-else@example.com' }));
    const error = await failure(api.createCharge(charge()));
    expect(error).toMatchObject({ kind: 'rejected', status: 400 });
    expect(error.providerMessage).toMatch(
      /^Cobrança inválida\.: A requisição .* \(cob\.chave: A chave não pertence/,
    );
    expect(error.violations[0]).toMatchObject({ property: 'cob.chave', value: 'someone-else@example.com' });
  });

  it.each([
    ['a txid shorter than 26 characters', { txid: 'abc123' }, 'txid'],
    ['a txid with a hyphen', { txid: `${'a'.repeat(30)}-1` }, 'txid'],
    ['an amount of zero', { amountCents: 0 }, 'amountCents'],
    ['a fraction of a cent', { amountCents: 10.5 }, 'amountCents'],
    ['a negative amount', { amountCents: -100 }, 'amountCents'],
    ['no expiry', { expiresInSeconds: 0 }, 'expiresInSeconds'],
    ['an invalid CPF', { debtor: { cpf: '12345678900', name: 'Ana' } }, 'debtor.cpf'],
    ['both CPF and CNPJ', { debtor: { cpf: CPF, cnpj: '11222333000181', name: 'Ana' } }, 'debtor'],
    ['a debtor without a name', { debtor: { cpf: CPF, name: ' ' } }, 'debtor.name'],
    ['a payer request over 140 characters', { payerRequest: 'x'.repeat(141) }, 'payerRequest'],
  ] as const)('refuses %s before calling the provider', async (_, overrides, field) => {
    const api = open(configFor(psp));
    const before = psp.state.requests.length;
    const error = await api.createCharge(charge(overrides)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PixInputError);
    expect(error).toMatchObject({ field });
    expect(psp.state.requests.length).toBe(before);
  });

  it('reads a paid charge with the Pix received', async () => {
    const api = open(configFor(psp));
    const { txid } = await api.createCharge(charge({ amountCents: 4990 }));
    const { pix } = await psp.pay(txid, { payerInfo: 'Pagamento da OS 77' });
    const paid = await api.getCharge(txid);
    expect(paid.status).toBe('CONCLUIDA');
    expect(paid.payments).toEqual([
      {
        endToEndId: pix.endToEndId,
        txid,
        amountCents: 4990,
        paidAt: pix.paidAt,
        payerInfo: 'Pagamento da OS 77',
        refunds: [],
      },
    ]);
    // E + ISPB + yyyyMMddHHmm + 11 alphanumerics
    expect(pix.endToEndId).toMatch(/^E12345678\d{12}[a-zA-Z0-9]{11}$/);
  });

  it('rejects an unknown txid with the provider 404', async () => {
    const api = open(configFor(psp));
    const error = await failure(api.getCharge(newTxid()));
    expect(error).toMatchObject({ kind: 'rejected', status: 404 });
    expect(error.providerMessage).toContain('não encontrada');
  });

  it('configures the webhook with PUT /v2/webhook/{key}, the key escaped in the path', async () => {
    const api = open(configFor(psp));
    await api.configureWebhook('https://shop.example.com/api/webhooks/pix/s3cret');
    expect(psp.state.webhooks.get(psp.pixKey)).toBe('https://shop.example.com/api/webhooks/pix/s3cret');
    const received = psp.state.requests.findLast((r) => r.method === 'PUT');
    expect(received?.path).toBe('/v2/webhook/pix%40bancada.test');
    expect(received?.body).toEqual({ webhookUrl: 'https://shop.example.com/api/webhooks/pix/s3cret' });
    psp.state.webhooks.clear();
  });

  it('refunds part, then the rest, and refuses to refund more than was paid', async () => {
    const api = open(configFor(psp));
    const { txid } = await api.createCharge(charge({ amountCents: 10_000 }));
    const { pix } = await psp.pay(txid);

    const first = await api.refund({
      endToEndId: pix.endToEndId,
      refundId: 'r1',
      amountCents: 3000,
      reason: 'Peça devolvida',
    });
    expect(first).toMatchObject({ id: 'r1', status: 'EM_PROCESSAMENTO', amountCents: 3000 });
    expect(first.rtrId).toMatch(/^D12345678\d{12}[a-zA-Z0-9]{11}$/);
    expect(first.requestedAt).toBeInstanceOf(Date);
    const received = psp.state.requests.findLast((r) => r.method === 'PUT');
    expect(received?.path).toBe(`/v2/pix/${pix.endToEndId}/devolucao/r1`);
    expect(received?.body).toEqual({ valor: '30.00', descricao: 'Peça devolvida' });

    await expect(
      api.refund({ endToEndId: pix.endToEndId, refundId: 'r2', amountCents: 7000 }),
    ).resolves.toMatchObject({ id: 'r2', amountCents: 7000 });
    const over = await failure(api.refund({ endToEndId: pix.endToEndId, refundId: 'r3', amountCents: 1 }));
    expect(over).toMatchObject({ kind: 'rejected', status: 400 });
    expect(over.providerMessage).toContain('excede o valor disponível para devolução (0.00)');

    await psp.settleRefund(pix.endToEndId, 'r1');
    const settled = await api.getRefund(pix.endToEndId, 'r1');
    expect(settled).toMatchObject({ id: 'r1', status: 'DEVOLVIDO', amountCents: 3000 });
    expect(settled.settledAt).toBeInstanceOf(Date);
    const charged = await api.getCharge(txid);
    expect(charged.payments[0]?.refunds.map((r) => [r.id, r.status])).toEqual([
      ['r1', 'DEVOLVIDO'],
      ['r2', 'EM_PROCESSAMENTO'],
    ]);
  });

  it('refunds a whole payment at once, and not a cent more', async () => {
    const api = open(configFor(psp));
    const { txid } = await api.createCharge(charge({ amountCents: 2550 }));
    const { pix } = await psp.pay(txid);
    const over = await failure(
      api.refund({ endToEndId: pix.endToEndId, refundId: 'big', amountCents: 2551 }),
    );
    expect(over.providerMessage).toContain('excede o valor disponível para devolução (25.50)');
    await expect(
      api.refund({ endToEndId: pix.endToEndId, refundId: 'all', amountCents: 2550 }),
    ).resolves.toMatchObject({ id: 'all', amountCents: 2550 });
  });

  it('checks refund identifiers before calling the provider', async () => {
    const api = open(configFor(psp));
    const e2e = `E12345678202601011200${'a'.repeat(11)}`;
    await expect(api.refund({ endToEndId: 'E123', refundId: 'r1', amountCents: 1 })).rejects.toThrow(
      PixInputError,
    );
    await expect(api.refund({ endToEndId: e2e, refundId: 'r-1', amountCents: 1 })).rejects.toThrow(
      /refundId/,
    );
    await expect(api.refund({ endToEndId: e2e, refundId: 'x'.repeat(36), amountCents: 1 })).rejects.toThrow(
      PixInputError,
    );
  });

  it('reports a provider that is down (closed port) as unreachable, naming PIX_API_URL', async () => {
    const port = await freePort();
    const api = open(configFor(psp, { baseUrl: `https://127.0.0.1:${port}` }));
    const error = await failure(api.createCharge(charge()));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      `Pix provider unreachable at https://127.0.0.1:${port}: connection refused (ECONNREFUSED) — check PIX_API_URL and that the provider is up`,
    );
    expect(error.isRetryable).toBe(true);
  });

  it('gives up after timeoutMs on a slow provider, with kind timeout', async () => {
    const api = open(configFor(psp, { timeoutMs: 200 }));
    psp.fail({ kind: 'slow', delayMs: 2000 }, { on: 'any' });
    const error = await failure(api.createCharge(charge()));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer POST \/oauth\/token within 200 ms .* PIX_TIMEOUT_MS/);
  });

  it('reports connections the provider keeps closing as unreachable', async () => {
    const api = open(configFor(psp));
    const { txid } = await api.createCharge(charge());
    psp.fail({ kind: 'close' }, { times: 2 });
    const error = await failure(api.getCharge(txid));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('connection closed by the provider (ECONNRESET)');
  });

  it('tries once more on a new connection when the provider closed a kept-alive one', async () => {
    const api = open(configFor(psp));
    const { txid } = await api.createCharge(charge());
    psp.fail({ kind: 'close' });
    await expect(api.getCharge(txid)).resolves.toMatchObject({ txid });
  });

  it('tells a provider in maintenance (503, retryable) from an internal error (500)', async () => {
    const api = open(configFor(psp));
    const { txid } = await api.createCharge(charge());
    psp.fail({ kind: 'status', status: 503 });
    const unavailable = await failure(api.getCharge(txid));
    expect(unavailable).toMatchObject({ kind: 'unreachable', status: 503, isRetryable: true });
    expect(unavailable.message).toContain('Falha simulada pelo PSP');
    psp.fail({ kind: 'status', status: 500 });
    const broken = await failure(api.getCharge(txid));
    expect(broken).toMatchObject({ kind: 'unexpected', status: 500, isRetryable: true });
  });

  it('reports a web page instead of the API as unexpected, naming PIX_API_URL and PIX_API_PREFIX', async () => {
    const api = open(configFor(psp));
    await api.createCharge(charge());
    psp.fail({ kind: 'body', status: 200, body: '<html>Portal</html>' });
    const error = await failure(api.createCharge(charge()));
    expect(error.kind).toBe('unexpected');
    expect(error.message).toContain('PIX_API_PREFIX');
  });

  it("names PIX_CA_PATH when the provider's certificate is not trusted", async () => {
    const api = open(configFor(psp, { caPath: undefined }));
    const error = await failure(api.createCharge(charge()));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('set PIX_CA_PATH');
  });

  it('accepts only an https:// provider address', () => {
    expect(() => createPixApi(configFor(psp, { baseUrl: 'http://127.0.0.1:1' }))).toThrow(/https/);
  });
});

describe('Pix API adapter and a provider that requires mutual TLS', () => {
  let psp: FakePsp;
  beforeAll(async () => {
    psp = await startFakePsp({ mtls: true });
  });
  afterAll(async () => {
    await psp.close();
  });

  it('fails with kind auth, naming PIX_CERT_PATH, without a client certificate', async () => {
    const api = open(configFor(psp));
    const error = await failure(api.createCharge(charge()));
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('set PIX_CERT_PATH and PIX_CERT_KEY_PATH');
  });

  it('fails, naming PIX_CERT_PATH, when the client certificate is not one the provider trusts', async () => {
    const api = open(
      configFor(psp, { certPath: psp.pki.foreign.certPath, keyPath: psp.pki.foreign.keyPath }),
    );
    const error = await failure(api.createCharge(charge()));
    // Node's TLS server (like many) drops the connection after a TLS 1.3 handshake instead of an alert
    expect(['auth', 'unreachable']).toContain(error.kind);
    expect(error.message).toContain('check that PIX_CERT_PATH and PIX_CERT_KEY_PATH hold the certificate');
  });

  it('works with the client certificate, also from one PEM that holds certificate and key', async () => {
    const api = open(configFor(psp, { certPath: psp.clientCertPath, keyPath: psp.clientKeyPath }));
    await expect(api.createCharge(charge())).resolves.toMatchObject({ status: 'ATIVA' });
    expect(psp.state.requests.at(-1)?.hasClientCert).toBe(true);
    const combined = open(configFor(psp, { certPath: psp.pki.clientCombinedPath }));
    await expect(combined.createCharge(charge())).resolves.toMatchObject({ status: 'ATIVA' });
  });

  it('reports an unreadable certificate file at start, naming the variable', () => {
    expect(() => createPixApi(configFor(psp, { certPath: '/nonexistent/cert.pem' }))).toThrow(
      'cannot read PIX_CERT_PATH at /nonexistent/cert.pem (ENOENT) — check PIX_CERT_PATH',
    );
  });
});
