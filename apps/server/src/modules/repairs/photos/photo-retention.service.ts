import type pg from 'pg';
import type { Database } from '../../../db/client.js';
import type { Storage } from '../../../platform/storage.js';
import { inTransaction } from '../../../platform/tx.js';
import { createPhotoRetentionRepo } from './photo-retention.repo.js';

/** How many photos one purge removes per transaction. */
const BATCH = 200;

/**
 * Photos past the organization's retention period (issue 13 §6), for the privacy module: how many
 * and which (the dry run), and the purge itself (rows in a transaction, then the files).
 */
export function createPhotoRetentionService(deps: { db: Database; pool: pg.Pool; storage: Storage }) {
  const { db, pool, storage } = deps;
  const repo = createPhotoRetentionRepo();
  return {
    async olderThan(organizationId: string, cutoff: Date, sample: number) {
      const [count, rows] = await Promise.all([
        repo.countOlder(db, organizationId, cutoff),
        repo.listOlder(db, organizationId, cutoff, sample),
      ]);
      return {
        count,
        sample: rows.map(({ storageKey: _key, ...row }) => row),
      };
    },

    /** Deletes every photo taken before `cutoff`; a file is removed once its row is gone. */
    async purgeOlderThan(organizationId: string, cutoff: Date): Promise<number> {
      let purged = 0;
      for (;;) {
        const removed = await inTransaction(pool, async ({ db: tx }) => {
          const rows = await repo.listOlder(tx, organizationId, cutoff, BATCH);
          return repo.remove(
            tx,
            organizationId,
            rows.map((r) => r.id),
          );
        });
        for (const row of removed) await storage.remove(row.storageKey);
        purged += removed.length;
        if (removed.length < BATCH) return purged;
      }
    },
  };
}
export type PhotoRetentionService = ReturnType<typeof createPhotoRetentionService>;
