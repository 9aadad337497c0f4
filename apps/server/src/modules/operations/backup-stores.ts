import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BackupS3Settings } from '../../config.js';
import { createS3Client } from '../../platform/storage-s3.js';

/** An archive kept by a store. */
export type StoredBackup = { name: string; size: number; createdAt: Date };

/**
 * Where finished archives are kept: DATA_DIR/backups, or an S3-compatible bucket. An archive is always
 * written to DATA_DIR/backups first (as `<name>.partial`); `save` then keeps it there or uploads it.
 */
export interface BackupStore {
  readonly kind: 'local' | 's3';
  /** the folder archives are written in before `save` */
  readonly workDir: string;
  location(name: string): string;
  save(file: string, name: string, onProgress?: (share: number) => void): Promise<void>;
  /** this store's archives (names made by `archiveName`), oldest first */
  list(): Promise<StoredBackup[]>;
  remove(name: string): Promise<void>;
  open(name: string): Promise<{ stream: Readable; size: number } | null>;
}

const NAME = /^bancada-backup-(\d{8}T\d{6}Z)-[a-z0-9]{6}\.bak$/;

/** `bancada-backup-20260503T060000Z-k3x9aa.bak`: sortable, and its time is the backup's. */
export function archiveName(at: Date, suffix: string): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `bancada-backup-${stamp}-${suffix}.bak`;
}

export function archiveTime(name: string): Date | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const s = match[1]!;
  return new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
  );
}

export function createLocalStore(dir: string): BackupStore {
  const fileOf = (name: string) => {
    if (!NAME.test(name)) throw new Error(`not a backup archive name: ${name}`);
    return path.join(dir, name);
  };
  return {
    kind: 'local',
    workDir: dir,
    location: (name) => path.join(dir, name),
    async save(file, name, onProgress) {
      await rename(file, fileOf(name));
      onProgress?.(1);
    },
    async list() {
      await mkdir(dir, { recursive: true });
      const found: StoredBackup[] = [];
      for (const name of await readdir(dir)) {
        const createdAt = archiveTime(name);
        if (!createdAt) continue;
        const info = await stat(path.join(dir, name)).catch(() => null);
        if (info?.isFile()) found.push({ name, size: info.size, createdAt });
      }
      return found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    async remove(name) {
      await rm(fileOf(name), { force: true });
    },
    async open(name) {
      const file = fileOf(name);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return null;
      return { stream: createReadStream(file), size: info.size };
    },
  };
}

const PART_BYTES = 16 * 1024 * 1024;

// the SDK is large: loaded the first time a bucket is used, not at every start
const sdk = () => import('@aws-sdk/client-s3');

/** Archives in a bucket under the prefix; uploads of more than one part go as a multipart upload. */
export function createS3Store(settings: BackupS3Settings, workDir: string): BackupStore {
  let connecting: Promise<S3Client> | null = null;
  const client = () => {
    connecting ??= createS3Client(settings);
    return connecting;
  };
  const keyOf = (name: string) => {
    if (!NAME.test(name)) throw new Error(`not a backup archive name: ${name}`);
    return `${settings.prefix}${name}`;
  };
  const Bucket = settings.bucket;
  return {
    kind: 's3',
    workDir,
    location: (name) => `s3://${Bucket}/${keyOf(name)}`,
    async save(file, name, onProgress) {
      const Key = keyOf(name);
      const s3 = await client();
      const {
        PutObjectCommand,
        CreateMultipartUploadCommand,
        UploadPartCommand,
        CompleteMultipartUploadCommand,
        AbortMultipartUploadCommand,
      } = await sdk();
      const { size } = await stat(file);
      const handle = await open(file, 'r');
      try {
        const read = async (offset: number, length: number) => {
          const buffer = Buffer.alloc(length);
          const { bytesRead } = await handle.read(buffer, 0, length, offset);
          return buffer.subarray(0, bytesRead);
        };
        if (size <= PART_BYTES) {
          await s3.send(
            new PutObjectCommand({
              Bucket,
              Key,
              Body: await read(0, size),
              ContentType: 'application/octet-stream',
            }),
          );
        } else {
          const { UploadId } = await s3.send(
            new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/octet-stream' }),
          );
          try {
            const parts: { ETag: string; PartNumber: number }[] = [];
            for (let offset = 0, PartNumber = 1; offset < size; offset += PART_BYTES, PartNumber++) {
              const Body = await read(offset, Math.min(PART_BYTES, size - offset));
              const { ETag } = await s3.send(
                new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body }),
              );
              parts.push({ ETag: ETag ?? '', PartNumber });
              onProgress?.(Math.min(1, (offset + Body.length) / size));
            }
            await s3.send(
              new CompleteMultipartUploadCommand({
                Bucket,
                Key,
                UploadId,
                MultipartUpload: { Parts: parts },
              }),
            );
          } catch (error) {
            await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => {});
            throw error;
          }
        }
      } finally {
        await handle.close();
      }
      await rm(file, { force: true });
      onProgress?.(1);
    },
    async list() {
      const s3 = await client();
      const { ListObjectsV2Command } = await sdk();
      const found: StoredBackup[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket, Prefix: settings.prefix || undefined, ContinuationToken }),
        );
        for (const object of page.Contents ?? []) {
          const name = object.Key?.slice(settings.prefix.length) ?? '';
          const createdAt = archiveTime(name);
          if (createdAt && object.Key === `${settings.prefix}${name}`) {
            found.push({ name, size: object.Size ?? 0, createdAt });
          }
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    async remove(name) {
      const { DeleteObjectCommand } = await sdk();
      await (await client()).send(new DeleteObjectCommand({ Bucket, Key: keyOf(name) }));
    },
    async open(name) {
      const { GetObjectCommand } = await sdk();
      try {
        const object = await (await client()).send(new GetObjectCommand({ Bucket, Key: keyOf(name) }));
        if (!object.Body) return null;
        return { stream: object.Body as Readable, size: object.ContentLength ?? 0 };
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
        throw error;
      }
    },
  };
}

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** The configured store: S3 when BACKUP_S3_BUCKET is set, DATA_DIR/backups otherwise. */
export function createBackupStore(config: {
  dataDir: string;
  backup: { s3: BackupS3Settings | undefined };
}): BackupStore {
  const dir = backupsDir(config.dataDir);
  return config.backup.s3 ? createS3Store(config.backup.s3, dir) : createLocalStore(dir);
}
