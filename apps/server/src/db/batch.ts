import type { PgTable, TableConfig } from 'drizzle-orm/pg-core';
import type { Database } from './client.js';

// bounded batches keep each statement under PostgreSQL's 65,535 bind parameters
const BATCH_ROWS = 500;

/** Inserts many rows in bounded multi-row statements and returns them all. */
export async function insertInBatches<T extends PgTable<TableConfig>>(
  db: Database,
  table: T,
  values: T['$inferInsert'][],
): Promise<T['$inferSelect'][]> {
  const rows: T['$inferSelect'][] = [];
  for (let i = 0; i < values.length; i += BATCH_ROWS) {
    const batch = values.slice(i, i + BATCH_ROWS);
    rows.push(...((await db.insert(table).values(batch).returning()) as T['$inferSelect'][]));
  }
  return rows;
}
