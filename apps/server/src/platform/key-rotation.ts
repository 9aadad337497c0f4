import type pg from 'pg';
import type { Cipher } from './crypto.js';
import type { Storage } from './storage.js';
import { isSealedStorage, type SealedStorage } from './storage-sealed.js';

/**
 * Every column that holds personal data encrypted by the Cipher: one entry per table. `columns` hold
 * one ciphertext each (or NULL); `jsonArrayColumns` hold a jsonb array of ciphertext strings. A module
 * that encrypts a new column adds it here, or `rotate-key` leaves it on the old key and the rotation
 * never finishes with that key dropped (decision 0010). Table and column names are SQL identifiers
 * written here, never taken from input.
 */
export type EncryptedTable = {
  table: string;
  id: string;
  columns: readonly string[];
  jsonArrayColumns?: readonly string[];
};

export const ENCRYPTED_FIELDS: readonly EncryptedTable[] = [
  // the document, and the contact data of decision 0011
  {
    table: 'customers',
    id: 'id',
    columns: [
      'document_ciphertext',
      'email_ciphertext',
      'phone_ciphertext',
      'phones_ciphertext',
      'addresses_ciphertext',
    ],
  },
  // the second factor's TOTP secret, and the one waiting for confirmation during enrolment
  { table: 'users', id: 'id', columns: ['totp_secret', 'totp_pending_secret'] },
];

/**
 * Rows that name a stored file (sealed by storage-sealed.ts): the key column of each. The file pass
 * walks the storage itself (orphans included); these rows are checked against what it listed, so a
 * row whose file is missing is reported.
 */
export type StoredFileTable = { table: string; id: string; keyColumn: string };

export const STORED_FILES: readonly StoredFileTable[] = [
  { table: 'repair_photos', id: 'id', keyColumn: 'storage_key' },
];

export class KeyRotationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeyRotationError';
  }
}

export type RotationProgress = {
  /** values re-encrypted by this run */
  values: number;
  /** files re-encrypted (or encrypted for the first time) by this run */
  files: number;
  /** rows naming a file that is not in storage (reported, not an error) */
  missingFiles: string[];
  /** false when the run stopped at `maxBatches`: run again to continue */
  complete: boolean;
};

export type RotationOptions = {
  pool: pg.Pool;
  cipher: Cipher;
  /** the app's storage, sealed (services.ts): every file it lists is moved to the current key */
  storage: Storage;
  log: (line: string) => void;
  /** rows per transaction, or files per recorded batch */
  batchSize?: number;
  /** stop after this many batches (a long rotation spread over several runs, or a test's interruption) */
  maxBatches?: number;
  fields?: readonly EncryptedTable[];
  files?: readonly StoredFileTable[];
};

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** SQL that is true when a column's value is not under the key with this prefix (`v2.<kid>.`). */
function staleCondition(entry: EncryptedTable, prefixParam: string): string {
  const plain = entry.columns.map(
    (c) => `(${quote(c)} IS NOT NULL AND left(${quote(c)}, length(${prefixParam})) <> ${prefixParam})`,
  );
  const arrays = (entry.jsonArrayColumns ?? []).map(
    (c) =>
      `(jsonb_typeof(${quote(c)}) = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(${quote(c)}) AS e(v) WHERE left(e.v, length(${prefixParam})) <> ${prefixParam}))`,
  );
  return [...plain, ...arrays].join(' OR ');
}

