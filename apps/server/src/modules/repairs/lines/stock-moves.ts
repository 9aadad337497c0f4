import type { AuthedContext } from '../../../platform/context.js';
import type { Tx } from '../../../platform/tx.js';
import type { StockService } from '../../inventory/stock.service.js';
import type { LinesRepo, PartRow } from './lines.repo.js';

export type StockLine = { componentId: string; quantity: number };

/** The stock ledger's reference to an order. */
export function stockRef(order: { id: string; number: number }) {
  return { type: 'repair', id: order.id, reason: `OS ${order.number}` };
}

/**
 * Reserves and releases in one pass by component id, the order every stock change locks rows in,
 * so two orders edited at once cannot deadlock on the same components.
 */
export async function moveStock(
  tx: Tx,
  ctx: AuthedContext,
  ref: { type: string; id: string; reason: string },
  reserve: StockLine[],
  release: StockLine[],
  stock: StockService,
): Promise<void> {
  const moves = [
    ...reserve.map((line) => ({ line, take: true })),
    ...release.map((line) => ({ line, take: false })),
  ].sort((a, b) =>
    a.line.componentId < b.line.componentId ? -1 : a.line.componentId > b.line.componentId ? 1 : 0,
  );
  for (const { line, take } of moves) {
    if (take) await stock.reserve(tx, ctx, ref, [line]);
    else await stock.release(tx, ctx, ref, [line]);
  }
}

/**
 * What a status does to the parts still on reserve: finishing turns them into CONSUME, cancelling
 * RELEASEs them (ARCHITECTURE §4); each line records where its stock went.
 */
export async function settleReservedParts(
  tx: Tx,
  ctx: AuthedContext,
  order: { id: string; number: number },
  effect: 'consume' | 'release' | null | undefined,
  parts: PartRow[],
  deps: { repo: LinesRepo; stock: StockService },
): Promise<void> {
  const held = parts.filter((p) => p.stockState === 'reserved');
  if (!effect || held.length === 0) return;
  const lines = held.map((p) => ({ componentId: p.componentId, quantity: Number(p.quantity) }));
  if (effect === 'consume') await deps.stock.consume(tx, ctx, stockRef(order), lines);
  else await deps.stock.release(tx, ctx, stockRef(order), lines);
  const stockState = effect === 'consume' ? 'consumed' : 'released';
  for (const p of held) await deps.repo.updatePart(tx.db, p.id, { stockState });
}
