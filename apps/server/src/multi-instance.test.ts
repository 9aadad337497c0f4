/**
 * Two stateless server instances on one PostgreSQL behave as one (issue 13 §6b; ARCHITECTURE §1,
 * growth path). Two real servers (node + tsx on main.ts, as `npm start` runs), each with a data folder
 * of its own, share what a deployment behind a load balancer shares: DATABASE_URL, JWT_SECRET,
 * ENCRYPTION_KEY and an S3-compatible uploads bucket (the fake one of the tests). Instance A runs no
 * job worker (JOB_WORKER=false); B does. Clients reach them through a proxy (TRUST_PROXY, their
 * address in X-Forwarded-For).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ErrorBodySchema } from '@bancada/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeS3, startFakeS3 } from '../test/fake-s3.js';
import { ADMIN, createTestDatabase } from '../test/helpers.js';
import { seedBody } from '../test/repairs.js';
import { freePort } from './db/embedded.js';
import { SERVER_ROOT } from './paths.js';

type Instance = { name: string; base: string; child: ChildProcess; logFile: string; dataDir: string };
type Answer = { status: number; body: unknown; headers: Headers; bytes: Buffer };
type CallOptions = { token?: string; body?: unknown; ip?: string; headers?: Record<string, string> };

/** The bits of a `ws` client the test uses (the package ships no types here). */
type Socket = {
  on: (event: string, listener: (...args: never[]) => void) => void;
  terminate: () => void;
};
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => Socket;

const LOGIN_LIMIT = 4;
const MAX_FAILURES = 3;

let s3: FakeS3;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: pg.Pool;
let root: string;
let a: Instance;
let b: Instance;
let adminToken: string;
const sockets: Socket[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let lastAddress = 0;
/** A client address of its own for each caller (TEST-NET-2), so rate limits do not mix. */
const address = () => `198.51.100.${++lastAddress}`;

async function start(name: string, env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const dataDir = path.join(root, name);
  const logFile = path.join(root, `${name}.log`);
  const out = createWriteStream(logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER_ROOT, 'src/main.ts')], {
    cwd: SERVER_ROOT,
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const instance = { name, base: `http://127.0.0.1:${port}`, child, logFile, dataDir };
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`instance ${name} exited (${child.exitCode}):\n${await readFile(logFile, 'utf8')}`);
    }
    const healthy = await fetch(`${instance.base}/api/health`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (healthy) return instance;
    await sleep(200);
  }
  throw new Error(`instance ${name} did not answer in time:\n${await readFile(logFile, 'utf8')}`);
}

