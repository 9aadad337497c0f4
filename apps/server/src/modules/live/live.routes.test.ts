import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, customerLogin, otherOrganization } from '../../../test/customers.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { createRepair } from '../../../test/repairs.js';
import { buildApp } from '../../app.js';
import { connectDatabase, type DbHandle } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { type LiveMessage, publishLive } from '../../platform/live.js';
import { inTransaction } from '../../platform/tx.js';
import { validatorCompiler } from '../../platform/validation.js';
import { canSee, liveRoutes, mayListen } from './live.routes.js';

/** The bits of a `ws` client the tests use (the package ships no types here). */
type Client = {
  on: (event: string, listener: (...args: never[]) => void) => void;
  close: () => void;
  terminate: () => void;
};
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => Client;
type Frame = Record<string, unknown> & { type: string };

let t: TestApp;
// a second server instance on the same database, as behind a load balancer
let b: { app: FastifyInstance; handle: DbHandle };
let organizationId: string;
const clients: Client[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const handle = connectDatabase(t.url, { max: 5 });
  const app = await buildApp({ ...t.deps, db: handle.db, pool: handle.pool });
  await app.ready();
  b = { app, handle };
  const { rows } = await t.deps.pool.query<{ id: string }>('SELECT id FROM organizations WHERE is_default');
  organizationId = rows[0]!.id;
});
afterAll(async () => {
  for (const c of clients) c.terminate();
  await b.app.close();
  await b.handle.close();
  await t.close();
});

/** A real HTTP server for the app (the upgrade goes through the network, as from a browser). */
const origins = new Map<FastifyInstance, string>();
async function origin(app: FastifyInstance): Promise<string> {
  let url = origins.get(app);
  if (!url) {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    url = address.replace(/^http/, 'ws');
    origins.set(app, url);
  }
  return url;
}

/** Opens /api/live on `app`; frames are queued, `next()` waits for the following one. */
async function connect(app: FastifyInstance, token: string | null) {
  const frames: Frame[] = [];
  const waiting: ((f: Frame) => void)[] = [];
  let closed: ((code: number) => void) | undefined;
  const closedWith = new Promise<number>((resolve) => {
    closed = resolve;
  });
  const path = token === null ? '/api/live' : `/api/live?token=${encodeURIComponent(token)}`;
  const ws = new WebSocket(`${await origin(app)}${path}`);
  clients.push(ws);
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as Frame;
    const resolve = waiting.shift();
    if (resolve) resolve(frame);
    else frames.push(frame);
  });
  ws.on('close', (code: number) => closed?.(code));
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', (error: Error) => reject(error));
  });
  const next = (timeoutMs = 3000) => {
    const queued = frames.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frame')), timeoutMs);
      waiting.push((f) => {
        clearTimeout(timer);
        resolve(f);
      });
    });
  };
  return { ws, frames, next, closedWith };
}

/** Connected and subscribed (the server says `live.ready`). */
async function listen(app: FastifyInstance, token: string) {
  const client = await connect(app, token);
  expect(await client.next()).toEqual({ type: 'live.ready' });
  return client;
}

let number = 0;
type RepairLiveMessage = Extract<LiveMessage, { number: number }>;
function event(overrides: Partial<RepairLiveMessage> = {}): RepairLiveMessage {
  number += 1;
  return {
    type: 'repair.status_changed',
    organizationId,
    customerId: crypto.randomUUID(),
    repairId: crypto.randomUUID(),
    number,
    status: 'EM_ANDAMENTO',
    technicianId: null,
    version: 2,
    at: new Date().toISOString(),
    ...overrides,
  };
}

const publishOnA = (message: LiveMessage) => inTransaction(t.deps.pool, (tx) => publishLive(tx, message));

