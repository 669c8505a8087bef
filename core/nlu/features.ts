/** Turns an analysed message into weighted features for the classifier. */
import { NLU_CONFIG } from './config';
import { tokenText, type Analysis } from './tokenise';

export type FeatureVector = Map<string, number>;

export interface FeatureOptions {
  bigramWeight: number;
  charNgramWeight: number;
  /** Weight of a negated word's plain stem, next to its negated form. */
  negatedPlainWeight: number;
}

/** A word: the model counts these to tell how much of a message it knows. */
export const WORD_PREFIX = 'w:';
/** A negated word ("n:pregnant" for "not pregnant"): the word itself is counted under WORD_PREFIX too. */
export const NEGATED_PREFIX = 'n:';
export const CHAR_PREFIX = 'c:';

/**
 * Features: every token ("w:leak"; a negated one as "n:pregnant" plus "w:pregnant"), pairs of
 * neighbouring tokens ("b:other breast", "b:not not_pregnant"), and 3- and 4-letter groups of each word
 * ("c:<nip", "c:ippl") that carry misspellings no rule caught.
 */
export function extractFeatures(analysis: Analysis, options: FeatureOptions = NLU_CONFIG.features): FeatureVector {
  const features: FeatureVector = new Map();
  const add = (key: string, weight: number) => {
    if (weight > 0) features.set(key, (features.get(key) ?? 0) + weight);
  };
  const texts = analysis.tokens.map(tokenText);
  analysis.tokens.forEach((token, i) => {
    if (token.negated) {
      add(NEGATED_PREFIX + token.stem, 1);
      add(WORD_PREFIX + token.stem, options.negatedPlainWeight);
    } else {
      add(WORD_PREFIX + token.stem, 1);
    }
    if (i > 0) add(`b:${texts[i - 1]} ${texts[i]}`, options.bigramWeight);
    if (options.charNgramWeight > 0 && token.word.length >= 3) {
      const padded = `<${token.word}>`;
      for (let n = 3; n <= 4; n++) {
        for (let j = 0; j + n <= padded.length; j++) add(CHAR_PREFIX + padded.slice(j, j + n), options.charNgramWeight);
      }
    }
  });
  return features;
}
