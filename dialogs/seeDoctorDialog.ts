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
  /** False when the message asked nothing: an emergency then answers no topic. */
  questionAsked?: boolean;
  /** Topics the question may have meant, when none was clear: offered after the advice. */
  candidates?: string[];
  /** The parent was not sure about the sign: the advice says "to be safe". */
  toBeSafe?: boolean;
  /** A line before the advice (the reply in the parent's own language, for a message in another one). */
  preface?: string;
}

/**
 * The topic a message asks about while an emergency holds the conversation (a topic's button or
 * question, or the rest of an answer: `whole`), so the reminder can answer it too.
 */
export type HeldQuestion = (context: TurnContext, text: string) => Promise<{ topic: string; whole?: boolean } | undefined>;

interface SeeDoctorState {
  flags: FlagMention[];
  emergency: boolean;
}

/**
 * Says how soon, why, and whom to call, then offers a summary for the clinician. An emergency holds
 * the conversation: until the parent says they are getting help, every message is answered with
 * what to do now first (and a question, after it).
 */
export class SeeDoctorDialog extends Dialog<SeeDoctorOptions> implements AnswerAware {
  constructor(
    private readonly services: DialogServices,
    private readonly state: DialogStateAccessors,
    private readonly heldQuestion: HeldQuestion = async () => undefined,
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
    const reply = composer.plan({ flags: level === 'emergency' ? all : flags, topic: options?.topic, questionAsked: options?.questionAsked, candidates: options?.candidates, toBeSafe: options?.toBeSafe, preface: options?.preface });
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
      // The conversation stays on the emergency, and a question asked meanwhile is answered after it.
      const asked = await this.heldQuestion(dc.context, text);
      const reply = composer.emergencyReminder(instance.flags, asked);
      if (reply.topic) await this.state.lastTopic.set(dc.context, reply.topic);
      await sendReply(dc.context, reply, reply.topic ? 'emergency-reminder-topic' : 'emergency-reminder');
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
