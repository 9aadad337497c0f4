import {
  can,
  type RepairTime,
  type TimeEntry,
  type TimerStartSchema,
  type TimerStopSchema,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { recordAudit } from '../../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../../platform/context.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../../platform/errors.js';
import { t } from '../../../platform/i18n.js';
import { inTransaction, type Tx } from '../../../platform/tx.js';
import type { UsersService } from '../../users/users.service.js';
import { type OrderChanges, statusLabel } from '../orders/order-changes.js';
import type { RepairRow, RepairsRepo } from '../orders/repairs.repo.js';
import type { RepairStatusService } from '../status/status.service.js';
import type { RepairTimeRepo } from './time.repo.js';
import { byTechnician, timeInStatus, toTimeEntry } from './time-in-status.js';

export type TimerStartParsed = z.output<typeof TimerStartSchema>;
export type TimerStopParsed = z.output<typeof TimerStopSchema>;

const RUNNING_TIMER_INDEX = 'repair_time_entries_running_uq';

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

type TimeDeps = {
  db: Database;
  pool: pg.Pool;
  repo: RepairTimeRepo;
  orders: RepairsRepo;
  changes: OrderChanges;
  users: Pick<UsersService, 'activeStaff' | 'namesByIds'>;
  status: Pick<RepairStatusService, 'transitionLocked'>;
};

/** The order, if the caller may see it: a customer login sees only their own. */
function visible(ctx: AuthedContext, row: RepairRow | undefined): RepairRow {
  if (!row || (ctx.actor.role === 'CUSTOMER' && row.customerId !== ctx.actor.customerId)) {
    throw notFound('repairs.not_found');
  }
  return row;
}

/** The caller, or another technician when the caller may manage orders (repairs:update). */
async function technicianFor(
  users: TimeDeps['users'],
  executor: Database,
  ctx: AuthedContext,
  technicianId: string | null | undefined,
) {
  const id = technicianId ?? ctx.actor.userId;
  if (id !== ctx.actor.userId && !can(ctx.actor.role, 'repairs:update', ctx.actor.grants)) {
    throw forbidden('repairs.technician_scope');
  }
  const technician = await users.activeStaff(executor, ctx.actor.organizationId, id);
  if (!technician) throw notFound('repairs.technician_not_found');
  return technician;
}

async function runningConflict(
  repo: RepairTimeRepo,
  executor: Database,
  ctx: AuthedContext,
  technician: { id: string; name: string },
) {
  const running = await repo.runningFor(executor, ctx.actor.organizationId, technician.id);
  return new AppError(
    'CONFLICT',
    'repairs.timer_running',
    { name: technician.name, number: running ? String(running.number) : '?' },
    running ? { repairId: running.repairId, number: running.number } : undefined,
  );
}

/** The order's timer entries with the technicians' names. */
async function namedEntries(
  deps: Pick<TimeDeps, 'repo' | 'users'>,
  executor: Database,
  organizationId: string,
  repairId: string,
  entryId?: string,
) {
  const rows = await deps.repo.entries(executor, organizationId, repairId, entryId);
  const ids = [...new Set(rows.map((r) => r.technicianId))];
  const names = await deps.users.namesByIds(executor, organizationId, ids);
  return rows.map((r) => toTimeEntry(r, names.get(r.technicianId) ?? ''));
}

/** Technicians' timers on an order, and where the order's time went (per status, per technician). */
export function createRepairTimeService(deps: TimeDeps) {
  const { db, pool, repo, orders, changes, users } = deps;
  const entries = (executor: Database, organizationId: string, repairId: string, entryId?: string) =>
    namedEntries(deps, executor, organizationId, repairId, entryId);

  async function afterChange(
    tx: Tx,
    ctx: AuthedContext,
    repair: RepairRow,
    type: 'timer_started' | 'timer_stopped',
    saved: TimeEntry,
  ) {
    await changes.event(tx, ctx, repair.id, {
      type,
      note: saved.note,
      data: {
        entryId: saved.id,
        technicianId: saved.technicianId,
        technicianName: saved.technicianName,
        serviceLineId: saved.serviceLineId,
        ...(type === 'timer_stopped' ? { seconds: saved.seconds } : {}),
      },
    });
    await recordAudit(tx.db, ctx, {
      organizationId: ctx.actor.organizationId,
      action: `repair.${type}`,
      entity: 'repair',
      entityId: repair.id,
      after: saved,
    });
    // open order pages refresh their time panel
    const at = (type === 'timer_started' ? saved.startedAt : saved.endedAt) ?? new Date().toISOString();
    await changes.live(tx, ctx, 'repair.updated', repair, at);
  }

  /**
   * Work begins with the first timer: an order still NAO_INICIADO moves to EM_ANDAMENTO through the
   * status machine (event, audit, live update), or the timer is refused when the caller may not.
   */
  async function startOrder(tx: Tx, ctx: AuthedContext, repair: RepairRow, technicianName: string) {
    if (repair.status !== 'NAO_INICIADO') return repair;
    try {
      const note = t(ctx.locale, 'repairs.timer_started_note', { name: technicianName });
      return await deps.status.transitionLocked(tx, ctx, repair, 'EM_ANDAMENTO', note);
    } catch (error) {
      if (error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'CONFLICT')) {
        throw new AppError(
          error.code,
          'repairs.timer_needs_start',
          { from: statusLabel(ctx.locale, 'NAO_INICIADO'), to: statusLabel(ctx.locale, 'EM_ANDAMENTO') },
          { from: 'NAO_INICIADO', to: 'EM_ANDAMENTO' },
        );
      }
      throw error;
    }
  }

  return {
    /** Starts the technician's timer on the order; one running timer per technician (409). */
    async start(ctx: AuthedContext, repairId: string, data: TimerStartParsed): Promise<TimeEntry> {
      assertCan(ctx, 'repairs:transition');
      const organizationId = ctx.actor.organizationId;
      let technician: { id: string; name: string } | undefined;
      try {
        return await inTransaction(pool, async (tx) => {
          const repair = visible(ctx, await orders.lock(tx.db, organizationId, repairId));
          changes.refuseClosed(ctx, repair);
          technician = await technicianFor(users, tx.db, ctx, data.technicianId);
          if (
            data.serviceLineId &&
            !(await repo.serviceLineExists(tx.db, organizationId, repairId, data.serviceLineId))
          ) {
            throw notFound('repairs.line_not_found', { id: data.serviceLineId });
          }
          if (await repo.runningFor(tx.db, organizationId, technician.id)) {
            throw await runningConflict(repo, tx.db, ctx, technician);
          }
          const order = await startOrder(tx, ctx, repair, technician.name);
          const id = await repo.insertEntry(tx.db, {
            organizationId,
            repairId,
            technicianId: technician.id,
            serviceLineId: data.serviceLineId ?? null,
            stage: order.status,
            note: data.note ?? null,
          });
          const [saved] = await entries(tx.db, organizationId, repairId, id);
          await afterChange(tx, ctx, order, 'timer_started', saved!);
          return saved!;
        });
      } catch (error) {
        // two starts at once: the unique index lets one through, the other lands here
        if (technician && isUniqueViolation(error, RUNNING_TIMER_INDEX)) {
          throw await runningConflict(repo, db, ctx, technician);
        }
        throw error;
      }
    },

    /** Stops the technician's running timer on this order (409 when none is running). */
    async stop(ctx: AuthedContext, repairId: string, data: TimerStopParsed): Promise<TimeEntry> {
      assertCan(ctx, 'repairs:transition');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        // closed orders still let a forgotten timer be stopped
        const repair = visible(ctx, await orders.lock(tx.db, organizationId, repairId));
        const technician = await technicianFor(users, tx.db, ctx, data.technicianId);
        const id = await repo.stopRunning(tx.db, organizationId, repairId, technician.id, data.note);
        if (!id) throw new AppError('CONFLICT', 'repairs.timer_not_running', { name: technician.name });
        const [saved] = await entries(tx.db, organizationId, repairId, id);
        await afterChange(tx, ctx, repair, 'timer_stopped', saved!);
        return saved!;
      });
    },

    /**
     * A finished stretch of work recorded after the fact (the demo's past time): the same entry,
     * event, audit row and live update as a timer started and stopped then. Not for closed orders.
     */
    async record(
      ctx: AuthedContext,
      repairId: string,
      data: { technicianId: string; startedAt: Date; endedAt: Date; note?: string | null },
    ): Promise<TimeEntry> {
      assertCan(ctx, 'repairs:transition');
      const organizationId = ctx.actor.organizationId;
      return inTransaction(pool, async (tx) => {
        const repair = visible(ctx, await orders.lock(tx.db, organizationId, repairId));
        changes.refuseClosed(ctx, repair);
        const technician = await technicianFor(users, tx.db, ctx, data.technicianId);
        const id = await repo.insertEntry(tx.db, {
          organizationId,
          repairId,
          technicianId: technician.id,
          stage: repair.status,
          startedAt: data.startedAt,
          endedAt: data.endedAt,
          note: data.note ?? null,
        });
        const [saved] = await entries(tx.db, organizationId, repairId, id);
        await afterChange(tx, ctx, repair, 'timer_stopped', saved!);
        return saved!;
      });
    },

    /** Entries, time in each status, per technician, estimated vs actual hours. */
    async time(ctx: AuthedContext, repairId: string): Promise<RepairTime> {
      assertCan(ctx, 'repairs:read');
      const organizationId = ctx.actor.organizationId;
      const repair = visible(ctx, await orders.findById(db, organizationId, repairId));
      const [list, events, now] = await Promise.all([
        entries(db, organizationId, repairId),
        repo.statusEvents(db, organizationId, repairId),
        repo.now(db),
      ]);
      return {
        entries: list,
        timeInStatus: timeInStatus(events, { status: repair.status, at: repair.createdAt }, now),
        byTechnician: byTechnician(list),
        estimatedHours: Number(repair.estimatedHours),
        actualHours: hours(list.reduce((sum, e) => sum + e.seconds, 0)),
      };
    },

    /** Σ of the timers per technician by name, most first (for the service report). */
    async byTechnician(organizationId: string, repairId: string) {
      const rows = await repo.secondsByTechnician(db, organizationId, repairId);
      const names = await users.namesByIds(
        db,
        organizationId,
        rows.map((r) => r.technicianId),
      );
      return rows
        .map((r) => ({ name: names.get(r.technicianId) ?? '', seconds: r.seconds, exact: r.exact }))
        .sort((a, b) => b.exact - a.exact || a.name.localeCompare(b.name))
        .map(({ name, seconds }) => ({ name, seconds }));
    },
  };
}
export type RepairTimeService = ReturnType<typeof createRepairTimeService>;
