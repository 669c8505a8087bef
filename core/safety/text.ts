/**
 * Splits a raw message into sentences and clauses for red-flag detection, and normalises each
 * sentence (shared basicNormalise, then units, punctuation, spelling and slang).
 *
 * Every character of the message ends up in at least one sentence: long runs without punctuation
 * are cut into overlapping chunks of bounded size, so no text is skipped and no pattern ever runs on
 * more than a few hundred characters.
 */
import { basicNormalise } from '../text/basicNormalise';
import { defaultSafetyKnowledge, type SafetyKnowledge } from './knowledge';
import type { Presence } from './prefilter';
import { repairToken } from './spelling';

/** Longest raw sentence handled in one piece; longer ones are cut into overlapping chunks. */
export const MAX_SENTENCE_CHARS = 360;
const CHUNK_CHARS = 300;
const CHUNK_OVERLAP = 80;

export type BoundaryKind = 'start' | 'comma' | 'contrast' | 'and' | 'because';

export interface Clause {
  /** Token range [start, end) in the sentence's tokens. */
  start: number;
  end: number;
  /** What separates this clause from the one before it. */
  boundary: BoundaryKind;
}

export interface Sentence {
  index: number;
  /** The parent's own words (for quotes). */
  raw: string;
  /** Normalised text: tokens joined by single spaces; "," kept as a token. */
  text: string;
  tokens: string[];
  /** Character offset of each token in `text`. */
  offsets: number[];
  /** Ends with a question mark. */
  questionMark: boolean;
  clauses: Clause[];
  /** Clause index of each token (commas belong to the clause before them). */
  clauseOf: number[];
  /** The knowledge it was read with (spelling, modifiers): every reader of the sentence uses the same. */
  knowledge: SafetyKnowledge;
}

interface RawPiece {
  raw: string;
  questionMark: boolean;
}

/** Cuts raw text at sentence ends: . ! ? ; newlines and ellipses (a dot between digits is a decimal point). */
function rawSentences(message: string): RawPiece[] {
  const pieces: RawPiece[] = [];
  // A run of end marks is tried only from its first character: trying every position inside a long
  // run of dots followed by a letter made the search quadratic (10,000 dots took 0.3 s).
  const re = /(?:(?<![.!?\u2026;])[.!?\u2026;]+(?=\s|$|["')\]])|\n+|[!?]+)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(message)) !== null) {
    pushPiece(pieces, message.slice(last, m.index).trim(), m[0]);
    last = m.index + m[0].length;
  }
  pushPiece(pieces, message.slice(last).trim(), '');
  return pieces;
}

/** Adds a sentence (cut in chunks when over-long) unless it is empty. */
function pushPiece(pieces: RawPiece[], raw: string, terminator: string): void {
  if (raw.length === 0) return;
  const piece = { raw, questionMark: terminator.includes('?') };
  if (raw.length <= MAX_SENTENCE_CHARS) pieces.push(piece);
  else pieces.push(...chunk(piece));
}

/** Splits an over-long piece at spaces into overlapping chunks; never drops characters. */
function chunk(piece: RawPiece): RawPiece[] {
  if (piece.raw.length <= MAX_SENTENCE_CHARS) return [piece];
  const out: RawPiece[] = [];
  const text = piece.raw;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_CHARS);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > start + CHUNK_CHARS / 2) end = space;
    }
    out.push({ raw: text.slice(start, end).trim(), questionMark: end >= text.length && piece.questionMark });
    if (end >= text.length) break;
    let next = Math.max(end - CHUNK_OVERLAP, start + 1);
    const space = text.indexOf(' ', next);
    if (space !== -1 && space < end) next = space + 1;
    start = next;
  }
  return out.filter((p) => p.raw.length > 0);
}

/** A character other than a letter, digit, ".", "," or space: only then is there a symbol to blank out. */
const OTHER_CHARACTER = /[^a-z0-9., ]/;

/** A clause mark other than a dash (every other alternative of the clause rewrite needs a "-"). */
const CLAUSE_MARK = /[,:()[\]{}|]/;

/**
 * Shape-level clean-up after basicNormalise: units, numbers, punctuation, possessives. Each rewrite
 * runs only when the text holds the character it needs (a "/", a digit, an apostrophe...): most
 * messages need few of them, and skipping one that cannot match changes nothing.
 */
export function normaliseForSafety(raw: string, knowledge: SafetyKnowledge = defaultSafetyKnowledge()): string {
  return normalised(raw, knowledge).text;
}

/** Only digits and dots (a number, or a run of dots): kept as written, never spell-checked. */
function digitsAndDots(token: string): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== 46) return false;
  }
  return true;
}

/**
 * normaliseForSafety's text, and its tokens (the text split at its spaces): taken from the repaired
 * words when that is what splitting would give (no comma to tidy, every word one token), so that the
 * text is not split again.
 */
