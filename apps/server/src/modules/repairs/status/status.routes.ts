import {
  ChecklistUpdateSchema,
  IdParamSchema,
  RepairSchema,
  RepairTransitionSchema,
  RepairWithWarningsSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../../platform/etag.js';
import { authed, errors, withEtag } from '../../../platform/http.js';

export const repairStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  const status = app.services.repairStatus;

  app.post(
    '/repairs/:id/status',
    {
      config: { permission: 'repairs:transition' },
      schema: {
        tags: ['repairs'],
        operationId: 'transitionRepair',
        summary: 'Move an order to another status (the status machine of packages/shared)',
        description:
          '409 names the statuses allowed from the current one; finishing needs the review checklist and a manager or administrator; cancelling releases reserved parts, finishing consumes them.',
        params: IdParamSchema,
        body: RepairTransitionSchema,
        response: { 200: RepairWithWarningsSchema, ...errors(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await status.transition(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );

  app.put(
    '/repairs/:id/checklist',
    {
      config: { permission: 'repairs:transition' },
      schema: {
        tags: ['repairs'],
        operationId: 'updateRepairChecklist',
        summary: 'Check or uncheck items of the review checklist (seed 000 §3.1)',
        params: IdParamSchema,
        body: ChecklistUpdateSchema,
        response: { 200: RepairSchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await status.setChecklist(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );
};
