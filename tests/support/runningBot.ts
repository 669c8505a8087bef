import type { Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../bot/config';
import { silentLogger, type Logger } from '../../bot/logger';
import { listen } from '../../bot/server';
import { composeApplication, type Application, type ComposeOptions } from '../../index';

export interface RunningBot {
  app: Application;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The real server, on a free port, with its logs kept out of the test output unless a logger is given. */
export async function startBot(env: Record<string, string> = {}, options: ComposeOptions & { logger?: Logger } = {}): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env });
  const app = composeApplication(config, { logger: silentLogger, ...options });
  const address = await listen(app.server, 0, '127.0.0.1');
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, stop: () => app.stop() };
}

export interface Conversation {
  id: string;
  userId: string;
  /** Sends one message with deliveryMode expectReplies and returns the bot's replies. */
  say(text: string, extra?: Partial<Activity>): Promise<Activity[]>;
  send(activity: Partial<Activity>): Promise<Response>;
}

export function conversation(baseUrl: string, channelId = 'emulator'): Conversation {
  const id = `conv-${randomUUID()}`;
  const userId = `user-${randomUUID()}`;
  const send = (activity: Partial<Activity>) =>
    fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId,
        serviceUrl: 'http://127.0.0.1:9',
        conversation: { id },
        from: { id: userId, name: 'Parent' },
        recipient: { id: 'bot', name: 'Bot' },
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        ...activity,
      }),
    });
  return {
    id,
    userId,
    send,
    async say(text, extra = {}) {
      const res = await send({ type: 'message', text, deliveryMode: 'expectReplies', ...extra });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { activities?: Activity[] };
      return (body.activities ?? []).filter((a) => a.type === 'message');
    },
  };
}
