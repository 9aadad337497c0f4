import type {
  Bay,
  BayCreateSchema,
  BayKind,
  BayListQuerySchema,
  BayUpdateSchema,
  Holiday,
  HolidayCreateSchema,
  HolidayListQuerySchema,
} from '@bancada/shared';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { conflict, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import { inTransaction } from '../../platform/tx.js';
import type { Availability } from './availability.js';
import type { SchedulingDeps } from './scheduling.deps.js';
import type { BayRow, HolidayRow } from './scheduling.repo.js';

type BayCreate = z.output<typeof BayCreateSchema>;
type BayUpdate = z.output<typeof BayUpdateSchema>;
type BayListQuery = z.output<typeof BayListQuerySchema>;
type HolidayCreate = z.output<typeof HolidayCreateSchema>;
type HolidayListQuery = z.output<typeof HolidayListQuerySchema>;

function toBay(row: BayRow): Bay {
  return {
    id: row.id,
    branchId: row.branchId,
    name: row.name,
    kind: row.kind as BayKind,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toHoliday(row: HolidayRow): Holiday {
  return { id: row.id, branchId: row.branchId, date: row.date, name: row.name };
}

/** Bays, lifts and benches per branch, and the days the shop is closed (issue 15 §1). */
export function createBaysService(deps: SchedulingDeps & { availability: Availability }) {
  const { db, pool, repo, availability } = deps;

  const duplicateName = (error: unknown) =>
    isUniqueViolation(error, 'bays_org_branch_name_uq') ? conflict('scheduling.bay_duplicate_name') : error;

  return {
    async list(ctx: AuthedContext, q: BayListQuery): Promise<Bay[]> {
      assertCan(ctx, 'appointments:read');
      const branchId = await availability.branchOf(ctx, q.branchId);
      const active = q.active === undefined ? undefined : q.active === 'true';
      const rows = await repo.listBays(db, ctx.actor.organizationId, {
        branchId,
        ...(active === undefined ? {} : { active }),
      });
      return rows.map(toBay);
    },

    async create(ctx: AuthedContext, input: BayCreate): Promise<Bay> {
      assertCan(ctx, 'bays:manage');
      const organizationId = ctx.actor.organizationId;
      const branchId = await availability.branchOf(ctx, input.branchId);
      try {
        const row = await inTransaction(pool, async (tx) => {
          const inserted = await repo.insertBay(tx.db, {
            organizationId,
            branchId,
            name: input.name,
            kind: input.kind,
          });
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'bay.created',
            entity: 'bay',
            entityId: inserted.id,
            after: toBay(inserted),
          });
          return inserted;
        });
        return toBay(row);
      } catch (error) {
        throw duplicateName(error);
      }
    },

    /** Rename, change the kind or deactivate (If-Match). */
    async update(ctx: AuthedContext, id: string, patch: BayUpdate, ifMatch?: number): Promise<Bay> {
      assertCan(ctx, 'bays:manage');
      const organizationId = ctx.actor.organizationId;
      try {
        const row = await inTransaction(pool, async (tx) => {
          const current = await repo.findBay(tx.db, organizationId, id, { forUpdate: true });
          if (!current) throw notFound('scheduling.bay_not_found');
          assertVersion(ifMatch, current.version);
          const updated = (await repo.updateBay(tx.db, organizationId, id, current.version, patch))!;
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'bay.updated',
            entity: 'bay',
            entityId: id,
            before: toBay(current),
            after: toBay(updated),
          });
          return updated;
        });
        return toBay(row);
      } catch (error) {
        throw duplicateName(error);
      }
    },

    async listHolidays(ctx: AuthedContext, q: HolidayListQuery): Promise<Holiday[]> {
      assertCan(ctx, 'appointments:read');
      const rows = await repo.listHolidays(db, ctx.actor.organizationId, q);
      return rows.map(toHoliday);
    },

    async createHoliday(ctx: AuthedContext, input: HolidayCreate): Promise<Holiday> {
      assertCan(ctx, 'bays:manage');
      const organizationId = ctx.actor.organizationId;
      if (input.branchId) await availability.branchOf(ctx, input.branchId);
      try {
        const row = await inTransaction(pool, async (tx) => {
          const inserted = await repo.insertHoliday(tx.db, {
            organizationId,
            branchId: input.branchId ?? null,
            date: input.date,
            name: input.name,
          });
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'holiday.created',
            entity: 'holiday',
            entityId: inserted.id,
            after: toHoliday(inserted),
          });
          return inserted;
        });
        return toHoliday(row);
      } catch (error) {
        throw isUniqueViolation(error, 'shop_holidays_org_branch_date_uq')
          ? conflict('scheduling.holiday_duplicate')
          : error;
      }
    },

    async deleteHoliday(ctx: AuthedContext, id: string): Promise<void> {
      assertCan(ctx, 'bays:manage');
      const organizationId = ctx.actor.organizationId;
      await inTransaction(pool, async (tx) => {
        const removed = await repo.deleteHoliday(tx.db, organizationId, id);
        if (!removed) throw notFound('scheduling.holiday_not_found');
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'holiday.deleted',
          entity: 'holiday',
          entityId: id,
          before: toHoliday(removed),
        });
      });
    },
  };
}
export type BaysService = ReturnType<typeof createBaysService>;
