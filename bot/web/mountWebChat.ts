import type { Request, Response, Server } from 'restify';
import type { Storage, TurnContext } from 'botbuilder';
import type { LeakAdapter } from '../adapter';
import type { AppConfig } from '../config';
import { errorFields, type Logger } from '../logger';
import { AZURE_DIRECT_LINE_BASE, DirectLineExchangeError, exchangeSecret, normaliseBase } from './azureDirectLine';
import { ConversationStore, DEFAULT_STORE_LIMITS, type DirectLineStore, type StoreLimits } from './conversationStore';
import { DEFAULT_OUTAGE_LOG_LIMITS, OutageFallback, type OutageLogLimits } from './outageFallback';
import { SharedConversationStore } from './sharedConversationStore';
import { TokenSigner } from './tokenSigner';
import { findStorageFailure } from '../storage/errors';
import { OriginPolicy } from './cors';
import { DIRECT_LINE_PREFIX, DirectLineEndpoint, type DirectLineLimits } from './directLineEndpoint';
import { clientAddress, sendError, tooManyRequests } from './http';
import { WebPages } from './pages';
import { RateLimiter } from '../rateLimit';
import { themeFor } from './theme';

export interface WebChatDependencies {
  config: AppConfig;
  adapter: LeakAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** Overrides config.web.directLineEndpoint: tests point it at a fake on loopback. */
  directLineBase?: string;
  /** fetch for the secret exchange (tests). */
  fetch?: typeof fetch;
  /**
   * The state store every instance shares (STORAGE=blob): the built-in Direct Line keeps its tokens and
   * conversation logs there, so any instance serves any request. Absent: this process's memory (one instance).
   */
  sharedStorage?: Storage;
  /** Bounds of the built-in endpoint's store; defaults in DEFAULT_STORE_LIMITS. */
  store?: Partial<StoreLimits>;
  /** Bounds of what is kept in this process while the shared store is down; defaults in DEFAULT_OUTAGE_LOG_LIMITS. */
  outageLog?: Partial<OutageLogLimits>;
  /** Rate limits and sizes beyond config.limits; defaults below. */
  limits?: Partial<DirectLineLimits>;
  /** Overrides config.web.trustProxyHops. */
  trustProxyHops?: number;
  /** Clock, for tests of expiry. */
  now?: () => number;
  /** Called with the endpoint's store, for tests and diagnostics. */
  onStore?: (store: DirectLineStore) => void;
}

/** Who the bot is in the Direct Line conversation. */
export const WEBCHAT_BOT_ID = 'leakbot';

/**
 * Serves Microsoft's Web Chat to browsers: the clinic demo page (/), the chat-only page (/chat) that
 * /embed.js frames on a clinic's site, and, with no Direct Line secret, a Direct Line 3.0 endpoint on
 * this server (/v3/directline/...) whose turns run in-process. With a secret, the page is given a
 * token for Azure Bot Service's Direct Line instead, exchanged here so the secret never leaves.
 */
