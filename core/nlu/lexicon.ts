/**
 * The lexicon: how parents type (slang, abbreviations, misspellings) mapped to the words the model
 * knows. It lives in knowledge/nlu/lexicon.yaml so a clinician can extend it; this file validates it.
 */
import { join, relative } from 'node:path';
import { plainValidation, readKnowledgeText, type KnowledgeValidation } from '../knowledge/builtValidation';
import { z } from 'zod';
import { projectRoot } from '../projectRoot';

/** Words that must always reach the classifier: the lexicon may never list them as stop words. */
export const PROTECTED_WORDS = ['no', 'not', 'never', 'without', 'before', 'after', 'during', 'while', 'until', 'since'] as const;

/** What the shape clean-up leaves: lower-case letters, digits and single spaces. */
const entryText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'must be lower-case letters or digits, words separated by one space, no punctuation')
  .refine((s) => !/([a-z])\1\1/.test(s), 'must not repeat a letter three times: typed "sooo" is read as "soo"');

const wordList = z.array(entryText);

export const lexiconSchema = z
  .object({
    synonyms: z.record(entryText, wordList),
    fuzzyTargets: z.array(entryText.refine((s) => !s.includes(' '), 'must be a single word')).default([]),
    keepWords: z.array(entryText.refine((s) => !s.includes(' '), 'must be a single word')).default([]),
    stopWords: z.array(entryText.refine((s) => !s.includes(' '), 'must be a single word')).default([]),
    negations: z.array(entryText.refine((s) => !s.includes(' '), 'must be a single word')).min(1),
    negationBreakers: z.array(entryText.refine((s) => !s.includes(' '), 'must be a single word')).default([]),
  })
  .strict()
  .superRefine((lex, ctx) => {
    const owner = new Map<string, string>();
    for (const [canonical, variants] of Object.entries(lex.synonyms)) {
      const seen = new Set<string>();
      variants.forEach((variant, i) => {
        if (variant === canonical) {
          ctx.addIssue({ code: 'custom', path: ['synonyms', canonical, i], message: `"${variant}" is the canonical word itself` });
        } else if (seen.has(variant)) {
          ctx.addIssue({ code: 'custom', path: ['synonyms', canonical, i], message: `"${variant}" is listed twice` });
        } else if (owner.has(variant)) {
          ctx.addIssue({
            code: 'custom',
            path: ['synonyms', canonical, i],
            message: `"${variant}" is already a variant of "${owner.get(variant)}"`,
          });
        }
        seen.add(variant);
        if (!owner.has(variant)) owner.set(variant, canonical);
      });
    }
    const canonicals = new Set(Object.keys(lex.synonyms));
    for (const variant of owner.keys()) {
      if (canonicals.has(variant)) {
        ctx.addIssue({
          code: 'custom',
          path: ['synonyms', owner.get(variant) as string],
          message: `"${variant}" is both a variant and a canonical word: it would be rewritten twice`,
        });
      }
    }
    const stop = new Set(lex.stopWords);
    for (const word of PROTECTED_WORDS) {
      if (stop.has(word)) {
        ctx.addIssue({ code: 'custom', path: ['stopWords'], message: `"${word}" changes the meaning and must never be a stop word` });
      }
    }
    for (const word of lex.negations) {
      if (stop.has(word)) ctx.addIssue({ code: 'custom', path: ['stopWords'], message: `"${word}" is a negation` });
    }
    const targets = new Set(lex.fuzzyTargets);
    lex.keepWords.forEach((word, i) => {
      if (targets.has(word)) {
        ctx.addIssue({ code: 'custom', path: ['keepWords', i], message: `"${word}" is also a fuzzy target` });
      }
      if (owner.has(word)) {
        ctx.addIssue({ code: 'custom', path: ['keepWords', i], message: `"${word}" is also a variant of "${owner.get(word)}"` });
      }
    });
  });

export type LexiconData = z.infer<typeof lexiconSchema>;

/** The lexicon in the form the tokeniser uses. */
export interface Lexicon {
  /** Variant (one or more words, space-separated) -> canonical words. */
  readonly phrases: ReadonlyMap<string, readonly string[]>;
  /** Longest variant, in words. */
  readonly maxPhraseWords: number;
  /** First words of the variants of two words or more. */
  readonly phraseStarts: ReadonlySet<string>;
  /** Words fuzzy correction may produce. */
  readonly fuzzyTargets: readonly string[];
  /** Every single word the lexicon mentions (variants, canonical words, keep, stop, negation words). */
  readonly knownWords: ReadonlySet<string>;
  readonly stopWords: ReadonlySet<string>;
  readonly negations: ReadonlySet<string>;
  readonly negationBreakers: ReadonlySet<string>;
}

