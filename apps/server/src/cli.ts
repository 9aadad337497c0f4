import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Role } from '@bancada/shared';
import { type Config, loadConfig } from './config.js';
import { connectDatabase } from './db/client.js';
import { buildDemoData } from './modules/customers/demo-data.js';
import { seedInventoryDemo } from './modules/inventory/demo-data.js';
import {
  ANCHORS_FOLDER,
  type AuditAnchor,
  latestAnchor,
  writeAnchor,
} from './modules/operations/audit-checkpoint.js';
import { backupCommand, restoreCommand, runningEmbeddedUrl } from './modules/operations/backup-cli.js';
import { loadBackupKey } from './modules/operations/backup-key.js';
import { isBackupArchive, readArchiveManifest } from './modules/operations/backup-restore.js';
import { type DemoCustomer, seedRepairsDemo } from './modules/repairs/demo-data.js';
import { seedUsersDemo } from './modules/users/demo-data.js';
import { type AuditChainHead, verifyAuditChain } from './platform/audit.js';
import { type AuthedContext, systemContext } from './platform/context.js';
import { createCipher } from './platform/crypto.js';
import { startJobs } from './platform/jobs.js';
import { rotateKeyCommand } from './platform/key-rotation-command.js';
import { DataDirLockedError } from './platform/lock.js';
import { createMailer } from './platform/mailer.js';
import { loadSecrets } from './platform/secrets.js';
import { createTokenSigner } from './platform/tokens.js';
import { bootstrap, type Runtime, startRuntime } from './runtime.js';
import { createServices, type Deps, type Services } from './services.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  create-admin --email E --password P [--name N]
                   create an administrator, or make an existing account an active, unlocked
                   administrator with this password (to get back in when nobody can sign in)
  verify-audit [--anchor | --anchor FILE]
                   check every organization's audit hash chain against its head (and against the
                   newest anchor in DATA_DIR/audit-anchors, if any); exit 1 naming the organization
                   and the row where a chain breaks. Prints each chain's head; --anchor also writes
                   them to a new anchor file when every chain is intact (run it from cron and copy
                   the files off the machine: decision 0006). --anchor FILE checks against that
                   file instead: an anchor file, or a backup archive (its manifest's heads; needs
                   its BACKUP_KEY)
  backup [--out FILE]
                   write an encrypted backup now (database and uploads, one consistent snapshot)
                   into DATA_DIR/backups or the BACKUP_S3_* bucket, under retention; --out writes
                   it to FILE instead (kept out of retention). Works while the server runs: with
                   the embedded database it connects to the running server's PostgreSQL
                   (127.0.0.1:EMBEDDED_PG_PORT, password in DATA_DIR/postgres.password), and starts
                   the database itself only when no server is running. Without BACKUP_KEY a key is
                   generated into DATA_DIR/backup.key once: copy it OFF the machine
  restore FILE [--force]
                   restore an archive into the configured database and DATA_DIR/uploads. Stop the
                   server first. The database must be empty (no tables) and the uploads folder
                   empty, unless --force (everything in the database is replaced; the old uploads
                   folder is kept beside, renamed). Refuses, changing nothing, on a wrong
                   BACKUP_KEY, a damaged or truncated archive, or one from a newer schema
  rotate-key [--batch-size N] [--batches N]
                   move every encrypted field (documents, second-factor secrets, ...) and every
                   uploaded file to a new encryption key. With keys in DATA_DIR/secrets.json: a new
                   key is generated and the old one kept for reading until everything is moved,
                   then removed (copy secrets.json off the machine again). With ENCRYPTION_KEY in
                   the configuration: set the new key there and the old one in
                   ENCRYPTION_KEY_PREVIOUS first (INDEX_KEY too: the command prints it), then run
                   it; it says when ENCRYPTION_KEY_PREVIOUS can go. Safe to interrupt: run it again
                   and it continues (--batches N stops after N batches of --batch-size rows, 200).
                   Works while the server runs; exits 1 naming the table, column and row of a value
                   no key decrypts
  seed-demo        fill an empty organization with a manager, an attendant and technicians (their
                   generated passwords printed once), ~40 pt-BR demo customers, vehicles, appliances,
                   machines, components, suppliers, purchase orders, tools, a service catalog and
                   service orders in every status, assigned, with recorded time (refuses when
                   customers already exist)
  pix-webhook      tell the Pix provider (PIX_API_URL) where to send its payment callbacks:
                   {PUBLIC_URL}/api/webhooks/pix/{PIX_WEBHOOK_SECRET} with PIX_WEBHOOK_AUTH=secret,
                   {PUBLIC_URL}/api/webhooks/pix otherwise (the provider appends /pix)
  help             this text

