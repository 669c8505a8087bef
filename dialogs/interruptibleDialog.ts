import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { SafetyAssessment } from '../core/safety/types';
import { asksQuestion } from '../core/text/questionParts';
import { isAnswerAware } from './answerAware';
import { commandOf, type Command } from './commands';
import { CONFIRM_FLAG_DIALOG } from './confirmFlagDialog';
import { SEE_DOCTOR_DIALOG } from './seeDoctorDialog';
import { sendReply } from './send';
import type { DialogServices, DialogStateAccessors } from './services';
import { FORGET_ME } from './turnFlags';
import { readTurnInput, type TurnInput } from './turnInput';

const NOTHING_TO_ASSESS: SafetyAssessment = { flags: [], toConfirm: [], askedAbout: [], learned: {}, level: null };

/**
 * The base every conversation runs under, after BotBuilder-Samples' CancelAndHelpDialog. Before any
 * dialog sees a message, it checks, in this order:
 *   1. red flags, on the whole raw message: any flag interrupts whatever is running;
 *   2. "forget me", "start over", "stop" and "help", said as the whole message;
 *   3. a possible red flag that needs one confirming question.
 * Only then does `route` decide what the message means.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly services: DialogServices,
    protected readonly state: DialogStateAccessors,
  ) {
    super(id);
  }

  protected abstract route(innerDc: DialogContext, input: TurnInput, assessment: SafetyAssessment): Promise<DialogTurnResult>;

  /**
   * The topic whose button this message is, word for word. Buttons send their label as text, and
   * a label like "Blood or pink milk while breastfeeding" asks for that topic; it reports nothing.
   */
  protected abstract clickedTopic(text: string): string | undefined;

  /** A button the bot offered (a topic, "More: <topic>"...), sent back word for word: it reports nothing. */
  protected isOwnButton(text: string): boolean {
    return this.clickedTopic(text) !== undefined;
  }

  /**
   * The health topic this message asks about, if one is clear, else the topics it may mean: read
   * before anything is said, so a reply about a warning sign also answers the question.
   */
  protected abstract askedTopic(input: TurnInput, signQuotes?: readonly string[]): { topic?: string; candidates?: string[] };

  protected override onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(innerDc);
  }

  protected override onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.onTurn(innerDc);
  }

  private async onTurn(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { composer } = this.services;
    const input = readTurnInput(innerDc.context.activity, this.services.maxMessageChars, this.services.maxReadableChars);
    if (input.problem) {
      const answer = { empty: composer.messages.emptyMessage, 'non-text': composer.messages.nonTextMessage, 'too-long': composer.fill(composer.messages.tooLongToRead) };
      // Whatever was waiting for an answer asks again, so the parent is not left without a question;
      // with nothing waiting, the welcome menu's choices go with "what would you like to know?".
      const choices = innerDc.activeDialog ? undefined : composer.welcomeChoices();
      await sendReply(innerDc.context, { text: answer[input.problem], choices }, input.problem);
      if (innerDc.activeDialog) await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    const ownButton = this.isOwnButton(input.text);
    const assessment = ownButton ? NOTHING_TO_ASSESS : await this.assess(innerDc, input);
    // A message in another language: a short reply in that language (this helper reads English; whom
    // to call), with the advice for any red flag the detector still found in it.
    const otherLanguage = this.services.otherLanguage;
    const language = ownButton ? undefined : otherLanguage?.languageOf(input.text);
    const notice = language ? otherLanguage!.notice(language) : undefined;
    if (assessment.flags.length > 0 && !(await this.activeDialogSettles(innerDc, input.text, assessment))) {
      // One reply: the advice, urgency first, with the answer to what was asked.
      const { topic, candidates } = language ? {} : this.askedTopic(input, signQuotes(assessment));
      if (topic) await this.state.lastTopic.set(innerDc.context, topic);
      const questionAsked = asksQuestion(input.text);
      await innerDc.cancelAllDialogs();
      await innerDc.beginDialog(SEE_DOCTOR_DIALOG, {
        flags: assessment.flags.map((f) => ({ id: f.id, quote: f.quote })),
        topic,
        // A question not understood for sure still gets the topics it may have meant, after the advice.
        candidates: !topic && questionAsked ? candidates : undefined,
        questionAsked,
        preface: notice,
      });
      return Dialog.EndOfTurn;
    }
    const command = commandOf(input.text, composer.messages);
    if (command) {
      await this.runCommand(innerDc, command);
      return Dialog.EndOfTurn;
    }
    if (notice) {
      await sendReply(innerDc.context, { text: notice }, 'other-language');
      // As after an unreadable message, whatever was waiting asks again: the parent may read some English.
      if (innerDc.activeDialog) await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    // An emergency question (crisis language) is asked even when a symptom-check question could take
    // the message as its answer; only the confirming dialog's own answer goes through.
    const question = assessment.toConfirm[0];
    const answered =
      question && (question.level !== 'emergency' || innerDc.activeDialog?.id === CONFIRM_FLAG_DIALOG) && (await this.activeDialogAccepts(innerDc, input.text));
    if (question && !answered) {
      // The confirming question never takes the place of the answer: it comes after it.
      const { topic, candidates } = this.askedTopic(input, signQuotes(assessment));
      if (topic) await this.state.lastTopic.set(innerDc.context, topic);
      const askedAbout = assessment.askedAbout.map((f) => ({ id: f.id, quote: f.quote }));
      await innerDc.beginDialog(CONFIRM_FLAG_DIALOG, { finding: question, topic, askedAbout, candidates });
      return Dialog.EndOfTurn;
    }
    if (input.cut) await sendReply(innerDc.context, { text: composer.messages.tooLong }, 'too-long');
    return this.route(innerDc, input, assessment);
  }

  private async assess(innerDc: DialogContext, input: TurnInput): Promise<SafetyAssessment> {
    const parent = await this.state.parent.get(innerDc.context, {});
    const assessment = this.services.safety.assess(input.text, parent);
    // The clinical picture lives with the rest of what the conversation knows about the parent.
    const learned = assessment.picture ? { ...assessment.learned, picture: assessment.picture } : assessment.learned;
    if (Object.keys(learned).length > 0) await this.state.parent.set(innerDc.context, { ...parent, ...learned });
    return assessment;
  }

  protected async activeDialogAccepts(innerDc: DialogContext, text: string): Promise<boolean> {
    const active = innerDc.activeDialog;
    if (!active) return false;
    const dialog = this.findDialog(active.id);
    return isAnswerAware(dialog) && (await dialog.accepts(innerDc.context, active.state, text));
  }

  private async activeDialogSettles(innerDc: DialogContext, text: string, assessment: SafetyAssessment): Promise<boolean> {
    const active = innerDc.activeDialog;
    if (!active) return false;
    const dialog = this.findDialog(active.id);
    if (!isAnswerAware(dialog) || !dialog.settles) return false;
    return dialog.settles(active.state, assessment.flags.map((f) => f.id)) && (await dialog.accepts(innerDc.context, active.state, text));
  }

  private async emergencyStanding(innerDc: DialogContext): Promise<boolean> {
    return (await this.state.emergency.get(innerDc.context, [])).length > 0;
  }

  protected async runCommand(innerDc: DialogContext, command: Command): Promise<void> {
    const { composer } = this.services;
    const context = innerDc.context;
    if (command === 'forgetMe') {
      await innerDc.cancelAllDialogs();
      // The bot deletes the state after this turn, so nothing said now is saved again.
      context.turnState.set(FORGET_ME, true);
      await sendReply(context, composer.topic('forget-me'), 'forget-me');
      return;
    }
    if (command === 'help') {
      await sendReply(context, composer.topic('help'), 'help');
      if (innerDc.activeDialog) {
        await sendReply(context, { text: composer.messages.helpResume }, 'help-resume');
        await innerDc.repromptDialog();
      }
      return;
    }
    if (await this.emergencyStanding(innerDc)) {
      // Starting over must not bury an emergency: the see-a-doctor dialog repeats what to do now.
      await innerDc.repromptDialog();
      return;
    }
    const wasRunning = innerDc.activeDialog !== undefined;
    await innerDc.cancelAllDialogs();
    await this.state.misunderstood.set(context, 0);
    await this.state.likelyTopics.delete(context);
    if (command === 'stop' && wasRunning) {
      await sendReply(context, { text: composer.messages.symptomCheckStopped, choices: composer.welcomeChoices() }, 'stopped');
      return;
    }
    await this.state.report.delete(context);
    await sendReply(context, { ...composer.topic('restart'), choices: composer.welcomeChoices() }, 'restart');
  }
}

/** The parent's words that report or may report a warning sign, as the detector quotes them. */
function signQuotes(assessment: SafetyAssessment): string[] {
  return [...assessment.flags, ...assessment.toConfirm].map((f) => f.quote);
}
