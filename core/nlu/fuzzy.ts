/**
 * Fuzzy correction of misspelled domain words ("nippel", "mastitus", "colestrum") with natural's
 * Damerau-Levenshtein distance, guarded so that short words and real words are never mangled.
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import JaroWinklerDistance from 'natural/lib/natural/distance/jaro-winkler_distance';
import { NLU_CONFIG } from './config';

export interface FuzzyOptions {
  /** Words shorter than this are never corrected. */
  minLength: number;
  /** Edits allowed for a word of up to `shortWordMaxLength` letters. */
  shortWordEdits: number;
  shortWordMaxLength: number;
  /** Edits allowed for longer words. */
  longWordEdits: number;
  /** Words longer than this are not words: never corrected (keeps the cost bounded). */
  maxLength: number;
}

export class FuzzyCorrector {
  private readonly byFirstLetter = new Map<string, string[]>();
  private readonly cache = new Map<string, string | null>();

  constructor(
    targets: Iterable<string>,
    private readonly options: FuzzyOptions = NLU_CONFIG.fuzzy,
  ) {
    for (const target of [...new Set(targets)].sort()) {
      if (target.length < options.minLength) continue;
      const key = target[0];
      const list = this.byFirstLetter.get(key) ?? [];
      list.push(target);
      this.byFirstLetter.set(key, list);
    }
  }

  /** The domain word `word` is probably a misspelling of, or null. */
  correct(word: string): string | null {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const result = this.search(word);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private search(word: string): string | null {
    const { minLength, maxLength, shortWordEdits, shortWordMaxLength, longWordEdits } = this.options;
    if (word.length < minLength || word.length > maxLength || !/^[a-z]+$/.test(word)) return null;
    const maxEdits = word.length <= shortWordMaxLength ? shortWordEdits : longWordEdits;
    // Typos rarely change the first letter; looking only there keeps the search small and safe.
    const candidates = this.byFirstLetter.get(word[0]) ?? [];
    let best: string | null = null;
    let bestDistance = Infinity;
    let bestSimilarity = -Infinity;
    for (const target of candidates) {
      if (Math.abs(target.length - word.length) > maxEdits) continue;
      const distance = DamerauLevenshteinDistance(word, target);
      if (distance === 0 || distance > maxEdits || distance > bestDistance) continue;
      const similarity = JaroWinklerDistance(word, target);
      if (distance < bestDistance || similarity > bestSimilarity) {
        best = target;
        bestDistance = distance;
        bestSimilarity = similarity;
      }
    }
    return best;
  }
}
