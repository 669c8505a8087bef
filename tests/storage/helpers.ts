import { ConversationState, TestAdapter, TurnContext, UserState, type Activity, type Storage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { createLogger, type Logger } from '../../bot/logger';

/** A turn context for a conversation and a user on a channel, enough for BotState to compute its keys. */
export function turnFor(conversationId: string, userId: string, channelId = 'emulator'): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId,
    conversation: { id: conversationId, isGroup: false, name: '', conversationType: '' },
    from: { id: userId, name: 'Parent' },
    recipient: { id: 'bot', name: 'Bot' },
    text: 'hello',
  });
}

/** The keys ConversationState and UserState use (default namespace: hence the trailing slash). */
export const conversationKey = (conversationId: string, channelId = 'emulator') => `${channelId}/conversations/${conversationId}/`;
export const userKey = (userId: string, channelId = 'emulator') => `${channelId}/users/${userId}/`;

/** Saves a value in the conversation's and the user's state, as the bot does at the end of a turn. */
export async function saveState(storage: Storage, conversationId: string, userId: string, value: Record<string, unknown>): Promise<void> {
  const context = turnFor(conversationId, userId);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  await conversationState.createProperty('data').set(context, value);
  await userState.createProperty('data').set(context, value);
  await conversationState.saveChanges(context);
  await userState.saveChanges(context);
}

/** What "forget me" does: ConversationState.delete and UserState.delete for this conversation and user. */
export async function forget(storage: Storage, conversationId: string, userId: string): Promise<void> {
  const context = turnFor(conversationId, userId);
  await new ConversationState(storage).delete(context);
  await new UserState(storage).delete(context);
}

export async function loadState(storage: Storage, conversationId: string, userId: string): Promise<{ conversation: unknown; user: unknown }> {
  const context = turnFor(conversationId, userId);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  return {
    conversation: await conversationState.createProperty('data').get(context),
    user: await userState.createProperty('data').get(context),
  };
}

export interface CapturedLogs {
  logger: Logger;
  lines: string[];
  /** Every line, parsed. */
  events(): Array<Record<string, unknown> & { event: string; level: string }>;
}

/** A logger that keeps its JSON lines, for asserting what was (and was not) logged. */
export function captureLogs(level: 'debug' | 'info' = 'debug'): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(line) });
  return { logger, lines, events: () => lines.map((l) => JSON.parse(l)) };
}

/**
 * Continues an existing conversation (from tests/support/runningBot's conversation()) on any bot
 * instance: the same conversation and user ids, posted to `baseUrl`, deliveryMode expectReplies.
 * Returns the bot's message replies.
 */
export async function sayTo(baseUrl: string, chat: { id: string; userId: string }, text: string, channelId = 'emulator'): Promise<Activity[]> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      text,
      deliveryMode: 'expectReplies',
      channelId,
      serviceUrl: 'http://127.0.0.1:9',
      conversation: { id: chat.id },
      from: { id: chat.userId, name: 'Parent' },
      recipient: { id: 'bot', name: 'Bot' },
      id: randomUUID(),
      timestamp: new Date().toISOString(),
    }),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { activities?: Activity[] };
  return (body.activities ?? []).filter((a) => a.type === 'message');
}
