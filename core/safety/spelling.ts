/**
 * Token-level spelling and slang repair for red-flag words only. It maps a misspelt or slang token to
 * the canonical word the detector's patterns use ("blod" -> "blood", "boob" -> "breast", "puss" ->
 * "pus"). It never touches negation words. The words are data: the misspellings of
 * knowledge/safety/concepts.yaml.
 */
import type { SafetyKnowledge } from './knowledge';

function damerauAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // deletion / insertion
}

interface Speller {
  known: ReadonlySet<string>;
  cache: Map<string, string>;
  /** Every token repaired so far and its repair: the same few thousand words come back message after message. */
  repaired: Map<string, string>;
}

/** Most tokens kept in `repaired` (cleared when full: words repeat a lot, so it refills quickly). */
const REPAIRED_LIMIT = 20_000;
/** Longer tokens are not kept: they are rare, and junk ("aaaa...") would only fill the memo. */
const REPAIRED_MAX_CHARS = 40;

/** Per knowledge: the fuzzy targets as a set, and the corrections already worked out. */
const spellers = new WeakMap<SafetyKnowledge, Speller>();

function spellerOf(k: SafetyKnowledge): Speller {
  let sp = spellers.get(k);
  if (!sp) {
    sp = { known: new Set(k.fuzzyTargets), cache: new Map(), repaired: new Map() };
    spellers.set(k, sp);
  }
  return sp;
}

function fuzzy(token: string, k: SafetyKnowledge): string {
  const { known, cache: fuzzyCache } = spellerOf(k);
  if (token.length < 6 || k.fuzzyProtected.has(token) || known.has(token) || !/^[a-z]+$/.test(token)) return token;
  const cached = fuzzyCache.get(token);
  if (cached !== undefined) return cached;
  let found = token;
  for (const target of k.fuzzyTargets) {
    if (target[0] === token[0] && damerauAtMostOne(token, target)) {
      found = target;
      break;
    }
  }
  if (fuzzyCache.size < 5000) fuzzyCache.set(token, found);
  return found;
}

/** Repairs one lower-case token; may return several words. */
export function repairToken(token: string, k: SafetyKnowledge): string {
  const { repaired } = spellerOf(k);
  let word = repaired.get(token);
  if (word === undefined) {
    word = repairAnew(token, k);
    if (token.length <= REPAIRED_MAX_CHARS) {
      if (repaired.size >= REPAIRED_LIMIT) repaired.clear();
      repaired.set(token, word);
    }
  }
  return word;
}

/** repairToken's answer, worked out: slang and misspellings, stretched letters, then one edit from a red-flag word. */
function repairAnew(token: string, k: SafetyKnowledge): string {
  const VARIANTS = k.spelling;
  const direct = VARIANTS.get(token);
  if (direct !== undefined) return direct;
  // Stretched letters: "bloooood" -> "blood", "feeeever" -> "feever" -> "fever".
  if (/([a-z])\1\1/.test(token)) {
    const two = token.replace(/([a-z])\1{2,}/g, '$1$1');
    const one = token.replace(/([a-z])\1{2,}/g, '$1');
    for (const candidate of [two, one]) {
      const variant = VARIANTS.get(candidate);
      if (variant !== undefined) return variant;
      if (spellerOf(k).known.has(candidate) || /^(blood|pus|fever|lump|pink|red|brown|help|die|dead|no|not|never)$/.test(candidate)) return candidate;
    }
    return fuzzy(two, k);
  }
  return fuzzy(token, k);
}
