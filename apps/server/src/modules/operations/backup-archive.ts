import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { APP_VERSION } from '../../paths.js';
import type { Cipher } from '../../platform/crypto.js';
import { uploadsDir } from '../../platform/storage.js';
import type { UploadsBucket } from '../../platform/storage-s3.js';
import { appliedMigration, dumpDatabase } from './database-dump.js';
import { ArchiveWriter, type BackupManifest } from './frames.js';
import { createSealStream } from './sealed-stream.js';

export type BackupPhase = 'starting' | 'database' | 'uploads' | 'storing' | 'done';

/** A fingerprint of the field-encryption key (not the key): tells at restore whether the keys agree. */
export function fieldKeyFingerprint(cipher: Cipher): string {
  return cipher.lookupHash('bancada:backup:field-key-fingerprint').slice(0, 16);
}

/** Every file under the uploads folder (relative, with '/'), but half-written ones (`*.part`). */
async function listUploads(root: string): Promise<{ relative: string; size: number }[]> {
  const found: { relative: string; size: number }[] = [];
  const walk = async (dir: string, prefix: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), relative);
      else if (entry.isFile() && !entry.name.endsWith('.part')) {
        const info = await stat(path.join(dir, entry.name)).catch(() => null);
        if (info) found.push({ relative, size: info.size });
      }
    }
  };
  await walk(root, '');
  return found;
}

/** The bucket's files, listed before the database snapshot is read (as the folder's are). */
async function listBucket(bucket: UploadsBucket): Promise<{ relative: string; size: number }[]> {
  const found: { relative: string; size: number }[] = [];
  for await (const object of bucket.list()) found.push({ relative: object.key, size: object.size });
  return found.sort((a, b) => a.relative.localeCompare(b.relative));
}

type UploadsSource = { bucket: UploadsBucket } | { folder: string };

/** One upload's bytes: from the bucket when there is one, from the folder otherwise; null when gone. */
async function openUpload(source: UploadsSource, relative: string): Promise<Readable | null> {
  if ('bucket' in source) return (await source.bucket.get(relative))?.stream ?? null;
  return createReadStream(path.join(source.folder, ...relative.split('/')));
}

export type WrittenArchive = { size: number; sha256: string; manifest: BackupManifest };

/**
 * Writes one encrypted archive to `file`: the database (one snapshot) first, then the uploads (the
 * folder, or the bucket when uploads live in one; files added after the snapshot are harmless extras,
 * one deleted meanwhile is left out), then the manifest. The database is read over `client`, which
 * must not be in a transaction.
 */
export async function writeBackupArchive(options: {
  client: pg.ClientBase;
  dataDir: string;
  key: Buffer;
  cipher: Cipher;
  backupId: string | null;
  /** where uploads live when not in DATA_DIR/uploads (UPLOADS_S3_BUCKET) */
  bucket?: UploadsBucket | null;
  file: string;
  now: Date;
  onProgress: (phase: BackupPhase, share: number) => void;
}): Promise<WrittenArchive> {
  const { client, file, onProgress } = options;
  const createdAt = options.now.toISOString();
  // in the clear header too, so a restore can refuse an archive from a newer version before decrypting it
  const seal = createSealStream(options.key, {
    createdAt,
    appVersion: APP_VERSION,
    migration: await appliedMigration(client),
  });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new PassThrough();
  tap.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.length;
  });
  const written = pipeline(seal, tap, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  // the pipeline's failure (disk full) is reported where the writer waits, not as an unhandled rejection
  written.catch(() => {});
  const writer = new ArchiveWriter(seal);
  try {
    const source: UploadsSource = options.bucket
      ? { bucket: options.bucket }
      : { folder: uploadsDir(options.dataDir) };
    const uploads = 'bucket' in source ? await listBucket(source.bucket) : await listUploads(source.folder);
    const uploadBytes = uploads.reduce((sum, u) => sum + u.size, 0);
    const {
      rows: [dbSize],
    } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database())::text AS bytes');
    const dbBytes = Number(dbSize?.bytes ?? 0);
    const dbShare = dbBytes + uploadBytes > 0 ? dbBytes / (dbBytes + uploadBytes) : 1;
    onProgress('database', 0);
    const dump = await dumpDatabase(client, writer, (share) => onProgress('database', share * dbShare));
    onProgress('uploads', dbShare);
    let done = 0;
    for (const upload of uploads) {
      const stream = await openUpload(source, upload.relative);
      if (stream) await writer.addFile(`uploads/${upload.relative}`, stream);
      done += upload.size;
      onProgress('uploads', dbShare + (uploadBytes ? (done / uploadBytes) * (1 - dbShare) : 0));
    }
    const manifest: BackupManifest = {
      format: 1,
      app: 'bancada',
      appVersion: APP_VERSION,
      createdAt,
      backupId: options.backupId,
      migration: dump.migration,
      postgres: { serverVersion: dump.serverVersion },
      database: { format: 'copy-text', tables: dump.tables, sequences: dump.sequences },
      files: writer.files,
      auditHeads: dump.auditHeads,
      encryptionKeyFingerprint: fieldKeyFingerprint(options.cipher),
      encryptionKeyIds: options.cipher.keyIds(),
    };
    await writer.finish(manifest);
    await written;
    return { size, sha256: hash.digest('hex'), manifest };
  } catch (error) {
    seal.destroy();
    await written.catch(() => {});
    await rm(file, { force: true });
    throw error;
  }
}
