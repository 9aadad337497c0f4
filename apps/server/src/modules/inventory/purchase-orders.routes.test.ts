import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { PurchaseOrderSchema, ReorderSuggestionListSchema, SupplierSchema } from '@bancada/shared';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherOrganization } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { createComponent, createSupplier } from '../../../test/inventory.js';
import { createMailer } from '../../platform/mailer.js';

let t: TestApp;
let sink: SMTPServer;
const received: { to: string[]; data: string }[] = [];

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  sink.listen(0, '127.0.0.1');
  await once(sink.server, 'listening');
  const port = (sink.server.address() as AddressInfo).port;
  t = await createTestApp({
    mailer: createMailer({
      smtp: { host: '127.0.0.1', port, secure: false },
      mailFrom: 'Oficina <os@oficina.test>',
    }),
  });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

const admin = () => t.adminToken;

async function createOrder(body: Record<string, unknown>) {
  const res = await t.request('POST', '/api/purchase-orders', { token: admin(), body });
  if (res.statusCode !== 201) throw new Error(`create purchase order failed: ${res.statusCode} ${res.body}`);
  return PurchaseOrderSchema.parse(res.json());
}

const stockOf = async (id: string) =>
  (await t.request('GET', `/api/components/${id}`, { token: admin() })).json() as {
    stock: number;
    cost: number;
  };

