import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { insertInBatches } from '../../db/batch.js';
import type { Database } from '../../db/client.js';
import { type ConsentMap, customerConsents, customers } from '../../db/schema/customers.js';
import { type NamedStatement, runNamed } from '../../platform/prepared.js';
import { likeEscape, type SearchTerms } from '../../platform/search-terms.js';

export type CustomerRow = typeof customers.$inferSelect;
export type ConsentRow = typeof customerConsents.$inferSelect;
export type CustomerInsert = typeof customers.$inferInsert;
export type ConsentInsert = typeof customerConsents.$inferInsert;
/** The encrypted contact columns (decision 0011), written together. */
export type CustomerContactColumns = Pick<
  CustomerInsert,
  | 'emailCiphertext'
  | 'emailHash'
  | 'phoneCiphertext'
  | 'phonesCiphertext'
  | 'phoneHashes'
  | 'addressesCiphertext'
  | 'addressPlaces'
>;
export type { ConsentMap };

/** Whether a live customer has this id (a service order's first check). */
const CUSTOMER_EXISTS: NamedStatement = {
  name: 'customers_exists',
  text: 'SELECT 1 FROM customers WHERE organization_id = $1 AND id = $2 AND deleted_at IS NULL',
};
/** A visit moves last_visit_at forward only (the timestamp of the order's reception). */
const CUSTOMER_TOUCH_LAST_VISIT: NamedStatement = {
  name: 'customers_touch_last_visit',
  text: `UPDATE customers SET last_visit_at = GREATEST(coalesce(last_visit_at, $3::timestamptz), $3::timestamptz)
WHERE organization_id = $1 AND id = $2`,
};

export type CustomerFilter = {
  /** only these customers (a search's matches) */
  ids?: string[];
  kind?: string;
  city?: string;
  consent?: string;
  /** a condition on the customer id supplied by another module (e.g. owns an asset of a kind) */
  idIn?: SQL;
  sort: 'name' | '-createdAt' | '-lastVisitAt';
};

/** A search hit as read: the contact columns still encrypted (the finder decrypts the page). */
export type CustomerMatchRow = {
  id: string;
  name: string;
  tradeName: string | null;
  emailCiphertext: string | null;
  phoneCiphertext: string | null;
  score: number;
  matchedOn: string;
};

const textArray = (values: string[]) =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

