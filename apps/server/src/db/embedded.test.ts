import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStartError, freePort, startEmbeddedPostgres } from './embedded.js';

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
        'Its messages are above. If the last run crashed, start again: PostgreSQL recovers on its own; ' +
        'if it keeps failing, restore the data folder from a backup or set DATABASE_URL to an external PostgreSQL.',
    );
  });
});
