import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per key rotation (`npm run cli -- rotate-key`, decision 0010): which key it moves data to
 * (its id, never the key), how far it got, how many values and files it re-encrypted. Installation-wide.
 */
export const keyRotations = pgTable(
  'key_rotations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetKid: text('target_kid').notNull(),
    /** fields | files | done */
    phase: text('phase').notNull().default('fields'),
    valuesReencrypted: integer('values_reencrypted').notNull().default(0),
    filesResealed: integer('files_resealed').notNull().default(0),
    /** how many times rotate-key ran for it (1 + resumptions) */
    runs: integer('runs').notNull().default(1),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('key_rotations_phase_check', sql`${t.phase} IN ('fields', 'files', 'done')`),
    uniqueIndex('key_rotations_open_uq').on(t.targetKid).where(sql`${t.finishedAt} IS NULL`),
  ],
);
