import { OutboxPageSchema, OutboxQuerySchema } from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors } from '../../platform/http.js';

export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/outbox',
    {
      config: { permission: 'outbox:read' },
      schema: {
        tags: ['outbox'],
        operationId: 'listOutbox',
        summary: 'Messages the system sent, or would have sent with no provider configured',
        querystring: OutboxQuerySchema,
        response: { 200: OutboxPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => app.services.outbox.list(authed(request), request.query),
  );
};
