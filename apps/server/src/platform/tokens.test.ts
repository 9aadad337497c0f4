import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenSigner } from './tokens.js';

const claims = { sub: 'user-1', sid: 'session-1', org: 'org-1' };

describe('access tokens', () => {
  it('verifies a token again from memory, and never a tampered or foreign one', async () => {
    const signer = createTokenSigner('a'.repeat(32), 60);
    const token = await signer.sign(claims);
    expect(await signer.verify(token)).toEqual(claims);
    expect(await signer.verify(token)).toEqual(claims);
    const [head, body, signature] = token.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${signature}`;
    expect(await signer.verify(forged)).toBeNull();
    expect(await signer.verify(`${head}.${body}.${signature!.slice(0, -2)}AA`)).toBeNull();
    const other = createTokenSigner('b'.repeat(32), 60);
    expect(await other.verify(token)).toBeNull();
  });

  it('stops accepting a remembered token when it expires', async () => {
    const signer = createTokenSigner('c'.repeat(32), 1);
    const token = await signer.sign(claims);
    expect(await signer.verify(token)).toEqual(claims);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await signer.verify(token)).toBeNull();
  });

  it('refuses a token without an expiry even when the real key signed it', async () => {
    const secret = 'd'.repeat(32);
    const signer = createTokenSigner(secret, 60);
    const forever = await new SignJWT({ sid: claims.sid, org: claims.org })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setIssuer('bancada')
      .sign(new TextEncoder().encode(secret));
    expect(await signer.verify(forever)).toBeNull();
    expect(await signer.verify(await signer.sign(claims))).toEqual(claims);
  });
});
