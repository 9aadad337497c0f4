import {
  type CashFlow,
  fromCents,
  type Payable,
  type PayableCreateSchema,
  type PayableListQuerySchema,
  type PayablePageSchema,
  type PayablePaySchema,
  type PaymentMethod,
  toCents,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, isUniqueViolation, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { inTransaction } from '../../platform/tx.js';
import type { PurchaseOrdersService } from '../inventory/purchase-orders.service.js';
import { addDays, shopDate } from './invoice-view.js';
import type { PayableInsert, PayableRow, PayablesRepo } from './payables.repo.js';

type PayableCreate = z.output<typeof PayableCreateSchema>;
type PayablePay = z.output<typeof PayablePaySchema>;
type PayableListQuery = z.output<typeof PayableListQuerySchema>;

export type PayablesDeps = {
  db: Database;
  pool: pg.Pool;
  repo: PayablesRepo;
  purchaseOrders: Pick<PurchaseOrdersService, 'receivedForBill' | 'supplierNameOf'>;
  timeZoneOf: (executor: Database, organizationId: string) => Promise<string>;
  now?: () => Date;
};

/** Suppliers have no payment terms yet: a bill from a purchase order is due this many days after. */
export const PURCHASE_ORDER_DUE_DAYS = 30;
const ONE_BILL_PER_ORDER = 'payables_org_po_uq';

export function toPayable(row: PayableRow, today: string): Payable {
  return {
    id: row.id,
    supplierId: row.supplierId,
    supplierName: row.supplierName,
    purchaseOrderId: row.purchaseOrderId,
    purchaseOrderNumber: row.purchaseOrderNumber,
    description: row.description,
    amount: fromCents(row.amountCents),
    dueDate: row.dueDate,
    status: row.status as Payable['status'],
    overdue: row.status === 'OPEN' && row.dueDate < today,
    paidAt: row.paidAt?.toISOString() ?? null,
    method: row.method as PaymentMethod | null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Monday of the week of a calendar date (YYYY-MM-DD). */
export function weekStartOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** Writing a bill and its audit row in one transaction; the second bill of an order is a 409. */
function createBillWriter(deps: PayablesDeps) {
  const { pool, repo } = deps;
  return async function writeBill(
    ctx: AuthedContext,
    values: Omit<PayableInsert, 'organizationId' | 'createdById'>,
    action: string,
  ): Promise<Payable> {
    const organizationId = ctx.actor.organizationId;
    try {
      return await inTransaction(pool, async (tx) => {
        const row = await repo.insert(tx.db, { ...values, organizationId, createdById: ctx.actor.userId });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action,
          entity: 'payable',
          entityId: row.id,
          after: {
            supplierId: row.supplierId,
            purchaseOrderId: row.purchaseOrderId,
            description: row.description,
            amount: fromCents(row.amountCents),
            dueDate: row.dueDate,
          },
        });
        return toPayable(
          row,
          shopDate(deps.now?.() ?? new Date(), await deps.timeZoneOf(tx.db, organizationId)),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, ONE_BILL_PER_ORDER)) {
        const number = String(values.purchaseOrderNumber ?? '');
        throw new AppError('CONFLICT', 'payables.purchase_order_billed', { number });
      }
      throw error;
    }
  };
}

/** Bills typed in, from received purchase orders, and paid. */
function bills(deps: PayablesDeps) {
  const { db, pool, repo, purchaseOrders } = deps;
  const clock = deps.now ?? (() => new Date());
  const writeBill = createBillWriter(deps);

  async function orderOf(ctx: AuthedContext, purchaseOrderId: string) {
    const organizationId = ctx.actor.organizationId;
    const order = await purchaseOrders.receivedForBill(db, organizationId, purchaseOrderId);
    if (!order) throw notFound('payables.purchase_order_not_found');
    const billed = await repo.findByPurchaseOrder(db, organizationId, purchaseOrderId);
    if (billed) {
      throw new AppError(
        'CONFLICT',
        'payables.purchase_order_billed',
        { number: String(order.number) },
        { payableId: billed.id },
      );
    }
    return order;
  }

  return {
    async create(ctx: AuthedContext, input: PayableCreate): Promise<Payable> {
      assertCan(ctx, 'payables:manage');
      const organizationId = ctx.actor.organizationId;
      // a bill that names its purchase order takes the order's supplier (and counts as its one bill)
      const order = input.purchaseOrderId ? await orderOf(ctx, input.purchaseOrderId) : undefined;
      const supplierId = order?.supplierId ?? input.supplierId ?? null;
      const supplierName =
        order?.supplierName ??
        (supplierId ? await purchaseOrders.supplierNameOf(db, organizationId, supplierId) : null);
      if (supplierId && supplierName === undefined) throw notFound('payables.supplier_not_found');
      return writeBill(
        ctx,
        {
          supplierId,
          supplierName: supplierName ?? null,
          purchaseOrderId: order?.id ?? null,
          purchaseOrderNumber: order?.number ?? null,
          description: input.description,
          amountCents: toCents(input.amount),
          dueDate: input.dueDate,
        },
        'payable.created',
      );
    },

    /** A received (or partly received) order becomes one bill for what arrived, at cost. */
    async fromPurchaseOrder(ctx: AuthedContext, purchaseOrderId: string): Promise<Payable> {
      assertCan(ctx, 'payables:manage');
      const order = await orderOf(ctx, purchaseOrderId);
      const number = String(order.number);
      if (order.status !== 'received' && order.status !== 'partially_received') {
        throw new AppError('UNPROCESSABLE', 'payables.purchase_order_not_received', { number });
      }
      if (order.receivedCents <= 0)
        throw new AppError('UNPROCESSABLE', 'payables.nothing_to_bill', { number });
      const today = shopDate(clock(), await deps.timeZoneOf(db, ctx.actor.organizationId));
      return writeBill(
        ctx,
        {
          supplierId: order.supplierId,
          supplierName: order.supplierName,
          purchaseOrderId: order.id,
          purchaseOrderNumber: order.number,
          description: t(ctx.locale, 'payables.purchase_order_description', {
            number,
            supplier: order.supplierName,
          }),
          amountCents: order.receivedCents,
          dueDate: addDays(today, PURCHASE_ORDER_DUE_DAYS),
        },
        'payable.created_from_purchase_order',
      );
    },

    /** Once: a second (or a concurrent) payment of the same bill is a 409. */
    async pay(ctx: AuthedContext, id: string, input: PayablePay): Promise<Payable> {
      assertCan(ctx, 'payables:manage');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const paidAt = input.paidAt ? new Date(input.paidAt) : clock();
        const row = await repo.markPaid(tx.db, organizationId, id, { paidAt, method: input.method });
        if (!row) {
          if (!(await repo.find(tx.db, organizationId, id))) throw notFound('billing.payable_not_found');
          throw new AppError('CONFLICT', 'billing.payable_already_paid');
        }
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'payable.paid',
          entity: 'payable',
          entityId: id,
          before: { status: 'OPEN' },
          after: { status: 'PAID', method: input.method, paidAt: paidAt.toISOString() },
        });
        return toPayable(row, shopDate(clock(), await deps.timeZoneOf(tx.db, organizationId)));
      });
    },
  };
}

