import type { Jobs } from '../../platform/jobs.js';
import { inTransaction } from '../../platform/tx.js';
import { safeTimeZone } from '../../platform/wall-clock.js';
import { recordAppointmentEvent } from './appointment-rules.js';
import { isoDate } from './availability.js';
import type { SchedulingDeps } from './scheduling.deps.js';
import type { AppointmentRow } from './scheduling.repo.js';

const DAY_MS = 86_400_000;

/**
 * The day-before reminders (issue 15 §1): every hour, each appointment still SCHEDULED or CONFIRMED
 * that starts tomorrow on the shop's calendar gets an `appointment_reminder` event. The event's dedupe
 * key (appointment and start) makes a later run, or a concurrent one, send nothing more; a moved
 * appointment is reminded of its new time.
 */
export function createAppointmentReminders(
  deps: Pick<SchedulingDeps, 'db' | 'pool' | 'repo' | 'organization' | 'outbox' | 'now'>,
) {
  const { db, pool, repo, organization, outbox } = deps;
  const clock = deps.now ?? (() => new Date());

  async function runDue(now: Date = clock()): Promise<number> {
    const rows = await repo.upcoming(db, { from: now, to: new Date(now.getTime() + 2 * DAY_MS) });
    const byOrganization = new Map<string, AppointmentRow[]>();
    for (const row of rows)
      byOrganization.set(row.organizationId, [...(byOrganization.get(row.organizationId) ?? []), row]);
    let sent = 0;
    for (const [organizationId, list] of byOrganization) {
      const timeZone = safeTimeZone((await organization.profile(db, organizationId))?.timeZone);
      const tomorrow = isoDate(new Date(now.getTime() + DAY_MS), timeZone);
      for (const row of list) {
        if (isoDate(row.startsAt, timeZone) !== tomorrow) continue;
        await inTransaction(pool, (tx) =>
          recordAppointmentEvent({ outbox }, tx, row, 'appointment_reminder', row.startsAt.toISOString()),
        );
        sent++;
      }
    }
    return sent;
  }

  return {
    runDue,
    async registerJobs(jobs: Jobs): Promise<void> {
      await jobs.work('appointment-reminders', async () => {
        await runDue();
      });
      await jobs.schedule('appointment-reminders', '20 * * * *');
    },
  };
}
