import { request } from 'node:http';
import { ConversationState, MemoryStorage, UserState, type Activity, type Storage, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { createAdapter, type LeakAdapter } from './bot/adapter';
import type { CloudSettings } from './bot/authentication';
import { ConfigError, contactWarning, loadConfig, type AppConfig } from './bot/config';
import { LeakBot } from './bot/leakBot';
import { createLogger, silentLogger, type Logger } from './bot/logger';
import { createMessagesHandler } from './bot/messagesEndpoint';
import { createOutageAdvice } from './bot/outageAdvice';
import { RateLimiter } from './bot/rateLimit';
import { closeServer, createServer, listen } from './bot/server';
import { createStateStore } from './bot/storage';
import { mountWebChat } from './bot/web/mountWebChat';
import { loadDomain, type Domain } from './core/domain';
import { MainDialog } from './dialogs/mainDialog';
import { DialogStateAccessors } from './dialogs/services';

export interface Application {
  config: AppConfig;
  server: Server;
  adapter: LeakAdapter;
  bot: LeakBot;
  storage: Storage;
  domain: Domain;
  conversationState: ConversationState;
  /** Runs one turn of the bot: for in-process channels (the web chat bridge, the terminal chat). */
  logic: (context: TurnContext) => Promise<void>;
  stop(): Promise<void>;
}

export interface ComposeOptions {
  /** An already loaded domain (tests share one); loaded from knowledge/ when absent. */
  domain?: Domain;
  logger?: Logger;
  storage?: Storage;
  cloud?: CloudSettings;
}

/** What the parent is told when a turn fails, in the clinic's words. */
export function turnErrorApologies(domain: Domain): { apology: string; storageApology: string; conflictApology: string } {
  const { composer, messages } = domain;
  return { apology: composer.fill(messages.turnError), storageApology: composer.fill(messages.storageError), conflictApology: composer.fill(messages.storageConflict) };
}

/** The composition root: configuration in, a wired server out. */
export function composeApplication(config: AppConfig, options: ComposeOptions = {}): Application {
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const store = options.storage ? { storage: options.storage, close: async () => {} } : createStateStore(config.storage, logger);
  const storage = store.storage;
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const domain = options.domain ?? loadDomain(config.clinic);
  const apologies = turnErrorApologies(domain);
  const adviseWithoutState = createOutageAdvice({ safety: domain.safety, composer: domain.composer, maxReadableChars: config.limits.maxReadableChars });
  const adapter = createAdapter({ config, conversationState, logger, cloud: options.cloud, ...apologies, adviseWithoutState });
  const dialog = new MainDialog(
    {
      composer: domain.composer,
      understanding: domain.understanding,
      safety: domain.safety,
      symptomCheck: domain.symptomCheck,
      emoji: domain.emoji,
      otherLanguage: { languageOf: (text) => domain.language.languageOf(text), notice: (language) => domain.languageNotices.textFor(language, config.clinic) },
      maxMessageChars: config.limits.maxMessageChars,
      maxReadableChars: config.limits.maxReadableChars,
    },
    new DialogStateAccessors(conversationState, userState),
    domain.kb.topics.values(),
  );
  const bot = new LeakBot({
    conversationState,
    userState,
    dialog,
    welcome: { full: domain.composer.welcome(), short: domain.composer.welcomeShort() },
    logger,
    logMessageText: config.log.messageText,
  });
  const logic = (context: TurnContext) => bot.run(context);
  // The knowledge is loaded before the server exists; readiness ends when shutdown begins, so a load
  // balancer stops sending new parents here while open turns finish.
  let stopping = false;
  const server = createServer({
    logger,
    isReady: () => !stopping,
    timeouts: config.http,
    // With blob storage the web chat's tokens and logs live in the shared store too: any instance serves any request.
    mount: [(s) => mountWebChat(s, { config, adapter, logic, logger, sharedStorage: config.storage.kind === 'blob' ? storage : undefined })],
    messagesHandler: createMessagesHandler({
      adapter,
      logic,
      logger,
      unauthenticated: config.unauthenticated,
      allowRemoteUnauthenticated: config.allowRemoteUnauthenticated,
      conversationLimiter: new RateLimiter(config.limits.conversationRatePerMinute),
    }),
  });
  return {
    config,
    server,
    adapter,
    bot,
    storage,
    domain,
    conversationState,
    logic,
    async stop() {
      stopping = true;
      await closeServer(server);
      await store.close();
    },
  };
}

/**
 * A few messages of each kind a parent might write first, from the knowledge files: a greeting, three
 * topics' first examples, and the question of one red flag of each level (its words go through the
 * detector, and the reply is an escalation). After two or three turns V8 has compiled what every turn
 * uses; more messages would only lengthen the start.
 */
export function warmUpMessages(domain: Domain): string[] {
  const topics = [...domain.kb.topics.values()];
  const examples = [0, Math.floor(topics.length / 2), topics.length - 1].map((i) => topics[i]?.examples[0]);
  const flags = [...domain.redFlags.flags.values()];
  const questions = ['emergency', 'urgent', 'soon', 'routine'].map((level) => flags.find((f) => f.level === level)?.question);
  return ['hi', ...examples, ...questions].filter((text): text is string => typeof text === 'string' && text.length > 0);
}

/**
 * One message through the HTTP endpoint of the warm-up copy (listening on a free port of this machine
 * for a moment): what a turn in process does not run (restify's routing and body parsing, the envelope
 * check, the connector client, the expectReplies answer) compiles here, not in the first parent's
 * request. With an app id the request is refused (401), which warms what it can; nothing here can fail
 * the start.
 */
async function warmUpOverHttp(server: Server, text: string): Promise<void> {
  const address = await listen(server, 0, '127.0.0.1');
  const body = JSON.stringify({
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: 'warm-up-http' },
    from: { id: 'warm-up-parent', name: 'Parent' },
    recipient: { id: 'bot', name: 'Bot' },
    id: 'warm-up-http-1',
    timestamp: new Date().toISOString(),
    deliveryMode: 'expectReplies',
  });
  await new Promise<void>((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: address.port, path: '/api/messages', method: 'POST', agent: false, timeout: 5000, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', resolve);
        res.on('error', () => resolve());
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve());
    req.end(body);
  });
}

