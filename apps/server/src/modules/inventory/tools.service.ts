import type {
  Page,
  Tool,
  ToolCheckinSchema,
  ToolCheckoutSchema,
  ToolCreateSchema,
  ToolEvent,
  ToolListQuerySchema,
  ToolStatus,
  ToolUpdateSchema,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertVersion } from '../../platform/etag.js';
import type { ExistsCheck } from '../../platform/module.js';
import { inTransaction } from '../../platform/tx.js';
import type { UsersService } from '../users/users.service.js';
import type { ToolEventRow, ToolRow, ToolsRepo } from './tools.repo.js';

type ToolListQuery = z.output<typeof ToolListQuerySchema>;
type ToolCreate = z.output<typeof ToolCreateSchema>;
type ToolUpdate = z.output<typeof ToolUpdateSchema>;
type ToolCheckout = z.output<typeof ToolCheckoutSchema>;
type ToolCheckin = z.output<typeof ToolCheckinSchema>;

/** A row with its technician's name, looked up through the users module. */
type Named<T> = T & { technicianName: string | null };
type ToolsDeps = {
  db: Database;
  pool: pg.Pool;
  repo: ToolsRepo;
  users: UsersService;
  repairExists: ExistsCheck;
};

export function toTool(row: Named<ToolRow>): Tool {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    category: row.category,
    status: row.status as ToolStatus,
    location: row.location,
    notes: row.notes,
    checkout:
      row.status === 'in_use' && row.checkoutAt
        ? {
            technicianId: row.checkoutTechnicianId,
            technicianName: row.technicianName,
            repairId: row.checkoutRepairId,
            at: row.checkoutAt.toISOString(),
            note: row.checkoutNote,
          }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

function toEvent(row: Named<ToolEventRow>): ToolEvent {
  return {
    id: row.id,
    toolId: row.toolId,
    type: row.type as ToolEvent['type'],
    fromStatus: row.fromStatus as ToolStatus | null,
    toStatus: row.toStatus as ToolStatus,
    technicianId: row.technicianId,
    technicianName: row.technicianName,
    repairId: row.repairId,
    note: row.note,
    actorName: row.actorName,
    at: row.at.toISOString(),
  };
}

// the reason a tool cannot be taken, in words rather than a status code
const TOOL_UNAVAILABLE = {
  in_use: 'tools.not_available_in_use',
  maintenance: 'tools.not_available_maintenance',
  retired: 'tools.not_available_retired',
} as const;

/** Rows with their technicians' names: one users lookup per call, however many rows. */
function createTechnicianNames(users: UsersService) {
  return async function withNames<T>(
    executor: Database,
    organizationId: string,
    rows: T[],
    technicianOf: (row: T) => string | null,
  ): Promise<Named<T>[]> {
    const ids = rows.map(technicianOf).filter((id): id is string => id !== null);
    const names = await users.namesByIds(executor, organizationId, ids);
    return rows.map((row) => {
      const id = technicianOf(row);
      return { ...row, technicianName: id ? (names.get(id) ?? null) : null };
    });
  };
}

function createToolHelpers(deps: ToolsDeps) {
  const { repo, users } = deps;
  const withNames = createTechnicianNames(users);

  async function found(executor: Database, ctx: AuthedContext, id: string): Promise<Named<ToolRow>> {
    const row = await repo.findById(executor, ctx.actor.organizationId, id);
    if (!row) throw notFound('tools.not_found');
    const [named] = await withNames(executor, ctx.actor.organizationId, [row], (r) => r.checkoutTechnicianId);
    return named!;
  }

  const duplicate = (error: unknown, code: string) =>
    isUniqueViolation(error, 'tools_org_code_uq')
      ? new AppError('CONFLICT', 'tools.duplicate_code', { code }, { code: 'tools.duplicate_code' })
      : error;

  const event = (ctx: AuthedContext, toolId: string) => ({
    organizationId: ctx.actor.organizationId,
    toolId,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
  });

  return { withNames, found, duplicate, event };
}
type ToolHelpers = ReturnType<typeof createToolHelpers>;

/** Lending: checkout and checkin, each a conditional status change with its event. */
function createToolLending(deps: ToolsDeps, helpers: ToolHelpers) {
  const { pool, repo, users, repairExists } = deps;
  const { found, event } = helpers;
  return {
    /** available → in_use, atomically: a second concurrent checkout gets 409. */
    async checkout(ctx: AuthedContext, id: string, data: ToolCheckout): Promise<Tool> {
      assertCan(ctx, 'tools:checkout');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const current = await found(tx.db, ctx, id);
        // any active user of the organization may take a tool (the same rule as before the split)
        if (data.technicianId && !(await users.activeUser(tx.db, organizationId, data.technicianId))) {
          throw notFound('tools.technician_not_found');
        }
        if (data.repairId && !(await repairExists(tx.db, organizationId, data.repairId))) {
          throw notFound('purchase_orders.repair_not_found');
        }
        const taken = await repo.transition(tx.db, organizationId, id, 'available', {
          status: 'in_use',
          checkoutTechnicianId: data.technicianId ?? null,
          checkoutRepairId: data.repairId ?? null,
          checkoutAt: new Date(),
          checkoutNote: data.note ?? null,
        });
        if (!taken) {
          const now = await found(tx.db, ctx, id);
          throw new AppError(
            'CONFLICT',
            TOOL_UNAVAILABLE[now.status as keyof typeof TOOL_UNAVAILABLE] ?? 'tools.not_available',
            {
              name: current.name,
            },
          );
        }
        await repo.insertEvent(tx.db, {
          ...event(ctx, id),
          type: 'checkout',
          fromStatus: 'available',
          toStatus: 'in_use',
          technicianId: data.technicianId ?? null,
          repairId: data.repairId ?? null,
          note: data.note ?? null,
        });
        const after = toTool(await found(tx.db, ctx, id));
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'tool.checked_out',
          entity: 'tool',
          entityId: id,
          after: after.checkout,
        });
        return after;
      });
    },

    async checkin(ctx: AuthedContext, id: string, data: ToolCheckin): Promise<Tool> {
      assertCan(ctx, 'tools:checkout');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const current = await found(tx.db, ctx, id);
        const toStatus = data.toMaintenance ? 'maintenance' : 'available';
        const returned = await repo.transition(tx.db, organizationId, id, 'in_use', {
          status: toStatus,
          checkoutTechnicianId: null,
          checkoutRepairId: null,
          checkoutAt: null,
          checkoutNote: null,
        });
        if (!returned) throw new AppError('CONFLICT', 'tools.not_checked_out', { name: current.name });
        await repo.insertEvent(tx.db, {
          ...event(ctx, id),
          type: 'checkin',
          fromStatus: 'in_use',
          toStatus,
          technicianId: current.checkoutTechnicianId,
          repairId: current.checkoutRepairId,
          note: data.note ?? null,
        });
        await recordAudit(tx.db, ctx, {
          organizationId,
          action: 'tool.checked_in',
          entity: 'tool',
          entityId: id,
          after: { status: toStatus, note: data.note ?? null },
        });
        return toTool(await found(tx.db, ctx, id));
      });
    },
  };
}

