import {
  APPOINTMENT_ACTIONS,
  type AppointmentAction,
  type AppointmentStatus,
  CUSTOMER_CHANGE_NOTICE_MS,
  type Permission,
} from '@bancada/shared';
import type { AuthedContext } from '../../platform/context.js';
import { assertCan } from '../../platform/context.js';
import { AppError, findPgError, forbidden, notFound } from '../../platform/errors.js';
import type { Tx } from '../../platform/tx.js';
import type { SchedulingDeps } from './scheduling.deps.js';
import type { AppointmentRow } from './scheduling.repo.js';

/**
 * Who may touch appointments: staff by the permission matrix; a CUSTOMER (the portal) only their own
 * (`customerId`), whatever the grants say.
 */
export function scopeOf(ctx: AuthedContext, permission: Permission): { customerId: string | null } {
  if (ctx.actor.role === 'CUSTOMER') {
    if (!ctx.actor.customerId) throw forbidden();
    return { customerId: ctx.actor.customerId };
  }
  assertCan(ctx, permission);
  return { customerId: null };
}

/** Another customer's appointment is not found (nothing leaks). */
export function assertInScope(
  scope: { customerId: string | null },
  row: AppointmentRow | undefined,
): AppointmentRow {
  if (!row || (scope.customerId && row.customerId !== scope.customerId))
    throw notFound('scheduling.appointment_not_found');
  return row;
}

/** The portal's rule (issue 15 §3): a customer reschedules or cancels until 2 hours before the start. */
export function assertCustomerMayChange(
  scope: { customerId: string | null },
  row: AppointmentRow,
  now: Date,
): void {
  if (!scope.customerId) return;
  if (row.startsAt.getTime() - now.getTime() < CUSTOMER_CHANGE_NOTICE_MS)
    throw new AppError('UNPROCESSABLE', 'scheduling.too_late_to_change', {
      hours: CUSTOMER_CHANGE_NOTICE_MS / 3_600_000,
    });
}

/** 422 unless the appointment's status allows the action (the table in packages/shared). */
export function assertTransition(action: AppointmentAction | 'reschedule', status: string): void {
  const from: readonly AppointmentStatus[] =
    action === 'reschedule' ? ['SCHEDULED', 'CONFIRMED'] : APPOINTMENT_ACTIONS[action].from;
  if (!(from as readonly string[]).includes(status))
    throw new AppError('UNPROCESSABLE', 'scheduling.invalid_transition', { action, status }, { status });
}

/** The resource an exclusion constraint refused (PostgreSQL 23P01), or null for any other error. */
export function busyResource(error: unknown): 'technician' | 'bay' | null {
  const e = findPgError(error);
  if (e?.code !== '23P01') return null;
  return e.constraint === 'appointments_bay_no_overlap' ? 'bay' : 'technician';
}

/** The customer hears of it through the outbox (decision 0013), in the same transaction. */
export async function recordAppointmentEvent(
  deps: Pick<SchedulingDeps, 'outbox'>,
  tx: Tx,
  row: AppointmentRow,
  event: 'appointment_confirmed' | 'appointment_changed' | 'appointment_reminder',
  key: string,
): Promise<void> {
  await deps.outbox.recordEvent(tx, {
    organizationId: row.organizationId,
    event,
    dedupeKey: `${event}:${row.id}:${key}`,
    customerId: row.customerId,
    relatedEntity: 'appointment',
    relatedId: row.id,
    payload: {
      appointmentId: row.id,
      appointmentAt: row.startsAt.toISOString(),
      // not `status`: the dispatcher reads that as an order's
      appointmentStatus: row.status,
      ...(row.assetId ? { assetId: row.assetId } : {}),
    },
  });
}
