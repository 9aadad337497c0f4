import type {
  Appointment,
  AppointmentCreateSchema,
  AppointmentDetail,
  AppointmentUpdateSchema,
} from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { AuthedContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { inTransaction } from '../../platform/tx.js';
import { createAppointmentActions } from './appointment-actions.js';
import { createAppointmentReads } from './appointment-reads.js';
import {
  assertCustomerMayChange,
  assertInScope,
  assertTransition,
  busyResource,
  recordAppointmentEvent,
  scopeOf,
} from './appointment-rules.js';
import { toChange, viewAppointments } from './appointment-view.js';
import type { Availability } from './availability.js';
import { createBookingChecks } from './booking-checks.js';
import type { SchedulingDeps } from './scheduling.deps.js';
import type { AppointmentColumns, AppointmentRow } from './scheduling.repo.js';

type AppointmentCreate = z.output<typeof AppointmentCreateSchema>;
type AppointmentUpdate = z.output<typeof AppointmentUpdateSchema>;

const MINUTE = 60_000;
const endBeforeStart = () =>
  new AppError('VALIDATION', 'validation.failed', {}, { end: 'scheduling.end_before_start' });

/**
 * Appointments (issue 15 §1): booking, rescheduling, reading; the status actions are in
 * appointment-actions.ts. Double booking is refused by the exclusion constraints (23P01 → 409 naming
 * the busy resource, with the next free slots), never by a check alone.
 */
export function createAppointmentsService(deps: SchedulingDeps & { availability: Availability }) {
  const { db, pool, repo, customers, assets, availability } = deps;
  const clock = deps.now ?? (() => new Date());

  const view = async (executor: Database, organizationId: string, row: AppointmentRow) =>
    (await viewAppointments(deps, executor, organizationId, [row]))[0]!;

  const { resourcesOf, refusal, portalSlot } = createBookingChecks(deps);

  async function create(ctx: AuthedContext, input: AppointmentCreate): Promise<Appointment> {
    const scope = scopeOf(ctx, 'appointments:write');
    const organizationId = ctx.actor.organizationId;
    const customerId = scope.customerId ?? input.customerId;
    const start = new Date(input.start);
    const serviceMinutes = input.serviceIds.length
      ? await availability.durationOf(db, organizationId, input.serviceIds)
      : 0;
    const end = input.end ? new Date(input.end) : new Date(start.getTime() + serviceMinutes * MINUTE);
    if (!input.end && serviceMinutes === 0)
      throw new AppError('VALIDATION', 'validation.failed', {}, { end: 'scheduling.end_required' });
    if (end.getTime() <= start.getTime()) throw endBeforeStart();
    if (!(await customers.exists(db, organizationId, customerId)))
      throw notFound('repairs.customer_not_found');
    if (input.assetId) {
      const asset = await assets.findForOrder(db, organizationId, input.assetId);
      if (!asset) throw notFound('repairs.asset_not_found');
      if (asset.customerId !== customerId)
        throw new AppError('UNPROCESSABLE', 'repairs.asset_other_customer', {}, { assetId: asset.id });
    }
    let resources = await resourcesOf(ctx, input, () => availability.branchOf(ctx, undefined));
    if (scope.customerId) resources = await portalSlot(organizationId, { ...resources, start, end });
    try {
      const row = await inTransaction(pool, async (tx) => {
        const inserted = await repo.insertAppointment(tx.db, {
          organizationId,
          ...resources,
          customerId,
          assetId: input.assetId ?? null,
          serviceIds: [...new Set(input.serviceIds)],
          startsAt: start,
          endsAt: end,
          notes: input.notes ?? null,
          source: scope.customerId ? 'PORTAL' : (input.source ?? 'STAFF'),
          status: 'SCHEDULED',
          createdBy: ctx.actor.userId,
        });
        await recordAppointmentEvent(deps, tx, inserted, 'appointment_confirmed', 'created');
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'appointment.created',
          entity: 'appointment',
          entityId: inserted.id,
          after: inserted,
        });
        return inserted;
      });
      return view(db, organizationId, row);
    } catch (error) {
      const busy = busyResource(error);
      if (busy) throw await refusal(organizationId, busy, { ...resources, start, end });
      throw error;
    }
  }

  async function update(
    ctx: AuthedContext,
    id: string,
    patch: AppointmentUpdate,
    ifMatch?: number,
  ): Promise<Appointment> {
    const scope = scopeOf(ctx, 'appointments:write');
    const organizationId = ctx.actor.organizationId;
    const current = assertInScope(scope, await repo.findAppointment(db, organizationId, id));
    const start = patch.start ? new Date(patch.start) : current.startsAt;
    const length = current.endsAt.getTime() - current.startsAt.getTime();
    const end = patch.end ? new Date(patch.end) : new Date(start.getTime() + length);
    if (end.getTime() <= start.getTime()) throw endBeforeStart();
    let resources = await resourcesOf(
      ctx,
      {
        technicianId: patch.technicianId !== undefined ? patch.technicianId : current.technicianId,
        bayId: patch.bayId !== undefined ? patch.bayId : current.bayId,
      },
      async () => current.branchId,
    );
    const moved =
      start.getTime() !== current.startsAt.getTime() ||
      end.getTime() !== current.endsAt.getTime() ||
      resources.technicianId !== current.technicianId ||
      resources.bayId !== current.bayId;
    if (scope.customerId && moved) {
      assertCustomerMayChange(scope, current, clock());
      resources = await portalSlot(organizationId, { ...resources, start, end }, id);
    }
    try {
      const row = await inTransaction(pool, async (tx) => {
        const locked = assertInScope(
          scope,
          await repo.findAppointment(tx.db, organizationId, id, { forUpdate: true }),
        );
        assertVersion(ifMatch, locked.version);
        assertTransition('reschedule', locked.status);
        if (moved) assertCustomerMayChange(scope, locked, clock());
        const columns: AppointmentColumns = {
          startsAt: start,
          endsAt: end,
          technicianId: resources.technicianId,
          bayId: resources.bayId,
        };
        if (patch.notes !== undefined) columns.notes = patch.notes;
        const updated = await repo.updateAppointment(tx.db, organizationId, id, locked.version, columns);
        if (!updated)
          throw new AppError('PRECONDITION_FAILED', 'etag.stale', {}, { currentVersion: locked.version });
        if (moved) {
          await repo.insertChange(tx.db, {
            organizationId,
            appointmentId: id,
            fromStart: locked.startsAt,
            fromEnd: locked.endsAt,
            toStart: start,
            toEnd: end,
            fromTechnicianId: locked.technicianId,
            toTechnicianId: resources.technicianId,
            fromBayId: locked.bayId,
            toBayId: resources.bayId,
            changedBy: ctx.actor.userId,
            reason: patch.reason ?? null,
          });
          await recordAppointmentEvent(deps, tx, updated, 'appointment_changed', `v${updated.version}`);
        }
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: moved ? 'appointment.rescheduled' : 'appointment.updated',
          entity: 'appointment',
          entityId: id,
          before: locked,
          after: updated,
        });
        return updated;
      });
      return view(db, organizationId, row);
    } catch (error) {
      const busy = busyResource(error);
      if (busy) throw await refusal(organizationId, busy, { ...resources, start, end });
      throw error;
    }
  }

  /**
   * For privacy's data export (LGPD art. 18): every appointment of one customer, oldest first, each with
   * its reschedule history. The caller checked who may read the customer.
   */
  async function ofCustomer(
    executor: Database,
    organizationId: string,
    customerId: string,
  ): Promise<AppointmentDetail[]> {
    const rows = await repo.listAppointments(executor, organizationId, {
      from: new Date(0),
      to: new Date('9999-12-31T00:00:00Z'),
      customerId,
    });
    const [views, changes] = await Promise.all([
      viewAppointments(deps, executor, organizationId, rows),
      Promise.all(rows.map((row) => repo.listChanges(executor, organizationId, row.id))),
    ]);
    return views.map((appointment, i) => ({ ...appointment, changes: changes[i]!.map(toChange) }));
  }

  const actions = createAppointmentActions({ ...deps, view });
  return { create, update, ofCustomer, ...createAppointmentReads(deps), ...actions };
}
export type AppointmentsService = ReturnType<typeof createAppointmentsService>;
