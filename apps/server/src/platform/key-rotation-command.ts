import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Config } from '../config.js';
import { type Cipher, deriveIndexKey, keyId } from './crypto.js';
import { KeyRotationError, rotateToCurrentKey } from './key-rotation.js';
import { loadSecrets, readStoredSecrets, SecretsError, secretsFile, writeStoredSecrets } from './secrets.js';
import type { Storage } from './storage.js';

/** The database and storage a rotation works on, opened after secrets.json holds the new key. */
export type RotationTarget = { pool: pg.Pool; cipher: Cipher; storage: Storage; stop: () => Promise<void> };

export type RotateKeyOptions = {
  batchSize?: number;
  /** stop after this many batches; a later run continues */
  maxBatches?: number;
  /**
   * How long after secrets.json names the new key the work may start: a running server re-reads the
   * file at most every 5 s before encrypting (crypto.ts), so after this no new value is written under
   * the old key. Tests with no server running pass 0.
   */
  settleMs?: number;
};

const DEFAULT_SETTLE_MS = 6_000;

/**
 * `npm run cli -- rotate-key` (decision 0010). With keys in DATA_DIR/secrets.json: a new key becomes
 * current and the old one is kept for reading (or, when a rotation is under way, it is continued);
 * every registered field and stored file moves to the new key; then the old key leaves the file.
 * With ENCRYPTION_KEY in configuration: values move to the configured key and the operator is told
 * when ENCRYPTION_KEY_PREVIOUS can go. Returns the exit code.
 */
export async function rotateKeyCommand(
  config: Config,
  open: () => Promise<RotationTarget>,
  print: (line: string) => void,
  options: RotateKeyOptions = {},
): Promise<number> {
  try {
    const fromFile = !config.encryptionKey;
    const start = fromFile ? await prepareFromFile(config, print) : await prepareFromConfig(config, print);
    if (start.writtenAt !== null) {
      const wait = start.writtenAt + (options.settleMs ?? DEFAULT_SETTLE_MS) - Date.now();
      if (wait > 0) {
        print(`Waiting ${Math.ceil(wait / 1000)} s for running servers to pick up the new key…`);
        await sleep(wait);
      }
    }
    const target = await open();
    let result: Awaited<ReturnType<typeof rotateToCurrentKey>>;
    try {
      if (target.cipher.currentKid() !== start.kid) {
        throw new KeyRotationError(
          `the services opened with key ${target.cipher.currentKid()}, not ${start.kid}: is another rotation running?`,
        );
      }
      result = await rotateToCurrentKey({
        pool: target.pool,
        cipher: target.cipher,
        storage: target.storage,
        log: print,
        batchSize: options.batchSize,
        maxBatches: options.maxBatches,
      });
    } finally {
      await target.stop();
    }
    const done = `${result.values} values and ${result.files} files re-encrypted in this run`;
    for (const key of result.missingFiles)
      print(`  missing file (its row names it, storage has none): ${key}`);
    if (!result.complete) {
      print(`Stopped after ${options.maxBatches} batches: ${done}. Run rotate-key again to continue.`);
      return 0;
    }
    if (fromFile) {
      await dropPreviousKeys(config, start.current);
      print(
        `Key rotation finished: ${done}; everything is under key ${start.kid}, and the previous key was removed from ${secretsFile(config.dataDir)}. ` +
          'Copy that file OFF the machine again (backups do not contain it).',
      );
    } else if (config.encryptionKeyPrevious.length > 0) {
      print(
        `Key rotation finished: ${done}; everything is under ENCRYPTION_KEY (key id ${start.kid}). ` +
          'Remove ENCRYPTION_KEY_PREVIOUS from every instance and restart them.',
      );
    } else {
      print(`Every value and file is under ENCRYPTION_KEY (key id ${start.kid}): ${done}.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof KeyRotationError || error instanceof SecretsError) {
      print(`Key rotation failed: ${error.message}`);
      print('Nothing is lost: values already moved stay readable, and rotate-key continues from there.');
      return 1;
    }
    throw error;
  }
}

type Start = { kid: string; current: string; writtenAt: number | null };

async function prepareFromFile(config: Config, print: (line: string) => void): Promise<Start> {
  // persists the lookup-hash key first (indexKey), so that no rotation ever changes a hash
  const secrets = await loadSecrets(config.dataDir, config);
  const file = secretsFile(config.dataDir);
  if (secrets.keyring.previous.length > 0) {
    const kid = keyId(secrets.keyring.current);
    print(`A rotation to key ${kid} is under way (${file} names a previous key): continuing it.`);
    return { kid, current: secrets.keyring.current, writtenAt: (await stat(file)).mtimeMs };
  }
  const stored = await readStoredSecrets(config.dataDir);
  const next = randomBytes(32).toString('base64');
  await writeStoredSecrets(config.dataDir, {
    ...stored,
    encryptionKey: next,
    previousEncryptionKeys: [secrets.keyring.current],
    indexKey: secrets.keyring.indexKey!,
  });
  const kid = keyId(next);
  print(
    `New encryption key ${kid} written to ${file}; the previous key ${keyId(secrets.keyring.current)} stays readable until the rotation finishes.`,
  );
  return { kid, current: next, writtenAt: Date.now() };
}

async function prepareFromConfig(config: Config, print: (line: string) => void): Promise<Start> {
  const current = config.encryptionKey!;
  const kid = keyId(current);
  // loadSecrets refuses ENCRYPTION_KEY_PREVIOUS without INDEX_KEY: a changed key would change every hash
  await loadSecrets(config.dataDir, config);
  if (config.encryptionKeyPrevious.length === 0) {
    print(
      'The keys come from configuration, which rotate-key cannot change. To rotate: ' +
        (config.indexKey
          ? ''
          : `(1) set INDEX_KEY=${deriveIndexKey(current)} on every instance (the lookup-hash key of this ENCRYPTION_KEY; it must never change again), `) +
        '(2) set ENCRYPTION_KEY to a new key (openssl rand -base64 32) and ENCRYPTION_KEY_PREVIOUS to the current one, restart every instance, ' +
        '(3) run rotate-key again. Now moving values made before key ids to the current key.',
    );
  } else {
    print(
      `Moving every value to ENCRYPTION_KEY (key id ${kid}); ENCRYPTION_KEY_PREVIOUS (${config.encryptionKeyPrevious.map(keyId).join(', ')}) is read meanwhile.`,
    );
  }
  return { kid, current, writtenAt: null };
}

/** The last step: secrets.json without the previous keys, if it still names the key rotated to. */
async function dropPreviousKeys(config: Config, current: string): Promise<void> {
  const stored = await readStoredSecrets(config.dataDir);
  if (stored.encryptionKey !== current) {
    throw new KeyRotationError(
      `${secretsFile(config.dataDir)} changed during the rotation (its key is no longer ${keyId(current)}): run rotate-key again.`,
    );
  }
  const { previousEncryptionKeys: _dropped, ...rest } = stored;
  await writeStoredSecrets(config.dataDir, rest);
}
