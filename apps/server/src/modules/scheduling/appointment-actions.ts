import {
  APPOINTMENT_ACTIONS,
  type Appointment,
  type AppointmentArrival,
  RepairCreateSchema,
} from '@bancada/shared';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import {
  assertCustomerMayChange,
  assertInScope,
  assertTransition,
  recordAppointmentEvent,
  scopeOf,
} from './appointment-rules.js';
import type { SchedulingDeps } from './scheduling.deps.js';
import type { AppointmentColumns, AppointmentRow } from './scheduling.repo.js';

type ActionDeps = SchedulingDeps & {
  view: (executor: Database, organizationId: string, row: AppointmentRow) => Promise<Appointment>;
};

/**
 * The status actions (issue 15 §1): SCHEDULED → CONFIRMED → ARRIVED | NO_SHOW | CANCELLED, with
 * arrival accepted from SCHEDULED or CONFIRMED at any time (customers come early). Each locks the row,
 * writes the change, its audit row and the customer's notification in one transaction. Repeating an
 * action already done answers the appointment as it is.
 */
export function createAppointmentActions(deps: ActionDeps) {
  const { db, pool, repo, repairs, view } = deps;
  const clock = deps.now ?? (() => new Date());

  async function change(
    ctx: AuthedContext,
    id: string,
    action: 'confirm' | 'no-show' | 'cancel',
    options: { reason?: string | null | undefined } = {},
  ): Promise<Appointment> {
    const scope = scopeOf(ctx, 'appointments:write');
    // the portal cancels; confirming and no-shows are the shop's
    if (scope.customerId && action !== 'cancel') throw new AppError('FORBIDDEN', 'auth.forbidden');
    const organizationId = ctx.actor.organizationId;
    const to = APPOINTMENT_ACTIONS[action].to;
    const row = await inTransaction(pool, async (tx) => {
      const locked = assertInScope(
        scope,
        await repo.findAppointment(tx.db, organizationId, id, { forUpdate: true }),
      );
      if (locked.status === to) return locked;
      assertTransition(action, locked.status);
      if (action === 'cancel') assertCustomerMayChange(scope, locked, clock());
      const columns: AppointmentColumns = { status: to };
      if (action === 'cancel') columns.cancelReason = options.reason ?? null;
      const updated = (await repo.updateAppointment(tx.db, organizationId, id, locked.version, columns))!;
      if (action === 'confirm')
        await recordAppointmentEvent(deps, tx, updated, 'appointment_confirmed', 'confirmed');
      if (action === 'cancel')
        await recordAppointmentEvent(deps, tx, updated, 'appointment_changed', 'cancelled');
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: `appointment.${action === 'no-show' ? 'no_show' : action === 'cancel' ? 'cancelled' : 'confirmed'}`,
        entity: 'appointment',
        entityId: id,
        before: { status: locked.status },
        after: { status: to, ...(columns.cancelReason ? { cancelReason: columns.cancelReason } : {}) },
      });
      return updated;
    });
    return view(db, organizationId, row);
  }

  /** The order an arrival opens: the appointment's customer, asset, services and notes as the reported problem. */
  function orderFor(row: AppointmentRow, now: Date) {
    return RepairCreateSchema.parse({
      userId: row.customerId,
      assetId: row.assetId,
      services: row.serviceIds.map((catalogId) => ({ catalogId })),
      receivedAt: now.toISOString(),
      status: 'NAO_INICIADO',
      serviceDescription: row.notes ?? '',
      technicianId: row.technicianId,
    });
  }

  async function arriveIn(tx: Tx, ctx: AuthedContext, id: string): Promise<string> {
    const organizationId = ctx.actor.organizationId;
    const locked = assertInScope(
      { customerId: null },
      await repo.findAppointment(tx.db, organizationId, id, { forUpdate: true }),
    );
    // arriving twice answers the order the first arrival opened
    if (locked.status === 'ARRIVED' && locked.repairId) return locked.repairId;
    assertTransition('arrive', locked.status);
    // seed 004 rule 2: an order names its vehicle or machine (or an appliance, which staff describe)
    if (!locked.assetId) throw new AppError('UNPROCESSABLE', 'scheduling.arrival_needs_asset');
    const repair = await repairs.createInTransaction(tx, ctx, orderFor(locked, clock()));
    await repo.updateAppointment(tx.db, organizationId, id, locked.version, {
      status: 'ARRIVED',
      repairId: repair.id,
    });
    await recordAudit(tx.db, ctx, {
      organizationId,
      action: 'appointment.arrived',
      entity: 'appointment',
      entityId: id,
      before: { status: locked.status },
      after: { status: 'ARRIVED', repairId: repair.id },
    });
    return repair.id;
  }

  return {
    confirm: (ctx: AuthedContext, id: string) => change(ctx, id, 'confirm'),
    noShow: (ctx: AuthedContext, id: string) => change(ctx, id, 'no-show'),
    cancel: (ctx: AuthedContext, id: string, reason?: string | null) => change(ctx, id, 'cancel', { reason }),
    /** The customer is here: the appointment becomes a service order in the same transaction. */
    async arrive(ctx: AuthedContext, id: string): Promise<AppointmentArrival> {
      scopeOf(ctx, 'appointments:write');
      if (ctx.actor.role === 'CUSTOMER') throw new AppError('FORBIDDEN', 'auth.forbidden');
      // the arrival opens a service order: the caller needs that right too (route-access `also`)
      assertCan(ctx, 'repairs:create');
      const repairId = await inTransaction(pool, (tx) => arriveIn(tx, ctx, id));
      return { repairId };
    },
  };
}
