import { can, LiveEventSchema } from '@bancada/shared';
import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/context.js';
import { createPoolLiveHub, type LiveMessage } from '../../platform/live.js';

/** WebSocket close codes of /api/live (4000–4999 are the application's own). */
export const LIVE_CLOSE = { unauthorized: 4401, forbidden: 4403, slow: 4408, unavailable: 1011 } as const;

/** Control frames beside the events: `ready` once subscribed, `resync` after the server lost events. */
export type LiveControl = { type: 'live.ready' } | { type: 'live.resync' };

const LiveQuerySchema = z.object({ token: z.string().max(4000).optional() });

// a browser that cannot keep up (a sleeping laptop on a bad network) is dropped, not buffered forever
const MAX_BUFFERED_BYTES = 1_000_000;

/** The subset of the `ws` socket this module uses (`ws` ships no types here). */
type LiveSocket = {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send: (data: string) => void;
  ping: () => void;
  close: (code?: number, reason?: string) => void;
  terminate: () => void;
  on: (event: 'pong' | 'close' | 'message', listener: () => void) => void;
};
const OPEN = 1;

/** Who may open the socket at all: staff who read orders, or a customer login with its record. */
export function mayListen(actor: Actor): boolean {
  if (actor.role === 'CUSTOMER') return actor.customerId !== null;
  return can(actor.role, 'repairs:read', actor.grants);
}

/** Which messages a socket gets: its organization's; a customer only their own orders'. */
export function canSee(actor: Actor, message: LiveMessage): boolean {
  if (message.organizationId !== actor.organizationId) return false;
  if (actor.role === 'CUSTOMER') return actor.customerId !== null && message.customerId === actor.customerId;
  // conversations and message statuses (issue 14 §3) go to those who read the inbox
  if (message.type && !message.type.startsWith('repair.'))
    return can(actor.role, 'messages:read', actor.grants);
  return can(actor.role, 'repairs:read', actor.grants);
}

export type LiveRoutesOptions = {
  /** ping every so often; a socket that missed the previous pong is dropped and the token rechecked */
  pingIntervalMs?: number;
};

/**
 * GET /api/live: order events pushed to open boards and order pages. Browsers cannot set headers
 * on a WebSocket, so the access token comes as `?token=`; it is checked again at every ping, so an
 * expired token or a revoked session closes the socket with 4401 (the client refreshes and returns).
 */
export const liveRoutes: FastifyPluginAsync<LiveRoutesOptions> = async (app, options) => {
  const pingIntervalMs = options.pingIntervalMs ?? 30_000;
  await app.register(websocket, { options: { maxPayload: 4096 } });

  const hub = createPoolLiveHub(app.deps.pool, { log: app.log });
  app.addHook('onClose', async () => {
    await hub.close();
  });

  app.get(
    '/live',
    {
      websocket: true,
      // the global hook does not read `?token=`: this handler authenticates and closes with 4401
      config: { public: true },
      // the URL carries the access token: keep it out of the request logs
      logLevel: 'warn',
      schema: { hide: true, querystring: LiveQuerySchema },
    },
    async (raw, request) => {
      const socket = raw as unknown as LiveSocket;
      const token = (request.query as z.infer<typeof LiveQuerySchema>).token;
      // 'unavailable': the database did not answer, which says nothing about the token
      const resolve = async (): Promise<Actor | null | 'unavailable'> =>
        token ? app.services.auth.resolveActor(token).catch(() => 'unavailable' as const) : null;
      const first = await resolve();
      if (socket.readyState !== OPEN) return;
      if (first === 'unavailable') return socket.close(LIVE_CLOSE.unavailable, 'Try again later');
      let actor: Actor | null = first;
      if (!actor) return socket.close(LIVE_CLOSE.unauthorized, 'Unauthorized');
      if (!mayListen(actor)) return socket.close(LIVE_CLOSE.forbidden, 'Forbidden');

      const send = (frame: object) => {
        if (socket.readyState !== OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(LIVE_CLOSE.slow, 'Too slow');
          return;
        }
        socket.send(JSON.stringify(frame));
      };

      const unsubscribe = hub.subscribe(actor.organizationId, {
        message(message) {
          if (!actor || !canSee(actor, message)) return;
          // only the event's own fields reach the browser (no organization or customer id)
          const event = LiveEventSchema.safeParse(message);
          if (event.success) send(event.data);
          else request.log.warn({ type: message.type }, 'live: dropped an event that fails LiveEventSchema');
        },
        resync: () => send({ type: 'live.resync' } satisfies LiveControl),
      });

      let alive = true;
      const ping = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
        void (async () => {
          const again = await resolve();
          if (again === 'unavailable') return;
          // an expired token or a revoked session: 4401 (refresh and return); grants taken away: 4403
          if (!again || !mayListen(again)) {
            actor = null;
            if (again) socket.close(LIVE_CLOSE.forbidden, 'Forbidden');
            else socket.close(LIVE_CLOSE.unauthorized, 'Unauthorized');
          } else actor = again;
        })();
      }, pingIntervalMs);
      ping.unref();
      socket.on('pong', () => {
        alive = true;
      });
      socket.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });

      await hub.ready();
      send({ type: 'live.ready' } satisfies LiveControl);
    },
  );
};