The CLI uses the same configuration as the server (DATA_DIR or DATABASE_URL). With the embedded
database, commands other than backup and rotate-key must run while the server is stopped (one
process per data folder); restore refuses while it runs.`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = { ...loadConfig(), logLevel: 'silent' };
  if (command === 'restore') {
    const args = argv.slice(1);
    return restoreCommand(
      config,
      { file: args.find((arg) => !arg.startsWith('--')), force: args.includes('--force') },
      (line) => console.log(line),
    );
  }
  if (command === 'backup') return backupWhileRunning(config, parseOptions(argv.slice(1)).out || undefined);
  if (command === 'rotate-key') return rotateKey(config, parseOptions(argv.slice(1)));
  const runtime = await startRuntime(config, { worker: false, log: (line) => console.error(line) });
  try {
    switch (command) {
      case 'verify-audit':
        return await verifyAudit(runtime, config, argv.slice(1));
      case 'create-admin': {
        const options = parseOptions(argv.slice(1));
        if (!options.email || !options.password) {
          console.error('create-admin needs --email and --password');
          return 1;
        }
        const target = await runtime.services.organization.ensureDefault(systemContext());
        const result = await runtime.services.users.createOrRestoreAdmin(systemContext(), target, {
          email: options.email,
          password: options.password,
          name: options.name,
        });
        console.log(
          result.created
            ? `Administrator ${options.email} created.`
            : `${options.email} is now an active administrator with the new password; its sessions were ended.`,
        );
        return 0;
      }
      case 'seed-demo':
        return await seedDemo(runtime, config, (line) => console.log(line));
      case 'bootstrap':
        await bootstrap(runtime.services, config, (line) => console.log(line));
        return 0;
      case 'pix-webhook':
        return await registerPixWebhook(runtime, config);
      default:
        console.error(`Unknown command: ${command}\n\n${USAGE}`);
        return 1;
    }
  } finally {
    await runtime.stop();
  }
}

/** backup: also while a server runs (openWhileRunning). */
async function backupWhileRunning(config: Config, out: string | undefined): Promise<number> {
  const runtime = await openWhileRunning(config);
  try {
    return await backupCommand(runtime.services.backups, { out }, (line) => console.log(line));
  } finally {
    await runtime.stop();
  }
}

/** rotate-key: also while a server runs (it follows the new key through secrets.json: decision 0010). */
async function rotateKey(config: Config, options: Record<string, string | undefined>): Promise<number> {
  const count = (name: string) => {
    const value = options[name];
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number of at least 1`);
    return n;
  };
  return rotateKeyCommand(
    config,
    async () => {
      const runtime = await openWhileRunning(config);
      // the keys as secrets.json holds them now (the new one, and the old one for reading)
      const cipher = createCipher((await loadSecrets(config.dataDir, config)).keyring);
      const services = createServices({ ...runtime.deps, cipher });
      return { pool: runtime.deps.pool, cipher, storage: services.storage, stop: runtime.stop };
    },
    (line) => console.log(line),
    { batchSize: count('batch-size'), maxBatches: count('batches') },
  );
}

/**
 * The services through a runtime of their own when no server runs, or, when a server holds the data
 * folder, through the embedded PostgreSQL that server started (no migrations, no lock: the server has both).
 */
async function openWhileRunning(
  config: Config,
): Promise<{ services: Services; deps: Deps; stop: () => Promise<void> }> {
  try {
    return await startRuntime(config, { worker: false, log: (line) => console.error(line) });
  } catch (error) {
    // the start-up may wrap the lock's error in its own explanation: look along the causes
    let locked: unknown = error;
    while (locked instanceof Error && !(locked instanceof DataDirLockedError)) locked = locked.cause;
    if (!(locked instanceof DataDirLockedError)) throw error;
    console.error(`Bancada (pid ${locked.pid}) is running: working through its embedded PostgreSQL.`);
    return attachToRunningServer(config, await runningEmbeddedUrl(config, locked.pid));
  }
}

