import { isIP } from 'node:net';
import type { Request, Response } from 'restify';

/** Direct Line's error shape: `{ error: { code, message } }`. Messages are for people; never echo input. */
export function sendError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.header(name, value);
  res.status(status);
  res.json({ error: { code, message } });
}

export function tooManyRequests(res: Response, retryAfterSeconds: number): void {
  sendError(res, 429, 'TooManyRequests', `Too many requests. Please wait ${retryAfterSeconds} seconds and try again.`, {
    'Retry-After': String(retryAfterSeconds),
  });
}

/** Expands an IPv6 address to its eight groups, so one network can be told from another. */
function ipv6Groups(address: string): string[] {
  const groupsOf = (part: string): string[] =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [g];
          // An embedded IPv4 tail (64:ff9b::1.2.3.4) takes two groups.
          const [a, b, c, d] = g.split('.').map(Number);
          return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
        });
  const gap = address.indexOf('::');
  const groups =
    gap < 0
      ? groupsOf(address)
      : (() => {
          const left = groupsOf(address.slice(0, gap));
          const right = groupsOf(address.slice(gap + 2));
          return [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
        })();
  return groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The key a client address is rate-limited under: an IPv4 address as it is, an IPv6 address by its
 * /64 network (one household or phone usually holds a whole /64, so single addresses are free to get).
 */
export function addressKey(raw: string | undefined): string {
  if (!raw) return 'unknown';
  const bare = raw.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = bare.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIP(mapped) === 4) return mapped;
  if (isIP(mapped) === 6) return `${ipv6Groups(mapped).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

/**
 * Who is calling. Directly connected: the socket's address. Behind `trustProxyHops` reverse proxies
 * (each appending to X-Forwarded-For): the entry the outermost trusted proxy saw. Earlier entries are
 * whatever the client claimed, so they are never used.
 */
export function clientAddress(req: Request, trustProxyHops = 0): string {
  const socketAddress = req.socket?.remoteAddress;
  if (trustProxyHops <= 0) return addressKey(socketAddress);
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const entry = entries[entries.length - trustProxyHops];
  if (!entry) return addressKey(socketAddress);
  // Some proxies (Azure App Service) append the port: 203.0.113.7:51234 or [2001:db8::1]:51234.
  const withoutPort = /^\[.*\]:\d+$/.test(entry) ? entry.replace(/:\d+$/, '') : /^\d+\.\d+\.\d+\.\d+:\d+$/.test(entry) ? entry.replace(/:\d+$/, '') : entry;
  return addressKey(withoutPort);
}

/** The token from `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,2048})\s*$/i.exec(header);
  return match?.[1];
}

export function queryParam(req: Request, name: string): string | null {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get(name);
}
