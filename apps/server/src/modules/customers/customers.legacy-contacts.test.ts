import { readFile } from 'node:fs/promises';
import { CustomerPageSchema, CustomerSchema } from '@bancada/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';

// Migration 0017 and the start-up conversion (decision 0011), on a database shaped as before 0017.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const migration = (name: string) =>
  readFile(new URL(`../../db/migrations/${name}`, import.meta.url), 'utf8').then((sql) =>
    sql.split('--> statement-breakpoint'),
  );

const legacyColumns = async () =>
  (
    await t.deps.pool.query<{ attname: string }>(
      `SELECT attname FROM pg_attribute WHERE attrelid = 'customers'::regclass
         AND attname LIKE 'legacy_%' AND NOT attisdropped ORDER BY attname`,
    )
  ).rows.map((r) => r.attname);

/** The customers table as migrations 0003 and 0004 left it: contact data in clear. */
async function shapeAsBefore0017() {
  await t.deps.pool.query(`DROP TRIGGER customers_search_text ON customers;
    DROP INDEX customers_org_email_hash_idx; DROP INDEX customers_phone_hashes_idx;
    ALTER TABLE customers DROP COLUMN email_ciphertext, DROP COLUMN email_hash, DROP COLUMN phone_ciphertext,
      DROP COLUMN phones_ciphertext, DROP COLUMN phone_hashes, DROP COLUMN addresses_ciphertext,
      DROP COLUMN address_places, ADD COLUMN email text, ADD COLUMN phone text,
      ADD COLUMN phones jsonb DEFAULT '[]'::jsonb NOT NULL, ADD COLUMN addresses jsonb DEFAULT '[]'::jsonb NOT NULL;
    CREATE INDEX customers_org_email_idx ON customers (organization_id, email);
    CREATE INDEX customers_org_phone_idx ON customers (organization_id, phone);`);
  for (const statement of await migration('0004_search_functions.sql')) {
    if (/customers_search_text\(\)/.test(statement)) await t.deps.pool.query(statement);
  }
}

const OLD_ROWS = [
  {
    name: 'Amélia Antiga',
    email: 'amelia.antiga@exemplo.com.br',
    phone: '+5511987650001',
    phones: [{ label: 'landline', number: '+551133330001' }],
    addresses: [
      {
        label: 'Casa',
        street: 'Travessa Esquecida',
        number: '42',
        complement: '',
        neighborhood: 'Vila Velha',
        city: 'Santos',
        state: 'SP',
        postalCode: '11010000',
        ibgeCode: null,
        country: 'BR',
      },
    ],
  },
  { name: 'Bento Antigo', email: 'bento.antigo@exemplo.com.br', phone: null, phones: [], addresses: [] },
  // a mobile kept the old way, without the 9
  { name: 'Célia Antiga', email: null, phone: '+551187650003', phones: [], addresses: [] },
  { name: 'Dario Sem Contato', email: null, phone: null, phones: [], addresses: [] },
];
const CLEAR = ['amelia.antiga', 'bento.antigo', '87650001', '33330001', '87650003', 'Travessa', 'Vila Velha'];

async function searchIds(q: string): Promise<string[]> {
  const res = await t.request('GET', `/api/customers?q=${encodeURIComponent(q)}`, { token: t.adminToken });
  expect(res.statusCode, res.body).toBe(200);
  return CustomerPageSchema.parse(res.json()).items.map((c) => c.id);
}

