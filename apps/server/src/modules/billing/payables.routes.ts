import {
  CashFlowQuerySchema,
  CashFlowSchema,
  IdParamSchema,
  PayableCreateSchema,
  PayableListQuerySchema,
  PayablePageSchema,
  PayablePaySchema,
  PayableSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors } from '../../platform/http.js';

/** What the shop owes, and the cash flow ahead (issue 12 §2). */
export const payablesRoutes: FastifyPluginAsyncZod = async (app) => {
  const payables = app.services.payables;
  const tags = ['billing'];

  app.get(
    '/payables',
    {
      config: { permission: 'payables:manage' },
      schema: {
        tags,
        operationId: 'listPayables',
        summary: 'Supplier bills, the oldest due first, by status or supplier',
        querystring: PayableListQuerySchema,
        response: { 200: PayablePageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => payables.list(authed(request), request.query),
  );

  app.post(
    '/payables',
    {
      config: { permission: 'payables:manage' },
      schema: {
        tags,
        operationId: 'createPayable',
        summary: 'A bill typed in (naming a purchase order makes it that order’s one bill)',
        body: PayableCreateSchema,
        response: { 201: PayableSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await payables.create(authed(request), request.body)),
  );

  app.post(
    '/payables/from-purchase-order/:id',
    {
      config: { permission: 'payables:manage' },
      schema: {
        tags,
        operationId: 'createPayableFromPurchaseOrder',
        summary: 'A received purchase order becomes one bill: what arrived at cost, due in 30 days',
        params: IdParamSchema,
        response: { 201: PayableSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await payables.fromPurchaseOrder(authed(request), request.params.id)),
  );

  app.post(
    '/payables/:id/pay',
    {
      config: { permission: 'payables:manage' },
      schema: {
        tags,
        operationId: 'payPayable',
        summary: 'Mark a bill paid, once (a second payment is a 409)',
        params: IdParamSchema,
        body: PayablePaySchema,
        response: { 200: PayableSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => payables.pay(authed(request), request.params.id, request.body),
  );

  app.get(
    '/cash-flow',
    {
      config: { permission: 'payables:manage' },
      schema: {
        tags,
        operationId: 'getCashFlow',
        summary:
          'Open invoices and bills per week ahead (Monday first, the shop’s calendar) and what is overdue',
        description:
          'Each week sums the open balances and open bills due in it from today on; what fell due before today is in overdueReceivable / overduePayable.',
        querystring: CashFlowQuerySchema,
        response: { 200: CashFlowSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => payables.cashFlow(authed(request), request.query.weeks),
  );
};
