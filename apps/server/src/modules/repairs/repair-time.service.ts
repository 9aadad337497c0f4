import {
  can,
  isClosedStatus,
  REPAIR_STATUSES,
  type RepairStatus,
  type RepairTime,
  type TimeEntry,
  type TimerStart,
  TimerStartSchema,
  TimerStopSchema,
} from '@bancada/shared';
import type pg from 'pg';
import type { z } from 'zod';
import type { Database } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { type AuthedContext, assertCan } from '../../platform/context.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import { t } from '../../platform/i18n.js';
import { publishLive } from '../../platform/live.js';
import { inTransaction, type Tx } from '../../platform/tx.js';
import type { RepairTimeRepo, StatusEventRow, TimeEntryRow } from './repair-time.repo.js';

const RUNNING_TIMER_INDEX = 'repair_time_entries_running_uq';

type RepairRef = NonNullable<Awaited<ReturnType<RepairTimeRepo['findRepair']>>>;

export function toTimeEntry(row: TimeEntryRow & { seconds: number }): TimeEntry {
  return {
    id: row.id,
    repairId: row.repairId,
    technicianId: row.technicianId,
    technicianName: row.technicianName,
    serviceLineId: row.serviceLineId,
    stage: row.stage as RepairStatus,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    seconds: Math.max(0, Math.floor(row.seconds)),
    note: row.note,
  };
}

/**
 * Seconds in each status, from the order's events (oldest first): the 'created' row's status opens
 * the first interval, each 'status' row closes one and opens the next, the current one runs to `now`.
 * Without a 'created' row (orders imported from elsewhere) the first interval starts at `origin`.
 */
export function timeInStatus(
  events: readonly StatusEventRow[],
  origin: { status: string; at: Date },
  now: Date,
): RepairTime['timeInStatus'] {
  const totals = new Map<string, number>();
  const add = (status: string | null, from: Date, to: Date) => {
    if (!status) return;
    totals.set(status, (totals.get(status) ?? 0) + Math.max(0, to.getTime() - from.getTime()));
  };
  const created = events.find((e) => e.type === 'created' && e.toStatus);
  const firstChange = events.find((e) => e.type === 'status');
  let current: string | null = created?.toStatus ?? firstChange?.fromStatus ?? origin.status;
  let since = created?.at ?? origin.at;
  for (const e of events) {
    if (e.type !== 'status' || !e.toStatus) continue;
    add(current, since, e.at);
    current = e.toStatus;
    since = e.at;
  }
  add(current, since, now);
  return REPAIR_STATUSES.filter((s) => totals.has(s)).map((status) => ({
    status,
    seconds: Math.floor((totals.get(status) ?? 0) / 1000),
  }));
}

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

