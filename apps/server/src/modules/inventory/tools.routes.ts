import {
  IdParamSchema,
  ToolCheckinSchema,
  ToolCheckoutSchema,
  ToolCreateSchema,
  ToolEventListSchema,
  ToolListQuerySchema,
  ToolPageSchema,
  ToolSchema,
  ToolUpdateSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, withEtag } from '../../platform/http.js';

export const toolsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tools = app.services.tools;

  app.get(
    '/tools',
    {
      config: { permission: 'tools:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'listTools',
        summary: 'Tools and equipment, by status (available, in use, maintenance, retired)',
        querystring: ToolListQuerySchema,
        response: { 200: ToolPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => tools.list(authed(request), request.query),
  );

  app.post(
    '/tools',
    {
      config: { permission: 'tools:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'createTool',
        summary: 'Register a tool or piece of equipment',
        body: ToolCreateSchema,
        response: { 201: ToolSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(withEtag(reply, await tools.create(authed(request), request.body))),
  );

  app.get(
    '/tools/:id',
    {
      config: { permission: 'tools:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'getTool',
        summary: 'One tool, with an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: ToolSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await tools.get(authed(request), request.params.id)),
  );

  app.patch(
    '/tools/:id',
    {
      config: { permission: 'tools:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'updateTool',
        summary: 'Change a tool (If-Match); status moves between available, maintenance and retired',
        params: IdParamSchema,
        body: ToolUpdateSchema,
        response: { 200: ToolSchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await tools.update(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );

  app.post(
    '/tools/:id/checkout',
    {
      config: { permission: 'tools:checkout' },
      schema: {
        tags: ['inventory'],
        operationId: 'checkoutTool',
        summary: 'Check a tool out to a technician or a service order; 409 when it is not available',
        params: IdParamSchema,
        body: ToolCheckoutSchema,
        response: { 200: ToolSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      withEtag(reply, await tools.checkout(authed(request), request.params.id, request.body)),
  );

  app.post(
    '/tools/:id/checkin',
    {
      config: { permission: 'tools:checkout' },
      schema: {
        tags: ['inventory'],
        operationId: 'checkinTool',
        summary: 'Return a tool (to available, or to maintenance)',
        params: IdParamSchema,
        body: ToolCheckinSchema,
        response: { 200: ToolSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      withEtag(reply, await tools.checkin(authed(request), request.params.id, request.body)),
  );

  app.get(
    '/tools/:id/events',
    {
      config: { permission: 'tools:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'listToolEvents',
        summary: 'Check-outs, check-ins and status changes, newest first',
        params: IdParamSchema,
        response: { 200: ToolEventListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => tools.events(authed(request), request.params.id),
  );
};
