import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCipher, deriveIndexKey, isSameSecret, keyId, UnknownKeyError } from './crypto.js';

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
    const [v, kid, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt([v, kid, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    const otherTag = Buffer.from(tag!, 'base64url');
    otherTag[0] = otherTag[0]! ^ 1;
    expect(() => cipher.decrypt([v, kid, iv, otherTag.toString('base64url'), body].join('.'))).toThrow();
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

  it('names the key in each value by a fingerprint that is not the key', () => {
    const cipher = createCipher(key);
    const sealed = cipher.encrypt('52998224725');
    const parts = sealed.split('.');
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe('v2');
    expect(parts[1]).toBe(keyId(key));
    expect(parts[1]).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(key).not.toContain(parts[1]!);
    expect(cipher.kidOf(sealed)).toBe(keyId(key));
    expect(cipher.currentKid()).toBe(keyId(key));
    expect(keyId(randomBytes(32).toString('base64'))).not.toBe(keyId(key));
  });

  it('still reads v1 values (no key id), made by any key of the ring', () => {
    const old = randomBytes(32).toString('base64');
    const v1 = v1Encrypt(old, '12345678909');
    expect(createCipher(old).decrypt(v1)).toBe('12345678909');
    const ring = createCipher({ current: key, previous: [old] });
    expect(ring.decrypt(v1)).toBe('12345678909');
    expect(ring.kidOf(v1)).toBeNull();
    expect(() => createCipher(key).decrypt(v1)).toThrow(/no key/);
  });

  it('encrypts with the current key and reads values of previous keys by their id', () => {
    const old = randomBytes(32).toString('base64');
    const fromOld = createCipher(old).encrypt('11144477735');
    const ring = createCipher({ current: key, previous: [old], indexKey: deriveIndexKey(old) });
    expect(ring.decrypt(fromOld)).toBe('11144477735');
    expect(ring.kidOf(ring.encrypt('x'))).toBe(keyId(key));
    // once the previous key is dropped, its values are refused, naming the key id
    expect(() => createCipher(key).decrypt(fromOld)).toThrow(UnknownKeyError);
    expect(() => createCipher(key).decrypt(fromOld)).toThrow(keyId(old));
  });

  it('refuses a value whose key id was swapped for another key of the ring', () => {
    const old = randomBytes(32).toString('base64');
    const ring = createCipher({ current: key, previous: [old] });
    const parts = ring.encrypt('52998224725').split('.');
    parts[1] = keyId(old);
    expect(() => ring.decrypt(parts.join('.'))).toThrow();
  });

  it('keeps the lookup hash when the encryption key changes, with the index key kept apart', () => {
    const original = createCipher(key);
    const rotated = createCipher({
      current: randomBytes(32).toString('base64'),
      previous: [key],
      indexKey: deriveIndexKey(key),
    });
    expect(rotated.lookupHash('52998224725')).toBe(original.lookupHash('52998224725'));
    const rotatedAgain = createCipher({
      current: randomBytes(32).toString('base64'),
      previous: [],
      indexKey: deriveIndexKey(key),
    });
    expect(rotatedAgain.lookupHash('52998224725')).toBe(original.lookupHash('52998224725'));
  });

  it('reloads the keyring once when a value names a key it lacks (a rotation started elsewhere)', () => {
    const next = randomBytes(32).toString('base64');
    let reloads = 0;
    const cipher = createCipher({
      current: key,
      previous: [],
      reload: () => {
        reloads++;
        return { current: next, previous: [key], indexKey: deriveIndexKey(key) };
      },
    });
    const fromNext = createCipher({ current: next, previous: [], indexKey: deriveIndexKey(key) }).encrypt(
      'a@b.test',
    );
    expect(cipher.decrypt(fromNext)).toBe('a@b.test');
    expect(reloads).toBe(1);
    // from now on it encrypts with the new key too
    expect(cipher.kidOf(cipher.encrypt('x'))).toBe(keyId(next));
    expect(() => cipher.decrypt(createCipher(randomBytes(32).toString('base64')).encrypt('x'))).toThrow(
      UnknownKeyError,
    );
    expect(reloads).toBe(2);
  });

  it('seals bytes with authenticated associated data', () => {
    const cipher = createCipher(key);
    const aad = Buffer.from('repairs/x.jpg');
    const { kid, sealed } = cipher.sealBytes(Buffer.from('photo bytes'), aad);
    expect(cipher.openBytes(kid, sealed, aad).toString()).toBe('photo bytes');
    expect(() => cipher.openBytes(kid, sealed, Buffer.from('repairs/y.jpg'))).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[14] = flipped[14]! ^ 1;
    expect(() => cipher.openBytes(kid, flipped, aad)).toThrow();
  });
});

/** What createCipher wrote before key ids (`v1.<iv>.<tag>.<ct>`). */
function v1Encrypt(keyBase64: string, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', Buffer.from(keyBase64, 'base64'), iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv, c.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

describe('comparing secrets', () => {
  it('says equal only for the same bytes, whatever the lengths, as text or buffers', () => {
    expect(isSameSecret(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(isSameSecret('abc', Buffer.from('abc'))).toBe(true);
    expect(isSameSecret(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(isSameSecret(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
    expect(isSameSecret('', 'a')).toBe(false);
    expect(isSameSecret('', '')).toBe(true);
  });
});
