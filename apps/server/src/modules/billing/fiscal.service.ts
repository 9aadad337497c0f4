import {
  type FiscalDocument,
  type FiscalDocumentCreateSchema,
  type FiscalDocumentStatus,
  fromCents,
  type Locale,
  type NfseIssueParsed,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { inTransaction } from '../../platform/tx.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import {
  type FiscalAddress,
  type FiscalDocumentResult,
  type FiscalProvider,
  FiscalProviderError,
  type ServiceInvoiceInput,
} from './fiscal/fiscal-provider.js';
import type { FiscalDocumentRow, FiscalRepo } from './fiscal.repo.js';
import { toFiscalDocument } from './invoice-view.js';
import type { InvoiceRow, InvoicesRepo } from './invoices.repo.js';

type FiscalDocumentCreateParsed = z.output<typeof FiscalDocumentCreateSchema>;

export type FiscalDeps = {
  db: Database;
  pool: pg.Pool;
  repo: FiscalRepo;
  invoices: Pick<InvoicesRepo, 'find' | 'lock' | 'lines'>;
  customers: Pick<CustomersService, 'fiscalTakerOf'>;
  organization: Pick<OrganizationService, 'profile'>;
  /** absent without FOCUS_NFE_TOKEN: documents are then recorded by hand only */
  provider: FiscalProvider | undefined;
  /** the provider's environment and request timeout, for messages and the not-found grace below */
  environment: string;
  timeoutMs: number;
  now?: () => Date;
};

// Provider failures that are not a refusal: the provider (or the way to it) is at fault, not the request.
// 503 until ERROR_CODES has a 502 (Bad Gateway) code.
const PROVIDER_DOWN = 'SERVICE_UNAVAILABLE' as const;
const DESCRIPTION_MAX = 2000;

const STATUS_LABELS: Record<FiscalDocumentStatus, Record<Locale, string>> = {
  PROCESSING: { 'pt-BR': 'em processamento', es: 'en proceso', en: 'processing' },
  AUTHORIZED: { 'pt-BR': 'autorizada', es: 'autorizada', en: 'authorized' },
  REJECTED: { 'pt-BR': 'rejeitada', es: 'rechazada', en: 'rejected' },
  CANCELLED: { 'pt-BR': 'cancelada', es: 'anulada', en: 'cancelled' },
};
const statusLabel = (status: string, locale: Locale) =>
  STATUS_LABELS[status as FiscalDocumentStatus]?.[locale] ?? status;

/** Where a document may go from where it is: nothing leaves a final state, nothing goes back to PROCESSING. */
function canMove(from: string, to: FiscalDocumentStatus): boolean {
  if (from === 'PROCESSING') return true;
  if (from === 'AUTHORIZED') return to === 'AUTHORIZED' || to === 'CANCELLED';
  return from === to;
}

/** The provider's own words when it gave any, else the adapter's explanation. */
const causeOf = (error: FiscalProviderError) => error.providerMessages.join('; ') || error.message;

/** A provider failure in seed 004's body: a refusal is the request's (422), the rest the provider's. */
function providerFailure(
  error: FiscalProviderError,
  environment: string,
  extra: Record<string, unknown> = {},
): AppError {
  const details = {
    ...extra,
    kind: error.kind,
    providerMessages: error.providerMessages,
    ...(error.providerCode ? { providerCode: error.providerCode } : {}),
    hint: error.message,
  };
  switch (error.kind) {
    case 'rejected':
      return new AppError('UNPROCESSABLE', 'fiscal.provider_rejected', { cause: causeOf(error) }, details);
    case 'auth':
      return new AppError(PROVIDER_DOWN, 'fiscal.provider_auth', { environment }, details);
    case 'unreachable':
    case 'timeout':
      return new AppError(PROVIDER_DOWN, 'fiscal.provider_unreachable', {}, details);
    default:
      return new AppError(PROVIDER_DOWN, 'fiscal.provider_unexpected', { cause: causeOf(error) }, details);
  }
}

/** The columns a provider answer sets; fields it left out keep what the row had. */
function fieldsOf(result: FiscalDocumentResult) {
  const accessKey = result.accessKey ?? result.verificationCode;
  return {
    status: result.status,
    ...(result.number ? { number: result.number } : {}),
    ...(result.series ? { series: result.series } : {}),
    ...(accessKey ? { accessKey } : {}),
    ...(result.pdfUrl ? { pdfUrl: result.pdfUrl } : {}),
    ...(result.xmlUrl ? { xmlUrl: result.xmlUrl } : {}),
    providerMessage: result.providerMessage ?? null,
  };
}

