import { describe, expect, it } from 'vitest';
import { checkPicked } from './attachment-files';

const MB = 1024 * 1024;
const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('checkPicked (the reply box checks files as the server will)', () => {
  it('takes up to five photos or PDFs', () => {
    expect(checkPicked([file('a.jpg', 'image/jpeg'), file('b.pdf', 'application/pdf')])).toBeNull();
  });

  it.each([
    [[file('a.heic', 'image/heic')], 'wrongType'],
    [[file('a.exe', 'application/octet-stream')], 'wrongType'],
    [[file('big.jpg', 'image/jpeg', 11 * MB)], 'tooLarge'],
    [
      [
        file('a.pdf', 'application/pdf', 9 * MB),
        file('b.pdf', 'application/pdf', 9 * MB),
        file('c.png', 'image/png', 3 * MB),
      ],
      'totalTooLarge',
    ],
    [Array.from({ length: 6 }, (_, i) => file(`${i}.png`, 'image/png')), 'tooMany'],
  ])('refuses %# as %s', (files, key) => {
    expect(checkPicked(files)?.key).toBe(key);
  });
});
