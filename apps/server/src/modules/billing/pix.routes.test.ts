import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { InvoiceSchema, parsePixPayload } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedInvoice } from '../../../test/billing.js';
import { createTestApp, runCli, type TestApp } from '../../../test/helpers.js';
import { type FakePsp, startFakePsp } from './pix/fake-psp.js';

const SECRET = 'w'.repeat(40);
let psp: FakePsp;
let t: TestApp;
let base: string;

beforeAll(async () => {
  psp = await startFakePsp({ mtls: true });
  t = await createTestApp({
    config: {
      pix: {
        baseUrl: psp.url,
        clientId: psp.clientId,
        clientSecret: psp.clientSecret,
        pixKey: psp.pixKey,
        caPath: psp.caPath,
        certPath: psp.clientCertPath,
        keyPath: psp.clientKeyPath,
        timeoutMs: 3000,
        chargeExpirySeconds: 3600,
      },
      pixWebhook: {
        auth: 'secret',
        secret: SECRET,
        hmacSecret: undefined,
        hmacHeader: 'x-signature',
        certFingerprints: [],
      },
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // what an installation does once: tell the provider where to call (it appends /pix)
  await t.app.services.pixApi!.configureWebhook(`${base}/api/webhooks/pix/${SECRET}`);
});
afterAll(async () => {
  await t.close();
  await psp.close();
});

const invoice = async (id: string) =>
  InvoiceSchema.parse((await t.request('GET', `/api/invoices/${id}`, { token: t.adminToken })).json());

function callback(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('dynamic Pix through the provider (fake PSP over mTLS)', () => {
  it('charges the balance, the payer pays, the webhook marks the invoice paid exactly once', async () => {
    const inv = await finishedInvoice(t, { parts: 1 }); // 450.00
    const res = await t.request('GET', `/api/invoices/${inv.id}/pix`, { token: t.adminToken });
    expect(res.statusCode, res.body).toBe(200);
    const pix = res.json();
    expect(pix).toMatchObject({ dynamic: true, amount: 450 });
    expect(pix.txid).toMatch(/^[A-Za-z0-9]{26,35}$/);
    const parsed = parsePixPayload(pix.payload);
    expect(parsed.ok && parsed.kind).toBe('dynamic');
    // the same balance reuses the same charge
    const again = (await t.request('GET', `/api/invoices/${inv.id}/pix`, { token: t.adminToken })).json();
    expect(again.txid).toBe(pix.txid);
    expect(psp.state.cobs.size).toBeGreaterThanOrEqual(1);

    const { callback: delivered, pix: paid } = await psp.pay(pix.txid);
    expect(delivered?.status).toBe(200);
    const after = await invoice(inv.id);
    expect(after).toMatchObject({ status: 'PAID', paid: 450, balance: 0 });
    expect(after.payments).toHaveLength(1);
    expect(after.payments[0]).toMatchObject({ method: 'PIX', reference: paid.endToEndId, flagged: false });

    // the provider retries the very same callback, five at once: nothing is recorded twice
    const replays = await Promise.all(
      Array.from({ length: 5 }, () => callback(delivered!.url, JSON.parse(delivered!.body))),
    );
    expect(replays.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await invoice(inv.id)).payments).toHaveLength(1);
  });

  it('rejects forged callbacks (wrong secret) with 401 and changes nothing', async () => {
    const inv = await finishedInvoice(t);
    const pix = (await t.request('GET', `/api/invoices/${inv.id}/pix`, { token: t.adminToken })).json();
    const body = {
      pix: [
        {
          endToEndId: 'E12345678202612021200abcdefghijk',
          txid: pix.txid,
          valor: '150.00',
          horario: new Date().toISOString(),
        },
      ],
    };
    const forged = await callback(`${base}/api/webhooks/pix/${'x'.repeat(40)}/pix`, body);
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: 'Unauthorized' });
    const noSecret = await callback(`${base}/api/webhooks/pix/pix`, body);
    expect(noSecret.status).toBe(401);
    expect((await invoice(inv.id)).paid).toBe(0);
    const malformed = await callback(`${base}/api/webhooks/pix/${SECRET}/pix`, {
      pix: [{ txid: 'x', valor: '1,00' }],
    });
    expect(malformed.status).toBe(400);
  });

  it('records and flags a Pix paid with another amount than charged', async () => {
    const inv = await finishedInvoice(t);
    const pix = (await t.request('GET', `/api/invoices/${inv.id}/pix`, { token: t.adminToken })).json();
    await psp.pay(pix.txid, { amountCents: 10000 });
    const after = await invoice(inv.id);
    expect(after).toMatchObject({ status: 'PARTIALLY_PAID', paid: 100, balance: 50 });
    expect(after.payments[0]).toMatchObject({ flagged: true, flagReason: 'amount_differs_from_charge' });
  });

  it('refunds a provider Pix through the provider; its callback settles the refund, a refusal gives the money back', async () => {
    const inv = await finishedInvoice(t);
    const pix = (await t.request('GET', `/api/invoices/${inv.id}/pix`, { token: t.adminToken })).json();
    await psp.pay(pix.txid);
    const payment = (await invoice(inv.id)).payments[0]!;
    const refundOf = async (amount: number) => {
      const res = await t.request('POST', `/api/payments/${payment.id}/refund`, {
        token: t.adminToken,
        body: { amount, reason: 'Cobrança em duplicidade' },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const first = await refundOf(50);
    expect(first.status).toBe('PROCESSING');
    expect(
      psp.state.requests.filter((r) => r.method === 'PUT' && r.path.includes('/devolucao/')),
    ).toHaveLength(1);
    expect(await invoice(inv.id)).toMatchObject({ paid: 100, status: 'PARTIALLY_PAID' });
    // the provider returns the money and says so in its callback
    await psp.settleRefund(payment.reference!, first.id.replaceAll('-', ''), 'DEVOLVIDO');
    expect((await invoice(inv.id)).refunds[0]).toMatchObject({ id: first.id, status: 'COMPLETED' });
    // a second refund the provider could not make: the amount counts as paid again
    const second = await refundOf(30);
    expect(await invoice(inv.id)).toMatchObject({ paid: 70 });
    await psp.settleRefund(payment.reference!, second.id.replaceAll('-', ''), 'NAO_REALIZADO');
    const after = await invoice(inv.id);
    expect(after.refunds.find((r) => r.id === second.id)?.status).toBe('FAILED');
    expect(after).toMatchObject({ paid: 100 });
    expect(after.payments[0]?.refunded).toBe(50);
  });

  it('serves the static code when the provider is down, so the customer can still pay', async () => {
    const inv = await finishedInvoice(t);
    const org = (await t.request('GET', '/api/organization', { token: t.adminToken })).json();
    await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { pixKey: 'pix@oficina.test', pixKeyType: 'EMAIL' },
      headers: { 'if-match': `"${org.version}"` },
    });
    psp.fail({ kind: 'status', status: 503 }, { times: 1 });
    const res = await t.request('GET', `/api/invoices/${inv.id}/pix`, { token: t.adminToken });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dynamic: false, txid: inv.pixTxid, amount: 150 });
  });
});

