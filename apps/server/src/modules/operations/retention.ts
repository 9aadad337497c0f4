import { zonedParts } from '@bancada/shared';

/** How many archives to keep: the newest of each of the last N days, weeks and months that have one. */
export type RetentionPolicy = { daily: number; weekly: number; monthly: number };
export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 3 };

type Dated = { name: string; createdAt: Date };

/** ISO 8601 week of a calendar date: `2026-W18`. */
export function isoWeek(date: { year: number; month: number; day: number }): string {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const weekday = d.getUTCDay() || 7; // Monday 1 … Sunday 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Grandfather-father-son retention, on the organization's calendar: the newest archive of each of
 * the `daily` most recent days that have one, of each of the `weekly` most recent ISO weeks, and of
 * each of the `monthly` most recent months. Periods with no backup do not count, so a pause in
 * backups never deletes the last good ones. Pure: answers the names to delete.
 */
export function backupsToRemove(
  archives: Dated[],
  timeZone: string,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): string[] {
  const newestFirst = [...archives].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<string>();
  const pick = (count: number, period: (a: Dated) => string) => {
    const seen = new Set<string>();
    for (const archive of newestFirst) {
      if (seen.size >= count) break;
      const key = period(archive);
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(archive.name);
    }
  };
  const local = (a: Dated) => zonedParts(a.createdAt, timeZone);
  pick(policy.daily, (a) => {
    const p = local(a);
    return `${p.year}-${p.month}-${p.day}`;
  });
  pick(policy.weekly, (a) => isoWeek(local(a)));
  pick(policy.monthly, (a) => {
    const p = local(a);
    return `${p.year}-${p.month}`;
  });
  return newestFirst.filter((a) => !keep.has(a.name)).map((a) => a.name);
}
