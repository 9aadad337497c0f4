import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { backupKeyId } from './sealed-stream.js';

export type BackupKey = { key: Buffer; id: string; source: 'config' | 'file'; file?: string };

export function backupKeyFile(dataDir: string): string {
  return path.join(dataDir, 'backup.key');
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} must hold 32 bytes in base64`);
  return key;
}

/**
 * BACKUP_KEY from configuration, or the one kept in DATA_DIR/backup.key. With `create`, a missing
 * key is generated into that file (mode 0600) and `warn` is told once, at that moment: the key must
 * also be kept somewhere else, or the backups cannot be read once this machine is gone.
 */
export async function loadBackupKey(
  config: { dataDir: string; backup: { key: string | undefined } },
  options: { create: boolean; warn?: (message: string) => void },
): Promise<BackupKey | null> {
  if (config.backup.key) {
    const key = decode(config.backup.key, 'BACKUP_KEY');
    return { key, id: backupKeyId(key), source: 'config' };
  }
  const file = backupKeyFile(config.dataDir);
  if (existsSync(file)) {
    const key = decode(await readFile(file, 'utf8'), file);
    return { key, id: backupKeyId(key), source: 'file', file };
  }
  if (!options.create) return null;
  const text = randomBytes(32).toString('base64');
  await mkdir(config.dataDir, { recursive: true });
  try {
    await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // another process generated it at the same moment: use theirs
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadBackupKey(config, { create: false });
  }
  const key = decode(text, file);
  options.warn?.(
    `WARNING: no BACKUP_KEY was configured, so a new backup key was generated into ${file} (key id ${backupKeyId(key)}). ` +
      'Copy that key somewhere OFF this machine (a password manager) and set it as BACKUP_KEY: every backup is ' +
      'encrypted with it, and without it no backup can ever be restored.',
  );
  return { key, id: backupKeyId(key), source: 'file', file };
}
