/**
 * What the red-flag detector knows, as data a clinician edits: knowledge/safety/concepts.yaml (the
 * one lexicon), modifiers.yaml (negation, uncertainty, the past, someone else...) and rules.yaml
 * (which concepts raise which flag, and the thresholds). Loaded and validated with zod, every problem
 * reported with its file and field, then cross-checked against each other and red-flags.yaml.
 */
import type { EmojiWords } from '../text/emoji';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseYaml } from '../knowledge/parsedYaml';
import { z } from 'zod';
import { projectRoot } from '../projectRoot';

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
/** What the safety clean-up leaves: lower-case letters and digits, single spaces. */
const entry = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'must be lower-case letters or digits, words separated by one space, no punctuation');
const pattern = z.string().superRefine((src, ctx) => {
  try {
    new RegExp(src, 'g');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `is not a valid pattern: ${(err as Error).message}` });
  }
});

const conceptSchema = z
  .object({
    about: z.string().trim().min(1, 'must say what the concept means'),
    understanding: entry.optional(),
    words: z.array(entry).optional(),
    misspellings: z.record(entry, z.array(entry)).optional(),
    patterns: z.array(pattern).optional(),
    ignore: z.array(pattern).optional(),
  })
  .strict()
  .refine((c) => (c.words?.length ?? 0) + (c.patterns?.length ?? 0) > 0, 'must have words or patterns');

export const conceptsFileSchema = z
  .object({
    concepts: z.record(kebab, conceptSchema),
    spelling: z.record(kebab, z.record(entry, z.array(entry))).default({}),
    fuzzy: z.object({ targets: z.array(entry), protected: z.array(entry) }).strict(),
  })
  .strict();

export const MODIFIER_CATEGORIES = [
  'negation',
  'negation-after',
  'pseudo-negation',
  'terminator',
  'uncertainty',
  'hypothetical',
  'historical',
  'resolved',
  'experiencer-other',
  'experiencer-baby',
  'experiencer-man',
] as const;
export type ModifierCategory = (typeof MODIFIER_CATEGORIES)[number];

const modifierSchema = z
  .object({
    about: z.string().trim().min(1),
    direction: z.enum(['forward', 'backward', 'bidirectional']),
    maxScope: z.number().int().min(0).max(50),
    words: z.array(entry).min(1),
  })
  .strict();

export const modifiersFileSchema = z
  .object({
    modifiers: z.object(Object.fromEntries(MODIFIER_CATEGORIES.map((c) => [c, modifierSchema])) as Record<ModifierCategory, typeof modifierSchema>).strict(),
  })
  .strict();

const condition = z
  .object({ all: z.array(kebab).optional(), any: z.array(kebab).optional(), none: z.array(kebab).optional() })
  .strict()
  .refine((c) => (c.all?.length ?? 0) + (c.any?.length ?? 0) > 0, 'needs `all` or `any`');

export const ruleSchema = z
  .object({
    when: z.array(condition).optional(),
    confirm: z.array(condition).optional(),
    logic: kebab.optional(),
    concepts: z.array(kebab).optional(),
    asks: z.array(kebab).optional(),
    topics: z.array(kebab).optional(),
  })
  .strict()
  .refine((r) => (r.when !== undefined) !== (r.logic !== undefined), 'needs either `when` (a declaration) or `logic` (a named reading), not both')
  .refine((r) => r.logic === undefined || (r.concepts?.length ?? 0) > 0, 'a rule with `logic` must list the `concepts` it reads');

const positive = z.number().positive();
export const rulesFileSchema = z
  .object({
    thresholds: z
      .object({
        feverCelsius: positive,
        feverFahrenheit: positive,
        veryHighFeverCelsius: positive,
        lumpDays: positive,
        weanedWeeks: positive,
        weaningWindDownWeeks: positive,
        weanedLumpWeeks: positive,
        mastitisDays: positive,
        nippleSoreDays: positive,
        explainedBloodDays: positive,
      })
      .strict()
      .refine((t) => Math.abs(((t.feverFahrenheit - 32) * 5) / 9 - t.feverCelsius) < 0.05, { message: 'feverCelsius and feverFahrenheit must be the same temperature', path: ['feverFahrenheit'] }),
    rules: z.record(kebab, ruleSchema),
  })
  .strict();

