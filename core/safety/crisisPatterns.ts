/**
 * The crisis pattern layer's knowledge, as data a clinician edits: knowledge/safety/crisis-patterns.yaml
 * (named fragments, idioms, the laugh markers, the families and the harm-to-the-baby reading).
 * Validated with zod, cross-checked (every fragment, check, frame, idiom list and concept a family names
 * exists; every pattern compiles) with each problem naming the file and the field, and compiled once:
 * the engine (./crisis) gets regular expressions, never text to compile per message.
 */
import { z } from 'zod';
import { plainValidation, type KnowledgeValidation } from '../knowledge/builtValidation';
import { CRISIS_CONCEPTS, CRISIS_WORD_LISTS, crisisEngine, type Accept, type BabyHarmFrame, type CrisisConcept, type CrisisEngine, type CrisisWordList } from './crisisChecks';
import { PatternSet } from './prefilter';

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');

/** A string matches whole words (read as \b...\b); `raw` is taken as written. */
const patternSchema = z.union([z.string().min(1), z.object({ raw: z.string().min(1) }).strict()]);
type PatternText = z.infer<typeof patternSchema>;

const fragmentSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const IDIOM_LISTS = ['death', 'mental'] as const;
const wordList = z.array(z.string().min(1)).min(1);
const STATUS_PATTERNS = ['screening', 'answer-no', 'answer-yes', 'media'] as const;
type IdiomList = (typeof IDIOM_LISTS)[number];

const familySchema = z
  .object({
    id: kebab,
    why: z.string().trim().min(1, 'must say why the family exists'),
    concept: z.string(),
    masks: z.string().optional(),
    accept: z.string().optional(),
    askedCounts: z.boolean().optional(),
    patterns: z.array(patternSchema).min(1),
  })
  .strict();

export const crisisPatternsFileSchema = z
  .object({
    fragments: z.record(kebab, fragmentSchema),
    idioms: z.object({ death: z.array(patternSchema).min(1), mental: z.array(patternSchema).min(1) }).strict(),
    laugh: patternSchema,
    words: z.object(Object.fromEntries(Object.keys(CRISIS_WORD_LISTS).map((name) => [name, wordList])) as Record<CrisisWordList, typeof wordList>).strict(),
    status: z.object(Object.fromEntries(STATUS_PATTERNS.map((name) => [name, patternSchema])) as Record<(typeof STATUS_PATTERNS)[number], typeof patternSchema>).strict(),
    families: z.array(familySchema).min(1),
    babyHarm: z
      .object({ why: z.string().trim().min(1, 'must say why it exists'), masks: z.string().optional(), frame: z.string(), pattern: patternSchema })
      .strict(),
  })
  .strict();

export interface CrisisFamily {
  id: string;
  concept: CrisisConcept;
  patterns: RegExp[];
  /** Idioms blanked out before the patterns run. */
  masks?: RegExp[];
  accept?: Accept;
  /** Psychosis: a question about it is a question ("what are the signs of psychosis?"). */
  questionsCount: boolean;
}

/** The crisis pattern layer, compiled: what core/safety/crisis.ts reads every message with. */
export interface CrisisPatterns {
  families: readonly CrisisFamily[];
  /** A harm verb aimed at the baby, its masks and the frame that decides what it is. */
  babyHarm: { pattern: RegExp; masks?: RegExp[]; frame: BabyHarmFrame };
  /** The engine's code the families name, reading this file's words. */
  engine: CrisisEngine;
  /** Word lists the engine reads itself: the parent speaking, another adult, feeding plans. */
  words: { firstPerson: RegExp; anotherAdult: RegExp; feedingLogistics: RegExp };
  /** Screening questions, their answers, and stories (`status`). */
  status: { screening: RegExp; answerNo: RegExp; answerYes: RegExp; media: RegExp };
  /** The fragment `baby-word`, whole words: "him"/"her" is the baby when one is named. */
  babyWord: RegExp;
  /** Every family pattern and mask, the harm-to-the-baby pattern and the death idioms, in that order. */
  patterns: readonly RegExp[];
  /** The prefilter: groups are each family's patterns (in order), then the harm-to-the-baby pattern. */
  filter: PatternSet;
  /** Families whose matches count when asked about. */
  askedCounts: ReadonlySet<string>;
}

const FRAGMENT_REF = /\{([a-z][a-z0-9-]*)\}/g;
/** The fragments the engine reads itself (besides those patterns name). */
const ENGINE_FRAGMENTS = ['high-place', 'baby-word'] as const;

