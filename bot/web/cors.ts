import type { Request, Response } from 'restify';

/** `https://Clinic.example.org/` -> `https://clinic.example.org`; undefined for anything that is not an http(s) origin. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export type OriginVerdict =
  /** No Origin header: not a cross-origin browser request (curl, a server, a same-origin GET). */
  | { kind: 'none' }
  | { kind: 'same-origin' }
  | { kind: 'allowed'; origin: string }
  | { kind: 'denied' };

export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'x-ms-bot-agent'];

/**
 * Which browser origins may call the chat API. Same origin is always fine; other origins only when
 * listed in WEBCHAT_ALLOWED_ORIGINS. Credentials are bearer tokens, never cookies, so no
 * Access-Control-Allow-Credentials is ever sent.
 */
export class OriginPolicy {
  readonly allowed: ReadonlySet<string>;

  /**
   * @param trustForwardedHost behind a reverse proxy that rewrites Host, the public host is in
   *   X-Forwarded-Host; only trusted when the server is told it sits behind proxies.
   */
  constructor(
    allowedOrigins: readonly string[],
    private readonly trustForwardedHost = false,
  ) {
    this.allowed = new Set(allowedOrigins.map(normaliseOrigin).filter((o): o is string => o !== undefined));
  }

  judge(req: Request): OriginVerdict {
    const header = req.headers.origin;
    if (header === undefined) return { kind: 'none' };
    const origin = typeof header === 'string' ? normaliseOrigin(header) : undefined;
    if (!origin) return { kind: 'denied' };
    const originHost = new URL(origin).host;
    const hosts = [req.headers.host, this.trustForwardedHost ? req.headers['x-forwarded-host'] : undefined]
      .flatMap((h) => (Array.isArray(h) ? h : [h]))
      .filter((h): h is string => typeof h === 'string')
      .map((h) => h.split(',')[0].trim().toLowerCase());
    if (hosts.includes(originHost)) return { kind: 'same-origin' };
    if (this.allowed.has(origin)) return { kind: 'allowed', origin };
    return { kind: 'denied' };
  }

  /** Sets the CORS response headers for an allowed cross-origin caller. */
  apply(res: Response, verdict: OriginVerdict): void {
    res.header('Vary', 'Origin');
    if (verdict.kind !== 'allowed') return;
    res.header('Access-Control-Allow-Origin', verdict.origin);
    res.header('Access-Control-Expose-Headers', 'Retry-After');
  }

  /** Answers a preflight: 204 with what the Direct Line client sends, or 403 for an origin not on the list. */
  preflight(req: Request, res: Response): void {
    const verdict = this.judge(req);
    res.header('Vary', 'Origin');
    if (verdict.kind === 'denied' || verdict.kind === 'none') {
      res.status(403);
      res.json({ error: { code: 'OriginNotAllowed', message: 'This origin may not use the chat. Add it to WEBCHAT_ALLOWED_ORIGINS.' } });
      return;
    }
    if (verdict.kind === 'allowed') res.header('Access-Control-Allow-Origin', verdict.origin);
    res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.header('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS.join(', '));
    res.header('Access-Control-Max-Age', '600');
    res.status(204);
    res.end();
  }
}