export type Thresholds = z.infer<typeof rulesFileSchema>['thresholds'];
export type RuleCondition = z.infer<typeof condition>;
export type RuleDeclaration = z.infer<typeof ruleSchema>;

export interface CompiledConcept {
  id: string;
  about: string;
  /** The word language understanding and the symptom check read this concept as, if any. */
  understanding?: string;
  /** Every word and canonical spelling of the concept (for other readers: NLU, symptom check). */
  terms: string[];
  /** Misspelling or slang -> canonical word. */
  variants: ReadonlyMap<string, string>;
  /** Words first (one pattern), then the patterns, as global regexes. */
  patterns: RegExp[];
  masks: RegExp[];
}

export interface CompiledModifier {
  direction: 'forward' | 'backward' | 'bidirectional';
  maxScope: number;
  words: ReadonlySet<string>;
  /** The same words as one whole-word pattern. */
  pattern: RegExp;
}

export interface SafetyKnowledge {
  /** How the rules file is named in errors. */
  rulesFile: string;
  concepts: ReadonlyMap<string, CompiledConcept>;
  /** Token -> repaired word(s), from every concept's misspellings and the spelling section. */
  spelling: ReadonlyMap<string, string>;
  fuzzyTargets: readonly string[];
  fuzzyProtected: ReadonlySet<string>;
  modifiers: Readonly<Record<ModifierCategory, CompiledModifier>>;
  rules: ReadonlyMap<string, RuleDeclaration>;
  thresholds: Thresholds;
  /** knowledge/emoji.yaml, from the composition root: "🩸" and "🤒" are read as blood and fever. */
  emoji?: EmojiWords;
}

