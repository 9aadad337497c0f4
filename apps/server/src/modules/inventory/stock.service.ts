import { isWholeUnit, type MovementType, mergeLines, type Shortage, sqlQuantity } from '@bancada/shared';
import type { AuthedContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { checkAtCommit, type Tx } from '../../platform/tx.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { UsersService } from '../users/users.service.js';
import {
  type ComponentsRepo,
  type MovementFacts,
  type MovementRow,
  parseStockMoved,
  type StockMoved,
  type StockState,
  stockChangeSql,
} from './components.repo.js';

/** The document a movement belongs to: a service order, a purchase order, a stock count. */
export type DocumentRef = { type: string; id: string; reason?: string | null };
export type StockLineInput = { componentId: string; quantity: number };

/** Why a conditional stock change matched no row, as the error the caller sees. */
async function refuse(
  repo: ComponentsRepo,
  tx: Tx,
  ctx: AuthedContext,
  type: MovementType,
  line: StockLineInput,
): Promise<never> {
  const current = await repo.findById(tx.db, ctx.actor.organizationId, line.componentId);
  if (!current) throw notFound('components.not_found', { id: line.componentId });
  if (type === 'RELEASE' || type === 'CONSUME') {
    throw new AppError(
      'UNPROCESSABLE',
      'components.insufficient_reserved',
      { name: current.name },
      { componentId: current.id, requested: line.quantity, available: Number(current.reserved) },
    );
  }
  if (type === 'ADJUST') {
    throw new AppError(
      'UNPROCESSABLE',
      'components.adjust_below_zero',
      { name: current.name, available: Number(current.stock) },
      { componentId: current.id, requested: -line.quantity, available: Number(current.stock) },
    );
  }
  const shortage: Shortage = {
    componentId: current.id,
    requested: line.quantity,
    available: Number(current.stock),
  };
  throw new AppError('INSUFFICIENT_STOCK', 'components.insufficient_stock', { name: current.name }, shortage);
}

/**
 * The stock ledger, used by inventory routes and by other modules (service orders reserve, release
 * and consume parts). Every call runs inside the caller's transaction.
 */
export function createStockService(deps: {
  repo: ComponentsRepo;
  users: UsersService;
  outbox: OutboxService;
}) {
  const { repo, users, outbox } = deps;

  async function alertIfLow(tx: Tx, ctx: AuthedContext, state: StockState): Promise<void> {
    if (Number(state.stock) >= Number(state.minStock)) return;
    const organizationId = ctx.actor.organizationId;
    // at most one alert until the stock recovers: the flag is claimed by a conditional update
    if (!(await repo.claimLowStockAlert(tx.db, organizationId, state.id))) return;
    const recipients = await users.managersToNotify(tx.db, organizationId);
    for (const person of recipients) {
      const locale = (['pt-BR', 'es', 'en'] as const).find((l) => l === person.locale) ?? ctx.locale;
      const params = {
        name: state.name,
        code: state.code,
        unit: state.unit,
        stock: Number(state.stock),
        minStock: Number(state.minStock),
      };
      await outbox.queueEmail(tx, {
        organizationId,
        to: person.email,
        subject: t(locale, 'mail.low_stock.subject', params),
        text: t(locale, 'mail.low_stock.body', params),
        relatedEntity: 'component',
        relatedId: state.id,
      });
    }
  }

  /**
   * What a stock change leaves to do: the refusal of the first line (in lock order) that its guard
   * refused, whole units for whole-unit parts, the low-stock alerts. Throwing rolls back the caller's
   * transaction, the lines that went through with it.
   */
  async function judge(
    tx: Tx,
    ctx: AuthedContext,
    type: MovementType,
    lines: StockLineInput[],
    moved: StockMoved[],
  ): Promise<MovementRow[]> {
    const byId = new Map(moved.map((m) => [m.state.id, m]));
    const refused = lines.find((line) => !byId.has(line.componentId));
    if (refused) return refuse(repo, tx, ctx, type, refused);
    for (const line of lines) {
      const { state } = byId.get(line.componentId) as StockMoved;
      if (isWholeUnit(state.unit) && !Number.isInteger(line.quantity)) {
        throw new AppError('UNPROCESSABLE', 'components.whole_quantity', { name: state.name });
      }
    }
    for (const { state } of moved) await alertIfLow(tx, ctx, state);
    return lines.map((line) => (byId.get(line.componentId) as StockMoved).movement);
  }

  function facts(ctx: AuthedContext, document: DocumentRef | null, reason: string | null): MovementFacts {
    return {
      reason: reason ?? document?.reason ?? null,
      documentType: document?.type ?? null,
      documentId: document?.id ?? null,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
    };
  }

  /** Movements of one type for several components: one statement (with the ledger rows), then `judge`. */
  async function moveAll(
    tx: Tx,
    ctx: AuthedContext,
    type: MovementType,
    document: DocumentRef | null,
    input: StockLineInput[],
    reason: string | null = null,
  ): Promise<MovementRow[]> {
    const lines = mergeLines(input);
    if (lines.length === 0) return [];
    const change = lines.map((l) => ({ componentId: l.componentId, quantity: sqlQuantity(l.quantity) }));
    const moved = await repo.moveStock(
      tx.db,
      ctx.actor.organizationId,
      type,
      change,
      facts(ctx, document, reason),
    );
    return judge(tx, ctx, type, lines, moved);
  }

  async function move(
    tx: Tx,
    ctx: AuthedContext,
    type: MovementType,
    line: StockLineInput,
    document: DocumentRef | null,
    reason: string | null,
  ): Promise<MovementRow> {
    const [row] = await moveAll(tx, ctx, type, document, [line], reason);
    return row as MovementRow;
  }

  return {
    /**
     * Takes parts out of available stock for a document, all or nothing: a shortage throws
     * INSUFFICIENT_STOCK (seed 004's 422) and the caller's transaction rolls back.
     */
    reserve: (tx: Tx, ctx: AuthedContext, document: DocumentRef, lines: StockLineInput[]) =>
      moveAll(tx, ctx, 'RESERVE', document, lines),
    /**
     * `reserve` in the transaction's last statement (platform/tx.ts `checkAtCommit`): the stock rows,
     * which every order with these parts needs, are locked for that statement and the COMMIT only. The
     * refusal, if any, still rolls the whole transaction back, with seed 004's 422.
     */
    async reserveAtCommit(tx: Tx, ctx: AuthedContext, document: DocumentRef, input: StockLineInput[]) {
      const lines = mergeLines(input);
      if (lines.length === 0) return;
      const organizationId = ctx.actor.organizationId;
      const change = lines.map((l) => ({ componentId: l.componentId, quantity: sqlQuantity(l.quantity) }));
      const movement = facts(ctx, document, null);
      await checkAtCommit(tx.db, {
        build: (prefix) => stockChangeSql(prefix, organizationId, 'RESERVE', change, movement),
        onResult: async (value) => {
          const moved = parseStockMoved(organizationId, 'RESERVE', movement, value);
          await judge(tx, ctx, 'RESERVE', lines, moved);
        },
      });
    },
    /** Reserved → available (a cancelled order, a removed line). */
    release: (tx: Tx, ctx: AuthedContext, document: DocumentRef, lines: StockLineInput[]) =>
      moveAll(tx, ctx, 'RELEASE', document, lines),
    /** Reserved → consumed (a finished order). */
    consume: (tx: Tx, ctx: AuthedContext, document: DocumentRef, lines: StockLineInput[]) =>
      moveAll(tx, ctx, 'CONSUME', document, lines),
    /** Goods in (a purchase order receipt, the initial stock). */
    receive: (
      tx: Tx,
      ctx: AuthedContext,
      document: DocumentRef | null,
      line: StockLineInput,
      reason?: string,
    ) => move(tx, ctx, 'IN', line, document, reason ?? null),
    /** After a new minimum: the alert goes out if the stock is now below it. */
    async checkLowStock(tx: Tx, ctx: AuthedContext, componentId: string): Promise<void> {
      const row = await repo.findById(tx.db, ctx.actor.organizationId, componentId);
      if (!row) return;
      await alertIfLow(tx, ctx, {
        id: row.id,
        name: row.name,
        code: row.code,
        unit: row.unit,
        stock: row.stock,
        reserved: row.reserved,
        minStock: row.minStock,
      });
    },
    /** A signed correction with a reason; never below zero. */
    adjust: (tx: Tx, ctx: AuthedContext, componentId: string, delta: number, reason: string) =>
      move(tx, ctx, 'ADJUST', { componentId, quantity: delta }, null, reason),
  };
}
export type StockService = ReturnType<typeof createStockService>;