/**
 * Runs messages through a copy of the bot on a throwaway memory store, before the real server
 * listens: V8 compiles the red-flag patterns and the code of a turn on first use (about half a second
 * in all), which would otherwise make the first parent after a start wait. The last one also goes
 * through the HTTP endpoint (warmUpOverHttp). Readiness then means the bot answers at full speed.
 * Nothing is stored or logged.
 */
export async function warmUp(config: AppConfig, domain: Domain, messages: string[] = warmUpMessages(domain)): Promise<Array<Partial<Activity>[]>> {
  const app = composeApplication(config, { logger: silentLogger, domain, storage: new MemoryStorage() });
  const replies: Array<Partial<Activity>[]> = [];
  try {
    for (const [i, text] of messages.entries()) {
      const reply = await app.adapter.runInProcessTurn(
        {
          type: 'message',
          text,
          channelId: 'warm-up',
          serviceUrl: 'http://127.0.0.1:9',
          conversation: { id: `warm-up-${i}`, isGroup: false, conversationType: 'personal', name: 'warm-up' },
          from: { id: 'warm-up-parent', name: 'Parent' },
          recipient: { id: 'bot', name: 'Bot' },
        },
        app.logic,
      );
      replies.push(reply);
    }
    if (messages.length > 0) await warmUpOverHttp(app.server, messages[messages.length - 1]);
  } finally {
    await app.stop();
  }
  return replies;
}

/**
 * A start without a server (the build's code-cache step, scripts/launch.ts): the knowledge loaded and
 * the bot warmed up as main() does, with the settings' defaults and nothing logged, so that the code
 * cache written afterwards holds the code a start compiles, not only what loading the bundle does.
 */
export async function rehearseStart(): Promise<void> {
  const config = loadConfig({});
  await warmUp(config, loadDomain(config.clinic));
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.log.level });
  const warning = contactWarning(config.clinic);
  if (warning) logger.warn('configuration_incomplete', { warning });
  const domain = loadDomain(config.clinic);
  if (domain.understandingSource !== 'stored') {
    // Never a stale model: trained now from the knowledge files as they are. `npm run build` stores it again.
    logger.warn('language_understanding_trained_at_start', { why: domain.understandingSource, fix: 'npm run build' });
  }
  if (domain.patternsReadAtStart > 0) {
    // Slower, never wrong: patterns the build did not read (edited since, or no generated/pattern-strings.json) are read now.
    logger.info('pattern_strings_read_at_start', { patterns: domain.patternsReadAtStart, fix: 'npm run build' });
  }
  if (domain.crisisModelSource !== 'text') {
    // Slower, never wrong: the crisis model was checked against its banks, or trained from them now.
    logger.info('crisis_model_checked_at_start', { how: domain.crisisModelSource, fix: 'npm run build' });
  }
  await warmUp(config, domain);
  const app = composeApplication(config, { logger, domain });
  const address = await listen(app.server, config.port, config.host);
  logger.info('listening', { port: address.port, host: address.address, unauthenticated: config.unauthenticated });
  if (config.unauthenticated) {
    logger.info('emulator_mode', { url: `http://localhost:${address.port}/api/messages`, note: 'no app id: serving this machine only' });
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting_down', { signal });
    app.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`Start-up failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
