import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, processStartTime } from './lock.js';

describe('the data folder lock', () => {
  let dir: string;
  const other = spawn('sleep', ['60'], { stdio: 'ignore' });
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bancada-lock-'));
  });
  afterAll(async () => {
    other.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second server while the first runs, naming its pid', async () => {
    await writeFile(
      path.join(dir, 'bancada.pid'),
      `${other.pid} ${processStartTime(other.pid!) ?? ''}`.trim(),
    );
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(
      `Another Bancada server (pid ${other.pid}) is already running`,
    );
  });

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose pid now belongs to a process started later (pid reuse after a crash)',
    async () => {
      await writeFile(path.join(dir, 'bancada.pid'), `${other.pid} 1`);
      const lock = acquireDataDirLock(dir);
      expect((await readFile(path.join(dir, 'bancada.pid'), 'utf8')).split(' ')[0]).toBe(String(process.pid));
      lock.release();
    },
  );

  it('takes over the lock of a dead process', async () => {
    await writeFile(path.join(dir, 'bancada.pid'), '999999999');
    const lock = acquireDataDirLock(dir);
    lock.release();
    await expect(readFile(path.join(dir, 'bancada.pid'))).rejects.toThrow();
  });
});
