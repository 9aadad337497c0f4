import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { finish, invoiceOfRepair, orderForInvoice, pay } from '../../../test/billing.js';
import { createAsset, createCustomer, otherOrganization } from '../../../test/customers.js';
import { type FakeS3, startFakeS3 } from '../../../test/fake-s3.js';
import { createTestApp, createUserAndLogin, type TestApp } from '../../../test/helpers.js';
import { APP_VERSION } from '../../paths.js';
import { createCipher } from '../../platform/crypto.js';
import { createLocalStorage, storageKey } from '../../platform/storage.js';
import { createS3Storage } from '../../platform/storage-s3.js';
import { createSealedStorage } from '../../platform/storage-sealed.js';
import { fieldKeyFingerprint } from './backup-archive.js';
import { RestoreRefusedError, readArchiveManifest, restoreBackup } from './backup-restore.js';
import { latestKnownMigration } from './database-dump.js';
import { ArchiveWriter, type BackupManifest } from './frames.js';
import { createSealStream } from './sealed-stream.js';

const KEY = randomBytes(32);
const KEY_B64 = KEY.toString('base64');

/** A new, empty database on the test server (not cloned from the migrated template). */
async function emptyDatabase(): Promise<{ url: string; client: pg.Client; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  const name = `bancada_restore_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const u = new URL(inject('adminDatabaseUrl'));
  u.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  return {
    url: u.toString(),
    client,
    async drop() {
      await client.end().catch(() => {});
      const a = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** Every application table's row count and a checksum of its rows (in a stable order); sequences too. */
async function digest(client: pg.ClientBase): Promise<Record<string, string>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'backups' ORDER BY 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const {
      rows: [row],
    } = await client.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM public."${name}" x`,
    );
    out[name] = `${row!.n}:${row!.h}`;
  }
  const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
    `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public'`,
  );
  for (const s of sequences) out[`seq:${s.name}`] = String(s.value);
  return out;
}

async function tableCount(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  );
  return rows[0]!.n;
}

/** Customers, assets, staff, an invoiced and paid order, a second organization and uploaded files. */
async function populate(t: TestApp, dataDir: string) {
  const customer = await createCustomer(t, {
    name: 'João da Silva',
    document: '529.982.247-25',
    email: 'joao@example.com',
    phone: '(11) 98765-4321',
  });
  await createAsset(t, customer.id, { kind: 'vehicle', plate: 'ABC1D23', brand: 'Fiat', model: 'Uno' });
  await createUserAndLogin(t, { role: 'MANAGER' });
  await createUserAndLogin(t, { role: 'TECHNICIAN' });
  const { repair } = await orderForInvoice(t, { parts: 2 });
  await finish(t, repair.id);
  const invoice = await invoiceOfRepair(t, repair.id);
  const paid = await pay(t, invoice.id, { method: 'CASH', amount: 100 });
  if (paid.statusCode !== 201) throw new Error(`pay failed: ${paid.body}`);
  await otherOrganization(t);
  const uploads = path.join(dataDir, 'uploads');
  await mkdir(path.join(uploads, 'repairs', 'org', repair.id), { recursive: true });
  await writeFile(path.join(uploads, 'repairs', 'org', repair.id, 'a1b2.jpg'), randomBytes(200_000));
  await writeFile(path.join(uploads, 'repairs', 'org', repair.id, 'c3d4.png'), randomBytes(5_000));
  // a half-written upload is not a file yet: left out
  await writeFile(path.join(uploads, 'repairs', 'org', repair.id, 'e5f6.jpg.123.part'), 'partial');
}

async function filesUnder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string, prefix: string) => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(d, entry.name), rel);
      else
        out[rel] =
          (await readFile(path.join(d, entry.name))).toString('base64').slice(0, 40) +
          (await stat(path.join(d, entry.name))).size;
    }
  };
  await walk(dir, '');
  return out;
}