/** The customer's first complete address with an IBGE code, as the provider takes it. */
function takerAddress(addresses: Record<string, string | null>[]): FiscalAddress | undefined {
  const a = addresses.find((x) => x.ibgeCode && x.street && x.number && x.neighborhood && x.postalCode);
  if (!a) return undefined;
  return {
    street: a.street!,
    number: a.number!,
    ...(a.complement ? { complement: a.complement } : {}),
    district: a.neighborhood!,
    postalCode: a.postalCode!,
    municipalityCode: a.ibgeCode!,
  };
}

/** Σ of the service lines, less their share of the invoice's discount (rounded half up, in BigInt). */
function serviceAmountCents(invoice: InvoiceRow, serviceCents: number): number {
  if (invoice.discountCents === 0 || invoice.subtotalCents === 0) return serviceCents;
  const share =
    (BigInt(invoice.discountCents) * BigInt(serviceCents) * 2n + BigInt(invoice.subtotalCents)) /
    (2n * BigInt(invoice.subtotalCents));
  return serviceCents - Number(share);
}

/** Reading the invoice, the shop and the customer into the provider's request (inside the lock). */
function createNfseRequests(deps: FiscalDeps) {
  const { invoices, customers, organization } = deps;
  const clock = deps.now ?? (() => new Date());

  return async function buildRequest(
    executor: Database,
    ctx: AuthedContext,
    invoice: InvoiceRow,
    input: NfseIssueParsed,
  ): Promise<ServiceInvoiceInput> {
    const organizationId = ctx.actor.organizationId;
    const number = String(invoice.number ?? 0);
    // one after the other: the executor is a transaction's single connection
    const profile = await organization.profile(executor, organizationId);
    if (!profile?.document) throw new AppError('UNPROCESSABLE', 'fiscal.shop_document_missing');
    const taker = await customers.fiscalTakerOf(executor, organizationId, invoice.customerId);
    if (!taker?.document) {
      throw new AppError('UNPROCESSABLE', 'fiscal.taker_document_missing', { name: invoice.customerName });
    }
    const lines = await invoices.lines(executor, invoice.id);
    const services = lines.filter((l) => l.kind === 'SERVICE');
    const amountCents = serviceAmountCents(
      invoice,
      services.reduce((sum, l) => sum + l.totalCents, 0),
    );
    if (amountCents <= 0) throw new AppError('UNPROCESSABLE', 'fiscal.no_service_lines', { number });
    // the document goes to the Brazilian tax authority: Portuguese, whatever the user's language
    const reference = invoice.repairNumber
      ? t('pt-BR', 'fiscal.nfse_description_order', { number, order: String(invoice.repairNumber) })
      : t('pt-BR', 'fiscal.nfse_description', { number });
    const description =
      input.description ?? `${services.map((l) => l.description).join('; ')} (${reference})`;
    const address = takerAddress(taker.addresses);
    return {
      // one reference per attempt: Focus keeps one document per reference, so a retry never issues twice
      reference: `nfse-${number}-${crypto.randomUUID().replaceAll('-', '')}`,
      issuedAt: clock(),
      provider: {
        cnpj: profile.document,
        municipalRegistration: input.municipalRegistration,
        municipalityCode: input.municipalityCode,
        ...(input.simplesNacional ? { simplesNacional: input.simplesNacional } : {}),
      },
      taker: {
        document: taker.document,
        name: taker.name,
        ...(taker.email ? { email: taker.email } : {}),
        ...(address ? { address } : {}),
      },
      service: {
        description: description.slice(0, DESCRIPTION_MAX),
        amountCents,
        serviceCode: input.serviceCode,
        issRateBps: Math.round(input.issRate * 100),
        issWithheld: input.issWithheld,
      },
    };
  };
}

