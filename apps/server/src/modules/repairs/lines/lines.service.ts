import { fromCents, type RepairUpdateSchema } from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../../db/client.js';
import type { AuthedContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { Tx } from '../../../platform/tx.js';
import type { AssetsService } from '../../customers/assets.service.js';
import type { ComponentsService } from '../../inventory/components.service.js';
import type { StockService } from '../../inventory/stock.service.js';
import type { UsersService } from '../../users/users.service.js';
import type { CatalogRepo } from '../catalog/catalog.repo.js';
import type { OrderChanges } from '../orders/order-changes.js';
import type { RepairRow, RepairsRepo } from '../orders/repairs.repo.js';
import type { LinesRepo } from './lines.repo.js';
import { createLinePricing } from './pricing.js';
import { reconcileAppliances, reconcileParts, reconcileServices } from './reconcile.js';
import { moveStock, type StockLine, settleReservedParts, stockRef } from './stock-moves.js';
import { estimatedHoursOf, type Lines, type PricedLines, totalsOf } from './totals.js';

type RepairUpdateParsed = z.output<typeof RepairUpdateSchema>;

const decimal = (locale: string, value: number) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(value);

/**
 * An order's lines: pricing them (components and catalog as they are now), reconciling them on an
 * edit, moving stock for them, and the order's totals from them.
 */
export function createLinesService(deps: {
  repo: LinesRepo;
  orders: RepairsRepo;
  changes: OrderChanges;
  catalog: CatalogRepo;
  components: Pick<ComponentsService, 'forOrder'>;
  users: Pick<UsersService, 'activeStaff'>;
  assets: Pick<AssetsService, 'applianceForOrder'>;
  stock: StockService;
}) {
  const { repo, orders, changes, stock } = deps;
  const pricing = createLinePricing(deps);
  const reconcileDeps = { repo, pricing, assets: deps.assets, stock };

  /** One after another: the executor may be a transaction's single connection. */
  async function read(executor: Database, repairId: string): Promise<Lines> {
    const appliances = await repo.appliances(executor, repairId);
    const services = await repo.services(executor, repairId);
    const parts = await repo.parts(executor, repairId);
    return { appliances, services, parts };
  }

  /** Totals and hours from the stored lines; a discount larger than the sum is refused (no negative money). */
  async function totals(executor: Database, ctx: AuthedContext, repairId: string, discountCents: number) {
    return sums(ctx, await read(executor, repairId), discountCents);
  }

  /** The same from lines at hand (a new order's lines, before they are written). */
  function sums(ctx: AuthedContext, lines: PricedLines, discountCents: number) {
    const computed = totalsOf(lines, discountCents);
    if (computed.totalCents < 0) {
      const discount = fromCents(discountCents);
      const subtotal = fromCents(computed.subtotalCents);
      throw new AppError(
        'UNPROCESSABLE',
        'repairs.discount_exceeds_total',
        { discount: decimal(ctx.locale, discount), subtotal: decimal(ctx.locale, subtotal) },
        { discount, subtotal },
      );
    }
    return {
      partsTotalCents: computed.partsTotalCents,
      laborCents: computed.laborCents,
      discountCents,
      totalCents: computed.totalCents,
      estimatedHours: estimatedHoursOf(lines).toFixed(2),
    };
  }

  return {
    ...pricing,
    read,
    totals,
    sums,

    /** A PATCH's line arrays replace the order's lines; stock moves by the difference. */
    async reconcile(
      tx: Tx,
      ctx: AuthedContext,
      row: RepairRow,
      data: Pick<RepairUpdateParsed, 'appliances' | 'services' | 'parts'>,
    ) {
      if (data.appliances) await reconcileAppliances(reconcileDeps, tx, ctx, row, data.appliances);
      if (data.services) await reconcileServices(reconcileDeps, tx, ctx, row, data.services);
      if (data.parts) await reconcileParts(reconcileDeps, tx, ctx, row, data.parts);
    },

    /** Reserves and releases for the order in component-id order (see moveStock). */
    async moveStock(tx: Tx, ctx: AuthedContext, row: RepairRow, reserve: StockLine[], release: StockLine[]) {
      await moveStock(tx, ctx, stockRef(row), reserve, release, stock);
    },

    /** seed 004 rule 10: a new order's parts leave availability in its transaction (RESERVE). */
    async reserve(tx: Tx, ctx: AuthedContext, row: RepairRow, lines: StockLine[]) {
      await stock.reserve(tx, ctx, stockRef(row), lines);
    },

    /** `reserve` in the transaction's last statement: the stock rows are held to COMMIT only (issue 11). */
    async reserveAtCommit(tx: Tx, ctx: AuthedContext, row: RepairRow, lines: StockLine[]) {
      await stock.reserveAtCommit(tx, ctx, stockRef(row), lines);
    },

    async settle(
      tx: Tx,
      ctx: AuthedContext,
      row: RepairRow,
      effect: 'consume' | 'release' | null,
      lines: Lines,
    ) {
      await settleReservedParts(tx, ctx, row, effect, lines.parts, { repo, stock });
    },

    /**
     * After line approvals change, the totals (declined lines excluded) are recomputed and the
     * order's version moves on; the row must be locked by the caller.
     */
    async recalculate(tx: Tx, ctx: AuthedContext, row: RepairRow): Promise<RepairRow> {
      const lines = await read(tx.db, row.id);
      // a discount never exceeds what is still charged once lines are declined (no negative money)
      const discountCents = Math.min(row.discountCents, totalsOf(lines, 0).subtotalCents);
      const updated = await orders.update(tx.db, ctx.actor.organizationId, row.id, {
        ...(await totals(tx.db, ctx, row.id, discountCents)),
      });
      await changes.live(tx, ctx, 'repair.updated', updated);
      return updated;
    },
  };
}
export type LinesService = ReturnType<typeof createLinesService>;
