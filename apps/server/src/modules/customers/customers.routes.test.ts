import { ConsentEventSchema, CustomerPageSchema, CustomerSchema, ImportReportSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAsset, createCustomer, customerLogin, otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { makeCnpj, makeCpf } from '../../platform/demo-documents.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let seq = 100_000_000;
/** A fresh valid CPF per call, so tests do not collide on uniqueness. */
const newCpf = () => makeCpf(String(seq++));

describe('creating customers', () => {
  it('needs only a name and answers 201 with the id', async () => {
    const res = await t.request('POST', '/api/customers', { token: t.adminToken, body: { name: 'Zé' } });
    expect(res.statusCode).toBe(201);
    const customer = CustomerSchema.parse(res.json());
    expect(customer).toMatchObject({ name: 'Zé', kind: 'person', document: null, assetCount: 0, version: 1 });
    expect(res.headers.etag).toBe('"1"');
  });

  it('normalizes the document, phones and CEP and shows the mask', async () => {
    const customer = await createCustomer(t, {
      name: 'João da Silva',
      document: '529.982.247-25',
      phone: '(11) 98765-4321',
      phones: [{ label: 'landline', number: '11 3456-7890' }],
      email: 'Joao@Exemplo.com.BR',
      addresses: [
        { street: 'Rua das Flores', number: '10', city: 'São Paulo', state: 'SP', postalCode: '01310-100' },
      ],
    });
    expect(customer).toMatchObject({
      document: '52998224725',
      documentType: 'CPF',
      documentFormatted: '529.982.247-25',
      phone: '+5511987654321',
      phones: [{ label: 'landline', number: '+551134567890' }],
      email: 'joao@exemplo.com.br',
    });
    expect((customer.addresses as { postalCode: string }[])[0]!.postalCode).toBe('01310100');
    await t.request('DELETE', `/api/customers/${customer.id}`, { token: t.adminToken });
  });

  it.each([
    ['CPF', '529.982.247-25', null, '52998224725'],
    ['CNPJ numeric', '11.444.777/0001-61', null, '11444777000161'],
    ['CNPJ alphanumeric', '12.ABC.345/01DE-35', null, '12ABC34501DE35'],
    ['CNPJ alphanumeric, lower case', '12.abc.345/01de-35', null, '12ABC34501DE35'],
    ['RUT', '12.345.678-5', 'RUT', '123456785'],
    ['RUT', '15.509.661-6', 'RUT', '155096616'],
    ['RUC', '20131312955', 'RUC', '20131312955'],
    ['DNI', '12345678', 'DNI', '12345678'],
    ['NIT', '800.197.268-4', 'NIT', '8001972684'],
  ])('accepts a valid %s (%s)', async (_label, document, documentType, normalized) => {
    const res = await t.request('POST', '/api/customers', {
      token: t.adminToken,
      body: { name: `Doc ${document}`, document, ...(documentType ? { documentType } : {}) },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().document).toBe(normalized);
    // frees the number for the next case that spells it differently
    await t.request('DELETE', `/api/customers/${res.json().id}`, { token: t.adminToken });
  });

  it.each([
    ['CPF with a wrong check digit', '529.982.247-24', null, 'CPF inválido'],
    ['CPF of repeated digits', '111.111.111-11', null, 'CPF inválido'],
    ['CNPJ with a wrong check digit', '11.444.777/0001-62', null, 'CNPJ inválido'],
    ['alphanumeric CNPJ with a wrong check digit', '12.ABC.345/01DE-36', null, 'CNPJ inválido'],
    ['CNPJ of zeros', '00.000.000/0000-00', null, 'CNPJ inválido'],
    ['RUT with a wrong check character', '12.345.678-K', 'RUT', 'RUT inválido'],
    ['RUC with a wrong check digit', '20131312956', 'RUC', 'RUC inválido'],
    ['DNI of 7 digits', '1234567', 'DNI', 'DNI inválido'],
    ['NIT with a wrong check digit', '800.197.268-5', 'NIT', 'NIT inválido'],
  ])('rejects a %s with 400 naming the document', async (_label, document, documentType, message) => {
    const res = await t.request('POST', '/api/customers', {
      token: t.adminToken,
      body: { name: 'Inválido', document, ...(documentType ? { documentType } : {}) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Validation Error',
      message: 'Dados inválidos',
      details: { document: message },
    });
  });

  it('refuses a duplicate CPF in the same organization with 409 naming the field', async () => {
    const cpf = newCpf();
    await createCustomer(t, { name: 'Primeira', document: cpf });
    const res = await t.request('POST', '/api/customers', {
      token: t.adminToken,
      headers: { 'accept-language': 'en' },
      body: {
        name: 'Segunda',
        document: `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`,
      },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: 'Conflict',
      message: 'A customer with this document already exists',
      details: { document: 'A customer with this document already exists' },
    });
  });

  it('refuses a duplicate alphanumeric CNPJ typed in another case', async () => {
    const cnpj = makeCnpj('AB1CD2EF0001');
    await createCustomer(t, { name: 'Empresa A', kind: 'company', document: cnpj });
    const res = await t.request('POST', '/api/customers', {
      token: t.adminToken,
      body: { name: 'Empresa B', kind: 'company', document: cnpj.toLowerCase() },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().details).toEqual({ document: 'Já existe um cliente com este documento' });
  });

  it('lets exactly one of two simultaneous creates with the same CPF win', async () => {
    const cpf = newCpf();
    const results = await Promise.all(
      [1, 2].map((n) =>
        t.request('POST', '/api/customers', {
          token: t.adminToken,
          body: { name: `Corrida ${n}`, document: cpf },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('keeps the document encrypted at rest and masked in the audit log', async () => {
    const cpf = newCpf();
    const customer = await createCustomer(t, { name: 'Sigilo', document: cpf });
    const { rows } = await t.deps.pool.query(
      `SELECT row_to_json(c)::text AS json FROM customers c WHERE id = $1`,
      [customer.id],
    );
    expect(rows[0].json).not.toContain(cpf);
    expect(rows[0].json).not.toContain(cpf.slice(0, 9));
    const audit = await t.deps.pool.query(`SELECT after::text AS after FROM audit_log WHERE entity_id = $1`, [
      customer.id,
    ]);
    expect(audit.rows[0].after).not.toContain(cpf);
    expect(audit.rows[0].after).toContain(`***.***.${cpf.slice(6, 9)}-${cpf.slice(9)}`);
    // and it decrypts back for the people allowed to see it
    expect(
      (await t.request('GET', `/api/customers/${customer.id}`, { token: t.adminToken })).json().document,
    ).toBe(cpf);
  });

  it('lets only staff with customers:write create', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const res = await t.request('POST', '/api/customers', { token: tech.token, body: { name: 'X' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('reading, changing and deleting', () => {
  it('honours If-Match with 412 and bumps the version', async () => {
    const customer = await createCustomer(t, { name: 'Versão' });
    const ok = await t.request('PATCH', `/api/customers/${customer.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { notes: 'cliente antigo' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await t.request('PATCH', `/api/customers/${customer.id}`, {
      token: t.adminToken,
      headers: { 'if-match': '"1"' },
      body: { notes: 'outra' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toBe('Precondition Failed');
  });

  it('clears and replaces a document, keeping uniqueness', async () => {
    const cpf = newCpf();
    const customer = await createCustomer(t, { name: 'Troca', document: cpf });
    const cleared = await t.request('PATCH', `/api/customers/${customer.id}`, {
      token: t.adminToken,
      body: { document: '' },
    });
    expect(cleared.json()).toMatchObject({ document: null, documentType: null });
    // the number is free again
    await createCustomer(t, { name: 'Novo dono do número', document: cpf });
    const taken = await t.request('PATCH', `/api/customers/${customer.id}`, {
      token: t.adminToken,
      body: { document: cpf },
    });
    expect(taken.statusCode).toBe(409);
  });

  it('soft-deletes: gone from reads, lists and search; the document is free again', async () => {
    const cpf = newCpf();
    const customer = await createCustomer(t, { name: 'Apagável Sobrenomeúnico', document: cpf });
    const manager = await createUserAndLogin(t, { role: 'ATTENDANT' });
    expect(
      (await t.request('DELETE', `/api/customers/${customer.id}`, { token: manager.token })).statusCode,
    ).toBe(403);
    const res = await t.request('DELETE', `/api/customers/${customer.id}`, { token: t.adminToken });
    expect(res.statusCode).toBe(204);
    expect(
      (await t.request('GET', `/api/customers/${customer.id}`, { token: t.adminToken })).statusCode,
    ).toBe(404);
    const list = await t.request('GET', '/api/customers?q=sobrenomeunico', { token: t.adminToken });
    expect(list.json().total).toBe(0);
    const search = await t.request('GET', `/api/search?q=${cpf}`, { token: t.adminToken });
    expect(search.json().total).toBe(0);
    await createCustomer(t, { name: 'Volta', document: cpf });
    const { rows } = await t.deps.pool.query(`SELECT deleted_at FROM customers WHERE id = $1`, [customer.id]);
    expect(rows[0].deleted_at).not.toBeNull();
  });

  it('lists with pagination and filters', async () => {
    await createCustomer(t, {
      name: 'Filtro Empresa',
      kind: 'company',
      addresses: [{ city: 'Ribeirão Preto', state: 'SP' }],
      consents: { whatsapp: true },
    });
    const withCar = await createCustomer(t, { name: 'Filtro Com Carro' });
    await createAsset(t, withCar.id, { kind: 'vehicle', plate: 'FLT1A23' });
    const page = CustomerPageSchema.parse(
      (await t.request('GET', '/api/customers?page=1&pageSize=2', { token: t.adminToken })).json(),
    );
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    const city = (
      await t.request('GET', '/api/customers?city=ribeirao preto', { token: t.adminToken })
    ).json();
    expect(city.items.map((c: { name: string }) => c.name)).toEqual(['Filtro Empresa']);
    const kind = (
      await t.request('GET', '/api/customers?kind=company&q=filtro', { token: t.adminToken })
    ).json();
    expect(kind.items.map((c: { name: string }) => c.name)).toEqual(['Filtro Empresa']);
    const consent = (
      await t.request('GET', '/api/customers?consent=whatsapp', { token: t.adminToken })
    ).json();
    expect(consent.items.map((c: { name: string }) => c.name)).toContain('Filtro Empresa');
    const cars = (
      await t.request('GET', '/api/customers?hasAssetKind=vehicle', { token: t.adminToken })
    ).json();
    expect(
      cars.items.map((c: { name: string; assetCount: number }) => [c.name, c.assetCount]),
    ).toContainEqual(['Filtro Com Carro', 1]);
    const newest = (
      await t.request('GET', '/api/customers?sort=-createdAt&pageSize=1', { token: t.adminToken })
    ).json();
    expect(newest.items[0].name).toBe('Filtro Com Carro');
  });
});

describe('consent ledger', () => {
  it('records no revocation for a channel that was never granted', async () => {
    const customer = await createCustomer(t, {
      name: 'Só WhatsApp',
      consents: { email: false, sms: false, whatsapp: true, source: 'counter' },
    });
    const res = await t.request('GET', `/api/customers/${customer.id}/consents`, { token: t.adminToken });
    expect(res.json().map((e: { channel: string; granted: boolean }) => [e.channel, e.granted])).toEqual([
      ['whatsapp', true],
    ]);
  });

  it('records each change with time, source, text version, IP and user agent', async () => {
    const customer = await createCustomer(t, {
      name: 'Consentimento',
      consents: { email: true, source: 'counter' },
    });
    expect((customer.consents as { email: { granted: boolean } }).email.granted).toBe(true);
    await t.request('PATCH', `/api/customers/${customer.id}`, {
      token: t.adminToken,
      headers: { 'user-agent': 'Balcão/1.0' },
      body: { consents: { email: false, whatsapp: true, source: 'phone' } },
    });
    // unchanged values add nothing
    await t.request('PATCH', `/api/customers/${customer.id}`, {
      token: t.adminToken,
      body: { consents: { whatsapp: true } },
    });
    const res = await t.request('GET', `/api/customers/${customer.id}/consents`, { token: t.adminToken });
    expect(res.statusCode).toBe(200);
    const events = res.json().map((e: unknown) => ConsentEventSchema.parse(e));
    expect(events).toHaveLength(3);
    expect(
      events.map((e: { channel: string; granted: boolean; source: string }) => [
        e.channel,
        e.granted,
        e.source,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['email', true, 'counter'],
        ['email', false, 'phone'],
        ['whatsapp', true, 'phone'],
      ]),
    );
    expect(events[0]).toMatchObject({ textVersion: '2026-01', actorName: 'Administrador', ip: '127.0.0.1' });
    const { rows } = await t.deps.pool.query(
      `SELECT user_agent FROM customer_consents WHERE customer_id = $1 AND source = 'phone'`,
      [customer.id],
    );
    expect(rows[0].user_agent).toBe('Balcão/1.0');
    const current = (await t.request('GET', `/api/customers/${customer.id}`, { token: t.adminToken })).json();
    expect(current.consents).toMatchObject({
      email: { granted: false, source: 'phone' },
      whatsapp: { granted: true, source: 'phone' },
      sms: { granted: false, at: null },
    });
  });
});

describe('a CUSTOMER login', () => {
  it('sees and edits only its own record; everything else is 404 or 403', async () => {
    const own = await createCustomer(t, { name: 'Dono do Portal', notes: 'paga sempre em dia' });
    const other = await createCustomer(t, { name: 'Outro Cliente' });
    const otherAsset = await createAsset(t, other.id, { kind: 'appliance', type: 'Geladeira' });
    const portal = await customerLogin(t, own.id);

    const mine = await t.request('GET', `/api/customers/${own.id}`, { token: portal.token });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ name: 'Dono do Portal', notes: null, portalUserId: portal.id });
    expect((await t.request('GET', `/api/customers/${other.id}`, { token: portal.token })).statusCode).toBe(
      404,
    );
    expect(
      (await t.request('PATCH', `/api/customers/${other.id}`, { token: portal.token, body: { name: 'X' } }))
        .statusCode,
    ).toBe(404);
    const edit = await t.request('PATCH', `/api/customers/${own.id}`, {
      token: portal.token,
      body: { phone: '(21) 99876-5432', consents: { sms: true } },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().consents.sms).toMatchObject({ granted: true, source: 'portal' });
    expect(
      (await t.request('PATCH', `/api/customers/${own.id}`, { token: portal.token, body: { notes: 'x' } }))
        .statusCode,
    ).toBe(403);

    // their assets: list, create, update; not another customer's
    const car = await t.request('POST', `/api/customers/${own.id}/assets`, {
      token: portal.token,
      body: { kind: 'vehicle', plate: 'POR1A23', brand: 'Fiat' },
    });
    expect(car.statusCode).toBe(201);
    expect(
      (
        await t.request('PATCH', `/api/assets/${car.json().id}`, {
          token: portal.token,
          body: { color: 'Azul' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await t.request('GET', `/api/customers/${own.id}/assets`, { token: portal.token })).json().total,
    ).toBe(1);
    expect(
      (await t.request('GET', `/api/customers/${other.id}/assets`, { token: portal.token })).statusCode,
    ).toBe(404);
    expect((await t.request('GET', `/api/assets/${otherAsset.id}`, { token: portal.token })).statusCode).toBe(
      404,
    );
    expect(
      (await t.request('GET', `/api/customers/${own.id}/history`, { token: portal.token })).statusCode,
    ).toBe(200);
    expect(
      (await t.request('GET', `/api/customers/${other.id}/history`, { token: portal.token })).statusCode,
    ).toBe(404);

    // staff-only operations
    expect((await t.request('GET', '/api/customers', { token: portal.token })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/search?q=cliente', { token: portal.token })).statusCode).toBe(403);
    expect(
      (await t.request('POST', '/api/customers', { token: portal.token, body: { name: 'Y' } })).statusCode,
    ).toBe(403);
    expect((await t.request('DELETE', `/api/customers/${own.id}`, { token: portal.token })).statusCode).toBe(
      403,
    );
  });

  it('can be linked only from a CUSTOMER login to an existing customer', async () => {
    const customer = await createCustomer(t, { name: 'Link' });
    const staff = await t.request('POST', '/api/users', {
      token: t.adminToken,
      body: {
        name: 'Atendente',
        email: 'link-staff@oficina.test',
        password: 'secret-pass-1',
        role: 'ATTENDANT',
        customerId: customer.id,
      },
    });
    expect(staff.statusCode).toBe(400);
    expect(staff.json().details).toEqual({
      customerId: 'Só um login de cliente (CUSTOMER) pode ser ligado a um cadastro de cliente',
    });
    const missing = await t.request('POST', '/api/users', {
      token: t.adminToken,
      body: {
        name: 'Cliente',
        email: 'link-missing@oficina.test',
        password: 'secret-pass-1',
        role: 'CUSTOMER',
        customerId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(missing.statusCode).toBe(400);
    const portal = await customerLogin(t, customer.id);
    const user = (await t.request('GET', `/api/users/${portal.id}`, { token: t.adminToken })).json();
    expect(user.customerId).toBe(customer.id);
  });
});

describe('tenancy', () => {
  it('one organization cannot see another’s customers', async () => {
    const other = await otherOrganization(t);
    const cpf = newCpf();
    const mine = await createCustomer(t, { name: 'Só Meu Cliente', document: cpf });
    expect((await t.request('GET', `/api/customers/${mine.id}`, { token: other.token })).statusCode).toBe(
      404,
    );
    expect(
      (await t.request('PATCH', `/api/customers/${mine.id}`, { token: other.token, body: { name: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect((await t.request('GET', '/api/customers', { token: other.token })).json().total).toBe(0);
    expect((await t.request('GET', `/api/search?q=${cpf}`, { token: other.token })).json().total).toBe(0);
    // the same CPF may exist in another shop
    const theirs = await createCustomer(t, { name: 'Cliente de Lá', document: cpf }, other.token);
    expect(theirs.id).not.toBe(mine.id);
  });
});

describe('CSV import and export', () => {
  const HEADER =
    'name,kind,document,document_type,email,phone,street,number,complement,neighborhood,city,state,postal_code,notes,asset_kind,plate,vin,brand,model,year,color,type,voltage,serial';

  const importCsv = (csv: string, dryRun: boolean, token = t.adminToken) =>
    t.app.inject({
      method: 'POST',
      url: `/api/customers/import?dryRun=${dryRun}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });

  const count = async () =>
    Number((await t.deps.pool.query(`SELECT count(*) AS n FROM customers`)).rows[0].n as string);

  it('reports every invalid row with line, field and reason on a dry run, writing nothing', async () => {
    const before = await count();
    const csv = [
      HEADER,
      `Ana Válida,person,${newCpf()},,ana@ex.com,(11) 91234-5678,Rua A,1,,Centro,Campinas,SP,13010-000,,vehicle,ABC1D23,,Fiat,Uno,2015,Prata,,,`,
      `,person,,,,,,,,,,,,,,,,,,,,,,`,
      `Bruno,person,529.982.247-24,,bruno@,123,,,,,,,1234,,,,,,,,,,,`,
      `Carla,person,,,,,,,,,,,,,appliance,,,Brastemp,,,,Torradeira,,`,
      `Davi,person,,,,,,,,,,,,,,ZZZ9Z99,,,,20x5,,,,`,
    ].join('\n');
    const res = await importCsv(csv, true);
    expect(res.statusCode, res.body).toBe(200);
    const report = ImportReportSchema.parse(res.json());
    expect(report).toMatchObject({ dryRun: true, rows: 5, valid: 1, customersCreated: 0, assetsCreated: 0 });
    const byLine = report.invalid.map((i) => [i.line, i.field]);
    expect(byLine).toEqual(
      expect.arrayContaining([
        [3, 'name'],
        [4, 'document'],
        [4, 'email'],
        [4, 'phone'],
        [4, 'postal_code'],
        [5, 'type'],
        [6, 'year'],
        [6, 'asset_kind'],
      ]),
    );
    expect(report.invalid.find((i) => i.line === 4 && i.field === 'document')!.reason).toBe('CPF inválido');
    expect(await count()).toBe(before);
  });

  it('imports all rows in one go, or nothing when one is invalid (422 with the report)', async () => {
    const before = await count();
    const good = `Elisa,person,${newCpf()},,,,,,,,,,,,,,,,,,,,,`;
    const bad = `Fábio,person,111.111.111-11,,,,,,,,,,,,,,,,,,,,,`;
    const res = await importCsv([HEADER, good, bad].join('\n'), false);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'Unprocessable Entity',
      message: 'O arquivo tem 1 problema(s); nada foi importado',
      details: { rows: 2, valid: 1, invalid: [{ line: 3, field: 'document', reason: 'CPF inválido' }] },
    });
    expect(await count()).toBe(before);
  });

  it('refuses documents repeated in the file or already registered', async () => {
    const existing = newCpf();
    await createCustomer(t, { name: 'Já Existe', document: existing });
    const twice = newCpf();
    const csv = [
      HEADER,
      `Gil,person,${twice},,,,,,,,,,,,,,,,,,,,,`,
      `Gilberto,person,${twice},,,,,,,,,,,,,,,,,,,,,`,
      `Hugo,person,${existing},,,,,,,,,,,,,,,,,,,,,`,
    ].join('\n');
    const report = ImportReportSchema.parse((await importCsv(csv, true)).json());
    expect(report.invalid.map((i) => [i.line, i.field, i.reason])).toEqual([
      [3, 'document', 'Documento repetido no arquivo (já aparece na linha 2)'],
      [4, 'document', 'Já existe um cliente com este documento'],
    ]);
  });

  it('reads `;` files with a BOM, Excel-style, and groups a customer’s assets', async () => {
    const cpf = newCpf();
    const rows = [
      HEADER.replaceAll(',', ';'),
      `Irene Conceição;pf;${cpf};;irene@ex.com;11 98888-7777;Rua B;2;;Centro;São Paulo;SP;01310-000;;vehicle;IRN-1234;;VW;Gol;2012;Branco;;;`,
      `Irene Conceição;pf;${cpf};;irene@ex.com;11 98888-7777;Rua B;2;;Centro;São Paulo;SP;01310-000;;appliance;;;Consul;CWH12;;;máquina de lavar;220v;CS123`,
      `Transportes Jota;PJ;${makeCnpj('JT1234560001')};;;;;;;;;;;;machine;;;Caterpillar;320;2019;;;;CAT0012345`,
    ];
    const res = await importCsv(`\uFEFF${rows.join('\r\n')}\r\n`, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: false,
      rows: 3,
      valid: 3,
      customersCreated: 2,
      assetsCreated: 3,
    });
    const found = (
      await t.request('GET', '/api/customers?q=irene conceicao', { token: t.adminToken })
    ).json();
    expect(found.items[0]).toMatchObject({ name: 'Irene Conceição', kind: 'person', assetCount: 2 });
    const assets = (
      await t.request('GET', `/api/customers/${found.items[0].id}/assets`, { token: t.adminToken })
    ).json();
    expect(
      assets.items.map((a: { plate: string; type: string; voltage: string }) => [a.plate, a.type, a.voltage]),
    ).toEqual(
      expect.arrayContaining([
        ['IRN1234', null, null],
        [null, 'Máquina de Lavar', '220 V'],
      ]),
    );
    const audit = (
      await t.request('GET', '/api/audit?action=customer.import', { token: t.adminToken })
    ).json();
    expect(audit.total).toBe(1);
  });

  it('refuses unknown columns, a non-CSV body, and staff without customers:import', async () => {
    const report = ImportReportSchema.parse((await importCsv('name,documento\nA,1', true)).json());
    expect(report.invalid).toEqual([
      { line: 1, field: 'documento', reason: 'Coluna desconhecida "documento"' },
    ]);
    const json = await t.request('POST', '/api/customers/import?dryRun=true', {
      token: t.adminToken,
      body: { name: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
    expect((await importCsv(`${HEADER}\nA`, true, attendant.token)).statusCode).toBe(403);
  });

  it('exports the filtered list as CSV with the import columns, ready to import elsewhere', async () => {
    const cnpj = makeCnpj('EXP123450001');
    const customer = await createCustomer(t, {
      name: 'Exportação "Aspas", Vírgula',
      kind: 'company',
      document: cnpj,
      addresses: [{ street: 'Rua C', city: 'Curitiba', state: 'PR', postalCode: '80010-000' }],
    });
    await createAsset(t, customer.id, { kind: 'vehicle', plate: 'EXP1234', brand: 'Ford' });
    await createAsset(t, customer.id, { kind: 'machine', brand: 'JCB', serial: 'JCB999' });
    const res = await t.request('GET', '/api/customers/export?city=Curitiba', { token: t.adminToken });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /attachment; filename="clientes-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"Exportação ""Aspas"", Vírgula"');
    expect(lines[1]).toContain(cnpj);
    expect(lines[2]).toContain('JCB999');
    // into another shop: both rows become one customer with two assets
    const other = await otherOrganization(t);
    const back = await importCsv(res.body, false, other.token);
    expect(back.json()).toMatchObject({ customersCreated: 1, assetsCreated: 2 });
  });
});
