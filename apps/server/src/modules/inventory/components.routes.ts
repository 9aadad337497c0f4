import {
  CategoryListSchema,
  ComponentCreateSchema,
  ComponentIdParamSchema,
  ComponentListQuerySchema,
  ComponentPageSchema,
  ComponentSchema,
  ComponentUpdateSchema,
  PaginationQuerySchema,
  StockAdjustmentSchema,
  StockMovementPageSchema,
  StockMovementSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, withEtag } from '../../platform/http.js';

export const componentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const components = app.services.components;

  app.get(
    '/components',
    {
      config: { permission: 'components:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'listComponents',
        summary: 'Components (parts) with search over name, code and description and filters',
        querystring: ComponentListQuerySchema,
        response: { 200: ComponentPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => components.list(authed(request), request.query),
  );

  app.get(
    '/components/categories',
    {
      config: { permission: 'components:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'listComponentCategories',
        summary: 'The categories in use, for filters',
        response: { 200: CategoryListSchema, ...errors(401, 403) },
      },
    },
    async (request) => components.categories(authed(request)),
  );

  app.post(
    '/components',
    {
      config: { permission: 'components:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'createComponent',
        summary:
          'Create a component; `id` may be chosen by the caller (seed 004: comp-001); initial stock is an IN movement',
        body: ComponentCreateSchema,
        response: { 201: ComponentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await components.create(authed(request), request.body);
      return reply.status(201).send(withEtag(reply, created));
    },
  );

  app.get(
    '/components/:id',
    {
      config: { permission: 'components:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'getComponent',
        summary: 'One component (part) with its stock, with an ETag for If-Match',
        params: ComponentIdParamSchema,
        response: { 200: ComponentSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await components.get(authed(request), request.params.id)),
  );

  app.patch(
    '/components/:id',
    {
      config: { permission: 'components:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'updateComponent',
        summary: 'Change a component (If-Match); stock changes only through movements',
        params: ComponentIdParamSchema,
        body: ComponentUpdateSchema,
        response: { 200: ComponentSchema, ...errors(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(
        reply,
        await components.update(authed(request), request.params.id, request.body, ifMatch),
      );
    },
  );

  app.post(
    '/components/:id/adjustments',
    {
      config: { permission: 'stock:adjust' },
      schema: {
        tags: ['inventory'],
        operationId: 'adjustComponentStock',
        summary:
          'A signed stock correction with a reason (an ADJUST movement); a stock count sends counted minus current. Never below zero (422)',
        params: ComponentIdParamSchema,
        body: StockAdjustmentSchema,
        response: { 201: StockMovementSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await components.adjust(authed(request), request.params.id, request.body)),
  );

  app.get(
    '/components/:id/movements',
    {
      config: { permission: 'components:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'listComponentMovements',
        summary: 'The stock ledger of a component, newest first',
        params: ComponentIdParamSchema,
        querystring: PaginationQuerySchema,
        response: { 200: StockMovementPageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => components.movements(authed(request), request.params.id, request.query),
  );
};
