import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a built-in Direct Line token says about itself, signed so an instance can trust it without the store. */
export interface TokenClaims {
  conversationId: string;
  userId: string;
  /** When the conversation was created (ms). */
  createdAt: number;
  /** When this token was issued (ms). */
  issuedAt: number;
  /** Issued while the store was down: the store never held it, so it works only until the store is back. */
  outage: boolean;
}

const VERSION = 'v1';
const MAC_BYTES = 32;
/** A token is a few hundred characters; anything much longer is not one of ours and is not parsed. */
const MAX_TOKEN_CHARS = 600;

interface Payload {
  c: string;
  u: string;
  t: number;
  i: number;
  o?: 1;
  /** Random: two tokens issued in the same millisecond for one conversation still differ. */
  n: string;
}

/**
 * Signs the built-in Direct Line's tokens with HMAC-SHA256 (`v1.<claims>.<mac>`, base64url). The
 * store stays the authority while it answers (it knows refreshed and expired tokens); the signature
 * is what lets an instance recognise a token when the store is down. Every instance that should
 * accept another's tokens in an outage needs the same key (WEBCHAT_TOKEN_KEY); without one, each
 * process draws its own, which is safe but covers only tokens it issued itself.
 */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(key?: string) {
    this.key = key ? Buffer.from(key, 'utf8') : randomBytes(32);
  }

  sign(claims: TokenClaims): string {
    const payload: Payload = {
      c: claims.conversationId,
      u: claims.userId,
      t: claims.createdAt,
      i: claims.issuedAt,
      ...(claims.outage ? { o: 1 as const } : {}),
      n: randomBytes(12).toString('base64url'),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${VERSION}.${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The claims of a token this key signed, or undefined for anything else (random, altered, foreign). */
  verify(token: string): TokenClaims | undefined {
    if (token.length > MAX_TOKEN_CHARS) return undefined;
    const [version, body, mac, extra] = token.split('.');
    if (version !== VERSION || !body || !mac || extra !== undefined) return undefined;
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, this.mac(body))) return undefined;
    let payload: Partial<Payload>;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    } catch {
      return undefined;
    }
    const { c, u, t, i, o } = payload;
    if (typeof c !== 'string' || typeof u !== 'string' || typeof t !== 'number' || typeof i !== 'number') return undefined;
    return { conversationId: c, userId: u, createdAt: t, issuedAt: i, outage: o === 1 };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(`${VERSION}.${body}`).digest();
  }
}
