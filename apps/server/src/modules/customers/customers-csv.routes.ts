import { CustomerListQuerySchema, ImportReportSchema } from '@bancada/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { authed, errors, fileResponse } from '../../platform/http.js';

/** A spreadsheet of a few tens of thousands of rows. */
const CSV_BODY_LIMIT = 10 * 1024 * 1024;

// the body is read as text by app.ts's CSV parser; the route checks it is a string (415 otherwise)
const CsvTextSchema = z
  .string()
  .max(CSV_BODY_LIMIT)
  .meta({ description: 'UTF-8 CSV: a header row, `,` or `;` separated' });

const ImportQuerySchema = z.object({
  /** true (default): only report; false: import everything or nothing */
  dryRun: z.enum(['true', 'false']).default('true'),
});

// staff only: a route-level permission keeps every CUSTOMER login out
export const customersCsvRoutes: FastifyPluginAsyncZod = async (app) => {
  const customers = app.services.customers;

  app.get(
    '/customers/export',
    {
      config: { permission: 'customers:import' },
      schema: {
        tags: ['customers'],
        operationId: 'exportCustomers',
        summary: 'The filtered customer list as CSV (UTF-8), one row per asset',
        querystring: CustomerListQuerySchema,
        response: {
          200: fileResponse('UTF-8 CSV with the same columns as the import', 'text/csv'),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { csv } = await customers.exportCsv(authed(request), request.query);
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="clientes-${date}.csv"`)
        .send(csv);
    },
  );

  app.post(
    '/customers/import',
    {
      bodyLimit: CSV_BODY_LIMIT,
      config: { permission: 'customers:import' },
      schema: {
        tags: ['customers'],
        operationId: 'importCustomers',
        summary:
          'Import customers and assets from CSV (text/csv; `,` or `;`). dryRun=true reports every invalid row; dryRun=false imports all rows or none (422 with the report)',
        documentedBody: { 'text/csv': CsvTextSchema, 'application/csv': CsvTextSchema },
        querystring: ImportQuerySchema,
        response: { 200: ImportReportSchema, ...errors(400, 401, 403, 409, 413, 422) },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string') {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'http.unsupported_media_type', {
          type: String(request.headers['content-type'] ?? ''),
        });
      }
      return customers.importCsv(authed(request), request.body, { dryRun: request.query.dryRun === 'true' });
    },
  );
};
