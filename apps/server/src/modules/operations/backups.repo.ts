import { and, desc, eq, inArray, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { backups } from '../../db/schema/backups.js';

export type BackupRow = typeof backups.$inferSelect;

// one backup at a time in the whole installation, whichever process (server, CLI) runs it
const BACKUP_LOCK = 7_234_013;

export function createBackupsRepo() {
  return {
    /**
     * The installation's backup lock, on a connection of its own held until `release`: null when
     * another run holds it. A run that died (crash, kill) lost its connection and so the lock.
     */
    async tryLock(pool: pg.Pool): Promise<{ release: () => Promise<void> } | null> {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
          BACKUP_LOCK,
        ]);
        if (!rows[0]?.ok) {
          client.release();
          return null;
        }
      } catch (error) {
        client.release();
        throw error;
      }
      return {
        async release() {
          await client.query('SELECT pg_advisory_unlock($1)', [BACKUP_LOCK]).catch(() => {});
          client.release();
        },
      };
    },

    /** Rows left "running" by a run that no longer holds the lock (call with the lock held). */
    async failInterrupted(db: Database): Promise<void> {
      await db
        .update(backups)
        .set({
          status: 'failed',
          phase: 'done',
          finishedAt: new Date(),
          error: 'interrupted (the process stopped)',
        })
        .where(eq(backups.status, 'running'));
    },

    async insert(
      db: Database,
      values: { trigger: string; requestedBy: string | null; destination: string; startedAt: Date },
    ): Promise<BackupRow> {
      const [row] = await db.insert(backups).values(values).returning();
      return row!;
    },

    async progress(db: Database, id: string, phase: string, progress: number): Promise<void> {
      await db
        .update(backups)
        .set({ phase, progress: Math.max(0, Math.min(100, Math.floor(progress))) })
        .where(and(eq(backups.id, id), eq(backups.status, 'running')));
    },

    async finish(
      db: Database,
      id: string,
      result:
        | {
            status: 'succeeded';
            location: string;
            fileName: string;
            sizeBytes: number;
            sha256: string;
            migration: string;
            finishedAt: Date;
          }
        | { status: 'failed'; error: string; finishedAt: Date },
    ): Promise<BackupRow | undefined> {
      const [row] = await db
        .update(backups)
        .set({ ...result, phase: 'done', ...(result.status === 'succeeded' ? { progress: 100 } : {}) })
        .where(eq(backups.id, id))
        .returning();
      return row;
    },

    async findById(db: Database, id: string): Promise<BackupRow | undefined> {
      const [row] = await db.select().from(backups).where(eq(backups.id, id));
      return row;
    },

    async list(db: Database, limit: number): Promise<BackupRow[]> {
      return db.select().from(backups).orderBy(desc(backups.startedAt), desc(backups.id)).limit(limit);
    },

    async lastScheduledStart(db: Database): Promise<Date | null> {
      const [row] = await db
        .select({ startedAt: backups.startedAt })
        .from(backups)
        .where(eq(backups.trigger, 'schedule'))
        .orderBy(desc(backups.startedAt))
        .limit(1);
      return row?.startedAt ?? null;
    },

    /** Retention deleted these archives. */
    async markRemoved(db: Database, fileNames: string[], at: Date): Promise<void> {
      if (fileNames.length === 0) return;
      await db
        .update(backups)
        .set({ removedAt: at })
        .where(and(inArray(backups.fileName, fileNames), isNull(backups.removedAt)));
    },

    /**
     * Archives of this destination that are no longer there (deleted by hand, or by a retention run
     * that a restored database does not remember) are marked removed, so the list offers no dead download.
     */
    async markMissing(db: Database, destination: string, present: string[], at: Date): Promise<void> {
      await db
        .update(backups)
        .set({ removedAt: at })
        .where(
          and(
            eq(backups.destination, destination),
            eq(backups.status, 'succeeded'),
            isNull(backups.removedAt),
            isNotNull(backups.fileName),
            present.length ? notInArray(backups.fileName, present) : undefined,
          ),
        );
    },

    async count(db: Database): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(backups);
      return row?.n ?? 0;
    },
  };
}
export type BackupsRepo = ReturnType<typeof createBackupsRepo>;
