import type { Activity, ChannelAccount, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { TURN_ERROR_APOLOGY, type LeakAdapter } from '../adapter';
import { errorFields, type Logger } from '../logger';
import { findStorageFailure, StorageUnavailableError } from '../storage/errors';
import { CapacityError, type ConversationView, type DirectLineStore, type IssuedToken, type Session } from './conversationStore';
import type { OriginPolicy } from './cors';
import { bearerToken, clientAddress, queryParam, sendError, tooManyRequests } from './http';
import { withinJsonBounds } from './jsonBounds';
import type { OutageFallback } from './outageFallback';
import { RateLimiter } from '../rateLimit';

export const WEBCHAT_CHANNEL_ID = 'webchat';
export const DIRECT_LINE_PREFIX = '/v3/directline';

export interface DirectLineLimits {
  /** Characters of text in one message (config.limits.maxMessageChars). */
  maxMessageChars: number;
  /** Bytes of one request body. */
  maxBodyBytes: number;
  /** Requests that create or change something (tokens, conversations, messages, refreshes) a minute, per token and per address. */
  writesPerMinute: number;
  /** Polls a minute per token. Web Chat polls once a second, so this must stay well above 60. */
  pollsPerMinute: number;
  /** Polls a minute per address: several parents can share one (a clinic's waiting-room wifi). */
  pollsPerMinutePerAddress: number;
  /** POST activities answers once the bot has replied, or after this long if it is still thinking. */
  turnWaitMs: number;
}

export interface DirectLineEndpointOptions {
  store: DirectLineStore;
  adapter: LeakAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  origins: OriginPolicy;
  limits: DirectLineLimits;
  bot: ChannelAccount;
  trustProxyHops: number;
  /** With a shared store: how chats carry on while it is down (red flags still read, replies kept here). */
  outage?: OutageFallback;
  now?: () => number;
}

const CLIENT_ACTIVITY_TYPES = new Set(['message', 'event', 'typing']);
/** What the bot may send that a Direct Line client shows; trace and delay stay on the server. */
const DELIVERED_REPLY_TYPES = new Set(['message', 'typing', 'event', 'endOfConversation']);
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
/** How deep and how many values an activity's value and channelData may hold: Web Chat sends a few flat fields. */
const MAX_JSON_DEPTH = 16;
const MAX_JSON_VALUES = 500;
/** The store's sequence number, then, once replies were kept in this process during an outage, "-" and theirs. */
const WATERMARK = /^(\d{1,15})(?:-(\d{1,9}))?$/;
const STORE_DOWN_MESSAGE = 'The chat is not available right now. Please try again in a minute, or call the clinic.';

type Outcome<T> = { ok: T } | { status: number; code: string; message: string };

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function shortString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** Two logs, each in order, merged by timestamp (the store's first on a tie): replies kept in an outage fall between what the store holds from before and after it. */
function inTimeOrder(stored: Partial<Activity>[], kept: Partial<Activity>[]): Partial<Activity>[] {
  if (kept.length === 0) return stored;
  const time = (a: Partial<Activity>) => Date.parse(String(a.timestamp ?? '')) || 0;
  const merged: Partial<Activity>[] = [];
  let i = 0;
  let j = 0;
  while (i < stored.length || j < kept.length) {
    if (j >= kept.length || (i < stored.length && time(stored[i]) <= time(kept[j]))) merged.push(stored[i++]);
    else merged.push(kept[j++]);
  }
  return merged;
}

/**
 * A Direct Line 3.0 endpoint in this process: the subset DirectLineJS uses when polling (webSocket:
 * false), so Microsoft's Web Chat talks to the bot with no Azure account. Turns run in-process through
 * the adapter; nothing is posted to a serviceUrl.
 */
export class DirectLineEndpoint {
  private readonly writesByToken: RateLimiter;
  private readonly writesByAddress: RateLimiter;
  private readonly pollsByToken: RateLimiter;
  private readonly pollsByAddress: RateLimiter;
  /** Each conversation's turns run one after another in this process, so its state is never saved by two turns at once. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly options: DirectLineEndpointOptions) {
    const now = options.now ?? Date.now;
    this.writesByToken = new RateLimiter(options.limits.writesPerMinute, now);
    this.writesByAddress = new RateLimiter(options.limits.writesPerMinute, now);
    this.pollsByToken = new RateLimiter(options.limits.pollsPerMinute, now);
    this.pollsByAddress = new RateLimiter(options.limits.pollsPerMinutePerAddress, now);
  }

  mount(server: Server): void {
    const p = DIRECT_LINE_PREFIX;
    const routes: Array<[string, 'get' | 'post', (req: Request, res: Response) => Promise<void>]> = [
      [`${p}/tokens/generate`, 'post', (req, res) => this.generateToken(req, res)],
      [`${p}/tokens/refresh`, 'post', (req, res) => this.refreshToken(req, res)],
      [`${p}/conversations`, 'post', (req, res) => this.startConversation(req, res)],
      [`${p}/conversations/:conversationId`, 'get', (req, res) => this.getConversation(req, res)],
      [`${p}/conversations/:conversationId/activities`, 'post', (req, res) => this.postActivity(req, res)],
      [`${p}/conversations/:conversationId/activities`, 'get', (req, res) => this.getActivities(req, res)],
    ];
    const preflighted = new Set<string>();
    for (const [path, method, handler] of routes) {
      server[method](path, async (req: Request, res: Response) => {
        const verdict = this.options.origins.judge(req);
        this.options.origins.apply(res, verdict);
        if (verdict.kind === 'denied') {
          return sendError(res, 403, 'OriginNotAllowed', 'This origin may not use the chat. Add it to WEBCHAT_ALLOWED_ORIGINS.');
        }
        try {
          await handler(req, res);
        } catch (err) {
          // The shared store (STORAGE=blob) is down or lost a race too often: a busy answer, not a 500.
          if (!findStorageFailure(err) || res.headersSent) throw err;
          this.options.logger.warn('webchat_store_unavailable', { errorName: (err as Error).name });
          sendError(res, 503, 'ServiceUnavailable', 'The chat is not available right now. Please try again in a minute, or call the clinic.', { 'Retry-After': '30' });
        }
      });
      if (!preflighted.has(path)) {
        preflighted.add(path);
        server.opts(path, async (req: Request, res: Response) => this.options.origins.preflight(req, res));
      }
    }
  }

  /** A token for a new conversation; also what the page's /webchat/token hands out. Limited per address. */
  async issueForAddress(req: Request): Promise<Outcome<IssuedToken> | { status: 429; retryAfterSeconds: number }> {
    const address = this.address(req);
    const limited = this.writesByAddress.take(address);
    if (!limited.allowed) return { status: 429, retryAfterSeconds: limited.retryAfterSeconds };
    try {
      return { ok: await this.options.store.issue(address) };
    } catch (err) {
      if (this.canDegrade(err)) {
        this.options.logger.warn('webchat_store_unavailable', { errorName: (err as Error).name, degraded: true, request: 'token' });
        return { ok: this.options.outage!.issue() };
      }
      if (err instanceof CapacityError) {
        this.options.logger.warn('webchat_capacity_reached', {});
        return { status: 503, code: 'ServiceUnavailable', message: 'The chat is busy right now. Please try again in a minute, or call the clinic.' };
      }
      throw err;
    }
  }

  private async generateToken(req: Request, res: Response): Promise<void> {
    const outcome = await this.issueForAddress(req);
    if ('retryAfterSeconds' in outcome) return tooManyRequests(res, outcome.retryAfterSeconds);
    if (!('ok' in outcome)) return sendError(res, outcome.status, outcome.code, outcome.message, outcome.status === 503 ? { 'Retry-After': '60' } : {});
    res.json(this.tokenBody(outcome.ok));
  }

  private async refreshToken(req: Request, res: Response): Promise<void> {
    const session = await this.authorise(req, res, 'write');
    if (!session) return;
    // A refresh must be recorded in the store (the old token retires); Web Chat tries again later.
    if (session.degraded) return sendError(res, 503, 'ServiceUnavailable', STORE_DOWN_MESSAGE, { 'Retry-After': '30' });
    const refreshed = await this.options.store.refresh(session.token, session.conversation);
    // DirectLineJS stops refreshing on 403 and reports the token expired: the parent reloads for a new chat.
    if (!refreshed) return sendError(res, 403, 'TokenExpired', 'This chat is too old to continue. Please reload the page to start a new one.');
    res.json(this.tokenBody(refreshed));
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    const session = await this.authorise(req, res, 'write');
    if (!session) return;
    const { conversation, token } = session;
    const body = (req.body ?? {}) as { locale?: unknown };
    const requested = shortString(body.locale, 35);
    const locale = requested && LOCALE.test(requested) ? requested : undefined;
    // With the store down, whether it started is unknown: the first start seen here runs the welcome turn, which can only apologise.
    const created = session.degraded ? this.options.outage!.start(conversation.id) : await this.options.store.start(conversation, locale);
    if (created) {
      conversation.started = true;
      if (locale) conversation.locale = locale;
      this.options.logger.info('webchat_conversation_started', { conversationId: conversation.id });
      await this.queueTurn(
        conversation,
        { type: 'conversationUpdate', membersAdded: [this.user(conversation)], id: `${conversation.id}|start` },
        session.degraded === true,
      );
    }
    res.status(created ? 201 : 200);
    res.json({ conversationId: conversation.id, token, expires_in: session.expiresIn });
  }

  private async getConversation(req: Request, res: Response): Promise<void> {
    const session = await this.authorise(req, res, 'poll');
    if (!session) return;
    res.json({ conversationId: session.conversation.id, token: session.token, expires_in: session.expiresIn });
  }

  private async postActivity(req: Request, res: Response): Promise<void> {
    const session = await this.authorise(req, res, 'write');
    if (!session) return;
    const { conversation } = session;
    const size = Math.max(Number(req.headers['content-length'] ?? 0) || 0, Buffer.byteLength(String((req as { rawBody?: unknown }).rawBody ?? '')));
    if (size > this.options.limits.maxBodyBytes) {
      return sendError(res, 413, 'RequestTooLarge', `The request is too large (at most ${this.options.limits.maxBodyBytes} bytes).`);
    }
    if (!req.is('json')) return sendError(res, 415, 'BadArgument', 'Send the activity as JSON (Content-Type: application/json).');
    const parsed = this.readActivity(req.body);
    if (!('ok' in parsed)) return sendError(res, parsed.status, parsed.code, parsed.message);
    const incoming = parsed.ok;
    if (incoming.type === 'typing') {
      // Shown to nobody and not worth a turn.
      res.json({ id: `${conversation.id}|typing` });
      return;
    }
    const received: Partial<Activity> = {
      ...incoming,
      channelId: WEBCHAT_CHANNEL_ID,
      conversation: { id: conversation.id } as Activity['conversation'],
      from: this.user(conversation),
      recipient: this.options.bot,
      timestamp: new Date(this.now()),
    };
    let degraded = session.degraded === true;
    let stored: Partial<Activity> | undefined;
    if (!degraded) {
      try {
        // Writing is what takes a slot and keeps the conversation alive; polls do neither.
        if (incoming.type === 'message') await this.options.store.admit(conversation, this.address(req));
        if (!conversation.started) await this.options.store.start(conversation);
        [stored] = await this.options.store.append(conversation.id, [received]);
        if (!stored) return sendError(res, 401, 'Unauthorized', 'The token is unknown or has expired. Reload the page to start a new chat.');
      } catch (err) {
        if (!this.canDegrade(err)) throw err;
        this.options.logger.warn('webchat_store_unavailable', { errorName: (err as Error).name, degraded: true, request: 'post' });
        degraded = true;
      }
    }
    // The store is down: the message is still read (red flags first) and the replies kept here for the polls.
    if (degraded) [stored] = this.options.outage!.append(conversation.id, [received]);
    this.options.logger.debug('webchat_activity_received', { conversationId: conversation.id, activityType: incoming.type, degraded: degraded || undefined });
    await this.queueTurn(conversation, stored!, degraded);
    res.json({ id: stored!.id });
  }

  private async getActivities(req: Request, res: Response): Promise<void> {
    const session = await this.authorise(req, res, 'poll');
    if (!session) return;
    const raw = queryParam(req, 'watermark');
    const parts = raw === null || raw === '' ? undefined : WATERMARK.exec(raw);
    if (parts === null) return sendError(res, 400, 'BadArgument', 'The watermark must be one from an earlier response.');
    const storeMark = parts ? Number(parts[1]) : -1;
    const outageMark = parts?.[2] ? Number(parts[2]) : 0;
    const id = session.conversation.id;
    let fromStore: { activities: Partial<Activity>[]; watermark: string } | undefined;
    if (!session.degraded) {
      try {
        fromStore = await this.options.store.after(id, storeMark);
      } catch (err) {
        if (!this.canDegrade(err)) throw err;
        this.options.logger.warn('webchat_store_unavailable', { errorName: (err as Error).name, degraded: true, request: 'poll' });
      }
    }
    // What was said while the store was down comes from this process, in time order with what the store holds.
    const kept = this.options.outage?.after(id, outageMark) ?? { activities: [], watermark: outageMark };
    const base = fromStore?.watermark ?? String(Math.max(0, storeMark));
    res.json({
      activities: inTimeOrder(fromStore?.activities ?? [], kept.activities),
      watermark: kept.watermark > 0 ? `${base}-${kept.watermark}` : base,
    });
  }

  /**
   * The checks every conversation request passes: the address's rate, a live token (401), the token's
   * own conversation (403), the token's rate. Writes and polls have separate budgets.
   */
  private async authorise(req: Request, res: Response, kind: 'write' | 'poll'): Promise<Session | undefined> {
    const byAddress = kind === 'write' ? this.writesByAddress : this.pollsByAddress;
    const byToken = kind === 'write' ? this.writesByToken : this.pollsByToken;
    const addressDecision = byAddress.take(this.address(req));
    if (!addressDecision.allowed) {
      this.options.logger.warn('webchat_rate_limited', { scope: 'address', kind });
      tooManyRequests(res, addressDecision.retryAfterSeconds);
      return undefined;
    }
    const token = bearerToken(req);
    if (!token) {
      sendError(res, 401, 'Unauthorized', 'A Direct Line token is required (Authorization: Bearer <token>).');
      return undefined;
    }
    let session: Session | undefined;
    try {
      session = await this.options.store.authenticate(token);
    } catch (err) {
      // The store is down: a token this server signed still opens its conversation, in outage mode.
      session = this.canDegrade(err) ? this.options.outage!.authenticate(token) : undefined;
      if (!session) throw err;
      this.options.logger.warn('webchat_store_unavailable', { errorName: (err as Error).name, degraded: true, request: kind });
    }
    const conversation = session?.conversation;
    if (!session || !conversation) {
      sendError(res, 401, 'Unauthorized', 'The token is unknown or has expired. Reload the page to start a new chat.');
      return undefined;
    }
    const pathId = (req.params as Record<string, string | undefined>)?.conversationId;
    if (pathId !== undefined && pathId !== conversation.id) {
      this.options.logger.warn('webchat_wrong_conversation', { kind });
      sendError(res, 403, 'Forbidden', 'This token does not open that conversation.');
      return undefined;
    }
    const tokenDecision = byToken.take(conversation.id);
    if (!tokenDecision.allowed) {
      this.options.logger.warn('webchat_rate_limited', { scope: 'token', kind, conversationId: conversation.id });
      tooManyRequests(res, tokenDecision.retryAfterSeconds);
      return undefined;
    }
    return session;
  }

  /** Keeps only what a browser may decide about an activity; the server fills in who, where and when. */
  private readActivity(body: unknown): Outcome<Partial<Activity>> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { status: 400, code: 'BadArgument', message: 'The body must be an activity: a JSON object with a "type".' };
    }
    const a = body as Record<string, unknown>;
    if (typeof a.type !== 'string' || !CLIENT_ACTIVITY_TYPES.has(a.type)) {
      return { status: 400, code: 'BadArgument', message: 'Only message, event and typing activities can be sent.' };
    }
    if (Array.isArray(a.attachments) && a.attachments.length > 0) {
      return { status: 400, code: 'BadArgument', message: 'This chat does not accept files.' };
    }
    if (a.text !== undefined && typeof a.text !== 'string') {
      return { status: 400, code: 'BadArgument', message: 'The text must be a string.' };
    }
    for (const field of ['value', 'channelData'] as const) {
      if (a[field] !== undefined && !withinJsonBounds(a[field], MAX_JSON_DEPTH, MAX_JSON_VALUES)) {
        return { status: 400, code: 'BadArgument', message: `The activity's ${field} is nested too deep or holds too many values (at most ${MAX_JSON_DEPTH} levels and ${MAX_JSON_VALUES} values).` };
      }
    }
    const text = a.text as string | undefined;
    if (text !== undefined && codePoints(text) > this.options.limits.maxMessageChars) {
      return {
        status: 413,
        code: 'MessageTooLong',
        message: `Messages can be at most ${this.options.limits.maxMessageChars} characters. Please send a shorter message.`,
      };
    }
    const activity: Partial<Activity> = { type: a.type };
    if (text !== undefined) activity.text = text;
    if (a.type === 'message') activity.textFormat = 'plain';
    const locale = shortString(a.locale, 35);
    if (locale && LOCALE.test(locale)) activity.locale = locale;
    if (a.value !== undefined) activity.value = a.value;
    const name = shortString(a.name, 100);
    if (a.type === 'event' && name) activity.name = name;
    const channelData = (typeof a.channelData === 'object' && a.channelData !== null ? a.channelData : {}) as Record<string, unknown>;
    // Web Chat matches its echoed messages to what it sent by clientActivityID.
    const clientActivityID = shortString(channelData.clientActivityID, 100);
    const clientTimestamp = shortString(channelData.clientTimestamp, 40);
    if (clientActivityID || clientTimestamp) activity.channelData = { clientActivityID, clientTimestamp };
    return { ok: activity };
  }

  /** The store cannot be reached (not a conflict, not a bug) and there is an outage fallback. */
  private canDegrade(err: unknown): boolean {
    return this.options.outage !== undefined && findStorageFailure(err) instanceof StorageUnavailableError;
  }

  private user(conversation: ConversationView): ChannelAccount {
    return { id: conversation.userId, name: 'Parent', role: 'user' } as ChannelAccount;
  }

  private address(req: Request): string {
    return clientAddress(req, this.options.trustProxyHops);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private tokenBody(issued: IssuedToken): { conversationId: string; token: string; expires_in: number } {
    return { conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresIn };
  }

  /**
   * Runs a turn after the conversation's earlier ones, appending the bot's replies to the log. Waits
   * for it up to turnWaitMs; a slower turn finishes in the background and its replies arrive by polling.
   */
  private queueTurn(conversation: ConversationView, received: Partial<Activity>, degraded = false): Promise<void> {
    const previous = this.queues.get(conversation.id) ?? Promise.resolve();
    const turn = previous.then(() => this.runTurn(conversation, received, degraded));
    // A turn that fails outside the bot must not stop the conversation's later turns.
    const settled = turn.catch((err: unknown) => {
      this.options.logger.error('webchat_turn_failed', { ...errorFields(err), conversationId: conversation.id });
    });
    this.queues.set(conversation.id, settled);
    // The last turn to settle removes the queue, so only conversations with turns running are held here.
    void settled.then(() => {
      if (this.queues.get(conversation.id) === settled) this.queues.delete(conversation.id);
    });
    let timer: NodeJS.Timeout | undefined;
    const wait = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.options.limits.turnWaitMs);
      timer.unref();
    });
    return Promise.race([settled, wait]).finally(() => clearTimeout(timer));
  }

  private async runTurn(conversation: ConversationView, received: Partial<Activity>, degraded: boolean): Promise<void> {
    const activity: Partial<Activity> = {
      ...received,
      channelId: WEBCHAT_CHANNEL_ID,
      conversation: { id: conversation.id } as Activity['conversation'],
      from: this.user(conversation),
      recipient: this.options.bot,
      locale: received.locale ?? conversation.locale,
      timestamp: new Date(this.now()),
    };
    let replies: Partial<Activity>[];
    try {
      replies = await this.options.adapter.runInProcessTurn(activity, this.options.logic);
    } catch (err) {
      // onTurnError answers most failures inside the turn; this is the adapter itself failing.
      this.options.logger.error('webchat_turn_failed', { ...errorFields(err), conversationId: conversation.id, activityType: activity.type });
      replies = [{ type: 'message', text: TURN_ERROR_APOLOGY }];
    }
    const delivered = replies
      .filter((reply) => reply.type !== undefined && DELIVERED_REPLY_TYPES.has(reply.type))
      .map(({ serviceUrl: _serviceUrl, deliveryMode: _deliveryMode, ...rest }) => ({
        ...rest,
        channelId: WEBCHAT_CHANNEL_ID,
        conversation: { id: conversation.id } as Activity['conversation'],
        from: this.options.bot,
        recipient: this.user(conversation),
        replyToId: received.type === 'conversationUpdate' ? undefined : received.id,
        timestamp: new Date(this.now()),
      }));
    if (delivered.length === 0) return;
    if (!degraded) {
      try {
        // One write for the whole turn: with a shared store, each write is a round trip.
        await this.options.store.append(conversation.id, delivered);
        return;
      } catch (err) {
        // The store went down during the turn: the replies (the advice first) must still reach the parent.
        if (!this.canDegrade(err)) throw err;
        this.options.logger.warn('webchat_store_unavailable', { errorName: (err as Error).name, degraded: true, request: 'replies' });
      }
    }
    this.options.outage!.append(conversation.id, delivered);
  }
}
