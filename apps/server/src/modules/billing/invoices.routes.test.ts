import { InvoiceSchema, parsePixPayload, RepairSchema } from '@bancada/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finish, finishedInvoice, invoiceOfRepair, orderForInvoice, pay } from '../../../test/billing.js';
import { createCustomer, customerLogin } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { createComponent } from '../../../test/inventory.js';
import { createRepair } from '../../../test/repairs.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.request('GET', url, { token: t.adminToken });
const plain = (text: string) => text.replace(/\u00a0/g, ' ');
const invoice = async (id: string) => InvoiceSchema.parse((await get(`/api/invoices/${id}`)).json());

describe('invoices from finished orders', () => {
  it('issues the invoice in the FINALIZADO transaction: one line per labor and part, totals equal to the order', async () => {
    const { repair } = await orderForInvoice(t, { parts: 2, discount: 50 });
    await expect(invoiceOfRepair(t, repair.id)).rejects.toThrow(/404/);
    await finish(t, repair.id);
    const order = RepairSchema.parse((await get(`/api/repairs/${repair.id}`)).json());
    const inv = await invoiceOfRepair(t, repair.id);
    expect(inv).toMatchObject({
      kind: 'ORDER',
      status: 'OPEN',
      repairId: repair.id,
      repairNumber: repair.number,
      customerId: repair.userId,
      customerName: 'Maria da Silva',
      subtotal: 750,
      discount: 50,
      total: 700,
      paid: 0,
      balance: 700,
      overdue: false,
    });
    expect(inv.total).toBe(order.totalValue);
    expect(inv.lines).toEqual([
      {
        kind: 'SERVICE',
        description: 'Aparelho: Brastemp BRM45',
        quantity: 1,
        unitValue: 150,
        totalValue: 150,
        componentId: null,
      },
      expect.objectContaining({
        kind: 'PART',
        description: 'Compressor',
        quantity: 2,
        unitValue: 300,
        totalValue: 600,
      }),
    ]);
    expect(inv.number).toBeGreaterThan(0);
    expect(inv.pixTxid).toMatch(/^[0-9A-Z]{25}$/);
  });

  it('numbers invoices without gaps or duplicates under 20 concurrent finalizations, a failed one giving its number back', async () => {
    const orders = await Promise.all(Array.from({ length: 20 }, () => orderForInvoice(t, { parts: 1 })));
    for (const { repair } of orders) {
      await t.request('POST', `/api/repairs/${repair.id}/status`, {
        token: t.adminToken,
        body: { status: 'EM_ANDAMENTO' },
      });
      await t.request('POST', `/api/repairs/${repair.id}/status`, {
        token: t.adminToken,
        body: { status: 'EM_REVISAO' },
      });
      await t.request('PUT', `/api/repairs/${repair.id}/checklist`, {
        token: t.adminToken,
        body: {
          items: ['work_done', 'parts_as_planned', 'tested', 'asset_clean'].map((key) => ({
            key,
            done: true,
          })),
        },
      });
    }
    // one of them cannot be invoiced (its deposits exceed its total after a discount): it rolls back
    const spoiled = orders[7]!.repair;
    const dep = await t.request('POST', `/api/repairs/${spoiled.id}/deposits`, {
      token: t.adminToken,
      body: { method: 'CASH', amount: 400 },
    });
    expect(dep.statusCode, dep.body).toBe(201);
    const discounted = await t.request('PATCH', `/api/repairs/${spoiled.id}`, {
      token: t.adminToken,
      body: { discount: 100 },
      headers: { 'if-match': `"${(await get(`/api/repairs/${spoiled.id}`)).json().version}"` },
    });
    expect(discounted.statusCode, discounted.body).toBe(200);
    const before = (await get('/api/invoices?pageSize=200')).json().total as number;
    const results = await Promise.all(
      orders.map(({ repair }) =>
        t.request('POST', `/api/repairs/${repair.id}/status`, {
          token: t.adminToken,
          body: { status: 'FINALIZADO' },
        }),
      ),
    );
    const failed = results.filter((r) => r.statusCode !== 200);
    expect(failed.map((r) => r.statusCode)).toEqual([422]);
    expect(plain(failed[0]!.json().message)).toMatch(
      /sinais recebidos \(R\$ 400,00\) passam do total da OS \(R\$ 350,00\)/,
    );
    const page = (await get('/api/invoices?pageSize=200')).json();
    expect(page.total).toBe(before + 19);
    const numbers = (page.items as { number: number }[]).map((i) => i.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });
});

describe('the invoices list', () => {
  it("finds invoices by the customer's name (their own search), by number and by order number", async () => {
    const customer = await createCustomer(t, { name: 'Genoveva Albuquerque' });
    const res = await t.request('POST', '/api/invoices', {
      token: t.adminToken,
      body: { customerId: customer.id, lines: [{ description: 'Chave de roda', unitValue: 40 }] },
    });
    const inv = InvoiceSchema.parse(res.json());
    const search = async (q: string) =>
      ((await get(`/api/invoices?q=${encodeURIComponent(q)}`)).json().items as { id: string }[]).map(
        (i) => i.id,
      );
    expect(await search('albuquer')).toEqual([inv.id]);
    expect(await search(String(inv.number))).toContain(inv.id);
    expect(await search(`#${inv.number}`)).toContain(inv.id);
    expect(await search('ninguém-com-este-nome')).toEqual([]);
  });
});

describe('payments', () => {
  it('takes a partial cash payment with change, then the rest; PAID; an overpayment is a 422 that changes nothing', async () => {
    const inv = await finishedInvoice(t, { parts: 1 });
    expect(inv.total).toBe(450);
    const cash = await pay(t, inv.id, { method: 'CASH', amount: 200, tendered: 250 });
    expect(cash.statusCode, cash.body).toBe(201);
    const after = InvoiceSchema.parse(cash.json());
    expect(after).toMatchObject({ status: 'PARTIALLY_PAID', paid: 200, balance: 250 });
    expect(after.payments[0]).toMatchObject({ method: 'CASH', amount: 200, tendered: 250, change: 50 });

    const over = await pay(t, inv.id, { method: 'PIX', amount: 250.01 });
    expect(over.statusCode).toBe(422);
    expect({ ...over.json(), message: plain(over.json().message) }).toEqual({
      error: 'Unprocessable Entity',
      message: 'O pagamento de R$ 250,01 passa do saldo da fatura (R$ 250,00)',
      details: { amount: 250.01, balance: 250 },
    });
    const card = await pay(t, inv.id, {
      method: 'CREDIT_CARD',
      amount: 250,
      installments: 3,
      reference: 'NSU 123456',
    });
    expect(card.statusCode, card.body).toBe(201);
    expect(InvoiceSchema.parse(card.json())).toMatchObject({ status: 'PAID', paid: 450, balance: 0 });
    const closed = await pay(t, inv.id, { method: 'CASH', amount: 1 });
    expect(closed.statusCode).toBe(409);
  });

  it('refuses bad payments with seed 004 errors: no amount, negative, 3 decimals, installments on debit', async () => {
    const inv = await finishedInvoice(t);
    const cases = [
      [{ method: 'CASH' }, 'amount'],
      [{ method: 'CASH', amount: -5 }, 'amount'],
      [{ method: 'CASH', amount: 1.234 }, 'amount'],
      [{ method: 'DEBIT_CARD', amount: 10, installments: 2 }, 'installments'],
      [{ method: 'PIX', amount: 10, tendered: 20 }, 'tendered'],
      [{ method: 'CHEQUE', amount: 10 }, 'method'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await pay(t, inv.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details[field], JSON.stringify(body)).toBeTruthy();
    }
    expect((await invoice(inv.id)).paid).toBe(0);
  });

  it('replays an Idempotency-Key without paying twice', async () => {
    const inv = await finishedInvoice(t);
    const headers = { 'idempotency-key': `pay-${inv.id}` };
    const first = await pay(t, inv.id, { method: 'PIX', amount: 50 }, headers);
    const again = await pay(t, inv.id, { method: 'PIX', amount: 50 }, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await invoice(inv.id)).payments).toHaveLength(1);
    const other = await pay(t, inv.id, { method: 'PIX', amount: 60 }, headers);
    expect(other.statusCode).toBe(422);
  });

  it('20 parallel payments racing for one balance never overpay (real PostgreSQL)', async () => {
    const inv = await finishedInvoice(t, { parts: 2 }); // 750.00
    const results = await Promise.all(
      Array.from({ length: 20 }, () => pay(t, inv.id, { method: 'DEBIT_CARD', amount: 100 })),
    );
    const ok = results.filter((r) => r.statusCode === 201).length;
    expect(ok).toBe(7);
    expect(results.every((r) => [201, 409, 422].includes(r.statusCode))).toBe(true);
    const final = await invoice(inv.id);
    expect(final.paid).toBe(700);
    expect(final.payments.reduce((s, p) => s + p.amount, 0)).toBe(700);
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT i.paid_cents::int AS paid, (SELECT sum(amount_cents)::int FROM payments p WHERE p.invoice_id = i.id) AS sum FROM invoices i WHERE id = $1',
      [inv.id],
    );
    await client.end();
    expect(rows[0]).toEqual({ paid: 70000, sum: 70000 });
  });
});

