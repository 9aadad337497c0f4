import { HistorySchema, MaintenancePlanSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('history', () => {
  it('shows service orders (inserted here, as issue 5 will) with the service frequency', async () => {
    const customer = await createCustomer(t, { name: 'Cliente Frequente' });
    const fridge = await createAsset(t, customer.id, {
      kind: 'appliance',
      type: 'Geladeira',
      brand: 'Brastemp',
      model: 'BRM45',
    });
    const {
      rows: [org],
    } = await t.deps.pool.query<{ organization_id: string }>(
      `SELECT organization_id FROM customers WHERE id = $1`,
      [customer.id],
    );
    const day = 86_400_000;
    const now = Date.now();
    const orders = [
      { number: 1, daysAgo: 400, status: 'FINALIZADO', type: 'repair', cents: 15_000, asset: fridge.id },
      { number: 2, daysAgo: 60, status: 'FINALIZADO', type: 'preventive', cents: 9_950, asset: null },
      { number: 3, daysAgo: 10, status: 'EM_ANDAMENTO', type: 'diagnosis', cents: 30_025, asset: fridge.id },
    ];
    for (const o of orders) {
      await t.deps.pool.query(
        `INSERT INTO repairs (organization_id, number, customer_id, asset_id, status, service_type, total_cents, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          org!.organization_id,
          o.number,
          customer.id,
          o.asset,
          o.status,
          o.type,
          o.cents,
          new Date(now - o.daysAgo * day),
        ],
      );
    }
    const history = HistorySchema.parse(
      (await t.request('GET', `/api/customers/${customer.id}/history`, { token: t.adminToken })).json(),
    );
    const repairs = history.items.filter((i) => i.type === 'repair');
    expect(repairs.map((r) => [r.repair!.number, r.repair!.status, r.repair!.total, r.assetLabel])).toEqual([
      [3, 'EM_ANDAMENTO', 300.25, 'Geladeira Brastemp BRM45'],
      [2, 'FINALIZADO', 99.5, null],
      [1, 'FINALIZADO', 150, 'Geladeira Brastemp BRM45'],
    ]);
    // newest first, across kinds of entry
    const times = history.items.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(history.frequency).toMatchObject({
      totalOrders: 3,
      ordersLast12Months: 2,
      averageDaysBetweenVisits: 195,
    });
    expect(history.frequency.byMonth).toHaveLength(12);
    expect(history.frequency.byMonth.reduce((n, m) => n + m.orders, 0)).toBe(2);
    expect(history.frequency.lastVisitAt).toBe(new Date(now - 10 * day).toISOString());

    const assetHistory = HistorySchema.parse(
      (await t.request('GET', `/api/assets/${fridge.id}/history`, { token: t.adminToken })).json(),
    );
    expect(assetHistory.items.filter((i) => i.type === 'repair').map((i) => i.repair!.number)).toEqual([
      3, 1,
    ]);
    expect(assetHistory.frequency.totalOrders).toBe(2);
  });

  it('shows the maintenance plans created and the reminders sent, on the asset and the customer', async () => {
    const customer = await createCustomer(t, { name: 'Cliente Lembrado' });
    const car = await createAsset(t, customer.id, {
      kind: 'vehicle',
      brand: 'Fiat',
      model: 'Uno',
      plate: 'HST1A23',
      initialReading: 30_000,
    });
    const created = await t.request('POST', `/api/assets/${car.id}/maintenance-plans`, {
      token: t.adminToken,
      body: {
        templateKey: 'vehicle.oil_change',
        lastService: { at: new Date(Date.now() - 200 * 86_400_000).toISOString() },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const plan = MaintenancePlanSchema.parse(created.json());
    // tomorrow 15:00 UTC: past 09:00 in São Paulo, when the daily job sends
    const now = new Date();
    await t.app.services.maintenance.runDue(
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 15)),
    );

    const read = async (path: string) => {
      const res = await t.request('GET', path, { token: t.adminToken, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, res.body).toBe(200);
      return HistorySchema.parse(res.json()).items.filter((i) => i.type.startsWith('maintenance_'));
    };
    const onAsset = await read(`/api/assets/${car.id}/history`);
    expect(onAsset.map((i) => [i.type, i.summary, i.maintenance?.planId])).toEqual([
      ['maintenance_reminder', 'Maintenance reminder sent: Troca de óleo', plan.id],
      ['maintenance_plan', 'Maintenance plan added: Troca de óleo', plan.id],
    ]);
    expect(onAsset[0]!.maintenance!.dueAt).toBe(plan.projection.dueAt);
    expect(onAsset[1]!.maintenance!.dueAt).toBeNull();

    const onCustomer = await read(`/api/customers/${customer.id}/history`);
    expect(onCustomer.map((i) => [i.type, i.assetId, i.assetLabel])).toEqual([
      ['maintenance_reminder', car.id, expect.stringContaining('Fiat Uno')],
      ['maintenance_plan', car.id, expect.stringContaining('Fiat Uno')],
    ]);
  });

  it('answers an empty history with zero frequency', async () => {
    const customer = await createCustomer(t, { name: 'Sem Ordens' });
    const history = HistorySchema.parse(
      (await t.request('GET', `/api/customers/${customer.id}/history`, { token: t.adminToken })).json(),
    );
    expect(history.items).toEqual([]);
    expect(history.frequency).toMatchObject({
      totalOrders: 0,
      firstVisitAt: null,
      averageDaysBetweenVisits: null,
    });
  });
});
