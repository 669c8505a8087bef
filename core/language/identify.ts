import { detectAll as tinyldDetectAll } from 'tinyld';

/**
 * Which language a message is written in, so a parent who writes in Spanish, Arabic or Tagalog is told,
 * in that language, that this helper reads English and whom to call. Identification is tinyld's
 * (a kept n-gram library); this module only decides when its answer is safe to act on, because
 * telling an English-speaking parent "this helper reads English" in Polish would leave her question
 * unanswered: an English message must never be taken for another language.
 */

export interface LanguageScore {
  /** ISO 639-1 code, e.g. "es". */
  lang: string;
  accuracy: number;
}

/** All candidate languages of a text, best first (tinyld's detectAll by default). */
export type DetectLanguages = (text: string, only?: string[]) => LanguageScore[];

export interface LanguageIdentifier {
  /**
   * The ISO 639-1 code of the language other than English the message is clearly written in;
   * undefined for English, for a message too short or too mixed to tell, or for no words at all.
   */
  languageOf(text: string): string | undefined;
}

export interface LanguageIdentifierOptions {
  /**
   * The languages worth naming (those a reply exists for, English aside). An n-gram guess outside them
   * ("i wanna kil myself" scores as Volapük) says more about a short English message than a language.
   */
  languages: Iterable<string>;
  /**
   * Whether the bot's English language understanding reads the message as one of its topics. Short
   * English messages full of medical or slang words ("is intraductal papilloma cancer", "hiya") can
   * look like another language to n-grams; a message English understanding recognises is English.
   */
  readsAsEnglish?: (text: string) => boolean;
  detect?: DetectLanguages;
}

/** Scripts that tell the language family at once; Latin needs the statistics. */
const SCRIPTS: Array<{ pattern: RegExp; languages: string[] }> = [
  { pattern: /\p{Script=Arabic}/gu, languages: ['ar', 'ur', 'fa'] },
  { pattern: /\p{Script=Han}/gu, languages: ['zh', 'ja'] },
  { pattern: /\p{Script=Bengali}/gu, languages: ['bn'] },
  { pattern: /\p{Script=Devanagari}/gu, languages: ['hi'] },
  { pattern: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu, languages: ['ja'] },
  { pattern: /\p{Script=Hangul}/gu, languages: ['ko'] },
  { pattern: /\p{Script=Cyrillic}/gu, languages: ['ru', 'uk', 'bg', 'sr', 'mk', 'be', 'kk'] },
  { pattern: /\p{Script=Thai}/gu, languages: ['th'] },
  { pattern: /\p{Script=Hebrew}/gu, languages: ['he', 'yi'] },
  { pattern: /\p{Script=Greek}/gu, languages: ['el'] },
];
const LETTERS = /\p{L}/gu;
const LATIN = /\p{Script=Latin}/gu;
const WORDS = /\p{L}+/gu;
/** Latin letters beyond English's a-z (ñ, ç, ã, ą, ư...): evidence n-grams alone lack in a short message. */
const ACCENTED_LATIN = /(?![a-zA-Z])\p{Script=Latin}/u;

/**
 * Words a Latin-script message needs before its n-grams are trusted: one or two words ("yw", "fevr",
 * "wyd") score as Polish or French as easily as English. With an accented letter two words will do.
 */
export const MIN_LATIN_WORDS = 3;
export const MIN_ACCENTED_LATIN_WORDS = 2;

/** tinyld's top score for a Latin-script language must be this many times English's. */
export const MIN_MARGIN_OVER_ENGLISH = 1.5;

/** The language shows in the first few sentences; n-grams over a whole 5,000-character message take a tenth of a second or more. */
export const MAX_IDENTIFY_CHARS = 240;

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

export function createLanguageIdentifier(options: LanguageIdentifierOptions): LanguageIdentifier {
  const named = new Set([...options.languages].filter((l) => l !== 'en'));
  const detect: DetectLanguages = options.detect ?? ((text, only) => tinyldDetectAll(text, only ? { only } : undefined));

  function byScript(text: string, letters: number): string | undefined {
    for (const script of SCRIPTS) {
      if (count(text, script.pattern) * 2 < letters) continue;
      // The script settles the family; n-grams pick within it (Urdu or Arabic), the first being the default.
      const [best] = detect(text, script.languages);
      const lang = best?.lang && script.languages.includes(best.lang) ? best.lang : script.languages[0];
      return named.has(lang) ? lang : undefined;
    }
    return undefined;
  }

  function byStatistics(text: string): string | undefined {
    const words = count(text, WORDS);
    if (words < (ACCENTED_LATIN.test(text) ? MIN_ACCENTED_LATIN_WORDS : MIN_LATIN_WORDS)) return undefined;
    const scores = detect(text);
    const [best] = scores;
    if (!best || !named.has(best.lang)) return undefined;
    const english = scores.find((s) => s.lang === 'en')?.accuracy ?? 0;
    if (best.accuracy < english * MIN_MARGIN_OVER_ENGLISH) return undefined;
    if (options.readsAsEnglish?.(text)) return undefined;
    return best.lang;
  }

  return {
    languageOf(message: string): string | undefined {
      if (typeof message !== 'string') return undefined;
      const text = message.slice(0, MAX_IDENTIFY_CHARS);
      const letters = count(text, LETTERS);
      if (letters < 2) return undefined;
      const scripted = byScript(text, letters);
      if (scripted) return scripted;
      // Mostly Latin letters: English or a Latin-script language; anything else mixed is left to English.
      if (count(text, LATIN) * 2 < letters) return undefined;
      return byStatistics(text);
    },
  };
}
