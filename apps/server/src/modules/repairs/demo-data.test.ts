import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { adminContext } from '../../../test/inventory.js';
import { seedInventoryDemo } from '../inventory/demo-data.js';
import { seedUsersDemo } from '../users/demo-data.js';
import { seedRepairsDemo } from './demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('service-order demo data', () => {
  it('fills the board with orders in every status through the services', async () => {
    const ctx = await adminContext(t);
    await seedInventoryDemo(t.app.services, ctx);
    const customers = [];
    for (let i = 0; i < 8; i++) {
      const customer = await createCustomer(t, { name: `Cliente Demo ${i}` });
      const assets =
        i < 4
          ? [await createAsset(t, customer.id, { kind: 'vehicle', plate: `DEM${i}A12` })]
          : i < 6
            ? [await createAsset(t, customer.id, { kind: 'machine', brand: 'Komatsu', serial: `PC200-${i}` })]
            : [];
      customers.push({ id: customer.id, assets: assets.map((a) => ({ id: a.id, kind: a.kind as string })) });
    }
    const staff = await seedUsersDemo(t.app.services, ctx, () => 'demo-pass-123');
    const technicians = staff.filter((s) => s.role === 'TECHNICIAN');
    const result = await seedRepairsDemo(t.app.services, ctx, customers, technicians);
    expect(result).toEqual({ catalog: 9, repairs: 14, timedRepairs: 7 });
    const list = (await t.request('GET', '/api/repairs?pageSize=100', { token: t.adminToken })).json();
    const statuses = new Set(list.items.map((r: { status: string }) => r.status));
    expect([...statuses].sort()).toEqual([
      'AGUARDANDO_APROVACAO',
      'AGUARDANDO_PECAS',
      'CANCELADO',
      'EM_ANDAMENTO',
      'EM_REVISAO',
      'ENTREGUE',
      'FINALIZADO',
      'NAO_INICIADO',
    ]);
    // orders go to technicians by specialty; one waits on the board for someone to take it
    const unassigned = list.items.filter(
      (r: { technicianId: string | null; status: string }) => !r.technicianId && r.status !== 'CANCELADO',
    );
    expect(unassigned).toHaveLength(1);
    // each technician finds work under "Meus serviços", with time already recorded on it
    for (const tech of technicians) {
      const { token } = { token: (await t.login(tech.email, 'demo-pass-123')).accessToken };
      const mine = (await t.request('GET', '/api/repairs?technicianId=me&pageSize=100', { token })).json();
      expect(mine.items.length, tech.name).toBeGreaterThan(0);
    }
    const working = list.items.find((r: { status: string }) => r.status === 'EM_ANDAMENTO');
    const time = (await t.request('GET', `/api/repairs/${working.id}/time`, { token: t.adminToken })).json();
    expect(time.entries.length).toBe(2);
    expect(time.entries.every((e: { endedAt: string | null }) => e.endedAt !== null)).toBe(true);
    expect(time.actualHours).toBe(3.75);
    // seed 004's parts went out of availability for the open fridge order
    const thermostat = (await t.request('GET', '/api/components/comp-001', { token: t.adminToken })).json();
    expect(thermostat).toMatchObject({ stock: 14, reserved: 1 });
  });
});
