import {
  type CashMovementKind,
  type CashRegister,
  formatMoney,
  fromCents,
  PAYMENT_METHODS,
  type PaymentMethod,
  toCents,
} from '@bancada/shared';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import { createCashRepo, type MovementRow, type RegisterRow } from './cash.repo.js';
import type { PaymentRow, RefundRow } from './invoices.repo.js';

/** Cash in the drawer now: the float plus every IN minus every OUT. */
function expectedCents(register: RegisterRow, movements: MovementRow[]): number {
  return movements.reduce(
    (sum, m) => (m.kind === 'OPENING' ? sum : sum + (m.direction === 'IN' ? m.amountCents : -m.amountCents)),
    register.openingFloatCents,
  );
}

/** The day of an instant in the shop's zone, as [start, end) instants. */
function dayBounds(at: Date, timeZone: string): [Date, Date] {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  // the zone's offset at that day's noon is good for its midnight in every zone without a DST jump at 0h
  const noon = new Date(`${day}T12:00:00Z`);
  const local = new Date(noon.toLocaleString('en-US', { timeZone }));
  const offset = local.getTime() - noon.getTime();
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - offset);
  return [start, new Date(start.getTime() + 86_400_000)];
}

/** A register as the API answers it: movements, what is expected in the drawer, the day's totals. */
async function cashView(
  repo: ReturnType<typeof createCashRepo>,
  timeZoneOf: (executor: Database, organizationId: string) => Promise<string>,
  executor: Database,
  register: RegisterRow,
): Promise<CashRegister> {
  const timeZone = await timeZoneOf(executor, register.organizationId);
  // one after the other: inside a transaction the client runs one query at a time
  const movements = await repo.movements(executor, register.id);
  const totals = await repo.dayTotals(
    executor,
    register.organizationId,
    ...dayBounds(register.openedAt, timeZone),
  );
  const expected =
    register.status === 'CLOSED' ? (register.expectedCents ?? 0) : expectedCents(register, movements);
  const cash = totals.find((t) => t.method === 'CASH');
  return {
    id: register.id,
    branchId: register.branchId,
    status: register.status as 'OPEN' | 'CLOSED',
    openedAt: register.openedAt.toISOString(),
    openedByName: register.openedByName,
    openingFloat: fromCents(register.openingFloatCents),
    expected: fromCents(expected),
    closedAt: register.closedAt?.toISOString() ?? null,
    closedByName: register.closedByName,
    counted: register.countedCents == null ? null : fromCents(register.countedCents),
    difference: register.countedCents == null ? null : fromCents(register.countedCents - expected),
    closingNote: register.closingNote,
    movements: movements.map((m) => ({
      id: m.id,
      kind: m.kind as CashMovementKind,
      direction: m.direction as 'IN' | 'OUT',
      amount: fromCents(m.amountCents),
      paymentId: m.paymentId,
      invoiceNumber: m.invoiceNumber,
      note: m.note,
      actorName: m.actorName,
      at: m.at.toISOString(),
    })),
    totalsByMethod: PAYMENT_METHODS.flatMap((method) => {
      const t = totals.find((x) => x.method === method);
      return t ? [{ method: method as PaymentMethod, count: t.count, amount: fromCents(t.cents) }] : [];
    }),
    cashOutside: fromCents(cash?.outsideCents ?? 0),
  };
}

/**
 * The daily cash register (caixa) of a branch: opened with a float, every cash payment and refund
 * recorded in it while it is open, withdrawals and supplies, closed with the counted amount and the
 * difference. A cash payment does not need an open register (the day's closing shows it as outside).
 */
