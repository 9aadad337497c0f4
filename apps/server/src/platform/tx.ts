import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Database } from '../db/client.js';
import * as schema from '../db/schema/index.js';
import { deferAudit, flushAudit } from './audit.js';

/** A unit of work: a drizzle handle and the raw client of the same transaction (for pg-boss sends). */
export type Tx = { db: Database; client: pg.PoolClient };

/** Runs `work` in one transaction; services own transactions (ARCHITECTURE §3). */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const db = drizzle(client, { schema }) as unknown as Database;
    // audit rows join their organization's chain in the last statement: the chain head's row lock is
    // held for that statement and the COMMIT only (decision 0006)
    deferAudit(db);
    const result = await work({ db, client });
    await flushAudit(db);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
