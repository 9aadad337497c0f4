import {
  CustomerDataExportSchema,
  CustomerPageSchema,
  CustomerSchema,
  SearchResultSchema,
} from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/helpers.js';

// Issue 13 §3 and §7, decision 0011: e-mail, phones and addresses encrypted at rest, found by keyed hashes.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The clear values of the customer below, and how each would show in a column or a JSON document. */
const CLEAR = [
  'marta.quintela@exemplo.com.br',
  'MARTA.QUINTELA',
  '5511976543210',
  '76543210',
  '7654-3210',
  '551133224455',
  '33224455',
  'Rua das Acácias',
  'Rua das Ac',
  'Jardim Botânico',
  'Bloco C',
  '04567890',
  '04567-890',
];

const MARTA = {
  name: 'Marta Quintela',
  email: 'Marta.Quintela@Exemplo.com.br',
  phone: '(11) 97654-3210',
  phones: [{ label: 'landline', number: '(11) 3322-4455' }],
  addresses: [
    {
      street: 'Rua das Acácias',
      number: '1234',
      complement: 'Bloco C',
      neighborhood: 'Jardim Botânico',
      city: 'Campinas',
      state: 'SP',
      postalCode: '04567-890',
    },
  ],
};

/** Every column of the row as text (search_text, hashes and ciphertexts included). */
async function rawRow(id: string): Promise<string> {
  const { rows } = await t.deps.pool.query<{ row: string }>(
    'SELECT row_to_json(c)::text AS row FROM customers c WHERE id = $1',
    [id],
  );
  return rows[0]!.row;
}

function expectNoClear(text: string) {
  for (const value of CLEAR) expect(text.toLowerCase(), value).not.toContain(value.toLowerCase());
}

async function searchIds(q: string): Promise<string[]> {
  const res = await t.request('GET', `/api/customers?q=${encodeURIComponent(q)}`, { token: t.adminToken });
  expect(res.statusCode, res.body).toBe(200);
  return CustomerPageSchema.parse(res.json()).items.map((c) => c.id);
}

describe('contact data at rest', () => {
  let marta: string;
  beforeAll(async () => {
    marta = (await createCustomer(t, MARTA)).id;
  });

  it('keeps no e-mail, phone or street address in clear in any column, search_text included', async () => {
    const row = await rawRow(marta);
    expectNoClear(row);
    const { rows } = await t.deps.pool.query(
      `SELECT search_text, email_ciphertext, email_hash, cardinality(phone_hashes) AS hashes, address_places
       FROM customers WHERE id = $1`,
      [marta],
    );
    expect(rows[0]).toMatchObject({
      search_text: 'marta quintela',
      email_ciphertext: expect.stringMatching(/^v\d+\./),
      email_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      // the mobile in both spellings and its local number, the landline and its local number
      hashes: 5,
      // the city filter reads city and state in clear (decision 0011)
      address_places: [{ city: 'Campinas', state: 'SP' }],
    });
  });

  it('answers the API with the clear values, as before', async () => {
    const res = await t.request('GET', `/api/customers/${marta}`, { token: t.adminToken });
    expect(CustomerSchema.parse(res.json())).toMatchObject({
      email: 'marta.quintela@exemplo.com.br',
      phone: '+5511976543210',
      phones: [{ label: 'landline', number: '+551133224455' }],
      addresses: [
        {
          street: 'Rua das Acácias',
          number: '1234',
          complement: 'Bloco C',
          neighborhood: 'Jardim Botânico',
          city: 'Campinas',
          state: 'SP',
          postalCode: '04567890',
        },
      ],
    });
  });

  it.each([
    'marta.quintela@exemplo.com.br',
    '  MARTA.Quintela@exemplo.COM.br ',
  ])('finds the customer by the exact e-mail %s', async (q) => {
    expect(await searchIds(q)).toEqual([marta]);
  });

  it('does not find the customer by part of the e-mail (it is no longer in clear anywhere)', async () => {
    expect(await searchIds('quintela@exemplo')).not.toContain(marta);
  });

  it.each([
    '(11) 97654-3210',
    '11976543210',
    '+55 11 97654-3210',
    '011 97654 3210',
    '(11) 7654-3210',
    '5511976543210',
    '551176543210',
    '97654-3210',
    '7654-3210',
    '(11) 3322-4455',
  ])('finds the customer by the phone %s (with or without the mobile 9, with punctuation)', async (q) => {
    expect(await searchIds(q)).toEqual([marta]);
    const res = await t.request('GET', `/api/search?q=${encodeURIComponent(q)}`, { token: t.adminToken });
    expect(SearchResultSchema.parse(res.json()).items[0]).toMatchObject({ id: marta, matchedOn: 'phone' });
  });

  it('gives other modules the customer by any spelling of the number (WhatsApp matching, issue 14)', async () => {
    const { organizationId } = (
      await t.deps.pool.query<{ organizationId: string }>(
        'SELECT organization_id AS "organizationId" FROM customers WHERE id = $1',
        [marta],
      )
    ).rows[0]!;
    for (const phone of ['551176543210', '+5511976543210', '(11) 97654-3210']) {
      expect(await t.app.services.customers.idsByPhone(t.deps.db, organizationId, phone)).toEqual([marta]);
    }
    expect(await t.app.services.customers.idsByPhone(t.deps.db, organizationId, '551176543211')).toEqual([]);
  });

  it('still filters the list by city', async () => {
    const res = await t.request('GET', '/api/customers?city=campinas', { token: t.adminToken });
    expect(CustomerPageSchema.parse(res.json()).items.map((c) => c.id)).toContain(marta);
  });
});

