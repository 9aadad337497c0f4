import { isIP } from 'node:net';

// names only a local network resolves (mDNS, home routers, RFC 6762 / 8375 suffixes)
const LOCAL_SUFFIXES = ['.localhost', '.local', '.lan', '.home', '.internal', '.intranet', '.home.arpa'];

function isPrivateIPv4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function isPrivateIPv6(address: string): boolean {
  const a = address.toLowerCase();
  if (a === '::' || a === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return isPrivateIPv4(mapped[1]!);
  // fc00::/7 unique local, fe80::/10 link-local
  return /^f[cd]/.test(a) || /^fe[89ab]/.test(a);
}

/**
 * Whether a customer outside the shop's network could open links at this address: false for
 * localhost, loopback and private addresses, and single-label or local-only host names.
 */
export function isPubliclyReachable(url: string): boolean {
  // asked on every request (the organization's profile): a shop has one or two addresses
  let reachable = answered.get(url);
  if (reachable === undefined) {
    reachable = publiclyReachable(url);
    if (answered.size >= 256) answered.clear();
    answered.set(url, reachable);
  }
  return reachable;
}
const answered = new Map<string, boolean>();

function publiclyReachable(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '');
  } catch {
    return false;
  }
  if (!host || host === 'localhost') return false;
  const kind = isIP(host);
  if (kind === 4) return !isPrivateIPv4(host);
  if (kind === 6) return !isPrivateIPv6(host);
  if (!host.includes('.')) return false;
  return !LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