export function createCashService(deps: {
  db: Database;
  pool: pg.Pool;
  timeZoneOf: (executor: Database, organizationId: string) => Promise<string>;
  now?: () => Date;
}) {
  const { db, pool } = deps;
  const repo = createCashRepo();
  const clock = deps.now ?? (() => new Date());

  const view = (executor: Database, register: RegisterRow) =>
    cashView(repo, deps.timeZoneOf, executor, register);

  function branchOf(ctx: AuthedContext): string {
    if (!ctx.actor.branchId) throw notFound('billing.register_not_found');
    return ctx.actor.branchId;
  }

  async function move(
    tx: Tx,
    ctx: AuthedContext,
    register: RegisterRow,
    values: { kind: CashMovementKind; direction: 'IN' | 'OUT'; amountCents: number; note?: string | null } & {
      paymentId?: string | null;
      refundId?: string | null;
    },
  ) {
    await repo.insertMovement(tx.db, {
      organizationId: register.organizationId,
      registerId: register.id,
      kind: values.kind,
      direction: values.direction,
      amountCents: values.amountCents,
      paymentId: values.paymentId ?? null,
      refundId: values.refundId ?? null,
      note: values.note ?? null,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
    });
  }

  return {
    /** The branch's open register, or null. */
    async current(ctx: AuthedContext): Promise<CashRegister | null> {
      assertCan(ctx, 'cash:manage');
      const register = await repo.open(db, ctx.actor.organizationId, branchOf(ctx));
      return register ? view(db, register) : null;
    },
    async get(ctx: AuthedContext, id: string): Promise<CashRegister> {
      assertCan(ctx, 'cash:manage');
      const register = await repo.find(db, ctx.actor.organizationId, id);
      if (!register) throw notFound('billing.register_not_found');
      return view(db, register);
    },
    async history(ctx: AuthedContext): Promise<CashRegister[]> {
      assertCan(ctx, 'cash:manage');
      const rows = await repo.latest(db, ctx.actor.organizationId, branchOf(ctx), 30);
      return Promise.all(rows.map((r) => view(db, r)));
    },
    async open(ctx: AuthedContext, openingFloat: number): Promise<CashRegister> {
      assertCan(ctx, 'cash:manage');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const branchId = branchOf(ctx);
        if (await repo.open(tx.db, organizationId, branchId)) {
          throw new AppError('CONFLICT', 'billing.register_already_open');
        }
        const register = await repo.insertOpen(tx.db, {
          organizationId,
          branchId,
          openingFloatCents: toCents(openingFloat),
          openedById: ctx.actor.userId,
          openedByName: ctx.actor.name,
        });
        // a register opened at the same moment by someone else won the unique index
        if (!register) throw new AppError('CONFLICT', 'billing.register_already_open');
        // the float is on the register's row; the movement shows it in the day's list
        if (register.openingFloatCents > 0) {
          await move(tx, ctx, register, {
            kind: 'OPENING',
            direction: 'IN',
            amountCents: register.openingFloatCents,
          });
        }
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'cash.opened',
          entity: 'cash_register',
          entityId: register.id,
          after: { openingFloat },
        });
        return view(tx.db, register);
      });
    },
    /** A withdrawal (sangria) or a supply (suprimento), with a reason; never more out than is in. */
    async movement(
      ctx: AuthedContext,
      input: { kind: 'WITHDRAWAL' | 'SUPPLY'; amount: number; note: string },
    ): Promise<CashRegister> {
      assertCan(ctx, 'cash:manage');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const register = await repo.open(tx.db, organizationId, branchOf(ctx), true);
        if (!register) throw new AppError('CONFLICT', 'billing.register_not_open');
        const amountCents = toCents(input.amount);
        if (input.kind === 'WITHDRAWAL') {
          const available = expectedCents(register, await repo.movements(tx.db, register.id));
          if (amountCents > available) {
            throw new AppError(
              'UNPROCESSABLE',
              'billing.withdrawal_exceeds_cash',
              { amount: formatMoney(amountCents, ctx.locale), available: formatMoney(available, ctx.locale) },
              { amount: input.amount, available: fromCents(available) },
            );
          }
        }
        await move(tx, ctx, register, {
          kind: input.kind,
          direction: input.kind === 'WITHDRAWAL' ? 'OUT' : 'IN',
          amountCents,
          note: input.note,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: `cash.${input.kind.toLowerCase()}`,
          entity: 'cash_register',
          entityId: register.id,
          after: input,
        });
        return view(tx.db, register);
      });
    },
    async close(ctx: AuthedContext, input: { counted: number; note?: string | null }): Promise<CashRegister> {
      assertCan(ctx, 'cash:manage');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const register = await repo.open(tx.db, organizationId, branchOf(ctx), true);
        if (!register) throw new AppError('CONFLICT', 'billing.register_not_open');
        const expected = expectedCents(register, await repo.movements(tx.db, register.id));
        const closed = await repo.close(tx.db, register.id, {
          closedAt: clock(),
          closedById: ctx.actor.userId,
          closedByName: ctx.actor.name,
          countedCents: toCents(input.counted),
          expectedCents: expected,
          closingNote: input.note ?? null,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'cash.closed',
          entity: 'cash_register',
          entityId: register.id,
          after: { counted: input.counted, expected: fromCents(expected), note: input.note ?? null },
        });
        return view(tx.db, closed);
      });
    },
    /** A cash payment enters the branch's open register, if one is open (in the payment's transaction). */
    async recordPayment(tx: Tx, ctx: AuthedContext, payment: PaymentRow, _invoiceNumber: number | null) {
      if (!ctx.actor.branchId) return;
      const register = await repo.open(tx.db, ctx.actor.organizationId, ctx.actor.branchId);
      if (!register) return;
      await move(tx, ctx, register, {
        kind: 'PAYMENT',
        direction: 'IN',
        amountCents: payment.amountCents,
        paymentId: payment.id,
      });
      await repo.linkPayment(tx.db, payment.id, register.id);
    },
    async recordRefund(tx: Tx, ctx: AuthedContext, refund: RefundRow, _invoiceNumber: number | null) {
      if (!ctx.actor.branchId) return;
      const register = await repo.open(tx.db, ctx.actor.organizationId, ctx.actor.branchId);
      if (!register) return;
      await move(tx, ctx, register, {
        kind: 'REFUND',
        direction: 'OUT',
        amountCents: refund.amountCents,
        paymentId: refund.paymentId,
        refundId: refund.id,
        note: refund.reason,
      });
    },
  };
}
export type CashService = ReturnType<typeof createCashService>;
