/**
 * From a message as typed to the words the classifier sees:
 *
 *   "OMG my boobs r leeking thru my shirt!!! 😭 not pregnant"
 *   normalise -> "omg my breast are leaking through my clothes! not pregnant"
 *   tokenise  -> ["breast", "leak", "through", "cloth", "not", "not_pregnant"]
 *
 * Built on the shared basicNormalise (case, Unicode, quotes, contractions), then: emoji and
 * punctuation dropped (sentence ends kept as clause boundaries), letters typed 3+ times cut to two,
 * the lexicon's slang, synonyms and misspellings rewritten, remaining misspelled domain words
 * fuzzy-corrected, negated words marked, noise words dropped, and the rest stemmed (Porter).
 * Negations ("no", "not", "never", "without") and time words ("before", "after", "during") are never
 * dropped nor stemmed. Every step is linear in the message length, and the message is cut first.
 */
import { stem as porterStem } from 'natural/lib/natural/stemmers/porter_stemmer';
import { basicNormalise } from '../text/basicNormalise';
import type { EmojiWords } from '../text/emoji';
import { NLU_CONFIG, type NluConfig } from './config';
import { FuzzyCorrector } from './fuzzy';
import { defaultLexicon, type Lexicon } from './lexicon';

export interface Token {
  /** The canonical word (after the lexicon and fuzzy correction). */
  word: string;
  /** Its stem, as the classifier sees it. */
  stem: string;
  /** Inside the reach of a "no", "not", "never"... */
  negated: boolean;
}

export interface CanonicalWords {
  /** Canonical words and clause boundaries ("." "," ...), in order. */
  words: string[];
  wordCount: number;
  corrections: number;
}

export interface Analysis {
  /** The message in canonical words, with sentence punctuation kept. */
  normalised: string;
  /** Meaningful words, in order (noise words dropped, negation words kept). */
  tokens: Token[];
  /** Words in the message (letters or digits), noise words included. */
  wordCount: number;
  /** Words fuzzy correction rewrote. */
  corrections: number;
}

/** Words never stemmed: the stemmer would blur them ("during" -> "dure", "before" -> "befor"). */
const NO_STEM = new Set([
  'before', 'after', 'during', 'while', 'until', 'since', 'again', 'still', 'always', 'ever', 'never', 'not', 'no',
  'without', 'when', 'why', 'how', 'what', 'who', 'where', 'which', 'news',
]);

const BOUNDARY = /^[.!?;:,]$/;
const REPEATED_3 = /(\p{L})\1\1/u;
const REPEATED_3_ALL = /(\p{L})\1{2,}/gu;
const WORD_OR_BOUNDARY = /[\p{L}\p{N}]+|[.!?;:,]/gu;

/** Cuts a long message at a word boundary near `max` characters. */
export function cutMessage(text: string, max: number = NLU_CONFIG.input.maxChars): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > max * 0.8 ? cut.slice(0, lastSpace) : cut;
}

/** Shape-level clean-up: basicNormalise, then accents, apostrophes and numbers. */
function cleanShape(raw: string, maxChars: number, emoji?: EmojiWords): string {
  let text = basicNormalise(cutMessage(raw, maxChars), emoji);
  text = text.normalize('NFD').replace(/\p{M}+/gu, '');
  text = text.replace(/'s\b/g, '').replace(/'/g, '');
  // "38.5", "1,000": one number, not a sentence end.
  text = text.replace(/(\d)[.,](\d)/g, '$1$2');
  return text;
}

export class Tokeniser {
  private readonly fuzzy: FuzzyCorrector | null;
  private readonly known: Set<string>;
  private readonly stemCache = new Map<string, string>();
  private readonly config: NluConfig;
  /** The canonical words of the training examples it was given (what a stored model keeps of it). */
  readonly vocabulary: readonly string[];

