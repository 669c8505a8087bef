/**
 * The words the symptom check reads typed answers with, from the one lexicon
 * (knowledge/safety/concepts.yaml): a new word or misspelling for "fever" there is understood as an
 * answer here too. The weaning thresholds come from knowledge/safety/rules.yaml.
 */
import { defaultSafetyKnowledge, SYMPTOM_CHECK_CONCEPTS, wordsPattern, type SafetyKnowledge, type Thresholds } from '../safety/knowledge';

export type AnswerConcept = (typeof SYMPTOM_CHECK_CONCEPTS)[number];

export interface AnswerVocabulary {
  /** Misspelling or slang of a concept the symptom check reads -> the word it means. */
  spelling: ReadonlyMap<string, string>;
  /** The words of a concept as one whole-word pattern (not global: it is used with exec on clauses). */
  words(...concepts: AnswerConcept[]): RegExp;
  thresholds: Thresholds;
}

export function answerVocabulary(k: SafetyKnowledge): AnswerVocabulary {
  const cache = new Map<string, RegExp>();
  const spelling = new Map<string, string>();
  for (const id of SYMPTOM_CHECK_CONCEPTS) for (const [variant, word] of k.concepts.get(id)?.variants ?? []) spelling.set(variant, word);
  return {
    spelling,
    words(...concepts) {
      const key = concepts.join(',');
      let re = cache.get(key);
      if (!re) {
        re = wordsPattern(concepts.flatMap((c) => k.concepts.get(c)?.terms ?? []), '');
        cache.set(key, re);
      }
      return re;
    },
    thresholds: k.thresholds,
  };
}

let cached: AnswerVocabulary | undefined;

/** The project's own vocabulary, read once: for callers that were not given one. */
export function defaultAnswerVocabulary(): AnswerVocabulary {
  cached ??= answerVocabulary(defaultSafetyKnowledge());
  return cached;
}
