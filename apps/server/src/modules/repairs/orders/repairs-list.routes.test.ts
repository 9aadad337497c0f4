import { ErrorBodySchema, RepairPageSchema, RepairSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../../test/helpers.js';
import { createComponent } from '../../../../test/inventory.js';
import { createRepair, moveRepair } from '../../../../test/repairs.js';
import { statementsOf } from '../../../../test/statements.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('reading and listing orders', () => {
  it('lists with filters (status, customer, technician, period, text) and pagination; other shops see nothing', async () => {
    const owner = await createCustomer(t, { name: 'Zélia Listada' });
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Tião Técnico' });
    const a = await createRepair(
      t,
      { receivedAt: '2025-01-10', technicianId: tech.id },
      { customerId: owner.id },
    );
    const b = await createRepair(
      t,
      { receivedAt: '2025-03-10', appliances: [{ type: 'Fogão', serial: 'FG-777', laborValue: 50 }] },
      { customerId: owner.id },
    );
    const get = async (query: string, token = t.adminToken) =>
      RepairPageSchema.parse((await t.request('GET', `/api/repairs?${query}`, { token })).json());
    expect((await get(`customerId=${owner.id}`)).items.map((i) => i.id)).toEqual([b.id, a.id]);
    expect((await get(`customerId=${owner.id}&sort=receivedAt`)).items.map((i) => i.id)).toEqual([
      a.id,
      b.id,
    ]);
    expect((await get(`customerId=${owner.id}&from=2025-02-01`)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await get(`customerId=${owner.id}&to=2025-02-01`)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await get(`technicianId=${tech.id}`)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await get('technicianId=me', tech.token)).items.map((i) => i.id)).toEqual([a.id]);
    expect((await get('q=zelia listada')).items.map((i) => i.id)).toEqual([b.id, a.id]);
    expect((await get('q=FG-777')).items.map((i) => i.id)).toEqual([b.id]);
    expect((await get(`q=${b.number}`)).items.map((i) => i.id)).toContain(b.id);
    expect((await get(`customerId=${owner.id}&status=NAO_INICIADO,EM_ANDAMENTO`)).total).toBe(2);
    expect((await get(`customerId=${owner.id}&status=CANCELADO`)).total).toBe(0);
    const page = await get(`customerId=${owner.id}&pageSize=1&page=2`);
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items[0]).toMatchObject({
      id: a.id,
      customerName: 'Zélia Listada',
      technicianName: 'Tião Técnico',
    });
    expect((await get(`customerId=${owner.id}&overdue=true`)).total).toBe(2);
    const bad = await t.request('GET', '/api/repairs?status=PRONTO', { token: t.adminToken });
    expect(bad.statusCode).toBe(400);

    const outsider = await otherOrganization(t);
    expect((await get('', outsider.token)).total).toBe(0);
    expect((await t.request('GET', `/api/repairs/${a.id}`, { token: outsider.token })).statusCode).toBe(404);
  });

  it('walks a long list by cursor: every order once, in the order of each sort; a bad cursor is a 400', async () => {
    const owner = await createCustomer(t, { name: 'Cursor Pereira' });
    // equal dates, missing deadlines and mixed priorities, so ties are broken by the number
    const shapes = [
      { receivedAt: '2025-05-01', deadline: '2025-06-01', priority: 'NORMAL' },
      { receivedAt: '2025-05-01', deadline: null, priority: 'URGENT' },
      { receivedAt: '2025-04-01', deadline: '2025-06-01', priority: 'HIGH' },
      { receivedAt: '2025-05-02', deadline: null, priority: 'NORMAL' },
      { receivedAt: '2025-04-01', deadline: '2025-05-15', priority: 'URGENT' },
      { receivedAt: '2025-05-02', deadline: '2025-05-15', priority: 'LOW' },
      { receivedAt: '2025-05-01', deadline: null, priority: 'HIGH' },
    ];
    for (const shape of shapes) await createRepair(t, shape, { customerId: owner.id });
    const get = async (query: string) => {
      const res = await t.request('GET', `/api/repairs?customerId=${owner.id}&${query}`, {
        token: t.adminToken,
      });
      expect(res.statusCode).toBe(200);
      return RepairPageSchema.parse(res.json());
    };
    for (const sort of ['-receivedAt', 'receivedAt', '-number', 'deadline', '-updatedAt', 'priority']) {
      const whole = await get(`sort=${sort}&pageSize=200`);
      expect(whole).toMatchObject({ total: 7, totalCapped: false, nextCursor: null });
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof get>> = await get(
          `sort=${sort}&pageSize=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(2);
        walked.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked, sort).toEqual(whole.items.map((i) => i.id));
    }
    // numbered pages still work where a page number is needed
    const second = await get('sort=-number&pageSize=3&page=2');
    expect(second.items.map((i) => i.number)).toEqual(
      (await get('sort=-number&pageSize=200')).items.slice(3, 6).map((i) => i.number),
    );
    // a page past the end still says how many there are; an empty first page says none
    expect(await get('sort=-number&pageSize=5&page=3')).toMatchObject({
      items: [],
      total: 7,
      totalCapped: false,
    });
    expect(await get('status=CANCELADO')).toMatchObject({ items: [], total: 0, nextCursor: null });
    const bad = await t.request('GET', '/api/repairs?cursor=not-a-cursor', { token: t.adminToken });
    expect(bad.statusCode).toBe(400);
    expect(ErrorBodySchema.parse(bad.json()).details).toHaveProperty('cursor');
  });

  it("puts orders in the customer's and the asset's history", async () => {
    const owner = await createCustomer(t, { name: 'Histórico da Silva' });
    const repair = await createRepair(t, {}, { customerId: owner.id });
    const history = (
      await t.request('GET', `/api/customers/${owner.id}/history`, { token: t.adminToken })
    ).json();
    expect(history.items.map((i: { repair: { id: string } | null }) => i.repair?.id)).toContain(repair.id);
    const assetId = repair.appliances[0]!.assetId!;
    const assetHistory = (
      await t.request('GET', `/api/assets/${assetId}/history`, { token: t.adminToken })
    ).json();
    expect(assetHistory.items.map((i: { repair: { id: string } | null }) => i.repair?.id)).toContain(
      repair.id,
    );
    // the same serial on the next order is the same asset
    const next = await createRepair(t, {}, { customerId: owner.id });
    expect(next.appliances[0]!.assetId).toBe(assetId);
  });
});

describe('round trips of a read (issue 11)', () => {
  it('GET one order is two round trips of three statements, whatever it holds; a page is three (its rows with their count, then the names)', async () => {
    const owner = await createCustomer(t, { name: 'Ida Leitura' });
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Téo Leitor' });
    const repair = await createRepair(
      t,
      {
        technicianId: tech.id,
        services: [{ description: 'Revisão', hours: 1.5, price: 120, technicianId: tech.id }],
        parts: [
          {
            componentId: (await createComponent(t, { name: 'Correia', price: 30, stock: 5 })).id,
            quantity: 2,
          },
        ],
      },
      { customerId: owner.id },
    );
    await moveRepair(t, repair.id, ['EM_ANDAMENTO']);
    const sent = await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
      token: t.adminToken,
      body: { notify: false },
    });
    expect(sent.statusCode, sent.body).toBeLessThan(300);
    const timer = await t.request('POST', `/api/repairs/${repair.id}/timers/start`, {
      token: tech.token,
      body: {},
    });
    expect(timer.statusCode, timer.body).toBe(201);

    let answer: unknown;
    const get = await statementsOf(t, async () => {
      answer = (await t.request('GET', `/api/repairs/${repair.id}`, { token: t.adminToken })).json();
    });
    // the sign-in's check (session and organization, every request's) aside: the order in one
    // statement, then the names other modules keep
    const authCheck = (s: string) => /"sessions"|from "organizations"/.test(s);
    const reads = get.filter((s) => !authCheck(s));
    expect(reads.length, reads.join('\n')).toBeLessThanOrEqual(3);
    const order = RepairSchema.parse(answer);
    expect(order).toMatchObject({
      customerName: 'Ida Leitura',
      technicianName: 'Téo Leitor',
      estimate: { version: 1 },
    });
    expect(order.services[0]).toMatchObject({
      description: 'Revisão',
      hours: 1.5,
      technicianName: 'Téo Leitor',
    });
    expect(order.appliances).toHaveLength(1);
    expect(order.parts[0]).toMatchObject({ name: 'Correia', quantity: 2, totalValue: 60 });

    const list = await statementsOf(t, () =>
      t.request('GET', `/api/repairs?customerId=${owner.id}&pageSize=50`, { token: t.adminToken }),
    );
    const listReads = list.filter((s) => !authCheck(s));
    expect(listReads.length, listReads.join('\n')).toBeLessThanOrEqual(3);
  });
});