function normalised(raw: string, knowledge: SafetyKnowledge): { text: string; tokens: string[] } {
  let t = basicNormalise(raw, knowledge.emoji);
  if (t.includes('/')) t = t.replace(/\bw\/o\b/g, ' without ').replace(/\bw\//g, ' with ').replace(/\bb\/c\b/g, ' because ');
  if (t.includes('&')) t = t.replace(/&/g, ' and ');
  if (t.includes('mer')) t = t.replace(/\bd\s?-\s?mer\b/g, ' dmer ');
  if (t.includes('let')) t = t.replace(/\blet\s?-\s?downs?\b/g, ' letdown ').replace(/\blet downs?\b/g, ' letdown ');
  // Numbers: "38,5" -> "38.5"; ranges "2-3" -> "2 to 3"; units glued to numbers. (No rewrite adds a digit.)
  const digits = /\d/.test(t);
  if (digits) {
    t = t.replace(/(\d),(\d)(?!\d)/g, '$1.$2');
    t = t.replace(/(\d)\s?-\s?(\d)/g, '$1 to $2');
  }
  if (/[\u00b0\u00ba\u02da]/.test(t)) t = t.replace(/[\u00b0\u00ba\u02da]/g, ' degrees '); // ° º ˚
  if (digits) t = t.replace(/(\d)\s?(celsius|centigrade)\b/g, '$1 degrees c').replace(/(\d)\s?fahrenheit\b/g, '$1 degrees f');
  if (t.includes('degrees')) t = t.replace(/\bdegrees (celsius|centigrade)\b/g, 'degrees c').replace(/\bdegrees fahrenheit\b/g, 'degrees f');
  if (digits) {
    t = t.replace(/(\d)(c|f)\b/g, '$1 degrees $2');
    t = t.replace(/(\d)(weeks?|wks?|days?|months?|mos?|mths?|years?|yrs?|hours?|hrs?|h|am|pm|x|th|st|nd|rd)\b/g, '$1 $2');
    t = t.replace(/(\d)(st|nd|rd|th)\b/g, '$1');
  }
  // Possessives: "baby's" -> "baby"; other apostrophes go.
  if (t.includes("'")) t = t.replace(/([a-z])'s\b/g, '$1').replace(/([a-z]s)'(?=\s|$)/g, '$1').replace(/'/g, '');
  // Hyphens inside words become spaces ("self-harm" -> "self harm", "orange-peel" -> "orange peel").
  if (t.includes('-')) t = t.replace(/([a-z])-(?=[a-z])/g, '$1 ');
  if (t.includes('/')) t = t.replace(/\//g, ' or ');
  // Clause punctuation becomes a comma token; other symbols (emoji, quotes, stars) become spaces.
  if (t.includes('-') || CLAUSE_MARK.test(t)) t = t.replace(/[,:()[\]{}|]|\s-+\s|\s-+$|^-+\s|--+/g, ' , ');
  if (t.includes('.')) t = t.replace(/\.(?!\d)/g, ' ').replace(/(^|[^\d])\./g, '$1 ');
  if (OTHER_CHARACTER.test(t)) t = t.replace(/[^a-z0-9., ]+/g, ' ');
  // Only letters, digits, ".", "," and spaces are left: the words are what single spaces separate.
  const tokens = t.split(' ');
  const repaired: string[] = [];
  // Whether every repaired word is one token without a comma (a repair may give several words).
  let plain = true;
  for (const tok of tokens) {
    if (tok.length === 0) continue;
    if (tok === ',' || digitsAndDots(tok)) repaired.push(tok);
    else {
      const word = repairToken(tok, knowledge);
      if (word.length === 0 || word.includes(' ') || word.includes(',')) plain = false;
      repaired.push(word);
    }
  }
  const joined = repaired.join(' ');
  if (plain && !joined.includes(',') && joined.trim() === joined) return { text: joined, tokens: repaired };
  // Collapse repeated commas.
  const text = (joined.includes(',') ? joined.replace(/( ,)+/g, ' ,').replace(/^ ?, ?/, '').replace(/ ,$/, '') : joined).trim();
  return { text, tokens: text.length > 0 ? text.split(' ') : [] };
}

const SUBJECT_START = new Set([
  'i', 'my', 'there', 'it', 'its', 'she', 'he', 'her', 'his', 'they', 'we', 'this', 'that', 'the', 'now', 'also', 'baby',
  'me', 'our', 'your', 'you', 'today', 'yesterday', 'then', 'since', 'still', 'plus', 'everything', 'both', 'one',
]);

const FINITE = /^(is|are|was|were|comes|came|has|have|had|keeps|kept|leaks|leaked|started|starts|seems|seemed|looks|looked|feels|felt|gets|got|appears|appeared|s|shows|showed|turned|turns|hurts|hurt|began|begins|drips|dripped|oozes|oozed)$/;
const AFTER_COMMA_BREAK = new Set(['just', 'only', 'still', 'now', 'then', 'and', 'so', 'plus', 'also', 'apart', 'aside', 'which', 'while', 'because', 'since', 'as', 'when']);

/** Splits a normalised sentence into clauses (NegEx-style scope ends). */
function clausesOf(tokens: string[], CONTRAST: ReadonlySet<string>): { clauses: Clause[]; clauseOf: number[] } {
  const clauses: Clause[] = [];
  const clauseOf: number[] = [];
  let current: Clause = { start: 0, end: 0, boundary: 'start' };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    const prev = i > 0 ? tokens[i - 1] : undefined;
    const next = tokens[i + 1];
    if (tok === ',') {
      // The comma itself ends the clause before it; the next clause starts after it.
      current = openClause(clauses, current, i + 1, AFTER_COMMA_BREAK.has(next ?? '') || CONTRAST.has(next ?? '') ? 'contrast' : 'comma');
      continue;
    }
    if (CONTRAST.has(tok) && !(tok === 'yet' && (prev === 'not' || prev === 'no' || prev === 'never'))) {
      if (i > current.start) current = openClause(clauses, current, i, 'contrast');
      else current.boundary = 'contrast';
    } else if ((tok === 'apart' || tok === 'aside') && next === 'from') {
      if (i > current.start) current = openClause(clauses, current, i, 'contrast');
    } else if (tok === 'other' && next === 'than') {
      if (i > current.start) current = openClause(clauses, current, i, 'contrast');
    } else if ((tok === 'and' || tok === 'so' || tok === 'plus' || tok === 'or') && next !== undefined && SUBJECT_START.has(next) && i > current.start) {
      current = openClause(clauses, current, i, 'and');
    } else if (tok === 'and' && i > current.start && (/^(a|an|some)$/.test(next ?? '') || FINITE.test(tokens[i + 2] ?? '') || FINITE.test(tokens[i + 3] ?? ''))) {
      // "never been pregnant and milk comes out": a new clause with its own verb ends the negation.
      current = openClause(clauses, current, i, 'and');
    } else if ((tok === 'because' || tok === 'cause' || tok === 'cos') && i > current.start) {
      current = openClause(clauses, current, i, 'because');
    }
  }
  current.end = tokens.length;
  if (current.end > current.start || clauses.length === 0) clauses.push(current);
  // Clause of each token; a comma belongs to the clause it ends.
  let c = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (c < clauses.length - 1 && i >= clauses[c + 1].start) c++;
    clauseOf.push(c);
  }
  return { clauses, clauseOf };
}

/** Ends `current` at `at` (kept when not empty) and returns the clause that starts there. */
function openClause(clauses: Clause[], current: Clause, at: number, boundary: BoundaryKind): Clause {
  current.end = at;
  if (current.end > current.start) clauses.push(current);
  return { start: at, end: at, boundary };
}

export function makeSentence(raw: string, index: number, questionMark: boolean, knowledge: SafetyKnowledge = defaultSafetyKnowledge()): Sentence {
  const { text, tokens } = normalised(raw, knowledge);
  const offsets: number[] = [];
  let pos = 0;
  for (const tok of tokens) {
    offsets.push(pos);
    pos += tok.length + 1;
  }
  // Terminators (modifiers.yaml) end every modifier's scope: they open a new clause.
  const { clauses, clauseOf } = clausesOf(tokens, knowledge.modifiers.terminator.words);
  return { index, raw, text, tokens, offsets, questionMark, clauses, clauseOf, knowledge };
}

export function splitMessage(message: string, knowledge: SafetyKnowledge = defaultSafetyKnowledge()): Sentence[] {
  return rawSentences(message).map((p, i) => makeSentence(p.raw, i, p.questionMark, knowledge));
}

/** Token index at a character offset of `sentence.text` (binary search). */
export function tokenAt(sentence: Sentence, charOffset: number): number {
  const { offsets } = sentence;
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= charOffset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** One match of a pattern in a sentence's text, as the tokens it covers. */
export interface TokenMatch {
  start: number;
  end: number;
  index: number;
  patternIndex: number;
}

/**
 * Every match of each pattern (global regexes) in `text`, the sentence's text or a masked copy of
 * the same length, as token spans, into `out` (emptied first); `patternIndex` says which pattern
 * matched. `presence` (./prefilter, read from the sentence's text) skips the patterns that cannot match;
 * `group`, when `patterns` are one of its groups (that group's list), lets it answer without looking each pattern up.
 */
export function tokenMatchList(s: Sentence, text: string, patterns: readonly RegExp[], presence: Presence | undefined, out: TokenMatch[], group?: number): TokenMatch[] {
  out.length = 0;
  for (let patternIndex = 0; patternIndex < patterns.length; patternIndex++) {
    const pattern = patterns[patternIndex];
    if (presence && !(group === undefined ? presence.may(pattern) : presence.mayIn(group, patternIndex))) continue;
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      out.push({ start: tokenAt(s, m.index), end: tokenAt(s, m.index + m[0].length - 1) + 1, index: m.index, patternIndex });
    }
  }
  return out;
}

/** Blanks out what the masks match (idioms, look-alikes), keeping every character's position. */
export function applyMasks(text: string, masks: readonly RegExp[] | undefined, presence?: Presence): string {
  if (!masks) return text;
  let out = text;
  for (const m of masks) {
    if (presence && !presence.may(m)) continue;
    m.lastIndex = 0;
    out = out.replace(m, (found) => found.replace(/[^ ]/g, '_'));
  }
  return out;
}
