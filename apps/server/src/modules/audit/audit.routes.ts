import { AuditPageSchema, AuditQuerySchema } from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAudit } from '../../platform/audit.js';
import { assertCan } from '../../platform/context.js';
import { authed, errors } from '../../platform/http.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        operationId: 'listAudit',
        summary: 'Audit entries, newest first, with filters',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const ctx = authed(request);
      assertCan(ctx, 'audit:read');
      return listAudit(app.deps.db, ctx.actor.organizationId, request.query);
    },
  );
};
