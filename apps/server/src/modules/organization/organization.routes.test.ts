import { MeSchema, OrganizationSchema, PermissionMatrixSchema, PortalShopSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, customerLogin } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { createRepair } from '../../../test/repairs.js';
import { bootstrap } from '../../runtime.js';

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

describe('public address and time zone', () => {
  it('starts in Brazil’s zone with no public address, so customer links point at localhost', async () => {
    const org = OrganizationSchema.parse(
      (await t.request('GET', '/api/organization', { token: t.adminToken })).json(),
    );
    expect(org).toMatchObject({ publicUrl: null, timeZone: 'America/Sao_Paulo' });
    const me = MeSchema.parse((await t.request('GET', '/api/auth/me', { token: t.adminToken })).json());
    expect(me.organization).toMatchObject({ timeZone: 'America/Sao_Paulo', customerLinksReachable: false });
  });

  it('warns at start-up, in one line naming the fix, while customer links point at localhost', async () => {
    const lines: string[] = [];
    await bootstrap(t.app.services, t.deps.config, (line) => lines.push(line));
    const warnings = lines.filter((l) => l.startsWith('Warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('http://localhost:');
    expect(warnings[0]).toContain('PUBLIC_URL');
    expect(warnings[0]).toContain('public address');
  });

  it('rejects an address that is not http(s) and a zone Intl does not know, naming the fields', async () => {
    const res = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { publicUrl: 'ftp://oficina.com.br', timeZone: 'America/Atlantida' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual({
      publicUrl: expect.stringContaining('http'),
      timeZone: 'Fuso horário desconhecido (ex.: America/Sao_Paulo)',
    });
  });

  it('saves the public address and zone; estimate links use the address; no warning any more', async () => {
    const res = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { publicUrl: 'https://oficina.example.com.br/', timeZone: 'America/Santiago' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      publicUrl: 'https://oficina.example.com.br',
      timeZone: 'America/Santiago',
    });
    const me = MeSchema.parse((await t.request('GET', '/api/auth/me', { token: t.adminToken })).json());
    expect(me.organization).toMatchObject({ timeZone: 'America/Santiago', customerLinksReachable: true });

    const repair = await createRepair(t);
    const sent = await t.request('POST', `/api/repairs/${repair.id}/estimates`, {
      token: t.adminToken,
      body: { notify: false },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().link).toMatch(/^https:\/\/oficina\.example\.com\.br\/estimate\/[\w-]+\.[\w-]+$/);

    const lines: string[] = [];
    await bootstrap(t.app.services, t.deps.config, (line) => lines.push(line));
    expect(lines.filter((l) => l.startsWith('Warning'))).toEqual([]);
  });

  it('treats a private network address as unreachable and null as "back to PUBLIC_URL"', async () => {
    await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { publicUrl: 'http://192.168.0.10:3000' },
    });
    const me = MeSchema.parse((await t.request('GET', '/api/auth/me', { token: t.adminToken })).json());
    expect(me.organization.customerLinksReachable).toBe(false);
    const cleared = await t.request('PATCH', '/api/organization', {
      token: t.adminToken,
      body: { publicUrl: null },
    });
    expect(cleared.json().publicUrl).toBeNull();
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

describe("GET /api/portal/shop (the customer's portal)", () => {
  it('answers a CUSTOMER the public fields only, and refuses staff and callers without a login', async () => {
    const org = OrganizationSchema.parse(
      (await t.request('GET', '/api/organization', { token: t.adminToken })).json(),
    );
    const customer = await createCustomer(t, { name: 'Cliente do Portal' });
    const portal = await customerLogin(t, customer.id);
    // the settings themselves stay the staff's
    expect((await t.request('GET', '/api/organization', { token: portal.token })).statusCode).toBe(403);

    const res = await t.request('GET', '/api/portal/shop', { token: portal.token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      name: org.name,
      currency: org.currency,
      locale: org.locale,
      timeZone: org.timeZone,
      paymentTerms: org.paymentTerms,
    });
    expect(PortalShopSchema.strict().parse(res.json()).currency).toBe(org.currency);

    expect((await t.request('GET', '/api/portal/shop', { token: t.adminToken })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/portal/shop')).statusCode).toBe(401);
  });
});