describe('customers with contact data from before migration 0017', () => {
  const ids = new Map<string, string>();

  it('a fresh database has no clear columns, and the start-up step has nothing to do', async () => {
    expect(await legacyColumns()).toEqual([]);
    expect(await t.app.services.customers.convertLegacyContacts()).toEqual({ converted: 0, complete: true });
  });

  it('keeps the clear values in legacy_* columns through the migration, out of search_text', async () => {
    await shapeAsBefore0017();
    const { rows } = await t.deps.pool.query<{ id: string }>('SELECT id FROM organizations LIMIT 1');
    for (const c of OLD_ROWS) {
      const inserted = await t.deps.pool.query<{ id: string; search_text: string }>(
        `INSERT INTO customers (organization_id, name, email, phone, phones, addresses)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, search_text`,
        [rows[0]!.id, c.name, c.email, c.phone, JSON.stringify(c.phones), JSON.stringify(c.addresses)],
      );
      ids.set(c.name, inserted.rows[0]!.id);
    }
    // the old trigger did put them there
    const before = await t.deps.pool.query<{ text: string }>(
      `SELECT string_agg(search_text, ' ') AS text FROM customers`,
    );
    expect(before.rows[0]!.text).toContain('amelia.antiga');

    for (const statement of await migration('0017_customer_contact_encryption.sql')) {
      await t.deps.pool.query(statement);
    }
    expect(await legacyColumns()).toEqual([
      'legacy_addresses',
      'legacy_email',
      'legacy_phone',
      'legacy_phones',
    ]);
    const after = await t.deps.pool.query<{ text: string }>(
      `SELECT string_agg(search_text, ' ') AS text FROM customers`,
    );
    expect(after.rows[0]!.text).not.toMatch(/amelia\.antiga|bento\.antigo|87650001|33330001/);
    expect(after.rows[0]!.text).toContain('amelia antiga');
  });

  it('converts part of the rows when interrupted, and the rest on the next start', async () => {
    const customers = t.app.services.customers;
    expect(await customers.convertLegacyContacts({ batchSize: 1, maxBatches: 2 })).toEqual({
      converted: 2,
      complete: false,
    });
    expect(await legacyColumns()).toHaveLength(4);
    // two instances starting together share the rest, never converting a row twice
    const runs = await Promise.all([
      customers.convertLegacyContacts({ batchSize: 1 }),
      customers.convertLegacyContacts({ batchSize: 1 }),
    ]);
    expect(runs.every((r) => r.complete)).toBe(true);
    expect(runs[0]!.converted + runs[1]!.converted).toBe(OLD_ROWS.length - 2);
    expect(await legacyColumns()).toEqual([]);
    // idempotent: nothing left, nothing done
    expect(await customers.convertLegacyContacts()).toEqual({ converted: 0, complete: true });
  });

  it('leaves nothing in clear and answers the API with the old values', async () => {
    const { rows } = await t.deps.pool.query<{ row: string }>(
      `SELECT row_to_json(c)::text AS row FROM customers c WHERE id = ANY($1)`,
      [[...ids.values()]],
    );
    for (const { row } of rows) for (const value of CLEAR) expect(row, value).not.toContain(value);

    const res = await t.request('GET', `/api/customers/${ids.get('Amélia Antiga')}`, { token: t.adminToken });
    expect(CustomerSchema.parse(res.json())).toMatchObject({
      email: OLD_ROWS[0]!.email,
      phone: OLD_ROWS[0]!.phone,
      phones: OLD_ROWS[0]!.phones,
      addresses: OLD_ROWS[0]!.addresses,
    });
    const dario = await t.request('GET', `/api/customers/${ids.get('Dario Sem Contato')}`, {
      token: t.adminToken,
    });
    expect(CustomerSchema.parse(dario.json())).toMatchObject({
      email: null,
      phone: null,
      phones: [],
      addresses: [],
    });
  });

  it('finds the converted customers by e-mail, phone and city', async () => {
    expect(await searchIds('Bento.Antigo@exemplo.com.br')).toEqual([ids.get('Bento Antigo')]);
    expect(await searchIds('(11) 3333-0001')).toEqual([ids.get('Amélia Antiga')]);
    // stored without the mobile 9, found with it
    expect(await searchIds('(11) 98765-0003')).toEqual([ids.get('Célia Antiga')]);
    const santos = await t.request('GET', '/api/customers?city=Santos', { token: t.adminToken });
    expect(CustomerPageSchema.parse(santos.json()).items.map((c) => c.id)).toEqual([
      ids.get('Amélia Antiga'),
    ]);
  });
});
