/**
 * What the red-flag detector knows, as data a clinician edits: knowledge/safety/concepts.yaml (the
 * one lexicon), modifiers.yaml (negation, uncertainty, the past, someone else...), rules.yaml
 * (which concepts raise which flag, and the thresholds) and crisis-patterns.yaml (the crisis pattern
 * families: ./crisisPatterns). Loaded and validated with zod, every problem
 * reported with its file and field, then cross-checked against each other and red-flags.yaml.
 */
import type { EmojiWords } from '../text/emoji';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseYaml } from '../knowledge/parsedYaml';
import { z } from 'zod';
import { projectRoot } from '../projectRoot';
import type { AcrossMessagesRules } from './acrossMessages';
import { buildCrisisPatterns, type CrisisPatterns } from './crisisPatterns';
import { PRESENCE_FIELDS } from './pictureFields';
import { PatternSet } from './prefilter';

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

/** A number, or the name of one of the `thresholds` (checked against them on load). */
const amount = z.union([z.number().nonnegative(), z.string().regex(/^[a-zA-Z]+$/, 'must be a number or the name of a threshold')]);
/** A range over a number the engine reads (days a sign has lasted, weeks since weaning...). */
const range = z
  .object({ atLeast: amount.optional(), atMost: amount.optional(), below: amount.optional(), orUnknown: z.boolean().optional() })
  .strict()
  .refine((r) => r.atLeast !== undefined || r.atMost !== undefined || r.below !== undefined, 'needs `atLeast`, `atMost` or `below`');

export const CONTEXT_STATUSES = ['pregnant', 'breastfeeding', 'pumping', 'weaned', 'none', 'unknown'] as const;
/** What the conversation knows about the parent (earlier messages and this one). */
const contextCondition = z
  .object({
    status: z.array(z.enum(CONTEXT_STATUSES)).min(1).optional(),
    notStatus: z.array(z.enum(CONTEXT_STATUSES)).min(1).optional(),
    /** Not lactating now: never lately, weaned `weanedWeeks` ago or more, or a man. */
    notLactating: z.boolean().optional(),
    male: z.boolean().optional(),
    /** Only for a weaned parent: `unknown` (weaned, but not known when), or a range in weeks. */
    weeksSinceWeaning: z.union([z.literal('unknown'), range]).optional(),
  })
  .strict();

/** This message's clinical picture (core/safety/picture.ts): numbers as ranges, the rest as lists of values. */
const pictureCondition = z
  .object({
    lumpDays: range.optional(),
    weeksSinceWeaning: range.optional(),
    weeksSinceBirth: range.optional(),
    temperatureC: range.optional(),
    sex: z.array(z.enum(['female', 'male'])).optional(),
    about: z.array(z.enum(['self', 'baby', 'someone-else'])).optional(),
    side: z.array(z.enum(['one', 'both'])).optional(),
    colour: z.array(z.enum(['bloody', 'clear'])).optional(),
    trigger: z.array(z.enum(['own', 'squeezed'])).optional(),
  })
  .strict();

export interface RuleCondition {
  all?: string[];
  any?: string[];
  none?: string[];
  unlessSaid?: string[];
  unless?: RuleCondition[];
  context?: z.infer<typeof contextCondition>;
  picture?: z.infer<typeof pictureCondition>;
  lasted?: z.infer<typeof range>;
  says?: string[];
  saysPattern?: string[];
  saysWhere?: 'message' | 'sentences-with-signs';
  ask?: string;
}

