import { CashRegisterSchema, ReceivablesSchema } from '@bancada/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedInvoice, pay } from '../../../test/billing.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, body: unknown, token = t.adminToken) => t.request('POST', url, { token, body });

describe('cash register (caixa)', () => {
  it('opens with a float, records cash payments and refunds, a withdrawal, and closes with the difference', async () => {
    // a cash payment before the register opens is taken all the same, and shows as outside it
    const early = await finishedInvoice(t);
    expect((await pay(t, early.id, { method: 'CASH', amount: 20 })).statusCode).toBe(201);
    expect((await t.request('GET', '/api/cash-register', { token: t.adminToken })).json()).toBeNull();

    const opened = await post('/api/cash-register/open', { openingFloat: 100 });
    expect(opened.statusCode, opened.body).toBe(201);
    expect((await post('/api/cash-register/open', { openingFloat: 5 })).statusCode).toBe(409);

    const inv = await finishedInvoice(t, { parts: 1 }); // 450.00
    await pay(t, inv.id, { method: 'CASH', amount: 200, tendered: 250 });
    const card = await pay(t, inv.id, { method: 'DEBIT_CARD', amount: 100 });
    const cashPayment = (card.json().payments as { id: string; method: string }[]).find(
      (p) => p.method === 'CASH',
    )!;
    const refund = await post(`/api/payments/${cashPayment.id}/refund`, {
      amount: 30,
      reason: 'Troco a mais',
    });
    expect(refund.statusCode, refund.body).toBe(201);
    const tooMuch = await post('/api/cash-register/movements', {
      kind: 'WITHDRAWAL',
      amount: 270.01,
      note: 'Sangria',
    });
    expect(tooMuch.statusCode).toBe(422);
    const withdrawal = await post('/api/cash-register/movements', {
      kind: 'WITHDRAWAL',
      amount: 70,
      note: 'Sangria',
    });
    expect(withdrawal.statusCode, withdrawal.body).toBe(201);

    const current = CashRegisterSchema.parse(
      (await t.request('GET', '/api/cash-register', { token: t.adminToken })).json(),
    );
    // 100 float + 200 cash − 30 refund − 70 withdrawal
    expect(current.expected).toBe(200);
    expect(current.movements.map((m) => [m.kind, m.direction, m.amount])).toEqual([
      ['OPENING', 'IN', 100],
      ['PAYMENT', 'IN', 200],
      ['REFUND', 'OUT', 30],
      ['WITHDRAWAL', 'OUT', 70],
    ]);
    expect(current.totalsByMethod).toEqual(
      expect.arrayContaining([
        { method: 'CASH', count: 2, amount: 220 },
        { method: 'DEBIT_CARD', count: 1, amount: 100 },
      ]),
    );
    expect(current.cashOutside).toBe(20);

    const closed = await post('/api/cash-register/close', { counted: 195.5, note: 'Faltou troco' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(CashRegisterSchema.parse(closed.json())).toMatchObject({
      status: 'CLOSED',
      expected: 200,
      counted: 195.5,
      difference: -4.5,
      closingNote: 'Faltou troco',
    });
    expect((await post('/api/cash-register/close', { counted: 1 })).statusCode).toBe(409);
    const history = (await t.request('GET', '/api/cash-registers', { token: t.adminToken })).json();
    expect(history[0]).toMatchObject({ id: current.id, status: 'CLOSED' });
  });

  it('opens one register per branch even when two people open it at once', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => post('/api/cash-register/open', { openingFloat: 50 })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    await post('/api/cash-register/close', { counted: 50 });
  });

  it('is closed to technicians', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', email: 'tec.caixa@oficina.test' });
    expect((await t.request('GET', '/api/cash-register', { token: tech.token })).statusCode).toBe(403);
  });
});

describe('receivables', () => {
  it('sorts open balances into aging buckets by due date', async () => {
    const fresh = await finishedInvoice(t);
    const late = await finishedInvoice(t);
    const older = await finishedInvoice(t);
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    await client.query(`UPDATE invoices SET due_date = current_date - 10 WHERE id = $1`, [late.id]);
    await client.query(`UPDATE invoices SET due_date = current_date - 100 WHERE id = $1`, [older.id]);
    await client.end();
    const res = ReceivablesSchema.parse(
      (await t.request('GET', '/api/receivables', { token: t.adminToken })).json(),
    );
    const bucket = (name: string) => res.buckets.find((b) => b.bucket === name)!;
    expect(bucket('1-30').amount).toBeGreaterThanOrEqual(150);
    expect(bucket('90+')).toMatchObject({ count: 1, amount: 150 });
    const items = new Map(res.items.map((i) => [i.id, i]));
    expect(items.get(older.id)).toMatchObject({ bucket: '90+', overdue: true });
    expect(items.get(late.id)?.bucket).toBe('1-30');
    expect(items.get(fresh.id)?.bucket).toBe('current');
    const overdue = (await t.request('GET', '/api/invoices?overdue=true', { token: t.adminToken })).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([late.id, older.id]),
    );
    expect(overdue.items.map((i: { id: string }) => i.id)).not.toContain(fresh.id);
  });
});
