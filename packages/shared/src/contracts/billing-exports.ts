import { z } from 'zod';

/**
 * The accountant's exports (issue 12 §5): one kind of record per file, over a period of the shop's
 * calendar. Invoices by issue date, payments by payment date, refunds and fiscal documents by the
 * date they were recorded.
 */
export const BILLING_EXPORT_KINDS = ['invoices', 'payments', 'refunds', 'fiscal-documents'] as const;
export type BillingExportKind = (typeof BILLING_EXPORT_KINDS)[number];
/** csv: `;` and decimal comma in pt-BR and es (Excel in Brazil), `,` and `.` in en; xlsx: typed cells */
export const BILLING_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type BillingExportFormat = (typeof BILLING_EXPORT_FORMATS)[number];

// a missing date keeps the shared "Campo obrigatório"; a malformed one says how to write it
const ExportDateSchema = z.iso.date({
  error: (issue) => (issue.input === undefined ? undefined : 'validation.date'),
});

export const BillingExportParamsSchema = z.object({ kind: z.enum(BILLING_EXPORT_KINDS) });
export type BillingExportParams = z.infer<typeof BillingExportParamsSchema>;

export const BillingExportQuerySchema = z
  .object({
    /** first day, YYYY-MM-DD in the shop's time zone (inclusive) */
    from: ExportDateSchema,
    /** last day, YYYY-MM-DD in the shop's time zone (inclusive) */
    to: ExportDateSchema,
    format: z.enum(BILLING_EXPORT_FORMATS).default('csv'),
  })
  .refine((q) => q.from <= q.to, { message: 'validation.time_range', path: ['to'] });
export type BillingExportQuery = z.input<typeof BillingExportQuerySchema>;
export type BillingExportQueryParsed = z.output<typeof BillingExportQuerySchema>;

/** The period of an export, as the service takes it. */
export type BillingExportPeriod = { from: string; to: string };
