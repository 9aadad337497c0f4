import {
  type CustomerFinancial,
  formatMoney,
  fromCents,
  type Invoice,
  type InvoiceCreateParsed,
  type InvoiceListQueryParsed,
  type InvoicePage,
  partTotalCents,
  pixTxid,
  type Receivables,
  toCents,
  toMilli,
} from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { type Idempotent, idempotent } from '../../platform/idempotency.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { ComponentsService } from '../inventory/components.service.js';
import type { StockService } from '../inventory/stock.service.js';
import type { OrganizationProfile, OrganizationService } from '../organization/organization.service.js';
import { addDays, shopDate, statusFor, toInvoice, toInvoiceListItem, toPayment } from './invoice-view.js';
import type { InvoiceRow, InvoicesRepo } from './invoices.repo.js';

/** One line as billing writes it: quantities in thousandths, money in cents. */
export type InvoiceLineDraft = {
  kind: 'SERVICE' | 'PART' | 'OTHER';
  description: string;
  quantityMilli: number;
  unitValueCents: number;
  totalCents: number;
  componentId: string | null;
};

/** What a finished service order hands billing: its charged lines and money, as the order stores them. */
export type OrderInvoiceDraft = {
  repairId: string;
  repairNumber: number;
  customerId: string;
  branchId: string | null;
  discountCents: number;
  /** the order's own total: the invoice must come out equal to the cent */
  totalCents: number;
  lines: {
    kind: 'SERVICE' | 'PART';
    description: string;
    /** thousandths, as quantities are kept */
    quantityMilli: number;
    unitValueCents: number;
    totalCents: number;
    componentId: string | null;
  }[];
};

export type InvoicesDeps = {
  db: Database;
  pool: pg.Pool;
  repo: InvoicesRepo;
  customers: Pick<CustomersService, 'exists' | 'namesByIds' | 'searchIds'>;
  organization: Pick<OrganizationService, 'profile'>;
  components: Pick<ComponentsService, 'forOrder'>;
  stock: Pick<StockService, 'reserve' | 'consume'>;
  now?: () => Date;
};

const RECENT = 50;
/** customers a list search may match (their module's indexed search, best first) */
const SEARCH_CUSTOMERS = 500;

/** A counter sale's or deposit invoice's lines: part prices default to the component's, stock leaves. */
async function priceLines(deps: InvoicesDeps, tx: Tx, ctx: AuthedContext, input: InvoiceCreateParsed) {
  const ids = [...new Set(input.lines.flatMap((l) => (l.componentId ? [l.componentId] : [])))];
  const found = ids.length ? await deps.components.forOrder(tx.db, ctx.actor.organizationId, ids) : [];
  const prices = new Map(found.map((c) => [c.id, c.priceCents]));
  const unknown = ids.find((id) => !prices.has(id));
  if (unknown) throw notFound('components.not_found', { id: unknown });
  return input.lines.map((l) => {
    const quantityMilli = toMilli(l.quantity);
    const unitValueCents =
      l.unitValue !== undefined
        ? toCents(l.unitValue)
        : l.componentId
          ? prices.get(l.componentId)
          : undefined;
    if (unitValueCents === undefined) {
      throw new AppError('UNPROCESSABLE', 'billing.part_price_missing', { description: l.description });
    }
    return {
      kind: l.componentId ? ('PART' as const) : l.kind,
      description: l.description,
      quantityMilli,
      unitValueCents,
      totalCents: partTotalCents(quantityMilli, unitValueCents),
      componentId: l.componentId ?? null,
    };
  });
}

/** The pieces the service's operations share: reading, writing and viewing an invoice. */
/**
 * Who may read an invoice (issue 15 §4): staff with invoices:read, a CUSTOMER only the invoices of
 * their own record; another customer's answers 404, exactly like a missing one.
 */
export function assertMayReadInvoices(ctx: AuthedContext): void {
  if (ctx.actor.role === 'CUSTOMER') {
    if (!ctx.actor.customerId) throw notFound('billing.invoice_not_found');
    return;
  }
  assertCan(ctx, 'invoices:read');
}

export function assertOwnInvoice(ctx: AuthedContext, invoice: { customerId: string }): void {
  if (ctx.actor.role === 'CUSTOMER' && invoice.customerId !== ctx.actor.customerId) {
    throw notFound('billing.invoice_not_found');
  }
}