/** The services over a database another process started (the running server's embedded one). */
async function attachToRunningServer(
  config: Config,
  url: string,
): Promise<{ services: Services; deps: Deps; stop: () => Promise<void> }> {
  const handle = connectDatabase(url, { max: 4 });
  const secrets = await loadSecrets(config.dataDir, config);
  const jobs = await startJobs(url, { worker: false });
  const deps: Deps = {
    config,
    db: handle.db,
    pool: handle.pool,
    jobs,
    mailer: createMailer(config),
    signer: createTokenSigner(secrets.jwtSecret, config.accessTokenTtlSeconds),
    cipher: createCipher(secrets.keyring),
    embedded: true,
  };
  const services = createServices(deps);
  return {
    services,
    deps,
    async stop() {
      await jobs.stop().catch(() => {});
      await handle.close().catch(() => {});
    },
  };
}

/** pix-webhook: registers the callback URL at the provider (API Pix `PUT /webhook/{chave}`). */
async function registerPixWebhook(runtime: Runtime, config: ReturnType<typeof loadConfig>): Promise<number> {
  const api = runtime.services.pixApi;
  if (!api || !config.pix) {
    console.error(
      'No Pix provider is configured: set PIX_API_URL, PIX_CLIENT_ID, PIX_CLIENT_SECRET and PIX_KEY.',
    );
    return 1;
  }
  const secret = config.pixWebhook.auth === 'secret' ? config.pixWebhook.secret : undefined;
  const url = `${config.publicUrl}/api/webhooks/pix${secret ? `/${encodeURIComponent(secret)}` : ''}`;
  try {
    await api.configureWebhook(url);
  } catch (error) {
    console.error(`The Pix provider refused the webhook: ${(error as Error).message}`);
    return 1;
  }
  // the secret is not printed: it is in the configuration already
  console.log(
    `Pix webhook registered for key ${config.pix.pixKey}: ${config.publicUrl}/api/webhooks/pix${secret ? '/…' : ''} (+ /pix).`,
  );
  return 0;
}

/**
 * The heads in an anchor file, or in a backup archive's manifest (the whole archive is decrypted and
 * checked to reach it, with the configured BACKUP_KEY).
 */
async function anchorFromFile(file: string, config: Config): Promise<{ file: string; anchor: AuditAnchor }> {
  if (await isBackupArchive(file)) {
    const key = await loadBackupKey(config, { create: false });
    if (!key) throw new Error('Reading a backup archive needs its BACKUP_KEY.');
    const manifest = await readArchiveManifest(file, key.key);
    return { file, anchor: { writtenAt: manifest.createdAt, heads: manifest.auditHeads } };
  }
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<AuditAnchor> & {
    auditHeads?: AuditChainHead[];
  };
  const heads = parsed.heads ?? parsed.auditHeads;
  if (!Array.isArray(heads)) throw new Error(`${file} holds no audit chain heads.`);
  return { file, anchor: { writtenAt: parsed.writtenAt ?? '', heads } };
}

/** verify-audit: every chain against its head and the newest anchor; --anchor writes a new one. */
async function verifyAudit(
  runtime: Runtime,
  config: ReturnType<typeof loadConfig>,
  args: string[],
): Promise<number> {
  const options = parseOptions(args);
  const dir = path.join(config.dataDir, ANCHORS_FOLDER);
  // --anchor FILE: check against that file (an anchor, or a backup's manifest) instead of the newest anchor
  const anchorFile = options.anchor ? path.resolve(options.anchor) : null;
  const previous = anchorFile ? await anchorFromFile(anchorFile, config) : await latestAnchor(dir);
  const result = await verifyAuditChain(runtime.deps.db, { anchors: previous?.anchor.heads });
  const against = previous ? ` (and against the anchor ${previous.file})` : '';
  if (result.breaks.length > 0) {
    for (const broken of result.breaks) {
      const where = broken.id === null ? 'with no rows left' : `at row ${broken.id}`;
      console.log(
        `Audit chain BROKEN ${where} (organization ${broken.organizationId}): ${broken.detail} [${broken.reason}].`,
      );
    }
    const broken = result.breaks.length;
    console.log(
      `${broken} organization${broken === 1 ? '' : 's'} with a broken chain; ${result.rowsChecked} rows checked${against}.`,
    );
    return 1;
  }
  console.log(`Audit chain intact: ${result.rowsChecked} rows checked${against}.`);
  for (const head of result.heads) {
    console.log(
      `  organization ${head.organizationId}: ${head.rowCount} rows, last row ${head.lastId}, head hash ${head.lastHash}`,
    );
  }
  if ('anchor' in options && !anchorFile) {
    console.log(`Anchor written: ${await writeAnchor(dir, result.heads, new Date())}`);
  }
  return 0;
}

