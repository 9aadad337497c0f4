import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../config.js';
import { startEmbeddedPostgres } from '../../db/embedded.js';
import { createCipher, type Keyring } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { acquireDataDirLock, DataDirLockedError } from '../../platform/lock.js';
import { readStoredSecrets } from '../../platform/secrets.js';
import { createUploadsStorage } from '../../platform/storage-s3.js';
import type { BackupService } from './backup.service.js';
import { fieldKeyFingerprint } from './backup-archive.js';
import { loadBackupKey } from './backup-key.js';
import { checkArchiveHeader, RestoreRefusedError, restoreBackup } from './backup-restore.js';

/**
 * The CLI's side of backups (`npm run cli -- backup | restore`), kept here so cli.ts stays a switch.
 *
 * Reaching the embedded database: the server owns DATA_DIR (its pid file) and the embedded
 * PostgreSQL it started listens on 127.0.0.1:EMBEDDED_PG_PORT with the superuser password in
 * DATA_DIR/postgres.password. A backup while the server runs connects to that server (one snapshot
 * is consistent however busy the server is); with no server running, the CLI starts the database
 * itself, as every other command does. A restore needs the server stopped.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The embedded server that a running Bancada (pid `owner`) started; waits for it while it starts. */
export async function runningEmbeddedUrl(
  config: Pick<Config, 'dataDir' | 'embeddedPgPort'>,
  owner: number,
  options: { waitMs?: number } = {},
): Promise<string> {
  const dir = path.join(config.dataDir, 'postgres');
  const passwordFile = `${dir}.password`;
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  let lastError = 'no answer';
  for (;;) {
    if (existsSync(passwordFile)) {
      const password = (await readFile(passwordFile, 'utf8')).trim();
      const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${config.embeddedPgPort}/bancada`;
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return url;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      } finally {
        await client.end().catch(() => {});
      }
    } else {
      lastError = `${passwordFile} does not exist yet`;
    }
    if (Date.now() >= deadline) break;
    await sleep(1000);
  }
  throw new Error(
    `Bancada (pid ${owner}) is using the data folder ${config.dataDir}, but its embedded PostgreSQL does not answer on ` +
      `127.0.0.1:${config.embeddedPgPort} (${lastError}). If the server is still starting, try again in a moment; ` +
      'if it was started with another EMBEDDED_PG_PORT, run this command with the same value.',
  );
}

function describeBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

/** backup [--out FILE]: one backup now, recorded like the others (trigger "cli"). */
export async function backupCommand(
  backups: BackupService,
  options: { out?: string | undefined },
  print: (line: string) => void,
): Promise<number> {
  const out = options.out ? path.resolve(options.out) : undefined;
  if (out && existsSync(out)) {
    print(`${out} already exists; choose another --out file.`);
    return 1;
  }
  const keyId = await backups.keyId();
  print(
    `Backing up (key ${keyId})${out ? ` to ${out}` : ` to ${backups.store.kind === 's3' ? 'the S3 bucket' : backups.store.workDir}`}…`,
  );
  let row: Awaited<ReturnType<BackupService['run']>>;
  try {
    row = await backups.run('cli', out ? { out } : {});
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      print('A backup is already running (from the server or another shell); wait for it to finish.');
      return 1;
    }
    throw error;
  }
  if (row.status !== 'succeeded') {
    print(`Backup FAILED: ${row.error ?? 'unknown error'}`);
    return 1;
  }
  print(
    `Backup written: ${row.location} (${describeBytes(row.sizeBytes ?? 0)}, schema ${row.migration}, sha256 ${row.sha256}).`,
  );
  print('Restore it with: npm run cli -- restore FILE   (needs the same BACKUP_KEY)');
  return 0;
}

/** The field-encryption key this installation uses, without creating one. */
async function installedFieldKey(config: Config): Promise<Keyring | null> {
  if (config.encryptionKey)
    return {
      current: config.encryptionKey,
      previous: config.encryptionKeyPrevious,
      indexKey: config.indexKey,
    };
  const stored = await readStoredSecrets(config.dataDir);
  if (!stored.encryptionKey) return null;
  return {
    current: stored.encryptionKey,
    previous: stored.previousEncryptionKeys ?? [],
    indexKey: stored.indexKey,
  };
}

/**
 * restore FILE [--force]: into the configured database (DATABASE_URL, or the embedded one, which it
 * starts; the server must be stopped) and DATA_DIR/uploads (or the uploads bucket, UPLOADS_S3_BUCKET).
 */
export async function restoreCommand(
  config: Config,
  options: { file: string | undefined; force: boolean },
  print: (line: string) => void,
): Promise<number> {
  if (!options.file) {
    print('restore needs the archive: npm run cli -- restore FILE [--force]');
    return 1;
  }
  const key = await loadBackupKey(config, { create: false });
  if (!key) {
    print(
      `No backup key: set BACKUP_KEY (base64 of 32 bytes) to the key the backup was made with, or put it in ${path.join(config.dataDir, 'backup.key')}.`,
    );
    return 1;
  }
  const file = path.resolve(options.file);
  try {
    // before starting anything: a wrong key or a newer archive must leave even DATA_DIR untouched
    await checkArchiveHeader(file, key.key);
  } catch (error) {
    if (error instanceof RestoreRefusedError) {
      print(`Restore refused: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const fieldKey = await installedFieldKey(config);
  let url = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let lock: { release: () => void } | null = null;
  try {
    if (!url) {
      await mkdir(config.dataDir, { recursive: true });
      try {
        lock = acquireDataDirLock(config.dataDir);
      } catch (error) {
        if (error instanceof DataDirLockedError) {
          print(
            `Bancada (pid ${error.pid}) is running on ${config.dataDir}: stop the server first, then restore. Nothing was changed.`,
          );
          return 1;
        }
        throw error;
      }
      print(
        `Starting the embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${config.dataDir})…`,
      );
      const embedded = await startEmbeddedPostgres({
        dir: path.join(config.dataDir, 'postgres'),
        port: config.embeddedPgPort,
        database: 'bancada',
      });
      url = embedded.url;
      stopEmbedded = embedded.stop;
    }
    const client = new pg.Client({ connectionString: url, application_name: 'bancada-restore' });
    await client.connect();
    try {
      const result = await restoreBackup({
        file,
        key: key.key,
        client,
        dataDir: config.dataDir,
        uploads: createUploadsStorage(config),
        force: options.force,
        fieldKeyFingerprint: fieldKey ? fieldKeyFingerprint(createCipher(fieldKey)) : null,
        installedKeyIds: fieldKey ? createCipher(fieldKey).keyIds() : null,
        log: print,
      });
      print(
        `Restored: ${result.manifest.database.tables.length} tables and ${result.manifest.files.filter((f) => f.path.startsWith('uploads/')).length} uploaded files from the backup of ${result.manifest.createdAt}.`,
      );
      if (result.previousUploads)
        print(`The uploads that were there before are in ${result.previousUploads}.`);
      if (result.audit.breaks.length === 0) {
        print(
          `Audit chains intact and at the heads recorded in the backup (${result.audit.rowsChecked} rows checked).`,
        );
      } else {
        for (const broken of result.audit.breaks) {
          print(
            `Audit chain of organization ${broken.organizationId} does not match the backup: ${broken.detail}`,
          );
        }
      }
      if (result.fieldKeyMatches === false) {
        print(
          "WARNING: this installation's ENCRYPTION_KEY (or secrets.json) is not the one the backup's personal data was encrypted with: " +
            'names, documents and phones will not be readable until you set ENCRYPTION_KEY to the original key.',
        );
      } else if (result.missingKeyIds.length > 0) {
        print(
          `WARNING: the backup's personal data and files may be encrypted with key id ${result.missingKeyIds.join(', ')}, which this installation's keys no longer include (a key rotation since the backup): ` +
            'add that key to ENCRYPTION_KEY_PREVIOUS (or restore the secrets.json of that time as previousEncryptionKeys) and run `npm run cli -- rotate-key` (docs/operations.md, "Key rotation").',
        );
      } else if (result.fieldKeyMatches === null) {
        print(
          'Note: no ENCRYPTION_KEY or secrets.json here yet: set ENCRYPTION_KEY to the key of the installation the backup came from before starting the server.',
        );
      }
      print(
        'Audit anchors newer than this backup no longer match (docs/operations.md, "Audit log"). Start the server now.',
      );
      return 0;
    } catch (error) {
      if (error instanceof RestoreRefusedError) {
        print(`Restore refused: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await client.end().catch(() => {});
    }
  } finally {
    await stopEmbedded?.().catch(() => {});
    lock?.release();
  }
}
