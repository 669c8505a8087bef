import type { TurnContext } from 'botbuilder';
import { Dialog, DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Reply } from '../core/conversation/reply';
import type { ParentContext } from '../core/safety/types';
import { isUnsure, parseAnswer } from '../core/triage/answers';
import type { QuestionId } from '../core/triage/content';
import { mergePicture } from '../core/safety/picture';
import { pictureFromAnswers } from '../core/triage/picture';
import { nextStep } from '../core/triage/flow';
import { answersFromContext, UNSURE, type TriageAnswers, type TriageStep } from '../core/triage/symptomCheck';
import { sameChoice, type AnswerAware } from './answerAware';
import { SEE_DOCTOR_DIALOG } from './seeDoctorDialog';
import { sendReply } from './send';
import type { DialogServices, DialogStateAccessors } from './services';

export const SYMPTOM_CHECK_DIALOG = 'symptomCheck';

interface SymptomCheckState {
  answers: TriageAnswers;
  asking: QuestionId;
  /** Answers to the current question the check could not place. */
  retries: number;
}

/** After this many answers it cannot place, the check records "not sure" and goes on: no question is asked a third time. */
const UNPLACED_BEFORE_MOVING_ON = 2;

/** Questions whose answers are yes or no; they also offer "Not sure". */
function isYesNo(options: ReadonlyArray<{ value: string }>): boolean {
  return options.length === 2 && options.every((o) => o.value === 'yes' || o.value === 'no');
}

const WEANED_WEEKS: Record<string, number> = { 'under-3-weeks': 1, 'under-3-months': 6, 'over-3-months': 13 };

/**
 * Red flags an answer to these questions can raise, which the check's next step settles itself:
 * blood is escalated unless cracked nipples or the first days after birth explain it; the
 * not-lactating flags are escalated once the check knows whether a new medicine explains them.
 */
const SETTLED_BY_QUESTION: Partial<Record<QuestionId, readonly string[]>> = {
  colour: ['blood-in-discharge', 'milky-discharge-not-lactating', 'clear-discharge-one-duct', 'one-sided-discharge-not-lactating'],
  crackedNipples: ['blood-in-discharge'],
};

/**
 * The guided symptom check: asks what matters, in the order the flow of knowledge/symptom-check.yaml
 * says, accepts buttons or typed answers, and ends with the likely everyday cause or the see-a-doctor
 * dialog.
 */
export class SymptomCheckDialog extends Dialog implements AnswerAware {
  constructor(
    private readonly services: DialogServices,
    private readonly state: DialogStateAccessors,
  ) {
    super(SYMPTOM_CHECK_DIALOG);
  }

  private now(): Date {
    return this.services.now?.() ?? new Date();
  }

  private question(id: QuestionId, first: boolean): Reply {
    const q = this.services.symptomCheck.questions[id];
    const text = first ? `${this.services.symptomCheck.intro}\n\n${q.text}` : q.text;
    const choices = q.options.map((o) => ({ label: o.label }));
    if (isYesNo(q.options)) choices.push({ label: this.services.composer.messages.confirmUnsure });
    return { text, choices, ...(first ? { topic: 'symptom-check' } : {}) };
  }

  /** The option picked or typed; "not sure" (any question) is recorded as such. */
  private read(question: QuestionId, text: string): string | undefined {
    const option = this.services.symptomCheck.questions[question].options.find((o) => sameChoice(text, o.label));
    if (option) return option.value;
    if (sameChoice(text, this.services.composer.messages.confirmUnsure)) return UNSURE;
    const parsed = parseAnswer(question, text, this.now(), this.services.symptomCheck.vocabulary, this.services.emoji);
    if (parsed !== undefined) return parsed;
    return isUnsure(text, this.services.emoji) ? UNSURE : undefined;
  }

