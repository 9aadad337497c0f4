import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers.js';
import { connectDatabase, type DbHandle } from '../db/client.js';
import { takeNumber } from './numbers.js';
import { inTransaction } from './tx.js';

let handle: DbHandle;
let drop: () => Promise<void>;

beforeAll(async () => {
  const database = await createTestDatabase();
  drop = database.drop;
  handle = connectDatabase(database.url, { max: 25 });
});
afterAll(async () => {
  await handle.close();
  await drop();
});

async function organization(): Promise<string> {
  const { rows } = await handle.pool.query<{ id: string }>(
    `INSERT INTO organizations (name) VALUES ('Oficina') RETURNING id`,
  );
  return rows[0]!.id;
}

async function counter(organizationId: string, kind: string): Promise<number | undefined> {
  const { rows } = await handle.pool.query<{ value: number }>(
    'SELECT value FROM number_counters WHERE organization_id = $1 AND kind = $2',
    [organizationId, kind],
  );
  return rows[0]?.value;
}

const PARALLEL = 20;
const rollsBack = (i: number) => i % 3 === 1;

describe('takeNumber', () => {
  it('gapless: 20 parallel transactions, a third rolling back after taking theirs → 1..k, no gaps, no duplicates', async () => {
    const organizationId = await organization();
    let started = 0;
    let allStarted!: () => void;
    const together = new Promise<void>((resolve) => {
      allStarted = resolve;
    });
    const results = await Promise.allSettled(
      Array.from({ length: PARALLEL }, (_, i) =>
        inTransaction(handle.pool, async (tx) => {
          // the document's own work first, every transaction open at once
          await tx.client.query('SELECT 1');
          if (++started === PARALLEL) allStarted();
          await together;
          const number = await takeNumber(tx, organizationId, 'invoice', { gapless: true });
          if (rollsBack(i)) {
            // holds the counter a little, so others queue behind a transaction that then rolls back
            await tx.client.query('SELECT pg_sleep(0.02)');
            throw new Error('refused');
          }
          return number;
        }),
      ),
    );
    const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const rolledBack = results.filter((r) => r.status === 'rejected').length;
    expect(rolledBack).toBe(Array.from({ length: PARALLEL }, (_, i) => i).filter(rollsBack).length);
    expect([...committed].sort((a, b) => a - b)).toEqual(
      Array.from({ length: committed.length }, (_, i) => i + 1),
    );
    expect(await counter(organizationId, 'invoice')).toBe(committed.length);
  });

  it('on the pool: each number commits at once — a rolled-back document leaves a gap, never a duplicate', async () => {
    const organizationId = await organization();
    const results = await Promise.allSettled(
      Array.from({ length: PARALLEL }, async (_, i) => {
        const number = await takeNumber(handle.pool, organizationId, 'repair', { gapless: false });
        return inTransaction(handle.pool, async () => {
          if (rollsBack(i)) throw new Error('refused');
          return number;
        });
      }),
    );
    const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(new Set(committed).size).toBe(committed.length);
    expect(committed.every((n) => n >= 1 && n <= PARALLEL)).toBe(true);
    // every number was handed out once, the refused ones included: those are the gaps
    expect(await counter(organizationId, 'repair')).toBe(PARALLEL);
  });

  it('counts per organization and kind', async () => {
    const a = await organization();
    const b = await organization();
    expect(await takeNumber(handle.pool, a, 'repair', { gapless: false })).toBe(1);
    expect(await takeNumber(handle.pool, a, 'repair', { gapless: false })).toBe(2);
    expect(await takeNumber(handle.pool, b, 'repair', { gapless: false })).toBe(1);
    expect(await inTransaction(handle.pool, (tx) => takeNumber(tx, a, 'invoice', { gapless: true }))).toBe(1);
  });
});
