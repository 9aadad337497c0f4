import {
  formatMoney,
  fromCents,
  type Invoice,
  type Payment,
  type PaymentCreateParsed,
  type Refund,
  toCents,
} from '@bancada/shared';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan, type RequestContext, systemContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type Idempotent, idempotent } from '../../platform/idempotency.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import type { CashService } from './cash.service.js';
import { statusFor, toPayment, toRefund } from './invoice-view.js';
import type { InvoiceRow, InvoicesRepo, PaymentRow } from './invoices.repo.js';
import type { InvoicesService } from './invoices.service.js';

/** What billing needs of a service order for a deposit: higher modules answer through the root. */
export type OrderForDeposit = (
  executor: Database,
  organizationId: string,
  repairId: string,
) => Promise<{ customerId: string; totalCents: number; closed: boolean } | undefined>;

/** Returns money through the Pix provider (a dynamic charge's payment); absent without a provider. */
export type PixRefunder = (input: {
  endToEndId: string;
  refundId: string;
  amountCents: number;
  reason: string;
}) => Promise<{ status: 'COMPLETED' | 'PROCESSING' | 'FAILED'; providerMessage: string | null }>;

/** A Pix the provider says was received (its webhook, parsed). */
export type ReceivedPix = {
  endToEndId: string;
  txid?: string | undefined;
  amountCents: number;
  paidAt: Date;
  /** the provider's word on refunds of this Pix (devoluções) */
  refunds?: { id: string; status: string; providerReason?: string | undefined }[];
};

export type PaymentsDeps = {
  db: Database;
  pool: pg.Pool;
  repo: InvoicesRepo;
  invoices: Pick<InvoicesService, 'load'>;
  cash: Pick<CashService, 'recordPayment' | 'recordRefund'>;
  orderForDeposit: OrderForDeposit;
  pixRefund?: PixRefunder | undefined;
  /** the invoice a paid txid belongs to (pix.service) and what its charge asked for */
  invoiceOfTxid: (
    executor: Database,
    txid: string,
  ) => Promise<{ invoice: InvoiceRow; chargedCents: number | null } | undefined>;
  markChargePaid: (executor: Database, txid: string) => Promise<void>;
  now?: () => Date;
};

const STATUS_LABEL: Record<string, Record<string, string>> = {
  PAID: { 'pt-BR': 'paga', es: 'pagada', en: 'paid' },
  CANCELLED: { 'pt-BR': 'cancelada', es: 'anulada', en: 'cancelled' },
};

/** What the payment operations share: the invoice's paid sum and the checks before a payment. */
function createPaymentCore(deps: PaymentsDeps) {
  const { pool, repo, cash } = deps;
  const clock = deps.now ?? (() => new Date());

  /** The invoice's paid sum moves by `deltaCents`; its status follows. Callers hold its row lock. */
  async function movePaid(tx: Tx, invoice: InvoiceRow, deltaCents: number): Promise<InvoiceRow> {
    const paidCents = invoice.paidCents + deltaCents;
    return repo.update(tx.db, invoice.id, {
      paidCents,
      status: invoice.status === 'CANCELLED' ? 'CANCELLED' : statusFor(invoice.totalCents, paidCents),
    });
  }

  function refuseClosed(ctx: RequestContext & { locale: AuthedContext['locale'] }, invoice: InvoiceRow) {
    if (invoice.status === 'PAID' || invoice.status === 'CANCELLED') {
      throw new AppError('CONFLICT', 'billing.invoice_closed', {
        number: invoice.number ?? 0,
        status: STATUS_LABEL[invoice.status]?.[ctx.locale] ?? invoice.status,
      });
    }
  }

  function refuseOverpayment(ctx: AuthedContext, invoice: InvoiceRow, amountCents: number) {
    const balanceCents = invoice.totalCents - invoice.paidCents;
    if (amountCents > balanceCents) {
      throw new AppError(
        'UNPROCESSABLE',
        'billing.overpayment',
        {
          amount: formatMoney(amountCents, ctx.locale),
          balance: formatMoney(balanceCents, ctx.locale),
        },
        { amount: fromCents(amountCents), balance: fromCents(balanceCents) },
      );
    }
  }

  function paymentValues(ctx: AuthedContext, input: PaymentCreateParsed, amountCents: number) {
    const tenderedCents = input.tendered == null ? null : toCents(input.tendered);
    return {
      organizationId: ctx.actor.organizationId,
      method: input.method,
      amountCents,
      paidAt: input.paidAt ? new Date(input.paidAt) : clock(),
      installments: input.installments,
      reference: input.reference ?? null,
      note: input.note ?? null,
      tenderedCents,
      changeCents: tenderedCents == null ? null : tenderedCents - amountCents,
      createdById: ctx.actor.userId,
      createdByName: ctx.actor.name,
    };
  }

  /**
   * A provider refund's final word: COMPLETED, or FAILED, which gives the amount back to the payment
   * and the invoice. Only a refund still PROCESSING moves (a replayed callback changes nothing).
   */
  async function settleRefund(
    tx: Tx,
    refundId: string,
    outcome: { status: 'COMPLETED' | 'PROCESSING' | 'FAILED'; providerMessage: string | null },
  ) {
    const refund = await repo.lockRefund(tx.db, refundId);
    if (!refund) throw notFound('billing.payment_not_found');
    if (refund.status !== 'PROCESSING') return refund;
    if (outcome.status === 'FAILED') {
      const invoice = refund.invoiceId
        ? await repo.lock(tx.db, refund.organizationId, refund.invoiceId)
        : undefined;
      const payment = (await repo.findPayment(tx.db, refund.organizationId, refund.paymentId, {
        lock: true,
      }))!;
      await repo.updatePayment(tx.db, payment.id, {
        refundedCents: payment.refundedCents - refund.amountCents,
      });
      if (invoice) await movePaid(tx, invoice, refund.amountCents);
    }
    return repo.updateRefund(tx.db, refundId, {
      status: outcome.status,
      providerMessage: outcome.providerMessage,
    });
  }

  return { pool, repo, cash, clock, movePaid, refuseClosed, refuseOverpayment, paymentValues, settleRefund };
}
type PaymentCore = ReturnType<typeof createPaymentCore>;

