import {
  DEFAULT_WARRANTY_DAYS,
  fromMilli,
  type RepairUpdateSchema,
  sqlQuantity,
  toMilli,
} from '@bancada/shared';
import type { z } from 'zod';
import type { AuthedContext } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import type { Tx } from '../../../platform/tx.js';
import type { AssetsService } from '../../customers/assets.service.js';
import type { StockService } from '../../inventory/stock.service.js';
import { applianceColumns, partColumns } from './line-columns.js';
import type { LinesRepo } from './lines.repo.js';
import type { LinePricing } from './pricing.js';
import { moveStock, type StockLine, stockRef } from './stock-moves.js';

type RepairUpdateParsed = z.output<typeof RepairUpdateSchema>;
type Order = { id: string; number: number; organizationId: string; customerId: string };

export type ReconcileDeps = {
  repo: LinesRepo;
  pricing: LinePricing;
  assets: Pick<AssetsService, 'applianceForOrder'>;
  stock: StockService;
};

/** Line ids that must already be on the order (a PATCH keeps lines by id). */
function assertKnown(input: { id?: string | undefined }[], existing: Map<string, unknown>) {
  for (const line of input)
    if (line.id && !existing.has(line.id)) throw notFound('repairs.line_not_found', { id: line.id });
}

/** A PATCH's appliance array replaces the lines: kept by id, new ones become assets of the customer. */
export async function reconcileAppliances(
  deps: ReconcileDeps,
  tx: Tx,
  ctx: AuthedContext,
  order: Order,
  input: NonNullable<RepairUpdateParsed['appliances']>,
) {
  const existing = await deps.repo.appliances(tx.db, order.id);
  const byId = new Map(existing.map((a) => [a.id, a]));
  assertKnown(input, byId);
  const kept = new Set(input.map((a) => a.id).filter(Boolean));
  await deps.repo.deleteAppliances(
    tx.db,
    existing.filter((a) => !kept.has(a.id)).map((a) => a.id),
  );
  for (const [position, a] of input.entries()) {
    const values = applianceColumns(a, position);
    const before = a.id ? byId.get(a.id) : undefined;
    if (before) {
      // an approved line that changes needs a new approval (CDC art. 40)
      const changed = before.laborCents !== values.laborCents || before.type !== values.type;
      await deps.repo.updateAppliance(tx.db, before.id, {
        ...values,
        ...(changed ? { approval: null } : {}),
      });
    } else {
      const assetId = await deps.assets.applianceForOrder(tx, ctx, order.customerId, a);
      await deps.repo.insertAppliances(tx.db, [
        { ...values, organizationId: order.organizationId, repairId: order.id, assetId },
      ]);
    }
  }
}

/** A PATCH's service array replaces the labor lines; a changed price or hours needs a new approval. */
export async function reconcileServices(
  deps: ReconcileDeps,
  tx: Tx,
  ctx: AuthedContext,
  order: Order,
  input: NonNullable<RepairUpdateParsed['services']>,
) {
  const existing = await deps.repo.services(tx.db, order.id);
  const byId = new Map(existing.map((s) => [s.id, s]));
  assertKnown(input, byId);
  const priced = await deps.pricing.priceServices(tx.db, ctx, input);
  const kept = new Set(priced.map((s) => s.id).filter(Boolean));
  await deps.repo.deleteServices(
    tx.db,
    existing.filter((s) => !kept.has(s.id)).map((s) => s.id),
  );
  for (const [position, { id, ...values }] of priced.entries()) {
    const before = id ? byId.get(id) : undefined;
    if (before) {
      const changed =
        before.priceCents !== values.priceCents || Number(before.hours) !== Number(values.hours);
      await deps.repo.updateService(tx.db, before.id, {
        ...values,
        position,
        ...(changed ? { approval: null } : {}),
      });
    } else {
      await deps.repo.insertServices(tx.db, [
        { ...values, position, organizationId: order.organizationId, repairId: order.id },
      ]);
    }
  }
}

/** Parts by component: the stock moves by the difference only (RESERVE more, RELEASE less). */
export async function reconcileParts(
  deps: ReconcileDeps,
  tx: Tx,
  ctx: AuthedContext,
  order: Order,
  input: NonNullable<RepairUpdateParsed['parts']>,
) {
  const priced = await deps.pricing.priceParts(tx.db, ctx, input);
  const existing = await deps.repo.parts(tx.db, order.id);
  const byComponent = new Map(existing.map((p) => [p.componentId, p]));
  const wanted = new Map(priced.map((p) => [p.component.id, p]));
  const reserve: StockLine[] = [];
  const release: StockLine[] = [];
  for (const part of existing) {
    if (!wanted.has(part.componentId) && part.stockState === 'reserved') {
      release.push({ componentId: part.componentId, quantity: Number(part.quantity) });
    }
  }
  await deps.repo.deleteParts(
    tx.db,
    existing.filter((p) => !wanted.has(p.componentId)).map((p) => p.id),
  );
  const warrantyByComponent = new Map(input.map((p) => [p.componentId, p.warrantyDays]));
  for (const [position, p] of priced.entries()) {
    const before = byComponent.get(p.component.id);
    const newMilli = toMilli(p.quantity);
    const heldMilli = before && before.stockState === 'reserved' ? toMilli(before.quantity) : 0;
    const delta = newMilli - heldMilli;
    if (delta > 0) reserve.push({ componentId: p.component.id, quantity: fromMilli(delta) });
    if (delta < 0) release.push({ componentId: p.component.id, quantity: fromMilli(-delta) });
    const warrantyDays =
      warrantyByComponent.get(p.componentId) ?? before?.warrantyDays ?? DEFAULT_WARRANTY_DAYS;
    if (before) {
      const changed = toMilli(before.quantity) !== newMilli || before.stockState !== 'reserved';
      await deps.repo.updatePart(tx.db, before.id, {
        position,
        quantity: sqlQuantity(p.quantity),
        warrantyDays,
        stockState: 'reserved',
        ...(changed ? { approval: null, unitPriceCents: p.component.priceCents } : {}),
      });
    } else {
      await deps.repo.insertParts(tx.db, [partColumns(order, p, position, warrantyDays)]);
    }
  }
  await moveStock(tx, ctx, stockRef(order), reserve, release, deps.stock);
}
