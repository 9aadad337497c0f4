import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherOrganization } from '../../../test/customers.js';
import { type FakeS3, startFakeS3 } from '../../../test/fake-s3.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { archiveName, createS3Store } from './backup-stores.js';

const KEY_B64 = randomBytes(32).toString('base64');

describe('S3-compatible storage (against a fake S3)', () => {
  let s3: FakeS3;
  let workDir: string;

  beforeAll(async () => {
    s3 = await startFakeS3({ pageSize: 2 });
    workDir = await mkdtemp(path.join(tmpdir(), 'bancada-s3-'));
  });
  afterAll(async () => {
    await s3.close();
    await rm(workDir, { recursive: true, force: true });
  });

  const settings = () => ({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    prefix: 'oficina/',
  });

  it('uploads (one part and multipart), lists across pages, downloads and deletes', async () => {
    const store = createS3Store(settings(), workDir);
    const small = archiveName(new Date('2026-05-01T06:00:00Z'), 'aaaaaa');
    const large = archiveName(new Date('2026-05-02T06:00:00Z'), 'bbbbbb');
    const third = archiveName(new Date('2026-05-03T06:00:00Z'), 'cccccc');
    const smallBytes = randomBytes(1000);
    const largeBytes = randomBytes(17 * 1024 * 1024 + 5);
    for (const [name, bytes] of [
      [small, smallBytes],
      [large, largeBytes],
      [third, Buffer.from('3')],
    ] as const) {
      await writeFile(path.join(workDir, `${name}.partial`), bytes);
      await store.save(path.join(workDir, `${name}.partial`), name);
      expect(existsSync(path.join(workDir, `${name}.partial`))).toBe(false);
    }
    expect(s3.requests.some((r) => r.startsWith('POST') && r.includes('uploads'))).toBe(true);
    expect(s3.objects.get(`oficina/${large}`)!.body.equals(largeBytes)).toBe(true);
    // a foreign object under the prefix is not an archive
    s3.objects.set('oficina/readme.txt', { body: Buffer.from('hi'), modified: new Date() });
    const listed = await store.list();
    expect(listed.map((a) => [a.name, a.size])).toEqual([
      [small, 1000],
      [large, largeBytes.length],
      [third, 1],
    ]);
    const opened = await store.open(small);
    const chunks: Buffer[] = [];
    await pipeline(opened!.stream, async (source: AsyncIterable<Buffer>) => {
      for await (const c of source) chunks.push(c);
    });
    expect(Buffer.concat(chunks).equals(smallBytes)).toBe(true);
    expect(await store.open(archiveName(new Date('2020-01-01T00:00:00Z'), 'zzzzzz'))).toBeNull();
    await store.remove(small);
    expect((await store.list()).map((a) => a.name)).toEqual([large, third]);
    expect(store.location(third)).toBe(`s3://${s3.bucket}/oficina/${third}`);
  });

  it('backs up into the bucket through the API, and downloads from it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-s3-app-'));
    const t = await createTestApp({ config: { dataDir, backup: { key: KEY_B64, s3: settings() } } });
    try {
      const started = await t.request('POST', '/api/backups', { token: t.adminToken });
      expect(started.statusCode).toBe(202);
      await t.app.services.backups.settled();
      const done = (
        await t.request('GET', `/api/backups/${started.json().id}`, { token: t.adminToken })
      ).json();
      expect(done).toMatchObject({
        status: 'succeeded',
        destination: 's3',
        downloadable: true,
        progress: 100,
      });
      expect(s3.objects.has(`oficina/${done.fileName}`)).toBe(true);
      const download = await t.request('GET', `/api/backups/${done.id}/download`, { token: t.adminToken });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(s3.objects.get(`oficina/${done.fileName}`)!.body)).toBe(true);
      // nothing stays on the local disk
      expect((await readdir(path.join(dataDir, 'backups'))).filter((n) => !n.startsWith('.'))).toEqual([]);

      s3.failWith = 503;
      const failing = await t.request('POST', '/api/backups', { token: t.adminToken });
      await t.app.services.backups.settled();
      s3.failWith = null;
      const failed = (
        await t.request('GET', `/api/backups/${failing.json().id}`, { token: t.adminToken })
      ).json();
      expect(failed).toMatchObject({ status: 'failed', downloadable: false });
      expect(failed.error).toBeTruthy();
    } finally {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('backups API', () => {
  let t: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-backup-api-'));
    t = await createTestApp({ config: { dataDir, backup: { key: KEY_B64, s3: undefined } } });
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts a backup (202), shows its progress, lists it and downloads it', async () => {
    const empty = (await t.request('GET', '/api/backups', { token: t.adminToken })).json();
    expect(empty).toMatchObject({
      items: [],
      destination: 'local',
      schedule: { time: '03:00', timeZone: 'America/Sao_Paulo' },
      retention: { daily: 7, weekly: 4, monthly: 3 },
    });
    const started = await t.request('POST', '/api/backups', { token: t.adminToken });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', trigger: 'manual', downloadable: false });
    // one at a time
    const second = await t.request('POST', '/api/backups', { token: t.adminToken });
    expect([202, 409]).toContain(second.statusCode);
    await t.app.services.backups.settled();
    const done = (
      await t.request('GET', `/api/backups/${started.json().id}`, { token: t.adminToken })
    ).json();
    expect(done).toMatchObject({ status: 'succeeded', progress: 100, phase: 'done', downloadable: true });
    expect(done.sizeBytes).toBeGreaterThan(1000);
    const list = (await t.request('GET', '/api/backups', { token: t.adminToken })).json();
    expect(list.items.map((b: { id: string }) => b.id)).toContain(done.id);

    const download = await t.request('GET', `/api/backups/${done.id}/download`, { token: t.adminToken });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.headers['content-disposition']).toContain(done.fileName);
    expect(download.rawPayload.equals(await readFile(path.join(dataDir, 'backups', done.fileName)))).toBe(
      true,
    );
    const audit = (await t.request('GET', '/api/audit', { token: t.adminToken })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['backup.start', 'backup.download']),
    );

    expect((await t.request('GET', `/api/backups/${randomUUID()}`, { token: t.adminToken })).statusCode).toBe(
      404,
    );
  });

  it('is for administrators of the installation only (403 otherwise)', async () => {
    const manager = await createUserAndLogin(t, { role: 'MANAGER' });
    const attendant = await createUserAndLogin(t, { role: 'ATTENDANT' });
    const other = await otherOrganization(t);
    for (const token of [manager.token, attendant.token, other.token]) {
      expect((await t.request('GET', '/api/backups', { token })).statusCode).toBe(403);
      expect((await t.request('POST', '/api/backups', { token })).statusCode).toBe(403);
    }
    const { rows } = await t.deps.pool.query<{ id: string }>('SELECT id FROM backups LIMIT 1');
    expect(
      (await t.request('GET', `/api/backups/${rows[0]!.id}/download`, { token: other.token })).statusCode,
    ).toBe(403);
    expect((await t.request('GET', '/api/backups')).statusCode).toBe(401);
  });
});