describe('refunds and cancelling', () => {
  it('refunds part of a payment, refuses more than is left, and cancels only once nothing is kept', async () => {
    const inv = await finishedInvoice(t);
    const paid = InvoiceSchema.parse((await pay(t, inv.id, { method: 'PIX', amount: 150 })).json());
    const paymentId = paid.payments[0]!.id;
    const noReason = await t.request('POST', `/api/invoices/${inv.id}/cancel`, {
      token: t.adminToken,
      body: {},
    });
    expect(noReason.statusCode).toBe(400);
    const kept = await t.request('POST', `/api/invoices/${inv.id}/cancel`, {
      token: t.adminToken,
      body: { reason: 'Cliente desistiu' },
    });
    expect(kept.statusCode).toBe(422);
    expect(plain(kept.json().message)).toBe(
      'A fatura tem pagamentos de R$ 150,00: estorne-os antes de cancelar',
    );
    const part = await t.request('POST', `/api/payments/${paymentId}/refund`, {
      token: t.adminToken,
      body: { amount: 50, reason: 'Desconto concedido depois' },
    });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json()).toMatchObject({ amount: 50, status: 'COMPLETED' });
    expect(await invoice(inv.id)).toMatchObject({ status: 'PARTIALLY_PAID', paid: 100 });
    const tooMuch = await t.request('POST', `/api/payments/${paymentId}/refund`, {
      token: t.adminToken,
      body: { amount: 100.01, reason: 'Erro' },
    });
    expect(tooMuch.statusCode).toBe(422);
    const rest = await t.request('POST', `/api/payments/${paymentId}/refund`, {
      token: t.adminToken,
      body: { reason: 'Devolução total' },
    });
    expect(rest.json()).toMatchObject({ amount: 100 });
    const cancelled = await t.request('POST', `/api/invoices/${inv.id}/cancel`, {
      token: t.adminToken,
      body: { reason: 'Cliente desistiu' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Cliente desistiu',
      balance: 0,
    });
    const twice = await t.request('POST', `/api/invoices/${inv.id}/cancel`, {
      token: t.adminToken,
      body: { reason: 'De novo' },
    });
    expect(twice.statusCode).toBe(409);
  });
});