export class LexiconError extends Error {
  constructor(readonly problems: string[]) {
    super(`The lexicon has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'LexiconError';
  }
}

export function defaultLexiconFile(): string {
  return join(projectRoot(), 'knowledge', 'nlu', 'lexicon.yaml');
}

/** Validates raw lexicon data (as parsed from YAML); throws LexiconError naming every bad field. */
export function buildLexicon(data: unknown, displayName = 'lexicon'): Lexicon {
  return lexiconFrom(lexiconSchema.safeParse(data), displayName);
}

/** The lexicon of a validation's result (see buildLexicon); throws LexiconError naming every bad field. */
export function lexiconFrom(result: z.ZodSafeParseResult<z.infer<typeof lexiconSchema>>, displayName: string): Lexicon {
  if (!result.success) {
    throw new LexiconError(
      result.error.issues.map((issue) => `${displayName}: field ${issue.path.map(String).join('.') || '(the file)'}: ${issue.message}`),
    );
  }
  const lex = result.data;
  const phrases = new Map<string, readonly string[]>();
  const knownWords = new Set<string>();
  const phraseStarts = new Set<string>();
  let maxPhraseWords = 1;
  for (const [canonical, variants] of Object.entries(lex.synonyms)) {
    const canonicalWords = canonical.split(' ');
    canonicalWords.forEach((w) => knownWords.add(w));
    for (const variant of variants) {
      phrases.set(variant, canonicalWords);
      const words = variant.split(' ');
      maxPhraseWords = Math.max(maxPhraseWords, words.length);
      if (words.length === 1) knownWords.add(variant);
      else phraseStarts.add(words[0]);
    }
  }
  // A phrase also matches when its words were typed in another listed way ("quit bf" as "quit
  // breastfeeding"): register each phrase with its words replaced by their canonical forms too.
  for (const [variant, canonicalWords] of [...phrases]) {
    if (!variant.includes(' ')) continue;
    const canonicalised = variant
      .split(' ')
      .map((w) => phrases.get(w)?.join(' ') ?? w)
      .join(' ');
    if (canonicalised !== variant && !phrases.has(canonicalised)) {
      phrases.set(canonicalised, canonicalWords);
      phraseStarts.add(canonicalised.split(' ')[0]);
      maxPhraseWords = Math.max(maxPhraseWords, canonicalised.split(' ').length);
    }
  }
  const targets = new Set<string>(lex.fuzzyTargets);
  for (const canonical of Object.keys(lex.synonyms)) {
    if (!canonical.includes(' ') && canonical.length >= 5) targets.add(canonical);
  }
  for (const list of [lex.fuzzyTargets, lex.keepWords, lex.stopWords, lex.negations, lex.negationBreakers]) {
    list.forEach((w) => knownWords.add(w));
  }
  return {
    phrases,
    maxPhraseWords,
    phraseStarts,
    fuzzyTargets: [...targets].sort(),
    knownWords,
    stopWords: new Set(lex.stopWords),
    negations: new Set(lex.negations),
    negationBreakers: new Set(lex.negationBreakers),
  };
}

/** Reads and validates knowledge/nlu/lexicon.yaml (or the given file). */
export function loadLexicon(file: string = defaultLexiconFile(), validation: KnowledgeValidation = plainValidation): Lexicon {
  const shown = relative(process.cwd(), file) || file;
  return lexiconFrom(validateLexiconFile(file, shown, validation), shown);
}

/** The lexicon file read and validated through `validation`; a file that cannot be read or parsed throws LexiconError. */
export function validateLexiconFile(file: string, shown: string, validation: KnowledgeValidation): z.ZodSafeParseResult<z.infer<typeof lexiconSchema>> {
  try {
    return validation.validate(lexiconSchema, 'lexicon', readKnowledgeText(file));
  } catch (err) {
    throw new LexiconError([`${shown}: not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
}

let cached: Lexicon | undefined;

/** The project's lexicon, read once. */
export function defaultLexicon(): Lexicon {
  cached ??= loadLexicon();
  return cached;
}
