import {
  BillingExportParamsSchema,
  BillingExportQuerySchema,
  IdParamSchema,
  type Locale,
} from '@bancada/shared';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors, fileResponse } from '../../platform/http.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The request's language when it names one, else the organization's (the service decides). */
function requestedLocale(request: FastifyRequest): Locale | undefined {
  return request.headers['accept-language'] ? request.ctx.locale : undefined;
}

/** The invoice PDF and the accountant's exports (issue 12 §1, §5). */
export const billingDocumentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const documents = app.services.billingDocuments;

  app.get(
    '/invoices/:id/pdf',
    {
      // staff need invoices:read; a CUSTOMER their own invoices (the service checks both)
      schema: {
        tags: ['billing'],
        operationId: 'getInvoicePdf',
        summary:
          'The invoice as an A4 PDF: lines, totals, payments, refunds, balance, fiscal documents and, while something is due, the Pix QR code',
        description:
          'In the Accept-Language language when one is sent, else the organization’s. Without a Pix key or provider the PDF has no QR code.',
        params: IdParamSchema,
        response: { 200: fileResponse('The PDF document', 'application/pdf'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const document = await documents.pdf(authed(request), request.params.id, requestedLocale(request));
      return (
        reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${document.filename}"`)
          .header('cache-control', 'private, no-store')
          // a Buffer bypasses the JSON serializer; the schema only documents the body
          .send(document.pdf as unknown as string)
      );
    },
  );

  app.get(
    '/exports/:kind',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags: ['billing'],
        operationId: 'exportBilling',
        summary:
          "The accountant's export of invoices, payments, refunds or fiscal documents over a period, as CSV or XLSX",
        description:
          'Period: `from` and `to` (YYYY-MM-DD, both inclusive) on the shop’s calendar: invoices by issue date, payments by payment date, refunds and fiscal documents by the date they were recorded. CSV (UTF-8 with BOM): in pt-BR and es `;` separated with a decimal comma and DD/MM/YYYY dates, in en `,` separated with a decimal point and ISO dates; the language is Accept-Language’s, else the organization’s. XLSX: money as numbers in the currency’s format, dates as dates, a bold frozen header row.',
        params: BillingExportParamsSchema,
        querystring: BillingExportQuerySchema,
        response: {
          200: fileResponse('The export', 'text/csv', XLSX_TYPE),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const ctx = authed(request);
      const { kind } = request.params;
      const { from, to, format } = request.query;
      const locale = requestedLocale(request);
      const file =
        format === 'xlsx'
          ? await documents.exportXlsx(ctx, kind, { from, to }, locale)
          : await documents.exportCsv(ctx, kind, { from, to }, locale);
      return reply
        .header('content-type', format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(file.body as unknown as string);
    },
  );
};
