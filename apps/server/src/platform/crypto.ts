import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (ARCHITECTURE §4): AES-256-GCM with the installation's 32-byte key, and a
 * keyed hash beside each encrypted value for exact lookup and uniqueness. The hash key is derived
 * from the encryption key by HKDF, so one secret protects both and neither reveals the other.
 */
export type Cipher = {
  /** `v1.<iv>.<tag>.<ciphertext>` in base64url; a fresh random IV every time */
  encrypt: (plain: string) => string;
  /** throws when the value was altered (GCM authentication tag) or made with another key */
  decrypt: (sealed: string) => string;
  /** HMAC-SHA256, hex: equal inputs give equal hashes, so it can be indexed and compared */
  lookupHash: (value: string) => string;
};

const VERSION = 'v1';

export function createCipher(keyBase64: string): Cipher {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('the encryption key must be 32 bytes');
  const hashKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'bancada:lookup-hash:v1', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('malformed ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    lookupHash(value) {
      return createHmac('sha256', hashKey).update(value, 'utf8').digest('hex');
    },
  };
}
