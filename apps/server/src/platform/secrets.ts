import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deriveIndexKey, type Keyring } from './crypto.js';

export type Secrets = {
  jwtSecret: string;
  /** the current encryption key */
  encryptionKey: string;
  /** every key personal data may be under, and the lookup-hash key (decision 0010) */
  keyring: Keyring;
  /** where the encryption keys come from: `rotate-key` rewrites secrets.json, configuration it cannot */
  keysFrom: 'configuration' | 'secrets-file';
};

/** What DATA_DIR/secrets.json holds. */
export type StoredSecrets = {
  jwtSecret?: string;
  encryptionKey?: string;
  /** read-only keys while a rotation runs; removed when it finishes */
  previousEncryptionKeys?: string[];
  /** the lookup-hash key: never changes, whatever the encryption key becomes */
  indexKey?: string;
};

export type ConfiguredSecrets = {
  jwtSecret?: string | undefined;
  encryptionKey?: string | undefined;
  encryptionKeyPrevious?: string[] | undefined;
  indexKey?: string | undefined;
};

export class SecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsError';
  }
}

export function secretsFile(dataDir: string): string {
  return path.join(dataDir, 'secrets.json');
}

function parseStored(text: string, file: string): StoredSecrets {
  try {
    return JSON.parse(text) as StoredSecrets;
  } catch {
    throw new SecretsError(`${file} is not valid JSON: restore it from your copy of the keys.`);
  }
}

export async function readStoredSecrets(dataDir: string): Promise<StoredSecrets> {
  const file = secretsFile(dataDir);
  return existsSync(file) ? parseStored(await readFile(file, 'utf8'), file) : {};
}

/** Replaces secrets.json in one step (written beside, then renamed): a crash leaves the old or the new file. */
export async function writeStoredSecrets(dataDir: string, secrets: StoredSecrets): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const file = secretsFile(dataDir);
  const partial = `${file}.${randomUUID()}.part`;
  try {
    await writeFile(partial, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

const canonical = (s: StoredSecrets) =>
  JSON.stringify(Object.entries(s).sort(([a], [b]) => a.localeCompare(b)));
const keysText = (s: StoredSecrets) =>
  JSON.stringify([s.encryptionKey, s.previousEncryptionKeys ?? [], s.indexKey]);

function keyringFromFile(stored: StoredSecrets, file: string): Keyring {
  if (!stored.encryptionKey || !stored.indexKey) throw new SecretsError(`${file} has no encryption keys.`);
  return {
    current: stored.encryptionKey,
    previous: stored.previousEncryptionKeys ?? [],
    indexKey: stored.indexKey,
  };
}

/**
 * Secrets from configuration, or generated once into DATA_DIR/secrets.json (mode 600).
 * Several instances behind a load balancer must share JWT_SECRET, ENCRYPTION_KEY and INDEX_KEY
 * through configuration.
 *
 * The lookup-hash key (`indexKey`) is its own secret: an installation that had none gets today's
 * derivation of its encryption key, persisted here, so that a later rotation leaves every hash valid.
 */
export async function loadSecrets(dataDir: string, configured: ConfiguredSecrets): Promise<Secrets> {
  const file = secretsFile(dataDir);
  const stored = await readStoredSecrets(dataDir);
  const jwtSecret = configured.jwtSecret ?? stored.jwtSecret ?? randomBytes(48).toString('base64url');
  const previousConfigured = configured.encryptionKeyPrevious ?? [];
  if (!configured.encryptionKey && (previousConfigured.length > 0 || configured.indexKey)) {
    throw new SecretsError(
      'ENCRYPTION_KEY_PREVIOUS and INDEX_KEY are used only with ENCRYPTION_KEY: set ENCRYPTION_KEY too, or remove them.',
    );
  }
  let keyring: Keyring;
  if (configured.encryptionKey) {
    if (previousConfigured.length > 0 && !configured.indexKey) {
      throw new SecretsError(
        'ENCRYPTION_KEY_PREVIOUS is set but INDEX_KEY is not: the lookup-hash key must not change with ENCRYPTION_KEY. ' +
          'Set INDEX_KEY to the value `npm run cli -- rotate-key` printed for the original key (docs/operations.md, "Key rotation").',
      );
    }
    keyring = {
      current: configured.encryptionKey,
      previous: previousConfigured.filter((key) => key !== configured.encryptionKey),
      indexKey: configured.indexKey ?? deriveIndexKey(configured.encryptionKey),
    };
  } else {
    const current = stored.encryptionKey ?? randomBytes(32).toString('base64');
    keyring = {
      current,
      previous: stored.previousEncryptionKeys ?? [],
      indexKey: stored.indexKey ?? deriveIndexKey(current),
    };
  }
  const toStore: StoredSecrets = {
    ...(configured.jwtSecret ? {} : { jwtSecret }),
    ...(configured.encryptionKey
      ? {}
      : {
          encryptionKey: keyring.current,
          ...(keyring.previous.length > 0 ? { previousEncryptionKeys: keyring.previous } : {}),
          indexKey: keyring.indexKey!,
        }),
  };
  const merged = { ...stored, ...toStore };
  // written only when something changed: the file's time tells rotate-key when keys last changed
  if (canonical(merged) !== canonical(stored) && Object.keys(toStore).length > 0) {
    await writeStoredSecrets(dataDir, merged);
  }
  if (!configured.encryptionKey) {
    // a rotation in another process rewrites the file: follow it (crypto.ts asks now and then)
    let seen = keysText(toStore);
    keyring.reload = () => {
      if (!existsSync(file)) return null;
      const now = parseStored(readFileSync(file, 'utf8'), file);
      const text = keysText(now);
      if (text === seen) return null;
      seen = text;
      return keyringFromFile(now, file);
    };
  }
  return {
    jwtSecret,
    encryptionKey: keyring.current,
    keyring,
    keysFrom: configured.encryptionKey ? 'configuration' : 'secrets-file',
  };
}
