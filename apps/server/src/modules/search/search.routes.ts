import { SearchQuerySchema, SearchResultSchema } from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors } from '../../platform/http.js';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const search = app.services.search;

  app.get(
    '/search',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags: ['search'],
        operationId: 'search',
        summary:
          'One search box over customers and assets: name (accents and case ignored), document with or without mask, phone in any format, e-mail, plate in either spelling, serial, VIN',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => search.search(authed(request), request.query),
  );
};