/** The provider's webhook (§3). */
function pixReceipts(deps: PaymentsDeps, core: PaymentCore) {
  const { pool, repo, movePaid } = core;
  /**
   * One Pix from the provider's webhook, exactly once: the invoice is locked, and a payment with the
   * same end-to-end id (a replayed or concurrent callback) means it is already recorded. A Pix whose
   * amount differs from what was charged is recorded and flagged; one that would pass the balance (or
   * reaches a closed invoice) is kept apart, flagged, for staff to refund or apply.
   */
  async function receiveOne(pix: ReceivedPix): Promise<'recorded' | 'duplicate' | 'unknown'> {
    if (!pix.txid) return 'unknown';
    const txid = pix.txid;
    return inTransaction(pool, async (tx) => {
      const found = await deps.invoiceOfTxid(tx.db, txid);
      if (!found) return 'unknown';
      const invoice = (await repo.lock(tx.db, found.invoice.organizationId, found.invoice.id))!;
      if (await repo.findPaymentByEndToEnd(tx.db, invoice.organizationId, pix.endToEndId)) return 'duplicate';
      const balanceCents = invoice.totalCents - invoice.paidCents;
      const open = invoice.status === 'OPEN' || invoice.status === 'PARTIALLY_PAID';
      const fits = open && pix.amountCents <= balanceCents;
      const expected = found.chargedCents ?? balanceCents;
      const flagReason = !open
        ? 'invoice_not_open'
        : !fits
          ? 'exceeds_balance'
          : pix.amountCents !== expected
            ? 'amount_differs_from_charge'
            : null;
      const payment = await repo.insertPayment(tx.db, {
        organizationId: invoice.organizationId,
        invoiceId: fits ? invoice.id : null,
        repairId: null,
        customerId: invoice.customerId,
        method: 'PIX',
        amountCents: pix.amountCents,
        paidAt: pix.paidAt,
        reference: pix.endToEndId,
        pixEndToEndId: pix.endToEndId,
        flagged: flagReason !== null,
        flagReason,
        createdByName: 'Pix',
      });
      if (fits) await movePaid(tx, invoice, pix.amountCents);
      await deps.markChargePaid(tx.db, txid);
      await recordAudit(tx.db, systemContext(), {
        organizationId: invoice.organizationId,
        action: 'payment.pix_received',
        entity: 'invoice',
        entityId: invoice.id,
        after: {
          paymentId: payment.id,
          endToEndId: pix.endToEndId,
          txid,
          amount: fromCents(pix.amountCents),
          flagReason,
        },
      });
      return 'recorded';
    });
  }

  return {
    /** The provider's webhook: each Pix once; returns how many were new. */
    async receivePix(items: ReceivedPix[]) {
      const outcomes = [];
      for (const item of items) {
        outcomes.push(await receiveOne(item));
        for (const refund of item.refunds ?? []) {
          if (refund.status !== 'DEVOLVIDO' && refund.status !== 'NAO_REALIZADO') continue;
          await inTransaction(pool, async (tx) => {
            const ours = await repo.refundByProviderId(tx.db, refund.id);
            if (!ours) return;
            await core.settleRefund(tx, ours.id, {
              status: refund.status === 'DEVOLVIDO' ? 'COMPLETED' : 'FAILED',
              providerMessage: refund.providerReason ?? null,
            });
          });
        }
      }
      return {
        recorded: outcomes.filter((o) => o === 'recorded').length,
        duplicates: outcomes.filter((o) => o === 'duplicate').length,
        unknown: outcomes.filter((o) => o === 'unknown').length,
      };
    },
  };
}

