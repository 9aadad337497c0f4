import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings, UploadsSettings } from '../config.js';
import { assertKey, createLocalStorage, isStorageKey, type Storage, uploadsDir } from './storage.js';

// the SDK is large: loaded the first time a bucket is used, not at every start
const sdk = () => import('@aws-sdk/client-s3');

/** A client for an S3-compatible service (AWS S3, MinIO, Ceph, Backblaze B2, Wasabi…). */
export async function createS3Client(settings: S3Settings): Promise<S3Client> {
  const { S3Client } = await sdk();
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    // S3-compatible services (MinIO and the like) want bucket-in-path addresses
    forcePathStyle: true,
    ...(settings.accessKeyId && settings.secretAccessKey
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
    // only the checksums S3 itself requires: many compatible services reject the SDK's newer defaults
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

/**
 * Uploads in a bucket, under the settings' prefix (issue 13 §6b): every server instance behind a load
 * balancer reads what any of them stored. Keys are checked exactly as on the local disk.
 */
export function createS3Storage(settings: S3Settings): Storage {
  let connecting: Promise<S3Client> | null = null;
  const client = () => {
    connecting ??= createS3Client(settings);
    return connecting;
  };
  const Bucket = settings.bucket;
  const keyOf = (key: string) => {
    assertKey(key);
    return `${settings.prefix}${key}`;
  };
  return {
    label: `s3://${Bucket}/${settings.prefix}`,
    // ListObjectsV2, a page at a time (1000 keys), following the continuation token
    async *list() {
      const { ListObjectsV2Command } = await sdk();
      let ContinuationToken: string | undefined;
      do {
        const page = await (await client()).send(
          new ListObjectsV2Command({ Bucket, Prefix: settings.prefix || undefined, ContinuationToken }),
        );
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(settings.prefix.length) ?? '';
          if (object.Key === `${settings.prefix}${key}` && isStorageKey(key)) {
            yield { key, size: object.Size ?? 0 };
          }
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    async put(key, bytes, contentType) {
      const Key = keyOf(key);
      const { PutObjectCommand } = await sdk();
      await (await client()).send(
        new PutObjectCommand({
          Bucket,
          Key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
        }),
      );
    },
    async get(key) {
      const Key = keyOf(key);
      const { GetObjectCommand } = await sdk();
      try {
        const object = await (await client()).send(new GetObjectCommand({ Bucket, Key }));
        if (!object.Body) return null;
        return { stream: object.Body as Readable, size: object.ContentLength ?? 0 };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async remove(key) {
      const Key = keyOf(key);
      const { DeleteObjectCommand } = await sdk();
      try {
        await (await client()).send(new DeleteObjectCommand({ Bucket, Key }));
      } catch (error) {
        // S3 answers 204 for a missing key; some compatible services answer 404
        if (!isMissing(error)) throw error;
      }
    },
  };
}

/** The configured uploads store: the bucket when UPLOADS_S3_BUCKET is set, DATA_DIR/uploads otherwise. */
export function createUploadsStorage(config: { dataDir: string; uploads: UploadsSettings }): Storage {
  return config.uploads.s3
    ? createS3Storage(config.uploads.s3)
    : createLocalStorage(uploadsDir(config.dataDir));
}
