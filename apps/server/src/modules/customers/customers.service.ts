import {
  AssetCreateSchema,
  CONSENT_CHANNELS,
  type ConsentChannel,
  type ConsentEvent,
  type Customer,
  type CustomerCreate,
  CustomerCreateSchema,
  type CustomerListQuery,
  CustomerListQuerySchema,
  type CustomerUpdate,
  CustomerUpdateSchema,
  cnpjRoot,
  type DocumentType,
  formatDocument,
  type ImportReport,
  type Page,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import type { ConsentMap, customers } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan, type RequestContext } from '../../platform/context.js';
import type { Cipher } from '../../platform/crypto.js';
import { AppError, conflict, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { type MessageKey, t } from '../../platform/i18n.js';
import { buildSearchTerms, wantsFuzzy } from '../../platform/search-terms.js';
import { inTransaction } from '../../platform/tx.js';
import { issuesToDetails } from '../../platform/validation.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { AssetsRepo } from './assets.repo.js';
import { assetColumns } from './assets.service.js';
import { assertInScope, customerScope } from './customers.access.js';
import {
  ASSET_COLUMNS,
  applianceTypeOf,
  CSV_COLUMNS,
  type CsvRow,
  CUSTOMER_COLUMNS,
  customerKindOf,
  parseCsv,
  toCsv,
  voltageOf,
} from './customers.csv.js';
import type { CustomerFilter, CustomerRow, CustomersRepo } from './customers.repo.js';

/** Version of the marketing-consent text shown to customers (LGPD ledger evidence). */
export const CONSENT_TEXT_VERSION = '2026-01';
const SEARCH_LIMIT = 1000;
const EXPORT_LIMIT = 100_000;

type Extras = { assetCount: number; portalUserId: string | null };
type ConsentInput = Partial<Record<ConsentChannel, boolean>> & { source?: string };

/** The document for logs and audit: its mask, with only the last characters readable (***.***.247-25). */
export function maskDocument(type: DocumentType, normalized: string): string {
  const chars = [...formatDocument(type, normalized)];
  const keep = Math.min(5, Math.floor(normalized.length / 2));
  let seen = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    if (/[0-9A-Z]/i.test(chars[i]!) && ++seen > keep) chars[i] = '*';
  }
  return chars.join('');
}

function consentsOf(stored: Partial<ConsentMap>): Customer['consents'] {
  const empty = { granted: false, at: null, source: null };
  return { email: stored.email ?? empty, sms: stored.sms ?? empty, whatsapp: stored.whatsapp ?? empty };
}

