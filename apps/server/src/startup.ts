import { ConfigError } from './config.js';
import { EmbeddedStartError } from './db/embedded.js';
import { MigrationError } from './db/migrate.js';
import { DataDirLockedError } from './platform/lock.js';
import { describePortOwner } from './startup-ports.js';

/** The step of the start that failed, and what the message may name. */
export type StartupStep =
  | { step: 'data-folder'; dataDir: string }
  | { step: 'database'; databaseUrl: string | undefined; dataDir: string }
  | { step: 'migrations'; databaseUrl: string | undefined }
  | { step: 'http'; host: string; port: number; portOwner?: string | null }
  | { step: 'other' };

/** A start-up failure already worded for a person: cause and fix, no stack trace. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

type Failure = { code?: string; message: string; path?: string; syscall?: string };

function failureOf(error: unknown): Failure {
  if (error instanceof Error) {
    const e = error as Error & { code?: unknown; path?: unknown; syscall?: unknown };
    return {
      ...(typeof e.code === 'string' ? { code: e.code } : {}),
      message: e.message || e.name,
      ...(typeof e.path === 'string' ? { path: e.path } : {}),
      ...(typeof e.syscall === 'string' ? { syscall: e.syscall } : {}),
    };
  }
  if (error && typeof error === 'object' && 'message' in error) return { message: String(error.message) };
  return { message: error === undefined ? 'no reason given' : String(error) };
}

/** Every error of an AggregateError (node-postgres reports one per address of a host). */
function firstCode(error: unknown): Failure {
  if (error instanceof AggregateError && error.errors.length) return failureOf(error.errors[0]);
  return failureOf(error);
}

/** DATABASE_URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL is not a valid URL)';
  }
}

const DISK_FULL = /no space left on device|could not extend file|disk full/i;

function diskFull(where: string): string {
  return (
    `The disk is full: ${where} cannot be written (no space left on device). ` +
    'Fix: free space on that file system (`df -h` shows which one), or move DATA_DIR to a larger disk, then start again. ' +
    'No acknowledged data is lost: PostgreSQL refuses a write it cannot make durable.'
  );
}

function fileProblem(f: Failure, dataDir: string): string | null {
  const target = f.path ?? dataDir;
  if (f.code === 'ENOSPC') return diskFull(target);
  if (f.code === 'EACCES' || f.code === 'EPERM') {
    return (
      `The data folder is not accessible: ${f.syscall ?? 'access'} on ${target} was refused (permission denied). ` +
      `Fix: give the user running Bancada${process.getuid?.() === 0 ? '' : ` (uid ${process.getuid?.() ?? '?'})`} read and write access to ${dataDir} ` +
      '(e.g. `chown -R` it to that user), or set DATA_DIR to a folder it owns.'
    );
  }
  if (f.code === 'EROFS')
    return `The data folder ${dataDir} is on a read-only file system (${target}). Fix: set DATA_DIR to a writable folder.`;
  if (f.code === 'ENOTDIR' || f.code === 'EEXIST')
    return `The data folder ${dataDir} cannot be used: ${target} is a file, not a folder. Fix: set DATA_DIR to a folder.`;
  if (f.code === 'ENOENT' && target.endsWith('postgres.password'))
    return (
      `The embedded database in ${dataDir} has lost its password file ${target}. ` +
      'Fix: put the file back from a backup of the data folder (it holds one line, the superuser password), or start with a new DATA_DIR.'
    );
  return null;
}

function databaseProblem(f: Failure, databaseUrl: string): string | null {
  let host = '?';
  let port = '5432';
  let user = '?';
  let database = '?';
  try {
    const u = new URL(databaseUrl);
    host = u.hostname;
    port = u.port || '5432';
    user = decodeURIComponent(u.username) || '(none)';
    database = decodeURIComponent(u.pathname.replace(/^\//, '')) || user;
  } catch {
    return 'DATABASE_URL is not a valid URL. Fix: postgres://user:password@host:5432/database.';
  }
  const shown = redactUrl(databaseUrl);
  switch (f.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The database host "${host}" of DATABASE_URL (${shown}) cannot be found (DNS: ${f.code}). Fix: correct the host name in DATABASE_URL.`;
    case 'ECONNREFUSED':
      return `Nothing accepts connections at ${host}:${port}, the PostgreSQL server of DATABASE_URL (${shown}). Fix: start that PostgreSQL, or correct the host and port in DATABASE_URL.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The PostgreSQL server of DATABASE_URL (${shown}) at ${host}:${port} cannot be reached (${f.code}). Fix: check the network and firewall between this machine and ${host}, or correct DATABASE_URL.`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${host}:${port} refused the user "${user}": ${f.message}. Fix: correct the user name and password in DATABASE_URL (${shown}).`;
    case '3D000':
      return `The database "${database}" does not exist on the PostgreSQL server at ${host}:${port}. Fix: create it (\`createdb -h ${host} -p ${port} -U ${user} ${database}\`, or CREATE DATABASE as a superuser) or correct the database name in DATABASE_URL.`;
    case '53100':
      return diskFull(`the PostgreSQL server at ${host}:${port}`);
    case '57P03':
      return `The PostgreSQL server at ${host}:${port} is starting up or shutting down and does not accept connections yet. Fix: start Bancada again when it is up.`;
    default:
      if (/timeout/i.test(f.message))
        return `The PostgreSQL server of DATABASE_URL (${shown}) did not answer in time: ${f.message}. Fix: check that ${host}:${port} is reachable, or correct DATABASE_URL.`;
      if (/SSL|certificate/i.test(f.message))
        return `The TLS connection to the PostgreSQL server of DATABASE_URL (${shown}) failed: ${f.message}. Fix: check its sslmode and certificates.`;
      return null;
  }
}

/**
 * The message a person reads when the server cannot start: the cause and the fix in words, for each
 * failure we know (port taken, data folder not accessible, disk full, wrong DATABASE_URL, migration
 * failure, a second server on the folder, bad configuration); otherwise the error's own message with
 * its step. Never `undefined`, never a bare stack trace.
 */
