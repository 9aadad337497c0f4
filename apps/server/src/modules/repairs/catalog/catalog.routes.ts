import {
  IdParamSchema,
  PortalServiceListSchema,
  ServiceCatalogCreateSchema,
  ServiceCatalogItemSchema,
  ServiceCatalogListQuerySchema,
  ServiceCatalogPageSchema,
  ServiceCatalogUpdateSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../../platform/etag.js';
import { authed, errors, withEtag } from '../../../platform/http.js';

export const serviceCatalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const catalog = app.services.serviceCatalog;

  app.get(
    '/service-catalog',
    {
      config: { permission: 'repairs:read' },
      schema: {
        tags: ['repairs'],
        operationId: 'listServiceCatalog',
        summary: 'Standard jobs ("canned jobs") with hours and price',
        querystring: ServiceCatalogListQuerySchema,
        response: { 200: ServiceCatalogPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => catalog.list(authed(request), request.query),
  );

  app.get(
    '/portal/services',
    {
      // a CUSTOMER login only (route access `customer`): staff read GET /service-catalog
      schema: {
        tags: ['repairs'],
        operationId: 'listPortalServices',
        summary:
          "The active catalog services the customer's portal offers for booking: name, category, standard hours, price",
        response: { 200: PortalServiceListSchema, ...errors(401, 403) },
      },
    },
    async (request) => catalog.portalList(authed(request)),
  );

  app.post(
    '/service-catalog',
    {
      config: { permission: 'repairs:update' },
      schema: {
        tags: ['repairs'],
        operationId: 'createServiceCatalogItem',
        summary: 'Add a standard job to the service catalog',
        body: ServiceCatalogCreateSchema,
        response: { 201: ServiceCatalogItemSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(withEtag(reply, await catalog.create(authed(request), request.body))),
  );

  app.get(
    '/service-catalog/:id',
    {
      config: { permission: 'repairs:read' },
      schema: {
        tags: ['repairs'],
        operationId: 'getServiceCatalogItem',
        summary: 'One standard job, with an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: ServiceCatalogItemSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await catalog.get(authed(request), request.params.id)),
  );

  app.patch(
    '/service-catalog/:id',
    {
      config: { permission: 'repairs:update' },
      schema: {
        tags: ['repairs'],
        operationId: 'updateServiceCatalogItem',
        summary: 'Change a standard job (If-Match)',
        params: IdParamSchema,
        body: ServiceCatalogUpdateSchema,
        response: { 200: ServiceCatalogItemSchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await catalog.update(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );
};
