/** Red-flag detection types. Domain core: no Bot Framework types here. */
import type { ClinicalPicture } from './picture';

/** Lowest to highest; see ../shared/clinical-reference.md "Urgency levels". */
export const URGENCY_LEVELS = ['routine', 'soon', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCY_LEVELS)[number];

export function urgencyRank(level: Urgency): number {
  return URGENCY_LEVELS.indexOf(level);
}

/** What the conversation knows about the parent; it changes what counts as a red flag. */
export interface ParentContext {
  /** pregnant, breastfeeding or pumping count as lactating; weaned and none do not. */
  lactation?: 'pregnant' | 'breastfeeding' | 'pumping' | 'weaned' | 'none';
  /** Weeks since fully weaning, when known. */
  weanedWeeksAgo?: number;
  /** True when the person says they are a man (any nipple discharge in a man is a flag). */
  male?: boolean;
  /** Everything the conversation has told so far (./picture): kept with the rest of the context. */
  picture?: ClinicalPicture;
}

export interface RedFlagFinding {
  /** Id from knowledge/red-flags.yaml. */
  id: string;
  level: Urgency;
  /** The part of the parent's message that raised it, in their own words (for their clinician summary; never logged). */
  quote: string;
}

export interface SafetyAssessment {
  /** Reported red flags: escalate at the highest level. */
  flags: RedFlagFinding[];
  /** Possible red flags where negation or meaning is uncertain: ask one short confirming question. */
  toConfirm: Array<RedFlagFinding & { question: string }>;
  /**
   * Red flags only asked about ("can mastitis cause leaking?"): answer from the knowledge base and end
   * with when to see a doctor; not a report of symptoms. Emergency-level flags are never put here.
   */
  askedAbout: RedFlagFinding[];
  /** Facts about the parent learned from this message ("I stopped nursing in March", "I'm a dad"). */
  learned: Partial<ParentContext>;
  /** Highest level among `flags`, or null when there is none. */
  level: Urgency | null;
  /** The conversation's clinical picture with this message added (store it as ParentContext.picture). */
  picture?: ClinicalPicture;
}
