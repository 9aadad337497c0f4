import { SCHEDULING_MAX_RANGE_DAYS, type Slot, type SlotQuerySchema, zonedParts } from '@bancada/shared';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { safeTimeZone } from '../../platform/wall-clock.js';
import { type FreeSlot, findFreeSlots, type SchedulingTechnician } from './free-slots.js';
import type { SchedulingDeps } from './scheduling.deps.js';

type SlotQuery = z.output<typeof SlotQuerySchema>;

const DAY_MS = 86_400_000;
/** How far ahead a refused booking looks for the next free slots, and how many it offers. */
const NEXT_SLOTS_DAYS = 14;
const NEXT_SLOTS_COUNT = 5;

/** YYYY-MM-DD of an instant on the shop's calendar. */
export function isoDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function toSlot(s: FreeSlot): Slot {
  return {
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    technicianId: s.technicianId,
    bayId: s.bayId,
  };
}

/** 400 naming `to` when a range is inverted or longer than the calendar reads at once. */
export function assertRange(from: Date, to: Date): void {
  if (to.getTime() <= from.getTime())
    throw new AppError('VALIDATION', 'validation.failed', {}, { to: 'scheduling.end_before_start' });
  if (to.getTime() - from.getTime() > SCHEDULING_MAX_RANGE_DAYS * DAY_MS)
    throw new AppError('VALIDATION', 'scheduling.range_too_long', { days: SCHEDULING_MAX_RANGE_DAYS });
}

/** One free-slot search: where, when, how long, with whom. */
export type SlotSearchInput = {
  organizationId: string;
  branchId: string;
  from: Date;
  to: Date;
  durationMinutes: number;
  technicianId?: string | undefined;
  bayId?: string | undefined;
  perTechnician?: boolean;
  /** an appointment being moved: its own time is not busy */
  exceptId?: string | undefined;
  limit: number;
};

/**
 * Free slots (issue 15 §1): reads what the pure search needs (the shop's zone, the branch's
 * technicians and active bays, holidays, live appointments, the open orders' remaining work) and hands
 * it to `findFreeSlots`.
 */
