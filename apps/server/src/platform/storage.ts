import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** A stored file, opened for reading. */
export type StoredFile = { stream: Readable; size: number };

/** A stored file as a listing names it: its key and its size in the store (bytes as stored). */
export type StoredEntry = { key: string; size: number };

/**
 * Where attachments live (photos today; invoices and exports later). Keys are made by the server
 * (`storageKey`), never taken from a request. The local disk is the default; an S3-compatible
 * bucket implements the same calls (`storage-s3.ts`, ARCHITECTURE §1, growth path).
 */
export interface Storage {
  /** where the files are, for messages: the folder, or `s3://bucket/prefix` */
  readonly label: string;
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** null when nothing is stored under the key */
  get(key: string): Promise<StoredFile | null>;
  /** removing a missing key is not an error */
  remove(key: string): Promise<void>;
  /**
   * Every stored file, in key order: only keys `storageKey` could have made (a half-written file or
   * another tool's object is not ours). Backups read the uploads through it, `rotate-key` walks it.
   */
  list(): AsyncIterable<StoredEntry>;
}

// segments of letters, digits, _ and -, with an optional extension on the last: no dots, no slashes of
// its own, so a key can never climb out of the root
const KEY = /^[A-Za-z0-9_-]{1,100}(\/[A-Za-z0-9_-]{1,100}){0,7}(\.[a-z0-9]{1,10})?$/;

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`invalid storage key: ${JSON.stringify(key).slice(0, 120)}`);
    this.name = 'InvalidStorageKeyError';
  }
}

/** A new, unguessable key under the given folders: `repairs/<org>/<repair>/<uuid>.jpg`. */
export function storageKey(folders: string[], extension: string): string {
  const key = `${[...folders, randomUUID()].join('/')}.${extension}`;
  assertKey(key);
  return key;
}

/** Whether `key` is one `storageKey` could have made. */
export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/** Throws InvalidStorageKeyError unless `key` is one `storageKey` could have made; every store checks. */
export function assertKey(key: string): void {
  if (!isStorageKey(key)) throw new InvalidStorageKeyError(key);
}

/** Uploads on the local disk: a restore with --force moves the folder aside as a whole. */
export type LocalStorage = Storage & { readonly root: string };

export function isLocalStorage(storage: Storage): storage is LocalStorage {
  return typeof (storage as Partial<LocalStorage>).root === 'string';
}

/** The files under `dir` whose relative paths are storage keys, in key order (folders walked depth-first). */
async function* walkKeys(dir: string, prefix: string): AsyncGenerator<StoredEntry> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  // code-point order, as S3 lists keys ("a/b" and "a-c": '/' sorts after '-')
  const named = entries.map((entry) => ({ entry, key: prefix ? `${prefix}/${entry.name}` : entry.name }));
  named.sort((a, b) => {
    const x = a.entry.isDirectory() ? `${a.key}/` : a.key;
    const y = b.entry.isDirectory() ? `${b.key}/` : b.key;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  for (const { entry, key } of named) {
    if (entry.isDirectory()) yield* walkKeys(path.join(dir, entry.name), key);
    else if (entry.isFile() && isStorageKey(key)) {
      // removed between the listing and the stat: not there any more
      const info = await stat(path.join(dir, entry.name)).catch(() => null);
      if (info?.isFile()) yield { key, size: info.size };
    }
  }
}

/** Files under `root` (`<DATA_DIR>/uploads`); folders are created as needed. */
export function createLocalStorage(root: string): LocalStorage {
  const base = path.resolve(root);
  const fileOf = (key: string) => {
    assertKey(key);
    const file = path.resolve(base, ...key.split('/'));
    // belt and braces: the pattern already rules this out
    if (!file.startsWith(base + path.sep)) throw new InvalidStorageKeyError(key);
    return file;
  };
  return {
    root: base,
    label: base,
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // written beside and renamed: a reader never sees half a file
      const partial = `${file}.${randomUUID()}.part`;
      try {
        await writeFile(partial, bytes, { flag: 'wx' });
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(key) {
      const file = fileOf(key);
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        return { stream: createReadStream(file), size: info.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
    list: () => walkKeys(base, ''),
  };
}

/** The uploads folder inside the data directory. */
export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'uploads');
}
