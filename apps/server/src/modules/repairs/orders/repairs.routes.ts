import {
  IdParamSchema,
  RepairCreateSchema,
  RepairEventListSchema,
  RepairListQuerySchema,
  RepairOrCustomerViewSchema,
  RepairPageSchema,
  RepairSchema,
  RepairUpdateSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../../platform/etag.js';
import { authed, errors, withEtag } from '../../../platform/http.js';
import { parseIdempotencyKey } from '../../../platform/idempotency.js';

export const repairsRoutes: FastifyPluginAsyncZod = async (app) => {
  const repairs = app.services.repairs;

  app.post(
    '/repairs',
    {
      config: { permission: 'repairs:create', forbiddenMessage: 'repairs.create_forbidden' },
      schema: {
        tags: ['repairs'],
        operationId: 'createRepair',
        summary: "Create a service order (seed 004's contract); stock is reserved in the same transaction",
        description:
          'Totals are computed by the server (partsTotal = Σ quantity × component.price, laborValue = Σ appliance.laborValue + Σ service price, totalValue = partsTotal + laborValue − discount); values sent for them are ignored. The status always starts NAO_INICIADO. An Idempotency-Key header makes a retry return the first answer.',
        body: RepairCreateSchema,
        response: { 201: RepairSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const key = parseIdempotencyKey(request.headers['idempotency-key']);
      const { body, replayed } = await repairs.create(authed(request), request.body, key);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(withEtag(reply, body));
    },
  );

  app.get(
    '/repairs',
    {
      config: { permission: 'repairs:read' },
      schema: {
        tags: ['repairs'],
        operationId: 'listRepairs',
        summary: 'Service orders with filters (status, customer, asset, technician, period, text), paginated',
        querystring: RepairListQuerySchema,
        response: { 200: RepairPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => repairs.list(authed(request), request.query),
  );

  app.get(
    '/repairs/:id',
    {
      // staff need repairs:read; a CUSTOMER reads their own orders (the service checks both)
      schema: {
        tags: ['repairs'],
        operationId: 'getRepair',
        summary: 'One service order with its parts, services and totals, with an ETag for If-Match',
        description:
          'Staff (repairs:read) get the whole order (Repair). A CUSTOMER gets their own orders only, as CustomerRepair: without internal notes, priority, technicians, hours, checklist and the lines’ inventory and catalog ids; another customer’s order answers 404.',
        params: IdParamSchema,
        response: { 200: RepairOrCustomerViewSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await repairs.read(authed(request), request.params.id)),
  );

  app.patch(
    '/repairs/:id',
    {
      config: { permission: 'repairs:update' },
      schema: {
        tags: ['repairs'],
        operationId: 'updateRepair',
        summary:
          'Change an open order (If-Match); line arrays replace the lines and stock moves by the difference',
        params: IdParamSchema,
        body: RepairUpdateSchema,
        response: { 200: RepairSchema, ...errors(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await repairs.update(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );

  app.get(
    '/repairs/:id/events',
    {
      // staff need repairs:read; a CUSTOMER reads their own orders' timeline (the service checks both)
      schema: {
        tags: ['repairs'],
        operationId: 'listRepairEvents',
        summary: 'The order timeline: creation, status changes, assignments, estimates, photos, timers',
        description:
          'A CUSTOMER gets their own orders’ timeline only: creation, status changes and estimates, without notes or data.',
        params: IdParamSchema,
        response: { 200: RepairEventListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => repairs.events(authed(request), request.params.id),
  );
};
