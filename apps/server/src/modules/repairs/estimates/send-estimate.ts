import {
  type EstimateCreateSchema,
  findTransition,
  fromCents,
  mayMake,
  type RepairStatus,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { t } from '../../../platform/i18n.js';
import type { SignedLinks } from '../../../platform/signed-links.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { OrganizationService } from '../../organization/organization.service.js';
import type { LinesRepo } from '../lines/lines.repo.js';
import type { LinesService } from '../lines/lines.service.js';
import type { OrderChanges } from '../orders/order-changes.js';
import type { RepairRow, RepairsRepo } from '../orders/repairs.repo.js';
import { documentHashOf, snapshotOf, toEstimate } from './estimate-document.js';
import type { EstimateSnapshot, EstimatesRepo } from './estimates.repo.js';

export type EstimateCreateParsed = z.output<typeof EstimateCreateSchema>;

/** The purpose estimate links are signed for (platform/signed-links). */
export const ESTIMATE_LINK = 'estimate-link';

const DAY_MS = 86_400_000;

export type SendEstimateDeps = {
  pool: pg.Pool;
  repo: EstimatesRepo;
  orders: RepairsRepo;
  linesRepo: LinesRepo;
  lines: LinesService;
  changes: OrderChanges;
  organization: Pick<OrganizationService, 'profile'>;
  links: SignedLinks;
  clock: () => Date;
};

/** Sending a new estimate version: the snapshot, its no-login link, the e-mail, the status move. */
export function createEstimateSending(deps: SendEstimateDeps) {
  const { repo, orders, lines, changes } = deps;

  /**
   * The customer is told, on the channels they agreed to (issue 14): a notification event with the
   * approval link, one per estimate version.
   */
  async function notify(
    tx: Tx,
    row: RepairRow,
    estimate: { version: number; link: string; validUntil: Date; snapshot: EstimateSnapshot },
  ) {
    await changes.notify(
      tx,
      row,
      'estimate_ready',
      {
        approvalLink: estimate.link,
        totalCents: estimate.snapshot.totalCents,
        validUntil: estimate.validUntil.toISOString(),
      },
      `v${estimate.version}`,
    );
  }

  /** The order waits for the customer's answer when the caller may move it there. */
  async function awaitApproval(tx: Tx, ctx: AuthedContext, row: RepairRow, version: number, now: Date) {
    const from = row.status as RepairStatus;
    const move = findTransition(from, 'AGUARDANDO_APROVACAO');
    if (!move || !mayMake(move, ctx.actor.role, ctx.actor.grants)) return row;
    const current = await orders.update(tx.db, ctx.actor.organizationId, row.id, {
      status: 'AGUARDANDO_APROVACAO',
      statusChangedAt: now,
    });
    await changes.event(tx, ctx, row.id, {
      type: 'status',
      fromStatus: from,
      toStatus: 'AGUARDANDO_APROVACAO',
      note: t(ctx.locale, 'estimates.status_note', { version }),
    });
    return current;
  }

  return async function create(ctx: AuthedContext, repairId: string, data: EstimateCreateParsed) {
    assertCan(ctx, 'repairs:update');
    const organizationId = ctx.actor.organizationId;
    return inTransaction(deps.pool, async (tx) => {
      const row = await changes.lockOpen(tx, ctx, repairId);
      changes.refuseClosed(ctx, row);
      const now = deps.clock();
      const version = ((await repo.latest(tx.db, repairId))?.version ?? 0) + 1;
      await repo.supersedePending(tx.db, repairId);
      const snapshot = snapshotOf(await lines.read(tx.db, row.id), row.discountCents);
      const validUntil = new Date(now.getTime() + data.validDays * DAY_MS);
      const estimate = await repo.insert(tx.db, {
        organizationId,
        repairId,
        version,
        status: 'pending',
        validUntil,
        snapshot,
        documentHash: documentHashOf(row, version, snapshot, validUntil),
        createdById: ctx.actor.userId,
        createdByName: ctx.actor.name,
        createdAt: now,
      });
      // every line on the estimate waits for the customer's answer, declined ones offered again
      await deps.linesRepo.markAllPending(tx.db, repairId);
      await changes.event(tx, ctx, repairId, {
        type: 'estimate_sent',
        note: data.note ?? null,
        data: { version, validUntil: validUntil.toISOString(), total: fromCents(snapshot.totalCents) },
      });
      await lines.recalculate(tx, ctx, await awaitApproval(tx, ctx, row, version, now));
      // the shop's public address (settings), else PUBLIC_URL: customers open it from outside
      const org = await deps.organization.profile(tx.db, organizationId);
      const link = `${org?.publicUrl ?? ''}/estimate/${deps.links.sign(ESTIMATE_LINK, estimate.id, validUntil)}`;
      if (data.notify) await notify(tx, row, { version, link, validUntil, snapshot });
      const result = toEstimate(estimate, row.number, now);
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'repair.estimate_sent',
        entity: 'repair',
        entityId: repairId,
        after: {
          version,
          validUntil: result.validUntil,
          documentHash: result.documentHash,
          total: result.totalValue,
        },
      });
      return { ...result, link };
    });
  };
}
