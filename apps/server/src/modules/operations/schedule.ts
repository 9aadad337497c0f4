import { lastSlot } from '../../platform/wall-clock.js';

/** When the scheduled backup runs: daily at 03:00 on the organization's wall clock (its IANA time zone). */
export const BACKUP_HOUR = 3;

/**
 * Whether a scheduled backup is due: none has started since the latest 03:00. A server that was down
 * at 03:00 runs it at its next check; one slot is tried once (a failed run alerts, it does not loop).
 */
export function scheduledBackupDue(now: Date, timeZone: string, lastScheduledStart: Date | null): boolean {
  return !lastScheduledStart || lastScheduledStart.getTime() < lastSlot(now, timeZone, BACKUP_HOUR).getTime();
}
