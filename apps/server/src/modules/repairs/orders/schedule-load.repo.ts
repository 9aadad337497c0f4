import { OPEN_REPAIR_STATUSES } from '@bancada/shared';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';

/**
 * What the scheduling module reads of orders and the catalog (issue 15 §1): the catalog services'
 * standard hours, the open orders' remaining estimated hours per technician, and the open orders'
 * received dates and deadlines for the calendar.
 */

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const OPEN = sql`${`{${OPEN_REPAIR_STATUSES.join(',')}}`}::text[]`;

export type CatalogHours = { id: string; standardHours: number; active: boolean };

/** The catalog services of these ids with their standard hours (ids of no service left out). */
export async function catalogHours(
  db: Database,
  organizationId: string,
  ids: string[],
): Promise<CatalogHours[]> {
  if (ids.length === 0) return [];
  const result = await db.execute<{ id: string; standard_hours: string; active: boolean }>(sql`
    SELECT id, standard_hours, active FROM service_catalog
    WHERE organization_id = ${organizationId} AND id = ANY(${uuidArray(ids)})`);
  return result.rows.map((r) => ({ id: r.id, standardHours: Number(r.standard_hours), active: r.active }));
}

export type OpenOrderLoad = {
  repairId: string;
  number: number;
  technicianId: string;
  customerId: string;
  /** estimated hours less the time logged on the order, never below zero */
  remainingMinutes: number;
  deadline: Date | null;
};

/** Open orders assigned to these technicians (all technicians: null), with their remaining work. */
export async function openOrderLoads(
  db: Database,
  organizationId: string,
  technicianIds: string[] | null,
): Promise<OpenOrderLoad[]> {
  if (technicianIds && technicianIds.length === 0) return [];
  const result = await db.execute<{
    id: string;
    number: number;
    technician_id: string;
    customer_id: string;
    remaining: string;
    deadline: Date | string | null;
  }>(sql`
    SELECT r.id, r.number, r.technician_id, r.customer_id, r.deadline,
           GREATEST(0, r.estimated_hours * 60 - COALESCE(w.minutes, 0)) AS remaining
    FROM repairs r
    LEFT JOIN LATERAL (
      SELECT SUM(EXTRACT(EPOCH FROM (COALESCE(e.ended_at, now()) - e.started_at))) / 60 AS minutes
      FROM repair_time_entries e
      WHERE e.repair_id = r.id AND e.organization_id = r.organization_id
    ) w ON true
    WHERE r.organization_id = ${organizationId}
      AND r.technician_id IS NOT NULL
      ${technicianIds ? sql`AND r.technician_id = ANY(${uuidArray(technicianIds)})` : sql``}
      AND r.status = ANY(${OPEN})`);
  return result.rows.map((r) => ({
    repairId: r.id,
    number: Number(r.number),
    technicianId: r.technician_id,
    customerId: r.customer_id,
    remainingMinutes: Math.round(Number(r.remaining)),
    deadline: r.deadline === null ? null : new Date(r.deadline),
  }));
}

export type OrderCalendarRow = {
  repairId: string;
  number: number;
  customerId: string;
  technicianId: string | null;
  receivedAt: Date;
  deadline: Date | null;
};

/** Open orders received or due in [from, to), optionally of one customer or technician. */
export async function orderCalendarDates(
  db: Database,
  organizationId: string,
  range: { from: Date; to: Date },
  filter: { customerId?: string | undefined; technicianId?: string | undefined },
): Promise<OrderCalendarRow[]> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const result = await db.execute<{
    id: string;
    number: number;
    customer_id: string;
    technician_id: string | null;
    received_at: Date | string;
    deadline: Date | string | null;
  }>(sql`
    SELECT id, number, customer_id, technician_id, received_at, deadline FROM repairs
    WHERE organization_id = ${organizationId}
      AND status = ANY(${OPEN})
      AND ((received_at >= ${from} AND received_at < ${to}) OR (deadline >= ${from} AND deadline < ${to}))
      ${filter.customerId ? sql`AND customer_id = ${filter.customerId}` : sql``}
      ${filter.technicianId ? sql`AND technician_id = ${filter.technicianId}` : sql``}
    ORDER BY received_at, id
    LIMIT 2000`);
  return result.rows.map((r) => ({
    repairId: r.id,
    number: Number(r.number),
    customerId: r.customer_id,
    technicianId: r.technician_id,
    receivedAt: new Date(r.received_at),
    deadline: r.deadline === null ? null : new Date(r.deadline),
  }));
}
