import {
  ActivityHandler,
  TurnContext,
  type ConversationState,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Reply } from '../core/conversation/reply';
import { FORGET_ME, TURN_OUTCOME, type TurnOutcome } from '../dialogs/turnFlags';
import type { Logger } from './logger';
import { renderReply } from './render';

export interface Welcome {
  full: Reply;
  short: Reply;
}

export interface LeakBotDependencies {
  conversationState: ConversationState;
  userState: UserState;
  dialog: Dialog;
  welcome: Welcome;
  logger: Logger;
  /** Debug switch for local use only: adds what the parent typed to the turn log. */
  logMessageText?: boolean;
}

/**
 * Greets new members and hands every message to the main dialog. State is saved after every turn so
 * a conversation continues wherever the next turn lands.
 */
export class LeakBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(private readonly deps: LeakBotDependencies) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.welcomed = deps.conversationState.createProperty<boolean>('welcomed');

    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (newcomers.length > 0 && !(await this.welcomed.get(context, false))) {
        await context.sendActivity(renderReply(deps.welcome.full, context.activity.channelId));
        await this.welcomed.set(context, true);
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      // Teams puts "<at>Bot</at>" in the text of channel messages; the words after it are what was asked.
      TurnContext.removeRecipientMention(context.activity);
      if (!(await this.welcomed.get(context, false))) {
        await context.sendActivity(renderReply(deps.welcome.short, context.activity.channelId));
        await this.welcomed.set(context, true);
      }
      await this.runDialog(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const started = process.hrtime.bigint();
    await super.run(context);
    if (context.turnState.get(FORGET_ME)) {
      // Deleted, not just cleared: nothing of this conversation or this parent stays in the store.
      await this.deps.conversationState.delete(context);
      await this.deps.userState.delete(context);
    } else {
      await this.deps.conversationState.saveChanges(context, false);
      await this.deps.userState.saveChanges(context, false);
    }
    const outcome = context.turnState.get(TURN_OUTCOME) as TurnOutcome | undefined;
    this.deps.logger.info('turn', {
      channelId: context.activity.channelId,
      activityType: context.activity.type,
      route: outcome?.route,
      topic: outcome?.topic,
      urgency: outcome?.level,
      forgotten: context.turnState.get(FORGET_ME) ? true : undefined,
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      ...(this.deps.logMessageText ? { text: context.activity.text } : {}),
    });
  }

  private async runDialog(context: TurnContext): Promise<void> {
    const dialogs = new DialogSet(this.dialogState);
    dialogs.add(this.deps.dialog);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.deps.dialog.id);
  }
}
