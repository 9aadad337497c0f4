import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCipher, deriveIndexKey, keyId } from './crypto.js';
import { loadSecrets, readStoredSecrets, SecretsError, writeStoredSecrets } from './secrets.js';

const key = () => randomBytes(32).toString('base64');
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'bancada-secrets-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('secrets', () => {
  it('generates the keys once into secrets.json (mode 600), the lookup-hash key included', async () => {
    const first = await loadSecrets(dataDir, {});
    const file = path.join(dataDir, 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = await readStoredSecrets(dataDir);
    expect(stored).toMatchObject({
      encryptionKey: first.encryptionKey,
      indexKey: deriveIndexKey(first.encryptionKey),
    });
    const written = (await stat(file)).mtimeMs;
    const again = await loadSecrets(dataDir, {});
    // unchanged secrets are not written again (rotate-key reads the file's time)
    expect((await stat(file)).mtimeMs).toBe(written);
    expect(again.keyring).toMatchObject({ current: first.encryptionKey, previous: [] });
    expect(again.keysFrom).toBe('secrets-file');
  });

  it('keeps the lookup hashes of an installation from before rotation: its derived key is persisted', async () => {
    const original = key();
    await writeFile(
      path.join(dataDir, 'secrets.json'),
      JSON.stringify({ jwtSecret: 'x'.repeat(40), encryptionKey: original }),
    );
    const before = createCipher(original).lookupHash('52998224725');
    const secrets = await loadSecrets(dataDir, {});
    expect((await readStoredSecrets(dataDir)).indexKey).toBe(deriveIndexKey(original));
    expect(createCipher(secrets.keyring).lookupHash('52998224725')).toBe(before);
  });

  it('follows a rotation written by another process, and ignores an unchanged file', async () => {
    const secrets = await loadSecrets(dataDir, {});
    expect(secrets.keyring.reload!()).toBeNull();
    const next = key();
    const stored = await readStoredSecrets(dataDir);
    await writeStoredSecrets(dataDir, {
      ...stored,
      encryptionKey: next,
      previousEncryptionKeys: [stored.encryptionKey!],
    });
    expect(secrets.keyring.reload!()).toEqual({
      current: next,
      previous: [stored.encryptionKey],
      indexKey: stored.indexKey,
    });
    expect(secrets.keyring.reload!()).toBeNull();
  });

  it('takes the keys from configuration, with previous keys for reading and the given lookup-hash key', async () => {
    const [current, old, index] = [key(), key(), key()];
    const secrets = await loadSecrets(dataDir, {
      encryptionKey: current,
      encryptionKeyPrevious: [old],
      indexKey: index,
    });
    expect(secrets.keysFrom).toBe('configuration');
    expect(secrets.keyring).toMatchObject({ current, previous: [old], indexKey: index });
    expect(secrets.keyring.reload).toBeUndefined();
    const cipher = createCipher(secrets.keyring);
    expect(cipher.decrypt(createCipher(old).encrypt('x'))).toBe('x');
    expect(cipher.currentKid()).toBe(keyId(current));
    // nothing about the data keys is written to the file
    expect(JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8'))).toEqual({
      jwtSecret: secrets.jwtSecret,
    });
  });

  it('refuses ENCRYPTION_KEY_PREVIOUS without INDEX_KEY, and either without ENCRYPTION_KEY', async () => {
    await expect(
      loadSecrets(dataDir, { encryptionKey: key(), encryptionKeyPrevious: [key()] }),
    ).rejects.toThrow(/INDEX_KEY/);
    await expect(loadSecrets(dataDir, { encryptionKeyPrevious: [key()] })).rejects.toThrow(SecretsError);
    await expect(loadSecrets(dataDir, { indexKey: key() })).rejects.toThrow(SecretsError);
  });
});
