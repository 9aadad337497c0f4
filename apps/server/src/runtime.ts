import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.js';
import { connectDatabase, type DbHandle } from './db/client.js';
import { type EmbeddedDatabase, type EmbeddedExit, startEmbeddedPostgres } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { systemContext } from './platform/context.js';
import { createCipher } from './platform/crypto.js';
import { type Jobs, startJobs } from './platform/jobs.js';
import { acquireDataDirLock } from './platform/lock.js';
import { createMailer } from './platform/mailer.js';
import { loadSecrets } from './platform/secrets.js';
import { createTokenSigner } from './platform/tokens.js';
import { createServices, type Deps, type Services } from './services.js';
import { startupStep } from './startup.js';

export type Runtime = {
  deps: Deps;
  services: Services;
  handle: DbHandle;
  jobs: Jobs;
  /**
   * Called once when the embedded PostgreSQL ends under the running server (killed, crashed, out of
   * memory), with the message to print. The server cannot work without it: main.ts exits non-zero
   * so that a supervisor restarts the whole thing (docs/operations.md, "Crash safety").
   */
  onDatabaseLost: (listener: (message: string) => void) => void;
  stop: () => Promise<void>;
};

/** What an unexpected end of the embedded server looks like to the operator. */
export function describeDatabaseLoss(exit: EmbeddedExit, dataDir: string): string {
  const how = exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code ?? 'unknown'}`;
  return (
    `The embedded PostgreSQL (pid ${exit.pid ?? '?'}, data in ${path.join(dataDir, 'postgres')}) ${how} while Bancada was running. ` +
    'Bancada cannot work without its database and stops now (exit code 1). ' +
    'Start it again (a supervisor such as systemd with Restart=on-failure does this by itself): PostgreSQL recovers every committed change on start. ' +
    'If it keeps happening, look for the cause in the system log (out of memory: `dmesg | grep -i kill`; disk full: `df -h`).'
  );
}

/**
 * Everything below HTTP: database (embedded or DATABASE_URL), migrations, secrets, jobs, services.
 * Used by main.ts and by the CLI. A failure of any step is a StartupError whose message names the
 * cause and the fix (startup.ts).
 */
export async function startRuntime(
  config: Config,
  options: { worker: boolean; log: (line: string) => void; migrationsFolder?: string },
): Promise<Runtime> {
  const { dataDir } = config;
  const lock = await startupStep({ step: 'data-folder', dataDir }, async () => {
    await mkdir(dataDir, { recursive: true });
    return config.databaseUrl ? null : acquireDataDirLock(dataDir);
  });
  let embedded: EmbeddedDatabase | null = null;
  const lossListeners: ((message: string) => void)[] = [];
  let lostMessage: string | null = null;
  let stopped = false;
  let url = config.databaseUrl;
  const external = { step: 'database', databaseUrl: config.databaseUrl, dataDir } as const;
  try {
    if (!url) {
      options.log(`Starting embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${dataDir})`);
      embedded = await startupStep(external, () =>
        startEmbeddedPostgres({
          dir: path.join(dataDir, 'postgres'),
          port: config.embeddedPgPort,
          database: 'bancada',
          notice: options.log,
        }),
      );
      embedded.onUnexpectedExit((exit) => {
        if (stopped || lostMessage) return;
        lostMessage = describeDatabaseLoss(exit, dataDir);
        for (const listener of lossListeners) listener(lostMessage);
      });
      url = embedded.url;
    } else {
      await startupStep(external, () => checkDurability(url!, options.log));
    }
    const migrationsUrl = url;
    await startupStep({ step: 'migrations', databaseUrl: config.databaseUrl }, () =>
      runMigrations(migrationsUrl, options.migrationsFolder),
    );
  } catch (error) {
    stopped = true;
    await embedded?.stop().catch(() => {});
    lock?.release();
    throw error;
  }
  const handle = connectDatabase(url);
  try {
    const secrets = await startupStep({ step: 'data-folder', dataDir }, () => loadSecrets(dataDir, config));
    const jobsUrl = url;
    const jobs = await startupStep(external, () =>
      startJobs(jobsUrl, { worker: options.worker, log: (line) => console.error(line) }),
    );
    const deps: Deps = {
      config,
      db: handle.db,
      pool: handle.pool,
      jobs,
      mailer: createMailer(config),
      signer: createTokenSigner(secrets.jwtSecret, config.accessTokenTtlSeconds),
      cipher: createCipher(secrets.keyring),
      embedded: embedded !== null,
    };
    const services = createServices(deps);
    const database = embedded;
    return {
      deps,
      services,
      handle,
      jobs,
      onDatabaseLost(listener) {
        lossListeners.push(listener);
        if (lostMessage) listener(lostMessage);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await jobs.stop().catch(() => {});
        await handle.close().catch(() => {});
        await database?.stop().catch(() => {});
        lock?.release();
      },
    };
  } catch (error) {
    stopped = true;
    await handle.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    lock?.release();
    throw error;
  }
}

/**
 * An external server that may acknowledge a commit before it is on disk loses acknowledged writes in
 * a crash: say so at every start (the embedded server always runs with fsync and synchronous_commit on).
 */
async function checkDurability(url: string, log: (line: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'bancada-start' });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')`,
    );
    const off = rows.filter((r) => r.setting === 'off').map((r) => `${r.name}=off`);
    if (off.length)
      log(
        `Warning: the PostgreSQL of DATABASE_URL runs with ${off.join(', ')}: a crash of that server can lose changes Bancada has already confirmed. Turn them on in its postgresql.conf.`,
      );
  } finally {
    await client.end().catch(() => {});
  }
}

