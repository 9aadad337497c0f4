import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, runCli, type TestApp } from '../../../test/helpers.js';

/** `npm run cli -- backup / verify-audit --anchor FILE / restore` against an external database. */
describe('backup and restore from the command line', () => {
  let t: TestApp;
  let dir: string;
  const key = randomBytes(32).toString('base64');
  const previousKey = process.env.BACKUP_KEY;

  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(path.join(tmpdir(), 'bancada-cli-backup-'));
    // runCli passes the test process's environment on
    process.env.BACKUP_KEY = key;
  });
  afterAll(async () => {
    if (previousKey === undefined) delete process.env.BACKUP_KEY;
    else process.env.BACKUP_KEY = previousKey;
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a backup to --out, takes it as an audit anchor, and a restore refuses while a server uses the database', async () => {
    const file = path.join(dir, 'manual.bak');
    const backup = await runCli(['backup', '--out', file], t.url);
    expect(backup.exitCode).toBe(0);
    expect(backup.stdout).toContain(`Backup written: ${file}`);
    const { rows } = await t.deps.pool.query(`SELECT trigger, status, destination FROM backups`);
    expect(rows).toEqual([{ trigger: 'cli', status: 'succeeded', destination: 'file' }]);

    const verified = await runCli(['verify-audit', '--anchor', file], t.url);
    expect(verified.exitCode).toBe(0);
    expect(verified.stdout).toContain(`against the anchor ${file}`);

    // the test app is the running server: one of its connections is open
    const held = await t.deps.pool.connect();
    const refused = await runCli(['restore', file], t.url).finally(() => held.release());
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain('Restore refused: A Bancada server is connected to this database');
  }, 120_000);
});
