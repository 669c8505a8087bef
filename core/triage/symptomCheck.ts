import { defaultSafetyKnowledge, type Thresholds } from '../safety/knowledge';
import type { ParentContext } from '../safety/types';
import type { AnswerOf, QuestionId } from './content';
import { answersFromPicture } from './picture';

/**
 * "The parent is not sure": recorded for a question after "not sure", or after two answers the check
 * could not place, so the check goes on instead of asking the same thing again.
 */
export const UNSURE = 'unsure';

/** What the parent has answered so far; the symptom check's whole state. */
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

const PATTERN_TOPICS: Record<AnswerOf<'pattern'>, string> = {
  full: 'full-breasts',
  'other-side': 'other-breast-leaking',
  baby: 'letdown-reflex',
  shower: 'shower-leaking',
  sex: 'leaking-during-sex',
  heavy: 'oversupply',
  'no-pattern': 'no-obvious-reason',
};

const ask = (question: QuestionId): TriageStep => ({ kind: 'ask', question });
const seeDoctor = (...flags: string[]): TriageStep => ({ kind: 'see-doctor', flags });
const toBeSafe = (...flags: string[]): TriageStep => ({ kind: 'see-doctor', flags, toBeSafe: true });
const everyday = (topic: string): TriageStep => ({ kind: 'everyday', topic });

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

/**
 * The next question, or the outcome. Questions come in the order that settles the answer soonest:
 * who is leaking (that decides what is normal), then what is leaking and how, then warning signs.
 * The first warning sign ends the check: the see-a-doctor reply also says what to do if more appears.
 */
export function nextStep(a: TriageAnswers, context: ParentContext = {}): TriageStep {
  if (context.male) return seeDoctor('discharge-in-man');
  if (!a.status) return ask('status');
  if (a.status === 'weaned' && !a.weanedWhen) return ask('weanedWhen');
  if (a.weanedWhen === 'over-3-months') return seeDoctor('leaking-long-after-weaning');
  // Weaned within three months (or not sure when): milk is still winding down, so leaking is judged as in lactation.
  // Not sure whether pregnant or feeding: judged as lactating, the commoner case for whoever uses this helper.
  const lactating = a.status !== 'none';

  if (!a.side) return ask('side');
  if (!a.colour) return ask('colour');
  if (a.colour === 'bloody') {
    if (a.status === 'breastfeeding') {
      if (!a.crackedNipples) return ask('crackedNipples');
      if (a.crackedNipples === 'yes') return everyday('blood-in-milk');
      if (a.crackedNipples === UNSURE) return toBeSafe('blood-in-discharge');
    }
    return seeDoctor('blood-in-discharge');
  }
  // A side the parent is not sure of is not ruled out as one side.
  if (a.colour === 'clear' && a.side === 'one') return seeDoctor('clear-discharge-one-duct');
  if (a.colour === 'clear' && a.side === UNSURE) return toBeSafe('clear-discharge-one-duct');

  if (!a.trigger) return ask('trigger');
  if (!lactating && a.side !== 'both' && a.trigger !== 'squeezed') {
    return a.side === 'one' && a.trigger === 'own' ? seeDoctor('one-sided-discharge-not-lactating') : toBeSafe('one-sided-discharge-not-lactating');
  }

  if (!a.signs) return ask('signs');
  if (a.signs === 'fever') {
    if (!a.breastSigns) return ask('breastSigns');
    if (a.breastSigns === 'yes') return seeDoctor('fever-with-breast-signs');
    if (a.breastSigns === UNSURE) return toBeSafe('fever-with-breast-signs');
  }
  if (a.signs === 'pain-redness') {
    if (!a.feverToo) return ask('feverToo');
    if (a.feverToo === 'yes') return seeDoctor('fever-with-breast-signs');
    if (a.feverToo === UNSURE) return toBeSafe('fever-with-breast-signs');
  }
  if (a.signs === 'lump') {
    if (!lactating) return seeDoctor('persistent-lump');
    if (!a.lumpDuration) return ask('lumpDuration');
    if (a.lumpDuration === 'over-week') return seeDoctor('persistent-lump');
    if (a.lumpDuration === UNSURE) return toBeSafe('persistent-lump');
  }

  if (!lactating) {
    if (!a.other) return ask('other');
    if (a.other === 'new-medicine') return seeDoctor('discharge-with-new-medicine');
    if (a.colour === 'milky' || (a.other !== 'none' && a.other !== UNSURE)) return seeDoctor('milky-discharge-not-lactating');
    if (a.other === UNSURE) return toBeSafe('milky-discharge-not-lactating');
    // Yellow or green from both sides, only when squeezed: the usual harmless pattern outside lactation.
    return everyday(a.colour === 'green' ? 'duct-ectasia' : 'fibrocystic-changes');
  }

  if (a.signs === 'fever') return everyday('mastitis-and-infection');
  if (a.signs === 'pain-redness' || a.signs === 'lump') return everyday('blocked-duct');
  if (a.status === 'pregnant') return everyday('pregnancy-leaking');
  if (a.status === 'weaned') return everyday('leaking-after-weaning');
  if (!a.pattern) return ask('pattern');
  return everyday(a.pattern === UNSURE ? PATTERN_TOPICS['no-pattern'] : PATTERN_TOPICS[a.pattern]);
}
