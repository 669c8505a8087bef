import { defaultSafetyKnowledge, type Thresholds } from '../safety/knowledge';
import type { ParentContext } from '../safety/types';
import type { AnswerOf, QuestionId } from './content';
import { answersFromPicture } from './picture';

/**
 * "The parent is not sure": recorded for a question after "not sure", or after two answers the check
 * could not place, so the check goes on instead of asking the same thing again.
 */
export const UNSURE = 'unsure';

/**
 * What the parent has answered so far; the symptom check's whole state. What to ask next, and the
 * outcome, follow from it by the flow of knowledge/symptom-check.yaml (core/triage/flow.ts).
 */
export type TriageAnswers = { [Q in QuestionId]?: AnswerOf<Q> | typeof UNSURE };

export type TriageStep =
  | { kind: 'ask'; question: QuestionId }
  /** Everyday leaking: answer with this knowledge topic. */
  | { kind: 'everyday'; topic: string }
  /**
   * A warning sign: the see-a-doctor dialog, for these red flag ids (knowledge/red-flags.yaml).
   * `toBeSafe`: the parent was not sure about the answer that decided it, so the advice says "to be safe".
   */
  | { kind: 'see-doctor'; flags: string[]; toBeSafe?: boolean };

/** Answers the conversation already knows, so the check does not ask them again. */
export function answersFromContext(context: ParentContext, thresholds: Pick<Thresholds, 'weanedWeeks' | 'weaningWindDownWeeks' | 'lumpDays'> = defaultSafetyKnowledge().thresholds): TriageAnswers {
  const known: TriageAnswers = {};
  if (context.lactation === 'pregnant') known.status = 'pregnant';
  if (context.lactation === 'breastfeeding' || context.lactation === 'pumping') known.status = 'breastfeeding';
  if (context.lactation === 'none') known.status = 'none';
  if (context.lactation === 'weaned') {
    known.status = 'weaned';
    if (context.weanedWeeksAgo !== undefined) {
      known.weanedWhen = context.weanedWeeksAgo < thresholds.weaningWindDownWeeks ? 'under-3-weeks' : context.weanedWeeksAgo < thresholds.weanedWeeks ? 'under-3-months' : 'over-3-months';
    }
  }
  // What the parent already said in their own words (the clinical picture) is not asked again.
  return { ...known, ...answersFromPicture(context.picture ?? {}, thresholds) };
}
