import type { LiveEvent } from '@bancada/shared';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { callAtCommit, type Tx } from './tx.js';

/** The PostgreSQL channel live updates travel on (LISTEN/NOTIFY: works across server instances). */
export const LIVE_CHANNEL = 'bancada_live';

/**
 * What travels on the channel: the event plus who may see it. `organizationId` and `customerId`
 * never reach the browser; they pick the sockets (staff of the organization, the customer's logins).
 */
export type LiveMessage = LiveEvent & { organizationId: string; customerId: string };

/**
 * Queues a live update in the caller's transaction: PostgreSQL delivers it to every listener
 * (every server instance) at COMMIT, and never if the transaction rolls back.
 */
export async function publishLive(tx: Tx, message: LiveMessage): Promise<void> {
  // in the transaction's last statement (NOTIFY only takes effect at COMMIT anyway)
  await callAtCommit(tx.db, sql`pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(message)})`);
}

/** One socket's end of the hub. */
export type LiveSubscriber = {
  message: (message: LiveMessage) => void;
  /** the hub lost its connection for a while: events may have been missed, refetch */
  resync?: () => void;
};

type Log = {
  warn: (obj: object, msg: string) => void;
  info: (obj: object, msg: string) => void;
};

export type LiveHubOptions = {
  /** a new client of its own (never from the pool: LISTEN lives as long as the connection) */
  createClient: () => pg.Client;
  log?: Log;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** how often the listening connection is checked with a `SELECT 1` */
  heartbeatMs?: number;
};

export type LiveHub = {
  /** Starts listening on first use; resolves once LISTEN is in place. */
  ready: () => Promise<void>;
  subscribe: (organizationId: string, subscriber: LiveSubscriber) => () => void;
  subscriberCount: () => number;
  close: () => Promise<void>;
};

/**
 * The hub for a pool's database: the one place that opens the LISTEN connection, a client of its
 * own with the pool's connection settings (LISTEN must outlive any pooled checkout).
 */
export function createPoolLiveHub(
  pool: pg.Pool,
  options: Omit<LiveHubOptions, 'createClient'> = {},
): LiveHub {
  return createLiveHub({
    ...options,
    createClient: () => new pg.Client({ ...pool.options, application_name: 'bancada_live' }),
  });
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export function parseLiveMessage(payload: string | undefined): LiveMessage | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<LiveMessage> | null;
    if (!value || typeof value !== 'object' || typeof value.organizationId !== 'string') return null;
    if (typeof value.type !== 'string' || typeof value.repairId !== 'string') return null;
    return value as LiveMessage;
  } catch {
    return null;
  }
}

/** The sockets of each organization; a subscriber that throws does not stop the others. */
function createSubscriberRegistry(log: Log | undefined) {
  const byOrganization = new Map<string, Set<LiveSubscriber>>();
  return {
    add(organizationId: string, subscriber: LiveSubscriber): () => void {
      let group = byOrganization.get(organizationId);
      if (!group) {
        group = new Set();
        byOrganization.set(organizationId, group);
      }
      group.add(subscriber);
      return () => {
        const current = byOrganization.get(organizationId);
        current?.delete(subscriber);
        if (current?.size === 0) byOrganization.delete(organizationId);
      };
    },
    /** `null`: every organization's subscribers (a resync after a lost connection). */
    forEach(organizationId: string | null, visit: (s: LiveSubscriber) => void) {
      const groups =
        organizationId === null ? [...byOrganization.values()] : [byOrganization.get(organizationId)];
      for (const group of groups) {
        for (const subscriber of group ?? []) {
          try {
            visit(subscriber);
          } catch (error) {
            log?.warn({ err: error }, 'live subscriber failed');
          }
        }
      }
    },
    count() {
      let n = 0;
      for (const group of byOrganization.values()) n += group.size;
      return n;
    },
    clear() {
      byOrganization.clear();
    },
  };
}

/**
 * One dedicated PostgreSQL connection per server instance doing LISTEN, fanned out to the sockets
 * of each organization. A lost connection is replaced with exponential backoff; subscribers are
 * then told to resync, since NOTIFYs sent meanwhile are gone.
 */
export function createLiveHub(options: LiveHubOptions): LiveHub {
  const minBackoff = options.minBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const subscribers = createSubscriberRegistry(options.log);

  let started = false;
  let closed = false;
  let client: pg.Client | null = null;
  let listening = deferred();
  let isListening = false;
  let hasListened = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  function onNotification(notification: pg.Notification) {
    if (notification.channel !== LIVE_CHANNEL) return;
    const message = parseLiveMessage(notification.payload);
    if (!message) {
      options.log?.warn({}, 'live: ignored a malformed notification');
      return;
    }
    subscribers.forEach(message.organizationId, (s) => s.message(message));
  }

  function scheduleReconnect() {
    if (closed || retryTimer) return;
    // full jitter: several instances that lost the database together do not reconnect in step
    const ceiling = Math.min(maxBackoff, minBackoff * 2 ** attempt);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, delay);
    retryTimer.unref();
  }

  function lost(which: pg.Client, error?: unknown) {
    if (which !== client) return;
    client = null;
    // callers already waiting keep their promise; only a kept promise is replaced
    if (isListening) listening = deferred();
    isListening = false;
    if (closed) return;
    options.log?.warn({ err: error }, 'live: listening connection lost; reconnecting');
    // a connection that died silently may never answer `end`: drop the socket
    destroy(which);
    scheduleReconnect();
  }

  function destroy(which: pg.Client) {
    const stream = (which as unknown as { connection?: { stream?: { destroy?: () => void } } }).connection
      ?.stream;
    stream?.destroy?.();
    which.end().catch(() => {});
  }

  async function connect() {
    if (closed) return;
    const next = options.createClient();
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next));
    next.on('notification', onNotification);
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      if (client === next) lost(next, error);
      else destroy(next);
      return;
    }
    if (closed || client !== next) {
      destroy(next);
      return;
    }
    attempt = 0;
    const resync = hasListened;
    hasListened = true;
    isListening = true;
    listening.resolve();
    if (resync) subscribers.forEach(null, (s) => s.resync?.());
  }

  async function check() {
    const current = client;
    if (!current || closed) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        current.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('live heartbeat timed out')), 10_000);
        }),
      ]);
    } catch (error) {
      lost(current, error);
    } finally {
      clearTimeout(timer);
    }
  }

  function start() {
    if (started || closed) return;
    started = true;
    heartbeat = setInterval(() => void check(), heartbeatMs);
    heartbeat.unref();
    void connect();
  }

  return {
    ready() {
      start();
      return listening.promise;
    },

    subscribe(organizationId, subscriber) {
      start();
      return subscribers.add(organizationId, subscriber);
    },

    subscriberCount: () => subscribers.count(),

    async close() {
      if (closed) return;
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (heartbeat) clearInterval(heartbeat);
      subscribers.clear();
      const current = client;
      client = null;
      if (current) await current.end().catch(() => {});
    },
  };
}
