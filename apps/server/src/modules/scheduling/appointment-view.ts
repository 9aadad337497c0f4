import type {
  Appointment,
  AppointmentChange,
  AppointmentSource,
  AppointmentStatus,
  CalendarOrderDate,
} from '@bancada/shared';
import type { Database } from '../../db/client.js';
import type { SchedulingDeps } from './scheduling.deps.js';
import type { AppointmentChangeRow, AppointmentRow } from './scheduling.repo.js';

type Names = { customers: Map<string, string>; users: Map<string, string>; bays: Map<string, string> };

export function toAppointment(row: AppointmentRow, names: Names): Appointment {
  return {
    id: row.id,
    branchId: row.branchId,
    customerId: row.customerId,
    customerName: names.customers.get(row.customerId) ?? null,
    assetId: row.assetId,
    technicianId: row.technicianId,
    technicianName: row.technicianId ? (names.users.get(row.technicianId) ?? null) : null,
    bayId: row.bayId,
    bayName: row.bayId ? (names.bays.get(row.bayId) ?? null) : null,
    serviceIds: row.serviceIds,
    start: row.startsAt.toISOString(),
    end: row.endsAt.toISOString(),
    notes: row.notes,
    source: row.source as AppointmentSource,
    status: row.status as AppointmentStatus,
    repairId: row.repairId,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toChange(row: AppointmentChangeRow): AppointmentChange {
  return {
    fromStart: row.fromStart.toISOString(),
    fromEnd: row.fromEnd.toISOString(),
    toStart: row.toStart.toISOString(),
    toEnd: row.toEnd.toISOString(),
    fromTechnicianId: row.fromTechnicianId,
    toTechnicianId: row.toTechnicianId,
    fromBayId: row.fromBayId,
    toBayId: row.toBayId,
    changedBy: row.changedBy,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Appointments as the API answers them: customers', technicians' and bays' names read in one round. */
export async function viewAppointments(
  deps: Pick<SchedulingDeps, 'repo' | 'customers' | 'users'>,
  executor: Database,
  organizationId: string,
  rows: AppointmentRow[],
): Promise<Appointment[]> {
  if (rows.length === 0) return [];
  const ids = (pick: (r: AppointmentRow) => string | null) => [
    ...new Set(rows.map(pick).filter((v): v is string => v !== null)),
  ];
  const [customers, users, bays] = await Promise.all([
    deps.customers.namesByIds(
      executor,
      organizationId,
      ids((r) => r.customerId),
    ),
    deps.users.namesByIds(
      executor,
      organizationId,
      ids((r) => r.technicianId),
    ),
    deps.repo.bayNames(
      executor,
      organizationId,
      ids((r) => r.bayId),
    ),
  ]);
  return rows.map((row) => toAppointment(row, { customers, users, bays }));
}

/** An open order's received date and deadline, each when it falls in [from, to). */
export function orderDatesIn(
  orders: {
    repairId: string;
    number: number;
    customerId: string;
    technicianId: string | null;
    receivedAt: Date;
    deadline: Date | null;
  }[],
  from: Date,
  to: Date,
): CalendarOrderDate[] {
  const inRange = (at: Date) => at.getTime() >= from.getTime() && at.getTime() < to.getTime();
  return orders.flatMap((o) => {
    const base = {
      repairId: o.repairId,
      number: o.number,
      customerId: o.customerId,
      technicianId: o.technicianId,
    };
    const out: CalendarOrderDate[] = [];
    if (inRange(o.receivedAt)) out.push({ ...base, kind: 'received', at: o.receivedAt.toISOString() });
    if (o.deadline && inRange(o.deadline))
      out.push({ ...base, kind: 'deadline', at: o.deadline.toISOString() });
    return out;
  });
}
