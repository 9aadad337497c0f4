import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers.js';
import { connectDatabase, type DbHandle } from '../db/client.js';
import { createLiveHub, type LiveHub, type LiveMessage, parseLiveMessage, publishLive } from './live.js';
import { inTransaction } from './tx.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let handle: DbHandle;
const hubs: LiveHub[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  handle = connectDatabase(database.url, { max: 4 });
});
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.close()));
  await handle.close();
  await database.drop();
});

const ORG_A = crypto.randomUUID();
const ORG_B = crypto.randomUUID();

type RepairLiveMessage = Extract<LiveMessage, { number: number }>;
function message(organizationId: string, number: number): RepairLiveMessage {
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
  };
}

function hub(applicationName = 'bancada_live_test') {
  const created = createLiveHub({
    createClient: () => new pg.Client({ connectionString: database.url, application_name: applicationName }),
    minBackoffMs: 20,
    maxBackoffMs: 200,
  });
  hubs.push(created);
  return created;
}

/** Collects what a subscriber receives; `next()` waits for the following message. */
function collector() {
  const received: LiveMessage[] = [];
  const waiting: ((m: LiveMessage) => void)[] = [];
  let resyncs = 0;
  return {
    received,
    get resyncs() {
      return resyncs;
    },
    subscriber: {
      message(m: LiveMessage) {
        const resolve = waiting.shift();
        if (resolve) resolve(m);
        else received.push(m);
      },
      resync() {
        resyncs += 1;
      },
    },
    next(timeoutMs = 3000): Promise<RepairLiveMessage> {
      const queued = received.shift() as RepairLiveMessage | undefined;
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no live message')), timeoutMs);
        waiting.push((m) => {
          clearTimeout(timer);
          resolve(m as RepairLiveMessage);
        });
      });
    },
  };
}

const publish = (m: LiveMessage) => inTransaction(handle.pool, (tx) => publishLive(tx, m));

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function listeners(applicationName: string): Promise<number> {
  const { rows } = await handle.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
    [applicationName],
  );
  return rows[0]!.n;
}

describe('LiveHub', () => {
  it('delivers a committed message to its organization only, and a rolled-back one never', async () => {
    const live = hub();
    const a = collector();
    const b = collector();
    live.subscribe(ORG_A, a.subscriber);
    live.subscribe(ORG_B, b.subscriber);
    await live.ready();

    await expect(
      inTransaction(handle.pool, async (tx) => {
        await publishLive(tx, message(ORG_A, 1));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await publish(message(ORG_A, 2));
    await publish(message(ORG_B, 3));

    expect((await a.next()).number).toBe(2);
    expect((await b.next()).number).toBe(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.received).toEqual([]);
    expect(b.received).toEqual([]);
  });

  it('stops delivering to a subscriber that left', async () => {
    const live = hub();
    const gone = collector();
    const stays = collector();
    const leave = live.subscribe(ORG_A, gone.subscriber);
    live.subscribe(ORG_A, stays.subscriber);
    await live.ready();
    leave();
    expect(live.subscriberCount()).toBe(1);
    await publish(message(ORG_A, 10));
    expect((await stays.next()).number).toBe(10);
    expect(gone.received).toEqual([]);
  });

  it('reconnects after losing its connection, tells subscribers to resync, and delivers again', async () => {
    const name = 'bancada_live_reconnect';
    const live = hub(name);
    const a = collector();
    live.subscribe(ORG_A, a.subscriber);
    await live.ready();
    expect(await listeners(name)).toBe(1);

    await handle.pool.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
      [name],
    );
    await until(() => a.resyncs === 1);
    await live.ready();
    await publish(message(ORG_A, 20));
    expect((await a.next()).number).toBe(20);
  });

  it('keeps trying while the database refuses, then listens once it answers', async () => {
    let refuse = 3;
    const nowhere = new URL(database.url);
    nowhere.port = '1';
    const live = createLiveHub({
      createClient: () =>
        new pg.Client({ connectionString: refuse-- > 0 ? nowhere.toString() : database.url }),
      minBackoffMs: 10,
      maxBackoffMs: 40,
    });
    hubs.push(live);
    const a = collector();
    live.subscribe(ORG_A, a.subscriber);
    await live.ready();
    expect(refuse).toBeLessThan(0);
    // the first LISTEN is not a resync: nothing was missed
    expect(a.resyncs).toBe(0);
    await publish(message(ORG_A, 30));
    expect((await a.next()).number).toBe(30);
  });

  it('closes its connection on close and never reconnects', async () => {
    const name = 'bancada_live_close';
    const live = hub(name);
    await live.ready();
    expect(await listeners(name)).toBe(1);
    await live.close();
    await until(async () => (await listeners(name)) === 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(await listeners(name)).toBe(0);
  });

  it('ignores payloads that are not live messages', () => {
    expect(parseLiveMessage(undefined)).toBeNull();
    expect(parseLiveMessage('not json')).toBeNull();
    expect(parseLiveMessage('{"type":"repair.created"}')).toBeNull();
    const m = message(ORG_A, 1);
    expect(parseLiveMessage(JSON.stringify(m))).toEqual(m);
  });
});
