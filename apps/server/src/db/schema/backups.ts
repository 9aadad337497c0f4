import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * One row per backup run (issue 13 §1): scheduled, started from the Backups page or by the CLI.
 * Installation-wide (a backup holds every organization), so there is no organization_id.
 */
export const backups = pgTable(
  'backups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** schedule | manual | cli */
    trigger: text('trigger').notNull(),
    /** running | succeeded | failed */
    status: text('status').notNull().default('running'),
    /** what the run is doing now: starting, database, uploads, storing, done */
    phase: text('phase').notNull().default('starting'),
    /** 0–100, for the page's progress bar */
    progress: integer('progress').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** the user who pressed "Back up now" */
    requestedBy: uuid('requested_by'),
    /** local | s3 | file (a CLI --out path, not managed by retention) */
    destination: text('destination'),
    /** where the archive is: a path, or s3://bucket/key */
    location: text('location'),
    fileName: text('file_name'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    /** SHA-256 of the encrypted archive */
    sha256: text('sha256'),
    /** the latest applied schema migration when the backup was taken */
    migration: text('migration'),
    error: text('error'),
    /** when retention deleted the archive */
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('backups_started_idx').on(t.startedAt.desc(), t.id.desc()),
    index('backups_trigger_started_idx').on(t.trigger, t.startedAt.desc()),
    uniqueIndex('backups_one_running_uq').on(sql`(true)`).where(sql`${t.status} = 'running'`),
    check('backups_trigger_ck', sql`${t.trigger} in ('schedule','manual','cli')`),
    check('backups_status_ck', sql`${t.status} in ('running','succeeded','failed')`),
    check('backups_progress_ck', sql`${t.progress} between 0 and 100`),
  ],
);
