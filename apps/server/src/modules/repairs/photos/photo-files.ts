import path from 'node:path';

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTO_STAGES = ['intake', 'work', 'delivery'] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number];
export const CAPTION_MAX = 500;

const IMAGE_TYPES = [
  {
    contentType: 'image/jpeg',
    extension: 'jpg',
    matches: (b: Buffer) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    contentType: 'image/png',
    extension: 'png',
    matches: (b: Buffer) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    contentType: 'image/webp',
    extension: 'webp',
    matches: (b: Buffer) =>
      b.length >= 12 &&
      b.subarray(0, 4).toString('latin1') === 'RIFF' &&
      b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
] as const;

/** The image type from the file's first bytes; what the client declared is not trusted. */
export function sniffImage(bytes: Buffer): { contentType: string; extension: string } | null {
  const found = IMAGE_TYPES.find((type) => type.matches(bytes));
  return found ? { contentType: found.contentType, extension: found.extension } : null;
}

/** A user's file name, kept for display only: no folders, no control characters, bounded. */
export function cleanFileName(name: string | undefined, extension: string): string {
  const base = path.basename((name ?? '').replaceAll('\\', '/'));
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || `foto.${extension}`;
}
