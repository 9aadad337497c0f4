import {
  ErrorBodySchema,
  FiscalDocumentCancelSchema,
  FiscalDocumentCreateSchema,
  FiscalDocumentSchema,
  IdParamSchema,
  NfseIssueSchema,
} from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authed, errors } from '../../platform/http.js';

// the provider could not be reached, refused the token or answered something unknown
const providerDown = { 503: ErrorBodySchema };

/** Fiscal documents of invoices (issue 12 §4): typed in by hand, or an NFS-e through Focus NFe. */
export const fiscalRoutes: FastifyPluginAsyncZod = async (app) => {
  const fiscal = app.services.fiscal;
  const tags = ['billing'];

  app.post(
    '/invoices/:id/fiscal-documents',
    {
      config: { permission: 'invoices:write' },
      schema: {
        tags,
        operationId: 'recordFiscalDocument',
        summary: 'Record a fiscal document issued elsewhere (NFS-e, NF-e, NFC-e), typed in: AUTHORIZED',
        params: IdParamSchema,
        body: FiscalDocumentCreateSchema,
        response: { 201: FiscalDocumentSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fiscal.record(authed(request), request.params.id, request.body)),
  );

  app.post(
    '/invoices/:id/nfse',
    {
      config: { permission: 'invoices:write' },
      schema: {
        tags,
        operationId: 'issueNfse',
        summary: "Issue an NFS-e for the invoice's service (labor) lines through the fiscal provider",
        description:
          'The document is recorded PROCESSING before the provider is called; AUTHORIZED only when the provider says so (refresh it). A refusal is a 422 and leaves it REJECTED; an unreachable provider is a 503 and leaves it PROCESSING. Without FOCUS_NFE_TOKEN: 422.',
        params: IdParamSchema,
        body: NfseIssueSchema,
        response: { 201: FiscalDocumentSchema, ...errors(400, 401, 403, 404, 409, 422), ...providerDown },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fiscal.issueNfse(authed(request), request.params.id, request.body)),
  );

  app.post(
    '/fiscal-documents/:id/refresh',
    {
      config: { permission: 'invoices:write' },
      schema: {
        tags,
        operationId: 'refreshFiscalDocument',
        summary: "Read the document's status from the fiscal provider again",
        params: IdParamSchema,
        response: { 200: FiscalDocumentSchema, ...errors(400, 401, 403, 404, 422), ...providerDown },
      },
    },
    async (request) => fiscal.refresh(authed(request), request.params.id),
  );

  app.post(
    '/fiscal-documents/:id/cancel',
    {
      config: { permission: 'invoices:cancel' },
      schema: {
        tags,
        operationId: 'cancelFiscalDocument',
        summary: 'Cancel an authorized document (15–255 characters of reason)',
        description:
          "A provider's document is cancelled through the provider; one typed in by hand is only marked cancelled.",
        params: IdParamSchema,
        body: FiscalDocumentCancelSchema,
        response: { 200: FiscalDocumentSchema, ...errors(400, 401, 403, 404, 409, 422), ...providerDown },
      },
    },
    async (request) => fiscal.cancel(authed(request), request.params.id, request.body.reason),
  );
};
