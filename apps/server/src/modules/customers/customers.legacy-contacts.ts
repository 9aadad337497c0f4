import type { Customer } from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { inTransaction } from '../../platform/tx.js';
import type { CustomerRecords } from './customers.records.js';
import type { CustomersRepo, LegacyContactRow } from './customers.repo.js';

const BATCH_SIZE = 200;

/** Clear contact data as an older version stored it, in the shape the API returns. */
function contactOfLegacy(row: LegacyContactRow) {
  return {
    email: row.legacy_email,
    phone: row.legacy_phone,
    phones: (row.legacy_phones ?? []) as Customer['phones'],
    addresses: (row.legacy_addresses ?? []) as Customer['addresses'],
  };
}

/**
 * Migration 0017 renamed the clear e-mail, phone, phones and addresses columns to legacy_* when some
 * customer held contact data (SQL cannot encrypt with the installation's key). This start-up step
 * encrypts them row by row, in committed batches, emptying each row's clear columns in the statement
 * that writes its encrypted ones, and drops the clear columns once none holds anything. Interrupted,
 * it resumes where it stopped; run again, or on a fresh database, it only checks that there is
 * nothing left. Several instances starting together wait on each other's batches, never convert a
 * row twice.
 */
export async function convertLegacyContacts(
  deps: { db: Database; pool: pg.Pool; repo: CustomersRepo; records: CustomerRecords },
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<{ converted: number; complete: boolean }> {
  const { db, pool, repo, records } = deps;
  if (!(await repo.hasLegacyContactColumns(db))) return { converted: 0, complete: true };
  const limit = options.batchSize ?? BATCH_SIZE;
  let converted = 0;
  for (let batch = 0; ; batch++) {
    // a bounded run (a test's interruption) stops here; the next run continues with the rows left
    if (options.maxBatches !== undefined && batch >= options.maxBatches)
      return { converted, complete: false };
    const done = await inTransaction(pool, async ({ db: tx }) => {
      const rows = await repo.lockLegacyContactBatch(tx, limit);
      for (const row of rows ?? []) {
        await repo.writeConvertedContacts(tx, row.id, records.contactColumns(contactOfLegacy(row)));
      }
      return rows?.length ?? null;
    });
    if (done === null) return { converted, complete: true };
    converted += done;
    if (done < limit) break;
  }
  await inTransaction(pool, ({ db: tx }) => repo.dropLegacyContactColumns(tx));
  return { converted, complete: true };
}
