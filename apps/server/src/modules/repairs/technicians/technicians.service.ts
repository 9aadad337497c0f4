import type { Locale, Repair, TechnicianSuggestion, TechnicianSuggestionQuerySchema } from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { assertVersion } from '../../../platform/etag.js';
import { t } from '../../../platform/i18n.js';
import { inTransaction } from '../../../platform/tx.js';
import type { UsersService } from '../../users/users.service.js';
import type { OrderChanges } from '../orders/order-changes.js';
import type { RepairsRepo } from '../orders/repairs.repo.js';
import {
  type Assessment,
  type AssessmentWarning,
  assessTechnician,
  compareSuggestions,
  DEFAULT_TIME_ZONE,
  type TechnicianRow,
} from './assessment.js';
import type { TechniciansRepo } from './technicians.repo.js';

export type TechnicianSuggestionQueryParsed = z.output<typeof TechnicianSuggestionQuerySchema>;

const translate = (locale: Locale, w: AssessmentWarning) => t(locale, w.key, w.params);

/** Who should take an order (specialty, schedule, load) and assigning it. */
export function createTechniciansService(deps: {
  db: Database;
  pool: pg.Pool;
  repo: TechniciansRepo;
  orders: RepairsRepo;
  changes: OrderChanges;
  users: Pick<UsersService, 'activeStaff' | 'technicians'>;
  /** the order as the API answers it (the repairs service) */
  getRepair: (ctx: AuthedContext, id: string) => Promise<Repair>;
  now?: () => Date;
  timeZoneOf?: (organizationId: string) => Promise<string | null>;
}) {
  const { db, pool, repo, orders, changes, users, getRepair } = deps;
  const clock = deps.now ?? (() => new Date());

  /** What the order asks of a technician: its labor lines' specialties and its estimated hours. */
  async function needsOf(ctx: AuthedContext, repairId: string | undefined, specialty?: string) {
    const organizationId = ctx.actor.organizationId;
    const repair = repairId ? await orders.findById(db, organizationId, repairId) : undefined;
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
      deps.timeZoneOf?.(organizationId),
    ]);
    const now = clock();
    return technicians.map((technician) =>
      assessTechnician({
        technician,
        load: loads.get(technician.id) ?? { openOrders: 0, assignedHours: 0 },
        required: needs.required,
        orderHours: needs.orderHours,
        now,
        timeZone: zone ?? DEFAULT_TIME_ZONE,
      }),
    );
  }

  /** Any active staff member may take an order; a technician's specialties and hours come with them. */
  function staffMember(executor: Database, organizationId: string, id: string) {
    return users.activeStaff(executor, organizationId, id);
  }

  /** The assignment itself, in one transaction; the chosen staff member (null: unassigned). */
  async function assignIn(
    ctx: AuthedContext,
    repairId: string,
    technicianId: string | null,
    ifMatch?: number,
  ) {
    const organizationId = ctx.actor.organizationId;
    return inTransaction(pool, async (tx) => {
      const row = await changes.lockOpen(tx, ctx, repairId);
      changes.refuseClosed(ctx, row);
      assertVersion(ifMatch, row.version);
      const chosen = technicianId ? await staffMember(tx.db, organizationId, technicianId) : null;
      if (technicianId && !chosen) throw notFound('repairs.technician_not_found');
      // the same technician again changes nothing (no new version, event or notification)
      if (row.technicianId === technicianId) return chosen;
      const updated = await orders.update(tx.db, organizationId, repairId, { technicianId });
      const technicianName = chosen?.name ?? null;
      await changes.event(tx, ctx, repairId, {
        type: 'assigned',
        data: { technicianId, technicianName, previousTechnicianId: row.technicianId },
      });
      await recordAudit(tx.db, ctx, {
        organizationId,
        action: 'repair.assigned',
        entity: 'repair',
        entityId: repairId,
        before: { technicianId: row.technicianId },
        after: { technicianId, technicianName },
      });
      await changes.live(tx, ctx, 'repair.assigned', updated);
      return chosen;
    });
  }

  return {
    /** Technicians ranked for an order or a specialty, with what speaks against each. */
    async suggestions(
      ctx: AuthedContext,
      q: TechnicianSuggestionQueryParsed,
    ): Promise<{ items: TechnicianSuggestion[] }> {
      assertCan(ctx, 'repairs:read');
      // staff's loads and schedules are not for the portal, whatever the grants say
      if (ctx.actor.role === 'CUSTOMER') throw forbidden();
      const needs = await needsOf(ctx, q.repairId, q.specialty || undefined);
      const technicians = await users.technicians(db, ctx.actor.organizationId);
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
      const technician = await assignIn(ctx, repairId, technicianId, ifMatch);
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
