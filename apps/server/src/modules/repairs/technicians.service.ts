import {
  isClosedStatus,
  type Locale,
  type Repair,
  type RepairStatus,
  type TechnicianSuggestion,
  TechnicianSuggestionQuerySchema,
  WEEKDAYS,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { type MessageKey, t } from '../../platform/i18n.js';
import { publishLive } from '../../platform/live.js';
import { inTransaction } from '../../platform/tx.js';
import type { TechnicianRow, TechniciansRepo, Workload } from './technicians.repo.js';

/** Organizations have no time-zone setting yet; the shops this serves start in Brazil. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';
/** So many open orders is a full bench, whatever their estimates say. */
export const MAX_OPEN_ORDERS = 8;

type Weekday = (typeof WEEKDAYS)[number];
type WorkingHours = TechnicianRow['workingHours'];

export type AssessmentWarning = { code: string; key: MessageKey; params: Record<string, string | number> };
export type Assessment = Omit<TechnicianSuggestion, 'warnings'> & { warnings: AssessmentWarning[] };

/** Accent- and case-insensitive form of a specialty ("Elétrica" = "eletrica"). */
export function normalizeSpecialty(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').trim().replace(/\s+/g, ' ');
}

/** Weekday and minutes since midnight on the wall clock of `timeZone`. */
export function localClock(now: Date, timeZone: string): { day: Weekday; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { day, minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Working hours left from `now` to the end of the week (Monday to Sunday), in hours. */
export function hoursLeftThisWeek(hoursOfWork: WorkingHours, now: Date, timeZone: string): number {
  const { day, minutes } = localClock(now, timeZone);
  const today = WEEKDAYS.indexOf(day);
  let left = 0;
  for (const interval of hoursOfWork) {
    const index = WEEKDAYS.indexOf(interval.day as Weekday);
    if (index < today) continue;
    const start = toMinutes(interval.start);
    const end = toMinutes(interval.end);
    left += index === today ? Math.max(0, end - Math.max(start, minutes)) : Math.max(0, end - start);
  }
  return round2(left / 60);
}

/**
 * How a technician fits an order: specialty, today's schedule, load. A technician with no working
 * hours recorded is not judged by them (the shop never filled them in), only by the count of orders.
 */
export function assessTechnician(input: {
  technician: TechnicianRow;
  load: Workload;
  /** specialties the work needs; none means any technician fits */
  required: readonly string[];
  /** estimated hours of the order being assigned (0 when there is none) */
  orderHours: number;
  now: Date;
  timeZone: string;
}): Assessment {
  const { technician, load, required, orderHours, now, timeZone } = input;
  const own = new Set(technician.specialties.map(normalizeSpecialty));
  const missing = required.filter((s) => !own.has(normalizeSpecialty(s)));
  const hasSchedule = technician.workingHours.length > 0;
  const { day } = localClock(now, timeZone);
  const worksToday = !hasSchedule || technician.workingHours.some((i) => i.day === day);
  const weeklyHours = hasSchedule ? hoursLeftThisWeek(technician.workingHours, now, timeZone) : 0;
  const assignedHours = round2(load.assignedHours);
  const overloaded =
    load.openOrders >= MAX_OPEN_ORDERS || (hasSchedule && assignedHours + orderHours > weeklyHours);

  const warnings: AssessmentWarning[] = [];
  if (overloaded) {
    warnings.push({
      code: 'technician_overloaded',
      key: 'repairs.warning_overloaded',
      params: {
        name: technician.name,
        orders: load.openOrders,
        hours: assignedHours,
        available: weeklyHours,
      },
    });
  }
  for (const specialty of missing) {
    warnings.push({
      code: 'technician_specialty',
      key: 'repairs.warning_specialty',
      params: { name: technician.name, specialty },
    });
  }
  if (!worksToday) {
    warnings.push({
      code: 'technician_not_today',
      key: 'repairs.warning_not_today',
      params: { name: technician.name },
    });
  }
  return {
    id: technician.id,
    name: technician.name,
    specialties: technician.specialties,
    matchesSpecialty: missing.length === 0,
    worksToday,
    weeklyHours,
    openOrders: load.openOrders,
    assignedHours,
    overloaded,
    warnings,
  };
}

/** Matching specialty first, then not overloaded, then the lightest load. */
export function compareSuggestions(a: Assessment, b: Assessment): number {
  return (
    Number(b.matchesSpecialty) - Number(a.matchesSpecialty) ||
    Number(a.overloaded) - Number(b.overloaded) ||
    a.assignedHours - b.assignedHours ||
    a.openOrders - b.openOrders ||
    a.name.localeCompare(b.name)
  );
}

export function createTechniciansService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: TechniciansRepo;
  /** the order as the API answers it (the repairs service) */
  getRepair: (ctx: AuthedContext, id: string) => Promise<Repair>;
  now?: () => Date;
  timeZoneOf?: (organizationId: string) => Promise<string | null>;
}) {
  const { db, pool, repo, getRepair } = deps;
  const clock = deps.now ?? (() => new Date());

  async function timeZone(organizationId: string): Promise<string> {
    return (await deps.timeZoneOf?.(organizationId)) ?? DEFAULT_TIME_ZONE;
  }

  const translate = (locale: Locale, w: AssessmentWarning) => t(locale, w.key, w.params);

  /** What the order asks of a technician: its labor lines' specialties and its estimated hours. */
  async function needsOf(ctx: AuthedContext, repairId: string | undefined, specialty?: string) {
    const organizationId = ctx.actor.organizationId;
    const repair = repairId ? await repo.repair(db, organizationId, repairId) : undefined;
    if (repairId && !repair) throw notFound('repairs.not_found');
    const fromLines = repairId ? await repo.repairSpecialties(db, organizationId, repairId) : [];
    const required = specialty ? [specialty] : fromLines;
    return { required, orderHours: repair ? Number(repair.estimatedHours) : 0 };
  }

  async function assess(
    ctx: AuthedContext,
    technicians: TechnicianRow[],
    needs: { required: string[]; orderHours: number },
    repairId: string | undefined,
  ): Promise<Assessment[]> {
    const organizationId = ctx.actor.organizationId;
    const [loads, zone] = await Promise.all([
      repo.workloads(
        db,
        organizationId,
        technicians.map((tech) => tech.id),
        repairId,
      ),
      timeZone(organizationId),
    ]);
    const now = clock();
    return technicians.map((technician) =>
      assessTechnician({
        technician,
        load: loads.get(technician.id) ?? { openOrders: 0, assignedHours: 0 },
        required: needs.required,
        orderHours: needs.orderHours,
        now,
        timeZone: zone,
      }),
    );
  }

  return {
    /** Technicians ranked for an order or a specialty, with what speaks against each. */
    async suggestions(
      ctx: AuthedContext,
      query: z.input<typeof TechnicianSuggestionQuerySchema>,
    ): Promise<{ items: TechnicianSuggestion[] }> {
      assertCan(ctx, 'repairs:read');
      // staff's loads and schedules are not for the portal, whatever the grants say
      if (ctx.actor.role === 'CUSTOMER') throw forbidden();
      const q = TechnicianSuggestionQuerySchema.parse(query);
      const needs = await needsOf(ctx, q.repairId, q.specialty || undefined);
      const technicians = await repo.technicians(db, ctx.actor.organizationId);
      const assessed = await assess(ctx, technicians, needs, q.repairId);
      return {
        items: assessed.sort(compareSuggestions).map((a) => ({
          ...a,
          warnings: a.warnings.map((w) => translate(ctx.locale, w)),
        })),
      };
    },

    /**
     * Assigns the order to a technician (null unassigns), honouring If-Match, and answers the order
     * with the same assessment as the suggestions: a warning never blocks the assignment.
     */
    async assign(
      ctx: AuthedContext,
      repairId: string,
      technicianId: string | null,
      ifMatch?: number,
    ): Promise<Repair & { warnings: { code: string; message: string }[] }> {
      assertCan(ctx, 'repairs:update');
      const organizationId = ctx.actor.organizationId;
      const technician = await inTransaction(pool, async (tx) => {
        const row = await repo.repair(tx.db, organizationId, repairId, { forUpdate: true });
        if (!row) throw notFound('repairs.not_found');
        const status = row.status as RepairStatus;
        if (isClosedStatus(status)) {
          throw new AppError('CONFLICT', 'repairs.closed', {
            number: String(row.number),
            status: t(ctx.locale, `repair_status.${status}`),
          });
        }
        assertVersion(ifMatch, row.version);
        const chosen = technicianId ? await repo.staffMember(tx.db, organizationId, technicianId) : null;
        if (technicianId && !chosen) throw notFound('repairs.technician_not_found');
        // the same technician again changes nothing (no new version, event or notification)
        if (row.technicianId === technicianId) return chosen;
        const updated = await repo.assign(tx.db, organizationId, repairId, technicianId);
        await repo.insertEvent(tx.db, {
          organizationId,
          repairId,
          type: 'assigned',
          data: {
            technicianId,
            technicianName: chosen?.name ?? null,
            previousTechnicianId: row.technicianId,
          },
          actorId: ctx.actor.userId,
          actorName: ctx.actor.name,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'repair.assigned',
          entity: 'repair',
          entityId: repairId,
          before: { technicianId: row.technicianId },
          after: { technicianId, technicianName: chosen?.name ?? null },
        });
        await publishLive(tx, {
          type: 'repair.assigned',
          organizationId,
          customerId: updated.customerId,
          repairId,
          number: updated.number,
          status: updated.status as RepairStatus,
          technicianId: updated.technicianId,
          version: updated.version,
          at: updated.updatedAt.toISOString(),
        });
        return chosen;
      });
      const repair = await getRepair(ctx, repairId);
      if (!technician) return { ...repair, warnings: [] };
      const [assessment] = await assess(ctx, [technician], await needsOf(ctx, repairId), repairId);
      return {
        ...repair,
        warnings: (assessment?.warnings ?? []).map((w) => ({
          code: w.code,
          message: translate(ctx.locale, w),
        })),
      };
    },
  };
}
export type TechniciansService = ReturnType<typeof createTechniciansService>;
