import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from '../../test/fake-s3.js';
import { loadConfig } from '../config.js';
import { InvalidStorageKeyError, type Storage, storageKey } from './storage.js';
import { createS3Storage, createUploadsStorage } from './storage-s3.js';

let s3: FakeS3;
let storage: Storage;

const settings = () => ({
  bucket: s3.bucket,
  endpoint: s3.endpoint,
  region: 'us-east-1',
  accessKeyId: s3.accessKeyId,
  secretAccessKey: s3.secretAccessKey,
  prefix: 'uploads/',
});

beforeAll(async () => {
  s3 = await startFakeS3();
  storage = createS3Storage(settings());
});
afterAll(async () => {
  await s3.close();
});
beforeEach(() => {
  s3.failWith = null;
});

describe('S3-compatible storage', () => {
  it('stores under the prefix, reads back with its size, and removes a file', async () => {
    const key = storageKey(['repairs', 'org-1', 'order-1'], 'jpg');
    await storage.put(key, Buffer.from('hello photo'), 'image/jpeg');
    expect(s3.objects.get(`uploads/${key}`)?.body.toString()).toBe('hello photo');
    // path-style addresses: the bucket is the first segment of the path
    expect(s3.requests.some((r) => r.startsWith(`PUT /${s3.bucket}/uploads/${key}`))).toBe(true);

    const file = await storage.get(key);
    expect(file?.size).toBe(11);
    expect(await text(file!.stream)).toBe('hello photo');

    await storage.remove(key);
    expect(s3.objects.has(`uploads/${key}`)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.remove(key)).resolves.toBeUndefined();
  });

  it('answers null for a key with nothing stored', async () => {
    expect(await storage.get('repairs/none/none.png')).toBeNull();
  });

  it('lists the files under its prefix page by page (ListObjectsV2 continuation), only keys it could have made', async () => {
    const paged = await startFakeS3({ pageSize: 2 });
    try {
      const listed = createS3Storage({
        ...settings(),
        bucket: paged.bucket,
        endpoint: paged.endpoint,
        prefix: 'p/',
      });
      expect(listed.label).toBe(`s3://${paged.bucket}/p/`);
      const keys = ['a/1.jpg', 'a/2.jpg', 'b/3.png', 'c/4.pdf', 'd/5.jpg'];
      for (const [i, key] of keys.entries()) await listed.put(key, Buffer.alloc(i + 1), 'image/jpeg');
      paged.objects.set('p/readme.for.people', { body: Buffer.from('x'), modified: new Date() });
      paged.objects.set('other/a/9.jpg', { body: Buffer.from('x'), modified: new Date() });
      const entries = [];
      for await (const entry of listed.list()) entries.push(entry);
      expect(entries).toEqual(keys.map((key, i) => ({ key, size: i + 1 })));
      expect(paged.requests.filter((r) => r.includes('list-type=2')).length).toBe(3);
    } finally {
      await paged.close();
    }
  });

  it('fails, rather than answering "nothing stored", when the bucket is broken', async () => {
    const key = storageKey(['repairs', 'org-1'], 'png');
    await storage.put(key, Buffer.from('x'), 'image/png');
    s3.failWith = 500;
    await expect(storage.get(key)).rejects.toThrow();
    await expect(storage.put(key, Buffer.from('y'), 'image/png')).rejects.toThrow();
  });

  it.each([
    '../etc/passwd',
    'repairs/../../x.jpg',
    '/etc/passwd',
    'repairs//x.jpg',
    '',
  ])('refuses the key %j before any request, as the local disk does', async (key) => {
    const before = s3.requests.length;
    await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(
      InvalidStorageKeyError,
    );
    await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(storage.remove(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    expect(s3.requests.length).toBe(before);
  });
});

describe('the configured uploads storage', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-uploads-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is the bucket when UPLOADS_S3_BUCKET is set', async () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      UPLOADS_S3_BUCKET: s3.bucket,
      UPLOADS_S3_ENDPOINT: s3.endpoint,
      UPLOADS_S3_ACCESS_KEY_ID: s3.accessKeyId,
      UPLOADS_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      UPLOADS_S3_PREFIX: '/shop-a',
    });
    expect(config.uploads.s3?.prefix).toBe('shop-a/');
    const key = storageKey(['repairs', 'org-2'], 'jpg');
    await createUploadsStorage(config).put(key, Buffer.from('in the bucket'), 'image/jpeg');
    expect(s3.objects.get(`shop-a/${key}`)?.body.toString()).toBe('in the bucket');
  });

  it('is DATA_DIR/uploads by default', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.uploads.s3).toBeUndefined();
    const key = storageKey(['repairs', 'org-3'], 'jpg');
    await createUploadsStorage(config).put(key, Buffer.from('on disk'), 'image/jpeg');
    expect(await readFile(path.join(dataDir, 'uploads', ...key.split('/')), 'utf8')).toBe('on disk');
  });

  it('refuses one S3 credential without the other', () => {
    expect(() => loadConfig({ UPLOADS_S3_BUCKET: 'b', UPLOADS_S3_ACCESS_KEY_ID: 'only-the-id' })).toThrow(
      /UPLOADS_S3_ACCESS_KEY_ID and UPLOADS_S3_SECRET_ACCESS_KEY/,
    );
  });
});
