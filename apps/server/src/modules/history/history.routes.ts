import { HistorySchema, IdParamSchema } from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors } from '../../platform/http.js';

// a CUSTOMER reaches the history of their own record and assets: the service checks the scope
export const historyRoutes: FastifyPluginAsyncZod = async (app) => {
  const history = app.services.history;

  app.get(
    '/assets/:id/history',
    {
      schema: {
        tags: ['assets'],
        operationId: 'getAssetHistory',
        summary: 'Timeline of service orders, readings and transfers of an asset, with service frequency',
        params: IdParamSchema,
        response: { 200: HistorySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => history.assetHistory(authed(request), request.params.id),
  );

  app.get(
    '/customers/:id/history',
    {
      schema: {
        tags: ['customers'],
        operationId: 'getCustomerHistory',
        summary: 'Timeline of service orders, readings, transfers and assets, with service frequency',
        params: IdParamSchema,
        response: { 200: HistorySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => history.customerHistory(authed(request), request.params.id),
  );
};
