import { OrganizationSchema, PermissionMatrixSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('organization settings', () => {
  it('starts with one default organization and branch', async () => {
    const org = OrganizationSchema.parse(
      (await t.request('GET', '/api/organization', { token: t.adminToken })).json(),
    );
    expect(org).toMatchObject({ currency: 'BRL', locale: 'pt-BR', vertical: 'mixed' });
    const branches = (await t.request('GET', '/api/organization/branches', { token: t.adminToken })).json();
    expect(branches).toEqual([expect.objectContaining({ isDefault: true })]);
  });

  it('saves name, CNPJ (alphanumeric too), address, currency, locale and vertical', async () => {
    const res = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: {
        name: 'Auto Center São João',
        document: '12.abc.345/01de-35',
        address: {
          street: 'Rua das Flores',
          number: '100',
          city: 'Campinas',
          state: 'SP',
          postalCode: '13010-000',
        },
        currency: 'BRL',
        locale: 'pt-BR',
        vertical: 'auto',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Auto Center São João',
      document: '12ABC34501DE35',
      vertical: 'auto',
    });
    expect(res.json().address).toMatchObject({ city: 'Campinas', complement: '', country: 'BR' });
  });

  it('rejects an invalid CNPJ with 400 naming the field', async () => {
    const res = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      headers: { 'accept-language': 'es' },
      body: { document: '11.444.777/0001-62' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Validation Error',
      message: 'Datos no válidos',
      details: { document: 'CNPJ no válido' },
    });
  });

  it('honours If-Match', async () => {
    const current = await t.request('GET', '/api/organization', { token: t.adminToken });
    const stale = Number(JSON.parse(current.headers.etag as string)) - 1;
    const res = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      headers: { 'if-match': `"${stale}"` },
      body: { name: 'Outra' },
    });
    expect(res.statusCode).toBe(412);
  });

  it('lets staff read but only administrators change the settings', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    expect((await t.request('GET', '/api/organization', { token: tech.token })).statusCode).toBe(200);
    expect(
      (await t.request('PATCH', '/api/organization', { token: tech.token, body: { name: 'X' } })).statusCode,
    ).toBe(403);
    const customer = await createUserAndLogin(t, { role: 'CUSTOMER' });
    expect((await t.request('GET', '/api/organization', { token: customer.token })).statusCode).toBe(403);
  });
});

describe('permission grants', () => {
  it('shows the default matrix', async () => {
    const matrix = PermissionMatrixSchema.parse(
      (await t.request('GET', '/api/permissions', { token: t.adminToken })).json(),
    );
    const create = matrix.permissions.find((p) => p.permission === 'repairs:create')!;
    expect(create).toMatchObject({ roles: ['ADMINISTRATOR'], adjusted: false });
  });

  it('grants a permission to another role, which takes effect at once, and restores the default', async () => {
    const manager = await createUserAndLogin(t, { role: 'MANAGER' });
    const before = (await t.request('GET', '/api/auth/me', { token: manager.token })).json();
    expect(before.permissions).not.toContain('audit:read');
    expect((await t.request('GET', '/api/audit', { token: manager.token })).statusCode).toBe(403);

    const put = await t.request('PUT', '/api/permissions', {
      token: t.adminToken,
      body: { grants: { 'audit:read': ['MANAGER'] } },
    });
    expect(put.statusCode).toBe(200);
    const row = (
      put.json() as { permissions: { permission: string; roles: string[]; adjusted: boolean }[] }
    ).permissions.find((p) => p.permission === 'audit:read');
    expect(row).toMatchObject({ roles: ['ADMINISTRATOR', 'MANAGER'], adjusted: true });
    expect((await t.request('GET', '/api/audit', { token: manager.token })).statusCode).toBe(200);

    await t.request('PUT', '/api/permissions', {
      token: t.adminToken,
      body: { grants: { 'audit:read': null } },
    });
    expect((await t.request('GET', '/api/audit', { token: manager.token })).statusCode).toBe(403);
  });

  it('rejects an unknown permission or role', async () => {
    const res = await t.request('PUT', '/api/permissions', {
      token: t.adminToken,
      body: { grants: { 'nuclear:launch': ['MANAGER'] } },
    });
    expect(res.statusCode).toBe(400);
  });
});