const conditionFields = () =>
  z
    .object({
      all: z.array(kebab).optional(),
      any: z.array(kebab).optional(),
      none: z.array(kebab).optional(),
      /** Cancelled when the parent plainly says one of these (hedged or asked does not cancel). */
      unlessSaid: z.array(kebab).optional(),
      /** Cancelled when any of these conditions holds (each may be only words of the message, or a denial). */
      unless: z.array(unlessCondition).optional(),
      context: contextCondition.optional(),
      picture: pictureCondition.optional(),
      /** The longest "for ..." duration near the mentions found (their sentence or the next); in `unless`, near the outer condition's. */
      lasted: range.optional(),
      /** Some sentence of the message has one of these words or phrases. */
      says: z.array(entry).optional(),
      /** Some sentence of the message matches one of these patterns (for phrases that need structure). */
      saysPattern: z.array(pattern).optional(),
      /** Which sentences `says` reads: the whole message (default), or only those that mention some sign. */
      saysWhere: z.enum(['message', 'sentences-with-signs']).optional(),
      /** In `confirm`: the key of the flag's altQuestions to ask instead of its main question. */
      ask: kebab.optional(),
    })
    .strict();

const condition: z.ZodType<RuleCondition> = z.lazy(() => conditionFields().refine((c) => (c.all?.length ?? 0) + (c.any?.length ?? 0) > 0, 'needs `all` or `any`'));
const unlessCondition: z.ZodType<RuleCondition> = z.lazy(() => conditionFields().refine((c) => Object.keys(c).length > 0, 'must not be empty'));

/**
 * A named selection of mentions, used in rules like a concept: some concepts (or other groups), kept
 * only when they pass every filter given.
 */
export const groupSchema = z
  .object({
    about: z.string().trim().min(1, 'must say what the group means'),
    concepts: z.array(kebab).min(1),
    /** Only mentions whose first word is one of these ("red", "hot": a red breast, not a sore one). */
    firstWord: z.array(entry).optional(),
    notFirstWord: z.array(entry).optional(),
    /** Only plainly said (not hedged, not asked), whatever the rule is checking. */
    stated: z.boolean().optional(),
    /** Only denied ("no fever"), whatever the rule is checking. */
    denied: z.boolean().optional(),
    /** `a-man`: the parent who is a man, or a man the clause is about (his nipple, my husband). */
    person: z.enum(['a-man']).optional(),
    /**
     * `another-man`: drop signs of a man other than the parent ("my husband has a fever");
     * `a-named-man`: drop discharge the clause gives to a man ("my husband's nipple leaks").
     */
    notPerson: z.enum(['another-man', 'a-named-man']).optional(),
    /** Drop mentions whose clause names one of `words` and none of `unlessAlso` (a red nipple is not a red breast). */
    notOnlyAbout: z.object({ words: z.array(entry).min(1), unlessAlso: z.array(entry).min(1) }).strict().optional(),
    /** Only mentions in a sentence that has one of these words ("still on antibiotics"). */
    inSentenceWith: z.array(entry).optional(),
    /** Only mentions in a sentence that has none of these words ("worried about sepsis"). */
    notInSentenceWith: z.array(entry).optional(),
  })
  .strict()
  .refine((g) => !(g.stated && g.denied), 'cannot be both `stated` and `denied`');

export const crisisRuleSchema = z
  .object({
    /** Said, or hedged: report. Asked about (or, with `denialAsks`, denied): ask the flag's question. */
    strong: z.array(kebab).min(1),
    /** One of these: ask; two different kinds together: report. */
    soft: z.array(kebab).optional(),
    denialAsks: z.boolean().optional(),
  })
  .strict();

export const ruleSchema = z
  .object({
    when: z.array(condition).optional(),
    confirm: z.array(condition).optional(),
    crisis: crisisRuleSchema.optional(),
    /** Concepts that, only asked about ("can mastitis cause leaking?"), make the flag the question's topic. */
    topics: z.array(kebab).optional(),
  })
  .strict()
  .refine((r) => (r.when !== undefined || r.confirm !== undefined) !== (r.crisis !== undefined), 'needs either `when`/`confirm` (a declaration) or `crisis` (crisis language), not both');

const pictureField = z.enum(PRESENCE_FIELDS);
const acrossMessagesCondition = z
  .object({ all: z.array(pictureField).min(1).optional(), any: z.array(pictureField).min(1).optional() })
  .strict()
  .refine((c) => (c.all?.length ?? 0) + (c.any?.length ?? 0) >= 2, 'needs at least two fields in `all` and `any` together: a rule across messages joins signs told apart');

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
    groups: z.record(kebab, groupSchema).default({}),
    rules: z.record(kebab, ruleSchema),
    acrossMessages: z.record(kebab, z.array(acrossMessagesCondition).min(1)).optional(),
  })
  .strict();

