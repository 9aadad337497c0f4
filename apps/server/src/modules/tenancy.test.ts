import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { hashPassword } from '../platform/password.js';

let t: TestApp;
let otherToken: string;
let otherUserId: string;
beforeAll(async () => {
  t = await createTestApp();
  // a second shop in the same installation
  const {
    rows: [org],
  } = await t.deps.pool.query<{ id: string }>(
    `INSERT INTO organizations (name) VALUES ('Outra Oficina') RETURNING id`,
  );
  const {
    rows: [user],
  } = await t.deps.pool.query<{ id: string }>(
    `INSERT INTO users (organization_id, name, email, password_hash, role)
     VALUES ($1, 'Dono da Outra', 'dono@outra.test', $2, 'ADMINISTRATOR') RETURNING id`,
    [org!.id, await hashPassword('outra-pass-1')],
  );
  otherUserId = user!.id;
  otherToken = (await t.login('dono@outra.test', 'outra-pass-1')).accessToken;
});
afterAll(() => t.close());

describe('tenancy', () => {
  it('one organization cannot see or change another’s users, settings or audit', async () => {
    const list = await t.request('GET', '/api/users', { token: otherToken });
    expect(list.json().items.map((u: { email: string }) => u.email)).toEqual(['dono@outra.test']);
    const adminList = await t.request('GET', '/api/users', { token: t.adminToken });
    expect(adminList.json().items.map((u: { id: string }) => u.id)).not.toContain(otherUserId);

    expect((await t.request('GET', `/api/users/${otherUserId}`, { token: t.adminToken })).statusCode).toBe(
      404,
    );
    const patch = await t.request('PATCH', `/api/users/${otherUserId}`, {
      token: t.adminToken,
      body: { name: 'Invadido' },
    });
    expect(patch.statusCode).toBe(404);

    const org = await t.request('GET', '/api/organization', { token: otherToken });
    expect(org.json().name).toBe('Outra Oficina');
    // the other shop sees only its own sign-in, none of the first shop's history
    const audit = await t.request('GET', '/api/audit', { token: otherToken });
    expect(
      audit.json().items.map((e: { action: string; actorName: string }) => [e.action, e.actorName]),
    ).toEqual([['auth.login', 'Dono da Outra']]);
  });
});
