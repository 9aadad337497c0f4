import { COUNT_CAP } from '@bancada/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { AppError } from './errors.js';

/**
 * Keyset pagination and capped counts for lists that grow without bound (ARCHITECTURE §5, issue 11).
 *
 * A page continues after the last row of the one before, found by its id: the cursor is that id,
 * and the sort values are read from the row in the database (PostgreSQL keeps microseconds that a
 * JavaScript date would lose). Each key is an expression over a table alias, so the same key orders
 * the list and is read from the cursor's row.
 */
export type SortKey = {
  /** the key over a table alias (`repairs` in the list, `c` for the cursor's row) */
  expr: (alias: SQL) => SQL;
  desc?: boolean;
  /** may be NULL; only ascending keys with NULLS LAST are supported (null comes after every value) */
  nullable?: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(id: string): string {
  return Buffer.from(id.replaceAll('-', ''), 'hex').toString('base64url');
}

/** The row id a cursor names; a cursor that is not one of ours is a 400, not an empty page. */
export function decodeCursor(cursor: string): string {
  const hex = Buffer.from(cursor, 'base64url').toString('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  if (!UUID.test(id)) {
    throw new AppError('VALIDATION', 'validation.failed', {}, { cursor: 'validation.cursor' });
  }
  return id;
}

export function orderByKeys(keys: SortKey[], alias: SQL): SQL[] {
  return keys.map((k) => {
    const e = k.expr(alias);
    if (k.nullable) return sql`${e} ASC NULLS LAST`;
    return k.desc ? sql`${e} DESC` : sql`${e} ASC`;
  });
}

/**
 * Rows strictly after the cursor's row in the keys' order. `cursorValue(key)` is the key read from
 * the cursor's row (a scalar subquery, evaluated once). Keys of one direction and no nulls compare
 * as one row value, which an index on them can range-scan; mixed keys expand lexicographically.
 */
export function afterCursor(keys: SortKey[], alias: SQL, cursorValue: (key: SortKey) => SQL): SQL {
  const sameWay = keys.every((k) => !k.nullable && Boolean(k.desc) === Boolean(keys[0]?.desc));
  if (sameWay) {
    const left = sql.join(
      keys.map((k) => k.expr(alias)),
      sql`, `,
    );
    const right = sql.join(keys.map(cursorValue), sql`, `);
    return keys[0]?.desc ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
  }
  const arms = keys.map((key, i) => {
    const equalBefore = keys
      .slice(0, i)
      .map((k) => sql`${k.expr(alias)} IS NOT DISTINCT FROM ${cursorValue(k)}`);
    const e = key.expr(alias);
    const v = cursorValue(key);
    const after = key.nullable
      ? sql`(${v} IS NOT NULL AND (${e} > ${v} OR ${e} IS NULL))`
      : key.desc
        ? sql`${e} < ${v}`
        : sql`${e} > ${v}`;
    return sql.join([...equalBefore, after], sql` AND `);
  });
  return sql`(${sql.join(
    arms.map((a) => sql`(${a})`),
    sql` OR `,
  )})`;
}

/**
 * How many rows `from … where` holds, counting at most `cap` + 1 of them, as a scalar subquery: a
 * column of the statement that reads the page (`readCappedCount` makes it a total), so a list is one
 * statement. A column of 900,000 delivered orders costs what 10,001 cost.
 */
export function cappedCountSql(fromWhere: SQL, cap = COUNT_CAP): SQL<number> {
  return sql<number>`(SELECT count(*) FROM (SELECT 1 ${fromWhere} LIMIT ${cap + 1}) capped)`;
}

export function readCappedCount(n: unknown, cap = COUNT_CAP): { total: number; capped: boolean } {
  const count = Number(n ?? 0);
  return count > cap ? { total: cap, capped: true } : { total: count, capped: false };
}

/** `cappedCountSql` on its own, for a page that came back empty (no row carried the count). */
export async function cappedCount(
  db: Database,
  fromWhere: SQL,
  cap = COUNT_CAP,
): Promise<{ total: number; capped: boolean }> {
  const result = await db.execute<{ n: string | number }>(sql`SELECT ${cappedCountSql(fromWhere, cap)} AS n`);
  return readCappedCount(result.rows[0]?.n, cap);
}
