import type { Capacity, CapacityQuerySchema } from '@bancada/shared';
import type { z } from 'zod';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { zonedTime } from '../../platform/wall-clock.js';
import { type Availability, isoDate } from './availability.js';
import { computeCapacity } from './free-slots.js';
import type { SchedulingDeps } from './scheduling.deps.js';

type CapacityQuery = z.output<typeof CapacityQuerySchema>;
const DAY_MS = 86_400_000;

/**
 * GET /appointments/capacity: each technician's day at "now" (the injectable clock): available and
 * booked hours, and the orders whose deadline is at risk (`computeCapacity`).
 */
export function createCapacity(deps: SchedulingDeps & { availability: Availability }) {
  const { db, repo, users, repairs, availability } = deps;
  const { branchOf, timeZoneOf } = availability;
  const clock = deps.now ?? (() => new Date());

  /** GET /appointments/capacity: each technician's day, computed at "now". */
  return async function capacity(ctx: AuthedContext, q: CapacityQuery): Promise<Capacity> {
    assertCan(ctx, 'appointments:read');
    const organizationId = ctx.actor.organizationId;
    const [branchId, timeZone, technicians] = await Promise.all([
      branchOf(ctx, q.branchId),
      timeZoneOf(db, organizationId),
      users.technicians(db, organizationId),
    ]);
    const now = clock();
    const [year, month, day] = q.date.split('-').map(Number) as [number, number, number];
    const dayStart = zonedTime({ year, month, day }, 0, 0, timeZone);
    const dayEnd = new Date(dayStart.getTime() + 2 * DAY_MS);
    // the orders' work is placed from now on, over as many days as it takes (computeCapacity's horizon)
    const readFrom = new Date(Math.min(now.getTime(), dayStart.getTime()));
    const readTo = new Date(Math.max(now.getTime(), dayEnd.getTime()) + 62 * DAY_MS);
    const ids = technicians.map((t) => t.id);
    const [bookings, holidays, loads] = await Promise.all([
      repo.liveBookings(
        db,
        organizationId,
        { from: readFrom, to: readTo },
        { technicianIds: ids, bayIds: [] },
      ),
      repo.holidayDates(db, organizationId, branchId, isoDate(readFrom, timeZone), isoDate(readTo, timeZone)),
      repairs.openOrderLoads(db, organizationId, ids),
    ]);
    const figures = computeCapacity({
      timeZone,
      date: q.date,
      now: now.getTime(),
      technicians,
      holidays,
      bookings: bookings.map((b) => ({
        technicianId: b.technicianId,
        bayId: b.bayId,
        start: b.startsAt.getTime(),
        end: b.endsAt.getTime(),
      })),
      orders: loads.map((l) => ({
        repairId: l.repairId,
        technicianId: l.technicianId,
        remainingMinutes: l.remainingMinutes,
        deadline: l.deadline?.getTime() ?? null,
      })),
    });
    const numbers = new Map(loads.map((l) => [l.repairId, l.number]));
    const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
    return {
      date: q.date,
      branchId,
      timeZone,
      at: now.toISOString(),
      technicians: figures.map((f, i) => ({
        technicianId: f.technicianId,
        name: technicians[i]!.name,
        availableHours: hours(f.availableMinutes),
        bookedHours: hours(f.appointmentMinutes + f.orderMinutes),
        appointmentHours: hours(f.appointmentMinutes),
        orderHours: hours(f.orderMinutes),
        atRisk: f.atRisk.map((r) => ({
          repairId: r.repairId,
          number: numbers.get(r.repairId) ?? 0,
          deadline: new Date(r.deadline).toISOString(),
          remainingHours: hours(r.remainingMinutes),
          availableHours: hours(r.availableMinutes),
        })),
      })),
    };
  };
}
