import { IdParamSchema } from '@bancada/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors, fileResponse } from '../../../platform/http.js';
import type { RepairDocument } from './documents.service.js';

const PdfResponse = fileResponse('The PDF document', 'application/pdf');

/** The request's language when it names one, else the organization's (the service decides). */
function requestedLocale(request: FastifyRequest) {
  return request.headers['accept-language'] ? request.ctx.locale : undefined;
}

function sendPdf(reply: FastifyReply, document: RepairDocument) {
  return (
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${document.fileName}"`)
      .header('cache-control', 'private, no-store')
      // a Buffer bypasses the JSON serializer; the schema only documents the body
      .send(document.pdf as unknown as string)
  );
}

export const repairDocumentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const documents = app.services.repairDocuments;

  app.get(
    '/repairs/:id/documents/intake.pdf',
    {
      // staff need repairs:read; a CUSTOMER their own orders' (the service checks both)
      schema: {
        tags: ['repairs'],
        operationId: 'getRepairIntakeReceipt',
        summary:
          'The intake (drop-off) receipt: customer, asset, reported problem, condition, accessories, signatures',
        params: IdParamSchema,
        response: { 200: PdfResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      sendPdf(reply, await documents.intake(authed(request), request.params.id, requestedLocale(request))),
  );

  app.get(
    '/repairs/:id/documents/report.pdf',
    {
      // staff need repairs:read; a CUSTOMER their own orders' (the service checks both)
      schema: {
        tags: ['repairs'],
        operationId: 'getRepairServiceReport',
        summary:
          'The service report of a finished or delivered order: lines, totals, time, checklist, approval, history, warranty',
        params: IdParamSchema,
        response: { 200: PdfResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      sendPdf(reply, await documents.report(authed(request), request.params.id, requestedLocale(request))),
  );
};