/** `--key value` pairs after the command. */
function parseOptions(args: string[]): Record<string, string | undefined> {
  const options: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) options[arg.slice(2)] = args[i + 1]?.startsWith('--') ? '' : args[++i];
  }
  return options;
}

/** Demo data goes in as the first administrator, through the services (validated and audited). */
async function seedDemo(
  runtime: Runtime,
  config: ReturnType<typeof loadConfig>,
  log: (line: string) => void,
): Promise<number> {
  await bootstrap(runtime.services, config, log);
  const {
    rows: [admin],
  } = await runtime.deps.pool.query<{
    id: string;
    name: string;
    email: string;
    organization_id: string;
    branch_id: string | null;
  }>(
    `SELECT u.id, u.name, u.email, u.organization_id, u.branch_id FROM users u
       JOIN organizations o ON o.id = u.organization_id
      WHERE u.role = 'ADMINISTRATOR' AND u.active ORDER BY o.is_default DESC, u.created_at LIMIT 1`,
  );
  if (!admin) {
    log('No active administrator found.');
    return 1;
  }
  if ((await runtime.services.customers.count(admin.organization_id)) > 0) {
    log('This organization already has customers; seed-demo only fills an empty one.');
    return 1;
  }
  const ctx: AuthedContext = {
    actor: {
      userId: admin.id,
      name: admin.name,
      email: admin.email,
      role: 'ADMINISTRATOR' as Role,
      organizationId: admin.organization_id,
      branchId: admin.branch_id,
      sessionId: 'cli',
      grants: {},
      customerId: null,
    },
    ip: null,
    userAgent: 'cli seed-demo',
    locale: 'pt-BR',
    requestId: 'seed-demo',
  };
  let customers = 0;
  let assets = 0;
  const created: DemoCustomer[] = [];
  for (const entry of buildDemoData()) {
    const customer = await runtime.services.customers.create(ctx, entry.customer);
    customers++;
    const demo: DemoCustomer = { id: customer.id, assets: [] };
    created.push(demo);
    for (const { asset, readings } of entry.assets) {
      const created = await runtime.services.assets.create(ctx, customer.id, asset);
      demo.assets.push({ id: created.id, kind: created.kind });
      assets++;
      for (const value of readings) {
        await runtime.services.assets.addReading(ctx, created.id, { value, correction: false });
      }
    }
  }
  const staff = await seedUsersDemo(runtime.services, ctx, () => randomBytes(12).toString('base64url'));
  const inventory = await seedInventoryDemo(runtime.services, ctx);
  const technicians = staff.filter((member) => member.role === 'TECHNICIAN');
  const repairs = await seedRepairsDemo(runtime.services, ctx, created, technicians);
  log('');
  log('  Demo staff created. These passwords are shown only once:');
  for (const member of staff) {
    log(
      `    ${member.role.padEnd(10)} ${member.name.padEnd(16)} ${member.email.padEnd(38)} ${member.password}`,
    );
  }
  log('');
  log(
    `Demo data created: ${staff.length} staff, ${customers} customers, ${assets} assets, ${inventory.components} components, ${inventory.suppliers} suppliers, ${inventory.purchaseOrders} purchase orders, ${inventory.tools} tools, ${repairs.catalog} catalog services, ${repairs.repairs} service orders (${repairs.timedRepairs} with recorded time).`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
