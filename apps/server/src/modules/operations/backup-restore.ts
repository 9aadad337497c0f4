import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { type AuditVerification, verifyAuditChain } from '../../platform/audit.js';
import {
  createLocalStorage,
  isLocalStorage,
  isStorageKey,
  type Storage,
  uploadsDir,
} from '../../platform/storage.js';
import {
  applicationTableCount,
  latestKnownMigration,
  loadDatabase,
  migrationJournal,
} from './database-dump.js';
import { type BackupManifest, extractArchive } from './frames.js';
import {
  BackupArchiveError,
  backupKeyId,
  createOpenStream,
  readSealedHeader,
  type SealedHeader,
} from './sealed-stream.js';

/** A restore that was refused before anything changed; the message says why and what to do. */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

function refuseNewer(migration: { tag: string; when: number }): void {
  const known = latestKnownMigration();
  const ours = migrationJournal().some((entry) => entry.when === migration.when);
  if (migration.when > known.when || !ours) {
    throw new RestoreRefusedError(
      `This archive's database is at schema migration ${migration.tag || migration.when}, which this version of Bancada does not know ` +
        `(it knows up to ${known.tag}). Restore it with the version that made it, or a newer one. Nothing was changed.`,
    );
  }
}

async function isEmptyFolder(dir: string): Promise<boolean> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.length === 0;
}

async function isEmptyStore(uploads: Storage): Promise<boolean> {
  for await (const _entry of uploads.list()) return false;
  return true;
}

/** The staged uploads, as storage keys (relative, with '/'). */
async function stagedFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await stagedFiles(path.join(dir, entry.name), relative)));
    else if (entry.isFile()) found.push(relative);
  }
  return found;
}

/**
 * The staged uploads into the configured store, through the storage interface, under their own keys
 * and as archived (still sealed: the keys they name come with the database's keyring). A file of the
 * same name is replaced, others stay.
 */
async function writeUploads(uploads: Storage, staged: string, log: (line: string) => void): Promise<void> {
  let written = 0;
  for (const key of await stagedFiles(staged)) {
    if (!isStorageKey(key)) {
      log(`Left out ${key}: not a name the server gives uploads.`);
      continue;
    }
    await uploads.put(key, await readFile(path.join(staged, ...key.split('/'))), 'application/octet-stream');
    written++;
  }
  log(`${written} uploaded files written to ${uploads.label}.`);
}

/** With --force on the local disk: the uploads folder there before, if not empty, kept beside it, renamed. */
async function moveFolderAside(folder: string): Promise<string | null> {
  if (await isEmptyFolder(folder)) return null;
  const previous = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(folder, previous);
  return previous;
}

/**
 * The quick checks, before anything is started or read further: the file is an archive, sealed with
 * this key, of a schema this code knows. Refuses (RestoreRefusedError) otherwise.
 */
export async function checkArchiveHeader(file: string, key: Buffer): Promise<SealedHeader> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new RestoreRefusedError(`No archive at ${file}.`);
  let header: SealedHeader;
  try {
    header = await readSealedHeader(file);
  } catch (error) {
    throw error instanceof BackupArchiveError
      ? new RestoreRefusedError(`${error.message} Nothing was changed.`)
      : error;
  }
  if (header.keyId !== backupKeyId(key)) {
    throw new RestoreRefusedError(
      `Wrong BACKUP_KEY or damaged archive: the archive was sealed with key ${header.keyId}, and the configured key is ${backupKeyId(key)}. ` +
        'Set BACKUP_KEY to the key the backup was made with. Nothing was changed.',
    );
  }
  if (header.migration) refuseNewer(header.migration);
  return header;
}

export type RestoreResult = {
  manifest: BackupManifest;
  audit: AuditVerification;
  /** where the uploads that were there before went (with --force), if any */
  previousUploads: string | null;
  fieldKeyMatches: boolean | null;
  /** key ids the archive's data may be sealed with that this installation's keyring lacks */
  missingKeyIds: string[];
};

/**
 * Restores an archive into the database `client` is connected to, and its uploads into the uploads
 * store configured now (DATA_DIR/uploads or the uploads bucket, whichever the archive came from).
 * Refuses, changing nothing: a different BACKUP_KEY, a damaged or truncated archive (every chunk and
 * checksum is verified before the database is touched), an archive from a newer schema, a database
 * that already has tables or an uploads store that already has files (unless `force`), or other
 * Bancada connections to the database (stop the server first).
 */