export function createCustomersService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: CustomersRepo;
  assets: AssetsRepo;
  users: UsersRepo;
  cipher: Cipher;
}) {
  const { db, pool, repo, assets, users, cipher } = deps;

  function toCustomer(row: CustomerRow, extras: Extras): Customer {
    const type = row.documentType as DocumentType | null;
    const document = row.documentCiphertext ? cipher.decrypt(row.documentCiphertext) : null;
    return {
      id: row.id,
      kind: row.kind as Customer['kind'],
      name: row.name,
      tradeName: row.tradeName,
      document,
      documentType: document ? type : null,
      documentFormatted: document && type ? formatDocument(type, document) : null,
      email: row.email,
      phone: row.phone,
      phones: row.phones as Customer['phones'],
      addresses: row.addresses as Customer['addresses'],
      notes: row.notes,
      preferences: row.preferences as Customer['preferences'],
      birthDate: row.birthDate,
      consents: consentsOf(row.consents),
      portalUserId: extras.portalUserId,
      assetCount: extras.assetCount,
      lastVisitAt: row.lastVisitAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      version: row.version,
    };
  }

  /** Audit rows never hold a document in clear (ARCHITECTURE §4). */
  function forAudit(customer: Customer) {
    const masked =
      customer.document && customer.documentType
        ? maskDocument(customer.documentType, customer.document)
        : null;
    return { ...customer, document: masked, documentFormatted: masked };
  }

  async function present(rows: CustomerRow[], organizationId: string, executor: Database = db) {
    const ids = rows.map((r) => r.id);
    const [counts, portal] = await Promise.all([
      assets.countByCustomers(executor, organizationId, ids),
      users.portalUsersByCustomer(executor, organizationId, ids),
    ]);
    return rows.map((r) =>
      toCustomer(r, { assetCount: counts.get(r.id) ?? 0, portalUserId: portal.get(r.id) ?? null }),
    );
  }

  function documentColumns(document: string | null | undefined, type: DocumentType | null | undefined) {
    if (!document || !type) {
      return { documentType: null, documentCiphertext: null, documentHash: null, documentRootHash: null };
    }
    return {
      documentType: type,
      documentCiphertext: cipher.encrypt(document),
      documentHash: cipher.lookupHash(document),
      // the root identifies a company across its branches: keep it searchable
      documentRootHash: type === 'CNPJ' ? cipher.lookupHash(cnpjRoot(document)) : null,
    };
  }

  /** New consent state and the ledger rows for what changed (LGPD: time, source, text version, evidence). */
  function applyConsents(
    ctx: RequestContext,
    organizationId: string,
    current: Partial<ConsentMap>,
    input: ConsentInput | undefined,
  ) {
    const state: Partial<ConsentMap> = { ...current };
    const changes: Omit<NonNullable<Parameters<CustomersRepo['insertConsents']>[1][number]>, 'customerId'>[] =
      [];
    if (!input) return { state, changes };
    const at = new Date();
    const source = input.source ?? 'counter';
    for (const channel of CONSENT_CHANNELS) {
      const granted = input[channel];
      if (granted === undefined) continue;
      // only a change is evidence: a first "no" revokes nothing
      if ((current[channel]?.granted ?? false) === granted) continue;
      state[channel] = { granted, at: at.toISOString(), source };
      changes.push({
        organizationId,
        channel,
        granted,
        source,
        textVersion: CONSENT_TEXT_VERSION,
        actorId: ctx.actor?.userId ?? null,
        actorName: ctx.actor?.name ?? null,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        at,
      });
    }
    return { state, changes };
  }

  const documentTaken = () => conflict('customers.document_taken', { document: 'customers.document_taken' });

  async function rankedCustomerIds(organizationId: string, q: string): Promise<Map<string, number>> {
    const terms = buildSearchTerms(q, cipher);
    const run = (fuzzy: boolean) =>
      Promise.all([
        repo.match(db, organizationId, terms, SEARCH_LIMIT, { fuzzy }),
        assets.match(db, organizationId, terms, SEARCH_LIMIT, { fuzzy }),
      ]);
    let [byCustomer, byAsset] = await run(false);
    if (wantsFuzzy(terms, byCustomer.total + byAsset.total)) [byCustomer, byAsset] = await run(true);
    const ranked = new Map<string, number>();
    for (const hit of [...byCustomer.rows, ...byAsset.rows.map((a) => ({ ...a, id: a.customerId }))]) {
      ranked.set(hit.id, Math.max(ranked.get(hit.id) ?? 0, hit.score));
    }
    return ranked;
  }

  function filterOf(organizationId: string, q: z.output<typeof CustomerListQuerySchema>): CustomerFilter {
    return {
      sort: q.sort,
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.city ? { city: q.city } : {}),
      ...(q.consent ? { consent: q.consent } : {}),
      ...(q.hasAssetKind ? { idIn: assets.customerIdsWithKind(organizationId, q.hasAssetKind) } : {}),
    };
  }

  async function listRows(
    organizationId: string,
    q: z.output<typeof CustomerListQuerySchema>,
    page: { limit: number; offset: number },
  ): Promise<{ rows: CustomerRow[]; total: number }> {
    const filter = filterOf(organizationId, q);
    if (!q.q) return repo.list(db, organizationId, filter, page);
    // with a search, the order is relevance (the same ranking as /api/search)
    const ranked = await rankedCustomerIds(organizationId, q.q);
    const { rows } = await repo.list(
      db,
      organizationId,
      { ...filter, ids: [...ranked.keys()] },
      { limit: SEARCH_LIMIT, offset: 0 },
    );
    rows.sort((a, b) => (ranked.get(b.id) ?? 0) - (ranked.get(a.id) ?? 0) || a.name.localeCompare(b.name));
    return { rows: rows.slice(page.offset, page.offset + page.limit), total: rows.length };
  }

  async function load(tx: Database, ctx: AuthedContext, id: string, forUpdate = false): Promise<CustomerRow> {
    const row = await repo.findById(tx, ctx.actor.organizationId, id, { forUpdate });
    if (!row) throw notFound('customers.not_found');
    return row;
  }

  /** Validates one CSV row into a customer and an optional asset; issues name the CSV column. */
  function validateRow(values: CsvRow, line: number, locale: RequestContext['locale']) {
    const issues: ImportReport['invalid'] = [];
    const v = (c: keyof CsvRow) => (values[c] && values[c] !== '' ? values[c] : undefined);
    const hasAddress = [
      'street',
      'number',
      'complement',
      'neighborhood',
      'city',
      'state',
      'postal_code',
    ].some((c) => v(c as keyof CsvRow));
    const customer = CustomerCreateSchema.safeParse({
      name: values.name ?? '',
      kind: customerKindOf(v('kind')),
      document: v('document'),
      documentType: v('document_type')?.toUpperCase(),
      email: v('email'),
      phone: v('phone'),
      notes: v('notes'),
      addresses: hasAddress
        ? [
            {
              street: v('street'),
              number: v('number'),
              complement: v('complement'),
              neighborhood: v('neighborhood'),
              city: v('city'),
              state: v('state'),
              postalCode: v('postal_code'),
            },
          ]
        : [],
    });
    if (!customer.success) {
      const issuesFound = [...customer.error.issues];
      // the shared schema checks the document only once the other fields pass: check it on its own too
      if (v('document') && !issuesFound.some((i) => i.path[0] === 'document')) {
        const alone = CustomerCreateSchema.safeParse({
          name: 'x',
          kind: customerKindOf(v('kind')),
          document: v('document'),
          documentType: v('document_type')?.toUpperCase(),
        });
        if (!alone.success) issuesFound.push(...alone.error.issues.filter((i) => i.path[0] === 'document'));
      }
      for (const [path, reason] of Object.entries(issuesToDetails(issuesFound, locale))) {
        const field = path.startsWith('addresses.0.')
          ? path.slice(12).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
          : path === 'documentType'
            ? 'document_type'
            : path;
        issues.push({ line, field, reason });
      }
    }
    const hasAsset = ASSET_COLUMNS.some((c) => v(c));
    let asset: z.output<typeof AssetCreateSchema> | null = null;
    if (hasAsset) {
      const year = v('year');
      if (year !== undefined && !/^\d{4}$/.test(year)) {
        issues.push({ line, field: 'year', reason: t(locale, 'customers.import_year') });
      }
      if (!v('asset_kind')) {
        issues.push({ line, field: 'asset_kind', reason: t(locale, 'customers.import_asset_kind') });
      } else {
        const parsed = AssetCreateSchema.safeParse({
          kind: v('asset_kind')?.toLowerCase(),
          plate: v('plate'),
          vin: v('vin'),
          brand: v('brand'),
          model: v('model'),
          year: year && /^\d{4}$/.test(year) ? Number(year) : undefined,
          color: v('color'),
          type: applianceTypeOf(v('type')),
          voltage: voltageOf(v('voltage')),
          serial: v('serial'),
        });
        if (parsed.success) asset = parsed.data;
        else {
          for (const [path, reason] of Object.entries(issuesToDetails(parsed.error.issues, locale))) {
            issues.push({ line, field: path === 'kind' ? 'asset_kind' : path, reason });
          }
        }
      }
    }
    return { customer: customer.success ? customer.data : null, asset, issues };
  }

  return {
    /** For a module below this one (a portal login's customer), through the composition root. */
    async exists(executor: Database, organizationId: string, id: string): Promise<boolean> {
      return Boolean(await repo.findById(executor, organizationId, id));
    },
    async list(ctx: AuthedContext, query: CustomerListQuery): Promise<Page<Customer>> {
      assertCan(ctx, 'customers:read');
      const q = CustomerListQuerySchema.parse(query);
      const { rows, total } = await listRows(ctx.actor.organizationId, q, {
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        items: await present(rows, ctx.actor.organizationId),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async get(ctx: AuthedContext, id: string): Promise<Customer> {
      const scope = customerScope(ctx, 'customers:read');
      assertInScope(scope, id, 'customers.not_found');
      const [customer] = await present([await load(db, ctx, id)], ctx.actor.organizationId);
      // staff notes are internal; the customer sees the rest of their record
      return scope.all ? customer! : { ...customer!, notes: null };
    },

    async create(ctx: AuthedContext, input: CustomerCreate): Promise<Customer> {
      assertCan(ctx, 'customers:write');
      const { consents, document, documentType, ...data } = CustomerCreateSchema.parse(input);
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async ({ db: tx }) => {
        const { state, changes } = applyConsents(ctx, organizationId, {}, consents);
        let row: CustomerRow;
        try {
          row = await repo.insert(tx, {
            ...data,
            tradeName: data.tradeName ?? null,
            email: data.email ?? null,
            phone: data.phone ?? null,
            notes: data.notes ?? null,
            birthDate: data.birthDate ?? null,
            organizationId,
            ...documentColumns(document, documentType),
            consents: state,
          });
        } catch (error) {
          if (isUniqueViolation(error, 'customers_org_document_uq')) throw documentTaken();
          throw error;
        }
        await repo.insertConsents(
          tx,
          changes.map((c) => ({ ...c, customerId: row.id })),
        );
        const customer = toCustomer(row, { assetCount: 0, portalUserId: null });
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'customer.create',
          entity: 'customer',
          entityId: row.id,
          after: forAudit(customer),
        });
        return customer;
      });
    },

    async update(ctx: AuthedContext, id: string, input: CustomerUpdate, ifMatch?: number): Promise<Customer> {
      const scope = customerScope(ctx, 'customers:write');
      assertInScope(scope, id, 'customers.not_found');
      const patch = CustomerUpdateSchema.parse(input);
      if (!scope.all) {
        // a customer edits their contact data and consents, not what the shop keeps about them
        const staffOnly = ['kind', 'document', 'documentType', 'notes'] as const;
        if (staffOnly.some((field) => patch[field] !== undefined)) throw forbidden();
        if (patch.consents) patch.consents.source = 'portal';
      }
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async ({ db: tx }) => {
        const current = await load(tx, ctx, id, true);
        assertVersion(ifMatch, current.version);
        const { consents, document, documentType, ...fields } = patch;
        const values: Partial<typeof customers.$inferInsert> = Object.fromEntries(
          Object.entries(fields).filter(([, v]) => v !== undefined),
        );
        if (document !== undefined) Object.assign(values, documentColumns(document, documentType));
        const { state, changes } = applyConsents(ctx, organizationId, current.consents, consents);
        if (changes.length > 0) values.consents = state;
        let updated: CustomerRow | undefined;
        try {
          updated = await repo.update(tx, organizationId, id, current.version, values);
        } catch (error) {
          if (isUniqueViolation(error, 'customers_org_document_uq')) throw documentTaken();
          throw error;
        }
        if (!updated) assertVersion(current.version, current.version + 1);
        await repo.insertConsents(
          tx,
          changes.map((c) => ({ ...c, customerId: id })),
        );
        const [before, after] = await present([current, updated!], organizationId, tx);
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'customer.update',
          entity: 'customer',
          entityId: id,
          before: forAudit(before!),
          after: forAudit(after!),
        });
        return scope.all ? after! : { ...after!, notes: null };
      });
    },

    /** Soft delete: the record and its assets leave every list and search; history rows stay. */
    async remove(ctx: AuthedContext, id: string, ifMatch?: number): Promise<void> {
      assertCan(ctx, 'customers:delete');
      const organizationId = ctx.actor.organizationId;
      await inTransaction(pool, async ({ db: tx }) => {
        const current = await load(tx, ctx, id, true);
        assertVersion(ifMatch, current.version);
        const [before] = await present([current], organizationId, tx);
        const deleted = await repo.update(tx, organizationId, id, current.version, { deletedAt: new Date() });
        if (!deleted) assertVersion(current.version, current.version + 1);
        const assetIds = await assets.softDeleteByCustomer(tx, organizationId, id);
        await recordAudit(tx, ctx, {
          organizationId,
          action: 'customer.delete',
          entity: 'customer',
          entityId: id,
          before: forAudit(before!),
          after: { deletedAssetIds: assetIds },
        });
      });
    },

    async consents(ctx: AuthedContext, id: string): Promise<ConsentEvent[]> {
      const scope = customerScope(ctx, 'customers:read');
      assertInScope(scope, id, 'customers.not_found');
      await load(db, ctx, id);
      const rows = await repo.listConsents(db, ctx.actor.organizationId, id);
      return rows.map((r) => ({
        id: r.id,
        channel: r.channel as ConsentChannel,
        granted: r.granted,
        source: r.source,
        textVersion: r.textVersion,
        actorName: r.actorName,
        ip: r.ip,
        at: r.at.toISOString(),
      }));
    },

    /** The filtered list as CSV, one row per asset (customers without assets get one row). */
    async exportCsv(ctx: AuthedContext, query: CustomerListQuery): Promise<{ csv: string; rows: number }> {
      assertCan(ctx, 'customers:import');
      const organizationId = ctx.actor.organizationId;
      const q = CustomerListQuerySchema.parse(query);
      const { rows } = await listRows(organizationId, q, { limit: EXPORT_LIMIT, offset: 0 });
      const owned = await assets.listByCustomers(
        db,
        organizationId,
        rows.map((r) => r.id),
      );
      const byCustomer = new Map<string, typeof owned>();
      for (const a of owned) byCustomer.set(a.customerId, [...(byCustomer.get(a.customerId) ?? []), a]);
      const lines: CsvRow[] = [];
      for (const row of rows) {
        const c = toCustomer(row, { assetCount: 0, portalUserId: null });
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
        const list = byCustomer.get(row.id) ?? [];
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
      const { locale } = ctx;
      const organizationId = ctx.actor.organizationId;
      let parsed: ReturnType<typeof parseCsv>;
      try {
        parsed = parseCsv(text);
      } catch (error) {
        // csv-parse quotes the offending value; keep only its code and line (values may be documents)
        const e = error as { code?: string; lines?: number };
        throw new AppError('VALIDATION', 'customers.import_unreadable', {
          reason: `${e.code ?? 'CSV_INVALID'}${e.lines ? ` (line ${e.lines})` : ''}`,
        });
      }
      const invalid: ImportReport['invalid'] = [];
      const issue = (
        line: number,
        field: string,
        key: MessageKey,
        params: Record<string, string | number> = {},
      ) => invalid.push({ line, field, reason: t(locale, key, params) });
      if (!parsed.header.includes('name'))
        issue(1, 'name', 'customers.import_missing_column', { column: 'name' });
      for (const column of parsed.header) {
        if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
          issue(1, column, 'customers.import_unknown_column', { column });
        }
      }
      if (parsed.rows.length === 0) issue(1, '_', 'customers.import_empty');

      type Planned = {
        line: number;
        customer: z.output<typeof CustomerCreateSchema>;
        assets: z.output<typeof AssetCreateSchema>[];
      };
      const planned: Planned[] = [];
      const documentLines = new Map<string, number>();
      let previousKey: string | null = null;
      for (const { line, values } of parsed.rows) {
        const { customer, asset, issues } = validateRow(values, line, locale);
        const key = JSON.stringify(CUSTOMER_COLUMNS.map((c) => values[c] ?? ''));
        const last = planned.at(-1);
        // a row repeating the previous row's customer columns adds another asset to that customer
        const continuation = previousKey === key && asset !== null && last !== undefined;
        previousKey = key;
        if (issues.length > 0 || !customer) {
          invalid.push(...issues);
          continue;
        }
        if (continuation) {
          last.assets.push(asset);
          continue;
        }
        if (customer.document) {
          const seen = documentLines.get(customer.document);
          if (seen !== undefined) {
            issue(line, 'document', 'customers.import_duplicate_in_file', { line: seen });
            continue;
          }
          documentLines.set(customer.document, line);
        }
        planned.push({ line, customer, assets: asset ? [asset] : [] });
      }
      const withDocument = planned.filter((p) => p.customer.document);
      const existing = await repo.existingDocumentHashes(
        db,
        organizationId,
        withDocument.map((p) => cipher.lookupHash(p.customer.document!)),
      );
      for (const p of withDocument) {
        if (existing.has(cipher.lookupHash(p.customer.document!))) {
          issue(p.line, 'document', 'customers.import_duplicate_existing');
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

      return inTransaction(pool, async ({ db: tx }) => {
        let created: CustomerRow[];
        try {
          created = await repo.insertMany(
            tx,
            planned.map(({ customer: { consents: _consents, document, documentType, ...data } }) => ({
              ...data,
              organizationId,
              tradeName: data.tradeName ?? null,
              email: data.email ?? null,
              phone: data.phone ?? null,
              notes: data.notes ?? null,
              birthDate: data.birthDate ?? null,
              ...documentColumns(document, documentType),
            })),
          );
        } catch (error) {
          if (isUniqueViolation(error, 'customers_org_document_uq')) throw documentTaken();
          throw error;
        }
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
    },

    /** For the demo-data command: is the organization still empty? */
    async count(organizationId: string): Promise<number> {
      return repo.count(db, organizationId);
    },
  };
}
export type CustomersService = ReturnType<typeof createCustomersService>;