  /** The waiting question, for a reply that first answers something else the parent asked. */
  pendingQuestion(state: unknown): Reply {
    return this.question((state as SymptomCheckState).asking, false);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const parent = await this.state.parent.get(dc.context, {});
    const answers = answersFromContext(parent, this.services.symptomCheck.vocabulary?.thresholds);
    return this.proceed(dc, { answers, asking: 'status', retries: 0 }, nextStep(this.services.symptomCheck.flow, answers, parent), true);
  }

  accepts(_context: TurnContext, state: unknown, text: string): boolean {
    return this.read((state as SymptomCheckState).asking, text) !== undefined;
  }

  settles(state: unknown, flagIds: readonly string[]): boolean {
    const settled = SETTLED_BY_QUESTION[(state as SymptomCheckState).asking] ?? [];
    return flagIds.length > 0 && flagIds.every((id) => settled.includes(id));
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const instance = dc.activeDialog!.state as SymptomCheckState;
    const text = (dc.context.activity.text ?? '').trim();
    let value = this.read(instance.asking, text);
    if (value === undefined) {
      instance.retries += 1;
      if (instance.retries < UNPLACED_BEFORE_MOVING_ON) {
        await sendReply(dc.context, { ...this.question(instance.asking, false), text: `${this.services.symptomCheck.retry}\n\n${this.services.symptomCheck.questions[instance.asking].text}` }, 'symptom-check-retry');
        return Dialog.EndOfTurn;
      }
      value = UNSURE;
    }
    let answers = { ...instance.answers, [instance.asking]: value } as TriageAnswers;
    await this.state.addReported(dc.context, [{ question: this.services.symptomCheck.questions[instance.asking].text, said: text }]);
    const parent = await this.learn(dc.context, answers);
    // "I stopped nursing 2 weeks ago" answers two questions at once.
    answers = { ...answersFromContext(parent, this.services.symptomCheck.vocabulary?.thresholds), ...answers };
    return this.proceed(dc, { answers, asking: instance.asking, retries: 0 }, nextStep(this.services.symptomCheck.flow, answers, parent), false);
  }

  override async resumeDialog(dc: DialogContext, _reason: DialogReason, _result?: unknown): Promise<DialogTurnResult> {
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await sendReply(context, this.question((instance.state as SymptomCheckState).asking, false), 'symptom-check-question');
  }

  /** What the answers say about the parent is kept, so red-flag checks later in the chat use it. */
  private async learn(context: TurnContext, answers: TriageAnswers): Promise<ParentContext> {
    const parent = { ...(await this.state.parent.get(context, {})) };
    if (answers.status === 'pregnant' || answers.status === 'breastfeeding' || answers.status === 'none') parent.lactation = answers.status;
    if (answers.status === 'weaned') {
      parent.lactation = 'weaned';
      if (answers.weanedWhen && parent.weanedWeeksAgo === undefined) parent.weanedWeeksAgo = WEANED_WEEKS[answers.weanedWhen];
    }
    // The answers join the conversation's clinical picture, beside what the parent's own words told.
    parent.picture = mergePicture(parent.picture, pictureFromAnswers(answers, this.services.symptomCheck.vocabulary?.thresholds));
    await this.state.parent.set(context, parent);
    return parent;
  }

  private async proceed(dc: DialogContext, instance: SymptomCheckState, step: TriageStep, first: boolean): Promise<DialogTurnResult> {
    if (step.kind === 'ask') {
      dc.activeDialog!.state = { ...instance, asking: step.question };
      await sendReply(dc.context, this.question(step.question, first), first ? 'symptom-check' : 'symptom-check-question');
      return Dialog.EndOfTurn;
    }
    if (step.kind === 'everyday') {
      const reply = this.services.composer.topic(step.topic, { intro: this.services.symptomCheck.everydayIntro });
      await sendReply(dc.context, reply, 'symptom-check-everyday');
      return dc.endDialog({ outcome: 'everyday', topic: step.topic });
    }
    return dc.replaceDialog(SEE_DOCTOR_DIALOG, { flags: step.flags.map((id) => ({ id })), toBeSafe: step.toBeSafe });
  }
}
