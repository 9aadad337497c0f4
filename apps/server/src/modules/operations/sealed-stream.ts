import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The encrypted container of a backup: AES-256-GCM in chunks (the STREAM construction), so an archive
 * of any size is written and read as a stream, and every chunk is authenticated on its own.
 *
 *   magic "BNCDBAK\x01" (8) · header length (u32 BE) · header (JSON, in clear: nothing secret)
 *   chunk* = final flag (u8: 0 more, 1 last) · length (u32 BE) · ciphertext · GCM tag (16)
 *
 * The data key is HKDF-SHA256(BACKUP_KEY, salt from the header), so no two archives share a key and
 * the nonce can be the chunk counter. Each chunk's additional data is SHA-256(magic ‖ header) ‖ flag:
 * a changed header, a reordered, dropped or repeated chunk, or a "last" flag moved all fail the tag.
 * The reader requires the last chunk and nothing after it, so a truncated archive is detected.
 */
const MAGIC = Buffer.from('BNCDBAK\x01', 'latin1');
const TAG_BYTES = 16;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;

export type SealedHeader = {
  format: 1;
  cipher: 'AES-256-GCM/HKDF-SHA256/STREAM';
  /** base64, 32 bytes */
  salt: string;
  /** which BACKUP_KEY sealed it (an HMAC of the key, not the key): tells a wrong key from damage */
  keyId: string;
  chunkBytes: number;
  createdAt: string;
  appVersion: string;
  /** the latest applied schema migration (repeated, authenticated, in the manifest inside) */
  migration: { tag: string; when: number } | null;
};

export class BackupArchiveError extends Error {
  constructor(
    readonly reason: 'wrong_key' | 'damaged' | 'truncated' | 'not_a_backup',
    message: string,
  ) {
    super(message);
    this.name = 'BackupArchiveError';
  }
}

/** A short, stable name for a key, printed by the CLI and kept in every archive's header. */
export function backupKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('bancada-backup key id').digest('hex').slice(0, 16);
}

function dataKey(key: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, salt, 'bancada-backup v1 data', 32));
}

function nonce(counter: number): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(BigInt(counter), 4);
  return iv;
}

function headerBytes(header: SealedHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json]);
}

/** Encrypts what is written to it; the output is a complete archive once the stream ends. */
export function createSealStream(
  key: Buffer,
  fields: Pick<SealedHeader, 'createdAt' | 'appVersion' | 'migration'>,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): Transform {
  if (key.length !== 32) throw new Error('BACKUP_KEY must be 32 bytes');
  const salt = randomBytes(32);
  const header: SealedHeader = {
    format: 1,
    cipher: 'AES-256-GCM/HKDF-SHA256/STREAM',
    salt: salt.toString('base64'),
    keyId: backupKeyId(key),
    chunkBytes,
    ...fields,
  };
  const head = headerBytes(header);
  const aadBase = createHash('sha256').update(head).digest();
  const k = dataKey(key, salt);
  let counter = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let headerSent = false;

  const seal = (plain: Buffer, last: boolean): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', k, nonce(counter++));
    cipher.setAAD(Buffer.concat([aadBase, Buffer.from([last ? 1 : 0])]));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const prefix = Buffer.alloc(5);
    prefix.writeUInt8(last ? 1 : 0, 0);
    prefix.writeUInt32BE(body.length, 1);
    return Buffer.concat([prefix, body, cipher.getAuthTag()]);
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (!headerSent) {
        this.push(head);
        headerSent = true;
      }
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > chunkBytes) {
        let all = Buffer.concat(pending);
        // keep at least one byte back: the last chunk is sealed as "last" in flush()
        while (all.length > chunkBytes) {
          this.push(seal(all.subarray(0, chunkBytes), false));
          all = all.subarray(chunkBytes);
        }
        pending = [all];
        pendingBytes = all.length;
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!headerSent) this.push(head);
      this.push(seal(Buffer.concat(pending), true));
      pending = [];
      done();
    },
  });
}

function parseHeader(buffer: Buffer): { header: SealedHeader; length: number } | null {
  if (buffer.length < MAGIC.length + 4) return null;
  if (!buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupArchiveError(
      'not_a_backup',
      'This file is not a Bancada backup (its first bytes are wrong).',
    );
  }
  const length = buffer.readUInt32BE(MAGIC.length);
  if (length > MAX_HEADER_BYTES) throw new BackupArchiveError('damaged', 'Damaged archive: header too long.');
  const end = MAGIC.length + 4 + length;
  if (buffer.length < end) return null;
  let header: SealedHeader;
  try {
    header = JSON.parse(buffer.subarray(MAGIC.length + 4, end).toString('utf8')) as SealedHeader;
  } catch {
    throw new BackupArchiveError('damaged', 'Damaged archive: its header is not readable.');
  }
  if (header.format !== 1 || typeof header.salt !== 'string' || !(header.chunkBytes > 0)) {
    throw new BackupArchiveError(
      'damaged',
      `Unsupported or damaged archive header (format ${String(header.format)}); a newer Bancada may have written it.`,
    );
  }
  return { header, length: end };
}

