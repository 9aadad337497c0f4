import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EmbeddedExit,
  EmbeddedStartError,
  freePort,
  startEmbeddedPostgres,
  stopPreviousServer,
} from './embedded.js';

describe('the embedded PostgreSQL when it cannot start', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'bancada-embedded-'));
    await chmod(root, 0o755);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('names the cause and the fix when the port is taken', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const dir = path.join(root, 'taken', 'pg');
    await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
    try {
      const error = await startEmbeddedPostgres({ dir, port, database: 'bancada' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedStartError);
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      expect((error as Error).message).toContain('EMBEDDED_PG_PORT');
      // this test process holds the port: the message names it
      if (process.platform === 'linux') expect((error as Error).message).toContain(`(pid ${process.pid})`);
    } finally {
      blocker.close();
    }
  }, 60_000);

  // as root, PostgreSQL runs as the "postgres" user: a folder only root may enter stops it
  it.runIf(process.getuid?.() === 0)(
    'names the cause and the fix when the data folder cannot be entered',
    async () => {
      const closed = path.join(root, 'closed');
      await mkdir(closed, { mode: 0o700 });
      const error = await startEmbeddedPostgres({
        dir: path.join(closed, 'pg'),
        port: await freePort(),
        database: 'bancada',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedStartError);
      expect((error as Error).message).toMatch(/cannot enter its data folder .*closed.*permission denied/);
      expect((error as Error).message).toContain('DATA_DIR');
    },
    60_000,
  );

  it('explains an unknown failure without a stack trace', () => {
    expect(EmbeddedStartError.explain('/data/pg', 54329, 'initdb: something odd\nmore')).toBe(
      'The embedded PostgreSQL did not start (data in /data/pg, port 54329): initdb: something odd. ' +
        'If the last run crashed, start again: PostgreSQL recovers on its own; ' +
        'if it keeps failing, restore the data folder from a backup or set DATABASE_URL to an external PostgreSQL.',
    );
  });
});

describe('the embedded PostgreSQL after a crash', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'bancada-embedded-crash-'));
    await chmod(root, 0o755);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const select1 = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query('SELECT 1 AS one')).rows[0].one;
    } finally {
      await client.end();
    }
  };

  it.runIf(process.platform === 'linux')(
    'stops a server an earlier run left on the folder, starts anew, and reports the old one as ended',
    async () => {
      const dir = path.join(root, 'orphan', 'pg');
      await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
      const port = await freePort();
      const earlier = await startEmbeddedPostgres({ dir, port, database: 'bancada' });
      const ended = new Promise<EmbeddedExit>((resolve) => earlier.onUnexpectedExit(resolve));
      const notices: string[] = [];
      // the earlier server keeps running as if its Bancada had been killed with SIGKILL
      const next = await startEmbeddedPostgres({
        dir,
        port,
        database: 'bancada',
        notice: (line) => notices.push(line),
      });
      try {
        expect(notices.join('\n')).toContain(`(pid ${earlier.pid}) is still running on ${dir}`);
        expect((await ended).pid).toBe(earlier.pid);
        expect(next.pid).not.toBe(earlier.pid);
        expect(await select1(next.url)).toBe(1);
      } finally {
        await next.stop();
      }
    },
    120_000,
  );

  it.runIf(process.platform === 'linux')(
    'removes a postmaster.pid whose process id now belongs to another program',
    async () => {
      const dir = path.join(root, 'reused', 'pg');
      await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
      const port = await freePort();
      await (await startEmbeddedPostgres({ dir, port, database: 'bancada' })).stop();
      const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
      try {
        await writeFile(path.join(dir, 'postmaster.pid'), `${stranger.pid}\n${dir}\n1\n${port}\n`);
        expect(await stopPreviousServer(dir)).toEqual({
          state: 'stale-lock',
          pid: stranger.pid,
          leftovers: 0,
        });
        await expect(readFile(path.join(dir, 'postmaster.pid'))).rejects.toThrow();
        const again = await startEmbeddedPostgres({ dir, port, database: 'bancada' });
        expect(await select1(again.url)).toBe(1);
        await again.stop();
      } finally {
        stranger.kill();
      }
    },
    120_000,
  );
});
