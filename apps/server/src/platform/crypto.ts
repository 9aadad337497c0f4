import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Personal data at rest (ARCHITECTURE §4): AES-256-GCM under a keyring, and a keyed hash beside each
 * encrypted value for exact lookup and uniqueness. Every ciphertext names the key that made it (a
 * key id, a fingerprint of the key, never the key), so keys can be rotated: encrypt always uses the
 * current key, decrypt picks the key by its id (decision 0010). The lookup-hash key is a secret of its
 * own that never changes on rotation: indexes, recovery codes, signed links and device hashes depend
 * on it.
 */
export type Cipher = {
  /** `v2.<kid>.<iv>.<tag>.<ciphertext>` in base64url, under the current key; a fresh random IV every time */
  encrypt: (plain: string) => string;
  /**
   * Any key of the ring (and `v1.<iv>.<tag>.<ct>` values, made before key ids, by trying each key);
   * throws when the value was altered (GCM authentication tag) or made with a key the ring lacks
   */
  decrypt: (sealed: string) => string;
  /** HMAC-SHA256, hex: equal inputs give equal hashes, so it can be indexed and compared */
  lookupHash: (value: string) => string;
  /** bytes under the current key: `iv ‖ ciphertext ‖ tag`, with `aad` authenticated too */
  sealBytes: (plain: Buffer, aad: Buffer) => { kid: string; sealed: Buffer };
  /** the reverse of sealBytes, with the key of that id */
  openBytes: (kid: string, sealed: Buffer, aad: Buffer) => Buffer;
  /** the id of the key encrypt uses now */
  currentKid: () => string;
  /** the ids of every key of the ring, the current one first (backups record them) */
  keyIds: () => string[];
  /** the key id a field value names (null for `v1` values, which name none) */
  kidOf: (sealed: string) => string | null;
};

/** The keys a cipher works with, base64 of 32 bytes each. */
export type Keyring = {
  current: string;
  /** accepted for reading only, until a rotation has moved every value to the current key */
  previous: string[];
  /** the lookup-hash key; absent: derived from `current` (what every installation did before rotation) */
  indexKey?: string | undefined;
  /**
   * Reads the keys again (DATA_DIR/secrets.json, which `rotate-key` rewrites while servers run):
   * called when a value names a key this ring lacks, and now and then before encrypting, so that a
   * running server follows a rotation without a restart. Null when nothing changed.
   */
  reload?: (() => Keyring | null) | undefined;
};

export class UnknownKeyError extends Error {
  constructor(kid: string) {
    super(`no key with id ${kid} in the keyring`);
    this.name = 'UnknownKeyError';
  }
}

const V1 = 'v1';
const V2 = 'v2';
// how often (at most) encrypt asks the keyring whether a rotation changed the current key
const RELOAD_EVERY_MS = 5_000;

function keyBytes(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('the encryption key must be 32 bytes');
  return key;
}

/** A short fingerprint of a key (base64url, 8 characters): names the key in ciphertexts, reveals nothing of it. */
export function keyId(keyBase64: string): string {
  return createHmac('sha256', keyBytes(keyBase64)).update('bancada:key-id').digest('base64url').slice(0, 8);
}

/**
 * The lookup-hash key every installation had before keys could rotate: HKDF of the encryption key.
 * Kept as its own secret from then on (secrets.json `indexKey`, or INDEX_KEY).
 */
export function deriveIndexKey(keyBase64: string): string {
  return Buffer.from(
    hkdfSync('sha256', keyBytes(keyBase64), Buffer.alloc(0), 'bancada:lookup-hash:v1', 32),
  ).toString('base64');
}

type Ring = { currentKid: string; keys: Map<string, Buffer>; hashKey: Buffer };

