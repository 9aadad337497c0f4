import { Readable } from 'node:stream';
import type { Cipher } from './crypto.js';
import type { Storage, StoredFile } from './storage.js';

/**
 * Uploaded files encrypted at rest (issue 13 §3), over any Storage (local disk, S3-compatible): each
 * file is one AES-256-GCM message under the keyring's current key, after a header that names the key:
 *
 *   magic "\0BSF\x01" (5 bytes) ‖ key id length (1 byte) ‖ key id ‖ iv (12) ‖ ciphertext ‖ tag (16)
 *
 * The header and the storage key are authenticated as well, so a file cannot be moved under another
 * key or given another key id unnoticed. Whole-file rather than chunked: uploads are at most a few
 * megabytes (photos: PHOTO_MAX_BYTES, 10 MiB), read whole anyway to be sent. Files written before
 * this wrapper (no magic) are served as they are, and `rotate-key` encrypts them.
 */
export type SealedStorage = Storage & {
  /**
   * Moves one stored file to the current key (or encrypts a file from before encryption):
   * `current` when it already was, `missing` when nothing is stored under the key.
   */
  reseal(key: string): Promise<'resealed' | 'current' | 'missing'>;
};

const MAGIC = Buffer.from([0x00, 0x42, 0x53, 0x46, 0x01]);
// the inner store sees ciphertext only; the real type is kept with the file's row (photos: content_type)
const SEALED_CONTENT_TYPE = 'application/octet-stream';

export class SealedFileError extends Error {
  constructor(key: string, cause: unknown) {
    super(`stored file ${key} cannot be decrypted (altered, or under a key this installation lacks)`, {
      cause,
    });
    this.name = 'SealedFileError';
  }
}

async function readAll(file: StoredFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

type Parsed = { sealed: true; kid: string; header: Buffer; body: Buffer } | { sealed: false };

function parse(bytes: Buffer): Parsed {
  if (bytes.length < MAGIC.length + 1 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    return { sealed: false };
  const kidLength = bytes[MAGIC.length]!;
  const end = MAGIC.length + 1 + kidLength;
  return {
    sealed: true,
    kid: bytes.subarray(MAGIC.length + 1, end).toString('latin1'),
    header: bytes.subarray(0, end),
    body: bytes.subarray(end),
  };
}

const aadOf = (header: Buffer, key: string) => Buffer.concat([header, Buffer.from(key, 'utf8')]);

/** Encrypts on put and decrypts on get, with the cipher's keyring; remove passes through. */
export function createSealedStorage(inner: Storage, cipher: Cipher): SealedStorage {
  const seal = (key: string, plain: Buffer): Buffer => {
    const kid = cipher.currentKid();
    const header = Buffer.concat([MAGIC, Buffer.from([kid.length]), Buffer.from(kid, 'latin1')]);
    const { kid: used, sealed } = cipher.sealBytes(plain, aadOf(header, key));
    // a reload between the two calls would name the wrong key: never write such a file
    if (used !== kid) throw new Error('the encryption key changed while sealing a file: try again');
    return Buffer.concat([header, sealed]);
  };
  const open = (key: string, parsed: Parsed & { sealed: true }): Buffer => {
    try {
      return cipher.openBytes(parsed.kid, parsed.body, aadOf(parsed.header, key));
    } catch (error) {
      throw new SealedFileError(key, error);
    }
  };
  return {
    label: inner.label,
    // the stored (sealed) files and their stored sizes: a listing decrypts nothing
    list: () => inner.list(),
    async put(key, bytes) {
      await inner.put(key, seal(key, bytes), SEALED_CONTENT_TYPE);
    },
    async get(key) {
      const file = await inner.get(key);
      if (!file) return null;
      const bytes = await readAll(file);
      const parsed = parse(bytes);
      const plain = parsed.sealed ? open(key, parsed) : bytes;
      return { stream: Readable.from([plain]), size: plain.length };
    },
    remove: (key) => inner.remove(key),
    async reseal(key) {
      const file = await inner.get(key);
      if (!file) return 'missing';
      const bytes = await readAll(file);
      const parsed = parse(bytes);
      if (parsed.sealed && parsed.kid === cipher.currentKid()) return 'current';
      const plain = parsed.sealed ? open(key, parsed) : bytes;
      await inner.put(key, seal(key, plain), SEALED_CONTENT_TYPE);
      return 'resealed';
    },
  };
}

export function isSealedStorage(storage: Storage): storage is SealedStorage {
  return typeof (storage as Partial<SealedStorage>).reseal === 'function';
}

/** How many bytes of a stored file name its key: the header at its longest (magic, length, id). */
export const SEALED_HEADER_MAX = MAGIC.length + 1 + 255;

/** The key id a stored file is under (null: a file from before encryption); its first SEALED_HEADER_MAX bytes suffice. */
export function sealedFileKid(bytes: Buffer): string | null {
  const parsed = parse(bytes);
  return parsed.sealed ? parsed.kid : null;
}
