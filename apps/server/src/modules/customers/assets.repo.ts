import { and, asc, count, desc, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { insertInBatches } from '../../db/batch.js';
import type { Database } from '../../db/client.js';
import { assetReadings, assets, assetTransfers } from '../../db/schema/assets.js';
import { customers } from '../../db/schema/customers.js';
import { jsonRows, parseJsonRows } from '../../platform/json-rows.js';
import { preparedOn } from '../../platform/prepared.js';
import { likeEscape, type SearchTerms } from '../../platform/search-terms.js';
import { bestOf } from './customers.repo.js';

export type AssetRow = typeof assets.$inferSelect;
export type ReadingRow = typeof assetReadings.$inferSelect;
export type TransferRow = typeof assetTransfers.$inferSelect;
export type AssetInsert = typeof assets.$inferInsert;
export type LatestReadings = { odometer: number | null; hourMeter: number | null };

export type AssetMatch = {
  id: string;
  customerId: string;
  kind: string;
  brand: string | null;
  model: string | null;
  plate: string | null;
  serial: string | null;
  type: string | null;
  score: number;
  matchedOn: string;
};

const live = (organizationId: string) =>
  and(eq(assets.organizationId, organizationId), isNull(assets.deletedAt));

async function matchAssets(
  db: Database,
  organizationId: string,
  terms: SearchTerms,
  limit: number,
  fuzzy: boolean,
): Promise<{ rows: AssetMatch[]; total: number }> {
  const liveSql = sql`organization_id = ${organizationId} AND deleted_at IS NULL`;
  const sortKey = sql.raw(`coalesce(plate_canonical, serial, model, '')`);
  const arms: SQL[] = [];
  if (terms.plate) {
    arms.push(
      sql`SELECT id, 100::float8, 'plate', ${sortKey} FROM assets
        WHERE ${liveSql} AND plate_canonical = ${terms.plate}`,
    );
  }
  if (terms.vin) {
    arms.push(
      sql`SELECT id, 100::float8, 'vin', ${sortKey} FROM assets WHERE ${liveSql} AND vin = ${terms.vin}`,
    );
  }
  if (terms.serial.length >= 2) {
    arms.push(sql`SELECT id, 90::float8, 'serial', ${sortKey} FROM assets
      WHERE ${liveSql} AND upper(serial) = ${terms.serial}`);
  }
  const first = terms.words[0];
  if (first) {
    const every = sql.join(
      terms.words.map((w) => sql`search_text LIKE ${`%${likeEscape(w)}%`}`),
      sql` AND `,
    );
    arms.push(sql`SELECT id,
        CASE WHEN starts_with(search_text, ${terms.folded}) THEN 70 ELSE 60 END::float8,
        'text',
        ${sortKey}
      FROM assets WHERE ${liveSql} AND ${every}`);
  } else if (terms.hasLetters && terms.folded.length > 0) {
    arms.push(sql`SELECT id, 65::float8, 'model', ${sortKey} FROM assets
      WHERE ${liveSql} AND search_text LIKE ${`${likeEscape(terms.folded)}%`}`);
  }
  if (fuzzy) {
    const q = sql`lower(f_unaccent(${terms.text}))`;
    arms.push(sql`SELECT id, (word_similarity(${q}, search_text) * 50)::float8, 'model', ${sortKey}
      FROM assets WHERE ${liveSql} AND ${q} <% search_text`);
  }
  if (arms.length === 0) return { rows: [], total: 0 };
  const result = await db.execute<{
    id: string;
    customer_id: string;
    kind: string;
    brand: string | null;
    model: string | null;
    plate: string | null;
    serial: string | null;
    type: string | null;
    score: number;
    matched: string;
    total: number;
  }>(sql`
    WITH hits (id, score, matched, sort_key) AS (${sql.join(arms, sql` UNION ALL `)}),
    best AS (${bestOf(arms.length)}),
    top AS (SELECT * FROM best ORDER BY score DESC, sort_key, id LIMIT ${limit})
    SELECT a.id, a.customer_id, a.kind, a.brand, a.model, a.plate, a.serial, a.type,
           top.score,
           CASE WHEN top.matched <> 'text' THEN top.matched
                WHEN strpos(lower(coalesce(a.serial, '')), ${first ?? ''}) > 0 THEN 'serial'
                WHEN strpos(lower(coalesce(a.vin, '')), ${first ?? ''}) > 0 THEN 'vin'
                WHEN strpos(lower(concat(a.plate, ' ', a.plate_canonical)), ${first ?? ''}) > 0 THEN 'plate'
                ELSE 'model' END AS matched,
           (SELECT count(*) FROM best) AS total
    FROM top JOIN assets a ON a.id = top.id
    ORDER BY top.score DESC, top.sort_key, top.id`);
  return {
    rows: result.rows.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      kind: r.kind,
      brand: r.brand,
      model: r.model,
      plate: r.plate,
      serial: r.serial,
      type: r.type,
      score: Math.round(Number(r.score) * 100) / 100,
      matchedOn: r.matched,
    })),
    total: Number(result.rows[0]?.total ?? 0),
  };
}

