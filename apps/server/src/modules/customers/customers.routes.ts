import {
  AssetCreateSchema,
  AssetListQuerySchema,
  AssetPageSchema,
  AssetSchema,
  ConsentEventSchema,
  CustomerCreateSchema,
  CustomerListQuerySchema,
  CustomerPageSchema,
  CustomerSchema,
  CustomerUpdateSchema,
  IdParamSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, withEtag } from '../../platform/http.js';

// CUSTOMER logins reach their own record through these routes, so object-level rules live in the
// services; a route-level permission appears only where no CUSTOMER may ever pass.
export const customersRoutes: FastifyPluginAsyncZod = async (app) => {
  const customers = app.services.customers;
  const assets = app.services.assets;

  app.get(
    '/customers',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags: ['customers'],
        operationId: 'listCustomers',
        summary: 'List customers (search box, kind, city, asset kind, consent; sort)',
        querystring: CustomerListQuerySchema,
        response: { 200: CustomerPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => customers.list(authed(request), request.query),
  );

  app.post(
    '/customers',
    {
      config: { permission: 'customers:write' },
      schema: {
        tags: ['customers'],
        operationId: 'createCustomer',
        summary: 'Create a customer (only the name is required)',
        body: CustomerCreateSchema,
        response: { 201: CustomerSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const customer = await customers.create(authed(request), request.body);
      return reply.status(201).send(withEtag(reply, customer));
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        operationId: 'getCustomer',
        summary: 'One customer, with an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: CustomerSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await customers.get(authed(request), request.params.id)),
  );

  app.patch(
    '/customers/:id',
    {
      schema: {
        tags: ['customers'],
        operationId: 'updateCustomer',
        summary: 'Change a customer (If-Match); consent changes go to the consent ledger',
        params: IdParamSchema,
        body: CustomerUpdateSchema,
        response: { 200: CustomerSchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(
        reply,
        await customers.update(authed(request), request.params.id, request.body, ifMatch),
      );
    },
  );

  app.delete(
    '/customers/:id',
    {
      config: { permission: 'customers:delete' },
      schema: {
        tags: ['customers'],
        operationId: 'deleteCustomer',
        summary: 'Soft-delete a customer and their assets (If-Match optional); history is kept',
        params: IdParamSchema,
        response: { 204: z.null().meta({ description: 'deleted' }), ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      await customers.remove(authed(request), request.params.id, ifMatch);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/customers/:id/consents',
    {
      schema: {
        tags: ['customers'],
        operationId: 'listCustomerConsents',
        summary: 'The marketing-consent ledger of a customer, newest first',
        params: IdParamSchema,
        response: { 200: z.array(ConsentEventSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => customers.consents(authed(request), request.params.id),
  );

  app.get(
    '/customers/:id/assets',
    {
      schema: {
        tags: ['assets'],
        operationId: 'listCustomerAssets',
        summary: 'A customer’s vehicles, appliances and machines, paginated',
        params: IdParamSchema,
        querystring: AssetListQuerySchema,
        response: { 200: AssetPageSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => assets.listByCustomer(authed(request), request.params.id, request.query),
  );

  app.post(
    '/customers/:id/assets',
    {
      schema: {
        tags: ['assets'],
        operationId: 'createCustomerAsset',
        summary: 'Add a vehicle, appliance or machine to a customer (optional first reading)',
        params: IdParamSchema,
        body: AssetCreateSchema,
        response: { 201: AssetSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const asset = await assets.create(authed(request), request.params.id, request.body);
      return reply.status(201).send(withEtag(reply, asset));
    },
  );
};
