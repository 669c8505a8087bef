import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Reply } from '../core/conversation/reply';
import type { Understanding } from '../core/nlu/types';
import type { SafetyAssessment } from '../core/safety/types';
import { asksQuestion, questionParts, withoutQuotes, wordCount } from '../core/text/questionParts';
import { choiceKey, sameChoice } from './answerAware';
import { COMMAND_TOPICS } from './commands';
import { isAnswerAware } from './answerAware';
import { CONFIRM_FLAG_DIALOG, ConfirmFlagDialog, type ConfirmFlagOptions } from './confirmFlagDialog';
import { InterruptibleDialog } from './interruptibleDialog';
import { SEE_DOCTOR_DIALOG, SeeDoctorDialog } from './seeDoctorDialog';
import { sendReply } from './send';
import type { DialogServices, DialogStateAccessors } from './services';
import { SYMPTOM_CHECK_DIALOG, SymptomCheckDialog } from './symptomCheckDialog';
import type { TurnInput } from './turnInput';

export const MAIN_DIALOG = 'main';

/** After this many misunderstandings in a row, the parent is offered the clinic's contact. */
const MISUNDERSTANDINGS_BEFORE_HANDOFF = 2;

/** What is left of a message without its warning signs says what it asks only from this many words. */
const MIN_REST_WORDS = 3;

/**
 * Routes every message once the interruption checks have passed: to the dialog waiting for an
 * answer when the message answers it, otherwise to a topic, the symptom check, or the "not sure"
 * and out-of-scope paths.
 */
export class MainDialog extends InterruptibleDialog {
  /** Button labels (topic titles, welcome choices, the way back up) to topic ids: a click always means its topic. */
  private readonly choiceTopics = new Map<string, string>();
  /** "More: <title>" buttons to the topic whose rest they ask for. */
  private readonly moreTopics = new Map<string, string>();
  /** A hub's page buttons ("More causes (2 of 4)", or its label alone for the second page) to the hub and page. */
  private readonly hubPages = new Map<string, { hub: string; page: number }>();

  constructor(services: DialogServices, state: DialogStateAccessors, topics: Iterable<{ id: string; title: string }>) {
    super(MAIN_DIALOG, services, state);
    this.addDialog(new SymptomCheckDialog(services, state));
    this.addDialog(new SeeDoctorDialog(services, state, (context, text) => this.heldQuestion(context, text)));
    this.addDialog(new ConfirmFlagDialog(services));
    const { composer } = services;
    const add = (label: string, topic: string) => {
      if (!this.choiceTopics.has(choiceKey(label))) this.choiceTopics.set(choiceKey(label), topic);
    };
    for (const c of composer.messages.welcomeChoices) add(c.label, c.topic);
    const all = [...topics];
    for (const t of all) {
      add(composer.choiceLabel(t), t.id);
      add(t.title, t.id);
    }
    for (const t of all) {
      add(composer.backLabel(t), t.id);
      this.moreTopics.set(choiceKey(composer.moreLabel(t)), t.id);
    }
    for (const b of composer.hubPageButtons()) this.hubPages.set(choiceKey(b.label), { hub: b.hub, page: b.page });
  }

