import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { z } from 'zod';
import { isSameSecret } from '../../../platform/crypto.js';
import { type PixPayment, PixReceivedSchema } from './pix-wire.js';

/**
 * The provider's callback: POST {webhookUrl}/pix with `{ "pix": [...] }` (API Pix v2), when a Pix
 * on a txid arrives and when one of its refunds reaches DEVOLVIDO or NAO_REALIZADO. Pure functions,
 * for a Fastify handler to call: authenticate first (it needs the raw body), then parse.
 */
export type PixCallbackItem = PixPayment;

export type PixCallbackParse = { ok: true; items: PixCallbackItem[] } | { ok: false; reason: string };

const CallbackSchema = z.looseObject({ pix: z.array(PixReceivedSchema) });

export function parsePixCallback(body: unknown): PixCallbackParse {
  const parsed = CallbackSchema.safeParse(body);
  if (parsed.success) return { ok: true, items: parsed.data.pix };
  const issues = parsed.error.issues.map((i) => `${['body', ...i.path].join('.')}: ${i.message}`);
  return { ok: false, reason: `not an API Pix callback (${issues.join('; ')})` };
}

export type PixCallbackAuthResult = { ok: true } | { ok: false; reason: string };

export type PixCallbackAuth =
  /** a shared secret we put in the registered webhook URL; see readCallbackSecret */
  | { method: 'secret'; expected: string; presented: string | undefined }
  /** HMAC-SHA256 of the raw body, hex or base64 (optionally "sha256=…"), in a header */
  | {
      method: 'hmac';
      secret: string;
      rawBody: Buffer | string;
      headers: IncomingHttpHeaders;
      headerName: string;
    }
  /**
   * mutual TLS: `authorized` is the TLS socket's verdict against our CA list, and one of the peer's
   * certificate fingerprints (SHA-256, any case, colons optional) must be on the allow-list
   */
  | { method: 'mtls'; authorized: boolean; peerFingerprints: string[]; allowedFingerprints: string[] };

function decodeSignature(value: string): Buffer | null {
  const text = value.trim().replace(/^sha256=/i, '');
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text) || /^[A-Za-z0-9_-]{43}$/.test(text)) {
    return Buffer.from(text, 'base64');
  }
  return null;
}

const normalizeFingerprint = (value: string) => value.replace(/:/g, '').toLowerCase();

export function authenticatePixCallback(auth: PixCallbackAuth): PixCallbackAuthResult {
  switch (auth.method) {
    case 'secret': {
      if (!auth.expected) return { ok: false, reason: 'no webhook secret is configured' };
      if (!auth.presented) return { ok: false, reason: 'the callback URL carries no secret' };
      return isSameSecret(auth.expected, auth.presented)
        ? { ok: true }
        : { ok: false, reason: 'the callback URL carries a wrong secret' };
    }
    case 'hmac': {
      if (!auth.secret) return { ok: false, reason: 'no webhook signing secret is configured' };
      const header = auth.headers[auth.headerName.toLowerCase()];
      const value = Array.isArray(header) ? header[0] : header;
      if (!value) return { ok: false, reason: `the callback has no ${auth.headerName} header` };
      const presented = decodeSignature(value);
      if (!presented) {
        return { ok: false, reason: `the ${auth.headerName} header is not an HMAC-SHA256 in hex or base64` };
      }
      const expected = createHmac('sha256', auth.secret).update(auth.rawBody).digest();
      return isSameSecret(expected, presented)
        ? { ok: true }
        : { ok: false, reason: `the ${auth.headerName} signature does not match the body` };
    }
    case 'mtls': {
      if (!auth.authorized) {
        return { ok: false, reason: 'the caller presented no client certificate trusted by our CA list' };
      }
      const allowed = new Set(auth.allowedFingerprints.map(normalizeFingerprint));
      if (allowed.size === 0)
        return { ok: false, reason: 'no provider certificate fingerprint is configured' };
      return auth.peerFingerprints.some((f) => allowed.has(normalizeFingerprint(f)))
        ? { ok: true }
        : { ok: false, reason: 'the client certificate is not on the allow-list' };
    }
  }
}

/**
 * The secret a callback URL carries: the `?secret=` query parameter (or another name), else, given
 * the route's `pathPrefix`, the segment in `{pathPrefix}/{secret}/pix`. (A Fastify route with a
 * `:secret` parameter can pass that instead.) Providers append "/pix" as plain text, so a URL
 * registered as "…?secret=abc" is called as "…?secret=abc/pix": that suffix is dropped.
 */
export function readCallbackSecret(
  url: string,
  { queryParam = 'secret', pathPrefix }: { queryParam?: string; pathPrefix?: string } = {},
): string | undefined {
  const parsed = new URL(url, 'http://callback.invalid');
  const fromQuery = parsed.searchParams.get(queryParam);
  if (fromQuery) return fromQuery.replace(/\/pix$/, '') || undefined;
  if (pathPrefix === undefined) return undefined;
  const prefix = pathPrefix.replace(/\/+$/, '');
  if (!parsed.pathname.startsWith(`${prefix}/`)) return undefined;
  const match = /^([^/]+)\/pix$/.exec(parsed.pathname.slice(prefix.length + 1));
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** What the mtls method needs, read from the request's TLS socket (the whole chain's fingerprints). */
export function readPeerCertificate(socket: unknown): { authorized: boolean; peerFingerprints: string[] } {
  const tls = socket as Partial<TLSSocket>;
  if (typeof tls.getPeerCertificate !== 'function') return { authorized: false, peerFingerprints: [] };
  const fingerprints: string[] = [];
  let cert = tls.getPeerCertificate(true);
  // the chain ends at a self-issued certificate that names itself as issuer
  while (cert?.fingerprint256 && !fingerprints.includes(cert.fingerprint256)) {
    fingerprints.push(cert.fingerprint256);
    cert = cert.issuerCertificate;
  }
  return { authorized: tls.authorized === true, peerFingerprints: fingerprints };
}
