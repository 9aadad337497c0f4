import type { Database } from '../db/client.js';

const built = new WeakMap<Database, Map<string, unknown>>();

/**
 * A drizzle prepared statement (`.prepare(name)` with `sql.placeholder`s), built once per database
 * handle and reused: building a query costs more Node CPU than running a small one (issue 11's
 * profile), and a named statement is planned once per connection. For the reads every request makes
 * (the sign-in check) and the hottest pages; `db` should be the pool's handle (a transaction's handle
 * lives for one transaction, so caching on it saves nothing).
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