export type Thresholds = z.infer<typeof rulesFileSchema>['thresholds'];
export type RuleDeclaration = z.infer<typeof ruleSchema>;
export type MentionGroup = z.infer<typeof groupSchema>;

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
  /**
   * Every concept pattern and mask, read for the words a match needs: which can be skipped in a
   * sentence. Its groups are the concepts' patterns, in the order of `concepts`.
   */
  conceptFilter: PatternSet;
  rules: ReadonlyMap<string, RuleDeclaration>;
  /** Named selections of mentions the rules use like concepts (rules.yaml `groups`). */
  groups: ReadonlyMap<string, MentionGroup>;
  /** Flags raised by signs told in different messages (rules.yaml `acrossMessages`). */
  acrossMessages: AcrossMessagesRules;
  thresholds: Thresholds;
  /** The crisis pattern families, compiled (crisis-patterns.yaml). */
  crisis: CrisisPatterns;
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

/** Concepts the engine itself provides (crisis language and psychosis: crisis-patterns.yaml's families and core/safety/crisisClassifier.ts). */
export const ENGINE_CONCEPTS: ReadonlySet<string> = new Set(['crisis-self', 'crisis-self-soft', 'crisis-baby', 'crisis-baby-soft', 'psychosis', 'psychosis-soft']);

/**
 * Concepts the symptom check reads typed answers with (the `concepts` of knowledge/symptom-check.yaml's
 * options): they count as used, and a new word for one of them is understood there too.
 */
export const SYMPTOM_CHECK_CONCEPTS = ['fever', 'flu-like', 'lump', 'spontaneous', 'blood', 'pink-brown', 'clear-fluid', 'headache', 'headache-severe', 'vision', 'medicine', 'breast-sign-strong', 'breast-sign-weak', 'cracked'] as const;

/** Every concept or group a rule names, with the field it is named in. */
export function ruleReferences(flag: string, rule: RuleDeclaration): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  rule.topics?.forEach((id, i) => refs.push([`rules.${flag}.topics.${i}`, id]));
  rule.crisis?.strong.forEach((id, i) => refs.push([`rules.${flag}.crisis.strong.${i}`, id]));
  rule.crisis?.soft?.forEach((id, i) => refs.push([`rules.${flag}.crisis.soft.${i}`, id]));
  const walk = (cond: RuleCondition, at: string) => {
    (['all', 'any', 'none', 'unlessSaid'] as const).forEach((part) => cond[part]?.forEach((id, j) => refs.push([`${at}.${part}.${j}`, id])));
    cond.unless?.forEach((u, j) => walk(u, `${at}.unless.${j}`));
  };
  for (const key of ['when', 'confirm'] as const) rule[key]?.forEach((cond, i) => walk(cond, `rules.${flag}.${key}.${i}`));
  return refs;
}

/** Every threshold a rule names (a range may give a number or a threshold's name). */
function thresholdReferences(flag: string, rule: RuleDeclaration): Array<[string, string | number]> {
  const refs: Array<[string, string | number]> = [];
  const ranges = (r: unknown, at: string) => {
    if (typeof r !== 'object' || r === null) return;
    for (const bound of ['atLeast', 'atMost', 'below'] as const) {
      const v = (r as Record<string, unknown>)[bound];
      if (v !== undefined) refs.push([`${at}.${bound}`, v as string | number]);
    }
  };
  const walk = (cond: RuleCondition, at: string) => {
    ranges(cond.lasted, `${at}.lasted`);
    ranges(cond.context?.weeksSinceWeaning, `${at}.context.weeksSinceWeaning`);
    for (const [field, r] of Object.entries(cond.picture ?? {})) ranges(r, `${at}.picture.${field}`);
    cond.unless?.forEach((u, j) => walk(u, `${at}.unless.${j}`));
  };
  for (const key of ['when', 'confirm'] as const) rule[key]?.forEach((cond, i) => walk(cond, `rules.${flag}.${key}.${i}`));
  return refs;
}

