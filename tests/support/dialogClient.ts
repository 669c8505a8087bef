import { AutoSaveStateMiddleware, ConversationState, MemoryStorage, UserState, type Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/mainDialog';
import { DialogStateAccessors } from '../../dialogs/services';
import type { Domain } from '../../core/domain';
import { TEST_CLINIC, testDomain } from './domain';

export interface Escalation {
  level: string;
  reasons: string[];
}

export interface DialogConversation {
  client: DialogTestClient;
  storage: MemoryStorage;
  /** Sends one message and returns every reply the bot sent for it. */
  say(text: string | Partial<Activity>): Promise<Partial<Activity>[]>;
}

/**
 * The main dialog, with the real domain (or one loaded from an edited copy of the knowledge folder),
 * behind botbuilder-testing's DialogTestClient.
 */
export function dialogConversation(options: { channelId?: string; now?: Date; domain?: Domain } = {}): DialogConversation {
  const domain = options.domain ?? testDomain();
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const dialog = new MainDialog(
    {
      composer: domain.composer,
      understanding: domain.understanding,
      safety: domain.safety,
      symptomCheck: domain.symptomCheck,
      emoji: domain.emoji,
      otherLanguage: { languageOf: (text) => domain.language.languageOf(text), notice: (language) => domain.languageNotices.textFor(language, TEST_CLINIC) },
      maxMessageChars: 2000,
      now: options.now ? () => options.now! : undefined,
    },
    new DialogStateAccessors(conversationState, userState),
    domain.kb.topics.values(),
  );
  const client = new DialogTestClient(options.channelId ?? 'test', dialog, undefined, [new AutoSaveStateMiddleware(userState)], conversationState);
  return {
    client,
    storage,
    async say(text) {
      const replies: Partial<Activity>[] = [];
      let reply = (await client.sendActivity(text)) as Partial<Activity> | undefined;
      while (reply) {
        replies.push(reply);
        reply = client.getNextReply();
      }
      return replies;
    },
  };
}

export function topicOf(reply: Partial<Activity> | undefined): string | undefined {
  return (reply?.channelData as { topic?: string } | undefined)?.topic;
}

export function escalationOf(replies: Partial<Activity>[]): Escalation | undefined {
  return replies.map((r) => (r.channelData as { escalation?: Escalation } | undefined)?.escalation).find(Boolean);
}

export function choicesOf(reply: Partial<Activity> | undefined): string[] {
  return (reply?.suggestedActions?.actions ?? []).map((a) => a.title);
}

export function texts(replies: Partial<Activity>[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}

/** A new conversation that starts the symptom check and gives these answers: the replies to the last one. */
export async function answerSymptomCheck(answers: string[], domain?: Domain) {
  const chat = dialogConversation({ domain });
  let replies = await chat.say('check my symptoms');
  for (const answer of answers) replies = await chat.say(answer);
  return replies;
}
