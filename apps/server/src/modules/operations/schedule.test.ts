import { describe, expect, it } from 'vitest';
import { lastSlot, nextSlot, safeTimeZone, zonedTime } from '../../platform/wall-clock.js';
import { BACKUP_HOUR, scheduledBackupDue } from './schedule.js';

describe('backup schedule: 03:00 on the organization clock', () => {
  it('finds the latest and the next 03:00 in São Paulo (UTC−3)', () => {
    const now = new Date('2026-05-03T05:59:00Z'); // 02:59 local
    expect(lastSlot(now, 'America/Sao_Paulo', BACKUP_HOUR).toISOString()).toBe('2026-05-02T06:00:00.000Z');
    expect(nextSlot(now, 'America/Sao_Paulo', BACKUP_HOUR).toISOString()).toBe('2026-05-03T06:00:00.000Z');
    const after = new Date('2026-05-03T06:00:00Z'); // 03:00 local exactly
    expect(lastSlot(after, 'America/Sao_Paulo', BACKUP_HOUR).toISOString()).toBe('2026-05-03T06:00:00.000Z');
  });

  it('follows daylight saving time', () => {
    expect(zonedTime({ year: 2026, month: 1, day: 15 }, 3, 0, 'Europe/Lisbon').toISOString()).toBe(
      '2026-01-15T03:00:00.000Z',
    );
    expect(zonedTime({ year: 2026, month: 7, day: 15 }, 3, 0, 'Europe/Lisbon').toISOString()).toBe(
      '2026-07-15T02:00:00.000Z',
    );
    expect(zonedTime({ year: 2026, month: 7, day: 15 }, 3, 0, 'America/Mexico_City').toISOString()).toBe(
      '2026-07-15T09:00:00.000Z',
    );
  });

  it('is due once per slot, and catches up after the server was down at 03:00', () => {
    const tz = 'America/Sao_Paulo';
    // a fresh installation: due at once
    expect(scheduledBackupDue(new Date('2026-05-03T15:00:00Z'), tz, null)).toBe(true);
    const ranAt = new Date('2026-05-03T06:00:10Z');
    expect(scheduledBackupDue(new Date('2026-05-03T06:10:00Z'), tz, ranAt)).toBe(false);
    expect(scheduledBackupDue(new Date('2026-05-04T05:59:59Z'), tz, ranAt)).toBe(false);
    expect(scheduledBackupDue(new Date('2026-05-04T06:00:00Z'), tz, ranAt)).toBe(true);
    // the server was off from Sunday to Tuesday noon: one backup when it is back, not three
    expect(scheduledBackupDue(new Date('2026-05-05T15:00:00Z'), tz, ranAt)).toBe(true);
  });

  it('falls back to São Paulo for an unknown zone', () => {
    expect(safeTimeZone('Mars/Olympus_Mons')).toBe('America/Sao_Paulo');
    expect(safeTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
  });
});