describe('the audit of a change', () => {
  it('records that e-mail, phones and address changed without holding them in clear', async () => {
    const created = await createCustomer(t, {
      ...MARTA,
      name: 'Marta Auditada',
      email: 'marta.quintela@exemplo.com.br',
    });
    const res = await t.request('PATCH', `/api/customers/${created.id}`, {
      token: t.adminToken,
      headers: { 'if-match': `"${created.version}"` },
      body: {
        email: 'marta.q@exemplo.com.br',
        phones: [],
        addresses: [{ ...MARTA.addresses[0]!, number: '1235' }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await t.deps.pool.query<{ action: string; before: unknown; after: unknown }>(
      `SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY occurred_at, id`,
      [created.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['customer.create', 'customer.update']);
    expectNoClear(JSON.stringify(rows));
    expect(JSON.stringify(rows)).not.toContain('marta.q@');
    const update = rows[1]! as { before: Record<string, unknown>; after: Record<string, unknown> };
    // each changed field is there, marked and different on each side; the main phone did not change
    for (const field of ['email', 'phones', 'addresses']) {
      expect(update.before[field], field).toBeDefined();
      expect(update.after[field], field).toBeDefined();
    }
    expect(update.after.email).toMatch(/^\[encrypted [a-z]+\]$/);
    expect(update.after.email).not.toBe(update.before.email);
    expect(update.after.phones).toBeNull();
    expect(update.after).not.toHaveProperty('phone');
  });
});

describe('spreadsheets and the LGPD export', () => {
  it('exports and imports the clear values through CSV', async () => {
    const csv = [
      'name,kind,email,phone,street,number,neighborhood,city,state,postal_code',
      'Otávio Planilha,person,otavio.planilha@exemplo.com.br,(21) 99876-5432,Rua do Porto,77,Centro,Niterói,RJ,24020-000',
    ].join('\n');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/customers/import?dryRun=false',
      headers: { authorization: `Bearer ${t.adminToken}`, 'content-type': 'text/csv; charset=utf-8' },
      payload: csv,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const [id] = await searchIds('otavio.planilha@exemplo.com.br');
    expect(id).toBeDefined();
    expect(await rawRow(id!)).not.toMatch(/otavio\.planilha|99876|Rua do Porto/);

    const exported = await t.request(
      'GET',
      `/api/customers/export?q=${encodeURIComponent('Otávio Planilha')}`,
      { token: t.adminToken },
    );
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.body).toContain('otavio.planilha@exemplo.com.br');
    expect(exported.body).toContain('+5521998765432');
    expect(exported.body).toContain('Rua do Porto');
    expect(exported.body).toContain('24020000');
  });

  it('gives the customer their data in clear in the data export', async () => {
    const { id } = await createCustomer(t, { ...MARTA, name: 'Marta Exportada' });
    const res = await t.request('GET', `/api/customers/${id}/data-export?format=json`, {
      token: t.adminToken,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(CustomerDataExportSchema.parse(res.json()).customer).toMatchObject({
      email: 'marta.quintela@exemplo.com.br',
      phone: '+5511976543210',
      phones: [{ number: '+551133224455' }],
      addresses: [{ street: 'Rua das Acácias', city: 'Campinas' }],
    });
  });
});
