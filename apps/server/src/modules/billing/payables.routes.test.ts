import {
  type CashFlow,
  CashFlowSchema,
  ErrorBodySchema,
  type Payable,
  PayablePageSchema,
  PayableSchema,
  PurchaseOrderSchema,
  toCents,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedInvoice, pay } from '../../../test/billing.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { createComponent, createSupplier } from '../../../test/inventory.js';
import { addDays, shopDate } from './invoice-view.js';
import { weekStartOf } from './payables.service.js';

let t: TestApp;
let today: string;
beforeAll(async () => {
  t = await createTestApp();
  const organization = (await t.request('GET', '/api/organization', { token: t.adminToken })).json() as {
    timeZone: string;
  };
  today = shopDate(new Date(), organization.timeZone);
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, body?: unknown, token = t.adminToken) =>
  t.request('POST', url, { token, ...(body === undefined ? {} : { body }) });
const get = (url: string, token = t.adminToken) => t.request('GET', url, { token });

async function createPayable(body: Record<string, unknown>): Promise<Payable> {
  const res = await post('/api/payables', {
    description: 'Conta de luz',
    amount: 100,
    dueDate: today,
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`create payable failed: ${res.statusCode} ${res.body}`);
  return PayableSchema.parse(res.json());
}

/** A purchase order sent to a new supplier: 10 × 12.50 and 4 × 30.00. */
async function sentOrder() {
  const supplier = await createSupplier(t, { name: `Distribuidora ${crypto.randomUUID().slice(0, 6)}` });
  const [filter, belt] = await Promise.all([
    createComponent(t, { name: 'Filtro de óleo' }),
    createComponent(t, { name: 'Correia' }),
  ]);
  const res = await post('/api/purchase-orders', {
    supplierId: supplier.id,
    lines: [
      { componentId: filter.id, quantity: 10, unitCost: 12.5 },
      { componentId: belt.id, quantity: 4, unitCost: 30 },
    ],
  });
  if (res.statusCode !== 201) throw new Error(`create purchase order failed: ${res.statusCode} ${res.body}`);
  const order = PurchaseOrderSchema.parse(res.json());
  if ((await post(`/api/purchase-orders/${order.id}/send`)).statusCode !== 200)
    throw new Error('send failed');
  return { supplier, order };
}

async function receive(orderId: string, lines: { lineId: string; quantity: number }[]) {
  const res = await post(`/api/purchase-orders/${orderId}/receipts`, { lines });
  if (res.statusCode !== 200) throw new Error(`receive failed: ${res.statusCode} ${res.body}`);
}

describe('payables', () => {
  it('records bills typed in, lists them oldest due first and pays each once', async () => {
    const supplier = await createSupplier(t, { name: 'Imobiliária Centro' });
    const rent = await createPayable({
      supplierId: supplier.id,
      description: 'Aluguel de março',
      amount: 2500,
      dueDate: addDays(today, 10),
    });
    expect(rent).toMatchObject({
      supplierId: supplier.id,
      supplierName: 'Imobiliária Centro',
      purchaseOrderId: null,
      description: 'Aluguel de março',
      amount: 2500,
      dueDate: addDays(today, 10),
      status: 'OPEN',
      overdue: false,
      paidAt: null,
      method: null,
    });
    const late = await createPayable({ supplierId: supplier.id, amount: 80.35, dueDate: addDays(today, -2) });
    expect(late.overdue).toBe(true);

    const open = PayablePageSchema.parse(
      (await get(`/api/payables?status=OPEN&supplierId=${supplier.id}`)).json(),
    );
    expect(open.items.map((p) => p.id)).toEqual([late.id, rent.id]);
    expect(open.total).toBe(2);

    const paid = await post(`/api/payables/${late.id}/pay`, {
      method: 'TRANSFER',
      paidAt: '2026-03-02T12:00:00-03:00',
    });
    expect(paid.statusCode).toBe(200);
    expect(PayableSchema.parse(paid.json())).toMatchObject({
      status: 'PAID',
      overdue: false,
      method: 'TRANSFER',
      paidAt: '2026-03-02T15:00:00.000Z',
    });
    const again = await post(`/api/payables/${late.id}/pay`, { method: 'CASH' });
    expect(again.statusCode).toBe(409);
    expect(ErrorBodySchema.parse(again.json()).message).toBe('Esta conta já foi paga');
    expect((await post(`/api/payables/${crypto.randomUUID()}/pay`, { method: 'PIX' })).statusCode).toBe(404);

    const settled = PayablePageSchema.parse(
      (await get(`/api/payables?status=PAID&supplierId=${supplier.id}`)).json(),
    );
    expect(settled.items.map((p) => p.id)).toEqual([late.id]);

    const { rows } = await t.deps.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'payable' AND entity_id = $1 ORDER BY id`,
      [late.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['payable.created', 'payable.paid']);
  });

  it('validates bills and payments with 400, and an unknown supplier with 404', async () => {
    const bad = await post('/api/payables', { amount: 0, dueDate: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(ErrorBodySchema.parse(bad.json()).details ?? {}).sort()).toEqual([
      'amount',
      'description',
      'dueDate',
    ]);
    const bill = await createPayable({});
    expect((await post(`/api/payables/${bill.id}/pay`, { method: 'CHEQUE' })).statusCode).toBe(400);
    expect(
      (
        await post('/api/payables', {
          description: 'x',
          amount: 1,
          dueDate: today,
          supplierId: crypto.randomUUID(),
        })
      ).statusCode,
    ).toBe(404);
  });

  it('pays a bill once when ten payments race', async () => {
    const bill = await createPayable({ amount: 999.99 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(`/api/payables/${bill.id}/pay`, { method: i % 2 ? 'PIX' : 'CASH' }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, ...Array(9).fill(409)]);
    const { rows } = await t.deps.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'payable.paid' AND entity_id = $1`,
      [bill.id],
    );
    expect(rows).toHaveLength(1);
  });

  it('turns a received purchase order into one bill for what arrived, at cost, due in 30 days', async () => {
    const { supplier, order } = await sentOrder();
    const notYet = await post(`/api/payables/from-purchase-order/${order.id}`);
    expect(notYet.statusCode).toBe(422);
    expect(ErrorBodySchema.parse(notYet.json()).message).toBe(
      `O pedido de compra nº ${order.number} ainda não foi recebido: só o que chegou vira conta a pagar`,
    );

    const [filter, belt] = order.lines;
    await receive(order.id, [
      { lineId: filter!.id, quantity: 6 },
      { lineId: belt!.id, quantity: 4 },
    ]);
    const res = await post(`/api/payables/from-purchase-order/${order.id}`);
    expect(res.statusCode).toBe(201);
    expect(PayableSchema.parse(res.json())).toMatchObject({
      supplierId: supplier.id,
      supplierName: supplier.name,
      purchaseOrderId: order.id,
      purchaseOrderNumber: order.number,
      description: `Pedido de compra nº ${order.number} — ${supplier.name}`,
      // 6 × 12.50 + 4 × 30.00 of the 10 + 4 ordered
      amount: 195,
      dueDate: addDays(today, 30),
      status: 'OPEN',
    });

    const second = await post(`/api/payables/from-purchase-order/${order.id}`);
    expect(second.statusCode).toBe(409);
    expect(ErrorBodySchema.parse(second.json()).message).toBe(
      `O pedido de compra nº ${order.number} já tem conta a pagar`,
    );
    const typed = await post('/api/payables', {
      purchaseOrderId: order.id,
      description: 'Mesma compra',
      amount: 195,
      dueDate: today,
    });
    expect(typed.statusCode).toBe(409);
    expect((await post(`/api/payables/from-purchase-order/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('makes one bill of a purchase order when two requests race', async () => {
    const { order } = await sentOrder();
    await receive(
      order.id,
      order.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })),
    );
    const results = await Promise.all([
      post(`/api/payables/from-purchase-order/${order.id}`),
      post(`/api/payables/from-purchase-order/${order.id}`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const created = PayableSchema.parse(results.find((r) => r.statusCode === 201)!.json());
    expect(created.amount).toBe(245);
  });

  it('refuses staff without payables:manage with 403', async () => {
    const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const bill = await createPayable({});
    const attempts = await Promise.all([
      get('/api/payables', attendant.token),
      get('/api/cash-flow', attendant.token),
      post('/api/payables', { description: 'x', amount: 1, dueDate: today }, attendant.token),
      post(`/api/payables/${bill.id}/pay`, { method: 'CASH' }, attendant.token),
    ]);
    expect(attempts.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
  });
});

describe('cash flow', () => {
  const cashFlow = async (query = '') => {
    const res = await get(`/api/cash-flow${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return CashFlowSchema.parse(res.json());
  };
  /** what changed between two readings, in cents, per week and overdue */
  const delta = (before: CashFlow, after: CashFlow) => ({
    weeks: after.weeks.map((w, i) => ({
      weekStart: w.weekStart,
      receivable: toCents(w.receivable) - toCents(before.weeks[i]!.receivable),
      payable: toCents(w.payable) - toCents(before.weeks[i]!.payable),
    })),
    overdueReceivable: toCents(after.overdueReceivable) - toCents(before.overdueReceivable),
    overduePayable: toCents(after.overduePayable) - toCents(before.overduePayable),
  });
  const dueOn = (invoiceId: string, date: string) =>
    t.deps.pool.query('UPDATE invoices SET due_date = $1 WHERE id = $2', [date, invoiceId]);

  it('sums open invoice balances and open bills per week from Monday, and what is overdue apart', async () => {
    const first = weekStartOf(today);
    const before = await cashFlow();
    const beforeTen = await cashFlow('?weeks=10');
    expect(before.weeks.map((w) => w.weekStart)).toEqual(
      Array.from({ length: 8 }, (_, i) => addDays(first, 7 * i)),
    );
    expect(new Date(`${first}T12:00:00Z`).getUTCDay()).toBe(1);

    const dueToday = await finishedInvoice(t);
    await dueOn(dueToday.id, today);
    const partlyPaid = await finishedInvoice(t, { parts: 1 });
    expect((await pay(t, partlyPaid.id, { method: 'CASH', amount: 100 })).statusCode).toBe(201);
    await dueOn(partlyPaid.id, addDays(first, 9));
    const late = await finishedInvoice(t);
    await dueOn(late.id, addDays(today, -1));
    const settled = await finishedInvoice(t);
    expect((await pay(t, settled.id, { method: 'PIX', amount: 150 })).statusCode).toBe(201);
    await dueOn(settled.id, today);
    const cancelled = await finishedInvoice(t);
    expect(
      (await post(`/api/invoices/${cancelled.id}/cancel`, { reason: 'Lançada por engano' })).statusCode,
    ).toBe(200);
    await dueOn(cancelled.id, today);
    const beyond = await finishedInvoice(t);
    await dueOn(beyond.id, addDays(first, 7 * 8 + 2));

    await createPayable({ amount: 200, dueDate: today });
    await createPayable({ amount: 80.5, dueDate: addDays(first, 7 * 3 + 6) });
    await createPayable({ amount: 60, dueDate: addDays(today, -3) });
    const paidBill = await createPayable({ amount: 500, dueDate: today });
    await post(`/api/payables/${paidBill.id}/pay`, { method: 'BOLETO' });

    const change = delta(before, await cashFlow());
    expect(change.overdueReceivable).toBe(15_000);
    expect(change.overduePayable).toBe(6_000);
    expect(change.weeks).toEqual(
      Array.from({ length: 8 }, (_, i) => ({
        weekStart: addDays(first, 7 * i),
        receivable: i === 0 ? 15_000 : i === 1 ? 35_000 : 0,
        payable: i === 0 ? 20_000 : i === 3 ? 8_050 : 0,
      })),
    );
    // the invoice due in the ninth week shows with a longer horizon
    const ten = delta(beforeTen, await cashFlow('?weeks=10'));
    expect(ten.weeks.map((w) => w.receivable)).toEqual([15_000, 35_000, 0, 0, 0, 0, 0, 0, 15_000, 0]);
  });

  it('takes 1 to 52 weeks', async () => {
    expect((await get('/api/cash-flow?weeks=0')).statusCode).toBe(400);
    expect((await get('/api/cash-flow?weeks=53')).statusCode).toBe(400);
    expect((await cashFlow('?weeks=1')).weeks).toHaveLength(1);
  });
});
