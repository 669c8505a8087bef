import { Dialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { RedFlagFinding } from '../core/safety/types';
import { parseScreeningAnswer, parseYesNo } from '../core/triage/answers';
import { sameChoice, type AnswerAware } from './answerAware';
import { SEE_DOCTOR_DIALOG } from './seeDoctorDialog';
import { sendReply } from './send';
import type { DialogServices } from './services';

export const CONFIRM_FLAG_DIALOG = 'confirmFlag';

export interface ConfirmFlagOptions {
  finding: RedFlagFinding & { question: string };
}

/**
 * When it is unclear whether a warning sign was meant ("I don't think there's blood?"), one short
 * yes/no question settles it: yes goes to the see-a-doctor dialog, no goes back to what was running.
 */
export class ConfirmFlagDialog extends Dialog<ConfirmFlagOptions> implements AnswerAware {
  constructor(private readonly services: DialogServices) {
    super(CONFIRM_FLAG_DIALOG);
  }

  async beginDialog(dc: DialogContext, options?: ConfirmFlagOptions): Promise<DialogTurnResult> {
    if (!options) return dc.endDialog();
    dc.activeDialog!.state = { finding: options.finding };
    await sendReply(dc.context, this.services.composer.confirmQuestion(options.finding.question), 'confirm-flag');
    return Dialog.EndOfTurn;
  }

  private answer(text: string, finding: ConfirmFlagOptions['finding'] | undefined): 'yes' | 'no' | undefined {
    const m = this.services.composer.messages;
    if (sameChoice(text, m.confirmYes)) return 'yes';
    if (sameChoice(text, m.confirmNo)) return 'no';
    // To an emergency question ("are you having thoughts of hurting yourself?") "sometimes" is a yes.
    return finding?.level === 'emergency' ? parseScreeningAnswer(text) : parseYesNo(text);
  }

  accepts(_context: TurnContext, state: unknown, text: string): boolean {
    return this.answer(text, (state as Partial<ConfirmFlagOptions> | undefined)?.finding) !== undefined;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { finding } = dc.activeDialog!.state as ConfirmFlagOptions;
    const answer = this.answer(dc.context.activity.text ?? '', finding);
    if (answer === 'yes') return dc.replaceDialog(SEE_DOCTOR_DIALOG, { flags: [{ id: finding.id, quote: finding.quote }] });
    if (answer === 'no') {
      await sendReply(dc.context, { text: this.services.composer.messages.confirmNoThanks }, 'confirm-flag-denied');
      return dc.endDialog();
    }
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    const { finding } = instance.state as ConfirmFlagOptions;
    await sendReply(context, this.services.composer.confirmQuestion(finding.question), 'confirm-flag');
  }
}
