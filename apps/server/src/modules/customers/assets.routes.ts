import {
  AssetSchema,
  AssetTransferSchema,
  AssetUpdateSchema,
  IdParamSchema,
  ReadingCreateSchema,
  ReadingSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, fileResponse, withEtag } from '../../platform/http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// object-level rules (a CUSTOMER reaches only their own assets) live in the service; for a CUSTOMER
// they are asked before the body is validated too, so another customer's asset answers 404 whatever
// the body (authorization before validation, issue 13 §7)
export const assetsRoutes: FastifyPluginAsyncZod = async (app) => {
  const assets = app.services.assets;
  app.addHook('preValidation', async (request) => {
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (request.ctx.actor?.role !== 'CUSTOMER' || typeof id !== 'string' || !UUID.test(id)) return;
    if (request.routeOptions.url?.startsWith('/api/assets/:id'))
      await assets.assertCustomerReaches(authed(request), id);
  });

  app.get(
    '/assets/:id',
    {
      schema: {
        tags: ['assets'],
        operationId: 'getAsset',
        summary: 'One asset, with an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: AssetSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await assets.get(authed(request), request.params.id)),
  );

  app.patch(
    '/assets/:id',
    {
      schema: {
        tags: ['assets'],
        operationId: 'updateAsset',
        summary: 'Change an asset (If-Match)',
        params: IdParamSchema,
        body: AssetUpdateSchema,
        response: { 200: AssetSchema, ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      return withEtag(reply, await assets.update(authed(request), request.params.id, request.body, ifMatch));
    },
  );

  app.delete(
    '/assets/:id',
    {
      config: { permission: 'customers:delete' },
      schema: {
        tags: ['assets'],
        operationId: 'deleteAsset',
        summary: 'Soft-delete an asset (If-Match optional); its history is kept',
        params: IdParamSchema,
        response: { 204: z.null().meta({ description: 'deleted' }), ...errors(400, 401, 403, 404, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      await assets.remove(authed(request), request.params.id, ifMatch);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/assets/:id/readings',
    {
      schema: {
        tags: ['assets'],
        operationId: 'listAssetReadings',
        summary: 'Odometer or hour-meter readings, newest first',
        params: IdParamSchema,
        response: { 200: z.array(ReadingSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => assets.listReadings(authed(request), request.params.id),
  );

  app.post(
    '/assets/:id/readings',
    {
      config: { permission: 'assets:write' },
      schema: {
        tags: ['assets'],
        operationId: 'addAssetReading',
        summary:
          'Record an odometer (vehicle) or hour-meter (machine) reading; a lower value than the last needs correction: true and a reason (audited)',
        params: IdParamSchema,
        body: ReadingCreateSchema,
        response: { 201: ReadingSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await assets.addReading(authed(request), request.params.id, request.body)),
  );

  app.post(
    '/assets/:id/transfer',
    {
      config: { permission: 'assets:write' },
      schema: {
        tags: ['assets'],
        operationId: 'transferAsset',
        summary: 'Move an asset to another customer; its history goes with it',
        params: IdParamSchema,
        body: AssetTransferSchema,
        response: { 200: AssetSchema, ...errors(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request, reply) =>
      withEtag(reply, await assets.transfer(authed(request), request.params.id, request.body)),
  );

  app.get(
    '/assets/:id/label',
    {
      config: { permission: 'assets:read' },
      schema: {
        tags: ['assets'],
        operationId: 'getAssetLabel',
        summary: 'A PNG QR code that opens the asset page, for a printed label',
        params: IdParamSchema,
        response: {
          200: fileResponse('The QR code label', 'image/png'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const png = await assets.label(authed(request), request.params.id);
      return (
        reply
          .header('content-type', 'image/png')
          .header('cache-control', 'private, max-age=300')
          // a Buffer bypasses the JSON serializer; the schema above only documents the body
          .send(png as unknown as string)
      );
    },
  );
};
