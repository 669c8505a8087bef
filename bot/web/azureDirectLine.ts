import { randomToken } from './conversationStore';

export const AZURE_DIRECT_LINE_BASE = 'https://directline.botframework.com';

export interface AzureSession {
  token: string;
  conversationId?: string;
  expiresIn?: number;
  userId: string;
}

export class DirectLineExchangeError extends Error {
  constructor(readonly status: number | undefined) {
    super(status === undefined ? 'Direct Line could not be reached.' : `Direct Line answered ${status}.`);
    this.name = 'DirectLineExchangeError';
  }
}

export interface ExchangeOptions {
  base: string;
  secret: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Trades the Direct Line secret for a token for one conversation, server-side: the secret stays on
 * this server. The user id is bound into the token ("dl_" ids are Direct Line's way of saying so), so
 * a page cannot speak as another user. Errors carry the status only, never the response body.
 */
export async function exchangeSecret(options: ExchangeOptions): Promise<AzureSession> {
  const userId = `dl_${randomToken(12)}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${options.base}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.secret}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ user: { id: userId } }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch {
    throw new DirectLineExchangeError(undefined);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new DirectLineExchangeError(response.status);
  }
  const body = (await response.json().catch(() => undefined)) as { token?: unknown; conversationId?: unknown; expires_in?: unknown } | undefined;
  if (!body || typeof body.token !== 'string' || body.token.length === 0) throw new DirectLineExchangeError(response.status);
  return {
    token: body.token,
    conversationId: typeof body.conversationId === 'string' ? body.conversationId : undefined,
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : undefined,
    userId,
  };
}

/** `https://europe.directline.botframework.com/` -> `https://europe.directline.botframework.com`. */
export function normaliseBase(base: string): string {
  const url = new URL(base);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('The Direct Line base must be an http(s) URL.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