export async function restoreBackup(options: {
  file: string;
  key: Buffer;
  client: pg.ClientBase;
  dataDir: string;
  force: boolean;
  /** the configured uploads store, not the sealed wrapper (default: DATA_DIR/uploads) */
  uploads?: Storage;
  /** fingerprint of this installation's field-encryption key (null: none configured yet) */
  fieldKeyFingerprint: string | null;
  /** the ids of this installation's keys (null: none configured yet) */
  installedKeyIds?: string[] | null;
  log: (line: string) => void;
}): Promise<RestoreResult> {
  const { client, dataDir, log } = options;

  const header = await checkArchiveHeader(options.file, options.key);
  const archiveSize = (await stat(options.file)).size;

  const others = await client.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'bancada%'`,
  );
  if (Number(others.rows[0]?.n ?? 0) > 0) {
    throw new RestoreRefusedError(
      'A Bancada server is connected to this database: stop every server (and job worker) first, then restore. Nothing was changed.',
    );
  }
  const tables = await applicationTableCount(client);
  if (tables > 0 && !options.force) {
    throw new RestoreRefusedError(
      `The database already has ${tables} tables. Restore into an empty database, or pass --force to replace everything in it. Nothing was changed.`,
    );
  }
  const uploads = options.uploads ?? createLocalStorage(uploadsDir(dataDir));
  const folder = isLocalStorage(uploads) ? uploads.root : null;
  if (!options.force && !(await isEmptyStore(uploads))) {
    throw new RestoreRefusedError(
      folder
        ? `The uploads folder ${folder} is not empty. Move it away, or pass --force (it is then kept beside, renamed). Nothing was changed.`
        : `The uploads bucket ${uploads.label} is not empty. Restore into an empty bucket or prefix (UPLOADS_S3_BUCKET, UPLOADS_S3_PREFIX), or pass --force (the backup's files then replace those of the same name; the others stay). Nothing was changed.`,
    );
  }

  // 1. decrypt and verify everything into a staging folder on the same disk
  await mkdir(dataDir, { recursive: true });
  const staging = path.join(dataDir, `.restore-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { mode: 0o700 });
  try {
    log(`Decrypting and checking ${options.file} (key ${header.keyId})…`);
    let manifest: BackupManifest | null = null;
    try {
      await pipeline(
        createReadStream(options.file),
        createOpenStream(options.key),
        async (source: AsyncIterable<Buffer>) => {
          manifest = await extractArchive(source, staging);
        },
      );
    } catch (error) {
      if (error instanceof BackupArchiveError)
        throw new RestoreRefusedError(`${error.message} Nothing was changed.`);
      throw error;
    }
    const checked = manifest as unknown as BackupManifest;
    refuseNewer(checked.migration);
    const rows = checked.database.tables.reduce((sum, t) => sum + t.rows, 0);
    log(
      `Archive intact: made ${checked.createdAt} by Bancada ${checked.appVersion}, schema ${checked.migration.tag}, ` +
        `${checked.database.tables.length} tables (${rows} rows), ${checked.files.filter((f) => f.path.startsWith('uploads/')).length} uploaded files.`,
    );
    const fieldKeyMatches =
      options.fieldKeyFingerprint === null
        ? null
        : options.fieldKeyFingerprint === checked.encryptionKeyFingerprint;
    const installed = options.installedKeyIds ?? null;
    const missingKeyIds = installed
      ? (checked.encryptionKeyIds ?? []).filter((kid) => !installed.includes(kid))
      : [];

    // 2. the database, in one transaction
    log(options.force && tables > 0 ? 'Replacing the database…' : 'Loading the database…');
    await loadDatabase(client, staging, checked, {
      replace: options.force,
      onProgress: () => {},
      finish: async (tx) => {
        // the run that made this archive was still "running" in its own snapshot
        await tx.query(
          `UPDATE backups SET status = CASE WHEN id = $1 THEN 'succeeded' ELSE 'failed' END,
                  phase = 'done', progress = CASE WHEN id = $1 THEN 100 ELSE progress END,
                  finished_at = COALESCE(finished_at, now()),
                  error = CASE WHEN id = $1 THEN NULL ELSE 'interrupted: the database was restored from a backup' END,
                  file_name = CASE WHEN id = $1 THEN $2 ELSE file_name END,
                  size_bytes = CASE WHEN id = $1 THEN $3::bigint ELSE size_bytes END
            WHERE status = 'running'`,
          [checked.backupId, path.basename(options.file), archiveSize],
        );
      },
    });

    // 3. the uploads, into the configured store (a local folder with files is moved aside first)
    const previousUploads = folder && options.force ? await moveFolderAside(folder) : null;
    await writeUploads(uploads, path.join(staging, 'uploads'), log);

    // 4. the audit chains must still reach the heads recorded in the same snapshot
    const audit = await verifyAuditChain(drizzle(client as pg.Client) as unknown as Database, {
      anchors: checked.auditHeads,
    });
    return { manifest: checked, audit, previousUploads, fieldKeyMatches, missingKeyIds };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Reads and verifies a whole archive without writing anything, and answers its manifest
 * (`verify-audit --anchor FILE` takes the audit chain heads from it).
 */
export async function readArchiveManifest(file: string, key: Buffer): Promise<BackupManifest> {
  let manifest: BackupManifest | null = null;
  await pipeline(createReadStream(file), createOpenStream(key), async (source: AsyncIterable<Buffer>) => {
    manifest = await extractArchive(source, null);
  });
  return manifest as unknown as BackupManifest;
}

/** Whether a file starts like a backup archive. */
export async function isBackupArchive(file: string): Promise<boolean> {
  try {
    await readSealedHeader(file);
    return true;
  } catch {
    return false;
  }
}