function buildRing(keyring: Keyring): Ring {
  const keys = new Map<string, Buffer>();
  const currentKid = keyId(keyring.current);
  keys.set(currentKid, keyBytes(keyring.current));
  for (const previous of keyring.previous) keys.set(keyId(previous), keyBytes(previous));
  const hashKey = keyBytes(keyring.indexKey ?? deriveIndexKey(keyring.current));
  return { currentKid, keys, hashKey };
}

function gcmOpen(key: Buffer, iv: Buffer, tag: Buffer, body: Buffer, aad?: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/** A cipher over one key (tests, tools) or a keyring (the server and the CLI). */
export function createCipher(keys: string | Keyring): Cipher {
  const source: Keyring = typeof keys === 'string' ? { current: keys, previous: [] } : keys;
  let ring = buildRing(source);
  let checkedAt = Date.now();
  // the lookup-hash key is fixed for the cipher's life: a reload must not change it
  const hashKey = ring.hashKey;

  const reload = (): boolean => {
    checkedAt = Date.now();
    const next = source.reload?.();
    if (!next) return false;
    const rebuilt = buildRing(next);
    if (!rebuilt.hashKey.equals(hashKey))
      throw new Error('the lookup-hash key changed: refusing the new keys');
    ring = rebuilt;
    return true;
  };
  const keyFor = (kid: string): Buffer => {
    let key = ring.keys.get(kid);
    // a key this process has not seen: a rotation started elsewhere; read the keys once more
    if (!key && reload()) key = ring.keys.get(kid);
    if (!key) throw new UnknownKeyError(kid);
    return key;
  };
  const current = (): { kid: string; key: Buffer } => {
    if (source.reload && Date.now() - checkedAt > RELOAD_EVERY_MS) reload();
    return { kid: ring.currentKid, key: ring.keys.get(ring.currentKid)! };
  };

  return {
    encrypt(plain) {
      const { kid, key } = current();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [V2, kid, ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join('.');
    },
    decrypt(sealed) {
      const parts = sealed.split('.');
      if (parts[0] === V2 && parts.length === 5) {
        const [, kid, iv, tag, body] = parts as [string, string, string, string, string];
        const b = (s: string) => Buffer.from(s, 'base64url');
        return gcmOpen(keyFor(kid), b(iv), b(tag), b(body)).toString('utf8');
      }
      if (parts[0] === V1 && parts.length === 4) {
        const [, iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url')) as [
          Buffer,
          Buffer,
          Buffer,
          Buffer,
        ];
        // a value from before key ids: whichever key of the ring authenticates it
        for (const key of ring.keys.values()) {
          try {
            return gcmOpen(key, iv, tag, body).toString('utf8');
          } catch {}
        }
        throw new Error('no key of the ring decrypts this value');
      }
      throw new Error('malformed ciphertext');
    },
    lookupHash(value) {
      return createHmac('sha256', hashKey).update(value, 'utf8').digest('hex');
    },
    sealBytes(plain, aad) {
      const { kid, key } = current();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return { kid, sealed: Buffer.concat([iv, body, cipher.getAuthTag()]) };
    },
    openBytes(kid, sealed, aad) {
      if (sealed.length < 28) throw new Error('sealed bytes too short');
      const iv = sealed.subarray(0, 12);
      const tag = sealed.subarray(sealed.length - 16);
      return gcmOpen(keyFor(kid), iv, tag, sealed.subarray(12, sealed.length - 16), aad);
    },
    currentKid: () => current().kid,
    keyIds: () => [...ring.keys.keys()],
    kidOf(sealed) {
      const parts = sealed.split('.');
      return parts[0] === V2 && parts.length === 5 ? parts[1]! : null;
    },
  };
}

// HMACs of both sides under a per-process key: equal lengths, so neither the content nor the length
// of the expected value leaks through timing.
const COMPARISON_KEY = randomBytes(32);

/** Whether two secrets (tokens, signatures, webhook passwords) are equal, compared in constant time. */
export function isSameSecret(a: string | Buffer, b: string | Buffer): boolean {
  const digest = (value: string | Buffer) => createHmac('sha256', COMPARISON_KEY).update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