/**
 * The name of the prepared INSERT for this set of columns (`assets_insert_<n>`, one per set; the
 * rest take their defaults): short enough for PostgreSQL, the same text under it on every connection.
 * The first sets seen only (a service order's appliance, the asset forms): the columns a form sends
 * vary, and each prepared statement stays on every connection; past them an INSERT is built as before.
 */
const INSERT_SETS = 32;
const insertNames = new Map<string, string>();
function insertStatementName(columns: string[]): string | undefined {
  const signature = [...columns].sort().join(',');
  let name = insertNames.get(signature);
  if (!name && insertNames.size < INSERT_SETS) {
    name = `assets_insert_${insertNames.size + 1}`;
    insertNames.set(signature, name);
  }
  return name;
}

/** Reading and writing asset rows. */
function assetRows() {
  return {
    async findById(
      db: Database,
      organizationId: string,
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<AssetRow | undefined> {
      // a service order's asset, read (and locked for its reading) by every order that names one: prepared
      const name = options.forUpdate ? 'assets_by_id_for_update' : 'assets_by_id';
      const [row] = await preparedOn(db, name, (d) => {
        const query = d
          .select()
          .from(assets)
          .where(
            and(
              eq(assets.organizationId, sql.placeholder('organizationId')),
              isNull(assets.deletedAt),
              eq(assets.id, sql.placeholder('id')),
            ),
          );
        return (options.forUpdate ? query.for('update') : query).prepare(name);
      }).execute({ organizationId, id });
      return row;
    },
    async listByCustomer(
      db: Database,
      organizationId: string,
      customerId: string,
      filter: { kind?: string; limit: number; offset: number },
    ): Promise<{ rows: AssetRow[]; total: number }> {
      const where = and(
        live(organizationId),
        eq(assets.customerId, customerId),
        filter.kind ? eq(assets.kind, filter.kind) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(assets)
          .where(where)
          .orderBy(asc(assets.createdAt), asc(assets.id))
          .limit(filter.limit)
          .offset(filter.offset),
        db.select({ n: count() }).from(assets).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },
    /** Live assets of many customers at once (CSV export), in creation order. */
    async listByCustomers(db: Database, organizationId: string, customerIds: string[]): Promise<AssetRow[]> {
      const rows: AssetRow[] = [];
      for (let i = 0; i < customerIds.length; i += 1000) {
        rows.push(
          ...(await db
            .select()
            .from(assets)
            .where(and(live(organizationId), inArray(assets.customerId, customerIds.slice(i, i + 1000))))
            .orderBy(asc(assets.createdAt), asc(assets.id))),
        );
      }
      return rows;
    },
    async countByCustomers(db: Database, organizationId: string, customerIds: string[]) {
      if (customerIds.length === 0) return new Map<string, number>();
      const rows = await db
        .select({ customerId: assets.customerId, n: count() })
        .from(assets)
        .where(and(live(organizationId), inArray(assets.customerId, customerIds)))
        .groupBy(assets.customerId);
      return new Map(rows.map((r) => [r.customerId, r.n]));
    },
    /** A subquery of customer ids that own a live asset of this kind (for the customer list filter). */
    customerIdsWithKind(organizationId: string, kind: string): SQL {
      return sql`SELECT customer_id FROM assets
        WHERE organization_id = ${organizationId} AND kind = ${kind} AND deleted_at IS NULL`;
    },
    async insert(db: Database, values: AssetInsert): Promise<AssetRow> {
      // prepared per set of columns given (a service order's appliance always gives the same ones)
      const given = (Object.keys(values) as (keyof AssetInsert)[]).filter((k) => values[k] !== undefined);
      // plain values only (no SQL expression among them): they travel as the statement's parameters
      const plain = given.every((k) => {
        const value = values[k];
        return value === null || typeof value !== 'object' || value instanceof Date;
      });
      const name = plain ? insertStatementName(given) : undefined;
      if (!name) return (await db.insert(assets).values(values).returning())[0]!;
      const [row] = await preparedOn(db, name, (d) =>
        d
          .insert(assets)
          .values(Object.fromEntries(given.map((k) => [k, sql.placeholder(k)])) as unknown as AssetInsert)
          .returning()
          .prepare(name),
      ).execute(values);
      return row!;
    },
    insertMany(db: Database, values: AssetInsert[]): Promise<AssetRow[]> {
      return insertInBatches(db, assets, values);
    },
    async update(
      db: Database,
      organizationId: string,
      id: string,
      version: number,
      values: Partial<AssetInsert>,
    ): Promise<AssetRow | undefined> {
      const [row] = await db
        .update(assets)
        .set({ ...values, updatedAt: new Date(), version: sql`${assets.version} + 1` })
        .where(and(live(organizationId), eq(assets.id, id), eq(assets.version, version)))
        .returning();
      return row;
    },
    async softDeleteByCustomer(db: Database, organizationId: string, customerId: string): Promise<string[]> {
      const rows = await db
        .update(assets)
        .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${assets.version} + 1` })
        .where(and(live(organizationId), eq(assets.customerId, customerId)))
        .returning({ id: assets.id });
      return rows.map((r) => r.id);
    },
  };
}

/** Odometer and hour-meter readings, and changes of owner: an asset's own history. */
function historyRows() {
  return {
    async latestReadings(db: Database, assetIds: string[]): Promise<Map<string, LatestReadings>> {
      const result = new Map<string, LatestReadings>();
      if (assetIds.length === 0) return result;
      const rows = await db
        .selectDistinctOn([assetReadings.assetId, assetReadings.kind], {
          assetId: assetReadings.assetId,
          kind: assetReadings.kind,
          value: assetReadings.value,
        })
        .from(assetReadings)
        .where(inArray(assetReadings.assetId, assetIds))
        .orderBy(
          assetReadings.assetId,
          assetReadings.kind,
          desc(assetReadings.readAt),
          desc(assetReadings.createdAt),
        );
      for (const r of rows) {
        const entry = result.get(r.assetId) ?? { odometer: null, hourMeter: null };
        if (r.kind === 'odometer') entry.odometer = Number(r.value);
        else entry.hourMeter = Number(r.value);
        result.set(r.assetId, entry);
      }
      return result;
    },
    /** The readings just before (or at) and just after a moment: the neighbours a new one must fit between. */
    async readingNeighbours(db: Database, assetId: string, kind: string, at: Date) {
      const base = and(eq(assetReadings.assetId, assetId), eq(assetReadings.kind, kind));
      const [[previous], [next]] = await Promise.all([
        db
          .select()
          .from(assetReadings)
          .where(and(base, lte(assetReadings.readAt, at)))
          .orderBy(desc(assetReadings.readAt), desc(assetReadings.createdAt))
          .limit(1),
        db
          .select()
          .from(assetReadings)
          .where(and(base, gt(assetReadings.readAt, at)))
          .orderBy(asc(assetReadings.readAt), asc(assetReadings.createdAt))
          .limit(1),
      ]);
      return { previous, next };
    },
    async insertReading(db: Database, values: typeof assetReadings.$inferInsert): Promise<ReadingRow> {
      const [row] = await db.insert(assetReadings).values(values).returning();
      return row!;
    },
    async listReadings(db: Database, organizationId: string, assetIds: string[], limit: number) {
      if (assetIds.length === 0) return [];
      return db
        .select()
        .from(assetReadings)
        .where(
          and(eq(assetReadings.organizationId, organizationId), inArray(assetReadings.assetId, assetIds)),
        )
        .orderBy(desc(assetReadings.readAt), desc(assetReadings.createdAt))
        .limit(limit);
    },
    async insertTransfer(db: Database, values: typeof assetTransfers.$inferInsert): Promise<TransferRow> {
      const [row] = await db.insert(assetTransfers).values(values).returning();
      return row!;
    },
    async listTransfers(
      db: Database,
      organizationId: string,
      scope: { assetId: string } | { customerId: string },
    ): Promise<TransferRow[]> {
      const which =
        'assetId' in scope
          ? eq(assetTransfers.assetId, scope.assetId)
          : or(
              eq(assetTransfers.fromCustomerId, scope.customerId),
              eq(assetTransfers.toCustomerId, scope.customerId),
            );
      return db
        .select()
        .from(assetTransfers)
        .where(and(eq(assetTransfers.organizationId, organizationId), which))
        .orderBy(desc(assetTransfers.at));
    },
  };
}

/** Lookups by serial, text and id: for service orders, history and the search box. */
function assetLookups() {
  return {
    /**
     * The customer's live appliance with this serial (already trimmed and upper-cased), oldest first.
     * Every writer trims the serial (shared schemas), so `upper(serial)` uses assets_org_serial_idx.
     */
    async findApplianceBySerial(
      db: Database,
      organizationId: string,
      customerId: string,
      serial: string,
    ): Promise<AssetRow | undefined> {
      // every service order with an appliance asks: prepared
      const [row] = await preparedOn(db, 'assets_appliance_by_serial', (d) =>
        d
          .select()
          .from(assets)
          .where(
            and(
              eq(assets.organizationId, sql.placeholder('organizationId')),
              isNull(assets.deletedAt),
              sql`upper(${assets.serial}) = ${sql.placeholder('serial')}`,
              eq(assets.customerId, sql.placeholder('customerId')),
              eq(assets.kind, 'appliance'),
            ),
          )
          .orderBy(asc(assets.createdAt), asc(assets.id))
          .limit(1)
          .prepare('assets_appliance_by_serial'),
      ).execute({ organizationId, customerId, serial });
      return row;
    },
    /** Ids of assets whose search text contains `q`, also as a compact plate ("abc-1234" → "abc1234"). */
    async searchIds(db: Database, organizationId: string, q: string, limit: number): Promise<string[]> {
      const like = `%${likeEscape(q.toLowerCase())}%`;
      const compact = `%${likeEscape(q.toLowerCase().replace(/[^a-z0-9]/g, ''))}%`;
      const result = await db.execute<{ id: string }>(
        sql`SELECT id FROM assets WHERE organization_id = ${organizationId} AND (search_text LIKE lower(f_unaccent(${like}))${
          compact.length > 4 ? sql` OR search_text LIKE ${compact}` : sql``
        }) LIMIT ${limit}`,
      );
      return result.rows.map((r) => r.id);
    },
    /** Assets by id, deleted ones too: history keeps naming what was there. */
    /** Customers' names and assets by id in one statement (what a service order shows of them). */
    async namesAndAssets(
      db: Database,
      organizationId: string,
      customerIds: string[],
      assetIds: string[],
    ): Promise<{ names: Map<string, string>; assets: AssetRow[] }> {
      // every order page and list asks: one prepared statement, the ids as two array parameters
      const statement = preparedOn(db, 'assets_names_and_assets', (d) =>
        d
          .select({
            names: sql<
              { id: string; name: string }[] | null
            >`(SELECT json_agg(json_build_object('id', c.id, 'name', c.name)) FROM ${customers} c
              WHERE c.organization_id = ${sql.placeholder('organizationId')} AND c.id = ANY(${sql.placeholder('customerIds')}::uuid[]))`,
            assets: jsonRows(
              assets,
              'a',
              sql`a.organization_id = ${sql.placeholder('organizationId')} AND a.id = ANY(${sql.placeholder('assetIds')}::uuid[])`,
              sql`a.id`,
            ),
          })
          .from(sql`(SELECT 1) one`)
          .prepare('assets_names_and_assets'),
      );
      const result = { rows: await statement.execute({ organizationId, customerIds, assetIds }) };
      const row = result.rows[0];
      return {
        names: new Map((row?.names ?? []).map((c) => [c.id, c.name])),
        assets: parseJsonRows(assets, row?.assets ?? []),
      };
    },
    async findManyById(db: Database, organizationId: string, ids: string[]): Promise<AssetRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(assets)
        .where(and(eq(assets.organizationId, organizationId), inArray(assets.id, ids)));
    },
    /**
     * Assets matching a search, best first: exact plate (either spelling), VIN and serial; then every
     * word as a substring; with `fuzzy`, also trigram similarity.
     */
    async match(
      db: Database,
      organizationId: string,
      terms: SearchTerms,
      limit: number,
      options: { fuzzy?: boolean } = {},
    ): Promise<{ rows: AssetMatch[]; total: number }> {
      return matchAssets(db, organizationId, terms, limit, options.fuzzy ?? false);
    },
  };
}

export function createAssetsRepo() {
  return { ...assetRows(), ...historyRows(), ...assetLookups() };
}
export type AssetsRepo = ReturnType<typeof createAssetsRepo>;
