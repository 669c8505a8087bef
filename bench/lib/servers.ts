/**
 * The two servers the HTTP benchmark compares, built from the same parts:
 *   - bot:  the real application (composeApplication), default configuration and memory storage;
 *   - echo: the same restify server, messages endpoint (with its per-conversation rate limiter),
 *           LeakAdapter (CloudAdapter) and memory state store, with conversation state read and saved every turn, replying with the text it got.
 * The difference between them is what the bot itself costs: language understanding, the red-flag
 * detector, dialogs, user state and rendering.
 */
import { ConversationState, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { createAdapter } from '../../bot/adapter';
import { loadConfig, type AppConfig } from '../../bot/config';
import { silentLogger } from '../../bot/logger';
import { createMessagesHandler } from '../../bot/messagesEndpoint';
import { RateLimiter } from '../../bot/rateLimit';
import { closeServer, createServer, listen } from '../../bot/server';
import { createStateStore, type StateStore } from '../../bot/storage';
import { composeApplication } from '../../index';

export type ServerKind = 'bot' | 'echo';

export interface BenchServer {
  kind: ServerKind;
  url: string;
  stop(): Promise<void>;
}

/** Local, unauthenticated (no app id), default limits and storage: what `npm start` runs without a .env. */
export function benchConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env });
}

export async function startBotServer(config = benchConfig()): Promise<BenchServer> {
  const store = createStateStore(config.storage, silentLogger);
  const app = composeApplication(config, { logger: silentLogger, storage: store.storage });
  const address = await listen(app.server, 0, '127.0.0.1');
  return {
    kind: 'bot',
    url: `http://127.0.0.1:${address.port}`,
    async stop() {
      await app.stop();
      await store.close();
    },
  };
}

export function createEchoServer(config: AppConfig): { server: Server; store: StateStore } {
  const store = createStateStore(config.storage, silentLogger);
  const conversationState = new ConversationState(store.storage);
  const turns = conversationState.createProperty<number>('turns');
  const adapter = createAdapter({ config, conversationState, logger: silentLogger, apology: 'Sorry, something went wrong.', storageApology: 'Sorry, try again.', conflictApology: 'Sorry, send that again.' });
  const logic = async (context: TurnContext) => {
    if (context.activity.type === 'message') {
      await turns.set(context, (await turns.get(context, 0)) + 1);
      await context.sendActivity(context.activity.text ?? '');
    }
    await conversationState.saveChanges(context, false);
  };
  const server = createServer({
    logger: silentLogger,
    isReady: () => true,
    messagesHandler: createMessagesHandler({
      adapter,
      logic,
      logger: silentLogger,
      unauthenticated: config.unauthenticated,
      allowRemoteUnauthenticated: config.allowRemoteUnauthenticated,
      conversationLimiter: new RateLimiter(config.limits.conversationRatePerMinute),
    }),
  });
  return { server, store };
}

export async function startEchoServer(config = benchConfig()): Promise<BenchServer> {
  const { server, store } = createEchoServer(config);
  const address = await listen(server, 0, '127.0.0.1');
  return {
    kind: 'echo',
    url: `http://127.0.0.1:${address.port}`,
    async stop() {
      await closeServer(server);
      await store.close();
    },
  };
}

export function startServer(kind: ServerKind): Promise<BenchServer> {
  return kind === 'bot' ? startBotServer() : startEchoServer();
}
