import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Understanding } from '../core/nlu/types';
import type { SafetyAssessment } from '../core/safety/types';
import { choiceKey, sameChoice } from './answerAware';
import { COMMAND_TOPICS } from './commands';
import { ConfirmFlagDialog } from './confirmFlagDialog';
import { InterruptibleDialog } from './interruptibleDialog';
import { SEE_DOCTOR_DIALOG, SeeDoctorDialog } from './seeDoctorDialog';
import { sendReply } from './send';
import type { DialogServices, DialogStateAccessors } from './services';
import { SYMPTOM_CHECK_DIALOG, SymptomCheckDialog } from './symptomCheckDialog';
import type { TurnInput } from './turnInput';

export const MAIN_DIALOG = 'main';

/** After this many misunderstandings in a row, the parent is offered the clinic's contact. */
const MISUNDERSTANDINGS_BEFORE_HANDOFF = 2;

/**
 * Routes every message once the interruption checks have passed: to the dialog waiting for an
 * answer when the message answers it, otherwise to a topic, the symptom check, or the "not sure"
 * and out-of-scope paths.
 */
export class MainDialog extends InterruptibleDialog {
  /** Button labels (topic titles, welcome choices) to topic ids: a click always means its topic. */
  private readonly choiceTopics = new Map<string, string>();

  constructor(services: DialogServices, state: DialogStateAccessors, topics: Iterable<{ id: string; title: string }>) {
    super(MAIN_DIALOG, services, state);
    this.addDialog(new SymptomCheckDialog(services, state));
    this.addDialog(new SeeDoctorDialog(services, state));
    this.addDialog(new ConfirmFlagDialog(services));
    const { composer } = services;
    const add = (label: string, topic: string) => {
      if (!this.choiceTopics.has(choiceKey(label))) this.choiceTopics.set(choiceKey(label), topic);
    };
    for (const c of composer.messages.welcomeChoices) add(c.label, c.topic);
    for (const t of topics) {
      add(composer.choiceLabel({ title: t.title } as Parameters<typeof composer.choiceLabel>[0]), t.id);
      add(t.title, t.id);
    }
  }

  protected async route(innerDc: DialogContext, input: TurnInput, assessment: SafetyAssessment): Promise<DialogTurnResult> {
    const active = innerDc.activeDialog;
    if (!active) return this.routeNew(innerDc, input, assessment);
    if (await this.activeDialogAccepts(innerDc, input.text)) {
      await innerDc.continueDialog();
      return Dialog.EndOfTurn;
    }
    // Not an answer to what is waiting: maybe a question of its own.
    const understanding = this.services.understanding.understand(input.understood);
    const clicked = this.clickedTopic(input.text);
    const topic = clicked ?? (understanding.kind === 'topic' ? understanding.topic : undefined);
    if (topic && topic !== 'symptom-check') {
      const command = COMMAND_TOPICS[topic];
      if (command) {
        await this.runCommand(innerDc, command);
        return Dialog.EndOfTurn;
      }
      await this.answerTopic(innerDc, topic, assessment);
      if (active.id === SEE_DOCTOR_DIALOG) {
        await innerDc.cancelAllDialogs();
      } else {
        await sendReply(innerDc.context, { text: this.services.composer.messages.helpResume }, 'resume');
        await innerDc.repromptDialog();
      }
      return Dialog.EndOfTurn;
    }
    if (active.id === SEE_DOCTOR_DIALOG) {
      await innerDc.cancelAllDialogs();
      return this.routeNew(innerDc, input, assessment, understanding);
    }
    // The waiting dialog asks its question again, in other words.
    await innerDc.continueDialog();
    return Dialog.EndOfTurn;
  }

  protected clickedTopic(text: string): string | undefined {
    return this.choiceTopics.get(choiceKey(text));
  }

  private async routeNew(
    innerDc: DialogContext,
    input: TurnInput,
    assessment: SafetyAssessment,
    known?: Understanding,
  ): Promise<DialogTurnResult> {
    const { composer } = this.services;
    if (sameChoice(input.text, composer.messages.noneOfThese)) {
      // The parent is helping, not being misunderstood again: ask for other words, count nothing.
      await sendReply(innerDc.context, { text: composer.messages.rephrase, choices: composer.welcomeChoices() }, 'rephrase');
      return Dialog.EndOfTurn;
    }
    const clicked = this.clickedTopic(input.text);
    const understanding: Understanding = clicked
      ? { kind: 'topic', topic: clicked, confidence: 1, alternatives: [] }
      : (known ?? this.services.understanding.understand(input.understood));

    if (understanding.kind === 'topic') {
      await this.state.misunderstood.set(innerDc.context, 0);
      const command = COMMAND_TOPICS[understanding.topic];
      if (command) {
        await this.runCommand(innerDc, command);
        return Dialog.EndOfTurn;
      }
      if (understanding.topic === 'symptom-check') {
        await innerDc.beginDialog(SYMPTOM_CHECK_DIALOG);
        return Dialog.EndOfTurn;
      }
      await this.answerTopic(innerDc, understanding.topic, assessment);
      return Dialog.EndOfTurn;
    }
    if (assessment.askedAbout.length > 0) {
      // A question about a warning sign that matched no topic still gets when to see a doctor.
      await this.answerTopic(innerDc, 'when-to-see-doctor', assessment);
      return Dialog.EndOfTurn;
    }
    return this.misunderstood(innerDc, understanding);
  }

  private async answerTopic(innerDc: DialogContext, topic: string, assessment: SafetyAssessment): Promise<void> {
    const reply = this.services.composer.topic(topic, { askedAbout: assessment.askedAbout.map((f) => ({ id: f.id, quote: f.quote })) });
    await sendReply(innerDc.context, reply, 'topic');
  }

  private async misunderstood(innerDc: DialogContext, understanding: Understanding): Promise<DialogTurnResult> {
    const { composer } = this.services;
    const count = (await this.state.misunderstood.get(innerDc.context, 0)) + 1;
    if (count >= MISUNDERSTANDINGS_BEFORE_HANDOFF) {
      await this.state.misunderstood.set(innerDc.context, 0);
      await sendReply(innerDc.context, composer.misunderstoodTwice(), 'misunderstood-twice');
      return Dialog.EndOfTurn;
    }
    await this.state.misunderstood.set(innerDc.context, count);
    if (understanding.kind === 'unsure') {
      await sendReply(innerDc.context, composer.unsure(understanding.candidates.map((c) => c.topic)), 'unsure');
    } else {
      await sendReply(innerDc.context, composer.outOfScope(), 'out-of-scope');
    }
    return Dialog.EndOfTurn;
  }
}