/** The alternative questions a rule may ask (a `confirm` alternative's `ask`). */
function askReferences(flag: string, rule: RuleDeclaration): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  rule.confirm?.forEach((cond, i) => cond.ask !== undefined && refs.push([`rules.${flag}.confirm.${i}.ask`, cond.ask]));
  return refs;
}

export interface SafetyKnowledgeFiles {
  concepts: unknown;
  modifiers: unknown;
  rules: unknown;
  crisis: unknown;
}

export interface CrossCheckInputs {
  /** Concepts other readers use by id, besides the symptom check's. */
  usedElsewhere?: ReadonlySet<string>;
}

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
    for (const [field, id] of ruleReferences(flag, rule)) {
      if (!k.concepts.has(id) && !ENGINE_CONCEPTS.has(id) && !k.groups.has(id)) problems.push(`${flagsFile}: field flags.${flag}.rule (${field}): concept "${id}" is not in concepts.yaml nor a group of ${k.rulesFile}`);
    }
    for (const [field, ref] of thresholdReferences(flag, rule)) {
      if (typeof ref === 'string' && !(ref in k.thresholds)) problems.push(`${flagsFile}: field flags.${flag}.rule (${field}): no threshold "${ref}" in ${k.rulesFile}`);
    }
    rules.set(flag, rule);
  }
  if (problems.length > 0) throw new SafetyKnowledgeError(problems);
  return { ...k, rules };
}

/** Every concept a rule refers to (for the "every concept is used" check of rules kept elsewhere). */
export function conceptsOf(rules: Iterable<RuleDeclaration>): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) for (const [, id] of ruleReferences('', rule)) out.add(id);
  return out;
}

/**
 * The rules against red-flags.yaml: every flag has a rule and every rule a flag, every alternative
 * question a rule may ask exists. Returns the problems.
 */
export function checkRulesAgainstFlags(k: SafetyKnowledge, flags: ReadonlyMap<string, readonly string[]>): string[] {
  const problems: string[] = [];
  const file = k.rulesFile;
  for (const [flag, rule] of k.rules) {
    const alt = flags.get(flag);
    if (!alt) problems.push(`${file}: field rules.${flag}: no red flag "${flag}" in red-flags.yaml`);
    for (const [field, key] of askReferences(flag, rule)) {
      if (alt && !alt.includes(key)) problems.push(`${file}: field ${field}: red-flags.yaml gives flag "${flag}" no altQuestions.${key}`);
    }
  }
  for (const flag of flags.keys()) if (!k.rules.has(flag)) problems.push(`${file}: field rules: red flag "${flag}" (red-flags.yaml) has no rule`);
  for (const flag of k.acrossMessages.keys()) if (!flags.has(flag)) problems.push(`${file}: field acrossMessages.${flag}: no red flag "${flag}" in red-flags.yaml`);
  return problems;
}

function describe(file: string, issue: z.core.$ZodIssue): string {
  return `${file}: field ${issue.path.map(String).join('.') || '(the file)'}: ${issue.message}`;
}

