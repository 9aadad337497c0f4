import type pg from 'pg';
import type { Tx } from './tx.js';

// one statement: the counter row is created at 1 or moved on by 1, and its new value returned
// by name: parsed and planned once per connection (every service order takes one, issue 11)
const ADVANCE_NAME = 'number_counters_advance';
const ADVANCE = `INSERT INTO number_counters (organization_id, kind, value) VALUES ($1, $2, 1)
ON CONFLICT (organization_id, kind) DO UPDATE SET value = number_counters.value + 1
RETURNING value`;

/**
 * The next per-organization number of a kind of document (`number_counters`, decision 0005).
 *
 * - `{ gapless: false }` on the pool: the statement runs alone, in its own transaction that commits
 *   at once, so the counter row is locked for that one statement and no request of the shop ever waits
 *   on another's. A caller that later rolls back leaves a gap. Take it before opening the document's
 *   transaction: a transaction that waited for a second connection of the same pool could starve it.
 * - `{ gapless: true }` in the document's transaction, as its LAST statement before COMMIT (only the
 *   statement that stamps the number on the document may follow): the row lock is held for the commit
 *   only; a rollback undoes the advance, and the next taker gets the same number. For fiscal documents
 *   (invoices), whose sequence must have no holes.
 */
export async function takeNumber(
  pool: pg.Pool,
  organizationId: string,
  kind: string,
  options: { gapless: false },
): Promise<number>;
export async function takeNumber(
  tx: Tx,
  organizationId: string,
  kind: string,
  options: { gapless: true },
): Promise<number>;
export async function takeNumber(
  on: pg.Pool | Tx,
  organizationId: string,
  kind: string,
  options: { gapless: boolean },
): Promise<number> {
  const runner: pg.Pool | pg.PoolClient = options.gapless ? (on as Tx).client : (on as pg.Pool);
  const { rows } = await runner.query<{ value: number }>({
    name: ADVANCE_NAME,
    text: ADVANCE,
    values: [organizationId, kind],
  });
  return rows[0]!.value;
}
