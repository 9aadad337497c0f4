import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { adminContext } from '../../../test/inventory.js';
import { DEMO_COMPONENTS, seedInventoryDemo } from './demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('inventory demo data', () => {
  it('goes in through the services with seed 004’s components and some below minimum', async () => {
    const result = await seedInventoryDemo(t.app.services, await adminContext(t));
    expect(result).toMatchObject({ suppliers: 4, purchaseOrders: 3, tools: 9 });
    expect(DEMO_COMPONENTS.length).toBeGreaterThanOrEqual(30);
    const term = (await t.request('GET', '/api/components/comp-001', { token: t.adminToken })).json();
    expect(term).toMatchObject({
      name: 'Termostato',
      price: 85.5,
      stock: 15,
      supplier: 'Refrigeração Brasil Ltda',
    });
    const res = (await t.request('GET', '/api/components/comp-045', { token: t.adminToken })).json();
    expect(res.price).toBe(45);
    const low = (await t.request('GET', '/api/components?belowMinimum=true', { token: t.adminToken })).json();
    expect(low.total).toBeGreaterThan(3);
    const orders = (await t.request('GET', '/api/purchase-orders', { token: t.adminToken })).json();
    expect(orders.items.map((o: { status: string }) => o.status).sort()).toEqual([
      'draft',
      'partially_received',
      'sent',
    ]);
  });
});
