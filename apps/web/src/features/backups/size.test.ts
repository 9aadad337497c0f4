import { describe, expect, it } from 'vitest';
import { formatBytes } from './size';

describe('formatBytes', () => {
  it('reads as people write sizes, in the locale', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(28_296, 'en')).toBe('27.6 KB');
    expect(formatBytes(28_296, 'pt-BR')).toBe('27,6 KB');
    expect(formatBytes(150 * 1024 * 1024, 'en')).toBe('150 MB');
    expect(formatBytes(3.25 * 1024 ** 3, 'es')).toBe('3,3 GB');
  });
});
