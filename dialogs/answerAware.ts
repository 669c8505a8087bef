import type { TurnContext } from 'botbuilder';
import type { Reply } from '../core/conversation/reply';

/**
 * A dialog waiting for an answer says whether a message answers it. When it doesn't, the main dialog
 * treats the message as a new question instead of forcing it into the waiting one.
 */
export interface AnswerAware {
  accepts(context: TurnContext, state: unknown, text: string): Promise<boolean> | boolean;
  /**
   * True when the waiting dialog settles these red flags itself from this very answer, more exactly
   * than an interruption would (the symptom check asks about cracked nipples before escalating blood).
   */
  settles?(state: unknown, flagIds: readonly string[]): boolean;
  /**
   * The question still waiting, so a reply that answers something else the parent asked can end with
   * it: one reply, the answer first, the question after. Counts as asking it again.
   */
  pendingQuestion?(state: unknown): Reply;
}

export function isAnswerAware(dialog: unknown): dialog is AnswerAware {
  return typeof (dialog as Partial<AnswerAware> | undefined)?.accepts === 'function';
}

/** How a button label or a typed message is compared: case, spacing, apostrophes and end punctuation don't matter. */
export function choiceKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\u2019'`]/g, '').replace(/[\s.!?\u2026]+$/g, '').replace(/\s+/g, ' ').trim();
}

export function sameChoice(text: string, label: string): boolean {
  return choiceKey(text) === choiceKey(label);
}
