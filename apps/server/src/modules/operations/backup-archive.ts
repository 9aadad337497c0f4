import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { APP_VERSION } from '../../paths.js';
import type { Cipher } from '../../platform/crypto.js';
import type { Storage, StoredEntry } from '../../platform/storage.js';
import { SEALED_HEADER_MAX, sealedFileKid } from '../../platform/storage-sealed.js';
import { appliedMigration, dumpDatabase } from './database-dump.js';
import { ArchiveWriter, type BackupManifest } from './frames.js';
import { createSealStream } from './sealed-stream.js';

export type BackupPhase = 'starting' | 'database' | 'uploads' | 'storing' | 'done';

/** A fingerprint of the field-encryption key (not the key): tells at restore whether the keys agree. */
export function fieldKeyFingerprint(cipher: Cipher): string {
  return cipher.lookupHash('bancada:backup:field-key-fingerprint').slice(0, 16);
}

/** The store's files, listed before the database snapshot is read. */
async function listUploads(uploads: Storage): Promise<StoredEntry[]> {
  const found: StoredEntry[] = [];
  for await (const entry of uploads.list()) found.push(entry);
  return found;
}

/**
 * A stored file's bytes as they are (sealed: nothing is decrypted), telling `onKid` the key its header
 * names (null: a file from before encryption at rest) once its first bytes have passed.
 */
async function* notingKeyId(
  source: AsyncIterable<Buffer | string>,
  onKid: (kid: string | null) => void,
): AsyncGenerator<Buffer> {
  let head: Buffer[] | null = [];
  let length = 0;
  for await (const piece of source) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
    if (head) {
      head.push(bytes);
      length += bytes.length;
      if (length >= SEALED_HEADER_MAX) {
        onKid(sealedFileKid(Buffer.concat(head)));
        head = null;
      }
    }
    yield bytes;
  }
  if (head) onKid(sealedFileKid(Buffer.concat(head)));
}

export type WrittenArchive = { size: number; sha256: string; manifest: BackupManifest };

/**
 * Writes one encrypted archive to `file`: the database (one snapshot) first, then the uploads, read
 * through the storage interface from whichever store is configured (DATA_DIR/uploads or the
 * UPLOADS_S3_BUCKET bucket; files added after the snapshot are harmless extras, one deleted meanwhile
 * is left out), then the manifest. Uploads are archived as stored, sealed under their keys (the
 * archive is encrypted as a whole anyway); the manifest names every key they are under. The database
 * is read over `client`, which must not be in a transaction.
 */
export async function writeBackupArchive(options: {
  client: pg.ClientBase;
  key: Buffer;
  cipher: Cipher;
  backupId: string | null;
  /** the configured uploads store, NOT the sealed wrapper: files are copied as stored */
  uploads: Storage;
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
    const uploads = await listUploads(options.uploads);
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
    const fileKids = new Set<string>();
    let unsealed = 0;
    const noteKid = (kid: string | null) => {
      if (kid === null) unsealed++;
      else fileKids.add(kid);
    };
    for (const upload of uploads) {
      const stored = await options.uploads.get(upload.key);
      if (stored) await writer.addFile(`uploads/${upload.key}`, notingKeyId(stored.stream, noteKid));
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
      // the keyring's, and any other a file is sealed under (a restore names the ones it lacks)
      encryptionKeyIds: [...new Set([...options.cipher.keyIds(), ...[...fileKids].sort()])],
      uploadKeys: { keyIds: [...fileKids].sort(), unsealed },
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
