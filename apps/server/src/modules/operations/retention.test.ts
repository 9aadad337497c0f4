import { describe, expect, it } from 'vitest';
import { backupsToRemove, isoWeek } from './retention.js';

/** One archive a day at 03:00 São Paulo (06:00Z) for `days` days up to `last`. */
function daily(last: string, days: number) {
  const end = new Date(`${last}T06:00:00Z`).getTime();
  return Array.from({ length: days }, (_, i) => {
    const createdAt = new Date(end - i * 86_400_000);
    return { name: createdAt.toISOString().slice(0, 10), createdAt };
  });
}

describe('backup retention: 7 daily, 4 weekly, 3 monthly', () => {
  it('numbers ISO weeks', () => {
    expect(isoWeek({ year: 2026, month: 1, day: 1 })).toBe('2026-W01');
    expect(isoWeek({ year: 2027, month: 1, day: 1 })).toBe('2026-W53');
    expect(isoWeek({ year: 2026, month: 5, day: 3 })).toBe('2026-W18');
  });

  it('keeps everything while there are fewer than a week of archives', () => {
    expect(backupsToRemove(daily('2026-05-03', 7), 'America/Sao_Paulo')).toEqual([]);
  });

  it('keeps the last 7 days, the newest of 4 weeks and of 3 months after 120 days', () => {
    const archives = daily('2026-05-03', 120); // Sunday 3 May back to 4 January
    const removed = new Set(backupsToRemove(archives, 'America/Sao_Paulo'));
    const kept = archives.map((a) => a.name).filter((n) => !removed.has(n));
    expect(kept.sort()).toEqual(
      [
        // months: the newest of May (today), April (30th, also a day) and March
        '2026-03-31',
        // weeks (Monday to Sunday): the newest of W18 (today), W17, W16, W15
        '2026-04-12',
        '2026-04-19',
        '2026-04-26',
        // days: the last 7
        '2026-04-27',
        '2026-04-28',
        '2026-04-29',
        '2026-04-30',
        '2026-05-01',
        '2026-05-02',
        '2026-05-03',
      ].sort(),
    );
    expect(removed.size).toBe(120 - kept.length);
  });

  it('keeps the newest of several archives on one day, on the organization calendar', () => {
    const at = (iso: string) => ({ name: iso, createdAt: new Date(iso) });
    // 01:30Z on 4 May is still 3 May in São Paulo
    const archives = [at('2026-05-03T06:00:00Z'), at('2026-05-03T20:00:00Z'), at('2026-05-04T01:30:00Z')];
    expect(
      backupsToRemove(archives, 'America/Sao_Paulo', { daily: 7, weekly: 0, monthly: 0 }).sort(),
    ).toEqual(['2026-05-03T06:00:00Z', '2026-05-03T20:00:00Z'].sort());
    expect(backupsToRemove(archives, 'UTC', { daily: 7, weekly: 0, monthly: 0 })).toEqual([
      '2026-05-03T06:00:00Z',
    ]);
  });

  it('never deletes the last good archives when backups stopped for months', () => {
    const old = daily('2025-12-20', 10);
    const removed = backupsToRemove(old, 'America/Sao_Paulo');
    expect(old.length - removed.length).toBeGreaterThanOrEqual(7);
    expect(removed).not.toContain('2025-12-20');
  });
});
