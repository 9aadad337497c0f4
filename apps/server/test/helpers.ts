import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TokenResponse } from '@bancada/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/client.js';
import { SERVER_ROOT } from '../src/paths.js';
import { createCipher } from '../src/platform/crypto.js';
import { startJobs } from '../src/platform/jobs.js';
import type { Mailer } from '../src/platform/mailer.js';
import { createTokenSigner } from '../src/platform/tokens.js';
import { bootstrap } from '../src/runtime.js';
import type { Deps } from '../src/services.js';

export const ADMIN = { email: 'admin@oficina.test', password: 'admin-pass-123' } as const;

export type TestApp = {
  app: FastifyInstance;
  deps: Deps;
  url: string;
  adminToken: string;
  login: (email: string, password: string, rememberMe?: boolean) => Promise<TokenResponse>;
  request: (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

function databaseUrl(name: string): string {
  const u = new URL(inject('adminDatabaseUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = inject('templateDatabase');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  return {
    url: databaseUrl(name),
    async drop() {
      const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/bancada-test-unused' }),
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    // suites sign in many times from one address; the rate-limit test sets its own limit
    loginRateLimitPerMinute: 10_000,
    ...overrides,
  };
}

/** The whole app on its own database, bootstrapped with a known administrator. */
export async function createTestApp(
  options: { config?: Partial<Config>; mailer?: Mailer; logStream?: { write(line: string): void } } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(options.config);
  const handle = connectDatabase(database.url, { max: 20 });
  const jobs = await startJobs(database.url, { worker: false });
  const deps: Deps = {
    config,
    db: handle.db,
    pool: handle.pool,
    jobs,
    mailer: options.mailer ?? null,
    signer: createTokenSigner(randomBytes(32).toString('hex'), config.accessTokenTtlSeconds),
    cipher: createCipher(randomBytes(32).toString('base64')),
    embedded: false,
  };
  const app = await buildApp(deps, options.logStream ? { logStream: options.logStream } : {});
  await app.ready();
  await bootstrap(app.services, config, () => {});

  const request: TestApp['request'] = (method, url, opts = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
    });

  const login = async (email: string, password: string, rememberMe = false) => {
    const res = await request('POST', '/api/auth/login', { body: { email, password, rememberMe } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    return res.json() as TokenResponse;
  };
  const adminToken = (await login(ADMIN.email, ADMIN.password)).accessToken;

  return {
    app,
    deps,
    url: database.url,
    adminToken,
    login,
    request,
    async close() {
      await app.close();
      await jobs.stop();
      await handle.close();
      await database.drop();
    },
  };
}

/** Creates a user through the API as the administrator and signs them in. */
export async function createUserAndLogin(
  t: TestApp,
  user: { role: string; email?: string; name?: string; password?: string },
): Promise<{ id: string; token: string; email: string; password: string }> {
  const email = user.email ?? `${user.role.toLowerCase()}-${randomBytes(3).toString('hex')}@oficina.test`;
  const password = user.password ?? 'secret-pass-1';
  const res = await t.request('POST', '/api/users', {
    token: t.adminToken,
    body: { name: user.name ?? `Pessoa ${user.role}`, email, password, role: user.role },
  });
  if (res.statusCode !== 201) throw new Error(`create user failed: ${res.statusCode} ${res.body}`);
  const { accessToken } = await t.login(email, password);
  return { id: res.json().id, token: accessToken, email, password };
}

const exec = promisify(execFile);

/** Runs `npm run cli -- …` (through tsx) against a test database; never throws on a non-zero exit. */
export async function runCli(
  args: string[],
  databaseUrl: string,
): Promise<{ stdout: string; exitCode: number }> {
  const tsx = path.join(SERVER_ROOT, '../../node_modules/.bin/tsx');
  try {
    const { stdout } = await exec(tsx, [path.join(SERVER_ROOT, 'src/cli.ts'), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: '/tmp/bancada-cli-test' },
    });
    return { stdout, exitCode: 0 };
  } catch (error) {
    const e = error as { stdout: string; code: number };
    return { stdout: e.stdout, exitCode: e.code };
  }
}
