import { StatusCodes, type Activity, type TurnContext } from 'botbuilder';
import type { LeakAdapter } from './adapter';
import type { Request, Response } from 'restify';
import { checkEnvelope } from './activityEnvelope';
import { isIpv6LiteralUrl, isLoopbackAddress, isLoopbackUrl } from './loopback';
import { errorFields, type Logger } from './logger';
import type { RateLimiter } from './rateLimit';

export interface MessagesEndpointOptions {
  adapter: LeakAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** No app id: Emulator mode. Only local callers and local serviceUrls are served. */
  unauthenticated: boolean;
  allowRemoteUnauthenticated: boolean;
  /** Per conversation: one chat flooding the bot must not slow everyone else. */
  conversationLimiter: RateLimiter;
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status);
  res.json({ error: message });
}

function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * POST /api/messages. Refuses with a clear HTTP status what the adapter would otherwise answer with a
 * stack trace, or, with no app id, would act on dangerously; then runs the turn.
 */
export function createMessagesHandler(options: MessagesEndpointOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!req.is('json')) {
      return refuse(res, 415, 'Send a Bot Framework activity as JSON (Content-Type: application/json).');
    }
    const checked = checkEnvelope(req.body);
    if (!checked.ok) return refuse(res, 400, checked.problem);
    const activity = checked.activity;
    if (options.unauthenticated) {
      if (!options.allowRemoteUnauthenticated && !isLoopbackAddress(req.socket.remoteAddress)) {
        return refuse(res, 403, 'This bot runs without an app id, so it only serves this machine. Set MicrosoftAppId and MicrosoftAppPassword to serve other hosts.');
      }
      // Checked for expectReplies too: the bot never posts there then, but a serviceUrl is still where it would.
      if (!isLoopbackUrl(activity.serviceUrl)) {
        return refuse(res, 403, 'Without an app id the bot only replies to a serviceUrl on this machine (http://localhost:...).');
      }
      if (activity.deliveryMode !== 'expectReplies' && isIpv6LiteralUrl(activity.serviceUrl)) {
        // The Bot Framework connector cannot post to a bracketed IPv6 host (it looks "[::1]" up as a name).
        return refuse(res, 400, 'A serviceUrl such as http://[::1]:PORT cannot be replied to: use http://localhost:PORT or http://127.0.0.1:PORT.');
      }
    }
    const decision = options.conversationLimiter.take(`${activity.channelId}/${activity.conversation.id}`);
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfterSeconds));
      return refuse(res, 429, 'Too many messages in this conversation. Please wait a moment.');
    }
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const invokeResponse = await options.adapter.runTurn(authHeader, activity as unknown as Activity, options.logic);
      res.status(invokeResponse?.status ?? StatusCodes.OK);
      if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
      else res.end();
    } catch (err) {
      const status = statusOf(err);
      if (status === StatusCodes.UNAUTHORIZED || status === 403) {
        return refuse(res, status, 'Unauthorized: the request has no valid Bot Framework token.');
      }
      // Bot errors are handled inside the turn by onTurnError; what escapes is the adapter failing to run it.
      options.logger.error('turn_not_processed', { ...errorFields(err), activityType: activity.type });
      if (!res.headersSent) refuse(res, 500, 'The bot could not process this activity. Please try again.');
    }
  };
}