export function createAvailability(deps: SchedulingDeps) {
  const { db, repo, users, organization, repairs } = deps;
  const clock = deps.now ?? (() => new Date());

  async function timeZoneOf(executor: Database, organizationId: string) {
    return safeTimeZone((await organization.profile(executor, organizationId))?.timeZone);
  }

  /** The branch asked for (404 for another organization's), else the caller's, else the default one. */
  async function branchOf(ctx: AuthedContext, branchId: string | undefined): Promise<string> {
    const organizationId = ctx.actor.organizationId;
    if (branchId) {
      if (!(await organization.findBranch(db, organizationId, branchId)))
        throw notFound('scheduling.branch_not_found');
      return branchId;
    }
    if (ctx.actor.branchId) return ctx.actor.branchId;
    const fallback = await organization.findDefaultBranch(db, organizationId);
    if (!fallback) throw notFound('scheduling.branch_not_found');
    return fallback.id;
  }

  /** Minutes the catalog services take (their standard hours); 404 naming a service that is not there. */
  async function durationOf(
    executor: Database,
    organizationId: string,
    serviceIds: string[],
  ): Promise<number> {
    const ids = [...new Set(serviceIds)];
    const found = await repairs.catalogHours(executor, organizationId, ids);
    if (found.length !== ids.length) throw notFound('scheduling.service_not_found');
    return Math.round(found.reduce((sum, s) => sum + s.standardHours, 0) * 60);
  }

  /** The pure search over what it needs, read in one round of statements. */
  async function search(input: SlotSearchInput): Promise<FreeSlot[]> {
    const { organizationId, branchId, from, to } = input;
    const now = clock();
    // nothing is free in the past
    if (to.getTime() <= now.getTime()) return [];
    const [timeZone, allTechnicians, branchBays] = await Promise.all([
      timeZoneOf(db, organizationId),
      users.technicians(db, organizationId),
      repo.listBays(db, organizationId, { branchId, active: true }),
    ]);
    const technicians: SchedulingTechnician[] = input.technicianId
      ? allTechnicians.filter((t) => t.id === input.technicianId)
      : allTechnicians;
    const bays = input.bayId
      ? branchBays.filter((b) => b.id === input.bayId).map((b) => b.id)
      : branchBays.map((b) => b.id);
    // a bay asked for that the branch does not have (or not active): no slot can hold it
    if (input.bayId && bays.length === 0) return [];
    if (technicians.length === 0) return [];
    const loads = await repairs.openOrderLoads(
      db,
      organizationId,
      technicians.map((t) => t.id),
    );
    // the orders' work fills free time from now: with any, bookings are read from now on
    const loaded = loads.some((l) => l.remainingMinutes > 0);
    const readFrom = new Date(
      loaded ? Math.min(now.getTime(), from.getTime()) : Math.max(now.getTime(), from.getTime()),
    );
    const [bookings, holidays] = await Promise.all([
      repo.liveBookings(
        db,
        organizationId,
        { from: readFrom, to },
        { technicianIds: technicians.map((t) => t.id), bayIds: bays },
        input.exceptId,
      ),
      repo.holidayDates(
        db,
        organizationId,
        branchId,
        isoDate(new Date(readFrom.getTime() - DAY_MS), timeZone),
        isoDate(new Date(to.getTime() + DAY_MS), timeZone),
      ),
    ]);
    const orderMinutes = new Map<string, number>();
    for (const load of loads)
      orderMinutes.set(load.technicianId, (orderMinutes.get(load.technicianId) ?? 0) + load.remainingMinutes);
    return findFreeSlots({
      timeZone,
      from: from.getTime(),
      to: to.getTime(),
      now: now.getTime(),
      durationMinutes: input.durationMinutes,
      technicians,
      bays,
      holidays,
      bookings: bookings.map((b) => ({
        technicianId: b.technicianId,
        bayId: b.bayId,
        start: b.startsAt.getTime(),
        end: b.endsAt.getTime(),
      })),
      orderMinutes,
      perTechnician: input.perTechnician ?? Boolean(input.technicianId),
      limit: input.limit,
    });
  }

  return {
    branchOf,
    durationOf,
    search,
    timeZoneOf,

    /** GET /appointments/slots: the free slots for the services' duration. */
    async slots(ctx: AuthedContext, q: SlotQuery): Promise<Slot[]> {
      if (ctx.actor.role !== 'CUSTOMER') assertCan(ctx, 'appointments:read');
      const from = new Date(q.from);
      const to = new Date(q.to);
      assertRange(from, to);
      if (q.serviceIds.length === 0)
        throw new AppError('VALIDATION', 'validation.failed', {}, { serviceIds: 'validation.required' });
      const organizationId = ctx.actor.organizationId;
      const [branchId, durationMinutes] = await Promise.all([
        branchOf(ctx, q.branchId),
        durationOf(db, organizationId, q.serviceIds),
      ]);
      const found = await search({
        organizationId,
        branchId,
        from,
        to,
        durationMinutes,
        technicianId: q.technicianId,
        bayId: q.bayId,
        limit: q.limit,
      });
      return found.map(toSlot);
    },

    /** The next free slots after a refused booking: same duration, same technician and bay when given. */
    async nextSlots(
      organizationId: string,
      booking: {
        branchId: string;
        start: Date;
        durationMinutes: number;
        technicianId: string | null;
        bayId: string | null;
      },
    ): Promise<Slot[]> {
      const from = new Date(Math.max(booking.start.getTime(), clock().getTime()));
      const found = await search({
        organizationId,
        branchId: booking.branchId,
        from,
        to: new Date(from.getTime() + NEXT_SLOTS_DAYS * DAY_MS),
        durationMinutes: booking.durationMinutes,
        technicianId: booking.technicianId ?? undefined,
        bayId: booking.bayId ?? undefined,
        limit: NEXT_SLOTS_COUNT,
      });
      return found.map(toSlot);
    },
  };
}
export type Availability = ReturnType<typeof createAvailability>;
