import type pg from 'pg';
import PgBoss from 'pg-boss';

export const QUEUES = [
  'outbox-deliver',
  'outbox-sweep',
  'privacy-retention',
  'backup-tick',
  'audit-checkpoint',
  // issue 14: notification events into messages, the daily maintenance reminders and late purchase
  // orders, a campaign's throttled sending
  'notification-dispatch',
  'maintenance-reminders',
  'purchase-orders-late',
  'campaign-send',
  // a customer's WhatsApp photo or file, fetched after the webhook answered
  'conversation-media',
  // issue 15: the day-before appointment reminders
  'appointment-reminders',
] as const;
export type QueueName = (typeof QUEUES)[number];

export type EnqueueOptions = {
  /** the job waits until then (a message held back by the shop's quiet hours) */
  startAfter?: Date;
};

export type Jobs = {
  /** Enqueue inside the caller's transaction: the job exists only if the change commits. */
  enqueue: (client: pg.PoolClient, name: QueueName, data: object, options?: EnqueueOptions) => Promise<void>;
  work: <T extends object>(name: QueueName, handler: (data: T) => Promise<void>) => Promise<void>;
  schedule: (name: QueueName, cron: string) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * The same error every second while the database is away says nothing new: the first one is logged,
 * then one line a minute with how many followed; a different error, or the first after a quiet
 * minute, is logged at once.
 */
export function createErrorThrottle(log: (line: string) => void, now: () => number = Date.now) {
  let last: { message: string; at: number; repeats: number } | null = null;
  return (message: string) => {
    const t = now();
    if (last && last.message === message && t - last.at < 60_000) {
      last.repeats += 1;
      return;
    }
    if (last && last.message === message && last.repeats > 0) {
      log(`[jobs] ${message} (${last.repeats} more times in the last minute)`);
    } else {
      log(`[jobs] ${message}`);
    }
    last = { message, at: t, repeats: 0 };
  };
}

/** pg-boss on the application database (schema `pgboss`). */
export async function startJobs(
  url: string,
  options: { worker: boolean; log?: (line: string) => void },
): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: 'bancada-jobs',
    max: 4,
    supervise: options.worker,
    schedule: options.worker,
  });
  let stopping = false;
  const report = createErrorThrottle(options.log ?? ((line) => console.error(line)));
  boss.on('error', (error) => {
    if (!stopping) report(error.message || String(error));
  });
  await boss.start();
  for (const name of QUEUES)
    await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 30, retryBackoff: true });
  return {
    async enqueue(client, name, data, options) {
      await boss.send(name, data, {
        ...(options?.startAfter ? { startAfter: options.startAfter } : {}),
        db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) },
      });
    },
    async work(name, handler) {
      await boss.work<object>(name, { pollingIntervalSeconds: 2 }, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
    },
    async schedule(name, cron) {
      await boss.schedule(name, cron);
    },
    // pg-boss resolves stop() early and finishes in the background: wait for its 'stopped' event
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const timer = setTimeout(resolve, 12_000);
        boss.once('stopped', () => {
          clearTimeout(timer);
          resolve();
        });
        boss.stop({ graceful: true, timeout: 10_000 }).catch(() => resolve());
      }),
  };
}
