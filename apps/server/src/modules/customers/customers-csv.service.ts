import type { ImportReport } from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { inTransaction } from '../../platform/tx.js';
import type { AssetsRepo } from './assets.repo.js';
import { assetColumns } from './assets.service.js';
import { type CsvRow, type PlannedCustomer, parseCsv, planImport, toCsv } from './customers.csv.js';
import type { CustomerFinder, CustomerListQuery } from './customers.listing.js';
import { type CustomerRecords, withUniqueDocument } from './customers.records.js';
import type { CustomersRepo } from './customers.repo.js';

const EXPORT_LIMIT = 100_000;

type Deps = {
  db: Database;
  pool: pg.Pool;
  repo: CustomersRepo;
  assets: AssetsRepo;
  cipher: Cipher;
  records: CustomerRecords;
  finder: CustomerFinder;
};

function csvLinesOf(
  customers: ReturnType<CustomerRecords['toCustomer']>[],
  owned: Map<string, Awaited<ReturnType<AssetsRepo['listByCustomers']>>>,
): CsvRow[] {
  const lines: CsvRow[] = [];
  for (const c of customers) {
    const address = c.addresses[0];
    const base: CsvRow = {
      name: c.name,
      kind: c.kind,
      document: c.document ?? '',
      document_type: c.documentType ?? '',
      email: c.email ?? '',
      phone: c.phone ?? '',
      street: address?.street ?? '',
      number: address?.number ?? '',
      complement: address?.complement ?? '',
      neighborhood: address?.neighborhood ?? '',
      city: address?.city ?? '',
      state: address?.state ?? '',
      postal_code: address?.postalCode ?? '',
      notes: c.notes ?? '',
    };
    const list = owned.get(c.id) ?? [];
    if (list.length === 0) lines.push(base);
    for (const a of list) {
      lines.push({
        ...base,
        asset_kind: a.kind,
        plate: a.plate ?? '',
        vin: a.vin ?? '',
        brand: a.brand ?? '',
        model: a.model ?? '',
        year: a.year ? String(a.year) : '',
        color: a.color ?? '',
        type: a.type ?? '',
        voltage: a.voltage ?? '',
        serial: a.serial ?? '',
      });
    }
  }
  return lines;
}

/** Spreadsheet export and import of customers with their assets (the same columns both ways). */
export function createCustomersCsvService(deps: Deps) {
  const { db, pool, repo, assets, cipher, records, finder } = deps;

  function readCsv(text: string) {
    try {
      return parseCsv(text);
    } catch (error) {
      // csv-parse quotes the offending value; keep only its code and line (values may be documents)
      const e = error as { code?: string; lines?: number };
      throw new AppError('VALIDATION', 'customers.import_unreadable', {
        reason: `${e.code ?? 'CSV_INVALID'}${e.lines ? ` (line ${e.lines})` : ''}`,
      });
    }
  }

  async function writeImport(ctx: AuthedContext, planned: PlannedCustomer[], report: ImportReport) {
    const organizationId = ctx.actor.organizationId;
    return inTransaction(pool, async ({ db: tx }) => {
      const created = await withUniqueDocument(() =>
        repo.insertMany(
          tx,
          planned.map((p) => records.insertColumns(p.customer, organizationId)),
        ),
      );
      const assetRows = await assets.insertMany(
        tx,
        planned.flatMap((p, i) =>
          p.assets.map(({ initialReading: _reading, ...a }) => ({
            ...assetColumns(a),
            kind: a.kind,
            organizationId,
            customerId: created[i]!.id,
          })),
        ),
      );
      await recordAudit(tx, ctx, {
        organizationId,
        action: 'customer.import',
        entity: 'customer',
        after: {
          rows: report.rows,
          customerIds: created.map((c) => c.id),
          assetIds: assetRows.map((a) => a.id),
        },
      });
      return { ...report, customersCreated: created.length, assetsCreated: assetRows.length };
    });
  }

  return {
    /** The filtered list as CSV, one row per asset (customers without assets get one row). */
    async exportCsv(ctx: AuthedContext, q: CustomerListQuery): Promise<{ csv: string; rows: number }> {
      assertCan(ctx, 'customers:import');
      const organizationId = ctx.actor.organizationId;
      const { rows } = await finder.listRows(organizationId, q, { limit: EXPORT_LIMIT, offset: 0 });
      const owned = await assets.listByCustomers(
        db,
        organizationId,
        rows.map((r) => r.id),
      );
      const byCustomer = new Map<string, typeof owned>();
      for (const a of owned) byCustomer.set(a.customerId, [...(byCustomer.get(a.customerId) ?? []), a]);
      const customers = rows.map((row) => records.toCustomer(row, { assetCount: 0, portalUserId: null }));
      const lines = csvLinesOf(customers, byCustomer);
      await recordAudit(db, ctx, {
        organizationId,
        action: 'customer.export',
        entity: 'customer',
        after: {
          customers: rows.length,
          rows: lines.length,
          filter: { ...q, page: undefined, pageSize: undefined },
        },
      });
      return { csv: toCsv(lines), rows: lines.length };
    },

    /**
     * CSV import. Every row is validated first; a dry run only reports. A real import writes all rows
     * in one transaction or, with any invalid row, nothing (422 with the same report).
     */
    async importCsv(ctx: AuthedContext, text: string, options: { dryRun: boolean }): Promise<ImportReport> {
      assertCan(ctx, 'customers:import');
      const parsed = readCsv(text);
      const { planned, invalid } = planImport(parsed, ctx.locale);
      const withDocument = planned.filter((p) => p.customer.document);
      const existing = await repo.existingDocumentHashes(
        db,
        ctx.actor.organizationId,
        withDocument.map((p) => cipher.lookupHash(p.customer.document!)),
      );
      for (const p of withDocument) {
        if (existing.has(cipher.lookupHash(p.customer.document!))) {
          invalid.push({
            line: p.line,
            field: 'document',
            reason: t(ctx.locale, 'customers.import_duplicate_existing'),
          });
        }
      }
      invalid.sort((a, b) => a.line - b.line);
      const report: ImportReport = {
        dryRun: options.dryRun,
        rows: parsed.rows.length,
        valid: parsed.rows.length - new Set(invalid.filter((i) => i.line > 1).map((i) => i.line)).size,
        invalid,
        customersCreated: 0,
        assetsCreated: 0,
      };
      if (invalid.length > 0 && !options.dryRun) {
        throw new AppError('UNPROCESSABLE', 'customers.import_invalid', { count: invalid.length }, report);
      }
      if (options.dryRun) return report;
      return writeImport(ctx, planned, report);
    },
  };
}
