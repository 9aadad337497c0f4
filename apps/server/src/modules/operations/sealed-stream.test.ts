import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { BackupArchiveError, backupKeyId, createOpenStream, createSealStream } from './sealed-stream.js';

const fields = { createdAt: '2026-05-03T06:00:00.000Z', appVersion: '0.1.0', migration: null };

async function seal(key: Buffer, plain: Buffer, chunkBytes = 1000): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from([plain.subarray(0, 1234), plain.subarray(1234)]),
    createSealStream(key, fields, chunkBytes),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) out.push(chunk);
    },
  );
  return Buffer.concat(out);
}

async function open(key: Buffer, sealed: Buffer): Promise<Buffer> {
  const out: Buffer[] = [];
  // fed in odd slices: frames cross the reads
  const slices = [];
  for (let i = 0; i < sealed.length; i += 777) slices.push(sealed.subarray(i, i + 777));
  await pipeline(Readable.from(slices), createOpenStream(key), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) out.push(chunk);
  });
  return Buffer.concat(out);
}

describe('sealed backup stream (AES-256-GCM, chunked)', () => {
  const key = randomBytes(32);
  const plain = randomBytes(10_500);

  it('round-trips across many chunks, and an empty stream too', async () => {
    const sealed = await seal(key, plain);
    expect(sealed.includes(plain.subarray(0, 64))).toBe(false);
    expect(await open(key, sealed)).toEqual(plain);
    expect(await open(key, await seal(key, Buffer.alloc(0)))).toEqual(Buffer.alloc(0));
  });

  it('refuses another key, naming both key ids', async () => {
    const sealed = await seal(key, plain);
    const other = randomBytes(32);
    const error = await open(other, sealed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupArchiveError);
    expect((error as BackupArchiveError).reason).toBe('wrong_key');
    expect((error as Error).message).toContain('Wrong BACKUP_KEY or damaged archive');
    expect((error as Error).message).toContain(backupKeyId(key));
  });

  it('detects a changed byte, a truncated end, extra bytes and a changed header', async () => {
    const sealed = await seal(key, plain);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 3000]! ^= 0x01;
    await expect(open(key, flipped)).rejects.toThrow(/does not authenticate/);

    // cut at a chunk boundary: every remaining chunk is intact, only the last one is missing
    const chunkFrame = 5 + 1000 + 16;
    const headerLength = sealed.length - (10 * chunkFrame + 5 + 500 + 16);
    const cut = sealed.subarray(0, headerLength + 4 * chunkFrame);
    await expect(open(key, cut)).rejects.toThrow(/Truncated/);
    await expect(open(key, sealed.subarray(0, sealed.length - 1))).rejects.toThrow(BackupArchiveError);
    await expect(open(key, Buffer.concat([sealed, Buffer.from([0, 0, 0, 0, 0])]))).rejects.toThrow(
      /after its last chunk/,
    );

    const header = Buffer.from(sealed);
    const at = header.indexOf('2026-05-03');
    header[at] = '3'.charCodeAt(0);
    await expect(open(key, header)).rejects.toThrow(/does not authenticate/);
  });

  it('refuses a file that is not an archive', async () => {
    await expect(open(key, Buffer.from('PK\u0003\u0004 not a backup at all'))).rejects.toThrow(
      /not a Bancada backup/,
    );
  });
});
