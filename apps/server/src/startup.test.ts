import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from './config.js';
import { freePort } from './db/embedded.js';
import { MigrationError } from './db/migrate.js';
import { MIGRATIONS_DIR, SERVER_ROOT } from './paths.js';
import { createErrorThrottle } from './platform/jobs.js';
import { describeDatabaseLoss, startRuntime } from './runtime.js';
import { explainStartupError, redactUrl, StartupError } from './startup.js';
import { describePortOwner, listeningInodes } from './startup-ports.js';

const fsError = (code: string, syscall: string, file: string) =>
  Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('start-up messages (unit)', () => {
  const db = {
    step: 'database',
    databaseUrl: 'postgres://shop:s3cret@db.example:5433/bancada',
    dataDir: '/srv/data',
  } as const;

  it('names the program holding the HTTP port, or says "another program"', () => {
    const taken = fsError('EADDRINUSE', 'listen', '');
    expect(
      explainStartupError(taken, {
        step: 'http',
        host: '0.0.0.0',
        port: 3000,
        portOwner: '"nginx" (pid 42)',
      }),
    ).toBe(
      'The HTTP port 0.0.0.0:3000 is already in use by "nginx" (pid 42). Fix: stop that program, or start Bancada with PORT set to a free port (and HOST to the address to listen on).',
    );
    expect(
      explainStartupError(taken, { step: 'http', host: '0.0.0.0', port: 3000, portOwner: null }),
    ).toContain('already in use by another program');
    expect(
      explainStartupError(fsError('EACCES', 'listen', ''), { step: 'http', host: '0.0.0.0', port: 80 }),
    ).toContain('ports below 1024 need root');
  });

  it('says the disk is full on ENOSPC and on PostgreSQL disk errors', () => {
    const full = explainStartupError(fsError('ENOSPC', 'write', '/srv/data/secrets.json'), {
      step: 'data-folder',
      dataDir: '/srv/data',
    });
    expect(full).toMatch(/^The disk is full: \/srv\/data\/secrets.json cannot be written/);
    expect(full).toContain('df -h');
    expect(explainStartupError(pgError('53100', 'could not extend file'), db)).toContain('The disk is full');
  });

  it('says the data folder is not accessible, naming the folder and the fix', () => {
    const text = explainStartupError(fsError('EACCES', 'mkdir', '/srv/data'), {
      step: 'data-folder',
      dataDir: '/srv/data',
    });
    expect(text).toContain(
      'The data folder is not accessible: mkdir on /srv/data was refused (permission denied)',
    );
    expect(text).toContain('DATA_DIR');
    expect(
      explainStartupError(fsError('EROFS', 'open', '/srv/data/bancada.pid'), {
        step: 'data-folder',
        dataDir: '/srv/data',
      }),
    ).toContain('read-only file system');
  });

  it.each([
    [fsError('ENOTFOUND', 'getaddrinfo', ''), 'The database host "db.example" of DATABASE_URL'],
    [fsError('ECONNREFUSED', 'connect', ''), 'Nothing accepts connections at db.example:5433'],
    [fsError('ETIMEDOUT', 'connect', ''), 'cannot be reached (ETIMEDOUT)'],
    [pgError('28P01', 'password authentication failed for user "shop"'), 'refused the user "shop"'],
    [pgError('3D000', 'database "bancada" does not exist'), 'The database "bancada" does not exist'],
    [new AggregateError([fsError('ECONNREFUSED', 'connect', '')]), 'Nothing accepts connections'],
  ])('explains a wrong DATABASE_URL (%s) without showing its password', (error, expected) => {
    const text = explainStartupError(error, db);
    expect(text).toContain(expected);
    expect(text).not.toContain('s3cret');
    expect(text).toContain('Fix:');
  });

  it('says the embedded database refused its password file', () => {
    const text = explainStartupError(pgError('28P01', 'password authentication failed for user "postgres"'), {
      step: 'database',
      databaseUrl: undefined,
      dataDir: '/srv/data',
    });
    expect(text).toContain('refused the password in /srv/data/postgres.password');
  });

  it('names the migration that failed', () => {
    const error = new MigrationError('0007_x.sql', 'relation "nope" does not exist (SQLSTATE 42P01)', {
      cause: null,
    });
    const text = explainStartupError(error, { step: 'migrations', databaseUrl: undefined });
    expect(text).toContain('The database migration 0007_x.sql failed: relation "nope" does not exist');
    expect(text).toContain('Fix:');
  });

  it('never prints undefined or a stack trace for an unknown failure', () => {
    const text = explainStartupError(undefined, { step: 'other' });
    expect(text).toBe('Bancada could not start (starting): no reason given');
    const odd = explainStartupError(new Error('something odd'), { step: 'other' });
    expect(odd).toBe('Bancada could not start (starting): something odd');
    expect(odd).not.toMatch(/\n\s+at /);
  });

  it('redacts the password of a URL', () => {
    expect(redactUrl('postgres://u:p%40ss@h:5432/d')).toBe('postgres://u:***@h:5432/d');
  });

  it('finds the listening socket of a port in /proc/net/tcp', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0',
      '   1: 0100007F:0BB8 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0',
      '   2: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0',
    ].join('\n');
    expect(listeningInodes(table, 3000)).toEqual(['4242']);
    expect(listeningInodes(table, 8080)).toEqual(['4444']);
    expect(listeningInodes(table, 3001)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')(
    'names this process as the owner of a port it listens on',
    async () => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      try {
        expect(await describePortOwner(port)).toMatch(new RegExp(`^"[^"]+" \\(pid ${process.pid}\\)$`));
      } finally {
        server.close();
      }
    },
  );
});

