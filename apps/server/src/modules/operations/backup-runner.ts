import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BackupTrigger, Locale } from '@bancada/shared';
import type pg from 'pg';
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import type { Cipher } from '../../platform/crypto.js';
import { AppError, conflict } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { createUploadsStorage } from '../../platform/storage-s3.js';
import { inTransaction } from '../../platform/tx.js';
import { safeTimeZone } from '../../platform/wall-clock.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import { type BackupPhase, writeBackupArchive } from './backup-archive.js';
import { type BackupKey, loadBackupKey } from './backup-key.js';
import { archiveName, type BackupStore } from './backup-stores.js';
import type { BackupRow, BackupsRepo } from './backups.repo.js';
import { backupsToRemove, DEFAULT_RETENTION } from './retention.js';
import { scheduledBackupDue } from './schedule.js';

/**
 * How a backup runs, for the service (backup.service.ts): one at a time (an advisory lock, whichever
 * process runs it), recorded in `backups` with its progress, stored, then retention; a failure is
 * recorded and e-mailed to the default organization's administrators and managers.
 */
export type RunnerDeps = {
  db: Database;
  pool: pg.Pool;
  config: Config;
  cipher: Cipher;
  repo: BackupsRepo;
  organization: OrganizationService;
  users: UsersService;
  outbox: OutboxService;
  store: BackupStore;
  clock: () => Date;
  log: (line: string) => void;
  /** the runs this process started and has not finished */
  running: Set<Promise<unknown>>;
  backupKey: () => Promise<BackupKey>;
};

export type Lock = { release: () => Promise<void> };

