import { UserPageSchema, UserSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUserAndLogin, runCli, type TestApp } from '../../../test/helpers.js';
import { systemContext } from '../../platform/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const technician = {
  name: 'Carlos Mecânico',
  email: 'carlos@oficina.test',
  password: 'carlos-123',
  role: 'TECHNICIAN',
  area: 'Oficina',
  specialties: ['freios', 'suspensão'],
  workingHours: [
    { day: 'mon', start: '08:00', end: '12:00' },
    { day: 'mon', start: '13:00', end: '18:00' },
  ],
};

describe('users', () => {
  it('creates a technician with specialties and working hours', async () => {
    const res = await t.request('POST', '/api/users', { token: t.adminToken, body: technician });
    expect(res.statusCode).toBe(201);
    const user = UserSchema.parse(res.json());
    expect(user).toMatchObject({
      role: 'TECHNICIAN',
      specialties: ['freios', 'suspensão'],
      active: true,
      version: 1,
    });
    expect(user.workingHours).toHaveLength(2);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).not.toMatch(/password/i);
  });

  it('refuses a second user with the same e-mail (any case) with 409', async () => {
    const res = await t.request('POST', '/api/users', {
      token: t.adminToken,
      body: { ...technician, email: 'CARLOS@oficina.test' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'Conflict',
      details: { email: 'Já existe um usuário com este e-mail' },
    });
  });

  it('reports every invalid field keyed by its path', async () => {
    const res = await t.request('POST', '/api/users', {
      token: t.adminToken,
      headers: { 'accept-language': 'en' },
      body: {
        name: 'X',
        email: 'not-an-email',
        password: 'short',
        role: 'BOSS',
        workingHours: [{ day: 'mon', start: '10:00', end: '09:00' }],
      },
    });
    expect(res.statusCode).toBe(400);
    const { details } = res.json();
    expect(Object.keys(details).sort()).toEqual(['email', 'name', 'password', 'role', 'workingHours.0.end']);
    expect(details.password).toBe('The password must have at least 8 characters');
    expect(details['workingHours.0.end']).toBe('The end must be after the start');
  });

  it('forbids a technician from the admin-only routes with 403', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const list = await t.request('GET', '/api/users', { token: tech.token });
    expect(list.statusCode).toBe(403);
    expect(list.json()).toEqual({ error: 'Forbidden', message: 'Você não tem permissão para esta ação' });
    // permission is checked before the body, so an invalid body still gets 403
    const create = await t.request('POST', '/api/users', { token: tech.token, body: { name: 1 } });
    expect(create.statusCode).toBe(403);
    expect((await t.request('GET', '/api/audit', { token: tech.token })).statusCode).toBe(403);
  });

  it('lets a manager read users but not change them', async () => {
    const manager = await createUserAndLogin(t, { role: 'MANAGER' });
    expect((await t.request('GET', '/api/users', { token: manager.token })).statusCode).toBe(200);
    const patch = await t.request('PATCH', `/api/users/${manager.id}`, {
      token: manager.token,
      body: { role: 'ADMINISTRATOR' },
    });
    expect(patch.statusCode).toBe(403);
  });

  it('lists with search, role filter and pagination', async () => {
    for (const name of ['Beatriz Souza', 'Bruno Lima', 'Bianca Rocha']) {
      await t.request('POST', '/api/users', {
        token: t.adminToken,
        body: {
          name,
          email: `${name.split(' ')[0]!.toLowerCase()}@oficina.test`,
          password: 'pass-12345',
          role: 'ATTENDANT',
        },
      });
    }
    const page = UserPageSchema.parse(
      (
        await t.request('GET', '/api/users?role=ATTENDANT&q=b&pageSize=2&page=1', { token: t.adminToken })
      ).json(),
    );
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items).toHaveLength(2);
    expect(page.items.every((u) => u.role === 'ATTENDANT')).toBe(true);
    const search = UserPageSchema.parse(
      (await t.request('GET', '/api/users?q=rocha', { token: t.adminToken })).json(),
    );
    expect(search.items.map((u) => u.name)).toEqual(['Bianca Rocha']);
    const bad = await t.request('GET', '/api/users?pageSize=1000', { token: t.adminToken });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toHaveProperty('pageSize');
  });

  it('changes area and role (seed 002) and ends the person’s sessions on a role change', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const get = await t.request('GET', `/api/users/${user.id}`, { token: t.adminToken });
    const res = await t.request('PATCH', `/api/users/${user.id}`, {
      token: t.adminToken,
      headers: { 'if-match': get.headers.etag as string },
      body: { role: 'TECHNICIAN', area: 'Elétrica' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'TECHNICIAN', area: 'Elétrica', version: 2 });
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).statusCode).toBe(401);
  });

  it('answers a stale If-Match with 412 and keeps the newer data', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const first = await t.request('PATCH', `/api/users/${user.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { area: 'Recepção' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await t.request('PATCH', `/api/users/${user.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { area: 'Caixa' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ error: 'Precondition Failed', details: { currentVersion: 2 } });
    expect((await t.request('GET', `/api/users/${user.id}`, { token: t.adminToken })).json().area).toBe(
      'Recepção',
    );
  });

  it('lets exactly one of several concurrent edits with the same If-Match win', async () => {
    const user = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((area) =>
        t.request('PATCH', `/api/users/${user.id}`, {
          token: t.adminToken,
          headers: { 'if-match': '"1"' },
          body: { area },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412, 412]);
  });

  it('never leaves the organization without an active administrator', async () => {
    const me = (await t.request('GET', '/api/auth/me', { token: t.adminToken })).json();
    const demote = await t.request('PATCH', `/api/users/${me.id}`, {
      token: t.adminToken,
      body: { role: 'MANAGER' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().message).toBe('A organização precisa de pelo menos um administrador ativo');
    const deactivate = await t.request('PATCH', `/api/users/${me.id}`, {
      token: t.adminToken,
      body: { active: false },
    });
    expect(deactivate.statusCode).toBe(409);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const missing = await t.request('GET', '/api/users/00000000-0000-4000-8000-000000000000', {
      token: t.adminToken,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'Not Found', message: 'Usuário não encontrado' });
    expect((await t.request('GET', '/api/users/abc', { token: t.adminToken })).statusCode).toBe(400);
  });
});

describe('create-admin (CLI)', () => {
  it('creates an administrator who can sign in', async () => {
    const target = await t.app.services.organization.ensureDefault(systemContext());
    const result = await t.app.services.users.createOrRestoreAdmin(systemContext(), target, {
      email: 'Nova.Dona@Oficina.test',
      password: 'nova-senha-123',
      name: 'Nova Dona',
    });
    expect(result.created).toBe(true);
    const tokens = await t.login('nova.dona@oficina.test', 'nova-senha-123');
    expect(tokens.user).toMatchObject({ role: 'ADMINISTRATOR', name: 'Nova Dona' });
  });

  it('gets a locked-out, demoted account back in through the command line', async () => {
    const user = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    await t.deps.pool.query(`UPDATE users SET locked_until = now() + interval '1 hour' WHERE id = $1`, [
      user.id,
    ]);
    const { stdout, exitCode } = await runCli(
      ['create-admin', '--email', user.email, '--password', 'recuperada-123'],
      t.url,
    );
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/now an active administrator/);
    expect((await t.request('GET', '/api/auth/me', { token: user.token })).statusCode).toBe(401);
    const tokens = await t.login(user.email, 'recuperada-123');
    expect(tokens.user.role).toBe('ADMINISTRATOR');
    const audit = await t.request('GET', `/api/audit?entityId=${user.id}&action=user.restore_admin`, {
      token: t.adminToken,
    });
    expect(audit.json().total).toBe(1);
  });

  it('refuses a short password', async () => {
    const target = await t.app.services.organization.ensureDefault(systemContext());
    await expect(
      t.app.services.users.createOrRestoreAdmin(systemContext(), target, {
        email: 'x@y.z',
        password: 'curta',
      }),
    ).rejects.toThrow();
  });
});
