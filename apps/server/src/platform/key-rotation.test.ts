import { execFile } from 'node:child_process';
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestDatabase, testConfig } from '../../test/helpers.js';
import { seedBody } from '../../test/repairs.js';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { connectDatabase, type DbHandle } from '../db/client.js';
import { SERVER_ROOT } from '../paths.js';
import { bootstrap } from '../runtime.js';
import { createServices } from '../services.js';
import { createCipher, deriveIndexKey, keyId } from './crypto.js';
import { makeCpf } from './demo-documents.js';
import { type Jobs, startJobs } from './jobs.js';
import { countStaleValues, rotateToCurrentKey } from './key-rotation.js';
import { rotateKeyCommand } from './key-rotation-command.js';
import { loadSecrets, readStoredSecrets } from './secrets.js';
import { createLocalStorage, type Storage, uploadsDir } from './storage.js';
import { createSealedStorage, sealedFileKid } from './storage-sealed.js';
import { createTokenSigner } from './tokens.js';

// Issue 13 §3 "must show": key rotation interrupted halfway and resumed, every field readable after.

const exec = promisify(execFile);
const originalKey = randomBytes(32).toString('base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2048)]);

let dataDir: string;
let config: Config;
let database: { url: string; drop: () => Promise<void> };
let handle: DbHandle;
let jobs: Jobs;
let app: FastifyInstance;
let adminToken: string;
const customers: { id: string; cpf: string }[] = [];
const photos: { id: string; repairId: string; storageKey: string }[] = [];
// a file no row names (its row deleted, a crash between the upload and the insert): rotated all the same
const orphan = { key: 'repairs/orphans/0b7c9f4e-1d2a-4c5b-9e8f-7a6b5c4d3e2f.jpg', bytes: randomBytes(3000) };
const kidOnDisk = async (key: string) =>
  sealedFileKid(await readFile(path.join(uploadsDir(dataDir), ...key.split('/'))));
let totp: { userId: string; email: string; password: string; secret: string };

const request = (method: 'GET' | 'POST', url: string, body?: unknown, token = adminToken) =>
  app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });

