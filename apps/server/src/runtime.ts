import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { connectDatabase, type DbHandle } from './db/client.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { systemContext } from './platform/context.js';
import { createCipher } from './platform/crypto.js';
import { type Jobs, startJobs } from './platform/jobs.js';
import { acquireDataDirLock } from './platform/lock.js';
import { createMailer } from './platform/mailer.js';
import { loadSecrets } from './platform/secrets.js';
import { createTokenSigner } from './platform/tokens.js';
import { createServices, type Deps, type Services } from './services.js';

export type Runtime = {
  deps: Deps;
  services: Services;
  handle: DbHandle;
  jobs: Jobs;
  stop: () => Promise<void>;
};

/**
 * Everything below HTTP: database (embedded or DATABASE_URL), migrations, secrets, jobs, services.
 * Used by main.ts and by the CLI.
 */
export async function startRuntime(
  config: Config,
  options: { worker: boolean; log: (line: string) => void },
): Promise<Runtime> {
  await mkdir(config.dataDir, { recursive: true });
  let lock: { release: () => void } | null = null;
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    lock = acquireDataDirLock(config.dataDir);
    try {
      options.log(
        `Starting embedded PostgreSQL on 127.0.0.1:${config.embeddedPgPort} (data in ${config.dataDir})`,
      );
      embedded = await startEmbeddedPostgres({
        dir: path.join(config.dataDir, 'postgres'),
        port: config.embeddedPgPort,
        database: 'bancada',
      });
      url = embedded.url;
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  await runMigrations(url);
  const handle = connectDatabase(url);
  const secrets = await loadSecrets(config.dataDir, config);
  const jobs = await startJobs(url, { worker: options.worker });
  const deps: Deps = {
    config,
    db: handle.db,
    pool: handle.pool,
    jobs,
    mailer: createMailer(config),
    signer: createTokenSigner(secrets.jwtSecret, config.accessTokenTtlSeconds),
    cipher: createCipher(secrets.encryptionKey),
    embedded: embedded !== null,
  };
  const services = createServices(deps);
  let stopped = false;
  return {
    deps,
    services,
    handle,
    jobs,
    async stop() {
      if (stopped) return;
      stopped = true;
      await jobs.stop().catch(() => {});
      await handle.close().catch(() => {});
      await embedded?.stop().catch(() => {});
      lock?.release();
    },
  };
}

/** First start: default organization and branch, and an administrator when there is no user. */
export async function bootstrap(
  services: Services,
  config: Config,
  log: (line: string) => void,
): Promise<void> {
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

export function registerJobHandlers(jobs: Jobs, services: Services): Promise<void> {
  return jobs.work<{ messageId: string }>('outbox-deliver', (data) =>
    services.outbox.deliver(data.messageId),
  );
}
