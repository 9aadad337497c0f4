import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCipher } from './crypto.js';
import { createSignedLinks } from './signed-links.js';

const cipher = createCipher(randomBytes(32).toString('base64'));
const links = createSignedLinks(cipher);
const expiresAt = new Date('2031-05-04T12:00:00.000Z');

describe('signed links', () => {
  it('names the id and expiry it was signed with', () => {
    const id = randomUUID();
    const token = links.sign('estimate-link', id, expiresAt);
    expect(token.length).toBeLessThan(60);
    expect(links.verify('estimate-link', token)).toEqual({ id, expiresAt });
  });

  it('keeps the format estimate links were sent with: base64url payload, dot, 128-bit signature', () => {
    const key = { lookupHash: (v: string) => createHmac('sha256', 'k').update(v).digest('hex') };
    const id = '0b7c6a52-9a1e-4c1f-8d3e-2f4a5b6c7d8e';
    const payload = Buffer.alloc(20);
    Buffer.from(id.replace(/-/g, ''), 'hex').copy(payload, 0);
    payload.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), 16);
    const sig = Buffer.from(key.lookupHash(`estimate-link:${payload.toString('hex')}`), 'hex').subarray(
      0,
      16,
    );
    const expected = `${payload.toString('base64url')}.${sig.toString('base64url')}`;
    expect(createSignedLinks(key).sign('estimate-link', id, expiresAt)).toBe(expected);
  });

  it('refuses a token for another purpose, another key, or with a changed byte', () => {
    const token = links.sign('estimate-link', randomUUID(), expiresAt);
    expect(links.verify('invoice-link', token)).toBeNull();
    expect(
      createSignedLinks(createCipher(randomBytes(32).toString('base64'))).verify('estimate-link', token),
    ).toBeNull();
    const [payload, sig] = token.split('.');
    const bytes = Buffer.from(payload!, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    expect(links.verify('estimate-link', `${bytes.toString('base64url')}.${sig}`)).toBeNull();
  });

  it('refuses malformed tokens', () => {
    for (const token of ['', 'abc', 'abc.', '.abc', 'a'.repeat(27) + '.' + 'b'.repeat(22)]) {
      expect(links.verify('estimate-link', token)).toBeNull();
    }
  });

  it('does not judge expiry: the caller does', () => {
    const past = new Date('2020-01-01T00:00:00.000Z');
    const id = randomUUID();
    expect(links.verify('estimate-link', links.sign('estimate-link', id, past))).toEqual({
      id,
      expiresAt: past,
    });
  });
});