describe('webhook with an HMAC signature', () => {
  it('accepts a correctly signed body and refuses a wrong signature', async () => {
    const hmac = await createTestApp({
      config: {
        pixWebhook: {
          auth: 'hmac',
          secret: undefined,
          hmacSecret: 'h'.repeat(32),
          hmacHeader: 'x-signature',
          certFingerprints: [],
        },
      },
    });
    try {
      const inv = await finishedInvoice(hmac);
      const body = JSON.stringify({
        pix: [
          {
            endToEndId: 'E12345678202612021201abcdefghijk',
            txid: inv.pixTxid,
            valor: '150.00',
            horario: '2026-12-02T12:01:00-03:00',
          },
        ],
      });
      const sign = (raw: string) => createHmac('sha256', 'h'.repeat(32)).update(raw).digest('hex');
      const bad = await hmac.app.inject({
        method: 'POST',
        url: '/api/webhooks/pix/pix',
        headers: { 'content-type': 'application/json', 'x-signature': sign(`${body} `) },
        payload: body,
      });
      expect(bad.statusCode).toBe(401);
      const good = await hmac.app.inject({
        method: 'POST',
        url: '/api/webhooks/pix/pix',
        headers: { 'content-type': 'application/json', 'x-signature': sign(body) },
        payload: body,
      });
      expect(good.statusCode, good.body).toBe(200);
      expect(good.json()).toEqual({ recorded: 1, duplicates: 0, unknown: 0 });
      const after = InvoiceSchema.parse(
        (await hmac.request('GET', `/api/invoices/${inv.id}`, { token: hmac.adminToken })).json(),
      );
      expect(after).toMatchObject({ status: 'PAID', paid: 150 });
    } finally {
      await hmac.close();
    }
  });
});

describe('npm run cli -- pix-webhook', () => {
  it('registers {PUBLIC_URL}/api/webhooks/pix/{secret} at the provider, and says so when no provider is set', async () => {
    const none = await runCli(['pix-webhook'], t.url);
    expect(none.exitCode).toBe(1);
    const env: Record<string, string> = {
      PIX_API_URL: psp.url,
      PIX_CLIENT_ID: psp.clientId,
      PIX_CLIENT_SECRET: psp.clientSecret,
      PIX_KEY: psp.pixKey,
      PIX_CA_PATH: psp.caPath,
      PIX_CERT_PATH: psp.clientCertPath,
      PIX_CERT_KEY_PATH: psp.clientKeyPath,
      PIX_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: 'https://oficina.example.com.br',
    };
    Object.assign(process.env, env);
    try {
      const done = await runCli(['pix-webhook'], t.url);
      expect(done.exitCode, done.stdout).toBe(0);
      expect(done.stdout).toContain('Pix webhook registered');
      expect(done.stdout).not.toContain(SECRET);
      expect([...psp.state.webhooks.values()]).toContain(
        `https://oficina.example.com.br/api/webhooks/pix/${SECRET}`,
      );
    } finally {
      for (const name of Object.keys(env)) delete process.env[name];
    }
  });
});
