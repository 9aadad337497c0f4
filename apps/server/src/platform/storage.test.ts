import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStorage, InvalidStorageKeyError, type Storage, storageKey } from './storage.js';

let root: string;
let storage: Storage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'bancada-storage-'));
  storage = createLocalStorage(path.join(root, 'uploads'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('local storage', () => {
  it('stores, reads back with its size, and removes a file, creating folders as needed', async () => {
    const key = storageKey(['repairs', 'org-1', 'order-1'], 'jpg');
    expect(key).toMatch(/^repairs\/org-1\/order-1\/[0-9a-f-]{36}\.jpg$/);
    await storage.put(key, Buffer.from('hello photo'), 'image/jpeg');
    const file = await storage.get(key);
    expect(file?.size).toBe(11);
    expect(await text(file!.stream)).toBe('hello photo');
    expect(await readFile(path.join(root, 'uploads', ...key.split('/')), 'utf8')).toBe('hello photo');
    // no temporary files are left beside it
    expect(await readdir(path.join(root, 'uploads', 'repairs', 'org-1', 'order-1'))).toHaveLength(1);

    await storage.remove(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.remove(key)).resolves.toBeUndefined();
  });

  it('answers null for a key with nothing stored', async () => {
    expect(await storage.get('repairs/none/none.png')).toBeNull();
  });

  it('lists every stored file with its size, in key order, leaving out half-written and foreign files', async () => {
    const dir = path.join(root, 'listed');
    const listed = createLocalStorage(dir);
    expect(listed.label).toBe(dir);
    const keys = ['a-b/1.jpg', 'a/2.png', 'a/b/3.pdf', 'z.jpg'];
    for (const [i, key] of keys.entries()) await listed.put(key, Buffer.alloc(i + 1), 'image/jpeg');
    await writeFile(path.join(dir, 'a', '2.png.1234.part'), 'half');
    await writeFile(path.join(dir, 'notes.for.me.txt'), 'not ours');
    await mkdir(path.join(dir, 'empty'));
    const entries = [];
    for await (const entry of listed.list()) entries.push(entry);
    expect(entries).toEqual(keys.map((key, i) => ({ key, size: i + 1 })));
    // a folder not created yet lists nothing
    const none = [];
    for await (const entry of createLocalStorage(path.join(root, 'absent')).list()) none.push(entry);
    expect(none).toEqual([]);
  });

  it.each([
    '../etc/passwd',
    'repairs/../../etc/passwd',
    '/etc/passwd',
    'repairs//x.jpg',
    'repairs/./x.jpg',
    'repairs\\..\\x.jpg',
    'repairs/x.jpg/',
    'repairs/x..jpg',
    '',
    'a/b/c/d/e/f/g/h/i.jpg',
    'repairs/%2e%2e/x.jpg',
  ])('refuses the key %j, so nothing outside the root is ever reached', async (key) => {
    await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.remove(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });
});
