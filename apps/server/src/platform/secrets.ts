import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type Secrets = { jwtSecret: string; encryptionKey: string };

/**
 * Secrets from configuration, or generated once into DATA_DIR/secrets.json (mode 600).
 * Several instances behind a load balancer must share JWT_SECRET and ENCRYPTION_KEY through configuration.
 */
export async function loadSecrets(
  dataDir: string,
  configured: { jwtSecret?: string | undefined; encryptionKey?: string | undefined },
): Promise<Secrets> {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(await readFile(file, 'utf8')) as Partial<Secrets>;
  const secrets: Secrets = {
    jwtSecret: configured.jwtSecret ?? stored.jwtSecret ?? randomBytes(48).toString('base64url'),
    encryptionKey: configured.encryptionKey ?? stored.encryptionKey ?? randomBytes(32).toString('base64'),
  };
  const toStore = {
    ...(configured.jwtSecret ? {} : { jwtSecret: secrets.jwtSecret }),
    ...(configured.encryptionKey ? {} : { encryptionKey: secrets.encryptionKey }),
  };
  if (JSON.stringify(toStore) !== JSON.stringify(stored) && Object.keys(toStore).length > 0) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(toStore, null, 2), { mode: 0o600 });
  }
  return secrets;
}