/** BACKUP_KEY, or the generated one; generated (with the warning) the first time it is needed. */
export function keyLoader(config: Config, log: (line: string) => void): () => Promise<BackupKey> {
  let loading: Promise<BackupKey> | null = null;
  return () => {
    loading ??= loadBackupKey(config, { create: true, warn: log }).then((key) => key!);
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
}

/** The default organization (the installation's owner) and its time zone. */
export async function installation(deps: Pick<RunnerDeps, 'organization' | 'db'>) {
  const profile = await deps.organization.defaultProfile(deps.db);
  return { profile, timeZone: safeTimeZone(profile?.timeZone) };
}

/** Takes the lock and records a running backup; `due` (under the lock) may decline. */
export async function begin(
  deps: RunnerDeps,
  trigger: BackupTrigger,
  values: { requestedBy: string | null; destination: string; startedAt: Date },
  due?: () => Promise<boolean>,
): Promise<{ row: BackupRow; lock: Lock } | null> {
  const { repo, db } = deps;
  const lock = await repo.tryLock(deps.pool);
  if (!lock) throw conflict('backups.already_running');
  try {
    if (due && !(await due())) {
      await lock.release();
      return null;
    }
    // a row still "running" belongs to a run that died: it no longer holds the lock
    await repo.failInterrupted(db);
    const row = await repo.insert(db, { trigger, ...values });
    return { row, lock };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function alertFailure(deps: RunnerDeps, row: BackupRow, error: string): Promise<void> {
  const { db, users, outbox } = deps;
  const { profile } = await installation(deps);
  if (!profile) return;
  const recipients = await users.managersToNotify(db, profile.id);
  if (recipients.length === 0) return;
  await inTransaction(deps.pool, async (tx) => {
    for (const person of recipients) {
      const locale = (person.locale as Locale) ?? 'pt-BR';
      await outbox.queueEmail(tx, {
        organizationId: profile.id,
        to: person.email,
        subject: t(locale, 'mail.backup_failed.subject', { org: profile.name }),
        text: t(locale, 'mail.backup_failed.body', {
          name: person.name,
          trigger: row.trigger,
          startedAt: row.startedAt.toISOString(),
          error,
          link: `${profile.publicUrl}/backups`,
        }),
        relatedEntity: 'backup',
        relatedId: row.id,
      });
    }
  });
}

/** Writes the archive, stores it, records the result; never throws (a failure is recorded and alerted). */
export async function execute(
  deps: RunnerDeps,
  row: BackupRow,
  lock: Lock,
  out?: string,
): Promise<BackupRow> {
  const { db, pool, config, cipher, repo, store, clock, log } = deps;
  const name = archiveName(row.startedAt, randomBytes(3).toString('hex'));
  const workDir = out ? path.dirname(out) : store.workDir;
  const partial = path.join(
    workDir,
    `.${path.basename(out ?? name)}.${randomBytes(4).toString('hex')}.partial`,
  );
  let lastSaved = { phase: 'starting', progress: 0, at: 0 };
  let saving: Promise<void> = Promise.resolve();
  const report = (phase: BackupPhase, share: number) => {
    const progress = Math.floor(share * 100);
    const now = Date.now();
    if (phase === lastSaved.phase && (progress === lastSaved.progress || now - lastSaved.at < 1000)) return;
    lastSaved = { phase, progress, at: now };
    saving = saving.then(() => repo.progress(db, row.id, phase, progress)).catch(() => {});
  };
  try {
    const key = await deps.backupKey();
    await mkdir(workDir, { recursive: true });
    const client = await pool.connect();
    let written: Awaited<ReturnType<typeof writeBackupArchive>>;
    try {
      written = await writeBackupArchive({
        client,
        uploads: createUploadsStorage(config),
        key: key.key,
        cipher,
        backupId: row.id,
        file: partial,
        now: row.startedAt,
        onProgress: (phase, share) => report(phase, share * 0.95),
      });
    } finally {
      client.release();
    }
    report('storing', 0.95);
    let location: string;
    if (out) {
      await rename(partial, out);
      location = out;
    } else {
      await store.save(partial, name, (share) => report('storing', 0.95 + share * 0.05));
      location = store.location(name);
    }
    await saving;
    const finished = await repo.finish(db, row.id, {
      status: 'succeeded',
      location,
      fileName: out ? path.basename(out) : name,
      sizeBytes: written.size,
      sha256: written.sha256,
      migration: written.manifest.migration.tag,
      finishedAt: clock(),
    });
    if (!out) {
      await applyRetention(deps).catch((error: unknown) =>
        log(`[backups] retention failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    return finished ?? row;
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    log(`[backups] backup ${row.id} failed: ${message}`);
    await saving;
    const failed = await repo.finish(db, row.id, { status: 'failed', error: message, finishedAt: clock() });
    await alertFailure(deps, row, message).catch((alertError: unknown) =>
      log(
        `[backups] could not queue the failure alert: ${alertError instanceof Error ? alertError.message : String(alertError)}`,
      ),
    );
    return failed ?? row;
  } finally {
    await lock.release();
  }
}

/** Keeps a run in `running` until it ends (tests and the CLI wait for it). */
export function track<T>(deps: Pick<RunnerDeps, 'running'>, work: Promise<T>): Promise<T> {
  deps.running.add(work);
  void work.finally(() => deps.running.delete(work)).catch(() => {});
  return work;
}

/** Deletes the archives retention no longer keeps (7 daily, 4 weekly, 3 monthly); answers their names. */
export async function applyRetention(deps: RunnerDeps, now = deps.clock()): Promise<string[]> {
  const { timeZone } = await installation(deps);
  const archives = await deps.store.list();
  const remove = backupsToRemove(archives, timeZone, DEFAULT_RETENTION);
  for (const name of remove) await deps.store.remove(name);
  await deps.repo.markRemoved(deps.db, remove, now);
  const kept = archives.map((a) => a.name).filter((name) => !remove.includes(name));
  await deps.repo.markMissing(deps.db, deps.store.kind, kept, now);
  return remove;
}

/** The worker's check: runs the scheduled backup when one is due (schedule.ts), and waits for it. */
export async function tick(deps: RunnerDeps, now = deps.clock()): Promise<BackupRow | null> {
  const { timeZone } = await installation(deps);
  const isDue = async () => scheduledBackupDue(now, timeZone, await deps.repo.lastScheduledStart(deps.db));
  if (!(await isDue())) return null;
  let started: Awaited<ReturnType<typeof begin>>;
  try {
    started = await begin(
      deps,
      'schedule',
      { requestedBy: null, destination: deps.store.kind, startedAt: now },
      isDue,
    );
  } catch (error) {
    // someone else is backing up now; the next tick looks again
    if (error instanceof AppError && error.code === 'CONFLICT') return null;
    throw error;
  }
  if (!started) return null;
  return track(deps, execute(deps, started.row, started.lock));
}
