import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { startJobs } from '../../platform/jobs.js';
import { createBackupService } from './backup.service.js';
import { archiveName, createLocalStore } from './backup-stores.js';
import { createBackupsRepo } from './backups.repo.js';

const KEY_B64 = randomBytes(32).toString('base64');

describe('scheduled backups and retention', () => {
  let t: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-schedule-'));
    t = await createTestApp({ config: { dataDir, backup: { key: KEY_B64, s3: undefined } } });
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function service(store = createLocalStore(path.join(dataDir, 'backups'))) {
    const { organization, users, outbox } = t.app.services;
    return createBackupService({
      db: t.deps.db,
      pool: t.deps.pool,
      config: t.deps.config,
      cipher: t.deps.cipher,
      repo: createBackupsRepo(),
      organization,
      users,
      outbox,
      store,
      log: () => {},
    });
  }

  it('runs once per day at 03:00 on the organization clock (a fixed clock drives it)', async () => {
    const backups = service();
    // 10:00 in São Paulo on a fresh installation: today's 03:00 has passed, so one runs now
    const first = await backups.tick(new Date('2026-05-03T13:00:00Z'));
    expect(first).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    expect(first!.startedAt.toISOString()).toBe('2026-05-03T13:00:00.000Z');
    expect(await backups.tick(new Date('2026-05-03T13:10:00Z'))).toBeNull();
    expect(await backups.tick(new Date('2026-05-04T05:59:00Z'))).toBeNull(); // 02:59 local
    const second = await backups.tick(new Date('2026-05-04T06:00:00Z')); // 03:00 local
    expect(second).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    const names = (await readdir(path.join(dataDir, 'backups'))).sort();
    expect(names).toEqual([second!.fileName, first!.fileName].sort());
    expect(first!.fileName).toBe(archiveName(first!.startedAt, first!.fileName!.slice(-10, -4)));
  });

  it('the worker job runs the check and records a scheduled backup', async () => {
    const jobs = await startJobs(t.url, { worker: true });
    const backups = service();
    try {
      await t.deps.pool.query(`DELETE FROM backups`);
      await backups.registerJobs(jobs);
      const client = await t.deps.pool.connect();
      try {
        await jobs.enqueue(client, 'backup-tick', {});
      } finally {
        client.release();
      }
      const deadline = Date.now() + 25_000;
      let rows: { trigger: string; status: string }[] = [];
      while (Date.now() < deadline) {
        ({ rows } = await t.deps.pool.query(`SELECT trigger, status FROM backups WHERE status <> 'running'`));
        if (rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(rows).toEqual([{ trigger: 'schedule', status: 'succeeded' }]);
    } finally {
      await jobs.stop();
      await backups.settled();
    }
  }, 40_000);

  it('applies retention to the archives: 7 daily, 4 weekly, 3 monthly', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bancada-retention-'));
    try {
      const store = createLocalStore(dir);
      const end = new Date('2026-05-03T06:00:00Z').getTime();
      for (let i = 0; i < 120; i++) {
        await writeFile(path.join(dir, archiveName(new Date(end - i * 86_400_000), 'abc123')), 'x');
      }
      await writeFile(path.join(dir, 'notes.txt'), 'not an archive: never touched');
      const removed = await service(store).applyRetention(new Date('2026-05-03T07:00:00Z'));
      expect(removed).toHaveLength(120 - 11);
      const left = (await readdir(dir)).sort();
      expect(left).toHaveLength(12);
      expect(left).toContain('notes.txt');
      expect(left).toContain(archiveName(new Date(end), 'abc123'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('records a failure and alerts the administrators by e-mail', async () => {
    const broken = createLocalStore(path.join(dataDir, 'backups'));
    broken.save = async () => {
      throw new Error('disk full (simulated)');
    };
    const row = await service(broken).run('manual');
    expect(row).toMatchObject({ status: 'failed', error: 'disk full (simulated)' });
    const { rows } = await t.deps.pool.query<{ to_address: string; subject: string; body_text: string }>(
      `SELECT to_address, subject, body_text FROM outbox_messages WHERE related_entity = 'backup' AND related_id = $1`,
      [row.id],
    );
    expect(rows.map((r) => r.to_address)).toContain('admin@oficina.test');
    expect(rows[0]!.subject).toMatch(/backup falhou|backup failed/i);
    expect(rows[0]!.body_text).toContain('disk full (simulated)');
    // no partial file is left behind
    expect((await readdir(path.join(dataDir, 'backups'))).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});
