import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback; the only callers unauthenticated mode serves. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.replace(/^\[|\]$/g, '').replace(/^::ffff:/i, '');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^(0+:){7}0*1$/.test(bare);
  return false;
}

/** A serviceUrl the bot may post replies to in unauthenticated mode: http(s) on a loopback host. */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password) return false;
  return parsed.hostname === 'localhost' || isLoopbackAddress(parsed.hostname);
}

/** True for a URL whose host is a bracketed IPv6 address (http://[::1]:3978). */
export function isIpv6LiteralUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).hostname.startsWith('[');
  } catch {
    return false;
  }
}
