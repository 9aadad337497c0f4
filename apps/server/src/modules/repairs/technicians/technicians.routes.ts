import {
  IdParamSchema,
  RepairAssignSchema,
  RepairWithWarningsSchema,
  TechnicianSuggestionListSchema,
  TechnicianSuggestionQuerySchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../../platform/etag.js';
import { authed, errors, withEtag } from '../../../platform/http.js';

export const techniciansRoutes: FastifyPluginAsyncZod = async (app) => {
  const technicians = app.services.technicians;

  app.get(
    '/technicians/suggestions',
    {
      // every order screen reads it (the board's technician filter too); assigning needs repairs:update
      config: { permission: 'repairs:read' },
      schema: {
        tags: ['repairs'],
        operationId: 'suggestTechnicians',
        summary:
          'Technicians ranked for an order or a specialty: specialty first, then not overloaded, then lightest load',
        querystring: TechnicianSuggestionQuerySchema,
        response: { 200: TechnicianSuggestionListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => technicians.suggestions(authed(request), request.query),
  );

  app.post(
    '/repairs/:id/assign',
    {
      config: { permission: 'repairs:update' },
      schema: {
        tags: ['repairs'],
        operationId: 'assignRepair',
        summary:
          'Assign the order to a technician (null unassigns; If-Match); warnings say what speaks against the choice',
        params: IdParamSchema,
        body: RepairAssignSchema,
        response: { 200: RepairWithWarningsSchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await technicians.assign(
          authed(request),
          request.params.id,
          request.body.technicianId,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );
};
