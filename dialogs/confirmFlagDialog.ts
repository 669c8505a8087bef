import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { FlagMention } from '../core/conversation/composer';
import type { Reply } from '../core/conversation/reply';
import type { RedFlagFinding } from '../core/safety/types';
import { asksQuestion } from '../core/text/questionParts';
import { isUnsure, parseScreeningAnswer, parseYesNo } from '../core/triage/answers';
import { sameChoice, type AnswerAware } from './answerAware';
import { SEE_DOCTOR_DIALOG, type SeeDoctorOptions } from './seeDoctorDialog';
import { sendReply } from './send';
import type { DialogServices } from './services';

export const CONFIRM_FLAG_DIALOG = 'confirmFlag';

export interface ConfirmFlagOptions {
  finding: RedFlagFinding & { question: string };
  /** The topic the parent asked about: answered first, in the same reply, the question after it. */
  topic?: string;
  askedAbout?: FlagMention[];
  /** Topics the message may have meant, when none was clear: offered after "no". */
  candidates?: string[];
}

interface ConfirmFlagState extends ConfirmFlagOptions {
  /** How many times the question has been asked. */
  asked: number;
}

type ConfirmAnswer = 'yes' | 'no' | 'unsure';

/** A question is asked at most this many times; then the flag's advice is given, to be safe. */
const MAX_ASKS = 2;

/**
 * When it is unclear whether a warning sign was meant ("I don't think there's blood?"), one short
 * question (Yes / No / Not sure), after the answer to what was asked: yes gives the sign's advice;
 * not sure, or two answers that cannot be placed, give it "to be safe"; no goes back to the parent's
 * question.
 */
export class ConfirmFlagDialog extends Dialog<ConfirmFlagOptions> implements AnswerAware {
  constructor(private readonly services: DialogServices) {
    super(CONFIRM_FLAG_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: ConfirmFlagOptions): Promise<DialogTurnResult> {
    if (!options) return dc.endDialog();
    const state: ConfirmFlagState = { ...options, asked: 1 };
    dc.activeDialog!.state = state;
    const { composer } = this.services;
    const reply = composer.plan({ topic: options.topic, askedAbout: options.askedAbout, question: composer.confirmQuestion(options.finding.question) });
    await sendReply(dc.context, reply, options.topic ? 'topic-confirm-flag' : 'confirm-flag');
    return Dialog.EndOfTurn;
  }

  private answer(text: string, finding: RedFlagFinding | undefined): ConfirmAnswer | undefined {
    const m = this.services.composer.messages;
    if (sameChoice(text, m.confirmYes)) return 'yes';
    if (sameChoice(text, m.confirmNo)) return 'no';
    // To an emergency question ("are you having thoughts of hurting yourself?") "sometimes", "kind of"
    // or "not sure" is a yes.
    const screening = finding?.level === 'emergency' ? parseScreeningAnswer(text) : undefined;
    if (screening) return screening;
    if (sameChoice(text, m.confirmUnsure) || isUnsure(text, this.services.emoji)) return 'unsure';
    return parseYesNo(text, this.services.emoji);
  }

  /** Any message answers once the question has been asked twice: it is never asked a third time. */
  accepts(_context: TurnContext, state: unknown, text: string): boolean {
    const s = state as ConfirmFlagState;
    return this.answer(text, s.finding) !== undefined || s.asked >= MAX_ASKS;
  }

  /** The question again, counted, for a reply that first answers something else the parent asked. */
  pendingQuestion(state: unknown): Reply {
    const s = state as ConfirmFlagState;
    s.asked += 1;
    return this.services.composer.confirmQuestion(s.finding.question);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as ConfirmFlagState;
    const text = dc.context.activity.text ?? '';
    const answer = this.answer(text, state.finding);
    const flags = [{ id: state.finding.id, quote: state.finding.quote }];
    if (answer === 'yes') return dc.replaceDialog(SEE_DOCTOR_DIALOG, { flags } satisfies SeeDoctorOptions);
    if (answer === 'unsure') return dc.replaceDialog(SEE_DOCTOR_DIALOG, { flags, toBeSafe: true } satisfies SeeDoctorOptions);
    if (answer === 'no') {
      // With a dialog waiting underneath (the symptom check), its question comes next: only thanks here.
      const waiting = dc.stack.length > 1;
      await sendReply(dc.context, waiting ? { text: this.services.composer.messages.confirmNoThanks } : this.afterNo(state), 'confirm-flag-denied');
      return dc.endDialog();
    }
    if (state.asked >= MAX_ASKS) {
      // Asked twice and still not placed: the advice, to be safe, with the answer to anything asked now.
      const understanding = this.services.understanding.understand(text);
      const topic = understanding.kind === 'topic' && this.services.composer.answerable(understanding.topic) ? understanding.topic : undefined;
      return dc.replaceDialog(SEE_DOCTOR_DIALOG, { flags, toBeSafe: true, topic, questionAsked: asksQuestion(text) } satisfies SeeDoctorOptions);
    }
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  /** After "no": what was first asked. Already answered with the question, its next steps; else the likely topics. */
  private afterNo(state: ConfirmFlagState): Reply {
    const { composer } = this.services;
    const m = composer.messages;
    if (state.topic) return { text: m.confirmNoThanks, choices: composer.navigation(state.topic) };
    if (state.candidates && state.candidates.length > 0) {
      const unsure = composer.unsure(state.candidates);
      return { ...unsure, text: `${m.confirmNoThanks}\n\n${unsure.text}` };
    }
    return { text: `${m.confirmNoThanks}\n\n${m.menuPrompt}`, choices: composer.welcomeChoices() };
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const state = instance.state as ConfirmFlagState;
    const question = this.pendingQuestion(state);
    await sendReply(context, { ...question, text: `${this.services.composer.messages.confirmRetry}\n\n${question.text}` }, 'confirm-flag');
  }
}
