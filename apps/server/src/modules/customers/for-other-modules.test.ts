import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer, otherOrganization } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import type { AuthedContext } from '../../platform/context.js';
import { inTransaction } from '../../platform/tx.js';

// what the service-order module asks of customers and assets, called as it calls them
let t: TestApp;
let ctx: AuthedContext;
beforeAll(async () => {
  t = await createTestApp();
  const {
    rows: [admin],
  } = await t.deps.pool.query<{ id: string; organization_id: string }>(
    `SELECT id, organization_id FROM users WHERE role = 'ADMINISTRATOR' ORDER BY created_at LIMIT 1`,
  );
  ctx = {
    actor: {
      userId: admin!.id,
      name: 'Admin',
      email: 'admin@oficina.test',
      role: 'ADMINISTRATOR',
      organizationId: admin!.organization_id,
      branchId: null,
      sessionId: 'test',
      grants: {},
      customerId: null,
    },
    ip: null,
    userAgent: 'test',
    locale: 'pt-BR',
    requestId: 'test',
  };
});
afterAll(() => t.close());

const org = () => ctx.actor.organizationId;
const applianceForOrder = (customerId: string, appliance: { type: string; serial?: string | null }) =>
  inTransaction(t.deps.pool, (tx) => t.app.services.assets.applianceForOrder(tx, ctx, customerId, appliance));

describe('assets for service orders', () => {
  it('matches a customer’s appliance by serial, ignoring case and spaces, else creates it (audited)', async () => {
    const customer = await createCustomer(t, { name: 'Dona da Geladeira' });
    const fridge = await createAsset(t, customer.id, {
      kind: 'appliance',
      type: 'Geladeira',
      serial: 'BR-123x',
    });
    expect(await applianceForOrder(customer.id, { type: 'Geladeira', serial: '  br-123X ' })).toBe(fridge.id);

    const created = await applianceForOrder(customer.id, { type: 'Fogão', serial: 'FG-9' });
    expect(created).not.toBe(fridge.id);
    expect(await applianceForOrder(customer.id, { type: 'Fogão', serial: 'fg-9' })).toBe(created);
    const audit = (
      await t.request('GET', `/api/audit?action=asset.created&entityId=${created}`, { token: t.adminToken })
    ).json();
    expect(audit.items[0].after).toMatchObject({ kind: 'appliance', type: 'Fogão', source: 'repair' });

    // without a serial there is nothing to match: every appliance is a new asset
    const first = await applianceForOrder(customer.id, { type: 'Ventilador' });
    expect(await applianceForOrder(customer.id, { type: 'Ventilador', serial: null })).not.toBe(first);
  });

  it('never matches another customer’s appliance, nor a machine with the same serial', async () => {
    const owner = await createCustomer(t, { name: 'Dono Original' });
    const other = await createCustomer(t, { name: 'Outro Cliente' });
    const fridge = await createAsset(t, owner.id, { kind: 'appliance', type: 'Geladeira', serial: 'SAME-1' });
    expect(await applianceForOrder(other.id, { type: 'Geladeira', serial: 'SAME-1' })).not.toBe(fridge.id);
    const machine = await createAsset(t, owner.id, { kind: 'machine', brand: 'JCB', serial: 'MAQ-1' });
    expect(await applianceForOrder(owner.id, { type: 'Geladeira', serial: 'MAQ-1' })).not.toBe(machine.id);
  });

  it('finds, summarizes and searches assets within the organization only', async () => {
    const customer = await createCustomer(t, { name: 'Motorista Resumo' });
    const car = await createAsset(t, customer.id, { kind: 'vehicle', brand: 'Fiat', plate: 'SUM1234' });
    const assets = t.app.services.assets;
    expect(await assets.findForOrder(t.deps.db, org(), car.id)).toEqual({
      id: car.id,
      customerId: customer.id,
      kind: 'vehicle',
    });
    expect((await assets.summaries(t.deps.db, org(), [car.id])).get(car.id)).toEqual({
      id: car.id,
      kind: 'vehicle',
      label: 'Fiat · SUM-1234',
      plate: 'SUM1234',
      serial: null,
    });
    expect(await assets.searchIds(t.deps.db, org(), 'SUM-1234', 10)).toContain(car.id);
    const outsider = await otherOrganization(t);
    expect(await assets.findForOrder(t.deps.db, outsider.organizationId, car.id)).toBeUndefined();
    expect(await assets.searchIds(t.deps.db, outsider.organizationId, 'SUM-1234', 10)).toEqual([]);
  });
});

describe('customers for service orders', () => {
  it('gives contact data, names and search ids, and moves the last visit forward only', async () => {
    const customer = await createCustomer(t, {
      name: 'Cliente Contato',
      email: 'contato@exemplo.com.br',
      preferences: { contactChannel: 'email' },
    });
    const customers = t.app.services.customers;
    expect(await customers.contactOf(t.deps.db, org(), customer.id)).toMatchObject({
      id: customer.id,
      name: 'Cliente Contato',
      email: 'contato@exemplo.com.br',
      preferences: { contactChannel: 'email' },
    });
    expect((await customers.namesByIds(t.deps.db, org(), [customer.id])).get(customer.id)).toBe(
      'Cliente Contato',
    );
    expect(await customers.searchIds(t.deps.db, org(), 'contato', 10)).toContain(customer.id);

    const later = new Date('2026-03-01T12:00:00.000Z');
    await customers.touchLastVisit(t.deps.db, org(), customer.id, later);
    await customers.touchLastVisit(t.deps.db, org(), customer.id, new Date('2025-01-01T12:00:00.000Z'));
    const res = await t.request('GET', `/api/customers/${customer.id}`, { token: t.adminToken });
    expect(res.json().lastVisitAt).toBe(later.toISOString());

    const outsider = await otherOrganization(t);
    await customers.touchLastVisit(t.deps.db, outsider.organizationId, customer.id, new Date('2027-01-01'));
    expect(
      (await t.request('GET', `/api/customers/${customer.id}`, { token: t.adminToken })).json().lastVisitAt,
    ).toBe(later.toISOString());
    expect(await customers.contactOf(t.deps.db, outsider.organizationId, customer.id)).toBeUndefined();
  });
});
