import type { ApprovalChannel, EstimateDecisionSchema, EstimateStatus } from '@bancada/shared';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit.js';
import type { AuthedContext, RequestContext } from '../../../platform/context.js';
import { AppError, notFound } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import type { Tx } from '../../../platform/tx.js';
import type { LineDecision, LinesRepo } from '../lines/lines.repo.js';
import type { LinesService } from '../lines/lines.service.js';
import type { StockLine } from '../lines/stock-moves.js';
import type { OrderChanges } from '../orders/order-changes.js';
import type { RepairRow, RepairsRepo } from '../orders/repairs.repo.js';
import { effectiveStatus, linesHash, snapshotOf } from './estimate-document.js';
import type { EstimateRow, EstimatesRepo } from './estimates.repo.js';

export type EstimateDecisionParsed = z.output<typeof EstimateDecisionSchema>;

/** Every line of the estimate answered, and nothing else (400 names each offending line). */
function decisionsFor(estimate: EstimateRow, data: EstimateDecisionParsed): Map<string, LineDecision> {
  const lineIds = new Set(estimate.snapshot.lines.map((l) => l.lineId));
  const decisions = new Map(data.decisions.map((d) => [d.lineId, d.decision]));
  const details: Record<string, string> = {};
  for (const id of decisions.keys())
    if (!lineIds.has(id)) details[`decisions.${id}`] = 'estimates.unknown_line';
  for (const id of lineIds) if (!decisions.has(id)) details[`decisions.${id}`] = 'validation.required';
  if (Object.keys(details).length) throw new AppError('VALIDATION', 'validation.failed', {}, details);
  return decisions;
}

function outcomeOf(values: LineDecision[]): EstimateStatus {
  if (values.every((v) => v === 'approved')) return 'approved';
  return values.every((v) => v === 'declined') ? 'declined' : 'partially_approved';
}

/** Through the link the customer is not a user: ledger rows name them and the order's author. */
function linkActor(ctx: RequestContext, row: RepairRow, signerName: string): AuthedContext {
  return {
    ...ctx,
    actor: {
      userId: row.createdById!,
      name: `${signerName} (${t(ctx.locale, 'estimates.via_link')})`,
      email: '',
      role: 'CUSTOMER',
      organizationId: row.organizationId,
      branchId: null,
      sessionId: 'estimate-link',
      grants: {},
      customerId: row.customerId,
    },
  };
}

/** The customer's answer, line by line (CDC art. 39 VI and 40), with the stock it moves. */
export function createEstimateDecision(deps: {
  repo: EstimatesRepo;
  orders: RepairsRepo;
  linesRepo: LinesRepo;
  lines: LinesService;
  changes: OrderChanges;
  clock: () => Date;
}) {
  const { repo, orders, linesRepo, lines, changes } = deps;

  /** Approvals on the lines; a declined part goes back to the shelf, one approved again is retaken. */
  async function applyToLines(tx: Tx, estimate: EstimateRow, decisions: Map<string, LineDecision>) {
    const released: StockLine[] = [];
    const retaken: StockLine[] = [];
    for (const line of estimate.snapshot.lines) {
      const decision = decisions.get(line.lineId)!;
      if (line.lineType === 'appliance') await linesRepo.decideAppliance(tx.db, line.lineId, decision);
      else if (line.lineType === 'service') await linesRepo.decideService(tx.db, line.lineId, decision);
      else {
        const part = await linesRepo.part(tx.db, line.lineId);
        // a declined part stays on the order as a recommendation
        if (decision === 'declined' && part?.stockState === 'reserved') {
          released.push({ componentId: part.componentId, quantity: Number(part.quantity) });
          await linesRepo.updatePart(tx.db, part.id, { approval: decision, stockState: 'released' });
        } else if (decision === 'approved' && part?.stockState === 'released') {
          retaken.push({ componentId: part.componentId, quantity: Number(part.quantity) });
          await linesRepo.updatePart(tx.db, part.id, { approval: decision, stockState: 'reserved' });
        } else {
          await linesRepo.updatePart(tx.db, line.lineId, { approval: decision });
        }
      }
    }
    return { released, retaken };
  }

  async function decide(
    tx: Tx,
    ctx: RequestContext,
    actorCtx: AuthedContext | null,
    estimate: EstimateRow,
    data: EstimateDecisionParsed,
    channel: ApprovalChannel,
  ): Promise<EstimateRow> {
    const now = deps.clock();
    const status = effectiveStatus(estimate, now);
    if (status === 'expired') throw new AppError('CONFLICT', 'estimates.expired');
    if (status === 'superseded') throw new AppError('CONFLICT', 'estimates.superseded');
    if (status !== 'pending') throw new AppError('CONFLICT', 'estimates.already_decided');
    const decisions = decisionsFor(estimate, data);

    const row = await orders.lock(tx.db, estimate.organizationId, estimate.repairId);
    if (!row) throw notFound('repairs.not_found');
    // the lines must still be what the customer is reading; a changed order needs a new version
    const current = snapshotOf(await lines.read(tx.db, row.id), row.discountCents);
    if (linesHash(current) !== linesHash(estimate.snapshot)) {
      await repo.supersede(tx.db, estimate.id);
      throw new AppError('CONFLICT', 'estimates.changed');
    }
    const system = actorCtx ?? linkActor(ctx, row, data.signerName);
    const { released, retaken } = await applyToLines(tx, estimate, decisions);
    await lines.moveStock(tx, system, row, retaken, released);
    const values = [...decisions.values()];
    const outcome = outcomeOf(values);
    const updated = await repo.recordDecision(tx.db, estimate.id, {
      status: outcome,
      decisions: Object.fromEntries(decisions),
      decisionChannel: channel,
      signerName: data.signerName,
      decidedAt: now,
      decisionIp: ctx.ip,
      decisionUserAgent: ctx.userAgent,
      decisionHash: estimate.documentHash,
      decisionNote: data.note ?? null,
      recordedByName: actorCtx?.actor.name ?? null,
    });
    const summary = { version: estimate.version, outcome, channel, signerName: data.signerName };
    await changes.event(tx, system, row.id, {
      type: 'estimate_decided',
      note: data.note ?? null,
      data: {
        ...summary,
        approved: values.filter((v) => v === 'approved').length,
        declined: values.filter((v) => v === 'declined').length,
      },
    });
    await lines.recalculate(tx, system, row);
    await recordAudit(tx.db, system, {
      organizationId: row.organizationId,
      action: 'repair.estimate_decided',
      entity: 'repair',
      entityId: row.id,
      after: { ...summary, documentHash: estimate.documentHash, decisions: Object.fromEntries(decisions) },
    });
    return updated;
  }

  return {
    decide,
    /** The order first, then the estimate: the same lock order as sending one, so no deadlock. */
    async lockForDecision(tx: Tx, estimate: EstimateRow): Promise<EstimateRow> {
      await orders.lock(tx.db, estimate.organizationId, estimate.repairId);
      return (await repo.byId(tx.db, estimate.id, { forUpdate: true }))!;
    },
  };
}
export type EstimateDecision = ReturnType<typeof createEstimateDecision>;