/** An archive written by hand, to make ones this code would never make (a newer schema). */
async function craftedArchive(
  file: string,
  migration: { tag: string; when: number },
  headerMigration = migration,
) {
  const seal = createSealStream(KEY, {
    createdAt: new Date().toISOString(),
    appVersion: '9.9.9',
    migration: headerMigration,
  });
  const chunks: Buffer[] = [];
  seal.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => seal.on('end', resolve));
  const writer = new ArchiveWriter(seal);
  await writer.addFile('database/public.widgets.copy', Readable.from([Buffer.from('1\tx\n')]));
  const manifest: BackupManifest = {
    format: 1,
    app: 'bancada',
    appVersion: '9.9.9',
    createdAt: new Date().toISOString(),
    backupId: null,
    migration,
    postgres: { serverVersion: '99' },
    database: {
      format: 'copy-text',
      tables: [
        {
          schema: 'public',
          name: 'widgets',
          columns: ['id', 'name'],
          rows: 1,
          file: 'database/public.widgets.copy',
        },
      ],
      sequences: [],
    },
    files: writer.files,
    auditHeads: [],
    encryptionKeyFingerprint: 'x',
  };
  await writer.finish(manifest);
  await done;
  await writeFile(file, Buffer.concat(chunks));
}

describe('backup and restore', () => {
  let t: TestApp;
  let dataDir: string;
  let archive: string;
  let before: Record<string, string>;
  let beforeUploads: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-backup-'));
    t = await createTestApp({ config: { dataDir, backup: { key: KEY_B64, s3: undefined } } });
    await populate(t, dataDir);
    const row = await t.app.services.backups.run('cli');
    expect(row).toMatchObject({ status: 'succeeded', trigger: 'cli', destination: 'local', progress: 100 });
    archive = row.location!;
    const client = await t.deps.pool.connect();
    try {
      before = await digest(client);
    } finally {
      client.release();
    }
    beforeUploads = await filesUnder(path.join(dataDir, 'uploads'));
    delete beforeUploads[Object.keys(beforeUploads).find((k) => k.endsWith('.part'))!];
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes an encrypted archive with a manifest: versions, checksums, audit heads', async () => {
    const bytes = await readFile(archive);
    expect(bytes.subarray(0, 7).toString('latin1')).toBe('BNCDBAK');
    expect(bytes.includes(Buffer.from('João da Silva'))).toBe(false);
    expect(bytes.includes(Buffer.from('organizations'))).toBe(false);
    expect((await stat(archive)).mode & 0o777).toBe(0o600);
    const manifest = await readArchiveManifest(archive, KEY);
    expect(manifest).toMatchObject({ appVersion: APP_VERSION, migration: latestKnownMigration() });
    expect(manifest.database.tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['customers', 'invoices', 'audit_log']),
    );
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256) && f.size >= 0)).toBe(true);
    expect(manifest.files.filter((f) => f.path.startsWith('uploads/'))).toHaveLength(2);
    // every organization's chain head, as verify-audit reads them
    const { rows } = await t.deps.pool.query<{ organization_id: string; last_hash: string }>(
      'SELECT organization_id, last_hash FROM audit_chain_heads ORDER BY organization_id',
    );
    expect(manifest.auditHeads.map((h) => [h.organizationId, h.lastHash])).toEqual(
      rows.map((r) => [r.organization_id, r.last_hash]),
    );
  });

  it('restores into an EMPTY database: every table, sequence and upload identical', async () => {
    const target = await emptyDatabase();
    const restoreDir = await mkdtemp(path.join(tmpdir(), 'bancada-restore-'));
    try {
      const result = await restoreBackup({
        file: archive,
        key: KEY,
        client: target.client,
        dataDir: restoreDir,
        force: false,
        fieldKeyFingerprint: fieldKeyFingerprint(t.deps.cipher),
        installedKeyIds: t.deps.cipher.keyIds(),
        log: () => {},
      });
      expect(result.audit.breaks).toEqual([]);
      expect(result.fieldKeyMatches).toBe(true);
      expect(result.missingKeyIds).toEqual([]);
      const after = await digest(target.client);
      expect(Object.keys(after).length).toBeGreaterThan(40);
      expect(after).toEqual(before);
      expect(await filesUnder(path.join(restoreDir, 'uploads'))).toEqual(beforeUploads);
      // the run that made the archive is finished in the restored database, not left "running"
      const { rows } = await target.client.query('SELECT status FROM backups');
      expect(rows).toEqual([{ status: 'succeeded' }]);
      expect((await readdir(restoreDir)).filter((n) => n.startsWith('.restore-'))).toEqual([]);
      // the restored database serves the application: migrations are all applied
      const { rows: migrations } = await target.client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      const { rows: source } = await t.deps.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
      );
      expect(migrations[0]!.n).toBe(source[0]!.n);

      // a second restore refuses the now non-empty database, and --force replaces it
      await expect(
        restoreBackup({
          file: archive,
          key: KEY,
          client: target.client,
          dataDir: restoreDir,
          force: false,
          fieldKeyFingerprint: null,
          log: () => {},
        }),
      ).rejects.toThrow(/already has \d+ tables/);
      await target.client.query(`UPDATE customers SET name = 'changed'`);
      const forced = await restoreBackup({
        file: archive,
        key: KEY,
        client: target.client,
        dataDir: restoreDir,
        force: true,
        fieldKeyFingerprint: null,
        // an installation whose keys were rotated since the backup, the old one dropped: it is named
        installedKeyIds: ['newkey01'],
        log: () => {},
      });
      expect(forced.missingKeyIds).toEqual(t.deps.cipher.keyIds());
      expect(forced.manifest.encryptionKeyIds).toEqual(t.deps.cipher.keyIds());
      expect(forced.previousUploads).toMatch(/uploads\.before-restore-/);
      expect(await digest(target.client)).toEqual(before);
    } finally {
      await target.drop();
      await rm(restoreDir, { recursive: true, force: true });
    }
  });

  /** A refused restore leaves an empty database empty and writes no uploads. */
  async function expectRefused(file: string, key: Buffer, pattern: RegExp) {
    const target = await emptyDatabase();
    const restoreDir = await mkdtemp(path.join(tmpdir(), 'bancada-restore-'));
    try {
      const error = await restoreBackup({
        file,
        key,
        client: target.client,
        dataDir: restoreDir,
        force: false,
        fieldKeyFingerprint: null,
        log: () => {},
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreRefusedError);
      expect((error as Error).message).toMatch(pattern);
      expect((error as Error).message).toContain('Nothing was changed');
      expect(await tableCount(target.client)).toBe(0);
      expect(await readdir(restoreDir)).toEqual([]);
    } finally {
      await target.drop();
      await rm(restoreDir, { recursive: true, force: true });
    }
  }

  it('refuses a wrong key, changing nothing', async () => {
    await expectRefused(archive, randomBytes(32), /Wrong BACKUP_KEY or damaged archive/);
  });

  it('refuses a truncated or damaged archive, changing nothing', async () => {
    const cut = path.join(dataDir, 'cut.bak');
    await copyFile(archive, cut);
    const { size } = await stat(cut);
    await truncate(cut, size - 100);
    await expectRefused(cut, KEY, /Truncated|damaged/);
    // cut exactly at a chunk boundary: each chunk authenticates, the last one is missing
    await truncate(cut, 8 + 4 + 2000);
    await expectRefused(cut, KEY, /Truncated|damaged/);
    const flipped = path.join(dataDir, 'flipped.bak');
    const bytes = await readFile(archive);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(flipped, bytes);
    await expectRefused(flipped, KEY, /damaged archive/);
  });

  it('refuses an archive from a newer schema, changing nothing', async () => {
    const future = { tag: '9999_from_the_future', when: latestKnownMigration().when + 1000 };
    const file = path.join(dataDir, 'future.bak');
    await craftedArchive(file, future);
    await expectRefused(file, KEY, /9999_from_the_future.*does not know/);
    // the clear header says "known", the authenticated manifest inside says newer: still refused
    await craftedArchive(file, future, latestKnownMigration());
    await expectRefused(file, KEY, /9999_from_the_future.*does not know/);
  });
});