/** Validates, cross-checks and compiles the three files' parsed data; names = how each file is shown in errors. */
export function buildSafetyKnowledge(
  data: SafetyKnowledgeFiles,
  names: { concepts: string; modifiers: string; rules: string; crisis: string } = { concepts: 'concepts.yaml', modifiers: 'modifiers.yaml', rules: 'rules.yaml', crisis: 'crisis-patterns.yaml' },
  inputs: CrossCheckInputs = {},
): SafetyKnowledge {
  const problems: string[] = [];
  const c = conceptsFileSchema.safeParse(data.concepts);
  const m = modifiersFileSchema.safeParse(data.modifiers);
  const r = rulesFileSchema.safeParse(data.rules);
  if (!c.success) problems.push(...c.error.issues.map((i) => describe(names.concepts, i)));
  if (!m.success) problems.push(...m.error.issues.map((i) => describe(names.modifiers, i)));
  if (!r.success) problems.push(...r.error.issues.map((i) => describe(names.rules, i)));
  const crisis = buildCrisisPatterns(data.crisis, names.crisis);
  if ('problems' in crisis) problems.push(...crisis.problems);
  if (!c.success || !m.success || !r.success || 'problems' in crisis) throw new SafetyKnowledgeError(problems);

  const conceptIds = new Set(Object.keys(c.data.concepts));
  const known = (id: string) => conceptIds.has(id) || ENGINE_CONCEPTS.has(id);
  const used = new Set<string>([...SYMPTOM_CHECK_CONCEPTS, ...(inputs.usedElsewhere ?? [])]);
  const groups = r.data.groups;
  const isGroup = (id: string) => Object.hasOwn(groups, id);
  // A group's members are concepts or earlier groups (so no group contains itself).
  const groupIds = Object.keys(groups);
  const usedGroups = new Set<string>();
  groupIds.forEach((gid, gi) =>
    groups[gid].concepts.forEach((id, i) => {
      if (isGroup(id)) {
        usedGroups.add(id);
        if (groupIds.indexOf(id) >= gi) problems.push(`${names.rules}: field groups.${gid}.concepts.${i}: group "${id}" must be defined above "${gid}"`);
        return;
      }
      used.add(id);
      if (!known(id)) problems.push(`${names.rules}: field groups.${gid}.concepts.${i}: concept "${id}" is not in ${names.concepts}`);
    }),
  );
  for (const [flag, rule] of Object.entries(r.data.rules)) {
    for (const [field, id] of ruleReferences(flag, rule)) {
      if (isGroup(id)) {
        usedGroups.add(id);
        continue;
      }
      used.add(id);
      if (!known(id)) problems.push(`${names.rules}: field ${field}: concept "${id}" is not in ${names.concepts} nor a group`);
    }
    for (const [field, ref] of thresholdReferences(flag, rule)) {
      if (typeof ref === 'string' && !Object.hasOwn(r.data.thresholds, ref)) problems.push(`${names.rules}: field ${field}: no threshold "${ref}" in thresholds`);
    }
    rule.when?.forEach((cond, i) => cond.ask !== undefined && problems.push(`${names.rules}: field rules.${flag}.when.${i}.ask: only a \`confirm\` alternative asks a question`));
  }
  for (const gid of groupIds) if (!usedGroups.has(gid) && !(inputs.usedElsewhere?.has(gid) ?? false)) problems.push(`${names.rules}: field groups.${gid}: no rule uses it`);
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
    conceptFilter: new PatternSet(
      [...concepts.values()].flatMap((concept) => [...concept.patterns, ...concept.masks]),
      [...concepts.values()].map((concept) => concept.patterns),
    ),
    rules: new Map(Object.entries(r.data.rules)),
    groups: new Map(Object.entries(r.data.groups)),
    acrossMessages: new Map(Object.entries(r.data.acrossMessages ?? {})),
    thresholds: r.data.thresholds,
    crisis,
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

/** Reads knowledge/safety/{concepts,modifiers,rules,crisis-patterns}.yaml from `dir` and builds the detector's knowledge. */
export function loadSafetyKnowledge(dir: string = defaultSafetyKnowledgeDir(), inputs: CrossCheckInputs = {}): SafetyKnowledge {
  const files = { concepts: join(dir, 'concepts.yaml'), modifiers: join(dir, 'modifiers.yaml'), rules: join(dir, 'rules.yaml'), crisis: join(dir, 'crisis-patterns.yaml') };
  const problems: string[] = [];
  const data = { concepts: readYaml(files.concepts, problems), modifiers: readYaml(files.modifiers, problems), rules: readYaml(files.rules, problems), crisis: readYaml(files.crisis, problems) };
  if (problems.length > 0) throw new SafetyKnowledgeError(problems);
  const shown = (f: string) => relative(process.cwd(), f) || f;
  return buildSafetyKnowledge(data, { concepts: shown(files.concepts), modifiers: shown(files.modifiers), rules: shown(files.rules), crisis: shown(files.crisis) }, inputs);
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
