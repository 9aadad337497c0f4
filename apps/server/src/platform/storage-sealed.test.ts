import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCipher, deriveIndexKey, keyId } from './crypto.js';
import { createLocalStorage, type Storage, storageKey } from './storage.js';
import { createSealedStorage, isSealedStorage, SealedFileError, sealedFileKid } from './storage-sealed.js';

const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64 * 1024)]);

let root: string;
let inner: Storage;
const onDisk = (key: string) => readFile(path.join(root, ...key.split('/')));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'bancada-sealed-'));
  inner = createLocalStorage(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('sealed storage', () => {
  it('stores only ciphertext naming its key, and reads the plain bytes back with their size', async () => {
    const sealed = createSealedStorage(inner, createCipher(oldKey));
    const key = storageKey(['repairs', 'org', 'order'], 'jpg');
    await sealed.put(key, photo, 'image/jpeg');
    const raw = await onDisk(key);
    expect(raw.includes(photo.subarray(0, 32))).toBe(false);
    expect(sealedFileKid(raw)).toBe(keyId(oldKey));
    const file = await sealed.get(key);
    expect(file?.size).toBe(photo.length);
    expect((await buffer(file!.stream)).equals(photo)).toBe(true);
    expect(await sealed.get(storageKey(['repairs', 'org', 'order'], 'jpg'))).toBeNull();
    await sealed.remove(key);
    expect(await inner.get(key)).toBeNull();
  });

  it('serves a file written before encryption as it is', async () => {
    const key = storageKey(['repairs', 'org', 'legacy'], 'jpg');
    await inner.put(key, photo, 'image/jpeg');
    const sealed = createSealedStorage(inner, createCipher(newKey));
    const file = await sealed.get(key);
    expect((await buffer(file!.stream)).equals(photo)).toBe(true);
  });

  it('refuses a tampered file, a file moved under another key and a file of an unknown key', async () => {
    const sealed = createSealedStorage(inner, createCipher(oldKey));
    const key = storageKey(['repairs', 'org', 'order'], 'jpg');
    await sealed.put(key, photo, 'image/jpeg');
    const raw = await onDisk(key);
    const flipped = Buffer.from(raw);
    flipped[flipped.length - 20] = flipped[flipped.length - 20]! ^ 1;
    const tampered = storageKey(['repairs', 'org', 'order'], 'jpg');
    await inner.put(tampered, flipped, 'application/octet-stream');
    await expect(sealed.get(tampered)).rejects.toThrow(SealedFileError);
    const moved = storageKey(['repairs', 'other-org', 'order'], 'jpg');
    await inner.put(moved, raw, 'application/octet-stream');
    await expect(sealed.get(moved)).rejects.toThrow(SealedFileError);
    await expect(createSealedStorage(inner, createCipher(newKey)).get(key)).rejects.toThrow(SealedFileError);
  });

  it('reseals files to the current key: old-key and unencrypted files move, current ones stay', async () => {
    const before = createSealedStorage(inner, createCipher(oldKey));
    const underOld = storageKey(['repairs', 'org', 'rotate'], 'jpg');
    await before.put(underOld, photo, 'image/jpeg');
    const plain = storageKey(['repairs', 'org', 'rotate'], 'jpg');
    await inner.put(plain, photo, 'image/jpeg');

    const ring = createCipher({ current: newKey, previous: [oldKey], indexKey: deriveIndexKey(oldKey) });
    const after = createSealedStorage(inner, ring);
    expect(isSealedStorage(after)).toBe(true);
    expect(isSealedStorage(inner)).toBe(false);
    expect(await after.reseal(underOld)).toBe('resealed');
    expect(await after.reseal(plain)).toBe('resealed');
    expect(await after.reseal(underOld)).toBe('current');
    expect(await after.reseal(storageKey(['repairs', 'org', 'rotate'], 'jpg'))).toBe('missing');
    for (const key of [underOld, plain]) {
      expect(sealedFileKid(await onDisk(key))).toBe(keyId(newKey));
      // readable with the new key alone
      const file = await createSealedStorage(inner, createCipher(newKey)).get(key);
      expect((await buffer(file!.stream)).equals(photo)).toBe(true);
    }
  });
});