  protected askedTopic(input: TurnInput, signQuotes: readonly string[] = []): { topic?: string; candidates?: string[] } {
    const { composer, understanding } = this.services;
    const clicked = this.clickedTopic(input.text);
    if (clicked) return composer.answerable(clicked) ? { topic: clicked } : {};
    // A question beside a warning sign is read on its own first: the sign's words must not outweigh it
    // ("how do I stop leaking at night? I have a fever" asks about nights, not mastitis).
    let partCandidates: string[] | undefined;
    for (const part of questionParts(input.understood)) {
      const asked = understanding.understand(part);
      if (asked.kind === 'topic' && composer.answerable(asked.topic)) return { topic: asked.topic };
      if (asked.kind === 'unsure') partCandidates ??= asked.candidates.map((c) => c.topic);
    }
    // Then the message without the sentences that report the signs ("night leaks are ruining my sheets.
    // also I've got red lines and a fever" is about leaking at night).
    const rest = withoutQuotes(input.understood, signQuotes);
    let restCandidates: string[] | undefined;
    if (rest !== input.understood && wordCount(rest) > 0) {
      const asked = understanding.understand(rest);
      if (asked.kind === 'topic' && composer.answerable(asked.topic) && wordCount(rest) >= MIN_REST_WORDS) return { topic: asked.topic };
      if (asked.kind === 'unsure') restCandidates = asked.candidates.map((c) => c.topic);
    }
    const own = partCandidates ?? restCandidates;
    const understood = understanding.understand(input.understood);
    // Beside a sign, the whole message may be read as the sign's topic ("milk question? I also have
    // pus" as mastitis): when what the parent asked was unclear and did not come near that topic, what
    // it may have meant is offered instead.
    const signOutweighs = signQuotes.length > 0 && own !== undefined && understood.kind === 'topic' && !own.includes(understood.topic);
    if (understood.kind === 'topic' && composer.answerable(understood.topic) && !signOutweighs) return { topic: understood.topic };
    // Not sure what the question meant: the topics it may have meant, its own words' first.
    if (own) return { candidates: own };
    if (understood.kind === 'unsure') return { candidates: understood.candidates.map((c) => c.topic) };
    return {};
  }