/** How many values (rows × columns, array items count once per row) are not under the current key. */
export async function countStaleValues(
  pool: pg.Pool,
  cipher: Cipher,
  fields: readonly EncryptedTable[] = ENCRYPTED_FIELDS,
): Promise<number> {
  const prefix = `v2.${cipher.currentKid()}.`;
  let total = 0;
  for (const entry of fields) {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${quote(entry.table)} WHERE ${staleCondition(entry, '$1::text')}`,
      [prefix],
    );
    total += Number(rows[0]!.n);
  }
  return total;
}

function reencrypt(cipher: Cipher, value: string, where: () => string): string {
  try {
    return cipher.encrypt(cipher.decrypt(value));
  } catch (error) {
    throw new KeyRotationError(
      `${where()}: no key of the keyring decrypts this value (${(error as Error).message}). ` +
        'Add the key it was made with to ENCRYPTION_KEY_PREVIOUS (or previousEncryptionKeys in secrets.json) and run rotate-key again.',
      { cause: error },
    );
  }
}

type Budget = { batches: number; max: number };
const spent = (budget: Budget) => budget.batches >= budget.max;

/** Re-encrypts one table's stale values, a batch per transaction, in id order. */
async function rotateTable(
  options: RotationOptions,
  entry: EncryptedTable,
  rotationId: string,
  budget: Budget,
): Promise<number> {
  const { pool, cipher } = options;
  const size = options.batchSize ?? 200;
  const columns = [...entry.columns, ...(entry.jsonArrayColumns ?? [])];
  const prefix = `v2.${cipher.currentKid()}.`;
  const isCurrent = (value: string) => value.startsWith(prefix);
  let after: unknown = null;
  let done = 0;
  while (!spent(budget)) {
    const client = await pool.connect();
    let count = 0;
    try {
      await client.query('BEGIN');
      // FOR UPDATE: a request changing the same row waits for this batch, and this batch re-reads it
      const { rows } = await client.query<Record<string, unknown>>(
        `SELECT ${quote(entry.id)} AS id, ${columns.map(quote).join(', ')} FROM ${quote(entry.table)}
          WHERE (${staleCondition(entry, '$1::text')}) ${after === null ? '' : `AND ${quote(entry.id)} > $3`}
          ORDER BY ${quote(entry.id)} LIMIT $2 FOR UPDATE`,
        after === null ? [prefix, size] : [prefix, size, after],
      );
      for (const row of rows) {
        const where = (column: string) => () => `${entry.table}.${column} of row ${String(row.id)}`;
        const sets: string[] = [];
        const values: unknown[] = [row.id];
        for (const column of entry.columns) {
          const value = row[column];
          if (typeof value !== 'string' || isCurrent(value)) continue;
          values.push(reencrypt(cipher, value, where(column)));
          sets.push(`${quote(column)} = $${values.length}`);
          count++;
        }
        for (const column of entry.jsonArrayColumns ?? []) {
          const items = row[column];
          if (!Array.isArray(items) || items.every((v) => typeof v !== 'string' || isCurrent(v))) continue;
          const next = items.map((v) =>
            typeof v === 'string' && !isCurrent(v) ? reencrypt(cipher, v, where(column)) : v,
          );
          values.push(JSON.stringify(next));
          sets.push(`${quote(column)} = $${values.length}::jsonb`);
          count++;
        }
        if (sets.length > 0) {
          await client.query(
            `UPDATE ${quote(entry.table)} SET ${sets.join(', ')} WHERE ${quote(entry.id)} = $1`,
            values,
          );
        }
      }
      await client.query(
        `UPDATE key_rotations SET values_reencrypted = values_reencrypted + $2, updated_at = now() WHERE id = $1`,
        [rotationId, count],
      );
      await client.query('COMMIT');
      budget.batches++;
      done += count;
      if (rows.length < size) break;
      after = rows.at(-1)!.id;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  if (done > 0) options.log(`  ${entry.table}: ${done} values re-encrypted`);
  return done;
}

function resealing(storage: SealedStorage, key: string, where: () => string) {
  return storage.reseal(key).catch((error: unknown) => {
    throw new KeyRotationError(`${where()}: ${(error as Error).message}`, { cause: error });
  });
}

/**
 * Re-encrypts (or encrypts for the first time) every stored file, walking the storage's listing (the
 * local folder or the bucket), so files no row names (orphans) move too. A batch of files, then its
 * count in `key_rotations`; files already under the current key are only read, so a rerun after an
 * interruption goes quickly over what is done. Answers the keys it listed (null when the budget ran out).
 */
async function rotateStoredFiles(
  options: RotationOptions,
  storage: SealedStorage,
  rotationId: string,
  budget: Budget,
): Promise<{ done: number; listed: Set<string> | null }> {
  const size = options.batchSize ?? 200;
  const listed = new Set<string>();
  let done = 0;
  let inBatch = 0;
  let resealed = 0;
  const flush = async () => {
    await options.pool.query(
      `UPDATE key_rotations SET files_resealed = files_resealed + $2, updated_at = now() WHERE id = $1`,
      [rotationId, resealed],
    );
    budget.batches++;
    done += resealed;
    inBatch = 0;
    resealed = 0;
  };
  let complete = true;
  for await (const { key } of storage.list()) {
    if (inBatch === 0 && spent(budget)) {
      complete = false;
      break;
    }
    listed.add(key);
    // 'missing': removed since the listing (a photo deleted meanwhile)
    if ((await resealing(storage, key, () => `stored file ${key}`)) === 'resealed') resealed++;
    if (++inBatch === size) await flush();
  }
  if (inBatch > 0) await flush();
  if (done > 0) options.log(`  ${storage.label}: ${done} files encrypted under the new key`);
  return { done, listed: complete ? listed : null };
}

/**
 * The rows of a registered table naming a file the listing did not show: one stored since the walk
 * passed its place is moved now (if it needs to be), one that is not there is reported.
 */
async function checkRowsAgainstListing(
  options: RotationOptions,
  storage: SealedStorage,
  entry: StoredFileTable,
  listed: Set<string>,
  missing: string[],
): Promise<number> {
  const size = options.batchSize ?? 200;
  let after: unknown = null;
  let moved = 0;
  for (;;) {
    const { rows } = await options.pool.query<{ id: unknown; key: string }>(
      `SELECT ${quote(entry.id)} AS id, ${quote(entry.keyColumn)} AS key FROM ${quote(entry.table)}
        ${after === null ? '' : `WHERE ${quote(entry.id)} > $2`} ORDER BY ${quote(entry.id)} LIMIT $1`,
      after === null ? [size] : [size, after],
    );
    for (const row of rows) {
      if (listed.has(row.key)) continue;
      const where = () => `${entry.table}.${entry.keyColumn} of row ${String(row.id)} (file ${row.key})`;
      const result = await resealing(storage, row.key, where);
      if (result === 'resealed') moved++;
      if (result === 'missing') missing.push(row.key);
    }
    if (rows.length < size) return moved;
    after = rows.at(-1)!.id;
  }
}

/** The file pass: the storage's listing, then the registered rows checked against it. */
async function rotateFiles(
  options: RotationOptions,
  rotationId: string,
  budget: Budget,
  missing: string[],
): Promise<number> {
  const { storage } = options;
  if (!isSealedStorage(storage))
    throw new KeyRotationError('the storage is not encrypted (storage-sealed.ts)');
  const { done, listed } = await rotateStoredFiles(options, storage, rotationId, budget);
  if (!listed) return done;
  let moved = 0;
  for (const entry of options.files ?? STORED_FILES)
    moved += await checkRowsAgainstListing(options, storage, entry, listed, missing);
  if (moved > 0) {
    await options.pool.query(
      `UPDATE key_rotations SET files_resealed = files_resealed + $2, updated_at = now() WHERE id = $1`,
      [rotationId, moved],
    );
  }
  return done + moved;
}

async function setPhase(pool: pg.Pool, id: string, phase: 'fields' | 'files' | 'done'): Promise<void> {
  await pool.query(
    `UPDATE key_rotations SET phase = $2, updated_at = now(), finished_at = CASE WHEN $2 = 'done' THEN now() END WHERE id = $1`,
    [id, phase],
  );
}

/**
 * Moves every registered value and file to the cipher's current key. Rows already under it are
 * skipped, so a rerun after an interruption (a kill, a failure, `maxBatches`) continues where the
 * last committed batch ended, and a run over finished data changes nothing. Complete only when a
 * final count finds no value left under another key (a server that had not yet seen the new key may
 * have written some meanwhile: they are moved too).
 */
export async function rotateToCurrentKey(options: RotationOptions): Promise<RotationProgress> {
  const { pool, cipher, log } = options;
  const fields = options.fields ?? ENCRYPTED_FIELDS;
  const kid = cipher.currentKid();
  const budget: Budget = { batches: 0, max: options.maxBatches ?? Number.POSITIVE_INFINITY };
  const {
    rows: [rotation],
  } = await pool.query<{ id: string; runs: number }>(
    `INSERT INTO key_rotations (target_kid) VALUES ($1)
     ON CONFLICT (target_kid) WHERE finished_at IS NULL DO UPDATE SET runs = key_rotations.runs + 1, updated_at = now()
     RETURNING id, runs`,
    [kid],
  );
  const id = rotation!.id;
  if (rotation!.runs > 1) log(`Resuming the rotation to key ${kid} (run ${rotation!.runs}).`);
  const progress: RotationProgress = { values: 0, files: 0, missingFiles: [], complete: false };
  for (let pass = 0; pass < 3; pass++) {
    log('Re-encrypting fields…');
    await setPhase(pool, id, 'fields');
    for (const entry of fields) progress.values += await rotateTable(options, entry, id, budget);
    if (spent(budget)) return progress;
    log('Re-encrypting stored files…');
    await setPhase(pool, id, 'files');
    progress.missingFiles = [];
    progress.files += await rotateFiles(options, id, budget, progress.missingFiles);
    if (spent(budget)) return progress;
    const stale = await countStaleValues(pool, cipher, fields);
    if (stale === 0) {
      await setPhase(pool, id, 'done');
      progress.complete = true;
      return progress;
    }
    log(`${stale} values were written under an older key meanwhile: another pass.`);
  }
  throw new KeyRotationError(
    'values keep appearing under an older key: a server still encrypts with it. Restart every instance with the new key, then run rotate-key again.',
  );
}