/**
 * Validates and compiles crisis-patterns.yaml's parsed data; `file` is how the file is named in errors.
 * Returns the problems instead when there are any (the caller reports them with the other files').
 */
export function buildCrisisPatterns(data: unknown, file: string, validation: KnowledgeValidation = plainValidation): CrisisPatterns | { problems: string[] } {
  const parsed = validation.validate(crisisPatternsFileSchema, 'crisis-patterns', data);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${file}: field ${i.path.map(String).join('.') || '(the file)'}: ${i.message}`) };
  const d = parsed.data;
  const problems: string[] = [];

  // Fragments, expanded once: a list is "(?:one|of|these)", a string is that piece of pattern. A
  // fragment may name fragments above it (so none names itself).
  const order = Object.keys(d.fragments);
  const expanded = new Map<string, string>();
  const expand = (text: string, field: string, before: ReadonlySet<string> | null): string =>
    text.replace(FRAGMENT_REF, (whole, name: string) => {
      const value = expanded.get(name);
      if (value === undefined || (before !== null && !before.has(name))) {
        problems.push(Object.hasOwn(d.fragments, name) && before !== null ? `${file}: field ${field}: fragment "${name}" must be defined above it` : `${file}: field ${field}: no fragment "${name}" in fragments`);
        return whole;
      }
      return value;
    });
  const defined = new Set<string>();
  for (const name of order) {
    const f = d.fragments[name];
    const value = typeof f === 'string' ? expand(f, `fragments.${name}`, defined) : `(?:${f.map((alt, i) => expand(alt, `fragments.${name}.${i}`, defined)).join('|')})`;
    try {
      new RegExp(value);
    } catch (err) {
      problems.push(`${file}: field fragments.${name}: is not a valid piece of pattern: ${(err as Error).message}`);
    }
    expanded.set(name, value);
    defined.add(name);
  }
  for (const name of ENGINE_FRAGMENTS) if (!expanded.has(name)) problems.push(`${file}: field fragments: the engine reads fragment "${name}"; it is missing`);

  const usedFragments = new Set<string>();
  const compile = (p: PatternText, field: string, flags = 'g'): RegExp => {
    const text = typeof p === 'string' ? p : p.raw;
    for (const m of text.matchAll(FRAGMENT_REF)) usedFragments.add(m[1]);
    const source = expand(text, field, null);
    try {
      return new RegExp(typeof p === 'string' ? `\\b${source}\\b` : source, flags);
    } catch (err) {
      problems.push(`${file}: field ${field}: is not a valid pattern: ${(err as Error).message}`);
      return /(?!)/g;
    }
  };

  const idioms: Record<IdiomList, RegExp[]> = {
    death: d.idioms.death.map((p, i) => compile(p, `idioms.death.${i}`)),
    mental: d.idioms.mental.map((p, i) => compile(p, `idioms.mental.${i}`)),
  };
  const idiomList = (name: string | undefined, field: string): RegExp[] | undefined => {
    if (name === undefined) return undefined;
    if ((IDIOM_LISTS as readonly string[]).includes(name)) return idioms[name as IdiomList];
    problems.push(`${file}: field ${field}: no idiom list "${name}"; write one of ${IDIOM_LISTS.join(', ')}`);
    return undefined;
  };
  const laugh = compile(d.laugh, 'laugh', 'i');

  // The words the checks read, from the fragments the engine needs (its own forms of them).
  const fragmentWords = (name: string): string => {
    const f = d.fragments[name];
    return f === undefined ? '(?!)' : typeof f === 'string' ? f : f.join('|');
  };
  const highPlace = fragmentWords('high-place');
  const babyWords = fragmentWords('baby-word');
  const wordsRe = (source: string): RegExp => {
    try {
      return new RegExp(source);
    } catch (err) {
      problems.push(`${file}: field fragments: is not a valid pattern: ${(err as Error).message}`);
      return /(?!)/;
    }
  };
  // The `words` lists, each in the form the engine reads it.
  const list = (name: CrisisWordList): RegExp => {
    const alternatives = d.words[name].join('|');
    try {
      return new RegExp(CRISIS_WORD_LISTS[name] === 'token' ? `^(${alternatives})$` : `\\b(${alternatives})\\b`);
    } catch (err) {
      problems.push(`${file}: field words.${name}: is not a valid pattern: ${(err as Error).message}`);
      return /(?!)/;
    }
  };
  const words = {
    firstPerson: list('first-person'),
    thirdPerson: list('third-person'),
    anotherAdult: list('another-adult'),
    feedingLogistics: list('feeding-logistics'),
    wakeQualifier: list('wake-qualifier'),
    otherEnding: list('other-ending'),
    harmBy: list('harm-by'),
    harmInstrument: list('harm-instrument'),
    harmWeak: list('harm-weak'),
    harmImagining: list('harm-imagining'),
    harmFear: list('harm-fear'),
    harmUrge: list('harm-urge'),
    harmChain: list('harm-chain'),
    harmAct: list('harm-act'),
  };
  const engine = crisisEngine({
    ...words,
    laugh,
    highPlace: wordsRe(`\\b(${highPlace})\\b`),
    babyNearby: wordsRe(`\\b(${babyWords}|crying|cries|screaming|screams|cot|crib|him|her)\\b`),
    babyMentioned: wordsRe(`\\b(${babyWords}|him|her|crying|cries)\\b`),
  });
  const checks = engine.checks;
  const status = {
    screening: compile(d.status.screening, 'status.screening', ''),
    answerNo: compile(d.status['answer-no'], 'status.answer-no', ''),
    answerYes: compile(d.status['answer-yes'], 'status.answer-yes', ''),
    media: compile(d.status.media, 'status.media', ''),
  };

  const ids = new Set<string>();
  const families: CrisisFamily[] = d.families.map((f, i) => {
    const at = `families.${i}`;
    if (ids.has(f.id) || f.id === 'baby-harm') problems.push(`${file}: field ${at}.id: "${f.id}" is already a family`);
    ids.add(f.id);
    if (!(CRISIS_CONCEPTS as readonly string[]).includes(f.concept)) problems.push(`${file}: field ${at}.concept: "${f.concept}" is not a crisis concept; write one of ${CRISIS_CONCEPTS.join(', ')}`);
    let accept: Accept | undefined;
    if (f.accept !== undefined) {
      accept = Object.hasOwn(checks, f.accept) ? checks[f.accept] : undefined;
      if (!accept) problems.push(`${file}: field ${at}.accept: no check "${f.accept}" in the engine (core/safety/crisisChecks.ts); write one of ${Object.keys(checks).join(', ')}`);
    }
    return {
      id: f.id,
      concept: f.concept as CrisisConcept,
      patterns: f.patterns.map((p, j) => compile(p, `${at}.patterns.${j}`)),
      masks: idiomList(f.masks, `${at}.masks`),
      accept,
      questionsCount: f.askedCounts ?? false,
    };
  });

  const frame = Object.hasOwn(engine.frames, d.babyHarm.frame) ? engine.frames[d.babyHarm.frame] : undefined;
  if (!frame) problems.push(`${file}: field babyHarm.frame: no frame "${d.babyHarm.frame}" in the engine; write one of ${Object.keys(engine.frames).join(', ')}`);
  const babyHarm = { pattern: compile(d.babyHarm.pattern, 'babyHarm.pattern'), masks: idiomList(d.babyHarm.masks, 'babyHarm.masks'), frame: frame! };

  // A fragment nobody names is a mistake waiting to happen (a word added where it is never read).
  const namedInFragments = new Set(Object.values(d.fragments).flatMap((f) => (typeof f === 'string' ? [f] : f)).flatMap((t) => [...t.matchAll(FRAGMENT_REF)].map((m) => m[1])));
  for (const name of order) {
    if (!usedFragments.has(name) && !namedInFragments.has(name) && !(ENGINE_FRAGMENTS as readonly string[]).includes(name)) problems.push(`${file}: field fragments.${name}: no pattern uses it`);
  }
  if (problems.length > 0) return { problems };

  const patterns = [...families.flatMap((f) => [...f.patterns, ...(f.masks ?? [])]), babyHarm.pattern, ...idioms.death];
  return {
    families,
    babyHarm,
    engine,
    words: { firstPerson: words.firstPerson, anotherAdult: words.anotherAdult, feedingLogistics: words.feedingLogistics },
    status,
    babyWord: new RegExp(`\\b(${babyWords})\\b`),
    patterns,
    filter: new PatternSet(patterns, [...families.map((f) => f.patterns), [babyHarm.pattern]]),
    askedCounts: new Set(families.filter((f) => f.questionsCount).map((f) => f.id)),
  };
}