export function createToolsService(deps: ToolsDeps) {
  const { db, pool, repo } = deps;
  const helpers = createToolHelpers(deps);
  const { withNames, found, duplicate, event } = helpers;

  return {
    async list(ctx: AuthedContext, q: ToolListQuery): Promise<Page<Tool>> {
      assertCan(ctx, 'tools:read');
      const organizationId = ctx.actor.organizationId;
      const { rows, total } = await repo.list(db, organizationId, q);
      const named = await withNames(db, organizationId, rows, (r) => r.checkoutTechnicianId);
      return { items: named.map(toTool), total, page: q.page, pageSize: q.pageSize };
    },

    async get(ctx: AuthedContext, id: string): Promise<Tool> {
      assertCan(ctx, 'tools:read');
      return toTool(await found(db, ctx, id));
    },

    async create(ctx: AuthedContext, data: ToolCreate): Promise<Tool> {
      assertCan(ctx, 'tools:write');
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const row = await repo.insert(tx.db, {
            organizationId,
            code: data.code,
            name: data.name,
            category: data.category ?? null,
            location: data.location ?? null,
            notes: data.notes ?? null,
          });
          await repo.insertEvent(tx.db, { ...event(ctx, row.id), type: 'created', toStatus: 'available' });
          const created = toTool(await found(tx.db, ctx, row.id));
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'tool.created',
            entity: 'tool',
            entityId: row.id,
            after: created,
          });
          return created;
        });
      } catch (error) {
        throw duplicate(error, data.code);
      }
    },

    async update(ctx: AuthedContext, id: string, data: ToolUpdate, ifMatch?: number): Promise<Tool> {
      assertCan(ctx, 'tools:write');
      const organizationId = ctx.actor.organizationId;
      try {
        return await inTransaction(pool, async (tx) => {
          const before = await found(tx.db, ctx, id);
          assertVersion(ifMatch, before.version);
          if (data.status && data.status !== before.status && before.status === 'in_use') {
            throw new AppError('CONFLICT', 'tools.in_use');
          }
          const { status, ...fields } = data;
          // the version guards against a checkout landing between the read and this write
          const changed = await repo.transition(
            tx.db,
            organizationId,
            id,
            null,
            { ...fields, ...(status ? { status } : {}) },
            before.version,
          );
          if (!changed) throw new AppError('PRECONDITION_FAILED', 'etag.stale');
          if (status && status !== before.status) {
            await repo.insertEvent(tx.db, {
              ...event(ctx, id),
              type: 'status',
              fromStatus: before.status,
              toStatus: status,
            });
          }
          const after = toTool(await found(tx.db, ctx, id));
          await recordAudit(tx.db, ctx, {
            organizationId,
            action: 'tool.updated',
            entity: 'tool',
            entityId: id,
            before: toTool(before),
            after,
          });
          return after;
        });
      } catch (error) {
        throw duplicate(error, data.code ?? '');
      }
    },

    ...createToolLending(deps, helpers),

    async events(ctx: AuthedContext, id: string): Promise<{ items: ToolEvent[] }> {
      assertCan(ctx, 'tools:read');
      await found(db, ctx, id);
      const organizationId = ctx.actor.organizationId;
      const rows = await repo.events(db, organizationId, id);
      const named = await withNames(db, organizationId, rows, (r) => r.technicianId);
      return { items: named.map(toEvent) };
    },
  };
}
export type ToolsService = ReturnType<typeof createToolsService>;