describe('backup and restore with the uploads in an S3-compatible bucket', () => {
  let s3: FakeS3;
  let t: TestApp;
  let dataDir: string;
  const bucketSettings = (prefix: string) => ({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    prefix,
  });
  const objectsUnder = (prefix: string) =>
    Object.fromEntries(
      [...s3.objects]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, object]) => [key.slice(prefix.length), object.body.toString('base64')]),
    );

  beforeAll(async () => {
    s3 = await startFakeS3();
    dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-backup-s3-'));
    t = await createTestApp({
      config: {
        dataDir,
        backup: { key: KEY_B64, s3: undefined },
        uploads: { s3: bucketSettings('shop/') },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await s3.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('backs up the bucket’s files as stored, and restores them into an empty bucket and into the local disk', async () => {
    const shop = createS3Storage(bucketSettings('shop/'));
    const sealed = createSealedStorage(shop, t.deps.cipher);
    const photo = storageKey(['repairs', 'org', 'order'], 'jpg');
    const pdf = storageKey(['documents', 'org'], 'pdf');
    const old = storageKey(['repairs', 'org', 'order'], 'png');
    const photoBytes = randomBytes(150_000);
    await sealed.put(photo, photoBytes, 'image/jpeg');
    // a file from before encryption at rest, and one under a key this installation no longer holds
    await shop.put(pdf, randomBytes(3_000), 'application/pdf');
    const retired = createCipher(randomBytes(32).toString('base64'));
    await createSealedStorage(shop, retired).put(old, randomBytes(900), 'image/png');
    // an object no server made (another tool's), and a file in the unused local folder: both left out
    s3.objects.set('shop/notes.for.the.accountant', { body: Buffer.from('x'), modified: new Date() });
    await mkdir(path.join(dataDir, 'uploads'), { recursive: true });
    await writeFile(path.join(dataDir, 'uploads', 'stray.jpg'), 'local');

    const row = await t.app.services.backups.run('cli');
    expect(row.status).toBe('succeeded');
    const manifest = await readArchiveManifest(row.location!, KEY);
    const shopFiles = objectsUnder('shop/');
    delete shopFiles['notes.for.the.accountant'];
    // archived as stored (sealed), each checksum that of the bucket's object
    const archived = manifest.files.filter((f) => f.path.startsWith('uploads/'));
    expect(Object.fromEntries(archived.map((f) => [f.path, f.sha256]))).toEqual(
      Object.fromEntries(
        Object.entries(shopFiles).map(([key, body]) => [
          `uploads/${key}`,
          createHash('sha256').update(Buffer.from(body, 'base64')).digest('hex'),
        ]),
      ),
    );
    expect(manifest.uploadKeys).toEqual({
      keyIds: [t.deps.cipher.currentKid(), retired.currentKid()].sort(),
      unsealed: 1,
    });
    expect(manifest.encryptionKeyIds).toEqual([...t.deps.cipher.keyIds(), retired.currentKid()]);

    const intoBucket = await emptyDatabase();
    const restoreDir = await mkdtemp(path.join(tmpdir(), 'bancada-restore-s3-'));
    const restored = createS3Storage(bucketSettings('restored/'));
    try {
      const lines: string[] = [];
      const result = await restoreBackup({
        file: row.location!,
        key: KEY,
        client: intoBucket.client,
        dataDir: restoreDir,
        uploads: restored,
        force: false,
        fieldKeyFingerprint: fieldKeyFingerprint(t.deps.cipher),
        installedKeyIds: t.deps.cipher.keyIds(),
        log: (line) => lines.push(line),
      });
      expect(objectsUnder('restored/')).toEqual(shopFiles);
      expect(lines.some((l) => l.includes('3 uploaded files written to s3://'))).toBe(true);
      // the retired key the third file is sealed under is named
      expect(result.missingKeyIds).toEqual([retired.currentKid()]);
      // nothing went to the local folder
      expect(await readdir(path.join(restoreDir, 'uploads')).catch(() => [])).toEqual([]);
    } finally {
      await intoBucket.drop();
      await rm(restoreDir, { recursive: true, force: true });
    }

    // the same archive into an installation whose uploads are on its local disk
    const intoDisk = await emptyDatabase();
    const diskDir = await mkdtemp(path.join(tmpdir(), 'bancada-restore-disk-'));
    try {
      await restoreBackup({
        file: row.location!,
        key: KEY,
        client: intoDisk.client,
        dataDir: diskDir,
        force: false,
        fieldKeyFingerprint: null,
        log: () => {},
      });
      const local = createLocalStorage(path.join(diskDir, 'uploads'));
      const onDisk: Record<string, string> = {};
      for await (const { key } of local.list()) {
        onDisk[key] = (await readFile(path.join(diskDir, 'uploads', ...key.split('/')))).toString('base64');
      }
      expect(onDisk).toEqual(shopFiles);
      // still sealed, and opened by the installation's keys as before
      const file = await createSealedStorage(local, t.deps.cipher).get(photo);
      expect(Buffer.concat(await file!.stream.toArray()).equals(photoBytes)).toBe(true);
    } finally {
      await intoDisk.drop();
      await rm(diskDir, { recursive: true, force: true });
    }

    // a bucket that already holds files is refused, changing nothing (the database stays empty)
    const second = await emptyDatabase();
    try {
      const before = objectsUnder('restored/');
      const error = await restoreBackup({
        file: row.location!,
        key: KEY,
        client: second.client,
        dataDir: await mkdtemp(path.join(tmpdir(), 'bancada-restore-s3-')),
        uploads: restored,
        force: false,
        fieldKeyFingerprint: null,
        log: () => {},
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreRefusedError);
      expect((error as Error).message).toMatch(
        /uploads bucket s3:\/\/.*restored\/ is not empty.*Nothing was changed/,
      );
      expect(await tableCount(second.client)).toBe(0);
      expect(objectsUnder('restored/')).toEqual(before);
    } finally {
      await second.drop();
    }
  }, 120_000);

  it('restores a backup of the local disk into the bucket', async () => {
    const diskDir = await mkdtemp(path.join(tmpdir(), 'bancada-backup-disk-'));
    const disk = await createTestApp({
      config: { dataDir: diskDir, backup: { key: KEY_B64, s3: undefined } },
    });
    const target = await emptyDatabase();
    try {
      const photo = storageKey(['repairs', 'org', 'disk'], 'jpg');
      const photoBytes = randomBytes(40_000);
      await disk.app.services.storage.put(photo, photoBytes, 'image/jpeg');
      const row = await disk.app.services.backups.run('cli');
      expect(row.status).toBe('succeeded');
      const stored = await readFile(path.join(diskDir, 'uploads', ...photo.split('/')));
      await restoreBackup({
        file: row.location!,
        key: KEY,
        client: target.client,
        dataDir: await mkdtemp(path.join(tmpdir(), 'bancada-restore-s3-')),
        uploads: createS3Storage(bucketSettings('from-disk/')),
        force: false,
        fieldKeyFingerprint: null,
        log: () => {},
      });
      expect(objectsUnder('from-disk/')).toEqual({ [photo]: stored.toString('base64') });
      const file = await createSealedStorage(
        createS3Storage(bucketSettings('from-disk/')),
        disk.deps.cipher,
      ).get(photo);
      expect(Buffer.concat(await file!.stream.toArray()).equals(photoBytes)).toBe(true);
    } finally {
      await target.drop();
      await disk.close();
      await rm(diskDir, { recursive: true, force: true });
    }
  }, 120_000);
});