export function createRepairTimeService(deps: { db: Database; pool: pg.Pool; repo: RepairTimeRepo }) {
  const { db, pool, repo } = deps;

  async function found(executor: Database, ctx: AuthedContext, id: string, lock = false) {
    const row = await repo.findRepair(executor, ctx.actor.organizationId, id, { lock });
    // a customer login (should a grant ever let one in) sees only their own orders
    if (!row || (ctx.actor.role === 'CUSTOMER' && row.customerId !== ctx.actor.customerId)) {
      throw notFound('repairs.not_found');
    }
    return row;
  }

  function refuseClosed(ctx: AuthedContext, row: RepairRef) {
    const status = row.status as RepairStatus;
    if (isClosedStatus(status)) {
      throw new AppError('CONFLICT', 'repairs.closed', {
        number: String(row.number),
        status: t(ctx.locale, `repair_status.${status}`),
      });
    }
  }

  /** The caller, or another technician when the caller may manage orders (repairs:update). */
  async function technicianFor(
    executor: Database,
    ctx: AuthedContext,
    technicianId: string | null | undefined,
  ) {
    const id = technicianId ?? ctx.actor.userId;
    if (id !== ctx.actor.userId && !can(ctx.actor.role, 'repairs:update', ctx.actor.grants)) {
      throw forbidden('repairs.technician_scope');
    }
    const technician = await repo.staffMember(executor, ctx.actor.organizationId, id);
    if (!technician) throw notFound('repairs.technician_not_found');
    return technician;
  }

  async function runningConflict(
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

  async function entry(executor: Database, ctx: AuthedContext, repairId: string, entryId: string) {
    const [row] = await repo.entries(executor, ctx.actor.organizationId, repairId, entryId);
    return toTimeEntry(row!);
  }

  async function afterChange(
    tx: Tx,
    ctx: AuthedContext,
    repair: RepairRef,
    type: 'timer_started' | 'timer_stopped',
    saved: TimeEntry,
  ) {
    const organizationId = ctx.actor.organizationId;
    await repo.insertEvent(tx.db, {
      organizationId,
      repairId: repair.id,
      type,
      note: saved.note,
      data: {
        entryId: saved.id,
        technicianId: saved.technicianId,
        technicianName: saved.technicianName,
        serviceLineId: saved.serviceLineId,
        ...(type === 'timer_stopped' ? { seconds: saved.seconds } : {}),
      },
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
    });
    await recordAudit(tx.db, ctx, {
      organizationId,
      action: `repair.${type}`,
      entity: 'repair',
      entityId: repair.id,
      after: saved,
    });
    // open order pages refresh their time panel
    await publishLive(tx, {
      type: 'repair.updated',
      organizationId,
      customerId: repair.customerId,
      repairId: repair.id,
      number: repair.number,
      status: repair.status as RepairStatus,
      technicianId: repair.technicianId,
      version: repair.version,
      at: (type === 'timer_started' ? saved.startedAt : saved.endedAt) ?? new Date().toISOString(),
    });
  }

  return {
    /** Starts the technician's timer on the order; one running timer per technician (409). */
    async start(ctx: AuthedContext, repairId: string, input: TimerStart): Promise<TimeEntry> {
      assertCan(ctx, 'repairs:transition');
      const data = TimerStartSchema.parse(input);
      let technician: { id: string; name: string } | undefined;
      try {
        return await inTransaction(pool, async (tx) => {
          const repair = await found(tx.db, ctx, repairId, true);
          refuseClosed(ctx, repair);
          technician = await technicianFor(tx.db, ctx, data.technicianId);
          if (
            data.serviceLineId &&
            !(await repo.serviceLineExists(tx.db, ctx.actor.organizationId, repairId, data.serviceLineId))
          ) {
            throw notFound('repairs.line_not_found', { id: data.serviceLineId });
          }
          if (await repo.runningFor(tx.db, ctx.actor.organizationId, technician.id)) {
            throw await runningConflict(tx.db, ctx, technician);
          }
          const id = await repo.insertEntry(tx.db, {
            organizationId: ctx.actor.organizationId,
            repairId,
            technicianId: technician.id,
            serviceLineId: data.serviceLineId ?? null,
            stage: repair.status,
            note: data.note ?? null,
          });
          const saved = await entry(tx.db, ctx, repairId, id);
          await afterChange(tx, ctx, repair, 'timer_started', saved);
          return saved;
        });
      } catch (error) {
        // two starts at once: the unique index lets one through, the other lands here
        if (technician && isUniqueViolation(error, RUNNING_TIMER_INDEX)) {
          throw await runningConflict(db, ctx, technician);
        }
        throw error;
      }
    },

    /** Stops the technician's running timer on this order (409 when none is running). */
    async stop(
      ctx: AuthedContext,
      repairId: string,
      input: z.input<typeof TimerStopSchema>,
    ): Promise<TimeEntry> {
      assertCan(ctx, 'repairs:transition');
      const data = TimerStopSchema.parse(input);
      return inTransaction(pool, async (tx) => {
        // closed orders still let a forgotten timer be stopped
        const repair = await found(tx.db, ctx, repairId, true);
        const technician = await technicianFor(tx.db, ctx, data.technicianId);
        const id = await repo.stopRunning(
          tx.db,
          ctx.actor.organizationId,
          repairId,
          technician.id,
          data.note,
        );
        if (!id) throw new AppError('CONFLICT', 'repairs.timer_not_running', { name: technician.name });
        const saved = await entry(tx.db, ctx, repairId, id);
        await afterChange(tx, ctx, repair, 'timer_stopped', saved);
        return saved;
      });
    },

    /** Entries, time in each status, per technician, estimated vs actual hours. */
    async time(ctx: AuthedContext, repairId: string): Promise<RepairTime> {
      assertCan(ctx, 'repairs:read');
      const repair = await found(db, ctx, repairId);
      const organizationId = ctx.actor.organizationId;
      const [rows, events, now] = await Promise.all([
        repo.entries(db, organizationId, repairId),
        repo.statusEvents(db, organizationId, repairId),
        repo.now(db),
      ]);
      const entries = rows.map(toTimeEntry);
      const byTechnician = new Map<
        string,
        { technicianId: string; technicianName: string; seconds: number }
      >();
      for (const e of entries) {
        const sum = byTechnician.get(e.technicianId) ?? {
          technicianId: e.technicianId,
          technicianName: e.technicianName,
          seconds: 0,
        };
        sum.seconds += e.seconds;
        byTechnician.set(e.technicianId, sum);
      }
      const totalSeconds = entries.reduce((sum, e) => sum + e.seconds, 0);
      return {
        entries,
        timeInStatus: timeInStatus(events, { status: repair.status, at: repair.createdAt }, now),
        byTechnician: [...byTechnician.values()].sort(
          (a, b) => b.seconds - a.seconds || a.technicianName.localeCompare(b.technicianName),
        ),
        estimatedHours: Number(repair.estimatedHours),
        actualHours: hours(totalSeconds),
      };
    },
  };
}
export type RepairTimeService = ReturnType<typeof createRepairTimeService>;
