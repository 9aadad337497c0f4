import {
  FromSuggestionsSchema,
  IdParamSchema,
  PurchaseOrderCreateSchema,
  PurchaseOrderListQuerySchema,
  PurchaseOrderPageSchema,
  PurchaseOrderSchema,
  PurchaseOrderUpdateSchema,
  ReceiptSchema,
  ReorderSuggestionListSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, fileResponse, withEtag } from '../../platform/http.js';
import { parseIdempotencyKey } from '../../platform/idempotency.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

export const purchaseOrdersRoutes: FastifyPluginAsyncZod = async (app) => {
  const orders = app.services.purchaseOrders;

  app.get(
    '/purchase-orders',
    {
      config: { permission: 'purchase-orders:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'listPurchaseOrders',
        summary: 'Purchase orders, newest first, by status, supplier or late',
        querystring: PurchaseOrderListQuerySchema,
        response: { 200: PurchaseOrderPageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => orders.list(authed(request), request.query),
  );

  app.get(
    '/purchase-orders/suggestions',
    {
      config: { permission: 'purchase-orders:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'listReorderSuggestions',
        summary:
          'Components below minimum grouped by supplier; quantity = max(2×min − stock − on order, min − stock)',
        response: { 200: ReorderSuggestionListSchema, ...errors(401, 403) },
      },
    },
    async (request) => orders.suggestions(authed(request)),
  );

  app.post(
    '/purchase-orders/from-suggestions',
    {
      config: { permission: 'purchase-orders:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'createPurchaseOrderFromSuggestions',
        summary: "A draft with a supplier's reorder suggestions",
        body: FromSuggestionsSchema,
        response: { 201: PurchaseOrderSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(withEtag(reply, await orders.fromSuggestions(authed(request), request.body.supplierId))),
  );

  app.post(
    '/purchase-orders',
    {
      config: { permission: 'purchase-orders:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'createPurchaseOrder',
        summary: 'Create a draft purchase order; a line may name the service order waiting for it',
        body: PurchaseOrderCreateSchema,
        response: { 201: PurchaseOrderSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const key = parseIdempotencyKey(request.headers['idempotency-key']);
      const { body, replayed } = await orders.create(authed(request), request.body, key);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(withEtag(reply, body));
    },
  );

  app.get(
    '/purchase-orders/:id',
    {
      config: { permission: 'purchase-orders:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'getPurchaseOrder',
        summary: 'One purchase order with its lines, with an ETag for If-Match',
        params: IdParamSchema,
        response: { 200: PurchaseOrderSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await orders.get(authed(request), request.params.id)),
  );

  app.patch(
    '/purchase-orders/:id',
    {
      config: { permission: 'purchase-orders:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'updatePurchaseOrder',
        summary: 'Change a draft (If-Match); `lines`, when given, replaces every line',
        params: IdParamSchema,
        body: PurchaseOrderUpdateSchema,
        response: { 200: PurchaseOrderSchema, ...errors(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await orders.update(
          authed(request),
          request.params.id,
          request.body,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );
  registerOrderActions(app);
};

/** Sending, printing, receiving and cancelling an order. */
function registerOrderActions(app: ZodApp) {
  const orders = app.services.purchaseOrders;

  app.post(
    '/purchase-orders/:id/send',
    {
      config: { permission: 'purchase-orders:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'sendPurchaseOrder',
        summary: 'draft → sent: e-mails the supplier the PDF (through SMTP, or kept in the outbox)',
        params: IdParamSchema,
        response: { 200: PurchaseOrderSchema, ...errors(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await orders.send(authed(request), request.params.id, parseIfMatch(request.headers['if-match'])),
      ),
  );

  app.get(
    '/purchase-orders/:id/pdf',
    {
      config: { permission: 'purchase-orders:read' },
      schema: {
        tags: ['inventory'],
        operationId: 'getPurchaseOrderPdf',
        summary: "The supplier's copy, as a PDF",
        params: IdParamSchema,
        response: {
          200: fileResponse('The purchase order PDF', 'application/pdf'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { pdf, number } = await orders.pdf(authed(request), request.params.id);
      return (
        reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="pedido-${number}.pdf"`)
          // a Buffer bypasses the JSON serializer; the schema above only documents the body
          .send(pdf as unknown as string)
      );
    },
  );

  app.post(
    '/purchase-orders/:id/receipts',
    {
      config: { permission: 'purchase-orders:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'receivePurchaseOrder',
        summary:
          'Goods in, possibly partial: each quantity becomes an IN movement and the cost is updated; more than ordered is 422',
        params: IdParamSchema,
        body: ReceiptSchema,
        response: { 200: PurchaseOrderSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      withEtag(reply, await orders.receive(authed(request), request.params.id, request.body)),
  );

  app.post(
    '/purchase-orders/:id/cancel',
    {
      config: { permission: 'purchase-orders:write' },
      schema: {
        tags: ['inventory'],
        operationId: 'cancelPurchaseOrder',
        summary: 'Cancel an order that is not fully received (received goods stay in stock)',
        params: IdParamSchema,
        response: { 200: PurchaseOrderSchema, ...errors(400, 401, 403, 404, 412, 422) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await orders.cancel(authed(request), request.params.id, parseIfMatch(request.headers['if-match'])),
      ),
  );
}