describe('GET /api/live', () => {
  it('pushes an event committed on one server instance to a socket on another, without tenancy fields', async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const client = await listen(b.app, tech.token);
    const sent = event({ technicianId: tech.id });
    await publishOnA(sent);
    const { organizationId: _org, customerId: _customer, ...visible } = sent;
    expect(await client.next()).toEqual(visible);
  });

  it("pushes an assignment made through the API to staff and to the order's customer", async () => {
    const tech = await createUserAndLogin(t, { role: 'TECHNICIAN' });
    const repair = await createRepair(t);
    const staff = await listen(b.app, tech.token);
    const portal = await listen(b.app, (await customerLogin(t, repair.customerId)).token);
    const res = await t.request('POST', `/api/repairs/${repair.id}/assign`, {
      token: t.adminToken,
      body: { technicianId: tech.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    const expected = {
      type: 'repair.assigned',
      repairId: repair.id,
      number: repair.number,
      status: 'NAO_INICIADO',
      technicianId: tech.id,
      version: repair.version + 1,
    };
    // the create's own event may still be on its way when the sockets open (NOTIFY reaches the other
    // instance's listener asynchronously after COMMIT): the assignment is the next event after it
    const nextAssigned = async (client: typeof staff) => {
      let frame = await client.next();
      if ((frame as { type: string }).type === 'repair.created') frame = await client.next();
      return frame;
    };
    expect(await nextAssigned(staff)).toMatchObject(expected);
    expect(await nextAssigned(portal)).toMatchObject(expected);
  });

  it('delivers nothing from a rolled-back transaction', async () => {
    const client = await listen(b.app, t.adminToken);
    const lost = event();
    await expect(
      inTransaction(t.deps.pool, async (tx) => {
        await publishLive(tx, lost);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const marker = event();
    await publishOnA(marker);
    expect((await client.next()).number).toBe(marker.number);
    expect(client.frames).toEqual([]);
  });

  it("keeps one organization's events from another's sockets", async () => {
    const other = await otherOrganization(t);
    const theirs = await listen(b.app, other.token);
    const ours = await listen(t.app, t.adminToken);
    await publishOnA(event());
    const marker = event({ organizationId: other.organizationId });
    await publishOnA(marker);
    expect((await theirs.next()).number).toBe(marker.number);
    expect(theirs.frames).toEqual([]);
    expect((await ours.next()).number).toBe(marker.number - 1);
  });

  it("gives a customer login only their own orders' events", async () => {
    const customer = await createCustomer(t, { name: 'Cliente Ao Vivo' });
    const portal = await customerLogin(t, customer.id);
    const client = await listen(b.app, portal.token);
    await publishOnA(event());
    const own = event({ customerId: customer.id });
    await publishOnA(own);
    expect((await client.next()).number).toBe(own.number);
    expect(client.frames).toEqual([]);
  });

  it('closes with 4401 without a valid token and 4403 for a login that may not read orders', async () => {
    expect(await (await connect(b.app, null)).closedWith).toBe(4401);
    expect(await (await connect(b.app, 'not-a-token')).closedWith).toBe(4401);
    const session = await t.login(
      (await createUserAndLogin(t, { role: 'CUSTOMER', email: 'solto@portal.test' })).email,
      'secret-pass-1',
    );
    expect(await (await connect(b.app, session.accessToken)).closedWith).toBe(4403);
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).not.toContain('/api/live');
  });

  it('closes its listening connection when the app closes', async () => {
    const handle = connectDatabase(t.url, { max: 2 });
    const app = await buildApp({ ...t.deps, db: handle.db, pool: handle.pool });
    await app.ready();
    const count = async () =>
      (
        await t.deps.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'bancada_live' AND datname = current_database()`,
        )
      ).rows[0]!.n;
    const before = await count();
    await listen(app, t.adminToken);
    expect(await count()).toBe(before + 1);
    await app.close();
    await handle.close();
    for (let i = 0; i < 50 && (await count()) > before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await count()).toBe(before);
  });
});

describe('keep-alive', () => {
  it('rechecks the token at each ping and closes with 4401 once the session is revoked', async () => {
    // the plugin alone, with a short ping interval
    const app = Fastify();
    app.decorate('deps', t.deps);
    app.decorate('services', t.app.services);
    app.setValidatorCompiler(validatorCompiler);
    await app.register(liveRoutes, { prefix: '/api', pingIntervalMs: 100 });
    await app.ready();
    try {
      const user = await createUserAndLogin(t, { role: 'TECHNICIAN' });
      const client = await listen(app, user.token);
      // a few pings answered: still open
      await new Promise((r) => setTimeout(r, 350));
      const logout = await t.request('POST', '/api/auth/logout', { token: user.token, body: {} });
      expect(logout.statusCode).toBe(204);
      expect(await client.closedWith).toBe(4401);
    } finally {
      await app.close();
    }
  });
});

describe('who sees what', () => {
  const actor = (overrides: Partial<Actor>): Actor => ({
    userId: crypto.randomUUID(),
    name: 'X',
    email: 'x@y.z',
    role: 'TECHNICIAN',
    organizationId: 'org-1',
    branchId: null,
    sessionId: 's',
    grants: {},
    customerId: null,
    ...overrides,
  });
  const message = (overrides: Partial<LiveMessage> = {}) =>
    ({ organizationId: 'org-1', customerId: 'cust-1', ...overrides }) as LiveMessage;

  it('lets staff who read orders see their organization, customers their own orders', () => {
    expect(canSee(actor({}), message())).toBe(true);
    expect(canSee(actor({}), message({ organizationId: 'org-2' }))).toBe(false);
    expect(canSee(actor({ role: 'CUSTOMER', customerId: 'cust-1' }), message())).toBe(true);
    expect(canSee(actor({ role: 'CUSTOMER', customerId: 'cust-2' }), message())).toBe(false);
    // an administrator who took repairs:read away from technicians
    const restricted = actor({ grants: { 'repairs:read': ['MANAGER'] } });
    expect(mayListen(restricted)).toBe(false);
    expect(canSee(restricted, message())).toBe(false);
    expect(mayListen(actor({ role: 'CUSTOMER' }))).toBe(false);
  });
});