export class SafetyKnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`The red-flag knowledge has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'SafetyKnowledgeError';
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One whole-word pattern for a list of words and phrases; the longest wins where several start together. */
export function wordsPattern(words: Iterable<string>, flags = 'g'): RegExp {
  const list = [...new Set(words)].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(list.length === 0 ? '(?!)' : `\\b(?:${list.join('|')})\\b`, flags);
}

/** Concepts the engine itself provides (crisis language and psychosis: core/safety/crisis.ts and crisisClassifier.ts). */
export const ENGINE_CONCEPTS: ReadonlySet<string> = new Set(['crisis-self', 'crisis-self-soft', 'crisis-baby', 'crisis-baby-soft', 'psychosis', 'psychosis-soft']);

/**
 * Concepts the symptom check (core/triage/answers.ts) reads typed answers with: they count as used,
 * and a new word for one of them is understood there too.
 */
export const SYMPTOM_CHECK_CONCEPTS = ['fever', 'flu-like', 'lump', 'spontaneous', 'blood', 'pink-brown', 'clear-fluid', 'headache', 'headache-severe', 'vision', 'medicine', 'breast-sign-strong', 'breast-sign-weak', 'cracked'] as const;

export interface SafetyKnowledgeFiles {
  concepts: unknown;
  modifiers: unknown;
  rules: unknown;
}

export interface CrossCheckInputs {
  /** Concepts other readers use by id, besides the symptom check's. */
  usedElsewhere?: ReadonlySet<string>;
}

/**
 * The rules against red-flags.yaml and the engine: every flag has a rule and every rule a flag, every
 * alternative question a rule may ask exists, every named reading exists. Returns the problems.
 */
/**
 * The knowledge with the rules a flag of red-flags.yaml carries itself (`rule:`), so a new red flag
 * can be added in that one file. A flag may not have a rule in both places.
 */
export function withInlineRules(k: SafetyKnowledge, inline: ReadonlyMap<string, RuleDeclaration>, flagsFile = 'red-flags.yaml'): SafetyKnowledge {
  if (inline.size === 0) return k;
  const problems: string[] = [];
  const rules = new Map(k.rules);
  for (const [flag, rule] of inline) {
    if (rules.has(flag)) problems.push(`${flagsFile}: field flags.${flag}.rule: the flag already has a rule in ${k.rulesFile}`);
    const refs = [...(rule.concepts ?? []), ...(rule.topics ?? []), ...[...(rule.when ?? []), ...(rule.confirm ?? [])].flatMap((c) => [...(c.all ?? []), ...(c.any ?? []), ...(c.none ?? [])])];
    for (const id of refs) if (!k.concepts.has(id) && !ENGINE_CONCEPTS.has(id)) problems.push(`${flagsFile}: field flags.${flag}.rule: concept "${id}" is not in concepts.yaml`);
    rules.set(flag, rule);
  }
  if (problems.length > 0) throw new SafetyKnowledgeError(problems);
  return { ...k, rules };
}

/** Every concept a rule refers to (for the "every concept is used" check of rules kept elsewhere). */
export function conceptsOf(rules: Iterable<RuleDeclaration>): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) {
    for (const id of [...(rule.concepts ?? []), ...(rule.topics ?? [])]) out.add(id);
    for (const c of [...(rule.when ?? []), ...(rule.confirm ?? [])]) for (const id of [...(c.all ?? []), ...(c.any ?? []), ...(c.none ?? [])]) out.add(id);
  }
  return out;
}

export function checkRulesAgainstFlags(k: SafetyKnowledge, flags: ReadonlyMap<string, readonly string[]>, logic: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const file = k.rulesFile;
  for (const [flag, rule] of k.rules) {
    if (rule.logic && !logic.has(rule.logic)) problems.push(`${file}: field rules.${flag}.logic: the engine has no reading named "${rule.logic}"`);
    const alt = flags.get(flag);
    if (!alt) problems.push(`${file}: field rules.${flag}: no red flag "${flag}" in red-flags.yaml`);
    rule.asks?.forEach((key, i) => {
      if (alt && !alt.includes(key)) problems.push(`${file}: field rules.${flag}.asks.${i}: red-flags.yaml gives flag "${flag}" no altQuestions.${key}`);
    });
  }
  for (const flag of flags.keys()) if (!k.rules.has(flag)) problems.push(`${file}: field rules: red flag "${flag}" (red-flags.yaml) has no rule`);
  return problems;
}

function describe(file: string, issue: z.core.$ZodIssue): string {
  return `${file}: field ${issue.path.map(String).join('.') || '(the file)'}: ${issue.message}`;
}

/** Validates, cross-checks and compiles the three files' parsed data; names = how each file is shown in errors. */
export function buildSafetyKnowledge(
  data: SafetyKnowledgeFiles,
  names: { concepts: string; modifiers: string; rules: string } = { concepts: 'concepts.yaml', modifiers: 'modifiers.yaml', rules: 'rules.yaml' },
  inputs: CrossCheckInputs = {},
): SafetyKnowledge {
  const problems: string[] = [];
  const c = conceptsFileSchema.safeParse(data.concepts);
  const m = modifiersFileSchema.safeParse(data.modifiers);
  const r = rulesFileSchema.safeParse(data.rules);
  if (!c.success) problems.push(...c.error.issues.map((i) => describe(names.concepts, i)));
  if (!m.success) problems.push(...m.error.issues.map((i) => describe(names.modifiers, i)));
  if (!r.success) problems.push(...r.error.issues.map((i) => describe(names.rules, i)));
  if (!c.success || !m.success || !r.success) throw new SafetyKnowledgeError(problems);

  const conceptIds = new Set(Object.keys(c.data.concepts));
  const known = (id: string) => conceptIds.has(id) || ENGINE_CONCEPTS.has(id);
  const used = new Set<string>([...SYMPTOM_CHECK_CONCEPTS, ...(inputs.usedElsewhere ?? [])]);
  for (const [flag, rule] of Object.entries(r.data.rules)) {
    const refs: Array<[string, string]> = [];
    rule.concepts?.forEach((id, i) => refs.push([`rules.${flag}.concepts.${i}`, id]));
    rule.topics?.forEach((id, i) => refs.push([`rules.${flag}.topics.${i}`, id]));
    for (const key of ['when', 'confirm'] as const) {
      rule[key]?.forEach((cond, i) =>
        (['all', 'any', 'none'] as const).forEach((part) => cond[part]?.forEach((id, j) => refs.push([`rules.${flag}.${key}.${i}.${part}.${j}`, id]))),
      );
    }
    for (const [field, id] of refs) {
      used.add(id);
      if (!known(id)) problems.push(`${names.rules}: field ${field}: concept "${id}" is not in ${names.concepts}`);
    }
  }
  for (const [id, concept] of Object.entries(c.data.concepts)) {
    if (!used.has(id) && concept.understanding === undefined) problems.push(`${names.concepts}: field concepts.${id}: no rule, symptom-check question or language understanding uses it`);
  }

  // One owner per misspelling, across concepts and the spelling section.
  const spelling = new Map<string, string>();
  const owner = new Map<string, string>();
  const addVariant = (field: string, variant: string, canonical: string) => {
    if (variant === canonical) {
      problems.push(`${names.concepts}: field ${field}: "${variant}" is the word itself`);
      return;
    }
    const before = owner.get(variant);
    if (before !== undefined && spelling.get(variant) !== canonical) problems.push(`${names.concepts}: field ${field}: "${variant}" is already listed under ${before}`);
    if (before === undefined) {
      owner.set(variant, field);
      spelling.set(variant, canonical);
    }
  };
  const concepts = new Map<string, CompiledConcept>();
  for (const [id, concept] of Object.entries(c.data.concepts)) {
    const variants = new Map<string, string>();
    for (const [canonical, list] of Object.entries(concept.misspellings ?? {})) {
      list.forEach((v, i) => {
        addVariant(`concepts.${id}.misspellings.${canonical}.${i}`, v, canonical);
        variants.set(v, canonical);
      });
    }
    const words = concept.words ?? [];
    const patterns = [...(words.length > 0 ? [wordsPattern(words)] : []), ...(concept.patterns ?? []).map((p) => new RegExp(p, 'g'))];
    concepts.set(id, {
      id,
      about: concept.about,
      understanding: concept.understanding,
      terms: [...new Set([...words, ...Object.keys(concept.misspellings ?? {})])],
      variants,
      patterns,
      masks: (concept.ignore ?? []).map((p) => new RegExp(p, 'g')),
    });
  }
  for (const [group, map] of Object.entries(c.data.spelling)) {
    for (const [canonical, list] of Object.entries(map)) list.forEach((v, i) => addVariant(`spelling.${group}.${canonical}.${i}`, v, canonical));
  }
  if (problems.length > 0) throw new SafetyKnowledgeError(problems);

  const modifiers = Object.fromEntries(
    MODIFIER_CATEGORIES.map((cat) => {
      const mod = m.data.modifiers[cat];
      return [cat, { direction: mod.direction, maxScope: mod.maxScope, words: new Set(mod.words), pattern: wordsPattern(mod.words, '') }];
    }),
  ) as unknown as Record<ModifierCategory, CompiledModifier>;

  return {
    rulesFile: names.rules,
    concepts,
    spelling,
    fuzzyTargets: c.data.fuzzy.targets,
    fuzzyProtected: new Set(c.data.fuzzy.protected),
    modifiers,
    rules: new Map(Object.entries(r.data.rules)),
    thresholds: r.data.thresholds,
  };
}

export function defaultSafetyKnowledgeDir(): string {
  return join(projectRoot(), 'knowledge', 'safety');
}

function readYaml(file: string, problems: string[]): unknown {
  const shown = relative(process.cwd(), file) || file;
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${shown}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `not valid YAML: ${(err as Error).message.split('\n')[0]}`}`);
    return undefined;
  }
}

