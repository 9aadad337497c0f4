import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { rateLimitHits } from '../db/schema/index.js';

type Hit = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Hit) => void;

/** Ended windows are swept at most this often, by whichever instance is counting a hit. */
const SWEEP_EVERY_MS = 60_000;

/**
 * One hit in the route's current fixed window, counted in PostgreSQL so that every server instance
 * sees the same count (issue 13 §6b): a single upsert, one round trip. The window is cut from the
 * database's clock, so instances whose clocks drift still share it.
 */
export async function countHit(
  db: Database,
  hit: { route: string; key: string; windowMs: number },
): Promise<Hit> {
  const windowMs = sql`${Math.max(1, Math.trunc(hit.windowMs))}::bigint`;
  const windowStart = sql`to_timestamp(floor(extract(epoch from now()) * 1000 / ${windowMs}) * ${windowMs} / 1000.0)`;
  const [row] = await db
    .insert(rateLimitHits)
    .values({
      route: hit.route,
      key: hit.key,
      windowStart,
      hits: 1,
      expiresAt: sql`${windowStart} + ${windowMs} * interval '1 millisecond'`,
    })
    .onConflictDoUpdate({
      target: [rateLimitHits.route, rateLimitHits.key, rateLimitHits.windowStart],
      set: { hits: sql`${rateLimitHits.hits} + 1` },
    })
    .returning({
      current: rateLimitHits.hits,
      ttl: sql<number>`greatest(0, ceil(extract(epoch from ${rateLimitHits.expiresAt} - now()) * 1000))::integer`,
    });
  if (!row) throw new Error('rate limit: the upsert returned no row');
  return { current: row.current, ttl: Number(row.ttl) };
}

/** Deletes the rows of windows that have ended. */
export async function sweepRateLimits(db: Database): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.expiresAt, sql`now()`));
}

/**
 * The `store` for @fastify/rate-limit: the plugin builds it with `new Store(options)` and asks
 * `child(routeOptions)` for each limited route, so the route is part of every counter's key.
 * Fixed windows only (the routes use neither `continueExceeding` nor `exponentialBackoff`).
 *
 * When the database cannot be reached the hit fails and so does the request (fail closed: the
 * plugin's `skipOnError` stays false and the error handler answers). Failing open would let whoever
 * can exhaust the pool guess passwords unmetered, and it would buy nothing: every limited route
 * (sign-in, public links, webhooks) needs the database to answer anyway.
 */
export function createRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  const sweep = { lastAt: 0 };
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly route = '*',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, { route: this.route, key, windowMs: timeWindow }).then(
        (hit) => callback(null, hit),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
      const now = Date.now();
      if (now - sweep.lastAt >= SWEEP_EVERY_MS) {
        sweep.lastAt = now;
        // off the request's path; a failed sweep is tried again a minute later
        sweepRateLimits(db).catch(() => {});
      }
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = Array.isArray(info?.method) ? info.method.join(',') : info?.method;
      return new PostgresRateLimitStore(undefined, info?.url ? `${method} ${info.url}` : this.route);
    }
  }
  return PostgresRateLimitStore;
}
