import { ActivityHandler, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { createAdapter, TURN_ERROR_APOLOGY } from '../../bot/adapter';
import { loadConfig } from '../../bot/config';
import { silentLogger, type Logger } from '../../bot/logger';
import { closeServer, createServer, listen } from '../../bot/server';
import type { ConversationStore } from '../../bot/web/conversationStore';
import { mountWebChat, type WebChatDependencies } from '../../bot/web/mountWebChat';

/** A bot that greets and echoes, so the transport is tested apart from the conversation logic. */
export class EchoBot extends ActivityHandler {
  turns = 0;
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      await context.sendActivity({ type: 'message', text: 'Welcome to the test clinic.', channelData: { topic: 'welcome' } });
      await next();
    });
    this.onMessage(async (context, next) => {
      this.turns++;
      if (context.activity.text === 'throw') throw new Error('boom');
      await context.sendActivity({ type: 'typing' });
      await context.sendTraceActivity('trace', 'not for the browser');
      await context.sendActivity({
        type: 'message',
        text: `echo: ${context.activity.text ?? ''}`,
        channelData: { topic: 'echo', from: context.activity.from.id, channel: context.activity.channelId },
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Again', value: 'again' }] },
      });
      await next();
    });
  }
}

export interface WebChatServer {
  baseUrl: string;
  bot: ActivityHandler;
  store?: ConversationStore;
  logs: string[];
  stop(): Promise<void>;
}

/** The real restify server (security headers, body parser) with only the web chat mounted, on a free loopback port. */
export async function startWebChatServer(
  env: Record<string, string> = {},
  deps: Partial<Omit<WebChatDependencies, 'config' | 'adapter' | 'logic' | 'logger'>> = {},
  bot: ActivityHandler = new EchoBot(),
): Promise<WebChatServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CLINIC_NAME: 'Test Clinic', ...env });
  const logs: string[] = [];
  const logger: Logger = {
    ...silentLogger,
    info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    warn: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    debug: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
  };
  const adapter = createAdapter({
    config,
    conversationState: new ConversationState(new MemoryStorage()),
    logger,
    apology: TURN_ERROR_APOLOGY,
    storageApology: TURN_ERROR_APOLOGY,
    conflictApology: TURN_ERROR_APOLOGY,
  });
  let store: ConversationStore | undefined;
  const server = createServer({
    logger,
    isReady: () => true,
    messagesHandler: async (_req, res) => {
      res.status(404);
      res.end();
    },
    mount: [
      (s) =>
        mountWebChat(s, {
          config,
          adapter,
          logic: (context: TurnContext) => bot.run(context),
          logger,
          ...deps,
          onStore: (s2) => {
            store = s2 as ConversationStore;
            deps.onStore?.(s2);
          },
        }),
    ],
  });
  const address: AddressInfo = await listen(server, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    bot,
    get store() {
      return store;
    },
    logs,
    stop: () => closeServer(server, 2000),
  };
}
