import { ComponentSchema, StockMovementPageSchema, StockMovementSchema } from '@bancada/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { adminContext, createComponent } from '../../../test/inventory.js';
import type { AuthedContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { inTransaction } from '../../platform/tx.js';

let t: TestApp;
let ctx: AuthedContext;
beforeAll(async () => {
  t = await createTestApp();
  ctx = await adminContext(t);
});
afterAll(() => t.close());

const ref = { type: 'repair', id: 'os-1' };

async function componentState(id: string) {
  const res = await t.request('GET', `/api/components/${id}`, { token: t.adminToken });
  return ComponentSchema.parse(res.json());
}

describe('components', () => {
  it('creates seed 004’s component with a caller id and returns its exact shape', async () => {
    const res = await t.request('POST', '/api/components', {
      token: t.adminToken,
      body: {
        id: 'comp-001',
        name: 'Termostato',
        code: 'TERM-001',
        description: 'Termostato para geladeira',
        price: 85.5,
        stock: 15,
        category: 'Refrigeração',
        supplier: 'Refrigeração Brasil Ltda',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(ComponentSchema.parse(res.json())).toMatchObject({
      id: 'comp-001',
      name: 'Termostato',
      code: 'TERM-001',
      description: 'Termostato para geladeira',
      price: 85.5,
      stock: 15,
      category: 'Refrigeração',
      supplier: 'Refrigeração Brasil Ltda',
      unit: 'UN',
      reserved: 0,
      belowMinimum: false,
    });
    const movements = StockMovementPageSchema.parse(
      (await t.request('GET', '/api/components/comp-001/movements', { token: t.adminToken })).json(),
    );
    expect(movements.items).toMatchObject([{ type: 'IN', quantity: 15, stockAfter: 15 }]);
  });

  it('refuses a duplicate id or code with 409', async () => {
    const first = await createComponent(t, { id: 'dup-1', code: 'DUP-CODE' });
    expect(first.id).toBe('dup-1');
    const sameId = await t.request('POST', '/api/components', {
      token: t.adminToken,
      body: { id: 'dup-1', name: 'Outra', code: 'OTHER-CODE', price: 1 },
    });
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json().message).toBe("Já existe um componente com o ID 'dup-1'");
    // like every 409, details are keyed by the field, so a form can show it there
    expect(sameId.json().details).toEqual({ id: "Já existe um componente com o ID 'dup-1'" });
    const sameCode = await t.request('POST', '/api/components', {
      token: t.adminToken,
      body: { name: 'Outra', code: 'DUP-CODE', price: 1 },
    });
    expect(sameCode.statusCode).toBe(409);
    expect(Object.keys(sameCode.json().details)).toEqual(['code']);
  });

  it('answers 404 with seed 004’s message for an unknown component', async () => {
    const res = await t.request('GET', '/api/components/comp-999', { token: t.adminToken });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'Not Found',
      message: "Componente com ID 'comp-999' não existe no estoque",
    });
  });

  it('rejects money with more than 2 decimals and fractional quantities of UN', async () => {
    const res = await t.request('POST', '/api/components', {
      token: t.adminToken,
      body: { name: 'X', code: 'X-1', price: 1.234, stock: 1.5 },
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().details)).toEqual(expect.arrayContaining(['price', 'stock']));
    const kg = await createComponent(t, { unit: 'KG', stock: 2.5 });
    expect(kg.stock).toBe(2.5);
  });

  it('lists with search over name, code and description and filters below minimum', async () => {
    await createComponent(t, { name: 'Pastilha de freio dianteira', code: 'PF-100', minStock: 10, stock: 2 });
    await createComponent(t, {
      name: 'Filtro',
      code: 'FO-1',
      description: 'filtro de óleo do motor',
      stock: 30,
    });
    const byName = (await t.request('GET', '/api/components?q=pastilha', { token: t.adminToken })).json();
    expect(byName.items.map((c: { code: string }) => c.code)).toEqual(['PF-100']);
    const byDescription = (await t.request('GET', '/api/components?q=OLEO', { token: t.adminToken })).json();
    expect(byDescription.items.map((c: { code: string }) => c.code)).toEqual(['FO-1']);
    const low = (
      await t.request('GET', '/api/components?belowMinimum=true&pageSize=500', { token: t.adminToken })
    ).json();
    expect(low.items.every((c: { belowMinimum: boolean }) => c.belowMinimum)).toBe(true);
    expect(low.items.map((c: { code: string }) => c.code)).toContain('PF-100');
    const categories = (await t.request('GET', '/api/components/categories', { token: t.adminToken })).json();
    expect(categories.items).toContain('Refrigeração');
  });

  it('updates with If-Match and answers 412 when stale; stock is not writable', async () => {
    const c = await createComponent(t, { stock: 4 });
    const ok = await t.request('PATCH', `/api/components/${c.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { price: 12.9, location: 'A-03' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ price: 12.9, location: 'A-03', version: 2, stock: 4 });
    const stale = await t.request('PATCH', `/api/components/${c.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { price: 13 },
    });
    expect(stale.statusCode).toBe(412);
    const withStock = await t.request('PATCH', `/api/components/${c.id}`, {
      token: t.adminToken,
      body: { stock: 100 },
    });
    expect((await componentState(c.id)).stock).toBe(4);
    expect([200, 400]).toContain(withStock.statusCode);
  });

  it('adjusts stock with a reason and refuses going below zero with 422', async () => {
    const c = await createComponent(t, { stock: 5 });
    const down = await t.request('POST', `/api/components/${c.id}/adjustments`, {
      token: t.adminToken,
      body: { delta: -2, reason: 'Contagem do inventário' },
    });
    expect(down.statusCode, down.body).toBe(201);
    expect(StockMovementSchema.parse(down.json())).toMatchObject({
      type: 'ADJUST',
      quantity: -2,
      stockAfter: 3,
    });
    const tooMuch = await t.request('POST', `/api/components/${c.id}/adjustments`, {
      token: t.adminToken,
      body: { delta: -4, reason: 'Perda' },
    });
    expect(tooMuch.statusCode).toBe(422);
    const noReason = await t.request('POST', `/api/components/${c.id}/adjustments`, {
      token: t.adminToken,
      body: { delta: 1 },
    });
    expect(noReason.statusCode).toBe(400);
    expect((await componentState(c.id)).stock).toBe(3);
  });

  it('forbids a technician from adjusting stock but lets them read', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const c = await createComponent(t, { stock: 1 });
    expect((await t.request('GET', `/api/components/${c.id}`, { token: tech.token })).statusCode).toBe(200);
    const res = await t.request('POST', `/api/components/${c.id}/adjustments`, {
      token: tech.token,
      body: { delta: 1, reason: 'teste' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('keeps organizations apart', async () => {
    const other = await otherOrganization(t);
    const res = await t.request('GET', '/api/components/comp-001', { token: other.token });
    expect(res.statusCode).toBe(404);
    // the same caller id is free in another organization
    const mine = await t.request('POST', '/api/components', {
      token: other.token,
      body: { id: 'comp-001', name: 'Termostato', code: 'TERM-001', price: 90 },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    expect((await componentState('comp-001')).price).toBe(85.5);
  });
});

describe('stock service', () => {
  it('reserves all or nothing and reports the shortage as seed 004’s 422', async () => {
    const a = await createComponent(t, { stock: 5 });
    const b = await createComponent(t, { stock: 1, name: 'Compressor' });
    const error = await inTransaction(t.deps.pool, (tx) =>
      t.app.services.stock.reserve(tx, ctx, ref, [
        { componentId: a.id, quantity: 2 },
        { componentId: b.id, quantity: 1 },
        { componentId: b.id, quantity: 1 },
      ]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { componentId: b.id, requested: 2, available: 1 },
    });
    expect((await componentState(a.id)).stock).toBe(5);
    const res = await t.app.inject({ method: 'GET', url: '/api/components/unknown' });
    expect(res.statusCode).toBe(401);
  });

  it('reserves, releases and consumes, writing the ledger', async () => {
    const c = await createComponent(t, { stock: 10 });
    await inTransaction(t.deps.pool, async (tx) => {
      await t.app.services.stock.reserve(tx, ctx, ref, [{ componentId: c.id, quantity: 4 }]);
      await t.app.services.stock.release(tx, ctx, ref, [{ componentId: c.id, quantity: 1 }]);
      await t.app.services.stock.consume(tx, ctx, ref, [{ componentId: c.id, quantity: 3 }]);
    });
    expect(await componentState(c.id)).toMatchObject({ stock: 7, reserved: 0 });
    const movements = StockMovementPageSchema.parse(
      (await t.request('GET', `/api/components/${c.id}/movements`, { token: t.adminToken })).json(),
    );
    expect(movements.items.map((m) => [m.type, m.quantity, m.stockAfter, m.documentId])).toEqual([
      ['CONSUME', 3, 7, 'os-1'],
      ['RELEASE', 1, 7, 'os-1'],
      ['RESERVE', 4, 6, 'os-1'],
      ['IN', 10, 10, c.id],
    ]);
    const over = await inTransaction(t.deps.pool, (tx) =>
      t.app.services.stock.consume(tx, ctx, ref, [{ componentId: c.id, quantity: 1 }]),
    ).catch((e: unknown) => e);
    expect(over).toMatchObject({ code: 'UNPROCESSABLE' });
  });

  it('answers 404 for an unknown component in a reservation', async () => {
    const error = await inTransaction(t.deps.pool, (tx) =>
      t.app.services.stock.reserve(tx, ctx, ref, [{ componentId: 'nao-existe', quantity: 1 }]),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', params: { id: 'nao-existe' } });
  });

  it('queues one low-stock alert to administrators until the stock recovers', async () => {
    const c = await createComponent(t, {
      name: 'Vela de ignição',
      code: 'VELA-ALERT',
      stock: 5,
      minStock: 3,
    });
    const alerts = async () =>
      (await t.request('GET', '/api/outbox?q=VELA-ALERT&pageSize=100', { token: t.adminToken })).json()
        .items as { subject: string }[];
    const adjust = (delta: number) =>
      t.request('POST', `/api/components/${c.id}/adjustments`, {
        token: t.adminToken,
        body: { delta, reason: 'teste de alerta' },
      });
    await adjust(-3);
    await adjust(-1);
    expect((await alerts()).length).toBe(1);
    expect((await alerts())[0]!.subject).toBe('Estoque baixo: Vela de ignição (VELA-ALERT)');
    await adjust(5);
    await adjust(-5);
    expect((await alerts()).length).toBe(2); // a new minimum above the stock alerts too
    await adjust(5);
    await t.request('PATCH', `/api/components/${c.id}`, { token: t.adminToken, body: { minStock: 20 } });
    expect((await alerts()).length).toBe(3);
  });

  it('keeps the ledger append-only', async () => {
    const c = await createComponent(t, { stock: 2 });
    await expect(
      t.deps.pool.query(`UPDATE stock_movements SET quantity = 99 WHERE component_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.deps.pool.query(`DELETE FROM stock_movements WHERE component_id = $1`, [c.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a fractional quantity of a part counted in units, changing nothing', async () => {
    const c = await createComponent(t, { stock: 5 });
    const error = await inTransaction(t.deps.pool, (tx) =>
      t.app.services.stock.reserve(tx, ctx, ref, [{ componentId: c.id, quantity: 1.5 }]),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNPROCESSABLE', messageKey: 'components.whole_quantity' });
    expect(await componentState(c.id)).toMatchObject({ stock: 5, reserved: 0 });
  });
});

describe('stock under concurrency (real PostgreSQL)', () => {
  it('30 parallel reservations of 1 unit against stock 10: exactly 10 succeed, stock never negative', async () => {
    const c = await createComponent(t, { stock: 10 });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        inTransaction(t.deps.pool, (tx) =>
          t.app.services.stock.reserve(tx, ctx, { type: 'repair', id: `os-${i}` }, [
            { componentId: c.id, quantity: 1 },
          ]),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results.filter(
      (r) => r.status === 'rejected' && (r.reason as AppError).code === 'INSUFFICIENT_STOCK',
    ).length;
    expect([ok, refused]).toEqual([10, 20]);
    expect(await componentState(c.id)).toMatchObject({ stock: 0, reserved: 10 });
  });

  it('reserves overlapping parts listed in opposite orders without deadlocking', async () => {
    const a = await createComponent(t, { stock: 50 });
    const b = await createComponent(t, { stock: 50 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        inTransaction(t.deps.pool, (tx) =>
          t.app.services.stock.reserve(
            tx,
            ctx,
            { type: 'repair', id: `os-ab-${i}` },
            i % 2 === 0
              ? [
                  { componentId: a.id, quantity: 1 },
                  { componentId: b.id, quantity: 2 },
                ]
              : [
                  { componentId: b.id, quantity: 2 },
                  { componentId: a.id, quantity: 1 },
                ],
          ),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await componentState(a.id)).stock).toBe(30);
    expect((await componentState(b.id)).stock).toBe(10);
  });

  it('30 parallel adjustments of -1 against stock 10 through the API: exactly 10 succeed', async () => {
    const c = await createComponent(t, { stock: 10 });
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.request('POST', `/api/components/${c.id}/adjustments`, {
          token: t.adminToken,
          body: { delta: -1, reason: 'saída paralela' },
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 201).length).toBe(10);
    expect(codes.filter((s) => s === 422).length).toBe(20);
    expect((await componentState(c.id)).stock).toBe(0);
  });

  it('keeps available + reserved + consumed equal to IN + net ADJUST over random operations', async () => {
    const operation = fc.record({
      type: fc.constantFrom('IN', 'ADJUST', 'RESERVE', 'RELEASE', 'CONSUME'),
      quantity: fc.integer({ min: 1, max: 6 }),
      negative: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        const c = await createComponent(t, { stock: 0 });
        const stock = t.app.services.stock;
        // the operations run concurrently in pairs, so ordering is up to PostgreSQL
        const run = (op: (typeof operations)[number]) =>
          inTransaction(t.deps.pool, async (tx) => {
            const line = [{ componentId: c.id, quantity: op.quantity }];
            switch (op.type) {
              case 'IN':
                return stock.receive(tx, ctx, null, line[0]!);
              case 'ADJUST':
                return stock.adjust(tx, ctx, c.id, op.negative ? -op.quantity : op.quantity, 'propriedade');
              case 'RESERVE':
                return stock.reserve(tx, ctx, ref, line);
              case 'RELEASE':
                return stock.release(tx, ctx, ref, line);
              default:
                return stock.consume(tx, ctx, ref, line);
            }
          }).catch((error: unknown) => {
            if (!(error instanceof AppError) || error.status !== 422) throw error;
          });
        for (let i = 0; i < operations.length; i += 2) {
          await Promise.all(operations.slice(i, i + 2).map(run));
        }
        const {
          rows: [sums],
        } = await t.deps.pool.query<Record<string, string>>(
          `SELECT
             coalesce(sum(quantity) FILTER (WHERE type IN ('IN','ADJUST')), 0) AS came_in,
             coalesce(sum(quantity) FILTER (WHERE type = 'CONSUME'), 0) AS consumed,
             coalesce(sum(quantity) FILTER (WHERE type = 'RESERVE'), 0)
               - coalesce(sum(quantity) FILTER (WHERE type IN ('RELEASE','CONSUME')), 0) AS reserved,
             bool_and(stock_after >= 0 AND reserved_after >= 0) AS never_negative
           FROM stock_movements WHERE component_id = $1`,
          [c.id],
        );
        const state = await componentState(c.id);
        expect(state.stock).toBeGreaterThanOrEqual(0);
        expect(state.reserved).toBe(Number(sums!.reserved));
        expect(state.stock + state.reserved + Number(sums!.consumed)).toBe(Number(sums!.came_in));
        expect(sums!.never_negative).not.toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});
