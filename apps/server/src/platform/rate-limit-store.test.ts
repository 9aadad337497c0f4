import { ErrorBodySchema } from '@bancada/shared';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers.js';
import { connectDatabase, type DbHandle } from '../db/client.js';
import { freePort } from '../db/embedded.js';
import { createErrorHandler } from './http-errors.js';
import { countHit, createRateLimitStore, sweepRateLimits } from './rate-limit-store.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
// two pools on one database: two server instances
let a: DbHandle;
let b: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  a = connectDatabase(database.url, { max: 4 });
  b = connectDatabase(database.url, { max: 4 });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await database.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A limited route on its own Fastify instance, as app.ts registers the plugin. */
async function limitedApp(handle: DbHandle, max: number) {
  const app = Fastify();
  app.setErrorHandler(createErrorHandler(1_048_576));
  await app.register(rateLimit, { global: false, store: createRateLimitStore(handle.db) });
  app.post('/api/auth/login', { config: { rateLimit: { max, timeWindow: '1 minute' } } }, async () => ({
    ok: true,
  }));
  app.post('/api/other', { config: { rateLimit: { max, timeWindow: '1 minute' } } }, async () => ({
    ok: true,
  }));
  await app.ready();
  return app;
}

/** Waits, if needed, so that the next few seconds stay in one minute window. */
async function awayFromMinuteEdge() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) await sleep(60_500 - intoMinute);
}

describe('shared rate-limit store', () => {
  it('adds up the hits of every instance on the same route and key in one window', async () => {
    await awayFromMinuteEdge();
    const hit = { route: 'POST /api/x', key: '203.0.113.1', windowMs: 60_000 };
    expect((await countHit(a.db, hit)).current).toBe(1);
    expect((await countHit(b.db, hit)).current).toBe(2);
    const third = await countHit(a.db, hit);
    expect(third.current).toBe(3);
    expect(third.ttl).toBeGreaterThan(0);
    expect(third.ttl).toBeLessThanOrEqual(60_000);
    // another address, another route: counted apart
    expect((await countHit(b.db, { ...hit, key: '203.0.113.2' })).current).toBe(1);
    expect((await countHit(b.db, { ...hit, route: 'POST /api/y' })).current).toBe(1);
  });

  it('counts parallel hits exactly (one atomic upsert each)', async () => {
    await awayFromMinuteEdge();
    const hit = { route: 'POST /api/parallel', key: '203.0.113.9', windowMs: 60_000 };
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => countHit(i % 2 ? a.db : b.db, hit)),
    );
    expect(results.map((r) => r.current).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });

  it('starts a new window at 1 once the previous one has ended, and sweeps ended windows', async () => {
    const hit = { route: 'POST /api/short', key: '203.0.113.3', windowMs: 300 };
    await countHit(a.db, hit);
    await sleep(350);
    expect((await countHit(b.db, hit)).current).toBe(1);
    await sleep(350);
    await sweepRateLimits(a.db);
    const { rows } = await a.pool.query(
      `SELECT count(*)::int AS n FROM rate_limit_hits WHERE route = 'POST /api/short'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('limits a route across two apps on one database with the usual 429 body', async () => {
    await awayFromMinuteEdge();
    const first = await limitedApp(a, 3);
    const second = await limitedApp(b, 3);
    try {
      const codes: number[] = [];
      for (const app of [first, second, first, second]) {
        codes.push((await app.inject({ method: 'POST', url: '/api/auth/login' })).statusCode);
      }
      expect(codes).toEqual([200, 200, 200, 429]);
      // the other route keeps its own count
      expect((await first.inject({ method: 'POST', url: '/api/other' })).statusCode).toBe(200);
      const limited = await second.inject({ method: 'POST', url: '/api/auth/login' });
      expect(limited.statusCode).toBe(429);
      expect(ErrorBodySchema.parse(limited.json()).error).toBe('Too Many Requests');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('fails closed: without its database a limited route is refused, never run unmetered', async () => {
    const unreachable = connectDatabase(`postgres://bancada:x@127.0.0.1:${await freePort()}/none`, {
      max: 1,
    });
    const app = await limitedApp(unreachable, 3);
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login' });
      // the route's handler answers 200 with { ok: true }: it must not have run
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(res.json()).not.toHaveProperty('ok');
      ErrorBodySchema.parse(res.json());
    } finally {
      await app.close();
      await unreachable.close();
    }
  });
});
