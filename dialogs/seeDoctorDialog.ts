import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { FlagMention } from '../core/conversation/composer';
import { choiceKey, sameChoice, type AnswerAware } from './answerAware';
import { sendReply } from './send';
import type { DialogServices, DialogStateAccessors } from './services';

export const SEE_DOCTOR_DIALOG = 'seeDoctor';

export interface SeeDoctorOptions {
  flags: FlagMention[];
  /** The topic the parent asked about in the same message: answered in the same reply. */
  topic?: string;
  /** The parent was not sure about the sign: the advice says "to be safe". */
  toBeSafe?: boolean;
  /** A line before the advice (the reply in the parent's own language, for a message in another one). */
  preface?: string;
}

interface SeeDoctorState {
  flags: FlagMention[];
  emergency: boolean;
}

/**
 * Says how soon, why, and whom to call, then offers a summary for the clinician. An emergency holds
 * the conversation: until the parent says they are getting help, every message is answered with
 * what to do now.
 */
export class SeeDoctorDialog extends Dialog<SeeDoctorOptions> implements AnswerAware {
  constructor(
    private readonly services: DialogServices,
    private readonly state: DialogStateAccessors,
  ) {
    super(SEE_DOCTOR_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: SeeDoctorOptions): Promise<DialogTurnResult> {
    const flags = options?.flags ?? [];
    const { composer } = this.services;
    const standing = await this.state.emergency.get(dc.context, []);
    // A new flag during an emergency never lowers it: the emergency's reasons stay in the advice.
    const all = [...standing, ...flags.filter((f) => !standing.some((s) => s.id === f.id))];
    const level = composer.levelOf(all);
    const reply = composer.plan({ flags: level === 'emergency' ? all : flags, topic: options?.topic, toBeSafe: options?.toBeSafe, preface: options?.preface });
    await sendReply(dc.context, reply, reply.topic ? 'topic-escalation' : 'escalation');
    await this.state.addReported(
      dc.context,
      flags.filter((f) => f.quote).map((f) => ({ said: f.quote! })),
      flags,
    );
    const emergency = level === 'emergency';
    if (emergency) await this.state.emergency.set(dc.context, all);
    const instance: SeeDoctorState = { flags: all, emergency };
    dc.activeDialog!.state = instance;
    return Dialog.EndOfTurn;
  }

  /** "I'm getting help", typed any way, or "I've called 911", "help is on the way"; never when negated. */
  private gettingHelp(text: string): boolean {
    const m = this.services.composer.messages;
    if (sameChoice(text, m.gettingHelpChoice)) return true;
    const said = choiceKey(text);
    if (/\b(not|no|never|nobody|no one|cant|cannot|wont|dont|didnt|havent|isnt)\b/.test(said)) return false;
    return m.gettingHelpPhrases.some((phrase) => said.includes(choiceKey(phrase)));
  }

  accepts(_context: TurnContext, state: unknown, text: string): boolean {
    const { messages } = this.services.composer;
    if ((state as SeeDoctorState).emergency) return true;
    return [messages.summaryChoice, messages.anotherQuestionChoice, messages.gettingHelpChoice].some((c) => sameChoice(text, c));
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const instance = dc.activeDialog!.state as SeeDoctorState;
    const text = dc.context.activity.text ?? '';
    const { composer } = this.services;
    const m = composer.messages;
    if (sameChoice(text, m.summaryChoice)) {
      await this.sendSummary(dc);
      return instance.emergency ? Dialog.EndOfTurn : dc.endDialog();
    }
    if (this.gettingHelp(text)) {
      await this.state.emergency.delete(dc.context);
      await sendReply(dc.context, { text: m.gettingHelpThanks, choices: composer.welcomeChoices() }, 'emergency-help-confirmed');
      return dc.endDialog();
    }
    if (instance.emergency) {
      await sendReply(dc.context, composer.emergencyReminder(instance.flags), 'emergency-reminder');
      return Dialog.EndOfTurn;
    }
    await sendReply(dc.context, { text: m.anotherQuestionPrompt, choices: composer.welcomeChoices() }, 'another-question');
    return dc.endDialog();
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as SeeDoctorState;
    if (state.emergency) await sendReply(context, this.services.composer.emergencyReminder(state.flags), 'emergency-reminder');
  }

  private async sendSummary(dc: DialogContext): Promise<void> {
    const report = await this.state.report.get(dc.context, { items: [], advice: [] });
    const now = this.services.now?.() ?? new Date();
    await sendReply(dc.context, this.services.composer.summary(report.items, report.advice, now), 'summary');
  }
}
