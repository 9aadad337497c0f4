import {
  type ChecklistUpdateSchema,
  formatMoney,
  fromCents,
  isClosedStatus,
  type Locale,
  partTotalCents,
  type Repair,
  type RepairStatus,
  type RepairTransitionSchema,
  STATUS_STOCK_EFFECT,
  toMilli,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { InvoicesService, OrderInvoiceDraft } from '../../billing/invoices.service.js';
import type { OrganizationService } from '../../organization/organization.service.js';
import type { EstimatesRepo } from '../estimates/estimates.repo.js';
import type { LinesService } from '../lines/lines.service.js';
import { type Lines, longestWarrantyDays } from '../lines/totals.js';
import type { OrderChanges } from '../orders/order-changes.js';
import type { RepairReader } from '../orders/repair-reader.js';
import type { RepairInsert, RepairRow, RepairsRepo } from '../orders/repairs.repo.js';
import type { RepairTimeRepo } from '../time/time.repo.js';
import { applyChecklist, checklistOf, pendingItems } from './checklist.js';
import { customerEventOf } from './customer-events.js';
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
  time: Pick<RepairTimeRepo, 'stopAll' | 'technicianIds'>;
  reader: Pick<RepairReader, 'load'>;
  /** billing: the invoice issued when an order is finished, the balance checked at delivery */
  invoices: Pick<InvoicesService, 'issueForOrder' | 'balanceOfRepair'>;
  organization: Pick<OrganizationService, 'profile'>;
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
    // seed 000 §6.2: the invoice is generated in the same transaction, its number stamped last
    const invoice =
      to === 'FINALIZADO'
        ? await deps.invoices.issueForOrder(tx, ctx, await invoiceDraft(tx, ctx, updated, current))
        : null;
    await recordAudit(tx.db, ctx, {
      organizationId,
      action: 'repair.status_changed',
      entity: 'repair',
      entityId: id,
      before: { status: from },
      after: { status: to, note },
    });
    await changes.live(tx, ctx, 'repair.status_changed', updated);
    // the customer hears of it (issue 14): the communication module sends it after COMMIT
    await notifyCustomer({ changes, time: deps.time }, tx, row, updated, to);
    // then the invoice with its Pix link, after "ready for pickup"
    if (invoice) await changes.notify(tx, updated, 'invoice_issued', { invoiceId: invoice.id });
    return updated;
  }

  /** The charged lines of a finished order, as billing writes them (declined lines are not charged). */
  async function invoiceDraft(
    tx: Tx,
    ctx: AuthedContext,
    row: RepairRow,
    current: Lines,
  ): Promise<OrderInvoiceDraft> {
    const profile = await deps.organization.profile(tx.db, ctx.actor.organizationId);
    const locale = (profile?.locale ?? ctx.locale) as Locale;
    const charged = <T extends { approval: string | null }>(l: T) => l.approval !== 'declined';
    return {
      repairId: row.id,
      repairNumber: row.number,
      customerId: row.customerId,
      branchId: row.branchId,
      discountCents: row.discountCents,
      totalCents: row.totalCents,
      lines: [
        ...current.appliances.filter(charged).map((a) => ({
          kind: 'SERVICE' as const,
          description: `${t(locale, 'documents.kind.appliance')}: ${[a.brand, a.model].filter(Boolean).join(' ') || a.type}`,
          quantityMilli: 1000,
          unitValueCents: a.laborCents,
          totalCents: a.laborCents,
          componentId: null,
        })),
        ...current.services.filter(charged).map((s) => ({
          kind: 'SERVICE' as const,
          description: s.description,
          quantityMilli: 1000,
          unitValueCents: s.priceCents,
          totalCents: s.priceCents,
          componentId: null,
        })),
        ...current.parts.filter(charged).map((p) => {
          const quantityMilli = toMilli(p.quantity);
          return {
            kind: 'PART' as const,
            description: p.name,
            quantityMilli,
            unitValueCents: p.unitPriceCents,
            totalCents: partTotalCents(quantityMilli, p.unitPriceCents),
            componentId: p.componentId,
          };
        }),
      ],
    };
  }

  /** Delivering with money still owed: refused when the shop says BLOCK, a warning when WARN. */
  async function deliveryWarnings(tx: Tx, ctx: AuthedContext, id: string): Promise<Warning[]> {
    const invoice = await deps.invoices.balanceOfRepair(tx.db, ctx.actor.organizationId, id);
    if (!invoice || invoice.balanceCents <= 0) return [];
    const profile = await deps.organization.profile(tx.db, ctx.actor.organizationId);
    const params = { number: invoice.number, balance: formatMoney(invoice.balanceCents, ctx.locale) };
    if (profile?.deliveryBalancePolicy === 'BLOCK') {
      throw new AppError('UNPROCESSABLE', 'billing.delivery_balance_blocked', params, {
        invoiceNumber: invoice.number,
        balance: fromCents(invoice.balanceCents),
      });
    }
    return [{ code: 'invoice_balance', message: t(ctx.locale, 'billing.delivery_balance_blocked', params) }];
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
      const warnings = input.status === 'ENTREGUE' ? await deliveryWarnings(tx, ctx, id) : [];
      await transitionLocked(tx, ctx, row, input.status, input.note ?? null);
      return { ...(await reader.load(tx.db, ctx, id)), warnings };
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

  const arrived = partsArrived.bind(null, { repo, changes, transitionLocked });
  return { transition, transitionLocked, setChecklist, partsArrived: arrived };
}

/** The status event the customer is told of, with the technicians a delivered order's feedback names. */
async function notifyCustomer(
  deps: { changes: Pick<OrderChanges, 'notify'>; time: Pick<RepairTimeRepo, 'technicianIds'> },
  tx: Tx,
  before: RepairRow,
  updated: RepairRow,
  to: RepairStatus,
): Promise<void> {
  const event = customerEventOf(before.status as RepairStatus, to);
  if (!event) return;
  const clocked = to === 'ENTREGUE' ? await deps.time.technicianIds(tx.db, updated.id) : [];
  const technicians = before.technicianId ? [...new Set([before.technicianId, ...clocked])] : clocked;
  await deps.changes.notify(tx, updated, event, { technicianIds: technicians.join(',') });
}

/**
 * The parts an order waited for were received (issue 14 §8), in the receipt's transaction: an order
 * in AGUARDANDO_PECAS goes back to work, which tells the customer; one the receiver may not move is
 * left as it is, and the customer is still told.
 */
async function partsArrived(
  deps: {
    repo: Pick<RepairsRepo, 'lock'>;
    changes: Pick<OrderChanges, 'notify'>;
    transitionLocked: (
      tx: Tx,
      ctx: AuthedContext,
      row: RepairRow,
      to: RepairStatus,
      note: string | null,
    ) => Promise<RepairRow>;
  },
  tx: Tx,
  ctx: AuthedContext,
  id: string,
): Promise<void> {
  const row = await deps.repo.lock(tx.db, ctx.actor.organizationId, id);
  if (row?.status !== 'AGUARDANDO_PECAS') return;
  const note = t(ctx.locale, 'repairs.parts_arrived_note');
  const moved = await deps.transitionLocked(tx, ctx, row, 'EM_ANDAMENTO', note).catch((error: unknown) => {
    if (error instanceof AppError) return null;
    throw error;
  });
  if (!moved) await deps.changes.notify(tx, row, 'parts_arrived');
}
export type RepairStatusService = ReturnType<typeof createRepairStatusService>;