/** What the operations share: the provider check and applying a provider answer to a row. */
function createFiscalCore(deps: FiscalDeps) {
  const { pool, repo } = deps;

  function requireProvider(): FiscalProvider {
    if (!deps.provider) throw new AppError('UNPROCESSABLE', 'billing.fiscal_not_configured');
    return deps.provider;
  }

  async function findDocument(executor: Database, ctx: AuthedContext, id: string) {
    const row = await repo.find(executor, ctx.actor.organizationId, id);
    if (!row) throw notFound('fiscal.document_not_found');
    return row;
  }

  /** The provider's answer, under the row's lock; a change of status is audited. */
  async function apply(
    ctx: AuthedContext,
    id: string,
    result: FiscalDocumentResult,
    audit: Record<string, unknown> = {},
  ): Promise<FiscalDocumentRow> {
    return inTransaction(pool, async (tx) => {
      const current = (await repo.find(tx.db, ctx.actor.organizationId, id, { lock: true }))!;
      if (!canMove(current.status, result.status)) return current;
      const updated = await repo.update(tx.db, id, fieldsOf(result));
      if (updated.status !== current.status) {
        await recordAudit(tx.db, ctx, {
          organizationId: ctx.actor.organizationId,
          action: `fiscal_document.${updated.status.toLowerCase()}`,
          entity: 'fiscal_document',
          entityId: id,
          before: { status: current.status },
          after: {
            status: updated.status,
            invoiceId: updated.invoiceId,
            number: updated.number,
            providerMessage: updated.providerMessage,
            ...audit,
          },
        });
      }
      return updated;
    });
  }

  /** After a failed call the row keeps its status; the reason is kept on it for whoever looks next. */
  async function noteFailure(id: string, error: FiscalProviderError) {
    await repo.update(deps.db, id, { providerMessage: causeOf(error).slice(0, 2000) });
  }

  return { requireProvider, findDocument, apply, noteFailure };
}

/** Issuing an NFS-e through the provider (§4). */
function issuing(deps: FiscalDeps, core: ReturnType<typeof createFiscalCore>) {
  const { pool, repo, invoices } = deps;
  const buildRequest = createNfseRequests(deps);
  return {
    /**
     * The row is committed as PROCESSING with its reference before the provider is called (outside any
     * transaction), so a crash between the two leaves a document that can be refreshed, never a lost
     * one. Only the provider's own answer makes it AUTHORIZED.
     */
    async issueNfse(ctx: AuthedContext, invoiceId: string, input: NfseIssueParsed): Promise<FiscalDocument> {
      assertCan(ctx, 'invoices:write');
      const provider = core.requireProvider();
      const organizationId = ctx.actor.organizationId;
      const { row, request } = await inTransaction(pool, async (tx) => {
        // the invoice's lock serializes two issues of the same invoice
        const invoice = await invoices.lock(tx.db, organizationId, invoiceId);
        if (!invoice) throw notFound('billing.invoice_not_found');
        const number = String(invoice.number ?? 0);
        if (invoice.status === 'CANCELLED') {
          throw new AppError('UNPROCESSABLE', 'fiscal.invoice_cancelled', { number });
        }
        const live = await repo.liveProviderNfse(tx.db, organizationId, invoiceId);
        if (live) {
          throw new AppError(
            'CONFLICT',
            'fiscal.nfse_exists',
            { number, status: statusLabel(live.status, ctx.locale) },
            { fiscalDocumentId: live.id },
          );
        }
        const request = await buildRequest(tx.db, ctx, invoice, input);
        const row = await repo.insert(tx.db, {
          organizationId,
          invoiceId,
          type: 'NFSE',
          status: 'PROCESSING',
          source: 'PROVIDER',
          providerReference: request.reference,
          createdById: ctx.actor.userId,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'fiscal_document.issue_requested',
          entity: 'fiscal_document',
          entityId: row.id,
          after: {
            invoiceId,
            type: 'NFSE',
            reference: request.reference,
            amount: fromCents(request.service.amountCents),
            serviceCode: input.serviceCode,
            issRate: input.issRate,
            issWithheld: input.issWithheld,
          },
        });
        return { row, request };
      });
      let result: FiscalDocumentResult;
      try {
        result = await provider.issueServiceInvoice(request);
      } catch (error) {
        if (!(error instanceof FiscalProviderError)) throw error;
        if (error.kind === 'rejected') {
          // refused before anything was issued: final, and a corrected request may be sent again
          await core.apply(ctx, row.id, {
            reference: request.reference,
            status: 'REJECTED',
            providerMessage: causeOf(error),
          });
        } else {
          await core.noteFailure(row.id, error);
        }
        throw providerFailure(error, deps.environment, { fiscalDocumentId: row.id });
      }
      return toFiscalDocument(await core.apply(ctx, row.id, result));
    },
  };
}