  /**
   * @param vocabulary canonical words of the training examples: they are known words, never
   *   "corrected"; words of `vocabularyTargetLength` letters or more also become fuzzy-correction targets.
   */
  constructor(
    readonly lexicon: Lexicon = defaultLexicon(),
    vocabulary: Iterable<string> = [],
    /** `emoji`: known emoji read as their words (knowledge/emoji.yaml); other emoji are dropped. */
    private readonly options: { fuzzy?: boolean; config?: NluConfig; emoji?: EmojiWords } = {},
  ) {
    this.config = options.config ?? NLU_CONFIG;
    const vocab = [...vocabulary];
    this.vocabulary = vocab;
    this.known = new Set([...lexicon.knownWords, ...vocab]);
    const targets = new Set(lexicon.fuzzyTargets);
    const minTarget = this.config.fuzzy.vocabularyTargetLength;
    if (minTarget > 0) for (const word of vocab) if (word.length >= minTarget && /^[a-z]+$/.test(word)) targets.add(word);
    this.fuzzy = options.fuzzy === false ? null : new FuzzyCorrector(targets, this.config.fuzzy);
  }

  /**
   * Reads training texts: the lexicon alone (no fuzzy correction) gives their canonical words, which
   * become the vocabulary of the returned tokeniser; with every word known, that tokeniser would read
   * them the same way, so their analyses are returned too (each text is read once).
   */
  trainOn(texts: readonly string[]): { tokeniser: Tokeniser; analyses: Analysis[] } {
    const plain = new Tokeniser(this.lexicon, [], { ...this.options, fuzzy: false });
    const read = texts.map((text) => plain.canonicalWords(text));
    const vocabulary = new Set<string>();
    for (const { words } of read) for (const word of words) if (!BOUNDARY.test(word)) vocabulary.add(word);
    const tokeniser = new Tokeniser(this.lexicon, [...vocabulary].sort(), this.options);
    return { tokeniser, analyses: read.map((r) => tokeniser.analyseCanonical(r)) };
  }

  isKnown(word: string): boolean {
    return this.known.has(word);
  }

  /** Canonical words (and clause boundaries), before noise words and stems. */
  canonicalWords(text: string): CanonicalWords {
    const { maxChars, maxWords, maxWordLength } = this.config.input;
    const raw: string[] = [];
    let wordCount = 0;
    for (const match of cleanShape(text, maxChars, this.options.emoji).matchAll(WORD_OR_BOUNDARY)) {
      const piece = match[0];
      if (BOUNDARY.test(piece)) {
        if (raw.length > 0 && !BOUNDARY.test(raw[raw.length - 1])) raw.push(piece);
        continue;
      }
      if (piece.length > maxWordLength) continue;
      if (++wordCount > maxWords) break;
      raw.push(...this.splitWord(piece));
    }

    const words: string[] = [];
    let corrections = 0;
    const { phrases, maxPhraseWords } = this.lexicon;
    for (let i = 0; i < raw.length; ) {
      if (BOUNDARY.test(raw[i])) {
        words.push(raw[i++]);
        continue;
      }
      // Longest lexicon phrase starting here, never across a clause boundary.
      // Each word is tried as typed and as the lexicon rewrites it ("quit bf" = "quit breastfeeding").
      let matched = 0;
      const firstMapped = this.mappedWord(raw[i]);
      if (this.lexicon.phraseStarts.has(raw[i]) || this.lexicon.phraseStarts.has(firstMapped)) {
        let phrase = raw[i];
        let mappedPhrase = firstMapped;
        const candidates: Array<[number, readonly string[]]> = [];
        for (let n = 2; n <= maxPhraseWords && i + n <= raw.length; n++) {
          const next = raw[i + n - 1];
          if (BOUNDARY.test(next)) break;
          phrase += ' ' + next;
          mappedPhrase += ' ' + this.mappedWord(next);
          const canonical = phrases.get(phrase) ?? phrases.get(mappedPhrase);
          if (canonical) candidates.push([n, canonical]);
        }
        const longest = candidates[candidates.length - 1];
        if (longest) {
          words.push(...longest[1]);
          matched = longest[0];
        }
      }
      if (matched > 0) {
        i += matched;
        continue;
      }
      const word = raw[i++];
      const single = this.lookupWord(word);
      if (single) {
        words.push(...single);
        continue;
      }
      const corrected = this.fuzzy?.correct(word) ?? null;
      if (corrected) {
        corrections++;
        words.push(...(phrases.get(corrected) ?? [corrected]));
      } else {
        words.push(word);
      }
    }
    return { words, wordCount: Math.min(wordCount, maxWords), corrections };
  }

