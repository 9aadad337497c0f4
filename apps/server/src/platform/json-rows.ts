import { type Column, getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';

/**
 * Rows of a child table carried inside one statement as JSON, and read back as the rows drizzle's
 * select would have given (ARCHITECTURE §5, issue 11: an order and everything it holds in one round
 * trip instead of one per table).
 *
 * Each column goes into the object under its TypeScript name; numerics travel as text, as pg sends
 * them (a JSON number would turn "10.50" into 10.5), and every value comes back through the column's
 * own mapping (timestamps to dates, numerics to strings, jsonb as it is).
 */
function objectOf(table: Table, alias: string): SQL {
  const pairs = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const ref = sql`${sql.identifier(alias)}.${sql.identifier(column.name)}`;
    return sql`${sql.raw(`'${key}'`)}, ${column.columnType === 'PgNumeric' ? sql`${ref}::text` : ref}`;
  });
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

/** A JSON array of `table`'s rows matching `where` (over `alias`), in `orderBy`'s order: '[]' when none. */
export function jsonRows(table: Table, alias: string, where: SQL, orderBy: SQL): SQL {
  return sql`(SELECT coalesce(json_agg(${objectOf(table, alias)} ORDER BY ${orderBy}), '[]'::json)
    FROM ${table} ${sql.identifier(alias)} WHERE ${where})`;
}

/** The first of `table`'s rows matching `where` in `orderBy`'s order, as a JSON object, or NULL. */
export function jsonFirstRow(table: Table, alias: string, where: SQL, orderBy: SQL): SQL {
  return sql`(SELECT ${objectOf(table, alias)} FROM ${table} ${sql.identifier(alias)}
    WHERE ${where} ORDER BY ${orderBy} LIMIT 1)`;
}

function fromObject<T extends Table>(table: T, value: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, Column][]) {
    const raw = value[key];
    row[key] = raw === null || raw === undefined ? null : column.mapFromDriverValue(raw);
  }
  return row as T['$inferSelect'];
}

/** `jsonRows`'s array back as rows. */
export function parseJsonRows<T extends Table>(table: T, value: unknown): T['$inferSelect'][] {
  const items = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>[];
  return items.map((item) => fromObject(table, item));
}

/** `jsonFirstRow`'s object back as a row. */
export function parseJsonRow<T extends Table>(table: T, value: unknown): T['$inferSelect'] | undefined {
  if (value === null || value === undefined) return undefined;
  const item = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
  return fromObject(table, item);
}
