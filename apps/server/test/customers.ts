import { hashPassword } from '../src/platform/password.js';
import type { TestApp } from './helpers.js';

/** Creates a customer through the API as the administrator; throws unless 201. */
export async function createCustomer(t: TestApp, body: Record<string, unknown>, token = t.adminToken) {
  const res = await t.request('POST', '/api/customers', { token, body });
  if (res.statusCode !== 201) throw new Error(`create customer failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number; name: string } & Record<string, unknown>;
}

export async function createAsset(t: TestApp, customerId: string, body: Record<string, unknown>) {
  const res = await t.request('POST', `/api/customers/${customerId}/assets`, { token: t.adminToken, body });
  if (res.statusCode !== 201) throw new Error(`create asset failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number } & Record<string, unknown>;
}

/** A CUSTOMER login linked to a customer record, signed in. */
export async function customerLogin(t: TestApp, customerId: string) {
  const email = `cliente-${customerId.slice(0, 8)}@portal.test`;
  const res = await t.request('POST', '/api/users', {
    token: t.adminToken,
    body: { name: 'Cliente Portal', email, password: 'portal-pass-1', role: 'CUSTOMER', customerId },
  });
  if (res.statusCode !== 201) throw new Error(`create portal user failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().id as string, token: (await t.login(email, 'portal-pass-1')).accessToken };
}

/** A second shop in the same installation, with its own administrator signed in. */
export async function otherOrganization(t: TestApp) {
  const {
    rows: [org],
  } = await t.deps.pool.query<{ id: string }>(
    `INSERT INTO organizations (name) VALUES ('Outra Oficina') RETURNING id`,
  );
  const email = `dono-${org!.id.slice(0, 8)}@outra.test`;
  await t.deps.pool.query(
    `INSERT INTO users (organization_id, name, email, password_hash, role)
     VALUES ($1, 'Dono da Outra', $2, $3, 'ADMINISTRATOR')`,
    [org!.id, email, await hashPassword('outra-pass-1')],
  );
  return { organizationId: org!.id, token: (await t.login(email, 'outra-pass-1')).accessToken };
}
