import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { AuditChainHead } from '../../platform/audit.js';
import { BackupArchiveError } from './sealed-stream.js';

/**
 * What is inside the encrypted container: a sequence of frames (type u8 · length u32 BE · payload),
 * so files of unknown length (a table's COPY output) stream straight in, with no temporary copy.
 *
 *   FILE {path} · DATA bytes… · END {size, sha256}   one per file
 *   MANIFEST {…}                                      once, after the files
 *   CLOSE                                             the last frame
 */
const FRAME = { file: 1, data: 2, end: 3, manifest: 4, close: 5 } as const;
const MAX_DATA = 1024 * 1024;
const MAX_META = 16 * 1024 * 1024;

export type ArchivedTable = {
  schema: string;
  name: string;
  /** the columns in the COPY data, in order (generated columns are left out) */
  columns: string[];
  rows: number;
  file: string;
};

export type ArchivedFile = { path: string; size: number; sha256: string };

export type BackupManifest = {
  format: 1;
  app: 'bancada';
  appVersion: string;
  createdAt: string;
  /** the run's row in `backups`, so a restore can mark it finished */
  backupId: string | null;
  /** the latest applied schema migration: its tag and its journal time */
  migration: { tag: string; when: number };
  postgres: { serverVersion: string };
  database: {
    format: 'copy-text';
    tables: ArchivedTable[];
    sequences: { name: string; value: string | null }[];
  };
  /** every file in the archive, database data and uploads alike */
  files: ArchivedFile[];
  /** every organization's audit chain head in the same snapshot as the data (verify-audit --anchor reads them) */
  auditHeads: AuditChainHead[];
  /** a fingerprint of the field-encryption key the personal data was sealed with (not the key) */
  encryptionKeyFingerprint: string;
  /**
   * the ids of the keys the personal data and files may be sealed with (the keyring's, current
   * first; decision 0010); absent in archives made before key rotation
   */
  encryptionKeyIds?: string[];
  /**
   * the key ids the archived uploads are sealed under (each file as stored, storage-sealed.ts), and
   * how many are from before encryption at rest; absent in older archives
   */
  uploadKeys?: { keyIds: string[]; unsealed: number };
};

function frame(type: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** Writes frames into `out` (the seal stream), honouring its back-pressure. */
export class ArchiveWriter {
  readonly files: ArchivedFile[] = [];
  private written = 0;

  constructor(private readonly out: Writable) {}

  /** Plain bytes handed to the encryption so far (for progress). */
  get bytesWritten(): number {
    return this.written;
  }

  private async write(bytes: Buffer): Promise<void> {
    this.written += bytes.length;
    if (!this.out.write(bytes)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.out.off('error', onError);
          resolve();
        };
        const onError = (error: Error) => {
          this.out.off('drain', onDrain);
          reject(error);
        };
        this.out.once('drain', onDrain);
        this.out.once('error', onError);
      });
    }
  }

  /** One file from a stream; answers its size and SHA-256 (also kept for the manifest). */
  async addFile(filePath: string, source: AsyncIterable<Buffer | string>): Promise<ArchivedFile> {
    assertArchivePath(filePath);
    await this.write(frame(FRAME.file, Buffer.from(JSON.stringify({ path: filePath }))));
    const hash = createHash('sha256');
    let size = 0;
    for await (const piece of source) {
      let bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
      while (bytes.length > 0) {
        const part = bytes.subarray(0, MAX_DATA);
        bytes = bytes.subarray(part.length);
        hash.update(part);
        size += part.length;
        await this.write(frame(FRAME.data, part));
      }
    }
    const entry = { path: filePath, size, sha256: hash.digest('hex') };
    await this.write(frame(FRAME.end, Buffer.from(JSON.stringify({ size, sha256: entry.sha256 }))));
    this.files.push(entry);
    return entry;
  }

  /** The manifest and the closing frame; then ends `out`. */
  async finish(manifest: BackupManifest): Promise<void> {
    await this.write(frame(FRAME.manifest, Buffer.from(JSON.stringify(manifest))));
    await this.write(frame(FRAME.close, Buffer.alloc(0)));
    this.out.end();
  }
}

// database/… or uploads/…, relative, segments of 1–255 characters with no NUL or backslash; no "." or ".."
const ARCHIVE_PATH = /^(database|uploads)(\/[^/\\\0]{1,255}){1,16}$/;

export function assertArchivePath(filePath: string): void {
  if (!ARCHIVE_PATH.test(filePath) || filePath.split('/').some((s) => s === '..' || s === '.')) {
    throw new BackupArchiveError(
      'damaged',
      `Damaged archive: unexpected file name ${JSON.stringify(filePath)}.`,
    );
  }
}