describe('by hand, deposits, delivery', () => {
  it('sells parts at the counter: the invoice takes the component price and the parts leave stock', async () => {
    const customer = await createCustomer(t, { name: 'João Balcão' });
    const part = await createComponent(t, { name: 'Filtro de óleo', price: 35.9, stock: 10 });
    const res = await t.request('POST', '/api/invoices', {
      token: t.adminToken,
      body: {
        customerId: customer.id,
        lines: [
          { componentId: part.id, description: 'Filtro de óleo', quantity: 2 },
          { kind: 'SERVICE', description: 'Troca no balcão', unitValue: 20 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(InvoiceSchema.parse(res.json())).toMatchObject({ kind: 'COUNTER', total: 91.8, repairId: null });
    const stock = (await get(`/api/components/${part.id}`)).json();
    expect(stock).toMatchObject({ stock: 8, reserved: 0 });
    const unknown = await t.request('POST', '/api/invoices', {
      token: t.adminToken,
      body: { customerId: customer.id, lines: [{ componentId: 'nope-1', description: 'X' }] },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("takes a deposit at approval that joins the order's invoice; a deposit beyond the order is a 422", async () => {
    const { repair } = await orderForInvoice(t, { parts: 1 }); // 450.00
    const deposit = await t.request('POST', `/api/repairs/${repair.id}/deposits`, {
      token: t.adminToken,
      body: { method: 'PIX', amount: 100 },
    });
    expect(deposit.statusCode, deposit.body).toBe(201);
    expect(deposit.json()).toMatchObject({ deposit: true, invoiceId: null, amount: 100 });
    const tooMuch = await t.request('POST', `/api/repairs/${repair.id}/deposits`, {
      token: t.adminToken,
      body: { method: 'PIX', amount: 350.01 },
    });
    expect(tooMuch.statusCode).toBe(422);
    const financialBefore = (await get(`/api/customers/${repair.userId}/financial`)).json();
    expect(financialBefore.depositsHeld).toBe(100);
    await finish(t, repair.id);
    const inv = await invoiceOfRepair(t, repair.id);
    expect(inv).toMatchObject({ status: 'PARTIALLY_PAID', paid: 100, balance: 350 });
    expect(inv.payments[0]).toMatchObject({ deposit: true, invoiceId: inv.id });
    const financial = (await get(`/api/customers/${repair.userId}/financial`)).json();
    expect(financial).toMatchObject({ invoiced: 450, paid: 100, balance: 350, depositsHeld: 0 });
  });

  it('delivers with a balance as a warning, or refuses it when the shop says BLOCK', async () => {
    const inv = await finishedInvoice(t);
    const warn = await t.request('POST', `/api/repairs/${inv.repairId}/status`, {
      token: t.adminToken,
      body: { status: 'ENTREGUE' },
    });
    expect(warn.statusCode).toBe(200);
    expect(
      warn
        .json()
        .warnings.map((w: { code: string; message: string }) => ({ ...w, message: plain(w.message) })),
    ).toEqual([
      {
        code: 'invoice_balance',
        message: `A fatura nº ${inv.number} tem saldo de R$ 150,00: receba antes de entregar`,
      },
    ]);
    const org = (await get('/api/organization')).json();
    const block = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { deliveryBalancePolicy: 'BLOCK' },
      headers: { 'if-match': `"${org.version}"` },
    });
    expect(block.statusCode, block.body).toBe(200);
    const other = await finishedInvoice(t);
    const refused = await t.request('POST', `/api/repairs/${other.repairId}/status`, {
      token: t.adminToken,
      body: { status: 'ENTREGUE' },
    });
    expect(refused.statusCode).toBe(422);
    await pay(t, other.id, { method: 'CASH', amount: 150 });
    const ok = await t.request('POST', `/api/repairs/${other.repairId}/status`, {
      token: t.adminToken,
      body: { status: 'ENTREGUE' },
    });
    expect(ok.statusCode).toBe(200);
    const back = (await get('/api/organization')).json();
    await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { deliveryBalancePolicy: 'WARN' },
      headers: { 'if-match': `"${back.version}"` },
    });
  });
});

describe('Pix (static BR Code)', () => {
  it('validates the Pix key by type and serves a BR Code for the balance with the invoice txid', async () => {
    const inv = await finishedInvoice(t);
    const missing = await get(`/api/invoices/${inv.id}/pix`);
    expect(missing.statusCode).toBe(422);
    const org = (await get('/api/organization')).json();
    const bad = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { pixKey: '123.456.789-00', pixKeyType: 'CPF' },
      headers: { 'if-match': `"${org.version}"` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.pixKey).toBe('Chave Pix inválida para o tipo escolhido');
    const ok = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { pixKey: '(11) 98765-4321', pixKeyType: 'PHONE', name: 'Oficina São José' },
      headers: { 'if-match': `"${org.version}"` },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ pixKey: '+5511987654321', pixKeyType: 'PHONE' });
    await pay(t, inv.id, { method: 'CASH', amount: 40.5 });
    const res = await get(`/api/invoices/${inv.id}/pix`);
    expect(res.statusCode, res.body).toBe(200);
    const pix = res.json();
    expect(pix).toMatchObject({ amount: 109.5, txid: inv.pixTxid, dynamic: false, expiresAt: null });
    expect(pix.qrSvg).toMatch(/^<svg/);
    const parsed = parsePixPayload(pix.payload);
    expect(parsed).toMatchObject({
      ok: true,
      key: '+5511987654321',
      amountCents: 10950,
      txid: inv.pixTxid,
      name: 'Oficina Sao Jose',
    });
    const png = await get(pix.qrPngUrl);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe("a CUSTOMER login and its own order's invoice (issue 15 §3)", () => {
  it("reads the invoice, its PDF and the Pix link of their own orders; another customer's answer 404", async () => {
    const own = await createCustomer(t, { name: 'Cliente Pagador' });
    const other = await createCustomer(t, { name: 'Umbuzeiro Alheio' });
    const mine = await createRepair(t, {}, { customerId: own.id });
    const theirs = await createRepair(t, {}, { customerId: other.id });
    await finish(t, mine.id);
    await finish(t, theirs.id);
    const myInvoice = await invoiceOfRepair(t, mine.id);
    const theirInvoice = await invoiceOfRepair(t, theirs.id);
    const portal = await customerLogin(t, own.id);
    const as = (method: 'GET' | 'POST', url: string) => t.request(method, url, { token: portal.token });

    const read = await as('GET', `/api/repairs/${mine.id}/invoice`);
    expect(read.statusCode, read.body).toBe(200);
    expect(InvoiceSchema.parse(read.json())).toMatchObject({ id: myInvoice.id, balance: 150 });
    const pdf = await as('GET', `/api/invoices/${myInvoice.id}/pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const link = await as('POST', `/api/invoices/${myInvoice.id}/link`);
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json().url).toMatch(/\/pay\/.+/);

    for (const [method, url] of [
      ['GET', `/api/repairs/${theirs.id}/invoice`],
      ['GET', `/api/invoices/${theirInvoice.id}/pdf`],
      ['POST', `/api/invoices/${theirInvoice.id}/link`],
    ] as const) {
      const res = await as(method, url);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain('Umbuzeiro');
    }
    // the staff's invoice routes stay closed, even on their own invoice
    expect((await as('GET', `/api/invoices/${myInvoice.id}`)).statusCode).toBe(403);
    expect((await as('GET', '/api/invoices')).statusCode).toBe(403);
  });
});
