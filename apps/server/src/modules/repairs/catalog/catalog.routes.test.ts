import { PortalServiceListSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, customerLogin, otherOrganization } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let seq = 1;
async function catalogService(body: Record<string, unknown>, token = t.adminToken): Promise<string> {
  const res = await t.request('POST', '/api/service-catalog', {
    token,
    body: { code: `PS-${Date.now()}-${seq++}`, ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe("GET /api/portal/services (the portal's booking page)", () => {
  it('answers a CUSTOMER the active services with name, category, hours and price only', async () => {
    const oil = await catalogService({
      name: 'Troca de óleo do portal',
      category: 'Motor',
      description: 'usar óleo 5W30 do estoque B (nota interna)',
      specialty: 'mecânica',
      standardHours: 1.5,
      price: 180,
    });
    const retired = await catalogService({
      name: 'Serviço aposentado',
      standardHours: 1,
      price: 50,
      active: false,
    });
    const other = await otherOrganization(t);
    const foreign = await catalogService(
      { name: 'Serviço da outra oficina', standardHours: 1, price: 90 },
      other.token,
    );
    const portal = await customerLogin(t, (await createCustomer(t, { name: 'Cliente Agenda' })).id);

    const res = await t.request('GET', '/api/portal/services', { token: portal.token });
    expect(res.statusCode, res.body).toBe(200);
    const services = PortalServiceListSchema.parse(res.json());
    const ids = services.map((s) => s.id);
    expect(ids).toContain(oil);
    expect(ids).not.toContain(retired);
    expect(ids).not.toContain(foreign);
    // the internal fields (code, description, specialty, warranty, versions) never reach the customer
    expect(res.json().find((s: { id: string }) => s.id === oil)).toEqual({
      id: oil,
      name: 'Troca de óleo do portal',
      category: 'Motor',
      standardHours: 1.5,
      price: 180,
    });
  });

  it('refuses staff (403) and callers without a login (401)', async () => {
    expect((await t.request('GET', '/api/portal/services', { token: t.adminToken })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/portal/services')).statusCode).toBe(401);
  });
});
