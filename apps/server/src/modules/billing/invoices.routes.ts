import {
  CustomerFinancialSchema,
  IdParamSchema,
  InvoiceCancelSchema,
  InvoiceCreateSchema,
  InvoiceLinkSchema,
  InvoiceListQuerySchema,
  InvoicePageSchema,
  InvoicePixSchema,
  InvoiceSchema,
  InvoiceTokenParamSchema,
  PaymentCreateSchema,
  PaymentSchema,
  PublicInvoiceSchema,
  ReceivablesSchema,
  RefundCreateSchema,
  RefundSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseIfMatch } from '../../platform/etag.js';
import { authed, errors, fileResponse, withEtag } from '../../platform/http.js';
import { parseIdempotencyKey } from '../../platform/idempotency.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/** Invoices (issue 12 §1): by hand, from finished orders, lists, cancel, the customer's history. */
export const invoicesRoutes: FastifyPluginAsyncZod = async (app) => {
  const invoices = app.services.invoices;

  app.post(
    '/invoices',
    {
      config: { permission: 'invoices:write' },
      schema: {
        tags: ['billing'],
        operationId: 'createInvoice',
        summary: 'An invoice by hand: a counter sale (its parts leave stock) or a deposit invoice',
        description: 'Honours Idempotency-Key. The number is gapless per organization.',
        body: InvoiceCreateSchema,
        response: { 201: InvoiceSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const key = parseIdempotencyKey(request.headers['idempotency-key']);
      const { body, replayed } = await invoices.create(authed(request), request.body, key);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(withEtag(reply, body));
    },
  );

  app.get(
    '/invoices',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags: ['billing'],
        operationId: 'listInvoices',
        summary: 'Invoices, newest first, by status, customer, issue period, overdue or text',
        querystring: InvoiceListQuerySchema,
        response: { 200: InvoicePageSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => invoices.list(authed(request), request.query),
  );

  app.get(
    '/invoices/:id',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags: ['billing'],
        operationId: 'getInvoice',
        summary: 'One invoice with its lines, payments, refunds and fiscal documents',
        params: IdParamSchema,
        response: { 200: InvoiceSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await invoices.get(authed(request), request.params.id)),
  );

  app.post(
    '/invoices/:id/cancel',
    {
      config: { permission: 'invoices:cancel' },
      schema: {
        tags: ['billing'],
        operationId: 'cancelInvoice',
        summary: 'Cancel with a reason; refused while payments remain on it (refund them first)',
        params: IdParamSchema,
        body: InvoiceCancelSchema,
        response: { 200: InvoiceSchema, ...errors(400, 401, 403, 404, 409, 412, 422) },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await invoices.cancel(
          authed(request),
          request.params.id,
          request.body.reason,
          parseIfMatch(request.headers['if-match']),
        ),
      ),
  );

  app.get(
    '/repairs/:id/invoice',
    {
      // staff need invoices:read; a CUSTOMER their own invoices (the service checks both)
      schema: {
        tags: ['billing'],
        operationId: 'getRepairInvoice',
        summary: "The service order's invoice (issued when the order is finished)",
        params: IdParamSchema,
        response: { 200: InvoiceSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => withEtag(reply, await invoices.forRepair(authed(request), request.params.id)),
  );

  app.get(
    '/customers/:id/financial',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags: ['billing'],
        operationId: 'getCustomerFinancial',
        summary: "The customer's invoices, payments and balance",
        params: IdParamSchema,
        response: { 200: CustomerFinancialSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => invoices.financial(authed(request), request.params.id),
  );

  app.get(
    '/receivables',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags: ['billing'],
        operationId: 'getReceivables',
        summary: 'Open balances by aging bucket (current, 1–30, 31–60, 61–90, 90+ days) and the oldest first',
        response: { 200: ReceivablesSchema, ...errors(401, 403) },
      },
    },
    async (request) => invoices.receivables(authed(request)),
  );

  registerPayments(app);
  registerPix(app);
};

/** Payments, deposits and refunds (§2). */
function registerPayments(app: ZodApp) {
  const payments = app.services.payments;

  app.post(
    '/invoices/:id/payments',
    {
      config: { permission: 'payments:write' },
      schema: {
        tags: ['billing'],
        operationId: 'createPayment',
        summary: 'Take a payment on an invoice (partial or in full); more than the balance is a 422',
        description:
          'Methods CASH (with `tendered`, the change is computed), PIX, CREDIT_CARD (1–12 installments), DEBIT_CARD, BOLETO, TRANSFER; `reference` holds the card authorization code / NSU. Honours Idempotency-Key.',
        params: IdParamSchema,
        body: PaymentCreateSchema,
        response: { 201: InvoiceSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const key = parseIdempotencyKey(request.headers['idempotency-key']);
      const { body, replayed } = await payments.pay(authed(request), request.params.id, request.body, key);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(withEtag(reply, body));
    },
  );

  app.post(
    '/repairs/:id/deposits',
    {
      config: { permission: 'payments:write' },
      schema: {
        tags: ['billing'],
        operationId: 'createDeposit',
        summary: "A deposit (sinal) on a service order before it is invoiced; it joins the order's invoice",
        params: IdParamSchema,
        body: PaymentCreateSchema,
        response: { 201: PaymentSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const key = parseIdempotencyKey(request.headers['idempotency-key']);
      const { body, replayed } = await payments.deposit(
        authed(request),
        request.params.id,
        request.body,
        key,
      );
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(body);
    },
  );

  app.post(
    '/payments/:id/refund',
    {
      config: { permission: 'payments:refund' },
      schema: {
        tags: ['billing'],
        operationId: 'refundPayment',
        summary:
          'Refund all or part of a payment, with a reason (a provider Pix goes back through the provider)',
        params: IdParamSchema,
        body: RefundCreateSchema,
        response: { 201: RefundSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await payments.refund(authed(request), request.params.id, request.body)),
  );
}

/** Pix for the open balance, and the customer's no-login link (§3, §5). */
function registerPix(app: ZodApp) {
  const pix = app.services.pix;
  const links = app.services.invoiceLinks;

  app.get(
    '/invoices/:id/pix',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags: ['billing'],
        operationId: 'getInvoicePix',
        summary: 'The Pix BR Code for the open balance (dynamic when a provider is set up, else static)',
        params: IdParamSchema,
        response: { 200: InvoicePixSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => pix.forStaff(authed(request), request.params.id),
  );

  app.get(
    '/invoices/:id/pix.png',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags: ['billing'],
        operationId: 'getInvoicePixPng',
        summary: 'The same Pix QR code as a PNG image',
        params: IdParamSchema,
        response: { 200: fileResponse('QR code', 'image/png'), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'image/png')
        .header('cache-control', 'no-store')
        .send((await pix.pngForStaff(authed(request), request.params.id)) as unknown as string),
  );

  app.post(
    '/invoices/:id/link',
    {
      // staff need invoices:read; a CUSTOMER their own invoices (the service checks both)
      schema: {
        tags: ['billing'],
        operationId: 'createInvoiceLink',
        summary: 'A signed no-login link for the customer to see and pay the invoice (by Pix)',
        params: IdParamSchema,
        response: { 200: InvoiceLinkSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => links.linkFor(authed(request), request.params.id),
  );

  app.get(
    '/public/invoices/:token',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['billing'],
        operationId: 'getPublicInvoice',
        summary: 'The invoice as the customer sees it through the link (no login)',
        security: [],
        params: InvoiceTokenParamSchema,
        response: { 200: PublicInvoiceSchema, ...errors(400, 401, 404, 429) },
      },
    },
    async (request) => links.view(request.params.token),
  );

  app.get(
    '/public/invoices/:token/pix',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['billing'],
        operationId: 'getPublicInvoicePix',
        summary: "The Pix for the invoice's balance, through the customer's link",
        security: [],
        params: InvoiceTokenParamSchema,
        response: { 200: InvoicePixSchema, ...errors(400, 401, 404, 422, 429) },
      },
    },
    async (request) => links.pix(request.params.token),
  );

  app.get(
    '/public/invoices/:token/pix.png',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['billing'],
        operationId: 'getPublicInvoicePixPng',
        summary: 'The Pix QR code as a PNG, through the link',
        security: [],
        params: InvoiceTokenParamSchema,
        response: { 200: fileResponse('QR code', 'image/png'), ...errors(400, 401, 404, 422, 429) },
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'image/png')
        .header('cache-control', 'no-store')
        .send((await links.pixPng(request.params.token)) as unknown as string),
  );
}