function filterConditions(organizationId: string, filter: Omit<CustomerFilter, 'sort'>): SQL[] {
  const conditions: SQL[] = [eq(customers.organizationId, organizationId), isNull(customers.deletedAt)];
  if (filter.ids) conditions.push(filter.ids.length ? inArray(customers.id, filter.ids) : sql`false`);
  if (filter.kind) conditions.push(eq(customers.kind, filter.kind));
  if (filter.city) {
    conditions.push(sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${customers.addressPlaces}) AS a
      WHERE lower(f_unaccent(a->>'city')) = lower(f_unaccent(${filter.city})))`);
  }
  if (filter.consent)
    conditions.push(sql`(${customers.consents} -> ${filter.consent} ->> 'granted') = 'true'`);
  if (filter.idIn) conditions.push(sql`${customers.id} IN (${filter.idIn})`);
  return conditions;
}

function orderOf(sort: CustomerFilter['sort']) {
  switch (sort) {
    case '-createdAt':
      return [desc(customers.createdAt), desc(customers.id)];
    case '-lastVisitAt':
      return [sql`${customers.lastVisitAt} DESC NULLS LAST`, asc(customers.name), asc(customers.id)];
    default:
      return [asc(customers.name), asc(customers.id)];
  }
}

/** One row per match: the best arm's score and field (a single arm needs no grouping). */
export function bestOf(arms: number): SQL {
  return arms === 1
    ? sql`SELECT * FROM hits`
    : sql`SELECT id, max(score) AS score, (array_agg(matched ORDER BY score DESC))[1] AS matched,
          min(sort_key) AS sort_key FROM hits GROUP BY id`;
}

async function matchCustomers(
  db: Database,
  organizationId: string,
  terms: SearchTerms,
  limit: number,
  fuzzy: boolean,
): Promise<{ rows: CustomerMatchRow[]; total: number }> {
  const live = sql`organization_id = ${organizationId} AND deleted_at IS NULL`;
  const arms: SQL[] = [];
  if (terms.documentHashes.length > 0) {
    const hashes = sql.join(
      terms.documentHashes.map((h) => sql`${h}`),
      sql`, `,
    );
    arms.push(
      sql`SELECT id, 100::float8, 'document', name FROM customers
        WHERE ${live} AND document_hash IN (${hashes})`,
    );
  }
  if (terms.rootHash) {
    arms.push(sql`SELECT id, 80::float8, 'document', name FROM customers
      WHERE ${live} AND document_root_hash = ${terms.rootHash}`);
  }
  if (terms.emailHash) {
    arms.push(
      sql`SELECT id, 90::float8, 'email', name FROM customers WHERE ${live} AND email_hash = ${terms.emailHash}`,
    );
  }
  if (terms.phoneHashes.length > 0) {
    arms.push(sql`SELECT id, 90::float8, 'phone', name FROM customers
      WHERE ${live} AND phone_hashes && ${textArray(terms.phoneHashes)}`);
  }
  if (terms.hasLetters && terms.words.length > 0) {
    const every = sql.join(
      terms.words.map((w) => sql`search_text LIKE ${`%${likeEscape(w)}%`}`),
      sql` AND `,
    );
    arms.push(sql`SELECT id,
        CASE WHEN starts_with(search_text, ${terms.folded}) THEN 70 ELSE 60 END::float8,
        'text',
        name
      FROM customers WHERE ${live} AND ${every}`);
  } else if (terms.hasLetters && terms.folded.length > 0) {
    arms.push(sql`SELECT id, 65::float8, 'name', name FROM customers
      WHERE ${live} AND search_text LIKE ${`${likeEscape(terms.folded)}%`}`);
  }
  if (fuzzy) {
    const q = sql`lower(f_unaccent(${terms.text}))`;
    arms.push(sql`SELECT id, (word_similarity(${q}, search_text) * 50)::float8, 'name', name
      FROM customers WHERE ${live} AND ${q} <% search_text`);
  }
  if (arms.length === 0) return { rows: [], total: 0 };
  const result = await db.execute<{
    id: string;
    name: string;
    trade_name: string | null;
    email_ciphertext: string | null;
    phone_ciphertext: string | null;
    score: number;
    matched: string;
    total: number;
  }>(sql`
    WITH hits (id, score, matched, sort_key) AS (${sql.join(arms, sql` UNION ALL `)}),
    best AS (${bestOf(arms.length)}),
    top AS (SELECT * FROM best ORDER BY score DESC, sort_key, id LIMIT ${limit})
    SELECT c.id, c.name, c.trade_name, c.email_ciphertext, c.phone_ciphertext, top.score,
           -- the search text holds the name and trade name only
           CASE WHEN top.matched <> 'text' THEN top.matched ELSE 'name' END AS matched,
           (SELECT count(*) FROM best) AS total
    FROM top JOIN customers c ON c.id = top.id
    ORDER BY top.score DESC, top.sort_key, top.id`);
  return {
    rows: result.rows.map((r) => ({
      id: r.id,
      name: r.name,
      tradeName: r.trade_name,
      emailCiphertext: r.email_ciphertext,
      phoneCiphertext: r.phone_ciphertext,
      score: Math.round(Number(r.score) * 100) / 100,
      matchedOn: r.matched,
    })),
    total: Number(result.rows[0]?.total ?? 0),
  };
}

/** Reading and writing customer rows. */
function customerRows() {
  return {
    async findById(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<CustomerRow | undefined> {
      const query = db
        .select()
        .from(customers)
        .where(
          and(
            eq(customers.organizationId, organizationId),
            eq(customers.id, id),
            isNull(customers.deletedAt),
          ),
        );
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    /** Whether a live customer has this id (reads the id only, not the row). */
    async exists(db: Database, organizationId: string, id: string): Promise<boolean> {
      // every service order asks (issue 11): a statement of fixed text, not built per request
      const rows = await runNamed(db, CUSTOMER_EXISTS, [organizationId, id]);
      return rows.length > 0;
    },
    async count(db: Database, organizationId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(customers)
        .where(and(eq(customers.organizationId, organizationId), isNull(customers.deletedAt)));
      return row?.n ?? 0;
    },
    async insert(db: Database, values: CustomerInsert): Promise<CustomerRow> {
      const [row] = await db.insert(customers).values(values).returning();
      return row!;
    },
    insertMany(db: Database, values: CustomerInsert[]): Promise<CustomerRow[]> {
      return insertInBatches(db, customers, values);
    },
    /** Conditional on the version read, so two concurrent edits cannot both win. */
    async update(
      db: Database,
      organizationId: string,
      id: string,
      version: number,
      values: Partial<CustomerInsert>,
    ): Promise<CustomerRow | undefined> {
      const [row] = await db
        .update(customers)
        .set({ ...values, updatedAt: new Date(), version: sql`${customers.version} + 1` })
        .where(
          and(
            eq(customers.organizationId, organizationId),
            eq(customers.id, id),
            eq(customers.version, version),
            isNull(customers.deletedAt),
          ),
        )
        .returning();
      return row;
    },
    async list(
      db: Database,
      organizationId: string,
      filter: CustomerFilter,
      page: { limit: number; offset: number },
    ): Promise<{ rows: CustomerRow[]; total: number }> {
      const where = and(...filterConditions(organizationId, filter));
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(customers)
          .where(where)
          .orderBy(...orderOf(filter.sort))
          .limit(page.limit)
          .offset(page.offset),
        db.select({ n: count() }).from(customers).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    /** Which of these document hashes already belong to a live customer of the organization. */
    async existingDocumentHashes(
      db: Database,
      organizationId: string,
      hashes: string[],
    ): Promise<Set<string>> {
      const found = new Set<string>();
      for (let i = 0; i < hashes.length; i += 1000) {
        const rows = await db
          .select({ hash: customers.documentHash })
          .from(customers)
          .where(
            and(
              eq(customers.organizationId, organizationId),
              isNull(customers.deletedAt),
              inArray(customers.documentHash, hashes.slice(i, i + 1000)),
            ),
          );
        for (const r of rows) if (r.hash) found.add(r.hash);
      }
      return found;
    },
    /**
     * Customers matching a search, best first: exact document, CNPJ root, e-mail and phone (by their
     * keyed hashes); then every
     * word as a substring of search_text (trigram index), or a name prefix for a short query; with
     * `fuzzy`, also trigram word similarity, which tolerates typos but costs more.
     */
    async match(
      db: Database,
      organizationId: string,
      terms: SearchTerms,
      limit: number,
      options: { fuzzy?: boolean } = {},
    ): Promise<{ rows: CustomerMatchRow[]; total: number }> {
      return matchCustomers(db, organizationId, terms, limit, options.fuzzy ?? false);
    },
  };
}

/** Small reads and writes that other modules need, through the customers service. */
function customerLookups() {
  return {
    async namesByIds(db: Database, organizationId: string, ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: customers.id, name: customers.name })
        .from(customers)
        .where(and(eq(customers.organizationId, organizationId), inArray(customers.id, ids)));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    /** What another module may show or notify about a customer; deleted ones too (an order keeps its customer). */
    async contactOf(db: Database, organizationId: string, id: string) {
      const [row] = await db
        .select({
          id: customers.id,
          name: customers.name,
          emailCiphertext: customers.emailCiphertext,
          phoneCiphertext: customers.phoneCiphertext,
          phonesCiphertext: customers.phonesCiphertext,
          preferences: customers.preferences,
          consents: customers.consents,
          anonymisedAt: customers.anonymisedAt,
          deletedAt: customers.deletedAt,
        })
        .from(customers)
        .where(and(eq(customers.organizationId, organizationId), eq(customers.id, id)));
      return row;
    },
    /** Live customers holding any of these phone lookup hashes. */
    async idsByPhoneHashes(db: Database, organizationId: string, hashes: string[]): Promise<string[]> {
      if (hashes.length === 0) return [];
      const rows = await db
        .select({ id: customers.id })
        .from(customers)
        .where(
          and(
            eq(customers.organizationId, organizationId),
            isNull(customers.deletedAt),
            sql`${customers.phoneHashes} && ${textArray(hashes)}`,
          ),
        )
        .orderBy(asc(customers.name), asc(customers.id));
      return rows.map((r) => r.id);
    },
    /** A visit moves last_visit_at forward only: an order back-dated to last year leaves it alone. */
    async touchLastVisit(db: Database, organizationId: string, customerId: string, at: Date): Promise<void> {
      // every service order does (issue 11): a statement of fixed text, not built per request
      await runNamed(db, CUSTOMER_TOUCH_LAST_VISIT, [organizationId, customerId, at]);
    },
    /** Ids of customers whose search text contains `q` (the trigram index), for another module's filter. */
    async searchIds(db: Database, organizationId: string, q: string, limit: number): Promise<string[]> {
      const like = `%${likeEscape(q.toLowerCase())}%`;
      const result = await db.execute<{ id: string }>(
        sql`SELECT id FROM customers WHERE organization_id = ${organizationId} AND search_text LIKE lower(f_unaccent(${like})) LIMIT ${limit}`,
      );
      return result.rows.map((r) => r.id);
    },
  };
}

/** A row whose contact data an older version stored in clear (migration 0017 kept it as legacy_*). */
export type LegacyContactRow = {
  id: string;
  legacy_email: string | null;
  legacy_phone: string | null;
  legacy_phones: { label: string; number: string }[] | null;
  legacy_addresses: Record<string, string | null>[] | null;
};

const HAS_LEGACY = sql`(legacy_email IS NOT NULL OR legacy_phone IS NOT NULL
  OR legacy_phones IS NOT NULL OR legacy_addresses IS NOT NULL)`;

/** Whether migration 0017 left the clear columns (it drops them at once when they held nothing). */
async function hasLegacyContactColumns(db: Database): Promise<boolean> {
  const result = await db.execute<{ present: boolean }>(sql`SELECT EXISTS (
    SELECT 1 FROM pg_attribute WHERE attrelid = 'customers'::regclass
      AND attname = 'legacy_email' AND NOT attisdropped) AS present`);
  return result.rows[0]?.present === true;
}

/**
 * The one-time conversion of clear contact data (decision 0011). Installation-wide on purpose: it
 * runs at start-up, before any organization's request, and touches each row once.
 */
function legacyContactRows() {
  return {
    hasLegacyContactColumns,
    /**
     * The next rows still in clear, locked; a concurrent start-up waits and then skips them. Null when
     * the clear columns are gone (another instance finished): the table lock taken first makes a
     * concurrent DROP COLUMN either wait for this batch or be seen by the check.
     */
    async lockLegacyContactBatch(db: Database, limit: number): Promise<LegacyContactRow[] | null> {
      await db.execute(sql`LOCK TABLE customers IN ROW EXCLUSIVE MODE`);
      if (!(await hasLegacyContactColumns(db))) return null;
      const result = await db.execute<LegacyContactRow>(sql`
        SELECT id, legacy_email, legacy_phone, legacy_phones, legacy_addresses FROM customers
        WHERE ${HAS_LEGACY} ORDER BY id LIMIT ${limit} FOR UPDATE`);
      return result.rows;
    },
    /** The encrypted columns written and the clear ones emptied, in one statement per row. */
    async writeConvertedContacts(db: Database, id: string, columns: CustomerContactColumns): Promise<void> {
      await db.execute(sql`UPDATE customers SET
          email_ciphertext = ${columns.emailCiphertext ?? null}, email_hash = ${columns.emailHash ?? null},
          phone_ciphertext = ${columns.phoneCiphertext ?? null},
          phones_ciphertext = ${columns.phonesCiphertext ?? null},
          phone_hashes = ${textArray(columns.phoneHashes ?? [])},
          addresses_ciphertext = ${columns.addressesCiphertext ?? null},
          address_places = ${JSON.stringify(columns.addressPlaces ?? [])}::jsonb,
          legacy_email = NULL, legacy_phone = NULL, legacy_phones = NULL, legacy_addresses = NULL
        WHERE id = ${id}`);
    },
    /** Drops the clear columns once no row holds anything in them; true when they are gone. */
    async dropLegacyContactColumns(db: Database): Promise<boolean> {
      // self-conflicting, and waits for batches in flight: two instances finishing together take turns
      await db.execute(sql`LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE`);
      if (!(await hasLegacyContactColumns(db))) return true;
      const result = await db.execute<{ left: boolean }>(
        sql`SELECT EXISTS (SELECT 1 FROM customers WHERE ${HAS_LEGACY}) AS left`,
      );
      if (result.rows[0]?.left) return false;
      await db.execute(sql`ALTER TABLE customers DROP COLUMN IF EXISTS legacy_email,
        DROP COLUMN IF EXISTS legacy_phone, DROP COLUMN IF EXISTS legacy_phones,
        DROP COLUMN IF EXISTS legacy_addresses`);
      return true;
    },
  };
}

/** The marketing-consent ledger (append-only). */
function consentRows() {
  return {
    async insertConsents(db: Database, rows: ConsentInsert[]): Promise<void> {
      if (rows.length > 0) await db.insert(customerConsents).values(rows);
    },
    async listConsents(db: Database, organizationId: string, customerId: string): Promise<ConsentRow[]> {
      return db
        .select()
        .from(customerConsents)
        .where(
          and(
            eq(customerConsents.organizationId, organizationId),
            eq(customerConsents.customerId, customerId),
          ),
        )
        .orderBy(desc(customerConsents.at), desc(customerConsents.id));
    },
  };
}

export function createCustomersRepo() {
  return { ...customerRows(), ...customerLookups(), ...consentRows(), ...legacyContactRows() };
}
export type CustomersRepo = ReturnType<typeof createCustomersRepo>;