/** The clear header of an archive file (not yet authenticated: the first chunk does that). */
export async function readSealedHeader(file: string): Promise<SealedHeader> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAGIC.length + 4 + MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const parsed = parseHeader(buffer.subarray(0, bytesRead));
    if (!parsed) throw new BackupArchiveError('truncated', 'Truncated archive: it ends inside its header.');
    return parsed.header;
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts an archive. Fails (as a stream error, a BackupArchiveError) on a different key, on any
 * chunk whose tag does not verify, on missing chunks at the end and on bytes after the last chunk.
 */
export function createOpenStream(key: Buffer, onHeader?: (header: SealedHeader) => void): Transform {
  let buffer: Buffer = Buffer.alloc(0);
  let header: SealedHeader | null = null;
  let k: Buffer | null = null;
  let aadBase: Buffer | null = null;
  let counter = 0;
  let finished = false;

  const step = (stream: Transform): void => {
    if (!header) {
      const parsed = parseHeader(buffer);
      if (!parsed) return;
      header = parsed.header;
      if (header.keyId !== backupKeyId(key)) {
        throw new BackupArchiveError(
          'wrong_key',
          `Wrong BACKUP_KEY or damaged archive: it was sealed with the key ${header.keyId}, and this installation's key is ${backupKeyId(key)}.`,
        );
      }
      aadBase = createHash('sha256').update(buffer.subarray(0, parsed.length)).digest();
      k = dataKey(key, Buffer.from(header.salt, 'base64'));
      buffer = buffer.subarray(parsed.length);
      onHeader?.(header);
    }
    while (buffer.length >= 5) {
      if (finished) throw new BackupArchiveError('damaged', 'Damaged archive: data after its last chunk.');
      const flag = buffer.readUInt8(0);
      const length = buffer.readUInt32BE(1);
      if (flag > 1 || length > header.chunkBytes) {
        throw new BackupArchiveError('damaged', `Damaged archive: chunk ${counter} has a bad frame.`);
      }
      if (buffer.length < 5 + length + TAG_BYTES) return;
      const decipher = createDecipheriv('aes-256-gcm', k!, nonce(counter));
      decipher.setAAD(Buffer.concat([aadBase!, Buffer.from([flag])]));
      decipher.setAuthTag(buffer.subarray(5 + length, 5 + length + TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(buffer.subarray(5, 5 + length)), decipher.final()]);
      } catch {
        throw new BackupArchiveError(
          'damaged',
          counter === 0
            ? 'Wrong BACKUP_KEY or damaged archive: its first chunk does not authenticate.'
            : `Wrong BACKUP_KEY or damaged archive: chunk ${counter} does not authenticate (the file was changed or damaged).`,
        );
      }
      counter++;
      buffer = buffer.subarray(5 + length + TAG_BYTES);
      if (flag === 1) finished = true;
      if (plain.length > 0) stream.push(plain);
    }
  };

  let waiting: Buffer[] = [];
  let waitingBytes = 0;
  /** How many bytes the next step needs before it can do anything. */
  const needed = (): number => {
    if (!header)
      return buffer.length >= MAGIC.length + 4
        ? MAGIC.length + 4 + buffer.readUInt32BE(MAGIC.length)
        : MAGIC.length + 4;
    return buffer.length >= 5 ? 5 + buffer.readUInt32BE(1) + TAG_BYTES : 5;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      // reads are small (64 KiB) and a chunk is 1 MiB: join them only once a whole frame is there
      waiting.push(chunk);
      waitingBytes += chunk.length;
      if (buffer.length + waitingBytes < needed()) return done();
      buffer = Buffer.concat([buffer, ...waiting]);
      waiting = [];
      waitingBytes = 0;
      try {
        step(this);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      if (waitingBytes > 0) {
        buffer = Buffer.concat([buffer, ...waiting]);
        waiting = [];
        waitingBytes = 0;
        try {
          step(this);
        } catch (error) {
          return done(error as Error);
        }
      }
      if (!header) {
        done(new BackupArchiveError('truncated', 'Truncated archive: it ends inside its header.'));
      } else if (buffer.length > 0 && finished) {
        done(new BackupArchiveError('damaged', 'Damaged archive: data after its last chunk.'));
      } else if (!finished) {
        done(
          new BackupArchiveError(
            'truncated',
            `Truncated or damaged archive: it ends after chunk ${counter} without its last chunk.`,
          ),
        );
      } else done();
    },
  });
}