describe('database loss (unit)', () => {
  it('describes the end of the embedded server for the operator', () => {
    const text = describeDatabaseLoss({ pid: 812, code: null, signal: 'SIGKILL' }, '/srv/data');
    expect(text).toContain(
      'The embedded PostgreSQL (pid 812, data in /srv/data/postgres) was killed (SIGKILL)',
    );
    expect(text).toContain('stops now (exit code 1)');
    expect(text).toContain('Restart=on-failure');
  });

  it('logs a repeated job-worker error once a minute with a count, not every second', () => {
    let now = 0;
    const lines: string[] = [];
    const report = createErrorThrottle(
      (line) => lines.push(line),
      () => now,
    );
    for (let i = 0; i < 59; i++, now += 1000) report('connect ECONNREFUSED 127.0.0.1:54329');
    report('password authentication failed');
    expect(lines).toEqual([
      '[jobs] connect ECONNREFUSED 127.0.0.1:54329',
      '[jobs] password authentication failed',
    ]);
    now += 1000;
    report('password authentication failed');
    now += 61_000;
    report('password authentication failed');
    expect(lines.at(-1)).toBe('[jobs] password authentication failed (1 more times in the last minute)');
  });
});

type Started = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  waitFor: (text: string, ms: number) => Promise<void>;
};

/** The real server, as `npm start` runs it (from the sources through tsx). */
function startServer(env: Record<string, string>): Started {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER_ROOT, 'src/main.ts')], {
    cwd: SERVER_ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async waitFor(text, ms) {
      const deadline = Date.now() + ms;
      while (!output.includes(text)) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`"${text}" did not appear; output:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

async function exitOf(started: Started, ms = 120_000): Promise<{ code: number | null; output: string }> {
  const timer = setTimeout(() => started.child.kill('SIGKILL'), ms);
  const code = await started.exited;
  clearTimeout(timer);
  return { code, output: started.output() };
}

describe('start-up failures of the real server', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'bancada-startup-'));
    // as root, PostgreSQL runs as "postgres", which must be able to enter the folders
    await chmod(root, 0o755);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('says which program holds the HTTP port and exits 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const { code, output } = await exitOf(
        startServer({
          DATA_DIR: path.join(root, 'http'),
          PORT: String(port),
          EMBEDDED_PG_PORT: String(await freePort()),
        }),
      );
      expect(code).toBe(1);
      expect(output).toContain(`The HTTP port 127.0.0.1:${port} is already in use by "`);
      expect(output).toContain(`(pid ${process.pid})`);
      expect(output).not.toMatch(/undefined|\n\s+at /);
    } finally {
      blocker.close();
    }
  }, 180_000);

  it('explains an unreachable DATABASE_URL and exits 1', async () => {
    const port = await freePort();
    const { code, output } = await exitOf(
      startServer({
        DATA_DIR: path.join(root, 'refused'),
        PORT: String(await freePort()),
        DATABASE_URL: `postgres://bancada:secret-pw@127.0.0.1:${port}/bancada`,
      }),
    );
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      `Nothing accepts connections at 127.0.0.1:${port}, the PostgreSQL server of DATABASE_URL (postgres://bancada:***@127.0.0.1:${port}/bancada). Fix: start that PostgreSQL, or correct the host and port in DATABASE_URL.`,
    );
  }, 180_000);

  it('refuses a second server on the same data folder, and exits 1 with a message when its PostgreSQL is killed', async () => {
    const dataDir = path.join(root, 'shared');
    const port = await freePort();
    const first = startServer({
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
      ADMIN_PASSWORD: 'startup-test-password',
    });
    try {
      await first.waitFor('Bancada is running', 150_000);
      const second = await exitOf(
        startServer({
          DATA_DIR: dataDir,
          PORT: String(await freePort()),
          EMBEDDED_PG_PORT: String(await freePort()),
        }),
      );
      expect(second.code).toBe(1);
      expect(second.output).toContain(
        `Another Bancada server (pid ${first.child.pid}) is already running on the data folder ${dataDir}.`,
      );

      const postmaster = Number(
        (await readFile(path.join(dataDir, 'postgres/postmaster.pid'), 'utf8')).split('\n')[0],
      );
      const killedAt = Date.now();
      process.kill(postmaster, 'SIGKILL');
      const { code, output } = await exitOf(first, 30_000);
      expect(code).toBe(1);
      expect(Date.now() - killedAt).toBeLessThan(10_000);
      expect(output).toContain(
        `The embedded PostgreSQL (pid ${postmaster}, data in ${dataDir}/postgres) was killed (SIGKILL)`,
      );
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 240_000);
});

