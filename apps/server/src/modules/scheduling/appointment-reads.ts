import type { AppointmentCalendar, AppointmentDetail, AppointmentListQuerySchema } from '@bancada/shared';
import type { z } from 'zod';
import type { AuthedContext } from '../../platform/context.js';
import { assertInScope, scopeOf } from './appointment-rules.js';
import { orderDatesIn, toChange, viewAppointments } from './appointment-view.js';
import { assertRange } from './availability.js';
import type { SchedulingDeps } from './scheduling.deps.js';

type AppointmentListQuery = z.output<typeof AppointmentListQuerySchema>;

/** Reading appointments: one with its history, and the calendar of a range. */
export function createAppointmentReads(deps: SchedulingDeps) {
  const { db, repo, repairs } = deps;

  async function get(ctx: AuthedContext, id: string): Promise<AppointmentDetail> {
    const scope = scopeOf(ctx, 'appointments:read');
    const organizationId = ctx.actor.organizationId;
    const row = assertInScope(scope, await repo.findAppointment(db, organizationId, id));
    const [appointment, changes] = await Promise.all([
      viewAppointments(deps, db, organizationId, [row]).then((rows) => rows[0]!),
      repo.listChanges(db, organizationId, id),
    ]);
    return { ...appointment, changes: changes.map(toChange) };
  }

  /** The calendar of a range: appointments starting in it, and the open orders received or due in it. */
  async function list(ctx: AuthedContext, q: AppointmentListQuery): Promise<AppointmentCalendar> {
    const scope = scopeOf(ctx, 'appointments:read');
    const organizationId = ctx.actor.organizationId;
    const from = new Date(q.from);
    const to = new Date(q.to);
    assertRange(from, to);
    const customerId = scope.customerId ?? q.customerId;
    const [rows, orders] = await Promise.all([
      repo.listAppointments(db, organizationId, { ...q, from, to, customerId }),
      // a bay holds no order: a bay's calendar shows appointments only
      q.bayId
        ? []
        : repairs.orderCalendarDates(
            db,
            organizationId,
            { from, to },
            { customerId, technicianId: q.technicianId },
          ),
    ]);
    return {
      appointments: await viewAppointments(deps, db, organizationId, rows),
      orderDates: orderDatesIn(orders, from, to),
    };
  }

  return { get, list };
}
