import { HealthSchema } from '@bancada/shared';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { APP_VERSION } from '../../paths.js';

const started = Date.now();

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        operationId: 'getHealth',
        summary: 'Liveness and database state',
        security: [],
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const { db, embedded } = app.deps;
      const t0 = performance.now();
      let database: { status: 'up' | 'down'; latencyMs: number | null; serverVersion: string | null };
      try {
        const result = await db.execute<{ v: string }>(sql`SELECT current_setting('server_version') AS v`);
        database = {
          status: 'up',
          latencyMs: Math.round((performance.now() - t0) * 10) / 10,
          serverVersion: result.rows[0]?.v ?? null,
        };
      } catch {
        database = { status: 'down', latencyMs: null, serverVersion: null };
      }
      const body = {
        status: database.status === 'up' ? ('ok' as const) : ('degraded' as const),
        version: APP_VERSION,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        database: { ...database, embedded },
      };
      return reply.status(database.status === 'up' ? 200 : 503).send(body);
    },
  );
};
