import {
  EstimateCreateSchema,
  EstimateDecisionSchema,
  EstimateListSchema,
  EstimateSchema,
  EstimateTokenParamSchema,
  EstimateWithLinkSchema,
  IdParamSchema,
  PublicEstimateSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authed, errors } from '../../../platform/http.js';

const VersionParamsSchema = IdParamSchema.extend({ version: z.coerce.number().int().min(1) });

export const estimatesRoutes: FastifyPluginAsyncZod = async (app) => {
  const estimates = app.services.estimates;

  app.post(
    '/repairs/:id/estimates',
    {
      config: { permission: 'repairs:update' },
      schema: {
        tags: ['repairs'],
        operationId: 'createEstimate',
        summary: 'Send a new estimate version to the customer (a signed, expiring no-login link)',
        description:
          'Every line goes to pending; the previous unanswered version is superseded; the order moves to AGUARDANDO_APROVACAO when it may; with notify, the link is e-mailed through the outbox.',
        params: IdParamSchema,
        body: EstimateCreateSchema,
        response: { 201: EstimateWithLinkSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await estimates.create(authed(request), request.params.id, request.body)),
  );

  app.get(
    '/repairs/:id/estimates',
    {
      // staff need repairs:read; a CUSTOMER reads their own orders' estimates (the service checks both)
      schema: {
        tags: ['repairs'],
        operationId: 'listEstimates',
        summary: 'Every version of the order’s estimate with its answer, newest first',
        params: IdParamSchema,
        response: { 200: EstimateListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => estimates.list(authed(request), request.params.id),
  );

  app.post(
    '/repairs/:id/estimates/:version/decision',
    {
      schema: {
        tags: ['repairs'],
        operationId: 'decideEstimate',
        summary:
          'Record the answer per line: staff for an answer given in person, or the customer in the portal',
        params: VersionParamsSchema,
        body: EstimateDecisionSchema,
        response: { 200: EstimateSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      estimates.decideAsUser(authed(request), request.params.id, request.params.version, request.body),
  );

  app.get(
    '/public/estimates/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['repairs'],
        operationId: 'getPublicEstimate',
        summary: 'The estimate as the customer sees it through the link (no login)',
        security: [],
        params: EstimateTokenParamSchema,
        response: { 200: PublicEstimateSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => estimates.getPublic(request.params.token),
  );

  app.post(
    '/public/estimates/:token/decision',
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['repairs'],
        operationId: 'decidePublicEstimate',
        summary: 'The customer approves or declines each line through the link; IP, device and hash are kept',
        security: [],
        params: EstimateTokenParamSchema,
        body: EstimateDecisionSchema,
        response: { 200: PublicEstimateSchema, ...errors(400, 401, 404, 409, 422, 429) },
      },
    },
    async (request) => estimates.decidePublic(request.ctx, request.params.token, request.body),
  );
};