  analyse(text: string): Analysis {
    return this.analyseCanonical(this.canonicalWords(text));
  }

  /** The analysis of canonicalWords() output (negations marked, noise dropped, stems). */
  analyseCanonical({ words, wordCount, corrections }: CanonicalWords): Analysis {
    const { stopWords, negations, negationBreakers } = this.lexicon;
    const tokens: Token[] = [];
    let scope = 0;
    for (const word of words) {
      if (BOUNDARY.test(word)) {
        scope = 0;
        continue;
      }
      if (negations.has(word)) {
        tokens.push({ word, stem: word, negated: false });
        scope = this.config.negationScope;
        continue;
      }
      if (negationBreakers.has(word)) scope = 0;
      if (stopWords.has(word)) continue;
      tokens.push({ word, stem: this.stem(word), negated: scope > 0 });
      if (scope > 0) scope--;
    }
    return { normalised: joinWords(words), tokens, wordCount, corrections };
  }

  normalise(text: string): string {
    return joinWords(this.canonicalWords(text).words);
  }

  /** The classifier's view: stems, negated ones written "not_<stem>". */
  tokenise(text: string): string[] {
    return this.analyse(text).tokens.map(tokenText);
  }

  stem(word: string): string {
    if (NO_STEM.has(word) || /\d/.test(word)) return word;
    let stemmed = this.stemCache.get(word);
    if (stemmed === undefined) {
      // Porter turns a final "y" into "i" only sometimes ("cries" -> "cri", "crying" -> "cry"): always "y".
      stemmed = porterStem(word).replace(/i$/, 'y');
      if (this.stemCache.size > 20000) this.stemCache.clear();
      this.stemCache.set(word, stemmed);
    }
    return stemmed;
  }

  /** A typed word as the lexicon alone rewrites it (for phrase matching). */
  private mappedWord(word: string): string {
    return this.lexicon.phrases.get(word)?.join(' ') ?? word;
  }

  /** One typed word -> canonical words, or undefined when neither the lexicon nor the vocabulary knows it. */
  private lookupWord(word: string): readonly string[] | undefined {
    const mapped = this.lexicon.phrases.get(word);
    if (mapped) return mapped;
    if (this.known.has(word)) return [word];
    // Letters typed 3+ times were cut to two ("hiiii" -> "hii"); try one too ("pleease" -> "please").
    if (/([a-z])\1/.test(word)) {
      const once = word.replace(/([a-z])\1+/g, '$1');
      const mappedOnce = this.lexicon.phrases.get(once);
      if (mappedOnce) return mappedOnce;
      if (this.known.has(once)) return [once];
    }
    return undefined;
  }

  /** Numbers (and ordinals) become "num"; letters stuck to digits are split ("3months" -> num months). */
  private splitWord(piece: string): string[] {
    const word = REPEATED_3.test(piece) ? piece.replace(REPEATED_3_ALL, '$1$1') : piece;
    if (this.lexicon.phrases.has(word) || !/\d/.test(word)) return [word];
    if (/^\d+(st|nd|rd|th)$/.test(word)) return ['num'];
    const parts = word.match(/\d+|\p{L}+/gu) ?? [];
    return parts.map((p) => (/\d/.test(p) ? 'num' : p));
  }
}

export function tokenText(token: Token): string {
  return token.negated ? `not_${token.stem}` : token.stem;
}

function joinWords(words: string[]): string {
  let out = '';
  for (const word of words) {
    if (BOUNDARY.test(word)) out += word;
    else out += (out.length > 0 ? ' ' : '') + word;
  }
  return out.trim();
}

let defaultTokeniser: Tokeniser | undefined;

function shared(): Tokeniser {
  defaultTokeniser ??= new Tokeniser();
  return defaultTokeniser;
}

/** The message in canonical words: "My BOOBS r leeking!!" -> "my breast are leaking!" */
export function normalise(text: string): string {
  return shared().normalise(text);
}

/** The classifier's tokens: stems, negations kept ("not", "not_pregnant"), noise words dropped. */
export function tokenise(text: string): string[] {
  return shared().tokenise(text);
}

/** Normalised text, tokens and counts, with the project's lexicon. */
export function analyse(text: string): Analysis {
  return shared().analyse(text);
}