/** What createCipher wrote before key ids: a value of an installation that never rotated. */
function v1Encrypt(keyBase64: string, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(keyBase64, 'base64'), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv, c.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

function multipartPhoto(data: Buffer) {
  const boundary = `----bancada${randomUUID()}`;
  const head = `Content-Disposition: form-data; name="file"; filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\n${head}\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

const codeOf = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

/** What rotate-key opens: the services on this database with the keys secrets.json holds now. */
async function openTarget(keysFrom: Config = config) {
  const secrets = await loadSecrets(dataDir, keysFrom);
  const target = connectDatabase(database.url, { max: 4 });
  const targetJobs = await startJobs(database.url, { worker: false });
  const deps = {
    config: keysFrom,
    db: target.db,
    pool: target.pool,
    jobs: targetJobs,
    mailer: null,
    signer: createTokenSigner(secrets.jwtSecret, config.accessTokenTtlSeconds),
    cipher: createCipher(secrets.keyring),
    embedded: false,
  };
  return {
    pool: target.pool,
    cipher: deps.cipher,
    storage: createServices(deps).storage,
    async stop() {
      await targetJobs.stop();
      await target.close();
    },
  };
}

const output: string[] = [];
const rotate = (options: { maxBatches?: number } = {}) =>
  rotateKeyCommand(config, openTarget, (line) => output.push(line), {
    batchSize: 2,
    settleMs: 0,
    ...options,
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-rotation-'));
  // an installation from before key rotation: one key, no separate lookup-hash key
  await writeFile(
    path.join(dataDir, 'secrets.json'),
    JSON.stringify({ jwtSecret: randomBytes(48).toString('base64url'), encryptionKey: originalKey }),
  );
  database = await createTestDatabase();
  config = testConfig({ dataDir });
  handle = connectDatabase(database.url, { max: 10 });
  jobs = await startJobs(database.url, { worker: false });
  const secrets = await loadSecrets(dataDir, config);
  app = await buildApp({
    config,
    db: handle.db,
    pool: handle.pool,
    jobs,
    mailer: null,
    signer: createTokenSigner(secrets.jwtSecret, config.accessTokenTtlSeconds),
    // the running server: follows the rotation through secrets.json
    cipher: createCipher(secrets.keyring),
    embedded: false,
  });
  await app.ready();
  await bootstrap(app.services, config, () => {});
  const login = await request(
    'POST',
    '/api/auth/login',
    { email: ADMIN.email, password: ADMIN.password },
    '',
  );
  adminToken = login.json().accessToken;

  for (let i = 0; i < 7; i++) {
    const cpf = makeCpf(String(310_000_000 + i * 7919).padStart(9, '0'));
    const res = await request('POST', '/api/customers', { name: `Cliente Rotação ${i}`, document: cpf });
    expect(res.statusCode, res.body).toBe(201);
    customers.push({ id: res.json().id, cpf });
  }
  // one document from before key ids (v1), as an older installation has them
  await handle.pool.query('UPDATE customers SET document_ciphertext = $2 WHERE id = $1', [
    customers[0]!.id,
    v1Encrypt(originalKey, customers[0]!.cpf),
  ]);

  const email = `totp-${randomBytes(3).toString('hex')}@oficina.test`;
  const password = 'totp-pass-123';
  const user = await request('POST', '/api/users', {
    name: 'Técnica TOTP',
    email,
    password,
    role: 'TECHNICIAN',
  });
  expect(user.statusCode, user.body).toBe(201);
  const userToken = (await request('POST', '/api/auth/login', { email, password }, '')).json().accessToken;
  const setup = (await request('POST', '/api/auth/two-factor/setup', undefined, userToken)).json();
  const confirmed = await request(
    'POST',
    '/api/auth/two-factor/confirm',
    { code: codeOf(setup.secret) },
    userToken,
  );
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  totp = { userId: user.json().id, email, password, secret: setup.secret };

  const repair = await request('POST', '/api/repairs', seedBody(customers[1]!.id));
  expect(repair.statusCode, repair.body).toBe(201);
  for (let i = 0; i < 3; i++) {
    const { payload, contentType } = multipartPhoto(JPEG);
    const res = await app.inject({
      method: 'POST',
      url: `/api/repairs/${repair.json().id}/photos`,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': contentType },
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await handle.pool.query<{ storage_key: string }>(
      'SELECT storage_key FROM repair_photos WHERE id = $1',
      [res.json().id],
    );
    photos.push({ id: res.json().id, repairId: repair.json().id, storageKey: rows[0]!.storage_key });
  }
  // one photo from before files were encrypted: the plain bytes on disk
  await createLocalStorage(uploadsDir(dataDir)).put(photos[0]!.storageKey, JPEG, 'image/jpeg');
  await createSealedStorage(createLocalStorage(uploadsDir(dataDir)), createCipher(originalKey)).put(
    orphan.key,
    orphan.bytes,
    'image/jpeg',
  );
}, 120_000);

afterAll(async () => {
  await app?.close();
  await jobs?.stop();
  await handle?.close();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function documentsOnDisk() {
  const { rows } = await handle.pool.query<{ id: string; document_ciphertext: string }>(
    'SELECT id, document_ciphertext FROM customers WHERE id = ANY($1::uuid[])',
    [customers.map((c) => c.id)],
  );
  return rows;
}

async function expectApiServesEverything() {
  for (const { id, cpf } of customers) {
    const res = await request('GET', `/api/customers/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().document).toBe(cpf);
  }
  for (const photo of photos) {
    const res = await request('GET', `/api/repairs/${photo.repairId}/photos/${photo.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(JPEG)).toBe(true);
  }
}

describe('rotate-key', () => {
  it('keeps the lookup-hash key of an existing installation as a secret of its own', async () => {
    const stored = await readStoredSecrets(dataDir);
    expect(stored.indexKey).toBe(deriveIndexKey(originalKey));
  });

  it('stops halfway when interrupted, with the old key still readable and the server still serving', async () => {
    const code = await rotate({ maxBatches: 2 });
    expect(code, output.join('\n')).toBe(0);
    expect(output.join('\n')).toMatch(/Run rotate-key again to continue/);
    const stored = await readStoredSecrets(dataDir);
    const newKid = keyId(stored.encryptionKey!);
    expect(stored.encryptionKey).not.toBe(originalKey);
    expect(stored.previousEncryptionKeys).toEqual([originalKey]);
    const kids = (await documentsOnDisk()).map((r) => r.document_ciphertext.split('.')[1]);
    expect(kids.filter((kid) => kid === newKid).length).toBeGreaterThan(0);
    expect(kids.filter((kid) => kid !== newKid).length).toBeGreaterThan(0);
    const { rows } = await handle.pool.query('SELECT * FROM key_rotations');
    expect(rows).toMatchObject([{ target_kid: newKid, phase: 'fields', finished_at: null, runs: 1 }]);
    expect(await kidOnDisk(orphan.key)).toBe(keyId(originalKey));
    // the running server meets the new key id, reads secrets.json again, and keeps answering
    await expectApiServesEverything();
  });

  it('resumes where it stopped and finishes: every field and file under the new key alone', async () => {
    output.length = 0;
    const code = await rotate();
    expect(code, output.join('\n')).toBe(0);
    expect(output.join('\n')).toMatch(/Resuming the rotation/);
    expect(output.join('\n')).toMatch(/Key rotation finished/);
    const stored = await readStoredSecrets(dataDir);
    expect(stored.previousEncryptionKeys).toBeUndefined();
    expect(stored.indexKey).toBe(deriveIndexKey(originalKey));
    const newKey = stored.encryptionKey!;
    const onlyNew = createCipher({ current: newKey, previous: [], indexKey: stored.indexKey });

    for (const row of await documentsOnDisk()) {
      expect(row.document_ciphertext.startsWith(`v2.${keyId(newKey)}.`)).toBe(true);
      expect(onlyNew.decrypt(row.document_ciphertext)).toBe(customers.find((c) => c.id === row.id)!.cpf);
    }
    const { rows: users } = await handle.pool.query<{ totp_secret: string }>(
      'SELECT totp_secret FROM users WHERE id = $1',
      [totp.userId],
    );
    expect(onlyNew.decrypt(users[0]!.totp_secret)).toBe(totp.secret);
    const sealed = createSealedStorage(createLocalStorage(uploadsDir(dataDir)), onlyNew);
    for (const photo of photos) {
      const raw = await readFile(path.join(uploadsDir(dataDir), ...photo.storageKey.split('/')));
      expect(sealedFileKid(raw)).toBe(keyId(newKey));
      const file = await sealed.get(photo.storageKey);
      expect(Buffer.concat(await file!.stream.toArray()).equals(JPEG)).toBe(true);
    }
    // the orphan too, though no row names it
    expect(await kidOnDisk(orphan.key)).toBe(keyId(newKey));
    const file = await sealed.get(orphan.key);
    expect(Buffer.concat(await file!.stream.toArray()).equals(orphan.bytes)).toBe(true);
    const { rows: rotations } = await handle.pool.query('SELECT * FROM key_rotations');
    expect(rotations).toMatchObject([{ phase: 'done', runs: 2, files_resealed: 4 }]);
    expect(rotations[0].finished_at).not.toBeNull();
    expect(rotations[0].values_reencrypted).toBe(customers.length + 1);
  });

  it('leaves the API right: documents, photos, search by document and the second factor', async () => {
    await expectApiServesEverything();
    for (const { id, cpf } of customers) {
      const search = await request('GET', `/api/search?q=${cpf}`);
      expect(search.statusCode).toBe(200);
      expect(JSON.stringify(search.json())).toContain(id);
    }
    // a duplicate document is still refused: the uniqueness hash did not change
    const duplicate = await request('POST', '/api/customers', { name: 'Outra', document: customers[2]!.cpf });
    expect(duplicate.statusCode).toBe(409);
    const challenge = await request(
      'POST',
      '/api/auth/login',
      { email: totp.email, password: totp.password },
      '',
    );
    expect(challenge.statusCode).toBe(200);
    const verified = await request(
      'POST',
      '/api/auth/two-factor/verify',
      { challengeToken: challenge.json().challengeToken, code: codeOf(totp.secret, 1) },
      '',
    );
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it('runs as `npm run cli -- rotate-key` while this server keeps serving, which follows the new key', async () => {
    const before = (await readStoredSecrets(dataDir)).encryptionKey!;
    const tsx = path.join(SERVER_ROOT, '../../node_modules/.bin/tsx');
    const { stdout } = await exec(tsx, [path.join(SERVER_ROOT, 'src/cli.ts'), 'rotate-key'], {
      env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    expect(stdout).toMatch(/New encryption key/);
    expect(stdout).toMatch(/Key rotation finished/);
    const stored = await readStoredSecrets(dataDir);
    expect(stored.encryptionKey).not.toBe(before);
    expect(stored.previousEncryptionKeys).toBeUndefined();
    expect(
      (await documentsOnDisk()).every((r) =>
        r.document_ciphertext.startsWith(`v2.${keyId(stored.encryptionKey!)}.`),
      ),
    ).toBe(true);
    await expectApiServesEverything();
    // and writes under the new key from now on
    const created = await request('POST', '/api/customers', {
      name: 'Depois',
      document: makeCpf('987654321'),
    });
    const { rows } = await handle.pool.query<{ document_ciphertext: string }>(
      'SELECT document_ciphertext FROM customers WHERE id = $1',
      [created.json().id],
    );
    expect(rows[0]!.document_ciphertext.startsWith(`v2.${keyId(stored.encryptionKey!)}.`)).toBe(true);
  }, 60_000);

  it('fails naming the table, column and row of a value no key decrypts, and changes no key it needs', async () => {
    const stranger = createCipher(randomBytes(32).toString('base64')).encrypt('00000000000');
    await handle.pool.query('UPDATE customers SET document_ciphertext = $2 WHERE id = $1', [
      customers[3]!.id,
      stranger,
    ]);
    output.length = 0;
    const code = await rotate();
    expect(code).toBe(1);
    expect(output.join('\n')).toContain(`customers.document_ciphertext of row ${customers[3]!.id}`);
    // the rotation is left open, with the previous key kept for reading
    const stored = await readStoredSecrets(dataDir);
    expect(stored.previousEncryptionKeys).toHaveLength(1);
  });

  it('with keys in configuration, moves everything to ENCRYPTION_KEY and says when ENCRYPTION_KEY_PREVIOUS can go', async () => {
    const stored = await readStoredSecrets(dataDir);
    const fileKeys = createCipher({
      current: stored.encryptionKey!,
      previous: [],
      indexKey: stored.indexKey,
    });
    // the value the previous test broke, made readable again
    await handle.pool.query('UPDATE customers SET document_ciphertext = $2 WHERE id = $1', [
      customers[3]!.id,
      fileKeys.encrypt(customers[3]!.cpf),
    ]);
    const configured = randomBytes(32).toString('base64');
    const fromConfig: Config = {
      ...config,
      encryptionKey: configured,
      encryptionKeyPrevious: [stored.encryptionKey!, ...(stored.previousEncryptionKeys ?? [])],
      indexKey: stored.indexKey,
    };
    output.length = 0;
    const code = await rotateKeyCommand(
      fromConfig,
      () => openTarget(fromConfig),
      (line) => output.push(line),
      {
        batchSize: 3,
      },
    );
    expect(code, output.join('\n')).toBe(0);
    expect(output.join('\n')).toMatch(/Remove ENCRYPTION_KEY_PREVIOUS from every instance/);
    const onlyConfigured = createCipher({ current: configured, previous: [], indexKey: stored.indexKey });
    for (const row of await documentsOnDisk()) {
      expect(onlyConfigured.decrypt(row.document_ciphertext)).toBe(
        customers.find((c) => c.id === row.id)!.cpf,
      );
    }
    for (const photo of photos) {
      const raw = await readFile(path.join(uploadsDir(dataDir), ...photo.storageKey.split('/')));
      expect(sealedFileKid(raw)).toBe(keyId(configured));
    }
    // secrets.json is not the configuration's business: left as it was
    expect(await readStoredSecrets(dataDir)).toEqual(stored);
  });

  it('moves jsonb arrays of ciphertexts too, in batches, leaving NULLs and current values alone', async () => {
    const [a, b] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const old = createCipher(a);
    await handle.pool.query('CREATE TABLE rotation_probe (id int PRIMARY KEY, one text, many jsonb)');
    for (let id = 1; id <= 5; id++) {
      await handle.pool.query('INSERT INTO rotation_probe VALUES ($1, $2, $3)', [
        id,
        id === 5 ? null : old.encrypt(`one-${id}`),
        JSON.stringify(id === 4 ? [] : [old.encrypt(`many-${id}-a`), old.encrypt(`many-${id}-b`)]),
      ]);
    }
    const ring = createCipher({ current: b, previous: [a] });
    const noFiles = await mkdtemp(path.join(tmpdir(), 'bancada-rotation-none-'));
    const result = await rotateToCurrentKey({
      pool: handle.pool,
      cipher: ring,
      storage: createSealedStorage(createLocalStorage(noFiles), ring),
      log: () => {},
      batchSize: 2,
      fields: [{ table: 'rotation_probe', id: 'id', columns: ['one'], jsonArrayColumns: ['many'] }],
      files: [],
    });
    expect(result).toMatchObject({ complete: true, values: 8 });
    const onlyB = createCipher(b);
    const { rows } = await handle.pool.query<{ id: number; one: string | null; many: string[] }>(
      'SELECT id, one, many FROM rotation_probe ORDER BY id',
    );
    expect(rows.map((r) => [r.one && onlyB.decrypt(r.one), r.many.map((v) => onlyB.decrypt(v))])).toEqual([
      ['one-1', ['many-1-a', 'many-1-b']],
      ['one-2', ['many-2-a', 'many-2-b']],
      ['one-3', ['many-3-a', 'many-3-b']],
      ['one-4', []],
      [null, ['many-5-a', 'many-5-b']],
    ]);
    expect(
      await countStaleValues(handle.pool, ring, [
        { table: 'rotation_probe', id: 'id', columns: ['one'], jsonArrayColumns: ['many'] },
      ]),
    ).toBe(0);
    await rm(noFiles, { recursive: true, force: true });
  });

  it('walks the storage for files no row names, interrupted inside the file pass and resumed', async () => {
    const [a, b] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const root = await mkdtemp(path.join(tmpdir(), 'bancada-rotation-orphans-'));
    try {
      const disk = createLocalStorage(root);
      const orphans = new Map<string, Buffer>();
      for (let i = 0; i < 5; i++) orphans.set(`repairs/orphans/file-${i}.jpg`, randomBytes(500 + i));
      for (const [key, bytes] of orphans)
        await createSealedStorage(disk, createCipher(a)).put(key, bytes, 'image/jpeg');
      const ring = createCipher({ current: b, previous: [a] });
      const run = (maxBatches?: number) =>
        rotateToCurrentKey({
          pool: handle.pool,
          cipher: ring,
          storage: createSealedStorage(disk, ring),
          log: () => {},
          batchSize: 2,
          maxBatches,
          fields: [],
          files: [],
        });
      const kids = async () =>
        Promise.all(
          [...orphans.keys()].map(async (key) =>
            sealedFileKid(await readFile(path.join(root, ...key.split('/')))),
          ),
        );

      // interrupted after one batch of two files: those are under the new key, the rest still the old
      expect(await run(1)).toMatchObject({ complete: false, files: 2 });
      expect(await kids()).toEqual([keyId(b), keyId(b), keyId(a), keyId(a), keyId(a)]);
      // resumed: the two already moved are only read, the other three move, and it finishes
      expect(await run()).toMatchObject({ complete: true, files: 3 });
      expect(await kids()).toEqual(Array(5).fill(keyId(b)));
      const onlyB = createSealedStorage(disk, createCipher(b));
      for (const [key, bytes] of orphans) {
        const file = await onlyB.get(key);
        expect(Buffer.concat(await file!.stream.toArray()).equals(bytes)).toBe(true);
      }
      const { rows } = await handle.pool.query(
        'SELECT phase, runs, files_resealed FROM key_rotations WHERE target_kid = $1',
        [keyId(b)],
      );
      expect(rows).toEqual([{ phase: 'done', runs: 2, files_resealed: 5 }]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('reports a row whose file is missing, and moves a file stored after the walk passed its place', async () => {
    const [a, b] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const root = await mkdtemp(path.join(tmpdir(), 'bancada-rotation-rows-'));
    try {
      const disk = createLocalStorage(root);
      const ring = createCipher({ current: b, previous: [a] });
      await handle.pool.query('CREATE TABLE rotation_files (id int PRIMARY KEY, storage_key text)');
      await handle.pool.query(
        `INSERT INTO rotation_files VALUES (1, 'files/present.jpg'), (2, 'files/gone.jpg'), (3, 'files/late.jpg')`,
      );
      await createSealedStorage(disk, createCipher(a)).put(
        'files/present.jpg',
        Buffer.from('p'),
        'image/jpeg',
      );
      // a file stored while the walk runs, after it passed that file's place
      let stored = false;
      const racing: Storage = {
        ...disk,
        async *list() {
          yield* disk.list();
          if (stored) return;
          stored = true;
          await createSealedStorage(disk, createCipher(a)).put(
            'files/late.jpg',
            Buffer.from('l'),
            'image/jpeg',
          );
        },
      };
      const walked = createSealedStorage(racing, ring);
      const result = await rotateToCurrentKey({
        pool: handle.pool,
        cipher: ring,
        storage: walked,
        log: () => {},
        fields: [],
        files: [{ table: 'rotation_files', id: 'id', keyColumn: 'storage_key' }],
      });
      expect(result).toMatchObject({ complete: true, files: 2, missingFiles: ['files/gone.jpg'] });
      for (const key of ['files/present.jpg', 'files/late.jpg']) {
        expect(sealedFileKid(await readFile(path.join(root, ...key.split('/'))))).toBe(keyId(b));
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