describe('suppliers', () => {
  it('creates a supplier with CNPJ, contacts and the components it sells', async () => {
    const part = await createComponent(t, { cost: 10 });
    const res = await t.request('POST', '/api/suppliers', {
      token: admin(),
      body: {
        name: 'Auto Peças Paulista Ltda',
        document: '11.222.333/0001-81',
        email: 'Vendas@AutoPecas.test',
        phone: '(11) 98765-4321',
        leadTimeDays: 5,
        contacts: [{ name: 'Marta', role: 'Vendas', email: 'marta@autopecas.test', phone: '11 3333-4444' }],
        components: [{ componentId: part.id, cost: 9.5, supplierCode: 'AP-77' }],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(SupplierSchema.parse(res.json())).toMatchObject({
      document: '11222333000181',
      documentType: 'CNPJ',
      documentFormatted: '11.222.333/0001-81',
      email: 'vendas@autopecas.test',
      phone: '+5511987654321',
      components: [{ componentId: part.id, cost: 9.5, supplierCode: 'AP-77' }],
    });
    const dup = await t.request('POST', '/api/suppliers', {
      token: admin(),
      body: { name: 'Outro', document: '11222333000181' },
    });
    expect(dup.statusCode).toBe(409);
    const invalid = await t.request('POST', '/api/suppliers', {
      token: admin(),
      body: { name: 'Inválido', document: '11.222.333/0001-00' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details.document).toBe('CNPJ inválido');
  });

  it('updates with If-Match, hides other organizations and refuses deleting one with orders', async () => {
    const supplier = await createSupplier(t);
    const stale = await t.request('PATCH', `/api/suppliers/${supplier.id}`, {
      token: admin(),
      headers: { 'if-match': '"9"' },
      body: { leadTimeDays: 3 },
    });
    expect(stale.statusCode).toBe(412);
    const ok = await t.request('PATCH', `/api/suppliers/${supplier.id}`, {
      token: admin(),
      headers: { 'if-match': '"1"' },
      body: { leadTimeDays: 3 },
    });
    expect(ok.json()).toMatchObject({ leadTimeDays: 3, version: 2 });
    const other = await otherOrganization(t);
    expect((await t.request('GET', `/api/suppliers/${supplier.id}`, { token: other.token })).statusCode).toBe(
      404,
    );
    const part = await createComponent(t);
    await createOrder({ supplierId: supplier.id, lines: [{ componentId: part.id, quantity: 1 }] });
    expect((await t.request('DELETE', `/api/suppliers/${supplier.id}`, { token: admin() })).statusCode).toBe(
      409,
    );
    const unused = await createSupplier(t);
    expect((await t.request('DELETE', `/api/suppliers/${unused.id}`, { token: admin() })).statusCode).toBe(
      204,
    );
  });
});

describe('purchase orders', () => {
  it('numbers drafts per organization and uses the supplier’s cost by default', async () => {
    const part = await createComponent(t, { cost: 20 });
    const supplier = await createSupplier(t, { components: [{ componentId: part.id, cost: 18.4 }] });
    const a = await createOrder({ supplierId: supplier.id, lines: [{ componentId: part.id, quantity: 3 }] });
    const b = await createOrder({
      supplierId: supplier.id,
      lines: [{ componentId: part.id, quantity: 2, unitCost: 17 }],
    });
    expect(b.number).toBe(a.number + 1);
    // at once, each takes its own number from the counter (decision 0005): none twice, none skipped
    const parallel = await Promise.all(
      Array.from({ length: 8 }, () =>
        createOrder({ supplierId: supplier.id, lines: [{ componentId: part.id, quantity: 1 }] }),
      ),
    );
    expect(parallel.map((o) => o.number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 8 }, (_, i) => b.number + 1 + i),
    );
    expect(a).toMatchObject({
      status: 'draft',
      total: 55.2,
      lines: [{ unitCost: 18.4, total: 55.2, received: 0 }],
    });
    const edited = await t.request('PATCH', `/api/purchase-orders/${a.id}`, {
      token: admin(),
      headers: { 'if-match': `"${a.version}"` },
      body: { notes: 'Entregar pela manhã', lines: [{ componentId: part.id, quantity: 5 }] },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ notes: 'Entregar pela manhã', total: 92 });
  });

  it('honours Idempotency-Key: a retried creation answers the first draft', async () => {
    const part = await createComponent(t);
    const supplier = await createSupplier(t);
    const body = { supplierId: supplier.id, lines: [{ componentId: part.id, quantity: 4 }] };
    const headers = { 'idempotency-key': `po-${Date.now()}` };
    const [first, retry] = await Promise.all([
      t.request('POST', '/api/purchase-orders', { token: admin(), body, headers }),
      t.request('POST', '/api/purchase-orders', { token: admin(), body, headers }),
    ]);
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(first.json().id).toBe(retry.json().id);
    const list = (
      await t.request('GET', `/api/purchase-orders?supplierId=${supplier.id}`, { token: admin() })
    ).json();
    expect(list.total).toBe(1);
    const other = await t.request('POST', '/api/purchase-orders', {
      token: admin(),
      body: { ...body, notes: 'outro' },
      headers,
    });
    expect(other.statusCode).toBe(422);
  });

  it('sends the PDF to the supplier by e-mail and then refuses changes to the order', async () => {
    const part = await createComponent(t, { name: 'Compressor Embraco', code: 'EMB-1', cost: 350 });
    const supplier = await createSupplier(t, { email: 'pedidos@fornecedor.test' });
    const order = await createOrder({
      supplierId: supplier.id,
      expectedAt: '2030-01-15',
      lines: [{ componentId: part.id, quantity: 2 }],
    });
    const sent = await t.request('POST', `/api/purchase-orders/${order.id}/send`, { token: admin() });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', late: false });
    expect(sent.json().sentAt).not.toBeNull();
    const {
      rows: [message],
    } = await t.deps.pool.query<{
      id: string;
      subject: string;
      attachments: { filename: string; contentBase64: string }[];
    }>(`SELECT id, subject, attachments FROM outbox_messages WHERE related_id = $1`, [order.id]);
    expect(message!.subject).toMatch(new RegExp(`^Pedido de compra nº ${order.number} — `));
    expect(message!.attachments[0]!.filename).toBe(`pedido-${order.number}.pdf`);
    expect(Buffer.from(message!.attachments[0]!.contentBase64, 'base64').subarray(0, 5).toString()).toBe(
      '%PDF-',
    );
    await t.app.services.outbox.deliver(message!.id);
    const mail = received.find((r) => r.to.includes('pedidos@fornecedor.test'));
    expect(mail?.data).toContain('application/pdf');
    expect(mail?.data).toContain(`pedido-${order.number}.pdf`);

    const again = await t.request('POST', `/api/purchase-orders/${order.id}/send`, { token: admin() });
    expect(again.statusCode).toBe(422);
    const patch = await t.request('PATCH', `/api/purchase-orders/${order.id}`, {
      token: admin(),
      body: { notes: 'x' },
    });
    expect(patch.statusCode).toBe(422);
    const pdf = await t.request('GET', `/api/purchase-orders/${order.id}/pdf`, { token: admin() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('receives partially, adding exactly the received quantities, and refuses more than ordered', async () => {
    const part = await createComponent(t, { stock: 1, cost: 10 });
    const other = await createComponent(t, { stock: 0, cost: 5 });
    const supplier = await createSupplier(t);
    const order = await createOrder({
      supplierId: supplier.id,
      lines: [
        { componentId: part.id, quantity: 10, unitCost: 12.5 },
        { componentId: other.id, quantity: 4, unitCost: 6 },
      ],
    });
    const [line, otherLine] = order.lines;
    const early = await t.request('POST', `/api/purchase-orders/${order.id}/receipts`, {
      token: admin(),
      body: { lines: [{ lineId: line!.id, quantity: 1 }] },
    });
    expect(early.statusCode).toBe(422);
    await t.request('POST', `/api/purchase-orders/${order.id}/send`, { token: admin() });

    const first = await t.request('POST', `/api/purchase-orders/${order.id}/receipts`, {
      token: admin(),
      body: { lines: [{ lineId: line!.id, quantity: 4 }], note: 'NF 123' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'partially_received',
      lines: [{ received: 4 }, { received: 0 }],
    });
    expect(await stockOf(part.id)).toMatchObject({ stock: 5, cost: 12.5 });

    const tooMuch = await t.request('POST', `/api/purchase-orders/${order.id}/receipts`, {
      token: admin(),
      body: {
        lines: [
          { lineId: otherLine!.id, quantity: 4 },
          { lineId: line!.id, quantity: 7 },
        ],
      },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().message).toContain('restante 6');
    expect(tooMuch.json().details).toMatchObject({ lineId: line!.id, remaining: 6, requested: 7 });
    // nothing of the refused receipt stayed
    expect((await stockOf(other.id)).stock).toBe(0);

    const rest = await t.request('POST', `/api/purchase-orders/${order.id}/receipts`, {
      token: admin(),
      body: {
        lines: [
          { lineId: line!.id, quantity: 6 },
          { lineId: otherLine!.id, quantity: 4 },
        ],
      },
    });
    expect(rest.json()).toMatchObject({ status: 'received', lines: [{ received: 10 }, { received: 4 }] });
    expect(rest.json().receivedAt).not.toBeNull();
    expect((await stockOf(part.id)).stock).toBe(11);
    const movements = (
      await t.request('GET', `/api/components/${part.id}/movements`, { token: admin() })
    ).json();
    expect(movements.items.slice(0, 2)).toMatchObject([
      { type: 'IN', quantity: 6, documentType: 'purchase_order', documentId: order.id },
      { type: 'IN', quantity: 4, reason: 'NF 123' },
    ]);
    const cancel = await t.request('POST', `/api/purchase-orders/${order.id}/cancel`, { token: admin() });
    expect(cancel.statusCode).toBe(422);
  });

  it('flags late orders and filters by them', async () => {
    const part = await createComponent(t);
    const supplier = await createSupplier(t);
    const order = await createOrder({
      supplierId: supplier.id,
      expectedAt: '2020-01-01',
      lines: [{ componentId: part.id, quantity: 1 }],
    });
    expect(order.late).toBe(true);
    const late = (
      await t.request('GET', '/api/purchase-orders?late=true&pageSize=200', { token: admin() })
    ).json();
    expect(late.items.map((o: { id: string }) => o.id)).toContain(order.id);
    const cancelled = await t.request('POST', `/api/purchase-orders/${order.id}/cancel`, { token: admin() });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', late: false });
  });

  it('suggests reorders by supplier and creates a draft from them', async () => {
    const supplier = await createSupplier(t, { name: 'Distribuidora Sul' });
    const low = await createComponent(t, { stock: 2, minStock: 5, cost: 3, supplierId: supplier.id });
    const onOrder = await createComponent(t, { stock: 1, minStock: 4, supplierId: supplier.id });
    await createComponent(t, { stock: 9, minStock: 5, supplierId: supplier.id });
    await createOrder({ supplierId: supplier.id, lines: [{ componentId: onOrder.id, quantity: 6 }] });
    const res = await t.request('GET', '/api/purchase-orders/suggestions', { token: admin() });
    const groups = ReorderSuggestionListSchema.parse(res.json()).items;
    const mine = groups.find((g) => g.supplierId === supplier.id)!;
    expect(mine.supplierName).toBe('Distribuidora Sul');
    // low: max(10 - 2 - 0, 5 - 2) = 8; onOrder: max(8 - 1 - 6, 4 - 1) = 3
    expect(mine.lines.map((l) => [l.componentId, l.suggestedQuantity])).toEqual(
      expect.arrayContaining([
        [low.id, 8],
        [onOrder.id, 3],
      ]),
    );
    expect(mine.lines).toHaveLength(2);
    const draft = await t.request('POST', '/api/purchase-orders/from-suggestions', {
      token: admin(),
      body: { supplierId: supplier.id },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().lines).toHaveLength(2);
    expect(draft.json().lines.find((l: { componentId: string }) => l.componentId === low.id)).toMatchObject({
      quantity: 8,
      unitCost: 3,
    });
    const empty = await createSupplier(t);
    const none = await t.request('POST', '/api/purchase-orders/from-suggestions', {
      token: admin(),
      body: { supplierId: empty.id },
    });
    expect(none.statusCode).toBe(422);
  });

  it('refuses an unknown component, a fractional UN quantity and lines of another organization', async () => {
    const supplier = await createSupplier(t);
    const part = await createComponent(t);
    const unknown = await t.request('POST', '/api/purchase-orders', {
      token: admin(),
      body: { supplierId: supplier.id, lines: [{ componentId: 'nao-existe', quantity: 1 }] },
    });
    expect(unknown.statusCode).toBe(404);
    const fractional = await t.request('POST', '/api/purchase-orders', {
      token: admin(),
      body: { supplierId: supplier.id, lines: [{ componentId: part.id, quantity: 1.5 }] },
    });
    expect(fractional.statusCode).toBe(422);
    const other = await otherOrganization(t);
    const foreign = await t.request('POST', '/api/purchase-orders', {
      token: other.token,
      body: { supplierId: supplier.id, lines: [{ componentId: part.id, quantity: 1 }] },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