/** Reads knowledge/safety/{concepts,modifiers,rules}.yaml from `dir` and builds the detector's knowledge. */
export function loadSafetyKnowledge(dir: string = defaultSafetyKnowledgeDir(), inputs: CrossCheckInputs = {}): SafetyKnowledge {
  const files = { concepts: join(dir, 'concepts.yaml'), modifiers: join(dir, 'modifiers.yaml'), rules: join(dir, 'rules.yaml') };
  const problems: string[] = [];
  const data = { concepts: readYaml(files.concepts, problems), modifiers: readYaml(files.modifiers, problems), rules: readYaml(files.rules, problems) };
  if (problems.length > 0) throw new SafetyKnowledgeError(problems);
  const shown = (f: string) => relative(process.cwd(), f) || f;
  return buildSafetyKnowledge(data, { concepts: shown(files.concepts), modifiers: shown(files.modifiers), rules: shown(files.rules) }, inputs);
}

let cached: SafetyKnowledge | undefined;

/**
 * The project's own knowledge/safety folder, read once: for readers built without injected
 * knowledge (assessSafety, sentences made outside a detector). The composition root injects its own.
 */
export function defaultSafetyKnowledge(): SafetyKnowledge {
  cached ??= loadSafetyKnowledge();
  return cached;
}
