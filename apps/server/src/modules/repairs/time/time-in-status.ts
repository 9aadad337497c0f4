import { REPAIR_STATUSES, type RepairStatus, type RepairTime, type TimeEntry } from '@bancada/shared';
import type { StatusEventRow, TimeEntryRow } from './time.repo.js';

export function toTimeEntry(row: TimeEntryRow, technicianName: string): TimeEntry {
  return {
    id: row.id,
    repairId: row.repairId,
    technicianId: row.technicianId,
    technicianName,
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

/** Seconds per technician, most first (ties by name). */
export function byTechnician(entries: readonly TimeEntry[]): RepairTime['byTechnician'] {
  const sums = new Map<string, { technicianId: string; technicianName: string; seconds: number }>();
  for (const e of entries) {
    const sum = sums.get(e.technicianId) ?? {
      technicianId: e.technicianId,
      technicianName: e.technicianName,
      seconds: 0,
    };
    sum.seconds += e.seconds;
    sums.set(e.technicianId, sum);
  }
  return [...sums.values()].sort(
    (a, b) => b.seconds - a.seconds || a.technicianName.localeCompare(b.technicianName),
  );
}