async function stop(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

async function call(instance: Instance, method: string, url: string, options: CallOptions = {}) {
  const response = await fetch(`${instance.base}${url}`, {
    method,
    headers: {
      'x-forwarded-for': options.ip ?? address(),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined && !Buffer.isBuffer(options.body)
        ? { 'content-type': 'application/json' }
        : {}),
      ...options.headers,
    },
    ...(options.body !== undefined
      ? { body: Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = response.headers.get('content-type')?.includes('json');
  return {
    status: response.status,
    body: json ? JSON.parse(bytes.toString('utf8')) : null,
    headers: response.headers,
    bytes,
  } satisfies Answer;
}

async function login(instance: Instance, email: string, password: string, ip = address()) {
  return call(instance, 'POST', '/api/auth/login', { body: { email, password }, ip });
}

async function createCustomer(instance: Instance) {
  const res = await call(instance, 'POST', '/api/customers', {
    token: adminToken,
    body: { name: `Cliente ${randomUUID().slice(0, 6)}` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { id: string }).id;
}

async function createRepair(instance: Instance, headers: Record<string, string> = {}, customerId?: string) {
  const body = seedBody(customerId ?? (await createCustomer(instance)));
  return call(instance, 'POST', '/api/repairs', { token: adminToken, body, headers });
}

/** Waits so that the next few seconds stay inside one fixed one-minute window. */
async function awayFromMinuteEdge() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await sleep(60_500 - intoMinute);
}

async function until<T>(read: () => Promise<T | null | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  s3 = await startFakeS3();
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  root = await mkdtemp(path.join(tmpdir(), 'bancada-multi-'));
  const shared: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BACKUP_KEY: randomBytes(32).toString('base64'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    TRUST_PROXY: 'true',
    LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
    LOGIN_MAX_FAILURES: String(MAX_FAILURES),
    SMTP_HOST: '',
    UPLOADS_S3_BUCKET: s3.bucket,
    UPLOADS_S3_ENDPOINT: s3.endpoint,
    UPLOADS_S3_ACCESS_KEY_ID: s3.accessKeyId,
    UPLOADS_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    UPLOADS_S3_PREFIX: 'uploads',
  };
  // one after the other: the first start creates the administrator
  a = await start('a', { ...shared, JOB_WORKER: 'false' });
  b = await start('b', { ...shared, JOB_WORKER: 'true' });
  const signedIn = await login(a, ADMIN.email, ADMIN.password);
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  adminToken = (signedIn.body as { accessToken: string }).accessToken;
}, 320_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await Promise.all([stop(a), stop(b)]);
  await pool?.end();
  await database?.drop();
  await s3?.close();
  if (root) await rm(root, { recursive: true, force: true });
}, 60_000);

describe('two instances on one database behave as one', () => {
  it('accepts on one instance a token signed by the other (shared JWT_SECRET)', async () => {
    const res = await call(b, 'GET', '/api/auth/me', { token: adminToken });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('locks on B an account whose failed sign-ins happened on A', async () => {
    const email = `tecnico-${randomUUID().slice(0, 6)}@oficina.test`;
    const created = await call(a, 'POST', '/api/users', {
      token: adminToken,
      body: { name: 'Técnico', email, password: 'right-pass-1', role: 'TECHNICIAN' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const failures: number[] = [];
    for (let i = 0; i < MAX_FAILURES; i++) failures.push((await login(a, email, 'wrong-pass-1')).status);
    // the last failure reaches the limit and locks the account
    expect(failures.slice(0, -1).every((s) => s === 401)).toBe(true);
    const onB = await login(b, email, 'right-pass-1');
    expect(onB.status).toBe(423);
    expect(ErrorBodySchema.parse(onB.body).error).toBe('Locked');
  });

  it('adds up sign-in attempts on A and B against one rate limit', async () => {
    await awayFromMinuteEdge();
    const ip = address();
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      codes.push((await login(i % 2 ? b : a, 'nobody@oficina.test', 'whatever-1', ip)).status);
    }
    expect(codes).toEqual(Array(LOGIN_LIMIT).fill(401));
    // each instance alone has seen only half the limit; together they are over it
    const overOnA = await login(a, 'nobody@oficina.test', 'whatever-1', ip);
    const overOnB = await login(b, ADMIN.email, ADMIN.password, ip);
    expect([overOnA.status, overOnB.status]).toEqual([429, 429]);
    expect(ErrorBodySchema.parse(overOnB.body).error).toBe('Too Many Requests');
    expect(Number(overOnB.headers.get('retry-after'))).toBeGreaterThan(0);
    // another address is not affected
    expect((await login(b, ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('replays on B a POST made on A with the same Idempotency-Key, creating one order', async () => {
    const customerId = await createCustomer(a);
    const key = `multi-${randomUUID()}`;
    const first = await createRepair(a, { 'idempotency-key': key }, customerId);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await createRepair(b, { 'idempotency-key': key }, customerId);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM repairs WHERE customer_id = $1', [
      customerId,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('pushes an order created on A to a live socket on B', async () => {
    const frames: { type: string; repairId?: string }[] = [];
    const socket = new WebSocket(
      `${b.base.replace(/^http/, 'ws')}/api/live?token=${encodeURIComponent(adminToken)}`,
    );
    sockets.push(socket);
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString())));
    await until(async () => frames.find((f) => f.type === 'live.ready'), 10_000, 'live.ready on B');
    const created = await createRepair(a);
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const event = await until(
      async () => frames.find((f) => f.type === 'repair.created' && f.repairId === id),
      10_000,
      `repair.created for ${id} on B`,
    );
    expect(event).toMatchObject({ type: 'repair.created', repairId: id });
  });

  it("runs on B's worker a job enqueued on A (A has no worker)", async () => {
    const since = (await pool.query<{ now: Date }>('SELECT now() AS now')).rows[0]!.now;
    const asked = await call(a, 'POST', '/api/auth/password-reset', { body: { email: ADMIN.email } });
    expect(asked.status).toBe(202);
    const message = await until(
      async () =>
        (
          await pool.query<{ id: string }>(
            `SELECT id FROM outbox_messages WHERE channel = 'email' AND created_at >= $1 ORDER BY created_at DESC LIMIT 1`,
            [since],
          )
        ).rows[0],
      10_000,
      'the reset e-mail in the outbox',
    );
    // no SMTP configured: the delivery job records the message as stored
    const status = await until(
      async () => {
        const { rows } = await pool.query<{ status: string }>(
          'SELECT status FROM outbox_messages WHERE id = $1',
          [message.id],
        );
        return rows[0]?.status === 'queued' ? null : rows[0]?.status;
      },
      30_000,
      'the delivery job to run',
    );
    expect(status).toBe('stored');
  });

  it('reads on B a photo uploaded on A, kept in the shared bucket', async () => {
    const created = await createRepair(a);
    const repairId = (created.body as { id: string }).id;
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
    const boundary = `----bancada${randomUUID()}`;
    const form = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="porta.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await call(a, 'POST', `/api/repairs/${repairId}/photos`, {
      token: adminToken,
      body: form,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const photoId = (uploaded.body as { id: string }).id;

    const read = await call(b, 'GET', `/api/repairs/${repairId}/photos/${photoId}`, { token: adminToken });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toContain('image/jpeg');
    expect(read.bytes.equals(jpeg)).toBe(true);
    // in the bucket, not in either instance's data folder
    expect([...s3.objects.keys()].some((k) => k.startsWith(`uploads/repairs/`))).toBe(true);
    for (const instance of [a, b]) {
      const local = await readdir(path.join(instance.dataDir, 'uploads')).catch(() => []);
      expect(local).toEqual([]);
    }
  });
});