export function explainStartupError(error: unknown, at: StartupStep): string {
  if (
    error instanceof StartupError ||
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof EmbeddedStartError
  )
    return error.message;
  if (error instanceof MigrationError) {
    const disk = DISK_FULL.test(error.reason) ? ` ${diskFull('the database')}` : '';
    return (
      `${error.message}${disk} ` +
      'Fix: read the reason above; if the database was changed by hand, undo that change, or restore the latest backup. ' +
      'A migration that fails on an untouched database is a bug: report it with this message.'
    );
  }
  const f = firstCode(error);
  if (at.step === 'http') {
    if (f.code === 'EADDRINUSE') {
      return (
        `The HTTP port ${at.host}:${at.port} is already in use by ${at.portOwner ?? 'another program'}. ` +
        'Fix: stop that program, or start Bancada with PORT set to a free port (and HOST to the address to listen on).'
      );
    }
    if (f.code === 'EACCES')
      return `Listening on port ${at.port} was refused: ports below 1024 need root or the CAP_NET_BIND_SERVICE capability. Fix: set PORT to 1024 or above (e.g. 3000) and put a reverse proxy in front.`;
    if (f.code === 'EADDRNOTAVAIL' || f.code === 'ENOTFOUND')
      return `HOST=${at.host} is not an address of this machine (${f.code}). Fix: set HOST to 0.0.0.0 (every address), 127.0.0.1, or one of this machine's addresses.`;
  }
  if (DISK_FULL.test(f.message) || f.code === 'ENOSPC' || f.code === '53100')
    return diskFull(f.path ?? ('dataDir' in at ? at.dataDir : 'the database'));
  if (at.step === 'data-folder' || at.step === 'database') {
    const text = fileProblem(f, 'dataDir' in at ? at.dataDir : '');
    if (text) return text;
  }
  if (at.step === 'database' && !at.databaseUrl && (f.code === '28P01' || f.code === '28000')) {
    return (
      `The embedded database in ${at.dataDir} refused the password in ${at.dataDir}/postgres.password: the file does not belong to this database. ` +
      'Fix: put back the postgres.password that was copied with the postgres/ folder (from the same backup), or start with a new DATA_DIR.'
    );
  }
  if ((at.step === 'database' || at.step === 'migrations') && at.databaseUrl) {
    const text = databaseProblem(f, at.databaseUrl);
    if (text) return text;
  }
  const step =
    at.step === 'data-folder'
      ? 'preparing the data folder'
      : at.step === 'database'
        ? 'connecting to the database'
        : at.step === 'migrations'
          ? 'migrating the database'
          : at.step === 'http'
            ? 'opening the HTTP port'
            : 'starting';
  return `Bancada could not start (${step}): ${f.code ? `${f.code}: ` : ''}${f.message}`;
}

/** Runs one step of the start; a failure becomes a StartupError with its explanation. */
export async function startupStep<T>(at: StartupStep, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (at.step === 'http' && failureOf(error).code === 'EADDRINUSE' && at.portOwner === undefined) {
      at = { ...at, portOwner: await describePortOwner(at.port) };
    }
    throw new StartupError(explainStartupError(error, at), { cause: error });
  }
}