describe('start-up failures below HTTP (the runtime main.ts and the CLI share)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'bancada-runtime-'));
    await chmod(root, 0o755);
  });
  afterAll(async () => {
    await chmod(path.join(root, 'closed'), 0o755).catch(() => {});
    await rm(root, { recursive: true, force: true });
  });

  const configFor = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const failure = async (env: Record<string, string>, migrationsFolder?: string) => {
    const error = await startRuntime(configFor(env), {
      worker: false,
      log: () => {},
      ...(migrationsFolder ? { migrationsFolder } : {}),
    }).then(
      async (runtime) => {
        await runtime.stop();
        return null;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartupError);
    return (error as Error).message;
  };
  const withDatabase = (name: string, password?: string) => {
    const url = new URL(inject('adminDatabaseUrl'));
    url.pathname = `/${name}`;
    if (password) url.password = password;
    return url.toString();
  };

  // a server with trust authentication (CI's PostgreSQL 15) takes any password: nothing to refuse there
  const checksPasswords = async () => {
    const probe = new pg.Client({ connectionString: withDatabase('postgres', 'wrong-password') });
    try {
      await probe.connect();
      return false;
    } catch {
      return true;
    } finally {
      await probe.end().catch(() => {});
    }
  };

  it('explains a refused password of DATABASE_URL', async (ctx) => {
    if (!(await checksPasswords())) ctx.skip();
    const auth = await failure({
      DATA_DIR: path.join(root, 'auth'),
      DATABASE_URL: withDatabase('postgres', 'wrong-password'),
    });
    expect(auth).toMatch(
      /^PostgreSQL at 127\.0\.0\.1:\d+ refused the user "postgres": password authentication failed/,
    );
    expect(auth).not.toContain('wrong-password');
  });

  it('explains a missing database of DATABASE_URL', async () => {
    const missing = await failure({
      DATA_DIR: path.join(root, 'missing'),
      DATABASE_URL: withDatabase('no_such_database'),
    });
    expect(missing).toMatch(
      /^The database "no_such_database" does not exist on the PostgreSQL server at 127\.0\.0\.1:\d+\. Fix: create it/,
    );
  });

  it('names the migration that fails and applies none of that start', async () => {
    const folder = path.join(root, 'migrations');
    await cp(MIGRATIONS_DIR, folder, { recursive: true });
    const journal = JSON.parse(await readFile(path.join(folder, 'meta/_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    const broken = journal.entries[3]!.tag;
    const file = path.join(folder, `${broken}.sql`);
    await writeFile(
      file,
      `${await readFile(file, 'utf8')}\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x int;`,
    );
    const name = `startup_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const message = await failure(
        { DATA_DIR: path.join(root, 'migrate'), DATABASE_URL: withDatabase(name) },
        folder,
      );
      expect(message).toContain(
        `The database migration ${broken}.sql failed: relation "no_such_table" does not exist`,
      );
      const check = new pg.Client({ connectionString: withDatabase(name) });
      await check.connect();
      const { rows } = await check.query(`SELECT to_regclass('public.organizations') AS t`);
      await check.end();
      expect(rows[0].t).toBeNull();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('says the disk is full when the data folder cannot be written (ENOSPC, through /dev/full)', async () => {
    const dataDir = path.join(root, 'full');
    await mkdir(dataDir, { recursive: true });
    await symlink('/dev/full', path.join(dataDir, 'postgres.password'));
    const message = await failure({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
    expect(message).toMatch(/^The disk is full: .*\/full cannot be written \(no space left on device\)/);
  });

  it.runIf(process.getuid?.() === 0)(
    'says the data folder cannot be entered by the database user when running as root',
    async () => {
      const closed = path.join(root, 'closed');
      await mkdir(closed, { mode: 0o700 });
      const message = await failure({
        DATA_DIR: path.join(closed, 'data'),
        EMBEDDED_PG_PORT: String(await freePort()),
      });
      expect(message).toMatch(/cannot enter its data folder .*closed.*permission denied/);
      expect(message).toContain('"postgres"');
    },
    120_000,
  );
});