  /** What a message asks while an emergency holds the conversation: the rest of an answer, or a topic. */
  private async heldQuestion(context: TurnContext, text: string): Promise<{ topic: string; whole?: boolean } | undefined> {
    const { composer, understanding } = this.services;
    const more = this.moreTopics.get(choiceKey(text)) ?? (composer.messages.morePhrases.some((p) => sameChoice(text, p)) ? await this.state.lastTopic.get(context) : undefined);
    if (more) return { topic: more, whole: true };
    const clicked = this.clickedTopic(text);
    // Only a question is answered: "I'm scared, my milk won't stop" gets the reminder alone.
    const understood = clicked || !asksQuestion(text) ? undefined : understanding.understand(text);
    const topic = clicked ?? (understood?.kind === 'topic' ? understood.topic : undefined);
    return topic && composer.answerable(topic) ? { topic } : undefined;
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
    if (topic === 'symptom-check' && this.checkMayReplace(innerDc)) {
      // Asked for the symptom check instead of answering a confirming question: the check asks about
      // the same signs, in its order, and skips what the parent already told.
      await innerDc.cancelAllDialogs();
      await innerDc.beginDialog(SYMPTOM_CHECK_DIALOG);
      return Dialog.EndOfTurn;
    }
    if (topic && topic !== 'symptom-check') {
      const command = COMMAND_TOPICS[topic];
      if (command) {
        await this.runCommand(innerDc, command);
        return Dialog.EndOfTurn;
      }
      if (active.id === SEE_DOCTOR_DIALOG) {
        await this.answerTopic(innerDc, topic, assessment);
        await innerDc.cancelAllDialogs();
        return Dialog.EndOfTurn;
      }
      const waiting = this.findDialog(active.id);
      if (isAnswerAware(waiting) && waiting.pendingQuestion) {
        // One reply: the answer, then the question that is still waiting.
        const question = waiting.pendingQuestion(active.state);
        await this.answerTopic(innerDc, topic, assessment, { ...question, text: `${this.services.composer.messages.helpResume}\n\n${question.text}` });
        return Dialog.EndOfTurn;
      }
      await this.answerTopic(innerDc, topic, assessment);
      await sendReply(innerDc.context, { text: this.services.composer.messages.helpResume }, 'resume');
      await innerDc.repromptDialog();
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

  /** A confirming question on its own (not inside the check), and not a crisis question, which is always answered first. */
  private checkMayReplace(innerDc: DialogContext): boolean {
    const active = innerDc.activeDialog;
    if (active?.id !== CONFIRM_FLAG_DIALOG || innerDc.stack.length > 1) return false;
    return (active.state as ConfirmFlagOptions).finding.level !== 'emergency';
  }

  protected override isOwnButton(text: string): boolean {
    return super.isOwnButton(text) || this.moreTopics.has(choiceKey(text)) || this.hubPages.has(choiceKey(text));
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
    if (sameChoice(input.text, composer.messages.menuChoice)) {
      await sendReply(innerDc.context, composer.menu(), 'menu');
      return Dialog.EndOfTurn;
    }
    const hubPage = this.hubPages.get(choiceKey(input.text));
    if (hubPage) {
      await this.state.lastTopic.set(innerDc.context, hubPage.hub);
      await sendReply(innerDc.context, composer.hubPage(hubPage.hub, hubPage.page), 'hub-page');
      return Dialog.EndOfTurn;
    }
    const more = await this.moreAskedFor(innerDc, input.text);
    if (more) {
      await sendReply(innerDc.context, composer.topicMore(more), 'more');
      return Dialog.EndOfTurn;
    }
    if (sameChoice(input.text, composer.messages.noneOfThese)) {
      // The parent is helping, not being misunderstood again: ask for other words, count nothing.
      await sendReply(innerDc.context, { text: composer.messages.rephrase, choices: composer.welcomeChoices() }, 'rephrase');
      return Dialog.EndOfTurn;
    }
    const clicked = this.clickedTopic(input.text);
    const understanding: Understanding = clicked
      ? { kind: 'topic', topic: clicked, confidence: 1, alternatives: [] }
      : (known ?? this.understandMessage(input.understood));

    if (understanding.kind === 'topic') {
      await this.state.misunderstood.set(innerDc.context, 0);
      await this.state.likelyTopics.delete(innerDc.context);
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

  /**
   * The whole message, or when that is unclear, the first of its questions that is clear on its own.
   * The whole first: reading a standalone question first lost 14 of 943 lines of development sets'
   * kept parts through the bot (2026-12-04), where the story around it told the topic better.
   */
  private understandMessage(text: string): Understanding {
    const { understanding } = this.services;
    const whole = understanding.understand(text);
    if (whole.kind === 'topic') return whole;
    for (const part of questionParts(text)) {
      const asked = understanding.understand(part);
      if (asked.kind === 'topic') return asked;
    }
    return whole;
  }

  /** The topic whose rest is asked for: its "More:" button, or "tell me more" after an answer. */
  private async moreAskedFor(innerDc: DialogContext, text: string): Promise<string | undefined> {
    const clicked = this.moreTopics.get(choiceKey(text));
    if (clicked) return clicked;
    if (!this.services.composer.messages.morePhrases.some((p) => sameChoice(text, p))) return undefined;
    return this.state.lastTopic.get(innerDc.context);
  }

  private async answerTopic(innerDc: DialogContext, topic: string, assessment: SafetyAssessment, question?: Reply): Promise<void> {
    const { composer } = this.services;
    const reply = composer.plan({ topic, askedAbout: assessment.askedAbout.map((f) => ({ id: f.id, quote: f.quote })), question });
    if (composer.answerable(topic)) await this.state.lastTopic.set(innerDc.context, topic);
    await sendReply(innerDc.context, reply, 'topic');
  }

  private async misunderstood(innerDc: DialogContext, understanding: Understanding): Promise<DialogTurnResult> {
    const { composer } = this.services;
    const count = (await this.state.misunderstood.get(innerDc.context, 0)) + 1;
    const candidates = understanding.kind === 'unsure' ? understanding.candidates.map((c) => c.topic) : [];
    const earlier = await this.state.likelyTopics.get(innerDc.context, []);
    const likely = [...new Set([...candidates, ...earlier])].slice(0, 3);
    if (count >= MISUNDERSTANDINGS_BEFORE_HANDOFF) {
      await this.state.misunderstood.set(innerDc.context, 0);
      await this.state.likelyTopics.delete(innerDc.context);
      await sendReply(innerDc.context, composer.misunderstoodTwice(likely), 'misunderstood-twice');
      return Dialog.EndOfTurn;
    }
    await this.state.misunderstood.set(innerDc.context, count);
    await this.state.likelyTopics.set(innerDc.context, likely);
    if (understanding.kind === 'unsure') {
      await sendReply(innerDc.context, composer.unsure(understanding.candidates.map((c) => c.topic)), 'unsure');
    } else {
      await sendReply(innerDc.context, composer.outOfScope(), 'out-of-scope');
    }
    return Dialog.EndOfTurn;
  }
}
