import {
  IdParamSchema,
  SupplierCreateSchema,
  SupplierListQuerySchema,
  SupplierPageSchema,
  SupplierSchema,
  SupplierUpdateSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, withEtag } from '../../platform/http.js';

export const suppliersRoutes: FastifyPluginAsyncZod = async (app) => {
  const suppliers = app.services.suppliers;

  app.get(
    '/suppliers',
    {
      config: { permission: 'suppliers:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'listSuppliers',
        summary: 'Suppliers with a search box and an active filter, paginated',
        querystring: SupplierListQuerySchema,
        response: { 200: SupplierPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => suppliers.list(authed(request), request.query),
  );

  app.post(
    '/suppliers',
    {
      config: { permission: 'suppliers:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'createSupplier',
        summary: 'Create a supplier with contacts and the components it sells at their cost',
        body: SupplierCreateSchema,
        response: { 201: SupplierSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(withEtag(reply, await suppliers.create(authed(request), request.body))),
  );

  app.get(
    '/suppliers/:id',
    {
      config: { permission: 'suppliers:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'getSupplier',
        summary: 'One supplier with its contacts and the components it sells, with an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: SupplierSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await suppliers.get(authed(request), request.params.id)),
  );

  app.patch(
    '/suppliers/:id',
    {
      config: { permission: 'suppliers:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'updateSupplier',
        summary: 'Change a supplier (If-Match); `components`, when given, replaces the list',
        params: IdParamSchema,
        body: SupplierUpdateSchema,
        response: { 200: SupplierSchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(
        reply,
        await suppliers.update(authed(request), request.params.id, request.body, ifMatch),
      );
    },
  );

  app.delete(
    '/suppliers/:id',
    {
      config: { permission: 'suppliers:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'deleteSupplier',
        summary: 'Delete a supplier with no purchase orders (409 otherwise: deactivate it)',
        params: IdParamSchema,
        response: { 204: z.null().meta({ description: 'deleted' }), ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      await suppliers.remove(authed(request), request.params.id, parseIfMatch(request.headers['if-match']));
      return reply.status(204).send(null);
    },
  );
};
