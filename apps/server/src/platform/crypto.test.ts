import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCipher } from './crypto.js';

const key = randomBytes(32).toString('base64');

describe('personal-data cipher', () => {
  it('round-trips text, with a fresh IV each time', () => {
    const cipher = createCipher(key);
    const a = cipher.encrypt('52998224725');
    const b = cipher.encrypt('52998224725');
    expect(a).not.toBe(b);
    expect(a).not.toContain('52998224725');
    expect(cipher.decrypt(a)).toBe('52998224725');
    expect(cipher.decrypt(cipher.encrypt('12ABC34501DE35 — ção'))).toBe('12ABC34501DE35 — ção');
  });

  it('detects tampering through the authentication tag', () => {
    const cipher = createCipher(key);
    const sealed = cipher.encrypt('52998224725');
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    const otherTag = Buffer.from(tag!, 'base64url');
    otherTag[0] = otherTag[0]! ^ 1;
    expect(() => cipher.decrypt([v, iv, otherTag.toString('base64url'), body].join('.'))).toThrow();
    expect(() => createCipher(randomBytes(32).toString('base64')).decrypt(sealed)).toThrow();
    expect(() => cipher.decrypt('garbage')).toThrow();
  });

  it('gives a stable keyed hash that differs per key', () => {
    const one = createCipher(key);
    const again = createCipher(key);
    expect(one.lookupHash('52998224725')).toBe(again.lookupHash('52998224725'));
    expect(one.lookupHash('52998224725')).toMatch(/^[0-9a-f]{64}$/);
    expect(one.lookupHash('52998224725')).not.toBe(one.lookupHash('11144477735'));
    expect(createCipher(randomBytes(32).toString('base64')).lookupHash('52998224725')).not.toBe(
      one.lookupHash('52998224725'),
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createCipher(randomBytes(16).toString('base64'))).toThrow();
  });
});
