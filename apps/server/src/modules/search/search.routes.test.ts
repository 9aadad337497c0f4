import { SearchResultSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { makeCnpj } from '../../platform/demo-documents.js';

let t: TestApp;
let joao: string;
let acme: string;
let car: string;
let mercosul: string;
let machine: string;
const cnpj = makeCnpj('12345678' + '0001');

beforeAll(async () => {
  t = await createTestApp();
  joao = (
    await createCustomer(t, {
      name: 'João da Conceição Araújo',
      document: '529.982.247-25',
      phone: '(11) 98765-4321',
      email: 'joao.araujo@exemplo.com.br',
    })
  ).id;
  acme = (await createCustomer(t, { name: 'Construtora Pé de Serra Ltda.', kind: 'company', document: cnpj }))
    .id;
  await createCustomer(t, { name: 'Maria Souza', phone: '+55 21 3456-7890' });
  await createCustomer(t, { name: 'Joana Prado' });
  car = (await createAsset(t, joao, { kind: 'vehicle', brand: 'Fiat', model: 'Strada', plate: 'ABC-1234' }))
    .id;
  mercosul = (
    await createAsset(t, acme, { kind: 'vehicle', brand: 'Ford', model: 'Ranger', plate: 'BRA2E19' })
  ).id;
  machine = (
    await createAsset(t, acme, {
      kind: 'machine',
      brand: 'Caterpillar',
      model: '320 Escavadeira',
      serial: 'CAT0320XK9',
      vin: '9BWZZZ377VT004251',
    })
  ).id;
});
afterAll(() => t.close());

async function search(q: string, token = t.adminToken) {
  const res = await t.request('GET', `/api/search?q=${encodeURIComponent(q)}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return SearchResultSchema.parse(res.json());
}

describe('one search box', () => {
  it.each([
    'joao',
    'JOAO',
    'João',
    'conceicao araujo',
    'araujo',
    'joão da conceiçao',
  ])('finds a name typed without accents or case: %s', async (q) => {
    const result = await search(q);
    expect(result.items[0]).toMatchObject({ type: 'customer', id: joao, title: 'João da Conceição Araújo' });
  });

  it.each([
    '529.982.247-25',
    '52998224725',
    '529982247-25',
  ])('finds a document with or without its mask: %s', async (q) => {
    const result = await search(q);
    expect(result.items[0]).toMatchObject({ id: joao, matchedOn: 'document' });
    expect(result.total).toBe(1);
  });

  it('finds a company by its CNPJ and by its 8-character root', async () => {
    expect((await search(cnpj)).items[0]).toMatchObject({ id: acme, matchedOn: 'document' });
    expect((await search('12.345.678')).items[0]).toMatchObject({ id: acme, matchedOn: 'document' });
  });

  it.each([
    '(11) 98765-4321',
    '11987654321',
    '+55 11 98765-4321',
    '011 98765 4321',
    '98765-4321',
  ])('finds a phone in any format: %s', async (q) => {
    expect((await search(q)).items[0]).toMatchObject({ id: joao, matchedOn: 'phone' });
  });

  it('finds an e-mail', async () => {
    expect((await search('Joao.Araujo@exemplo.com.br')).items[0]).toMatchObject({
      id: joao,
      matchedOn: 'email',
    });
  });

  it.each([
    ['ABC-1234', 'car'],
    ['abc1234', 'car'],
    ['ABC1C34', 'car'],
    ['BRA2E19', 'mercosul'],
    ['BRA-2419', 'mercosul'],
  ])('finds a car by either plate spelling: %s', async (q, which) => {
    const result = await search(q);
    const id = which === 'car' ? car : mercosul;
    expect(result.items[0]).toMatchObject({ type: 'asset', assetKind: 'vehicle', id, matchedOn: 'plate' });
    expect(result.items[0]!.customerId).toBe(which === 'car' ? joao : acme);
  });

  it('finds a machine by serial (exact or partial) and VIN', async () => {
    expect((await search('cat0320xk9')).items[0]).toMatchObject({ id: machine, matchedOn: 'serial' });
    expect((await search('CAT0320')).items[0]).toMatchObject({ id: machine, matchedOn: 'serial' });
    expect((await search('9BWZZZ377VT004251')).items[0]).toMatchObject({ id: machine, matchedOn: 'vin' });
  });

  it('ranks exact matches first and returns customers and assets together, paginated', async () => {
    const result = await search('escavadeira');
    expect(result.items.map((i) => i.type)).toContain('asset');
    expect(result.items[0]!.subtitle).toBe('Construtora Pé de Serra Ltda.');
    const jo = await search('jo');
    expect(jo.total).toBeGreaterThanOrEqual(1);
    const page = await t.request('GET', '/api/search?q=a&pageSize=1&page=2', { token: t.adminToken });
    expect(page.statusCode).toBe(200);
    expect(page.json().pageSize).toBe(1);
  });

  it('uses the same matching for the customer list', async () => {
    const list = (await t.request('GET', '/api/customers?q=ABC1C34', { token: t.adminToken })).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([joao]);
  });

  it('needs a query, and leaves assets out for roles that cannot read them', async () => {
    expect((await t.request('GET', '/api/search?q=', { token: t.adminToken })).statusCode).toBe(400);
    await t.request('PUT', '/api/permissions', {
      token: t.adminToken,
      body: { grants: { 'assets:read': ['MANAGER'] } },
    });
    const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const result = await search('BRA2E19', attendant.token);
    expect(result.items.every((i) => i.type === 'customer')).toBe(true);
  });
});

describe('logs', () => {
  it('never carry what was typed in the search box', async () => {
    const { serializeRequest } = await import('../../app.js');
    expect(serializeRequest({ method: 'GET', url: '/api/search?q=529.982.247-25&page=2' }).url).toBe(
      '/api/search?q=[redacted]&page=2',
    );
    expect(serializeRequest({ method: 'GET', url: '/api/customers?page=1&q=11987654321' }).url).toBe(
      '/api/customers?page=1&q=[redacted]',
    );
  });
});