function createInvoiceCore(deps: InvoicesDeps) {
  const { db, pool, repo, customers, organization } = deps;
  const clock = deps.now ?? (() => new Date());

  async function profileOf(executor: Database, organizationId: string): Promise<OrganizationProfile> {
    const profile = await organization.profile(executor, organizationId);
    if (!profile) throw notFound('billing.invoice_not_found');
    return profile;
  }

  async function customerName(executor: Database, organizationId: string, customerId: string) {
    const names = await customers.namesByIds(executor, organizationId, [customerId]);
    const name = names.get(customerId);
    if (name === undefined) throw notFound('billing.customer_not_found');
    return name;
  }

  /**
   * Writes an invoice with its lines, takes in the order's held deposits, and stamps the gapless
   * number as the last write (the counter's lock is held from there to COMMIT only).
   */
  async function issue(
    tx: Tx,
    ctx: AuthedContext,
    input: {
      kind: 'ORDER' | 'COUNTER' | 'DEPOSIT';
      customerId: string;
      repairId: string | null;
      repairNumber: number | null;
      branchId: string | null;
      discountCents: number;
      dueDate: string | null | undefined;
      paymentTerms: string | null | undefined;
      notes: string | null | undefined;
      lines: InvoiceLineDraft[];
    },
  ): Promise<InvoiceRow> {
    const organizationId = ctx.actor.organizationId;
    const profile = await profileOf(tx.db, organizationId);
    const name = await customerName(tx.db, organizationId, input.customerId);
    const subtotalCents = input.lines.reduce((sum, l) => sum + l.totalCents, 0);
    const totalCents = subtotalCents - input.discountCents;
    if (totalCents < 0) {
      throw new AppError(
        'UNPROCESSABLE',
        'billing.discount_exceeds_total',
        {
          discount: formatMoney(input.discountCents, ctx.locale),
          subtotal: formatMoney(subtotalCents, ctx.locale),
        },
        { discount: fromCents(input.discountCents), subtotal: fromCents(subtotalCents) },
      );
    }
    const now = clock();
    const id = crypto.randomUUID();
    const today = shopDate(now, profile.timeZone);
    const inserted = await repo.insert(tx.db, {
      id,
      organizationId,
      branchId: input.branchId ?? ctx.actor.branchId,
      kind: input.kind,
      status: 'OPEN',
      repairId: input.repairId,
      repairNumber: input.repairNumber,
      customerId: input.customerId,
      customerName: name,
      subtotalCents,
      discountCents: input.discountCents,
      totalCents,
      paidCents: 0,
      dueDate: input.dueDate ?? addDays(today, profile.invoiceDueDays),
      paymentTerms: input.paymentTerms ?? profile.paymentTerms,
      notes: input.notes ?? null,
      pixTxid: pixTxid(id),
      createdById: ctx.actor.userId,
    });
    await repo.insertLines(
      tx.db,
      input.lines.map((l, position) => ({
        organizationId,
        invoiceId: id,
        position,
        kind: l.kind,
        description: l.description,
        quantity: (l.quantityMilli / 1000).toFixed(3),
        unitValueCents: l.unitValueCents,
        totalCents: l.totalCents,
        componentId: l.componentId,
      })),
    );
    let paidCents = 0;
    if (input.repairId && input.kind === 'ORDER') {
      // deposits (sinal) taken on the order join its invoice
      const held = await repo.heldDeposits(tx.db, organizationId, input.repairId);
      paidCents = held.reduce((sum, p) => sum + p.amountCents - p.refundedCents, 0);
      if (paidCents > totalCents) {
        throw new AppError(
          'UNPROCESSABLE',
          'billing.deposits_exceed_total',
          { deposits: formatMoney(paidCents, ctx.locale), total: formatMoney(totalCents, ctx.locale) },
          { deposits: fromCents(paidCents), total: fromCents(totalCents) },
        );
      }
      await repo.attachDeposits(
        tx.db,
        held.map((p) => p.id),
        id,
      );
    }
    const row =
      paidCents > 0
        ? await repo.update(tx.db, id, { paidCents, status: statusFor(totalCents, paidCents) })
        : inserted;
    const number = await repo.stampNumber(tx.db, organizationId, id);
    const issued = { ...row, number };
    await recordAudit(tx.db, ctx, {
      organizationId,
      action: 'invoice.issued',
      entity: 'invoice',
      entityId: id,
      after: {
        number,
        kind: input.kind,
        repairId: input.repairId,
        customerId: input.customerId,
        total: fromCents(totalCents),
        paid: fromCents(paidCents),
        dueDate: issued.dueDate,
        lines: input.lines.length,
      },
    });
    return issued;
  }

  async function view(executor: Database, row: InvoiceRow, timeZone: string): Promise<Invoice> {
    // one statement: inside a transaction its client runs one query at a time
    const { lines, payments, refunds, fiscalDocuments } = await repo.parts(executor, row.id);
    return toInvoice(row, { lines, payments, refunds, fiscalDocuments, today: shopDate(clock(), timeZone) });
  }

  async function loadFor(executor: Database, organizationId: string, id: string): Promise<Invoice> {
    const row = await repo.find(executor, organizationId, id);
    if (!row) throw notFound('billing.invoice_not_found');
    const profile = await profileOf(executor, organizationId);
    return view(executor, row, profile.timeZone);
  }

  const load = (executor: Database, ctx: AuthedContext, id: string) =>
    loadFor(executor, ctx.actor.organizationId, id);

  return { db, pool, repo, customers, clock, profileOf, issue, view, loadFor, load };
}
type InvoiceCore = ReturnType<typeof createInvoiceCore>;

