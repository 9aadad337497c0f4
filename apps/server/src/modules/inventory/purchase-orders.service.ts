import {
  formatMoney,
  fromCents,
  fromMilli,
  isWholeUnit,
  type Locale,
  type Page,
  type PurchaseOrder,
  type PurchaseOrderCreateSchema,
  type PurchaseOrderListQuerySchema,
  type PurchaseOrderStatus,
  type PurchaseOrderUpdateSchema,
  type ReceiptSchema,
  type ReorderSuggestion,
  sqlQuantity,
  toCents,
  toMilli,
  type Unit,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { t } from '../../platform/i18n.js';
import { type Idempotent, idempotent } from '../../platform/idempotency.js';
import type { ExistsCheck } from '../../platform/module.js';
import { takeNumber } from '../../platform/numbers.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import type { ComponentsRepo } from './components.repo.js';
import { announceArrivals, createLatePurchaseOrders, type PartsArrived } from './late-purchase-orders.js';
import { renderPurchaseOrderPdf } from './purchase-orders.pdf.js';
import type { PurchaseOrderLineRow, PurchaseOrderRow, PurchaseOrdersRepo } from './purchase-orders.repo.js';

import type { StockService } from './stock.service.js';
import type { SuppliersRepo } from './suppliers.repo.js';

export function toPurchaseOrder(
  row: PurchaseOrderRow & { late: boolean },
  lines: PurchaseOrderLineRow[],
): PurchaseOrder {
  const mine = lines.filter((l) => l.purchaseOrderId === row.id);
  const lineTotal = (l: PurchaseOrderLineRow) => Math.round((toMilli(l.quantity) * l.unitCostCents) / 1000);
  return {
    id: row.id,
    number: row.number,
    supplierId: row.supplierId,
    supplierName: row.supplierName,
    status: row.status as PurchaseOrderStatus,
    expectedAt: row.expectedAt,
    late: row.late ?? false,
    notes: row.notes,
    lines: mine.map((l) => ({
      id: l.id,
      componentId: l.componentId,
      componentName: l.componentName,
      code: l.code,
      unit: l.unit as Unit,
      quantity: Number(l.quantity),
      received: Number(l.received),
      unitCost: fromCents(l.unitCostCents),
      total: fromCents(lineTotal(l)),
      repairId: l.repairId,
    })),
    total: fromCents(mine.reduce((sum, l) => sum + lineTotal(l), 0)),
    sentAt: row.sentAt?.toISOString() ?? null,
    receivedAt: row.receivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

type PurchaseOrderCreate = z.output<typeof PurchaseOrderCreateSchema>;
type PurchaseOrderUpdate = z.output<typeof PurchaseOrderUpdateSchema>;
type PurchaseOrderListQuery = z.output<typeof PurchaseOrderListQuerySchema>;
type Receipt = z.output<typeof ReceiptSchema>;
type LineInput = PurchaseOrderCreate['lines'][number];

type PurchaseOrdersDeps = {
  /** issue 14 §8: orders whose parts arrived move on; managers hear of late orders */
  partsArrived?: PartsArrived;
  users?: Pick<UsersService, 'managersToNotify'>;
  db: Database;
  pool: pg.Pool;
  repo: PurchaseOrdersRepo;
  components: ComponentsRepo;
  suppliers: SuppliersRepo;
  stock: StockService;
  outbox: OutboxService;
  organizations: OrganizationService;
  repairExists: ExistsCheck;
};

/** Loading, presenting and checking orders and their lines: shared by every operation below. */
function createPurchaseOrderHelpers(deps: PurchaseOrdersDeps) {
  const { repo, components, suppliers, organizations, repairExists } = deps;

  async function load(executor: Database, ctx: AuthedContext, id: string, forUpdate = false) {
    const row = await repo.findById(executor, ctx.actor.organizationId, id, { forUpdate });
    if (!row) throw notFound('purchase_orders.not_found');
    return row;
  }

  async function present(executor: Database, ctx: AuthedContext, id: string): Promise<PurchaseOrder> {
    const row = await load(executor, ctx, id);
    return toPurchaseOrder(row, await repo.linesOf(executor, [id]));
  }

  async function supplierOf(executor: Database, ctx: AuthedContext, supplierId: string) {
    const supplier = await suppliers.findById(executor, ctx.actor.organizationId, supplierId);
    if (!supplier) throw notFound('suppliers.not_found');
    return supplier;
  }

  /** Checks components, whole units and service orders; the cost defaults to the supplier's price. */
  async function resolveLines(
    executor: Database,
    ctx: AuthedContext,
    supplierId: string,
    lines: LineInput[],
  ) {
    const organizationId = ctx.actor.organizationId;
    const ids = [...new Set(lines.map((l) => l.componentId))];
    const found = new Map((await components.findByIds(executor, organizationId, ids)).map((c) => [c.id, c]));
    const supplied = new Map(
      (await suppliers.componentsOf(executor, organizationId, [supplierId])).map((s) => [s.componentId, s]),
    );
    const repairIds = [...new Set(lines.map((l) => l.repairId).filter((r): r is string => !!r))];
    const repairs = new Set<string>();
    for (const repairId of repairIds) {
      if (await repairExists(executor, organizationId, repairId)) repairs.add(repairId);
    }
    return lines.map((line) => {
      const component = found.get(line.componentId);
      if (!component) throw notFound('components.not_found', { id: line.componentId });
      if (isWholeUnit(component.unit) && !Number.isInteger(line.quantity)) {
        throw new AppError('UNPROCESSABLE', 'components.whole_quantity', { name: component.name });
      }
      if (line.repairId && !repairs.has(line.repairId)) throw notFound('purchase_orders.repair_not_found');
      const unitCostCents =
        line.unitCost !== undefined
          ? toCents(line.unitCost)
          : (supplied.get(component.id)?.costCents ?? component.costCents);
      return {
        componentId: component.id,
        quantity: sqlQuantity(line.quantity),
        unitCostCents,
        repairId: line.repairId ?? null,
      };
    });
  }

  async function createDraft(
    tx: Tx,
    ctx: AuthedContext,
    number: number,
    data: {
      supplierId: string;
      expectedAt?: string | null | undefined;
      notes?: string | null | undefined;
      lines: LineInput[];
    },
    action: string,
  ): Promise<PurchaseOrder> {
    const organizationId = ctx.actor.organizationId;
    await supplierOf(tx.db, ctx, data.supplierId);
    const lines = await resolveLines(tx.db, ctx, data.supplierId, data.lines);
    const row = await repo.insert(tx.db, {
      organizationId,
      number,
      supplierId: data.supplierId,
      expectedAt: data.expectedAt ?? null,
      notes: data.notes ?? null,
    });
    await repo.replaceLines(tx.db, organizationId, row.id, lines);
    const created = await present(tx.db, ctx, row.id);
    await recordAudit(tx.db, ctx, {
      organizationId,
      action,
      entity: 'purchase_order',
      entityId: row.id,
      after: created,
    });
    return created;
  }

  async function pdfFor(executor: Database, ctx: AuthedContext, order: PurchaseOrder, locale: Locale) {
    const organization = (await organizations.profile(executor, ctx.actor.organizationId))!;
    const supplier = await supplierOf(executor, ctx, order.supplierId);
    return renderPurchaseOrderPdf(
      order,
      {
        name: organization.name,
        document: organization.document,
        address: organization.address,
        currency: organization.currency,
      },
      {
        name: supplier.name,
        document: supplier.document,
        documentType: supplier.documentType,
        email: supplier.email,
        phone: supplier.phone,
      },
      locale,
    );
  }

  return { load, present, supplierOf, resolveLines, createDraft, pdfFor };
}
type PurchaseOrderHelpers = ReturnType<typeof createPurchaseOrderHelpers>;

/** Parts below their minimum, grouped by supplier, with enough to order to get back above it. */
async function reorderSuggestions(
  deps: PurchaseOrdersDeps,
  executor: Database,
  ctx: AuthedContext,
): Promise<ReorderSuggestion[]> {
  const { repo, components, suppliers } = deps;
  const organizationId = ctx.actor.organizationId;
  const [below, onOrder] = await Promise.all([
    components.belowMinimum(executor, organizationId),
    repo.onOrder(executor, organizationId),
  ]);
  const supplierIds = [...new Set(below.map((c) => c.supplierId).filter((s): s is string => !!s))];
  const costs = new Map(
    (await suppliers.componentsOf(executor, organizationId, supplierIds)).map((s) => [
      `${s.supplierId}:${s.componentId}`,
      s.costCents,
    ]),
  );
  const groups = new Map<string, ReorderSuggestion>();
  for (const c of below) {
    const stockMilli = toMilli(c.stock);
    const minMilli = toMilli(c.minStock);
    // enough to reach twice the minimum, counting what is already on order; never less than the gap
    let suggested = Math.max(
      minMilli * 2 - stockMilli - toMilli(onOrder.get(c.id) ?? 0),
      minMilli - stockMilli,
    );
    if (isWholeUnit(c.unit)) suggested = Math.ceil(suggested / 1000) * 1000;
    if (suggested <= 0) continue;
    const key = c.supplierId ?? '';
    const group = groups.get(key) ?? {
      supplierId: c.supplierId,
      supplierName: c.registeredSupplierName ?? t(ctx.locale, 'purchase_orders.no_supplier'),
      lines: [],
    };
    group.lines.push({
      componentId: c.id,
      name: c.name,
      code: c.code,
      unit: c.unit as Unit,
      stock: Number(c.stock),
      minStock: Number(c.minStock),
      suggestedQuantity: fromMilli(suggested),
      unitCost: fromCents(costs.get(`${c.supplierId}:${c.id}`) ?? c.costCents),
    });
    groups.set(key, group);
  }
  // suppliers by name; parts with no supplier last
  return [...groups.values()].sort((a, b) =>
    a.supplierId === null ? 1 : b.supplierId === null ? -1 : a.supplierName.localeCompare(b.supplierName),
  );
}

/** draft → sent: the supplier receives the PDF by e-mail (or it waits in the outbox). */
async function sendToSupplier(
  deps: PurchaseOrdersDeps,
  helpers: PurchaseOrderHelpers,
  ctx: AuthedContext,
  id: string,
  ifMatch?: number,
): Promise<PurchaseOrder> {
  const { pool, repo, outbox, organizations } = deps;
  const { load, present, supplierOf, pdfFor } = helpers;
  assertCan(ctx, 'purchase-orders:write');
  const organizationId = ctx.actor.organizationId;
  return inTransaction(pool, async (tx) => {
    const row = await load(tx.db, ctx, id, true);
    assertVersion(ifMatch, row.version);
    if (row.status !== 'draft') {
      throw new AppError('UNPROCESSABLE', 'purchase_orders.not_draft', { status: row.status });
    }
    await repo.update(tx.db, organizationId, id, { status: 'sent', sentAt: new Date() });
    const order = await present(tx.db, ctx, id);
    const supplier = await supplierOf(tx.db, ctx, row.supplierId);
    const to = supplier.email ?? supplier.contacts.find((c) => c.email)?.email ?? null;
    const organization = (await organizations.profile(tx.db, organizationId))!;
    // the supplier reads the shop's language
    const locale = (['pt-BR', 'es', 'en'] as const).find((l) => l === organization.locale) ?? 'pt-BR';
    if (to) {
      const pdf = await pdfFor(tx.db, ctx, order, locale);
      const params = {
        number: String(order.number),
        org: organization.name,
        supplier: supplier.name,
        total: formatMoney(toCents(order.total), locale, organization.currency),
        expected: order.expectedAt
          ? t(locale, 'mail.purchase_order.expected', {
              date: new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).format(new Date(order.expectedAt)),
            })
          : '',
      };
      await outbox.queueEmail(tx, {
        organizationId,
        to,
        subject: t(locale, 'mail.purchase_order.subject', params),
        text: t(locale, 'mail.purchase_order.body', params),
        relatedEntity: 'purchase_order',
        relatedId: id,
        attachments: [
          {
            filename: `pedido-${order.number}.pdf`,
            contentType: 'application/pdf',
            contentBase64: pdf.toString('base64'),
          },
        ],
      });
    }
    await recordAudit(tx.db, ctx, {
      organizationId,
      action: 'purchase_order.sent',
      entity: 'purchase_order',
      entityId: id,
      after: { status: 'sent', emailedTo: to },
    });
    return order;
  });
}

/** Goods in: exactly the received quantities become IN movements; never more than ordered. */
async function receiveGoods(
  deps: PurchaseOrdersDeps,
  helpers: PurchaseOrderHelpers,
  ctx: AuthedContext,
  id: string,
  data: Receipt,
): Promise<PurchaseOrder> {
  const { pool, repo, components, suppliers, stock } = deps;
  const { load, present } = helpers;
  assertCan(ctx, 'purchase-orders:write');
  assertCan(ctx, 'stock:adjust');
  const organizationId = ctx.actor.organizationId;
  return inTransaction(pool, async (tx) => {
    const row = await load(tx.db, ctx, id, true);
    if (row.status !== 'sent' && row.status !== 'partially_received') {
      throw new AppError('UNPROCESSABLE', 'purchase_orders.not_receivable', { status: row.status });
    }
    const lines = new Map((await repo.linesOf(tx.db, [id])).map((l) => [l.id, l]));
    const merged = new Map<string, number>();
    for (const r of data.lines) merged.set(r.lineId, (merged.get(r.lineId) ?? 0) + toMilli(r.quantity));
    const receipts = [...merged.entries()]
      .map(([lineId, milli]) => {
        const line = lines.get(lineId);
        if (!line) throw notFound('purchase_orders.line_not_found', { lineId });
        return { line, quantity: fromMilli(milli) };
      })
      // one lock order for stock rows across concurrent receipts
      .sort((a, b) => (a.line.componentId < b.line.componentId ? -1 : 1));
    for (const { line, quantity } of receipts) {
      if (isWholeUnit(line.unit) && !Number.isInteger(quantity)) {
        throw new AppError('UNPROCESSABLE', 'components.whole_quantity', { name: line.componentName });
      }
      if (!(await repo.addReceived(tx.db, id, line.id, sqlQuantity(quantity)))) {
        const ordered = Number(line.quantity);
        const received = Number(line.received);
        const remaining = fromMilli(toMilli(ordered) - toMilli(received));
        throw new AppError(
          'UNPROCESSABLE',
          'purchase_orders.over_receipt',
          { name: `${line.code} — ${line.componentName}`, ordered, received, remaining, quantity },
          {
            lineId: line.id,
            componentId: line.componentId,
            ordered,
            received,
            remaining,
            requested: quantity,
          },
        );
      }
      await stock.receive(
        tx,
        ctx,
        { type: 'purchase_order', id, reason: data.note ?? `#${row.number}` },
        { componentId: line.componentId, quantity },
      );
      // the last price paid becomes the component's cost and the supplier's price
      await components.setCost(tx.db, organizationId, line.componentId, line.unitCostCents);
      await suppliers.setComponentCost(
        tx.db,
        organizationId,
        row.supplierId,
        line.componentId,
        line.unitCostCents,
      );
    }
    const after = await repo.linesOf(tx.db, [id]);
    const complete = after.every((l) => toMilli(l.received) >= toMilli(l.quantity));
    await announceArrivals(deps, tx, ctx, receipts, after);
    await repo.update(tx.db, organizationId, id, {
      status: complete ? 'received' : 'partially_received',
      ...(complete ? { receivedAt: new Date() } : {}),
    });
    const order = await present(tx.db, ctx, id);
    await recordAudit(tx.db, ctx, {
      organizationId,
      action: 'purchase_order.received',
      entity: 'purchase_order',
      entityId: id,
      after: {
        status: order.status,
        lines: receipts.map((r) => ({ lineId: r.line.id, quantity: r.quantity })),
        note: data.note ?? null,
      },
    });
    return order;
  });
}

/** What billing asks of purchase orders (a supplier bill), with the caller's executor. */
function billingReads(deps: PurchaseOrdersDeps) {
  return {
    /** The order's supplier, status and what was received, at cost (per line, rounded as its totals). */
    async receivedForBill(executor: Database, organizationId: string, id: string) {
      const row = await deps.repo.findById(executor, organizationId, id);
      if (!row) return undefined;
      const lines = await deps.repo.linesOf(executor, [id]);
      const receivedCents = lines.reduce(
        (sum, l) => sum + Math.round((toMilli(l.received) * l.unitCostCents) / 1000),
        0,
      );
      const { number, supplierId, supplierName } = row;
      const status = row.status as PurchaseOrderStatus;
      return { id, number, status, supplierId, supplierName, receivedCents };
    },
    /** A supplier's name (a bill typed in may name its supplier). */
    async supplierNameOf(executor: Database, organizationId: string, supplierId: string) {
      return (await deps.suppliers.findById(executor, organizationId, supplierId))?.name;
    },
  };
}

export function createPurchaseOrdersService(deps: PurchaseOrdersDeps) {
  const { db, pool, repo } = deps;
  const helpers = createPurchaseOrderHelpers(deps);
  const { load, present, supplierOf, resolveLines, createDraft, pdfFor } = helpers;

  return {
    ...createLatePurchaseOrders(deps),
    async list(ctx: AuthedContext, q: PurchaseOrderListQuery): Promise<Page<PurchaseOrder>> {
      assertCan(ctx, 'purchase-orders:read');
      const { rows, total } = await repo.list(db, ctx.actor.organizationId, q);
      const lines = await repo.linesOf(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => toPurchaseOrder(r, lines)), total, page: q.page, pageSize: q.pageSize };
    },

    async get(ctx: AuthedContext, id: string): Promise<PurchaseOrder> {
      assertCan(ctx, 'purchase-orders:read');
      return present(db, ctx, id);
    },

    /** With an Idempotency-Key, a retry answers the first order instead of a second draft. */
    async create(
      ctx: AuthedContext,
      data: PurchaseOrderCreate,
      idempotencyKey?: string,
    ): Promise<Idempotent<PurchaseOrder>> {
      assertCan(ctx, 'purchase-orders:write');
      // on the pool and committed at once, before the order's transaction (decision 0005)
      const number = await takeNumber(pool, ctx.actor.organizationId, 'purchase_order', { gapless: false });
      return inTransaction(pool, (tx) =>
        idempotent(
          tx,
          ctx,
          { scope: 'purchase-orders.create', key: idempotencyKey, request: data, status: 201 },
          () => createDraft(tx, ctx, number, data, 'purchase_order.created'),
        ),
      );
    },

    async update(
      ctx: AuthedContext,
      id: string,
      data: PurchaseOrderUpdate,
      ifMatch?: number,
    ): Promise<PurchaseOrder> {
      assertCan(ctx, 'purchase-orders:write');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const row = await load(tx.db, ctx, id, true);
        assertVersion(ifMatch, row.version);
        if (row.status !== 'draft') {
          throw new AppError('UNPROCESSABLE', 'purchase_orders.not_draft', { status: row.status });
        }
        const before = await present(tx.db, ctx, id);
        const supplierId = data.supplierId ?? row.supplierId;
        if (data.supplierId) await supplierOf(tx.db, ctx, data.supplierId);
        await repo.update(tx.db, organizationId, id, {
          supplierId,
          ...(data.expectedAt !== undefined ? { expectedAt: data.expectedAt } : {}),
          ...(data.notes !== undefined ? { notes: data.notes } : {}),
        });
        if (data.lines) {
          await repo.replaceLines(
            tx.db,
            organizationId,
            id,
            await resolveLines(tx.db, ctx, supplierId, data.lines),
          );
        }
        const after = await present(tx.db, ctx, id);
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'purchase_order.updated',
          entity: 'purchase_order',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    },

    send: (ctx: AuthedContext, id: string, ifMatch?: number) =>
      sendToSupplier(deps, helpers, ctx, id, ifMatch),

    async pdf(ctx: AuthedContext, id: string): Promise<{ pdf: Buffer; number: number }> {
      assertCan(ctx, 'purchase-orders:read');
      const order = await present(db, ctx, id);
      return { pdf: await pdfFor(db, ctx, order, ctx.locale), number: order.number };
    },

    receive: (ctx: AuthedContext, id: string, data: Receipt) => receiveGoods(deps, helpers, ctx, id, data),

    async cancel(ctx: AuthedContext, id: string, ifMatch?: number): Promise<PurchaseOrder> {
      assertCan(ctx, 'purchase-orders:write');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const row = await load(tx.db, ctx, id, true);
        assertVersion(ifMatch, row.version);
        if (row.status === 'received' || row.status === 'cancelled') {
          throw new AppError('UNPROCESSABLE', 'purchase_orders.not_cancellable', { status: row.status });
        }
        await repo.update(tx.db, organizationId, id, { status: 'cancelled', cancelledAt: new Date() });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'purchase_order.cancelled',
          entity: 'purchase_order',
          entityId: id,
          before: { status: row.status },
          after: { status: 'cancelled' },
        });
        return present(tx.db, ctx, id);
      });
    },

    async suggestions(ctx: AuthedContext): Promise<{ items: ReorderSuggestion[] }> {
      assertCan(ctx, 'purchase-orders:read');
      return { items: await reorderSuggestions(deps, db, ctx) };
    },

    async fromSuggestions(ctx: AuthedContext, supplierId: string): Promise<PurchaseOrder> {
      assertCan(ctx, 'purchase-orders:write');
      const number = await takeNumber(pool, ctx.actor.organizationId, 'purchase_order', { gapless: false });
      return inTransaction(pool, async (tx) => {
        await supplierOf(tx.db, ctx, supplierId);
        const group = (await reorderSuggestions(deps, tx.db, ctx)).find((g) => g.supplierId === supplierId);
        if (!group || group.lines.length === 0)
          throw new AppError('UNPROCESSABLE', 'purchase_orders.no_suggestions');
        return createDraft(
          tx,
          ctx,
          number,
          {
            supplierId,
            lines: group.lines.map((l) => ({
              componentId: l.componentId,
              quantity: l.suggestedQuantity,
              unitCost: l.unitCost,
            })),
          },
          'purchase_order.created_from_suggestions',
        );
      });
    },
    ...billingReads(deps),
  };
}
export type PurchaseOrdersService = ReturnType<typeof createPurchaseOrdersService>;
