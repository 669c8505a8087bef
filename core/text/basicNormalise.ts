import type { EmojiWords } from './emoji';

/**
 * Shape-level clean-up shared by language understanding and red-flag detection: it changes how a
 * message is written, never which words it holds, so negations ("not", "never", "no") always survive.
 */

/**
 * Each contraction with a piece of text it cannot match without: the pattern only runs when the text
 * holds it (most messages hold few contractions, and a pattern that cannot match changes nothing).
 */
const CONTRACTIONS: Array<[RegExp, string, string[]]> = [
  [/\bwon'?t\b/g, 'will not', ['won']],
  [/\bcan'?t\b/g, 'can not', ['can']],
  [/\bcannot\b/g, 'can not', ['cannot']],
  [/\bshan'?t\b/g, 'shall not', ['shan']],
  [/\bain'?t\b/g, 'is not', ['ain']],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|should|would|must|need|might)n'?t\b/g, '$1 not', ["n't", 'nt']],
  [/\b(i|you|we|they|she|he|it|that|there|what|who)'re\b/g, '$1 are', ["'re"]],
  [/\bi'm\b/g, 'i am', ["i'm"]],
  [/\bim\b/g, 'i am', ['im']],
  [/\b(i|you|we|they|she|he|it|that|there|what|who)'ve\b/g, '$1 have', ["'ve"]],
  [/\b(i|you|we|they|she|he|it|that|there|what|who)'ll\b/g, '$1 will', ["'ll"]],
  [/\b(i|you|we|they|she|he|it|that|there|what|who)'d\b/g, '$1 would', ["'d"]],
  [/\b(it|that|there|what|who|he|she|where|how|here)'s\b/g, '$1 is', ["'s"]],
];

/** Characters outside plain ASCII, or the backtick: only then can the character rewrites below change anything. */
const SPECIAL = /[`\u0080-\uffff]/;
/**
 * A character outside plain ASCII. Without one (most messages) there is no emoji to read, NFKC
 * changes nothing (every ASCII character is its own normal form) and only the backtick is special.
 */
const NON_ASCII = /[\u0080-\uffff]/;
/** Whitespace other than single spaces: only then does collapsing whitespace change anything. */
const ODD_SPACE = /[^\S ]| {2}/;

/** Whether `text` holds one of `pieces`. */
function holdsAny(text: string, pieces: readonly string[]): boolean {
  for (const piece of pieces) if (text.includes(piece)) return true;
  return false;
}

/**
 * Lower-case, Unicode-normalised, straight quotes, contractions expanded, whitespace collapsed; with
 * `emoji` (knowledge/emoji.yaml, injected by the composition root), known emoji become their words.
 */
export function basicNormalise(raw: string, emoji?: EmojiWords): string {
  const ascii = !NON_ASCII.test(raw);
  let text = ascii ? raw.toLowerCase() : (emoji ? emoji.expand(raw) : raw).normalize('NFKC').toLowerCase();
  if (ascii ? text.includes('`') : SPECIAL.test(text)) {
    text = text.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '');
    text = text.replace(/[\u2018\u2019\u201b\u2032`\u00b4]/g, "'").replace(/[\u201c\u201d\u201f\u2033]/g, '"');
    text = text.replace(/[\u2010-\u2015]/g, '-');
  }
  for (const [pattern, replacement, needs] of CONTRACTIONS) {
    if (holdsAny(text, needs)) text = text.replace(pattern, replacement);
  }
  return (ODD_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}
