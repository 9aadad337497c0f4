import type { Readable } from 'node:stream';
import type { Backup, BackupList, BackupTrigger } from '@bancada/shared';
import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { Jobs } from '../../platform/jobs.js';
import { inTransaction } from '../../platform/tx.js';
import { nextSlot } from '../../platform/wall-clock.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import {
  applyRetention,
  begin,
  execute,
  installation,
  keyLoader,
  type RunnerDeps,
  tick,
  track,
} from './backup-runner.js';
import { type BackupStore, createBackupStore } from './backup-stores.js';
import type { BackupRow, BackupsRepo } from './backups.repo.js';
import { DEFAULT_RETENTION } from './retention.js';
import { BACKUP_HOUR } from './schedule.js';

/** How often the worker asks whether the daily backup is due (the job is cheap when it is not). */
export const BACKUP_TICK_CRON = '*/10 * * * *';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/**
 * Backups of the whole installation (issue 13 §1): daily at 03:00 on the default organization's
 * clock (`tick`), now from the Backups page (`start`) or the CLI (`run`); how one runs is
 * backup-runner.ts. Only administrators of the default organization (the installation's owner) may
 * see, start or download them: an archive holds every organization's data.
 */
export function createBackupService(deps: {
  db: Database;
  pool: pg.Pool;
  config: Config;
  cipher: Cipher;
  repo: BackupsRepo;
  organization: OrganizationService;
  users: UsersService;
  outbox: OutboxService;
  store?: BackupStore;
  clock?: () => Date;
  log?: (line: string) => void;
}) {
  const log = deps.log ?? ((line: string) => console.warn(line));
  const runner: RunnerDeps = {
    ...deps,
    store: deps.store ?? createBackupStore(deps.config),
    clock: deps.clock ?? (() => new Date()),
    log,
    running: new Set(),
    backupKey: keyLoader(deps.config, log),
  };
  const { db, pool, repo, store, clock } = runner;

  async function assertInstallationAdmin(ctx: AuthedContext): Promise<void> {
    assertCan(ctx, 'backups:manage');
    const { profile } = await installation(runner);
    if (!profile || profile.id !== ctx.actor.organizationId) throw forbidden('backups.installation_only');
  }

  function toBackup(row: BackupRow): Backup {
    return {
      id: row.id,
      trigger: row.trigger as Backup['trigger'],
      status: row.status as Backup['status'],
      phase: row.phase as Backup['phase'],
      progress: row.progress,
      startedAt: row.startedAt.toISOString(),
      finishedAt: iso(row.finishedAt),
      sizeBytes: row.sizeBytes,
      destination: (row.destination as Backup['destination']) ?? null,
      fileName: row.fileName,
      error: row.error,
      removedAt: iso(row.removedAt),
      downloadable:
        row.status === 'succeeded' &&
        row.removedAt === null &&
        row.fileName !== null &&
        row.destination === store.kind,
    };
  }

  return {
    store,

    async list(ctx: AuthedContext): Promise<BackupList> {
      await assertInstallationAdmin(ctx);
      const { timeZone } = await installation(runner);
      const rows = await repo.list(db, 100);
      return {
        items: rows.map(toBackup),
        destination: store.kind,
        schedule: {
          time: `${String(BACKUP_HOUR).padStart(2, '0')}:00`,
          timeZone,
          nextRunAt: nextSlot(clock(), timeZone, BACKUP_HOUR).toISOString(),
        },
        retention: { ...DEFAULT_RETENTION },
      };
    },

    async get(ctx: AuthedContext, id: string): Promise<Backup> {
      await assertInstallationAdmin(ctx);
      const row = await repo.findById(db, id);
      if (!row) throw notFound('backups.not_found');
      return toBackup(row);
    },

    /** "Back up now": answers the running record at once; the work goes on in the background. */
    async start(ctx: AuthedContext): Promise<Backup> {
      await assertInstallationAdmin(ctx);
      const started = await begin(runner, 'manual', {
        requestedBy: ctx.actor.userId,
        destination: store.kind,
        startedAt: clock(),
      });
      const { row, lock } = started!;
      await inTransaction(pool, async ({ db: tx }) => {
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'backup.start',
          entity: 'backup',
          entityId: row.id,
        });
      });
      void track(runner, execute(runner, row, lock));
      return toBackup(row);
    },

    async download(
      ctx: AuthedContext,
      id: string,
    ): Promise<{ stream: Readable; size: number; fileName: string }> {
      await assertInstallationAdmin(ctx);
      const row = await repo.findById(db, id);
      if (!row) throw notFound('backups.not_found');
      const view = toBackup(row);
      const opened = view.downloadable && row.fileName ? await store.open(row.fileName) : null;
      if (!opened || !row.fileName) throw new AppError('CONFLICT', 'backups.not_downloadable');
      // an archive holds every organization's data: who took one is on the record
      await inTransaction(pool, async ({ db: tx }) => {
        await recordAudit(tx, ctx, {
          organizationId: ctx.actor.organizationId,
          action: 'backup.download',
          entity: 'backup',
          entityId: row.id,
        });
      });
      return { ...opened, fileName: row.fileName };
    },

    /**
     * One backup now, waited for (the CLI): into the configured store, or to `out` (a file the
     * operator chose, outside retention). Answers the finished record, succeeded or failed.
     */
    async run(trigger: BackupTrigger, options: { out?: string } = {}): Promise<BackupRow> {
      const started = await begin(runner, trigger, {
        requestedBy: null,
        destination: options.out ? 'file' : store.kind,
        startedAt: clock(),
      });
      const { row, lock } = started!;
      return track(runner, execute(runner, row, lock, options.out));
    },

    /** The worker's check: runs the scheduled backup when one is due (schedule.ts). */
    tick: (now?: Date) => tick(runner, now),

    applyRetention: (now?: Date) => applyRetention(runner, now),

    /** Resolves when every backup this process started has finished (tests, shutdown). */
    async settled(): Promise<void> {
      while (runner.running.size > 0) await Promise.allSettled([...runner.running]);
    },

    /** The key's id (never the key), generating the key if there is none yet. */
    async keyId(): Promise<string> {
      return (await runner.backupKey()).id;
    },

    async registerJobs(jobs: Jobs): Promise<void> {
      await jobs.work('backup-tick', async () => {
        await tick(runner);
      });
      await jobs.schedule('backup-tick', BACKUP_TICK_CRON);
    },
  };
}
export type BackupService = ReturnType<typeof createBackupService>;
