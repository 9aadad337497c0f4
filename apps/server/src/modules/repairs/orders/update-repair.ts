import { type Repair, type RepairUpdateSchema, toCents } from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { inTransaction } from '../../../platform/tx.js';
import type { LinesService } from '../lines/lines.service.js';
import type { OrderChanges } from './order-changes.js';
import type { RepairReader } from './repair-reader.js';
import type { RepairInsert, RepairRow, RepairsRepo } from './repairs.repo.js';

export type RepairUpdateParsed = z.output<typeof RepairUpdateSchema>;

/** The order's own fields a PATCH sets (undefined: left as they are). */
function fieldValues(fields: Omit<RepairUpdateParsed, 'appliances' | 'services' | 'parts' | 'discount'>) {
  const values: Partial<RepairInsert> = {
    ...(fields.nf !== undefined ? { nf: fields.nf } : {}),
    ...(fields.returnGuarantee !== undefined ? { returnGuarantee: fields.returnGuarantee } : {}),
    ...(fields.fabricGuarantee !== undefined ? { fabricGuarantee: fields.fabricGuarantee } : {}),
    ...(fields.deadline !== undefined ? { deadline: fields.deadline } : {}),
    ...(fields.receivedAt !== undefined ? { receivedAt: fields.receivedAt } : {}),
    ...(fields.serviceDescription !== undefined ? { serviceDescription: fields.serviceDescription } : {}),
    ...(fields.notes !== undefined ? { notes: fields.notes } : {}),
    ...(fields.serviceType !== undefined ? { serviceType: fields.serviceType } : {}),
    ...(fields.priority !== undefined ? { priority: fields.priority } : {}),
    ...(fields.condition !== undefined ? { condition: fields.condition } : {}),
    ...(fields.accessories !== undefined ? { accessories: fields.accessories } : {}),
    ...(fields.technicianId !== undefined ? { technicianId: fields.technicianId } : {}),
  };
  return values;
}

/** The deadline may not fall before the order was received, as the two stand after the change. */
function assertDeadline(row: RepairRow, values: Partial<RepairInsert>) {
  const deadline = values.deadline !== undefined ? values.deadline : row.deadline;
  const receivedAt = values.receivedAt ?? row.receivedAt;
  if (deadline && deadline < receivedAt) {
    throw new AppError(
      'VALIDATION',
      'validation.failed',
      {},
      { deadline: 'validation.deadline_before_received' },
    );
  }
}

/** PATCH /repairs/:id: an open order's fields and lines, with If-Match. */
export function createRepairUpdate(deps: {
  pool: pg.Pool;
  repo: RepairsRepo;
  lines: LinesService;
  changes: OrderChanges;
  reader: Pick<RepairReader, 'load'>;
}) {
  const { repo, lines, changes, reader } = deps;
  return async function update(
    ctx: AuthedContext,
    id: string,
    data: RepairUpdateParsed,
    ifMatch?: number,
  ): Promise<Repair> {
    assertCan(ctx, 'repairs:update');
    const organizationId = ctx.actor.organizationId;
    return inTransaction(deps.pool, async (tx) => {
      const row = await changes.lockOpen(tx, ctx, id, ifMatch);
      changes.refuseClosed(ctx, row);
      const before = await reader.load(tx.db, ctx, id);
      await lines.assertTechnician(tx.db, ctx, data.technicianId);
      await lines.reconcile(tx, ctx, row, data);
      const { appliances: _a, services: _s, parts: _p, discount, ...fields } = data;
      const discountCents = discount !== undefined ? toCents(discount) : row.discountCents;
      const values = fieldValues(fields);
      assertDeadline(row, values);
      const updated = await repo.update(tx.db, organizationId, id, {
        ...values,
        ...(await lines.totals(tx.db, ctx, row.id, discountCents)),
      });
      const after = await reader.load(tx.db, ctx, id);
      await changes.event(tx, ctx, id, {
        type: 'updated',
        data: { fields: Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined) },
      });
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'repair.updated',
        entity: 'repair',
        entityId: id,
        before,
        after,
      });
      await changes.live(tx, ctx, 'repair.updated', updated);
      return after;
    });
  };
}