/** Issuing, reading one, cancelling. */
function invoiceCommands(deps: InvoicesDeps, core: InvoiceCore) {
  const { db, pool, repo, customers, profileOf, issue, view, loadFor, load } = core;
  return {
    issueForOrder(tx: Tx, ctx: AuthedContext, draft: OrderInvoiceDraft): Promise<InvoiceRow> {
      return issue(tx, ctx, {
        kind: 'ORDER',
        customerId: draft.customerId,
        repairId: draft.repairId,
        repairNumber: draft.repairNumber,
        branchId: draft.branchId,
        discountCents: draft.discountCents,
        dueDate: undefined,
        paymentTerms: undefined,
        notes: undefined,
        lines: draft.lines,
      }).then((row) => {
        if (row.totalCents !== draft.totalCents) {
          // the order's rule 6 and the invoice's sums are the same arithmetic: a difference is a bug
          throw new Error(
            `invoice total ${row.totalCents} differs from order ${draft.repairNumber}'s ${draft.totalCents}`,
          );
        }
        return row;
      });
    },

    /** By hand: a counter sale (parts leave stock) or a deposit invoice. */
    async create(
      ctx: AuthedContext,
      input: InvoiceCreateParsed,
      idempotencyKey?: string,
    ): Promise<Idempotent<Invoice>> {
      assertCan(ctx, 'invoices:write');
      return inTransaction(pool, (tx) =>
        idempotent(
          tx,
          ctx,
          { scope: 'invoices.create', key: idempotencyKey, request: input, status: 201 },
          async () => {
            if (!(await customers.exists(tx.db, ctx.actor.organizationId, input.customerId))) {
              throw notFound('billing.customer_not_found');
            }
            const lines = await priceLines(deps, tx, ctx, input);
            const sold = lines.flatMap((l) =>
              l.componentId ? [{ componentId: l.componentId, quantity: l.quantityMilli / 1000 }] : [],
            );
            const row = await issue(tx, ctx, {
              kind: input.kind,
              customerId: input.customerId,
              repairId: input.repairId ?? null,
              repairNumber: null,
              branchId: null,
              discountCents: toCents(input.discount),
              dueDate: input.dueDate,
              paymentTerms: input.paymentTerms,
              notes: input.notes,
              lines,
            });
            if (sold.length) {
              // a counter sale takes the parts out of stock at once (reserved and consumed, in the ledger)
              const document = { type: 'invoice', id: row.id };
              await deps.stock.reserve(tx, ctx, document, sold);
              await deps.stock.consume(tx, ctx, document, sold);
            }
            const profile = await profileOf(tx.db, ctx.actor.organizationId);
            return view(tx.db, row, profile.timeZone);
          },
        ),
      );
    },

    /** Staff with invoices:read, or the invoice's own CUSTOMER (another customer's: 404). */
    async get(ctx: AuthedContext, id: string): Promise<Invoice> {
      assertMayReadInvoices(ctx);
      const invoice = await load(db, ctx, id);
      assertOwnInvoice(ctx, invoice);
      return invoice;
    },

    load,
    loadFor,

    /** The order's live invoice: staff with invoices:read, or its own CUSTOMER (another's: 404). */
    async forRepair(ctx: AuthedContext, repairId: string): Promise<Invoice> {
      assertMayReadInvoices(ctx);
      const row = await repo.findLiveForRepair(db, ctx.actor.organizationId, repairId);
      if (!row) throw notFound('billing.no_invoice_for_order');
      // the same answer as an order with no invoice: it does not tell another customer's order exists
      if (ctx.actor.role === 'CUSTOMER' && row.customerId !== ctx.actor.customerId)
        throw notFound('billing.no_invoice_for_order');
      const profile = await profileOf(db, ctx.actor.organizationId);
      return view(db, row, profile.timeZone);
    },

    /** For other modules (delivering an order): the order's live invoice and its balance. */
    async balanceOfRepair(executor: Database, organizationId: string, repairId: string) {
      const row = await repo.findLiveForRepair(executor, organizationId, repairId);
      return row ? { number: row.number ?? 0, balanceCents: row.totalCents - row.paidCents } : undefined;
    },
  };
}