/** Bytes from a stream, a frame at a time. */
async function* readFrames(source: AsyncIterable<Buffer>): AsyncGenerator<{ type: number; payload: Buffer }> {
  let chunks: Buffer[] = [];
  let available = 0;
  const take = (n: number): Buffer => {
    const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    chunks = rest.length ? [rest] : [];
    available = rest.length;
    return out;
  };
  let needed = 5;
  let type = -1;
  for await (const chunk of source) {
    chunks.push(chunk);
    available += chunk.length;
    while (available >= needed) {
      if (type < 0) {
        const head = take(5);
        type = head.readUInt8(0);
        needed = head.readUInt32BE(1);
        const limit = type === FRAME.data ? MAX_DATA : MAX_META;
        if (type < FRAME.file || type > FRAME.close || needed > limit) {
          throw new BackupArchiveError('damaged', 'Damaged archive: a bad frame inside.');
        }
      } else {
        yield { type, payload: take(needed) };
        type = -1;
        needed = 5;
      }
    }
  }
  if (type >= 0 || available > 0)
    throw new BackupArchiveError('truncated', 'Truncated archive: it ends inside a frame.');
}

/**
 * Writes every file of a decrypted archive under `dir` (same relative paths), checking each size and
 * SHA-256 against its END frame and the manifest, and answers the manifest. Nothing outside `dir`;
 * with `dir` null nothing is written (a check of the whole archive, or a read of its manifest).
 */
export async function extractArchive(
  plain: AsyncIterable<Buffer>,
  dir: string | null,
  onFile?: (entry: ArchivedFile) => void,
): Promise<BackupManifest> {
  let current: {
    path: string;
    out: ReturnType<typeof createWriteStream> | null;
    hash: ReturnType<typeof createHash>;
    size: number;
  } | null = null;
  let manifest: BackupManifest | null = null;
  let closed = false;
  const seen = new Map<string, ArchivedFile>();
  const root = dir === null ? null : path.resolve(dir);
  for await (const { type, payload } of readFrames(plain)) {
    if (closed) throw new BackupArchiveError('damaged', 'Damaged archive: frames after its end.');
    if (type === FRAME.file) {
      if (current || manifest)
        throw new BackupArchiveError('damaged', 'Damaged archive: a file inside a file.');
      const { path: filePath } = JSON.parse(payload.toString('utf8')) as { path: string };
      assertArchivePath(filePath);
      if (seen.has(filePath)) throw new BackupArchiveError('damaged', `Damaged archive: ${filePath} twice.`);
      let out: ReturnType<typeof createWriteStream> | null = null;
      if (root !== null) {
        const target = path.resolve(root, ...filePath.split('/'));
        if (!target.startsWith(root + path.sep))
          throw new BackupArchiveError('damaged', 'Damaged archive: bad path.');
        await mkdir(path.dirname(target), { recursive: true });
        out = createWriteStream(target, { flags: 'wx' });
      }
      current = { path: filePath, out, hash: createHash('sha256'), size: 0 };
    } else if (type === FRAME.data) {
      if (!current) throw new BackupArchiveError('damaged', 'Damaged archive: data outside a file.');
      current.hash.update(payload);
      current.size += payload.length;
      const out = current.out;
      if (out && !out.write(payload))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    } else if (type === FRAME.end) {
      if (!current) throw new BackupArchiveError('damaged', 'Damaged archive: a file end outside a file.');
      const expected = JSON.parse(payload.toString('utf8')) as { size: number; sha256: string };
      if (current.out) {
        current.out.end();
        await finished(current.out);
      }
      const entry = { path: current.path, size: current.size, sha256: current.hash.digest('hex') };
      if (entry.size !== expected.size || entry.sha256 !== expected.sha256) {
        throw new BackupArchiveError(
          'damaged',
          `Damaged archive: ${entry.path} does not match its checksum.`,
        );
      }
      seen.set(entry.path, entry);
      onFile?.(entry);
      current = null;
    } else if (type === FRAME.manifest) {
      if (current || manifest)
        throw new BackupArchiveError('damaged', 'Damaged archive: misplaced manifest.');
      manifest = JSON.parse(payload.toString('utf8')) as BackupManifest;
    } else if (type === FRAME.close) {
      closed = true;
    }
  }
  if (!closed || !manifest)
    throw new BackupArchiveError('truncated', 'Truncated archive: its end is missing.');
  if (manifest.format !== 1 || manifest.app !== 'bancada') {
    throw new BackupArchiveError(
      'damaged',
      'Damaged archive: the manifest is not a Bancada backup manifest.',
    );
  }
  // the manifest lists exactly the files that arrived, with the same checksums
  if (manifest.files.length !== seen.size) {
    throw new BackupArchiveError('damaged', 'Damaged archive: the manifest and the files disagree.');
  }
  for (const file of manifest.files) {
    const got = seen.get(file.path);
    if (!got || got.sha256 !== file.sha256 || got.size !== file.size) {
      throw new BackupArchiveError('damaged', `Damaged archive: ${file.path} does not match the manifest.`);
    }
  }
  return manifest;
}
