import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

export type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * Runs the bot in-process for the terminal chat: no HTTP, no Emulator. Replies go to `onReply` as
 * the activities the bot sent, so the same dialogs run as on any channel.
 */
export class TerminalAdapter extends BotAdapter {
  private readonly conversationId = `terminal-${randomUUID()}`;

  constructor(private readonly onReply: (activity: Partial<Activity>) => void) {
    super();
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') continue;
      this.onReply(activity);
      responses.push({ id: randomUUID() });
    }
    return responses;
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('The terminal cannot edit a message it already printed.'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('The terminal cannot delete a message it already printed.'));
  }

  continueConversation(_reference: Partial<ConversationReference>, _logic: TurnLogic): Promise<void> {
    return Promise.reject(new Error('The terminal chat has no proactive messages.'));
  }

  /** The conversation opening, as channels announce it: the user joins. */
  start(logic: TurnLogic): Promise<void> {
    return this.receive({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'parent', name: 'You' }] }, logic);
  }

  say(text: string, logic: TurnLogic): Promise<void> {
    return this.receive({ type: ActivityTypes.Message, text }, logic);
  }

  private receive(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const full: Partial<Activity> = {
      id: randomUUID(),
      channelId: 'terminal',
      serviceUrl: 'http://localhost',
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: 'terminal' },
      from: { id: 'parent', name: 'You' },
      recipient: { id: 'bot', name: 'Leak helper' },
      timestamp: new Date(),
      locale: 'en-US',
      ...activity,
    };
    return this.runMiddleware(new TurnContext(this, full), logic);
  }
}