/** Reading a document's status again, cancelling, and documents typed in by hand. */
function maintaining(deps: FiscalDeps, core: ReturnType<typeof createFiscalCore>) {
  const { db, pool, repo, invoices } = deps;
  const clock = deps.now ?? (() => new Date());
  return {
    async refresh(ctx: AuthedContext, id: string): Promise<FiscalDocument> {
      assertCan(ctx, 'invoices:write');
      const provider = core.requireProvider();
      const row = await core.findDocument(db, ctx, id);
      if (row.source !== 'PROVIDER' || !row.providerReference) {
        throw new AppError('UNPROCESSABLE', 'fiscal.manual_not_refreshable');
      }
      let result: FiscalDocumentResult;
      try {
        result = await provider.getStatus(row.providerReference);
      } catch (error) {
        if (!(error instanceof FiscalProviderError)) throw error;
        // The provider never got the issue (it was down): nothing was issued, and a new one may be sent.
        // Within twice the request timeout a late issue may still be landing, so it stays PROCESSING.
        const settled = clock().getTime() - row.createdAt.getTime() > 2 * deps.timeoutMs;
        const missing = error.providerCode === 'nao_encontrado' && row.status === 'PROCESSING';
        if (missing && settled) {
          result = { reference: row.providerReference, status: 'REJECTED', providerMessage: causeOf(error) };
        } else if (missing) {
          throw new AppError(
            PROVIDER_DOWN,
            'fiscal.provider_not_found_yet',
            {},
            { fiscalDocumentId: row.id },
          );
        } else {
          if (row.status === 'PROCESSING') await core.noteFailure(row.id, error);
          throw providerFailure(error, deps.environment, { fiscalDocumentId: row.id });
        }
      }
      return toFiscalDocument(await core.apply(ctx, row.id, result));
    },

    /** Through the provider for its documents; a document typed in is only marked (it was cancelled where it was issued). */
    async cancel(ctx: AuthedContext, id: string, reason: string): Promise<FiscalDocument> {
      assertCan(ctx, 'invoices:cancel');
      const row = await core.findDocument(db, ctx, id);
      const provider = row.source === 'PROVIDER' ? core.requireProvider() : undefined;
      if (row.status !== 'AUTHORIZED') {
        throw new AppError('CONFLICT', 'fiscal.not_cancellable', {
          status: statusLabel(row.status, ctx.locale),
        });
      }
      if (!provider || !row.providerReference) {
        const reference = row.providerReference ?? row.id;
        return toFiscalDocument(await core.apply(ctx, id, { reference, status: 'CANCELLED' }, { reason }));
      }
      let result: FiscalDocumentResult;
      try {
        result = await provider.cancel(row.providerReference, reason);
      } catch (error) {
        if (!(error instanceof FiscalProviderError)) throw error;
        if (error.kind === 'rejected') {
          throw new AppError(
            'UNPROCESSABLE',
            'fiscal.provider_cancel_refused',
            { cause: causeOf(error) },
            { fiscalDocumentId: id, providerMessages: error.providerMessages, hint: error.message },
          );
        }
        throw providerFailure(error, deps.environment, { fiscalDocumentId: id });
      }
      return toFiscalDocument(await core.apply(ctx, id, result, { reason }));
    },

    /** A document issued elsewhere (the municipality's portal, another system), typed in: AUTHORIZED. */
    async record(
      ctx: AuthedContext,
      invoiceId: string,
      input: FiscalDocumentCreateParsed,
    ): Promise<FiscalDocument> {
      assertCan(ctx, 'invoices:write');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const invoice = await invoices.find(tx.db, organizationId, invoiceId);
        if (!invoice) throw notFound('billing.invoice_not_found');
        if (invoice.status === 'CANCELLED') {
          throw new AppError('UNPROCESSABLE', 'fiscal.invoice_cancelled', {
            number: String(invoice.number ?? 0),
          });
        }
        const row = await repo.insert(tx.db, {
          organizationId,
          invoiceId,
          type: input.type,
          status: 'AUTHORIZED',
          source: 'MANUAL',
          number: input.number,
          series: input.series ?? null,
          accessKey: input.accessKey ?? null,
          pdfUrl: input.pdfUrl ?? null,
          xmlUrl: input.xmlUrl ?? null,
          createdById: ctx.actor.userId,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'fiscal_document.recorded',
          entity: 'fiscal_document',
          entityId: row.id,
          after: {
            invoiceId,
            type: row.type,
            number: row.number,
            series: row.series,
            accessKey: row.accessKey,
          },
        });
        return toFiscalDocument(row);
      });
    },
  };
}

/**
 * Fiscal documents of invoices (issue 12 §4, decision 0009): NFS-e for the labor through the provider
 * seam, and any document typed in by hand. Without a provider only the hand-typed ones work.
 */
export function createFiscalService(deps: FiscalDeps) {
  const core = createFiscalCore(deps);
  return { ...issuing(deps, core), ...maintaining(deps, core) };
}
export type FiscalService = ReturnType<typeof createFiscalService>;
