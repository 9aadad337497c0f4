import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

export type AccessClaims = { sub: string; sid: string; org: string };

export type TokenSigner = {
  sign: (claims: AccessClaims) => Promise<string>;
  verify: (token: string) => Promise<AccessClaims | null>;
  ttlSeconds: number;
};

/** Tokens whose signature was checked, kept until they expire (the oldest go first past this many). */
const VERIFIED_MAX = 5000;

export function createTokenSigner(secret: string, ttlSeconds: number): TokenSigner {
  const key = new TextEncoder().encode(secret);
  const verified = new Map<string, { claims: AccessClaims; exp: number }>();
  return {
    ttlSeconds,
    sign: (claims) =>
      new SignJWT({ sid: claims.sid, org: claims.org })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .setIssuer('bancada')
        .sign(key),
    async verify(token) {
      // a token checked once stays valid until it expires: its signature cannot change. Whether its
      // session is still alive is the caller's check (resolveActor reads the session every time).
      const known = verified.get(token);
      if (known && known.exp > Date.now()) return known.claims;
      if (known) verified.delete(token);
      try {
        // a token without an expiry would be good forever: refused even with a valid signature
        const { payload } = await jwtVerify(token, key, {
          issuer: 'bancada',
          algorithms: ['HS256'],
          requiredClaims: ['exp'],
        });
        if (
          typeof payload.sub !== 'string' ||
          typeof payload.sid !== 'string' ||
          typeof payload.org !== 'string'
        )
          return null;
        if (typeof payload.exp !== 'number') return null;
        const claims = { sub: payload.sub, sid: payload.sid, org: payload.org };
        if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
        verified.set(token, { claims, exp: payload.exp * 1000 });
        return claims;
      } catch {
        return null;
      }
    },
  };
}

/** Opaque random tokens (refresh, password reset): only their SHA-256 is stored. */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