export function mountWebChat(server: Server, deps: WebChatDependencies): void {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const trustProxyHops = deps.trustProxyHops ?? config.web.trustProxyHops;
  const origins = new OriginPolicy(config.web.allowedOrigins, trustProxyHops > 0);
  const ignored = config.web.allowedOrigins.length - origins.allowed.size;
  if (ignored > 0) logger.warn('webchat_origins_ignored', { count: ignored, note: 'WEBCHAT_ALLOWED_ORIGINS entries must be origins such as https://www.clinic.example.org' });
  const secret = config.web.directLineSecret;
  const azureBase = secret ? normaliseBase(deps.directLineBase ?? config.web.directLineEndpoint ?? AZURE_DIRECT_LINE_BASE) : undefined;

  const pages = new WebPages({
    config,
    theme: themeFor(config.web.color),
    frameOrigins: [...origins.allowed],
    azureOrigin: azureBase ? new URL(azureBase).origin : undefined,
  });
  pages.mount(server);

  const limits: DirectLineLimits = {
    maxMessageChars: config.limits.maxMessageChars,
    maxBodyBytes: Math.max(16 * 1024, config.limits.maxMessageChars * 4 + 8 * 1024),
    writesPerMinute: config.limits.ratePerMinute,
    pollsPerMinute: Math.max(120, config.limits.ratePerMinute * 2),
    pollsPerMinutePerAddress: Math.max(2400, config.limits.ratePerMinute * 40),
    turnWaitMs: 15_000,
    ...deps.limits,
  };

  let endpoint: DirectLineEndpoint | undefined;
  if (!secret) {
    const storeLimits = { ...DEFAULT_STORE_LIMITS, ...deps.store };
    let store: DirectLineStore;
    let outage: OutageFallback | undefined;
    if (deps.sharedStorage) {
      // Signed tokens let any instance holding the key keep a chat going (red flags first) while the store is down.
      const signer = new TokenSigner(config.web.tokenKey);
      if (!config.web.tokenKey) logger.warn('webchat_token_key_missing', { note: 'WEBCHAT_TOKEN_KEY is not set: during a store outage each instance recognises only the web chat tokens it issued itself' });
      store = new SharedConversationStore(deps.sharedStorage, storeLimits, now, signer);
      outage = new OutageFallback(signer, storeLimits, { ...DEFAULT_OUTAGE_LOG_LIMITS, ...deps.outageLog }, now);
    } else {
      store = new ConversationStore(storeLimits, now);
    }
    deps.onStore?.(store);
    endpoint = new DirectLineEndpoint({
      store,
      adapter: deps.adapter,
      logic: deps.logic,
      logger,
      origins,
      limits,
      bot: { id: WEBCHAT_BOT_ID, name: config.clinic.name, role: 'bot' },
      trustProxyHops,
      outage,
      now,
    });
    endpoint.mount(server);
    const sweeper = setInterval(() => {
      void store.sweep();
      outage?.sweep();
    }, 60_000);
    sweeper.unref();
    server.server.on('close', () => {
      clearInterval(sweeper);
      store.clear();
      outage?.clear();
    });
  }

  // The page's one call: a session for Web Chat, from whichever Direct Line this server uses.
  const exchangesByAddress = new RateLimiter(config.limits.ratePerMinute, now);
  const session = async (req: Request, res: Response): Promise<void> => {
    const verdict = origins.judge(req);
    origins.apply(res, verdict);
    if (verdict.kind === 'denied') return sendError(res, 403, 'OriginNotAllowed', 'This origin may not use the chat. Add it to WEBCHAT_ALLOWED_ORIGINS.');
    if (endpoint) {
      let outcome: Awaited<ReturnType<DirectLineEndpoint['issueForAddress']>>;
      try {
        outcome = await endpoint.issueForAddress(req);
      } catch (err) {
        if (!findStorageFailure(err)) throw err;
        logger.warn('webchat_store_unavailable', { errorName: (err as Error).name });
        return sendError(res, 503, 'ServiceUnavailable', 'The chat is not available right now. Please try again in a minute, or call the clinic.', { 'Retry-After': '30' });
      }
      if ('retryAfterSeconds' in outcome) return tooManyRequests(res, outcome.retryAfterSeconds);
      if (!('ok' in outcome)) return sendError(res, outcome.status, outcome.code, outcome.message, { 'Retry-After': '60' });
      res.json({ token: outcome.ok.token, conversationId: outcome.ok.conversationId, expires_in: outcome.ok.expiresIn, userId: outcome.ok.userId, webSocket: false });
      return;
    }
    const limited = exchangesByAddress.take(clientAddress(req, trustProxyHops));
    if (!limited.allowed) return tooManyRequests(res, limited.retryAfterSeconds);
    try {
      const azure = await exchangeSecret({ base: azureBase!, secret: secret!, fetch: deps.fetch });
      res.json({
        token: azure.token,
        conversationId: azure.conversationId,
        expires_in: azure.expiresIn,
        userId: azure.userId,
        domain: `${azureBase}${DIRECT_LINE_PREFIX}`,
        webSocket: true,
      });
    } catch (err) {
      const status = err instanceof DirectLineExchangeError ? err.status : undefined;
      logger.error('webchat_token_exchange_failed', { upstreamStatus: status, ...(err instanceof DirectLineExchangeError ? {} : errorFields(err)) });
      sendError(res, 502, 'DirectLineUnavailable', 'The chat service is not available right now. Please try again later.');
    }
  };
  server.post('/webchat/token', session);
  server.opts('/webchat/token', async (req: Request, res: Response) => origins.preflight(req, res));

  logger.info('webchat_mounted', {
    directLine: secret ? 'azure' : 'built-in',
    allowedOrigins: origins.allowed.size,
  });
}