/** Lists, the customer's financial history, receivables. */
function invoiceQueries(core: InvoiceCore) {
  const { db, pool, repo, customers, clock, profileOf, view } = core;
  return {
    async list(ctx: AuthedContext, q: InvoiceListQueryParsed): Promise<InvoicePage> {
      assertCan(ctx, 'invoices:read');
      const profile = await profileOf(db, ctx.actor.organizationId);
      const today = shopDate(clock(), profile.timeZone);
      const { rows, total } = await repo.list(db, ctx.actor.organizationId, {
        status: q.status,
        customerId: q.customerId,
        from: q.from,
        to: q.to,
        overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        q: q.q || undefined,
        customerIds: q.q
          ? await customers.searchIds(db, ctx.actor.organizationId, q.q, SEARCH_CUSTOMERS)
          : undefined,
        today,
        timeZone: profile.timeZone,
        page: q.page,
        pageSize: q.pageSize,
      });
      return {
        items: rows.map((r) => toInvoiceListItem(r, today)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Cancelling needs a reason and no money kept on the invoice (refund first). */
    async cancel(ctx: AuthedContext, id: string, reason: string, ifMatch?: number): Promise<Invoice> {
      assertCan(ctx, 'invoices:cancel');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const row = await repo.lock(tx.db, organizationId, id);
        if (!row) throw notFound('billing.invoice_not_found');
        assertVersion(ifMatch, row.version);
        if (row.status === 'CANCELLED') throw new AppError('CONFLICT', 'billing.already_cancelled');
        if (row.paidCents > 0) {
          throw new AppError(
            'UNPROCESSABLE',
            'billing.cancel_with_payments',
            { paid: formatMoney(row.paidCents, ctx.locale) },
            { paid: fromCents(row.paidCents) },
          );
        }
        const updated = await repo.update(tx.db, id, {
          status: 'CANCELLED',
          cancelledAt: clock(),
          cancelReason: reason,
          cancelledById: ctx.actor.userId,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'invoice.cancelled',
          entity: 'invoice',
          entityId: id,
          before: { status: row.status },
          after: { status: 'CANCELLED', reason },
        });
        const profile = await profileOf(tx.db, organizationId);
        return view(tx.db, updated, profile.timeZone);
      });
    },

    async financial(ctx: AuthedContext, customerId: string): Promise<CustomerFinancial> {
      assertCan(ctx, 'invoices:read');
      const organizationId = ctx.actor.organizationId;
      if (!(await customers.exists(db, organizationId, customerId)))
        throw notFound('billing.customer_not_found');
      const profile = await profileOf(db, organizationId);
      const today = shopDate(clock(), profile.timeZone);
      const [sums, payments] = await Promise.all([
        repo.forCustomer(db, organizationId, customerId, today, RECENT),
        repo.customerPayments(db, organizationId, customerId, RECENT),
      ]);
      const held = payments
        .filter((p) => p.invoiceId === null)
        .reduce((sum, p) => sum + p.amountCents - p.refundedCents, 0);
      return {
        customerId,
        invoiced: fromCents(sums.invoicedCents),
        paid: fromCents(sums.paidCents),
        balance: fromCents(sums.invoicedCents - sums.paidCents),
        overdue: fromCents(sums.overdueCents),
        depositsHeld: fromCents(held),
        invoices: sums.rows.map((r) => toInvoiceListItem(r, today)),
        payments: payments.map(toPayment),
      };
    },

    async receivables(ctx: AuthedContext): Promise<Receivables> {
      assertCan(ctx, 'invoices:read');
      const organizationId = ctx.actor.organizationId;
      const profile = await profileOf(db, organizationId);
      const today = shopDate(clock(), profile.timeZone);
      const [buckets, open] = await Promise.all([
        repo.agingBuckets(db, organizationId, today),
        repo.open(db, organizationId, 200),
      ]);
      const order = ['current', '1-30', '31-60', '61-90', '90+'] as const;
      const byBucket = new Map(buckets.map((b) => [b.bucket, b]));
      const days = (due: string) =>
        Math.max(
          0,
          Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000),
        );
      const bucketOf = (d: number) =>
        d === 0 ? 'current' : d <= 30 ? '1-30' : d <= 60 ? '31-60' : d <= 90 ? '61-90' : '90+';
      return {
        asOf: today,
        total: fromCents(buckets.reduce((sum, b) => sum + b.cents, 0)),
        buckets: order.map((bucket) => ({
          bucket,
          count: byBucket.get(bucket)?.count ?? 0,
          amount: fromCents(byBucket.get(bucket)?.cents ?? 0),
        })),
        items: open.map((r) => {
          const d = r.dueDate < today ? days(r.dueDate) : 0;
          return { ...toInvoiceListItem(r, today), daysOverdue: d, bucket: bucketOf(d) };
        }),
      };
    },
  };
}

export function createInvoicesService(deps: InvoicesDeps) {
  const core = createInvoiceCore(deps);
  return { ...invoiceCommands(deps, core), ...invoiceQueries(core) };
}
export type InvoicesService = ReturnType<typeof createInvoicesService>;
