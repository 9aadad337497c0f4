import type pg from 'pg';
import type { Database } from '../db/client.js';

const built = new WeakMap<Database, Map<string, unknown>>();

/**
 * A drizzle prepared statement (`.prepare(name)` with `sql.placeholder`s), built once per database
 * handle and reused: building a query costs more Node CPU than running a small one (issue 11's
 * profile), and a named statement is planned once per connection. For the reads every request makes
 * (the sign-in check) and the hottest pages; `db` is the pool's handle or a transaction's (one per
 * pooled connection, kept across its transactions by `inTransaction`).
 */
export function preparedOn<T>(db: Database, name: string, build: (db: Database) => T): T {
  let statements = built.get(db);
  if (!statements) {
    statements = new Map();
    built.set(db, statements);
  }
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(name, statement);
  }
  return statement;
}

/** A statement of fixed text, sent by name: `pg` parses it once per connection, PostgreSQL plans it there. */
export type NamedStatement = { readonly name: string; readonly text: string };

/**
 * Runs a `NamedStatement` on the pool or on a transaction's connection (`db` is either handle):
 * no query builder per request (issue 11: building the create's statements cost more Node CPU than
 * PostgreSQL spent running them). Values vary in number through array parameters
 * (`unnest($1::text[], …)`, `= ANY($2::uuid[])`), never through the text; jsonb values are passed as
 * JSON text (`pg` would send a JavaScript array as a PostgreSQL array).
 */
export async function runNamed<R>(db: Database, statement: NamedStatement, values: unknown[]): Promise<R[]> {
  const client = (db as unknown as { $client: pg.Pool | pg.PoolClient }).$client;
  const result = await client.query<R & pg.QueryResultRow>({
    name: statement.name,
    text: statement.text,
    values,
  });
  return result.rows;
}
