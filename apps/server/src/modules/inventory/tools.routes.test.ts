import { ToolEventListSchema, ToolSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { createRepair } from '../../../test/repairs.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let sequence = 0;
async function createTool(body: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/api/tools', {
    token: t.adminToken,
    body: { code: `FER-${++sequence}`, name: `Ferramenta ${sequence}`, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create tool failed: ${res.statusCode} ${res.body}`);
  return ToolSchema.parse(res.json());
}

describe('tools', () => {
  it('registers a tool, checks it out to a technician and back in, with history', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN', name: 'Carlos Técnico' });
    const tool = await createTool({
      name: 'Scanner automotivo',
      category: 'Diagnóstico',
      location: 'Armário 2',
    });
    expect(tool).toMatchObject({ status: 'available', checkout: null });
    const out = await t.request('POST', `/api/tools/${tool.id}/checkout`, {
      token: tech.token,
      body: { technicianId: tech.id, note: 'Box 3' },
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({
      status: 'in_use',
      checkout: { technicianId: tech.id, technicianName: 'Carlos Técnico', note: 'Box 3' },
    });
    const back = await t.request('POST', `/api/tools/${tool.id}/checkin`, {
      token: tech.token,
      body: { note: 'Cabo com mau contato', toMaintenance: true },
    });
    expect(back.json()).toMatchObject({ status: 'maintenance', checkout: null });
    const busy = await t.request('POST', `/api/tools/${tool.id}/checkout`, {
      token: tech.token,
      body: { technicianId: tech.id },
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toMatch(/está em manutenção$/);
    const events = ToolEventListSchema.parse(
      (await t.request('GET', `/api/tools/${tool.id}/events`, { token: tech.token })).json(),
    );
    expect(events.items.map((e) => e.type)).toEqual(['checkin', 'checkout', 'created']);
    const board = (await t.request('GET', '/api/tools?status=maintenance', { token: tech.token })).json();
    expect(board.items.map((i: { id: string }) => i.id)).toContain(tool.id);
  });

  it('lets exactly one of two concurrent checkouts win; the other gets 409', async () => {
    const tool = await createTool();
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const responses = await Promise.all(
      [t.adminToken, tech.token].map((token) =>
        t.request('POST', `/api/tools/${tool.id}/checkout`, { token, body: { technicianId: tech.id } }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const events = (await t.request('GET', `/api/tools/${tool.id}/events`, { token: t.adminToken })).json();
    expect(events.items.filter((e: { type: string }) => e.type === 'checkout')).toHaveLength(1);
  });

  it('lists the tools reserved for a service order with ?repairId', async () => {
    const repair = await createRepair(t);
    const other = await createRepair(t);
    const lift = await createTool({ name: 'Elevador' });
    const meter = await createTool({ name: 'Multímetro' });
    await createTool({ name: 'Prensa' });
    for (const [tool, repairId] of [
      [lift, repair.id],
      [meter, other.id],
    ] as const) {
      const out = await t.request('POST', `/api/tools/${tool.id}/checkout`, {
        token: t.adminToken,
        body: { repairId },
      });
      expect(out.statusCode, out.body).toBe(200);
    }
    const forOrder = async (id: string) =>
      (await t.request('GET', `/api/tools?repairId=${id}`, { token: t.adminToken })).json() as {
        items: { id: string }[];
        total: number;
      };
    expect(await forOrder(repair.id)).toMatchObject({ items: [{ id: lift.id }], total: 1 });
    await t.request('POST', `/api/tools/${lift.id}/checkin`, { token: t.adminToken, body: {} });
    expect((await forOrder(repair.id)).items).toEqual([]);
    expect((await forOrder(other.id)).items.map((i) => i.id)).toEqual([meter.id]);
    const bad = await t.request('GET', '/api/tools?repairId=not-a-uuid', { token: t.adminToken });
    expect(bad.statusCode).toBe(400);
  });

  it('requires a technician or a service order, refuses duplicates, stale versions and other shops', async () => {
    const tool = await createTool({ code: 'TORQ-1' });
    const empty = await t.request('POST', `/api/tools/${tool.id}/checkout`, {
      token: t.adminToken,
      body: {},
    });
    expect(empty.statusCode).toBe(400);
    const dup = await t.request('POST', '/api/tools', {
      token: t.adminToken,
      body: { code: 'TORQ-1', name: 'X' },
    });
    expect(dup.statusCode).toBe(409);
    const stale = await t.request('PATCH', `/api/tools/${tool.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"7"' },
      body: { status: 'retired' },
    });
    expect(stale.statusCode).toBe(412);
    const other = await otherOrganization(t);
    expect((await t.request('GET', `/api/tools/${tool.id}`, { token: other.token })).statusCode).toBe(404);
    const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const forbidden = await t.request('POST', `/api/tools/${tool.id}/checkout`, {
      token: attendant.token,
      body: { technicianId: attendant.id },
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
