import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Database = NodePgDatabase<typeof schema>;
/** A transaction or the database itself: repositories accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

// bigint (count(*)) as number; numeric stays a string and is converted where it is read
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type DbHandle = { db: Database; pool: pg.Pool; close: () => Promise<void> };

export function connectDatabase(url: string, options: { max?: number } = {}): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: 'bancada' });
  // a dropped idle connection must not crash the process; the pool replaces it
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
