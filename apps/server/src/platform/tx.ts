import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Database } from '../db/client.js';
import { deferAudit, takeAuditAppend } from './audit.js';

/** A unit of work: a drizzle handle and the raw client of the same transaction (for pg-boss sends). */
export type Tx = { db: Database; client: pg.PoolClient };

/**
 * What a transaction of `inTransaction` leaves for its last statement: writes nothing later in the
 * transaction reads (the idempotency key's stored answer) and calls whose effect is only seen after
 * COMMIT (NOTIFY, the audit chain). They travel together in one round trip right before COMMIT, so a
 * transaction that holds contended rows (stock, the chain head) holds them for fewer round trips.
 */
type AtCommit = { writes: SQLWrapper[]; calls: SQL[]; checks: Check[] };

/**
 * Contended writes whose outcome the transaction must still judge (a stock reservation: did every
 * guard let its line through?): WITH items named after the prefix given, an expression read in the
 * last statement's select list, and what to do with its value once that statement has run (throw to
 * roll everything back, or write more).
 */
export type AtCommitCheck = {
  build: (prefix: string) => { items: SQL[]; result: SQL };
  onResult: (value: unknown) => Promise<void>;
};
type Check = { items: SQL[]; result: SQL; onResult: (value: unknown) => Promise<void> };
const atCommit = new WeakMap<Database, AtCommit>();

/**
 * One drizzle handle per pooled connection, kept across its transactions: statements prepared on a
 * transaction's handle (`preparedOn`, named, planned once per connection) are then reused by every
 * later transaction on that connection instead of being built again.
 */
const handles = new WeakMap<pg.PoolClient, Database>();
function handleOf(client: pg.PoolClient): Database {
  let db = handles.get(client);
  if (!db) {
    // no relational schema: repositories use the query builder only, and building the relational
    // config on every transaction showed in the create's CPU profile (issue 11)
    db = drizzle(client) as unknown as Database;
    handles.set(client, db);
  }
  return db;
}

/**
 * A data-modifying statement (UPDATE/INSERT/DELETE) run in the transaction's last statement, as a
 * WITH item: only for a write that nothing later in the same transaction reads. Outside
 * `inTransaction` it runs at once.
 */
export async function writeAtCommit(db: Database, statement: SQLWrapper): Promise<void> {
  const work = atCommit.get(db);
  if (work) work.writes.push(statement);
  else await db.execute(statement.getSQL());
}

/**
 * A function call (`pg_notify(…)`) evaluated in the transaction's last statement, once. Outside
 * `inTransaction` it runs at once.
 */
export async function callAtCommit(db: Database, call: SQL): Promise<void> {
  const work = atCommit.get(db);
  if (work) work.calls.push(call);
  else await db.execute(sql`SELECT ${call}`);
}

/**
 * A contended change judged in the transaction's last statement (`AtCommitCheck`). Outside
 * `inTransaction` it runs at once, as a statement of its own.
 */
export async function checkAtCommit(db: Database, check: AtCommitCheck): Promise<void> {
  const work = atCommit.get(db);
  const { items, result } = check.build(`k${work?.checks.length ?? 0}`);
  if (work) {
    work.checks.push({ items, result, onResult: check.onResult });
    return;
  }
  const answer = await db.execute<{ k: unknown }>(
    sql`WITH ${sql.join(items, sql`, `)} SELECT ${result} AS k`,
  );
  await check.onResult(answer.rows[0]?.k);
}

/**
 * The waiting checks, writes and calls, and the audit rows last, as one statement; nothing when none
 * wait. The checks' results come first in the select list, so the rows they lock (stock) are locked
 * before the audit chain's head, in the order every other transaction takes them.
 */
async function runAtCommit(db: Database): Promise<void> {
  const work = atCommit.get(db);
  atCommit.delete(db);
  const audit = takeAuditAppend(db);
  const calls = [...(work?.calls ?? []), ...(audit ? [audit] : [])];
  const writes = work?.writes ?? [];
  const checks = work?.checks ?? [];
  if (calls.length === 0 && writes.length === 0 && checks.length === 0) return;
  // data-modifying WITH items always run to completion, referenced or not; the select list runs once
  const withItems = [
    ...checks.flatMap((c) => c.items),
    ...writes.map((w, i) => sql`${sql.raw(`w${i}`)} AS (${w.getSQL()})`),
  ];
  const selected = [...checks.map((c, i) => sql`${c.result} AS ${sql.raw(`k${i}`)}`), ...calls];
  const statement = sql.join(
    [
      ...(withItems.length ? [sql`WITH ${sql.join(withItems, sql`, `)}`] : []),
      sql`SELECT ${selected.length ? sql.join(selected, sql`, `) : sql`1`}`,
    ],
    sql` `,
  );
  const answer = await db.execute<Record<string, unknown>>(statement);
  const row = answer.rows[0] ?? {};
  for (const [i, check] of checks.entries()) await check.onResult(row[`k${i}`]);
}

/** Runs `work` in one transaction; services own transactions (ARCHITECTURE §3). */
export async function inTransaction<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const db = handleOf(client);
  try {
    await client.query('BEGIN');
    atCommit.set(db, { writes: [], calls: [], checks: [] });
    // audit rows join their organization's chain in the last statement: the chain head's row lock is
    // held for that statement and the COMMIT only (decision 0006)
    deferAudit(db);
    const result = await work({ db, client });
    await runAtCommit(db);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // what the failed transaction left waiting goes with it (the handle outlives it)
    atCommit.delete(db);
    takeAuditAppend(db);
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