/** Payments on invoices and deposits on orders (§2). */
function takingPayments(deps: PaymentsDeps, core: PaymentCore) {
  const { pool, repo, cash, movePaid, refuseClosed, refuseOverpayment, paymentValues } = core;
  return {
    /**
     * A payment on an invoice. The invoice row is locked first, so parallel payments for the same
     * balance queue and each sees what the one before it left: the sum never passes the total (and a
     * CHECK on the row says so again).
     */
    async pay(
      ctx: AuthedContext,
      invoiceId: string,
      input: PaymentCreateParsed,
      idempotencyKey?: string,
    ): Promise<Idempotent<Invoice>> {
      assertCan(ctx, 'payments:write');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, (tx) =>
        idempotent(
          tx,
          ctx,
          { scope: `payments.create:${invoiceId}`, key: idempotencyKey, request: input, status: 201 },
          async () => {
            const invoice = await repo.lock(tx.db, organizationId, invoiceId);
            if (!invoice) throw notFound('billing.invoice_not_found');
            refuseClosed(ctx, invoice);
            const amountCents = toCents(input.amount);
            refuseOverpayment(ctx, invoice, amountCents);
            const payment = await repo.insertPayment(tx.db, {
              ...paymentValues(ctx, input, amountCents),
              invoiceId,
              repairId: invoice.repairId,
              customerId: invoice.customerId,
            });
            await movePaid(tx, invoice, amountCents);
            if (input.method === 'CASH') await cash.recordPayment(tx, ctx, payment, invoice.number);
            await recordAudit(tx.db, ctx, {
              organizationId,
              action: 'payment.received',
              entity: 'invoice',
              entityId: invoiceId,
              after: {
                paymentId: payment.id,
                method: input.method,
                amount: input.amount,
                installments: input.installments,
                reference: input.reference ?? null,
              },
            });
            return deps.invoices.load(tx.db, ctx, invoiceId);
          },
        ),
      );
    },

    /**
     * A deposit (sinal) on a service order before its invoice exists: it joins the invoice when the
     * order is finished. Deposits of one order are serialized (a transaction-scoped advisory lock on
     * the order) and never pass the order's total.
     */
    async deposit(
      ctx: AuthedContext,
      repairId: string,
      input: PaymentCreateParsed,
      idempotencyKey?: string,
    ): Promise<Idempotent<Payment>> {
      assertCan(ctx, 'payments:write');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, (tx) =>
        idempotent(
          tx,
          ctx,
          { scope: `payments.deposit:${repairId}`, key: idempotencyKey, request: input, status: 201 },
          async () => {
            await tx.db.execute(
              sql`SELECT pg_advisory_xact_lock(hashtext('deposit'), hashtext(${repairId}))`,
            );
            const order = await deps.orderForDeposit(tx.db, organizationId, repairId);
            if (!order) throw notFound('billing.order_not_found');
            if (order.closed) throw new AppError('CONFLICT', 'billing.order_closed');
            const held = await repo.heldDeposits(tx.db, organizationId, repairId);
            const heldCents = held.reduce((sum, p) => sum + p.amountCents - p.refundedCents, 0);
            const amountCents = toCents(input.amount);
            const availableCents = order.totalCents - heldCents;
            if (amountCents > availableCents) {
              throw new AppError(
                'UNPROCESSABLE',
                'billing.deposit_exceeds_order',
                {
                  amount: formatMoney(amountCents, ctx.locale),
                  available: formatMoney(Math.max(0, availableCents), ctx.locale),
                },
                { amount: input.amount, available: fromCents(Math.max(0, availableCents)) },
              );
            }
            const payment = await repo.insertPayment(tx.db, {
              ...paymentValues(ctx, input, amountCents),
              invoiceId: null,
              repairId,
              customerId: order.customerId,
              deposit: true,
            });
            if (input.method === 'CASH') await cash.recordPayment(tx, ctx, payment, null);
            await recordAudit(tx.db, ctx, {
              organizationId,
              action: 'payment.deposit',
              entity: 'repair',
              entityId: repairId,
              after: { paymentId: payment.id, method: input.method, amount: input.amount },
            });
            return toPayment(payment);
          },
        ),
      );
    },
  };
}

