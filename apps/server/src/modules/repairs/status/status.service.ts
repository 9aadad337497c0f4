import {
  type ChecklistUpdateSchema,
  isClosedStatus,
  type Repair,
  type RepairStatus,
  type RepairTransitionSchema,
  STATUS_STOCK_EFFECT,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { EstimatesRepo } from '../estimates/estimates.repo.js';
import type { LinesService } from '../lines/lines.service.js';
import { longestWarrantyDays } from '../lines/totals.js';
import type { OrderChanges } from '../orders/order-changes.js';
import type { RepairReader } from '../orders/repair-reader.js';
import type { RepairInsert, RepairRow, RepairsRepo } from '../orders/repairs.repo.js';
import type { RepairTimeRepo } from '../time/time.repo.js';
import { applyChecklist, checklistOf, pendingItems } from './checklist.js';
import { assertGuards, ruleFor } from './transition-rules.js';

export type RepairTransitionParsed = z.output<typeof RepairTransitionSchema>;
export type ChecklistUpdateParsed = z.output<typeof ChecklistUpdateSchema>;
export type Warning = { code: string; message: string };

const DAY_MS = 86_400_000;

/** An order's status (the machine in packages/shared) and its review checklist. */
export function createRepairStatusService(deps: {
  pool: pg.Pool;
  repo: RepairsRepo;
  lines: LinesService;
  changes: OrderChanges;
  estimates: Pick<EstimatesRepo, 'latest'>;
  time: Pick<RepairTimeRepo, 'stopAll'>;
  reader: Pick<RepairReader, 'load'>;
  now?: () => Date;
}) {
  const { pool, repo, lines, changes, reader } = deps;
  const clock = deps.now ?? (() => new Date());

  /**
   * Moves an order already locked in the caller's transaction: the machine's rule and guards, stock,
   * the event row, audit and the live update. Other parts of repairs (a first timer) use it too.
   */
  async function transitionLocked(
    tx: Tx,
    ctx: AuthedContext,
    row: RepairRow,
    to: RepairStatus,
    note: string | null,
  ): Promise<RepairRow> {
    const organizationId = ctx.actor.organizationId;
    const id = row.id;
    const from = row.status as RepairStatus;
    const rule = ruleFor(ctx, from, to);
    await assertGuards(ctx, rule, {
      estimate: () => deps.estimates.latest(tx.db, id),
      pendingChecklist: pendingItems(row),
    });
    const now = clock();
    const current = await lines.read(tx.db, id);
    // finishing consumes what is on reserve, cancelling releases it
    await lines.settle(tx, ctx, row, STATUS_STOCK_EFFECT[to], current);
    const extra: Partial<RepairInsert> = {};
    if (to === 'FINALIZADO') {
      const days = longestWarrantyDays(current);
      Object.assign(extra, {
        finishedAt: now,
        approvedById: ctx.actor.userId,
        approvedByName: ctx.actor.name,
        approvedAt: now,
        warrantyUntil: days > 0 ? new Date(now.getTime() + days * DAY_MS) : null,
      });
    }
    if (to === 'ENTREGUE') extra.deliveredAt = now;
    // a closed order keeps no timer running (a forgotten one would count hours forever)
    if (isClosedStatus(to)) await deps.time.stopAll(tx.db, id, now);
    const updated = await repo.update(tx.db, organizationId, id, {
      status: to,
      statusChangedAt: now,
      ...extra,
    });
    await changes.event(tx, ctx, id, { type: 'status', fromStatus: from, toStatus: to, note });
    await recordAudit(tx.db, ctx, {
      organizationId,
      action: 'repair.status_changed',
      entity: 'repair',
      entityId: id,
      before: { status: from },
      after: { status: to, note },
    });
    await changes.live(tx, ctx, 'repair.status_changed', updated);
    return updated;
  }

  async function transition(
    ctx: AuthedContext,
    id: string,
    input: RepairTransitionParsed,
    ifMatch?: number,
  ): Promise<Repair & { warnings: Warning[] }> {
    assertCan(ctx, 'repairs:transition');
    return inTransaction(pool, async (tx) => {
      const row = await changes.lockOpen(tx, ctx, id, ifMatch);
      await transitionLocked(tx, ctx, row, input.status, input.note ?? null);
      return { ...(await reader.load(tx.db, ctx, id)), warnings: [] };
    });
  }

  async function setChecklist(ctx: AuthedContext, id: string, data: ChecklistUpdateParsed, ifMatch?: number) {
    assertCan(ctx, 'repairs:transition');
    const organizationId = ctx.actor.organizationId;
    return inTransaction(pool, async (tx) => {
      const row = await changes.lockOpen(tx, ctx, id, ifMatch);
      changes.refuseClosed(ctx, row);
      const current = checklistOf(row);
      const next = applyChecklist(current, data.items, { name: ctx.actor.name, at: clock().toISOString() });
      const updated = await repo.update(tx.db, organizationId, id, { checklist: next });
      await changes.event(tx, ctx, id, {
        type: 'checklist',
        data: { items: data.items.map((i) => ({ key: i.key, done: i.done })) },
      });
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'repair.checklist',
        entity: 'repair',
        entityId: id,
        before: current,
        after: next,
      });
      await changes.live(tx, ctx, 'repair.updated', updated);
      return reader.load(tx.db, ctx, id);
    });
  }

  return { transition, transitionLocked, setChecklist };
}
export type RepairStatusService = ReturnType<typeof createRepairStatusService>;
