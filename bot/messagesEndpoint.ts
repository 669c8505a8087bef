import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { isLoopbackAddress, isLoopbackUrl } from './loopback';
import { errorFields, type Logger } from './logger';

export interface MessagesEndpointOptions {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** No app id: Emulator mode. Only local callers and local serviceUrls are served. */
  unauthenticated: boolean;
  allowRemoteUnauthenticated: boolean;
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status);
  res.json({ error: message });
}

function isActivityShaped(body: unknown): body is { type: string; serviceUrl?: unknown; deliveryMode?: unknown } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string';
}

/**
 * POST /api/messages. Checks what the adapter would reject with a stack trace (or, in unauthenticated
 * mode, would act on dangerously) and answers it with a clear HTTP status instead.
 */
export function createMessagesHandler(options: MessagesEndpointOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!req.is('json')) {
      return refuse(res, 415, 'Send a Bot Framework activity as JSON (Content-Type: application/json).');
    }
    if (!isActivityShaped(req.body)) {
      return refuse(res, 400, 'The body must be a Bot Framework activity: a JSON object with a "type".');
    }
    if (options.unauthenticated) {
      if (!options.allowRemoteUnauthenticated && !isLoopbackAddress(req.socket.remoteAddress)) {
        return refuse(res, 403, 'This bot runs without an app id, so it only serves this machine. Set MicrosoftAppId and MicrosoftAppPassword to serve other hosts.');
      }
      const expectsReplies = req.body.deliveryMode === 'expectReplies';
      const serviceUrl = typeof req.body.serviceUrl === 'string' ? req.body.serviceUrl : undefined;
      if (!expectsReplies && !isLoopbackUrl(serviceUrl)) {
        return refuse(res, 403, 'Without an app id the bot only replies to a serviceUrl on this machine (http://localhost:...).');
      }
    }
    try {
      await options.adapter.process(req, res, options.logic);
    } catch (err) {
      // The adapter answers most failures itself; reaching here means the activity could not be read.
      options.logger.warn('activity_rejected', errorFields(err));
      if (!res.headersSent) refuse(res, 400, 'The activity could not be read.');
    }
  };
}
