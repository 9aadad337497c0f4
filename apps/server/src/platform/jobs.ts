import type pg from 'pg';
import PgBoss from 'pg-boss';

export const QUEUES = ['outbox-deliver', 'outbox-sweep'] as const;
export type QueueName = (typeof QUEUES)[number];

export type Jobs = {
  /** Enqueue inside the caller's transaction: the job exists only if the change commits. */
  enqueue: (client: pg.PoolClient, name: QueueName, data: object) => Promise<void>;
  work: <T extends object>(name: QueueName, handler: (data: T) => Promise<void>) => Promise<void>;
  schedule: (name: QueueName, cron: string) => Promise<void>;
  stop: () => Promise<void>;
};

/** pg-boss on the application database (schema `pgboss`). */
export async function startJobs(url: string, options: { worker: boolean }): Promise<Jobs> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: 'bancada-jobs',
    max: 4,
    supervise: options.worker,
    schedule: options.worker,
  });
  let stopping = false;
  boss.on('error', (error) => {
    if (!stopping) console.error('[jobs]', error.message);
  });
  await boss.start();
  for (const name of QUEUES)
    await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 30, retryBackoff: true });
  return {
    async enqueue(client, name, data) {
      await boss.send(name, data, {
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