/** First start: default organization and branch, and an administrator when there is no user. */
export async function bootstrap(
  services: Services,
  config: Config,
  log: (line: string) => void,
): Promise<void> {
  // contact data written before decision 0011 sits in clear legacy columns until encrypted here
  const contacts = await services.customers.convertLegacyContacts();
  if (contacts.converted > 0)
    log(`Encrypted the contact data of ${contacts.converted} customers (decision 0011).`);
  const ctx = systemContext();
  const target = await services.organization.ensureDefault(ctx);
  const links = await services.organization.customerLinks(target.organizationId);
  if (links && !links.reachable) {
    log(
      `Warning: customer links (estimates by e-mail and WhatsApp) point at ${links.url}, which customers cannot open; set PUBLIC_URL or the organization's public address (Settings → Organization).`,
    );
  }
  const admin = await services.users.ensureFirstAdmin(
    ctx,
    target,
    { email: config.adminEmail, password: config.adminPassword },
    () => randomBytes(12).toString('base64url'),
  );
  if (!admin) return;
  if (admin.generatedPassword) {
    log('');
    log('  First administrator created. This password is shown only once:');
    log(`    e-mail:   ${admin.email}`);
    log(`    password: ${admin.generatedPassword}`);
    log('  Sign in and change it under "My account".');
    log('');
  } else {
    log(`First administrator created: ${admin.email} (password from ADMIN_PASSWORD)`);
  }
}

export async function registerJobHandlers(jobs: Jobs, services: Services): Promise<void> {
  await jobs.work<{ messageId: string }>('outbox-deliver', (data) => services.outbox.deliver(data.messageId));
  // LGPD retention (issue 13 §6): a check every 10 minutes runs each organization's daily run at 04:30
  // on its own wall clock (after the 03:00 backup)
  await jobs.work('privacy-retention', async () => {
    await services.privacyRetention.runDaily();
  });
  await jobs.schedule('privacy-retention', '*/10 * * * *');
  // scheduled backups (issue 13 §1): a tick every 10 minutes runs the one due at 03:00 shop time
  await services.backups.registerJobs(jobs);
  await services.auditCheckpoint.registerJobs(jobs);
  // communication (issue 14): events into messages, daily reminders, late purchase orders, campaigns
  await services.notifications.registerJobs(jobs);
  await services.maintenance.registerJobs(jobs);
  await services.campaigns.registerJobs(jobs);
  // scheduling (issue 15): the day-before appointment reminders
  await services.appointmentReminders.registerJobs(jobs);
}