/** Lists and the cash flow ahead. */
function views(deps: PayablesDeps) {
  const { db, repo } = deps;
  const clock = deps.now ?? (() => new Date());
  const todayOf = async (organizationId: string) =>
    shopDate(clock(), await deps.timeZoneOf(db, organizationId));

  return {
    async list(ctx: AuthedContext, q: PayableListQuery): Promise<z.infer<typeof PayablePageSchema>> {
      assertCan(ctx, 'payables:manage');
      const organizationId = ctx.actor.organizationId;
      const [today, { rows, total }] = await Promise.all([
        todayOf(organizationId),
        repo.list(db, organizationId, q),
      ]);
      return { items: rows.map((r) => toPayable(r, today)), total, page: q.page, pageSize: q.pageSize };
    },

    /**
     * Per week ahead (Monday to Sunday in the shop's calendar, the current week first): open invoice
     * balances and open bills by due date. What fell due before today is overdue, apart from the weeks.
     */
    async cashFlow(ctx: AuthedContext, weeks: number): Promise<CashFlow> {
      assertCan(ctx, 'payables:manage');
      const organizationId = ctx.actor.organizationId;
      const today = await todayOf(organizationId);
      const first = weekStartOf(today);
      const starts = Array.from({ length: weeks }, (_, i) => addDays(first, 7 * i));
      const rows = await repo.cashFlow(db, organizationId, { today, end: addDays(first, 7 * weeks) });
      const sum = (side: 'RECEIVABLE' | 'PAYABLE', week: string | null) =>
        fromCents(rows.find((r) => r.side === side && r.week === week)?.cents ?? 0);
      return {
        weeks: starts.map((weekStart) => ({
          weekStart,
          receivable: sum('RECEIVABLE', weekStart),
          payable: sum('PAYABLE', weekStart),
        })),
        overdueReceivable: sum('RECEIVABLE', null),
        overduePayable: sum('PAYABLE', null),
      };
    },
  };
}

/** What the shop owes (supplier bills) and the cash flow ahead (issue 12 §2). */
export function createPayablesService(deps: PayablesDeps) {
  return { ...bills(deps), ...views(deps) };
}
export type PayablesService = ReturnType<typeof createPayablesService>;
