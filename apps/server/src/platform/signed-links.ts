import { isSameSecret } from './crypto.js';

/** The keyed hash that signs links: platform/crypto's Cipher (HMAC-SHA256, hex) fits. */
export type LinkKey = { lookupHash: (value: string) => string };

/** What a valid token names: a record and when the link stops working. */
export type SignedLink = { id: string; expiresAt: Date };

const ID_BYTES = 16;
const PAYLOAD_BYTES = ID_BYTES + 4;
const SIGNATURE_BYTES = 16;

function uuidToBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function bytesToUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Links that work without a login (an estimate today; invoices and feedback forms next). A token is
 * `payload.signature` in base64url: the payload is a uuid (16 bytes) and the expiry in seconds
 * (4 bytes); the signature is 128 bits of the keyed HMAC of `purpose:payload-hex`, so a token made
 * for one purpose never opens another. About 50 characters: short enough for a WhatsApp message,
 * far beyond guessing.
 */
export function createSignedLinks(key: LinkKey) {
  const signature = (purpose: string, payload: Buffer) =>
    Buffer.from(key.lookupHash(`${purpose}:${payload.toString('hex')}`), 'hex').subarray(0, SIGNATURE_BYTES);

  return {
    sign(purpose: string, id: string, expiresAt: Date): string {
      const payload = Buffer.alloc(PAYLOAD_BYTES);
      uuidToBytes(id).copy(payload, 0);
      payload.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), ID_BYTES);
      return `${payload.toString('base64url')}.${signature(purpose, payload).toString('base64url')}`;
    },

    /**
     * The id and expiry a token names, if its signature holds for `purpose`; null otherwise. Expiry
     * is the caller's to judge (the record may carry its own, as an estimate's validity does).
     */
    verify(purpose: string, token: string): SignedLink | null {
      const [encoded, sig] = token.split('.');
      if (!encoded || !sig) return null;
      const payload = Buffer.from(encoded, 'base64url');
      const given = Buffer.from(sig, 'base64url');
      if (payload.length !== PAYLOAD_BYTES || given.length !== SIGNATURE_BYTES) return null;
      if (!isSameSecret(signature(purpose, payload), given)) return null;
      return {
        id: bytesToUuid(payload.subarray(0, ID_BYTES)),
        expiresAt: new Date(payload.readUInt32BE(ID_BYTES) * 1000),
      };
    },
  };
}
export type SignedLinks = ReturnType<typeof createSignedLinks>;
