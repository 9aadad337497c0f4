import type { AuthedContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Availability } from './availability.js';
import type { SchedulingDeps } from './scheduling.deps.js';

export type Resources = { branchId: string; technicianId: string | null; bayId: string | null };

const MINUTE = 60_000;

/** What a booking or a move checks before its transaction: the resources, the portal's slot, the 409. */
export function createBookingChecks(deps: SchedulingDeps & { availability: Availability }) {
  const { db, repo, users, availability } = deps;
  const clock = deps.now ?? (() => new Date());

  /** The technician and bay asked for exist (an active staff member; an active bay of the organization). */
  async function resourcesOf(
    ctx: AuthedContext,
    input: { technicianId?: string | null | undefined; bayId?: string | null | undefined },
    fallbackBranch: () => Promise<string>,
  ): Promise<Resources> {
    const organizationId = ctx.actor.organizationId;
    const technicianId = input.technicianId ?? null;
    const bayId = input.bayId ?? null;
    const [technician, bay] = await Promise.all([
      technicianId ? users.activeStaff(db, organizationId, technicianId) : null,
      bayId ? repo.findBay(db, organizationId, bayId) : null,
    ]);
    if (technicianId && !technician) throw notFound('scheduling.technician_not_found');
    if (bayId && !bay?.active) throw notFound('scheduling.bay_not_found');
    return { branchId: bay?.branchId ?? (await fallbackBranch()), technicianId, bayId };
  }

  /** The 409 of a refused booking: which resource is busy and the next free slots for the same need. */
  async function refusal(
    organizationId: string,
    resource: 'technician' | 'bay',
    booking: Resources & { start: Date; end: Date },
  ): Promise<AppError> {
    const nextSlots = await availability.nextSlots(organizationId, {
      ...booking,
      durationMinutes: Math.round((booking.end.getTime() - booking.start.getTime()) / MINUTE),
    });
    return new AppError(
      'CONFLICT',
      `scheduling.${resource}_busy`,
      {},
      {
        resource,
        resourceId: resource === 'bay' ? booking.bayId : booking.technicianId,
        nextSlots,
      },
    );
  }

  /**
   * The portal books only free slots: the time must be one the search offers (working hours, no
   * holiday, the technician and, where the branch has bays, a bay free); without a technician the
   * slot's is taken. The exclusion constraints still decide a race.
   */
  async function portalSlot(
    organizationId: string,
    booking: Resources & { start: Date; end: Date },
    exceptId?: string,
  ): Promise<Resources> {
    if (booking.start.getTime() < clock().getTime())
      throw new AppError('UNPROCESSABLE', 'scheduling.in_the_past');
    const durationMinutes = Math.round((booking.end.getTime() - booking.start.getTime()) / MINUTE);
    const [slot] = await availability.search({
      organizationId,
      branchId: booking.branchId,
      from: booking.start,
      to: booking.end,
      durationMinutes,
      technicianId: booking.technicianId ?? undefined,
      bayId: booking.bayId ?? undefined,
      exceptId,
      limit: 1,
    });
    if (!slot || slot.start !== booking.start.getTime()) {
      const nextSlots = await availability.nextSlots(organizationId, { ...booking, durationMinutes });
      throw new AppError('CONFLICT', 'scheduling.slot_unavailable', {}, { nextSlots });
    }
    return { branchId: booking.branchId, technicianId: slot.technicianId, bayId: slot.bayId };
  }

  return { resourcesOf, refusal, portalSlot };
}