/** Refunds, by hand or through the Pix provider. */
function refunds(deps: PaymentsDeps, core: PaymentCore) {
  const { pool, repo, cash, settleRefund } = core;
  const { movePaid } = core;
  return {
    /**
     * Money back, all or part of a payment, with a reason. A Pix received through the provider goes
     * back through it (PROCESSING until it confirms); anything else is recorded as returned by hand.
     */
    async refund(
      ctx: AuthedContext,
      paymentId: string,
      input: { amount?: number | undefined; reason: string },
    ): Promise<Refund> {
      assertCan(ctx, 'payments:refund');
      const organizationId = ctx.actor.organizationId;
      const { refund, payment } = await inTransaction(pool, async (tx) => {
        const found = await repo.findPayment(tx.db, organizationId, paymentId);
        if (!found) throw notFound('billing.payment_not_found');
        // the invoice first, then the payment: the order every money change takes its locks in
        const invoice = found.invoiceId ? await repo.lock(tx.db, organizationId, found.invoiceId) : undefined;
        const payment = (await repo.findPayment(tx.db, organizationId, paymentId, { lock: true }))!;
        const availableCents = payment.amountCents - payment.refundedCents;
        const amountCents = input.amount === undefined ? availableCents : toCents(input.amount);
        if (amountCents <= 0 || amountCents > availableCents) {
          throw new AppError(
            'UNPROCESSABLE',
            'billing.refund_exceeds_payment',
            {
              amount: formatMoney(amountCents, ctx.locale),
              available: formatMoney(availableCents, ctx.locale),
            },
            { amount: fromCents(amountCents), available: fromCents(availableCents) },
          );
        }
        const throughProvider =
          payment.method === 'PIX' && payment.pixEndToEndId !== null && !!deps.pixRefund;
        await repo.updatePayment(tx.db, payment.id, { refundedCents: payment.refundedCents + amountCents });
        if (invoice) await movePaid(tx, invoice, -amountCents);
        const refundId = crypto.randomUUID();
        const refund = await repo.insertRefund(tx.db, {
          id: refundId,
          // the id the provider knows the devolução by (API Pix: 1–35 alphanumerics)
          providerRefundId: throughProvider ? refundId.replaceAll('-', '') : null,
          organizationId,
          paymentId: payment.id,
          invoiceId: payment.invoiceId,
          amountCents,
          reason: input.reason,
          status: throughProvider ? 'PROCESSING' : 'COMPLETED',
          createdById: ctx.actor.userId,
          createdByName: ctx.actor.name,
        });
        if (payment.method === 'CASH') await cash.recordRefund(tx, ctx, refund, invoice?.number ?? null);
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'payment.refunded',
          entity: 'invoice',
          entityId: payment.invoiceId,
          after: { paymentId, refundId: refund.id, amount: fromCents(amountCents), reason: input.reason },
        });
        return { refund, payment };
      });
      if (refund.status !== 'PROCESSING' || !deps.pixRefund) return toRefund(refund);
      return toRefund(await settleProviderRefund(refund.id, payment, refund.amountCents, input.reason));
    },
  };

  /**
   * The provider's answer to a Pix refund. A refusal (or an unreachable provider) gives the money back
   * to the invoice: the refund is FAILED and the payment counts in full again.
   */
  async function settleProviderRefund(
    refundId: string,
    payment: PaymentRow,
    amountCents: number,
    reason: string,
  ) {
    let outcome: Awaited<ReturnType<PixRefunder>>;
    try {
      outcome = await deps.pixRefund!({
        endToEndId: payment.pixEndToEndId!,
        refundId: refundId.replaceAll('-', ''),
        amountCents,
        reason,
      });
    } catch (error) {
      // not knowing is not a refusal: the refund stays PROCESSING until the provider's callback says
      outcome = {
        status: 'PROCESSING',
        providerMessage: error instanceof Error ? error.message : String(error),
      };
    }
    return inTransaction(pool, (tx) => settleRefund(tx, refundId, outcome));
  }
}

export function createPaymentsService(deps: PaymentsDeps) {
  const core = createPaymentCore(deps);
  return { ...pixReceipts(deps, core), ...takingPayments(deps, core), ...refunds(deps, core) };
}
export type PaymentsService = ReturnType<typeof createPaymentsService>;
