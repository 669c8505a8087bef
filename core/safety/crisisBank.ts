/**
 * The crisis classifier's data: knowledge/safety/crisis-classifier.yaml (categories, thresholds,
 * training settings) and the two banks it names, crisis-positive.tsv and crisis-lookalike.tsv, plus the
 * older hand-written example lists and the topics' example questions as extra training text. Validated
 * with zod; every problem names the file and the line or field.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseYaml } from '../knowledge/parsedYaml';
import { z } from 'zod';
import { KnowledgeError, readValidatedYaml } from '../knowledge/loader';
import { plainValidation, type KnowledgeValidation } from '../knowledge/builtValidation';
import { projectRoot } from '../projectRoot';

/** The classes the model tells apart: no crisis, and one per crisis red flag. */
export const CRISIS_CLASSES = ['none', 'thoughts-of-self-harm', 'thoughts-of-harming-baby', 'psychosis-signs'] as const;
export type CrisisClass = (typeof CRISIS_CLASSES)[number];
export type CrisisFlagId = Exclude<CrisisClass, 'none'>;

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const probability = z.number().gt(0).lt(1);
const pattern = z.string().superRefine((src, ctx) => {
  try {
    new RegExp(src);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `is not a valid pattern: ${(err as Error).message}` });
  }
});

export const classifierConfigSchema = z
  .object({
    positive: z.record(kebab, z.enum(CRISIS_CLASSES.slice(1) as [CrisisFlagId, ...CrisisFlagId[]])),
    lookalike: z.array(kebab).min(1),
    everydayBounds: z.array(pattern).default([]),
    thresholds: z
      .object({
        report: probability,
        reportPart: probability,
        ask: probability,
        minWords: z.object({ ask: z.number().int().min(1), report: z.number().int().min(1) }).strict(),
      })
      .strict()
      .refine((t) => t.ask <= t.report && t.ask <= t.reportPart, 'ask must not be above report or reportPart'),
    training: z
      .object({
        epochs: z.number().int().min(1).max(200),
        learningRate: z.number().positive(),
        l2: z.number().min(0),
        minCount: z.number().int().min(1),
        augment: z
          .object({
            harmlessParts: z.array(kebab),
            everyday: kebab,
            buried: z.boolean(),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();
export type ClassifierConfig = z.infer<typeof classifierConfigSchema>;

export interface BankLine {
  category: string;
  text: string;
  /** Where it came from, for messages: "crisis-positive.tsv:12". */
  at: string;
}

export interface CrisisTrainingData {
  config: ClassifierConfig;
  /** Crisis wording, each with the flag its category raises. */
  positive: Array<BankLine & { flag: CrisisFlagId }>;
  lookalike: BankLine[];
  /** Extra text always trained on (never cross-validated): older example lists, topics' examples (read when first used). */
  readonly extraPositive: Array<{ text: string; flag: CrisisFlagId }>;
  readonly extraNegative: string[];
  /** Hash of everything the model is trained from: a model with another key is stale. */
  key: string;
}

export function defaultCrisisDir(): string {
  return join(projectRoot(), 'knowledge', 'safety');
}

const shown = (file: string) => relative(process.cwd(), file) || file;

/** Lower-case words only: two lines that differ in case or punctuation are the same line. */
const sameLine = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function readBank(file: string, categories: ReadonlySet<string>, problems: string[]): BankLine[] {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push(`${shown(file)}: cannot read: ${(err as Error).message}`);
    return [];
  }
  const lines = raw.split(/\r?\n/);
  if (lines[0].trim() !== 'category\ttext') problems.push(`${shown(file)}: line 1: the header must be "category<TAB>text"`);
  const out: BankLine[] = [];
  const seen = new Set<string>();
  const name = file.split(/[\\/]/).pop();
  const where = shown(file);
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${where}: line ${i + 2}`;
    const tab = line.indexOf('\t');
    const category = tab < 0 ? '' : line.slice(0, tab).trim();
    const text = tab < 0 ? line.trim() : line.slice(tab + 1).trim();
    if (tab < 0) return void problems.push(`${at}: field category: missing (category<TAB>text)`);
    if (!categories.has(category)) return void problems.push(`${at}: field category: "${category}" is not one of ${[...categories].join(', ')}`);
    if (text.length < 2) return void problems.push(`${at}: field text: empty`);
    // The same message twice teaches nothing new and would weigh it double: keep the first.
    const key = sameLine(text);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ category, text, at: `${name}:${i + 2}` });
  });
  return out;
}

const crisisYamlSchema = z
  .object({
    self: z.array(z.string().trim().min(3)),
    baby: z.array(z.string().trim().min(3)),
    psychosis: z.array(z.string().trim().min(3)),
  })
  .strict();
const benignYamlSchema = z.object({ benign: z.array(z.string().trim().min(3)) }).strict();

function yamlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** The topics' example questions: everyday messages about leaking. Shapes are checked by the knowledge loader. */
function topicExamples(dir: string): string[] {
  const out: string[] = [];
  for (const file of yamlFiles(dir)) {
    try {
      const data = parseYaml(readFileSync(file, 'utf8')) as { examples?: unknown };
      if (Array.isArray(data?.examples)) for (const e of data.examples) if (typeof e === 'string' && e.trim().length > 2) out.push(e.trim());
    } catch {
      continue;
    }
  }
  return out;
}

/** The classifier's settings alone (knowledge/safety/crisis-classifier.yaml), checked. */
export function loadCrisisConfig(dir: string = defaultCrisisDir(), validation: KnowledgeValidation = plainValidation): ClassifierConfig {
  return readValidatedYaml(join(dir, 'crisis-classifier.yaml'), classifierConfigSchema, 'crisis-classifier', validation);
}

/**
 * The hash of the exact text of every file the model is trained from (settings, both banks, the
 * example lists, the topics), without reading any of them for its meaning: the same text gives the
 * same training data, checked the same way, so a model stored with this key is current for it.
 * What start-up checks instead of parsing the banks (about 4% of its time).
 */
export function crisisSourceKey(dir: string = defaultCrisisDir()): string {
  const hash = createHash('sha256');
  const files = ['crisis-classifier.yaml', 'crisis-positive.tsv', 'crisis-lookalike.tsv', 'crisis-examples.yaml', 'benign-examples.yaml'].map((f) => join(dir, f));
  for (const file of [...files, ...yamlFiles(join(dir, '..', 'topics'))]) {
    hash.update(`f\t${file.split(/[\\/]/).pop()}\n`);
    try {
      hash.update(readFileSync(file));
    } catch {
      // Missing or unreadable: no model is ever trained without this file, so no stored model has this
      // key; the banks are then read and the problem reported as before.
      hash.update('\u0000unreadable\u0000');
    }
  }
  return hash.digest('hex');
}

/** Loads and checks the classifier's settings and banks from `dir` (knowledge/safety); topics are beside it. */
export function loadCrisisTrainingData(dir: string = defaultCrisisDir()): CrisisTrainingData {
  const config = loadCrisisConfig(dir);
  const problems: string[] = [];
  const positiveFile = join(dir, 'crisis-positive.tsv');
  const lookalikeFile = join(dir, 'crisis-lookalike.tsv');
  for (const c of [...config.training.augment.harmlessParts, config.training.augment.everyday]) {
    if (!config.lookalike.includes(c)) problems.push(`${shown(join(dir, 'crisis-classifier.yaml'))}: field training.augment: "${c}" is not a look-alike category`);
  }
  const positive = readBank(positiveFile, new Set(Object.keys(config.positive)), problems).map((l) => ({ ...l, flag: config.positive[l.category] }));
  const lookalike = readBank(lookalikeFile, new Set(config.lookalike), problems);
  const crisisWords = new Map(positive.map((p) => [sameLine(p.text), p.at]));
  for (const l of lookalike) {
    const other = crisisWords.get(sameLine(l.text));
    if (other) problems.push(`${shown(lookalikeFile)}: ${l.at}: field text: the same message is crisis wording at ${other}`);
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  const topicDir = join(dir, '..', 'topics');
  // The extra text is only parsed when a model is trained; the key hashes its files' bytes, which is
  // what keeps start-up quick when the built model is current.
  const hash = createHash('sha256');
  hash.update(JSON.stringify(config.training));
  for (const p of positive) hash.update(`p\t${p.flag}\t${p.text}\n`);
  for (const l of lookalike) hash.update(`n\t${l.text}\n`);
  for (const file of [join(dir, 'crisis-examples.yaml'), join(dir, 'benign-examples.yaml'), ...yamlFiles(topicDir)]) {
    hash.update(`f\t${file.split(/[\\/]/).pop()}\n`);
    hash.update(readFileSync(file));
  }
  let extra: { positive: CrisisTrainingData['extraPositive']; negative: string[] } | undefined;
  const loadExtra = () => {
    if (extra) return extra;
    const crisisYaml = readValidatedYaml(join(dir, 'crisis-examples.yaml'), crisisYamlSchema, 'crisis-examples');
    const benignYaml = readValidatedYaml(join(dir, 'benign-examples.yaml'), benignYamlSchema, 'benign-examples');
    extra = {
      positive: [
        ...crisisYaml.self.map((text) => ({ text, flag: 'thoughts-of-self-harm' as const })),
        ...crisisYaml.baby.map((text) => ({ text, flag: 'thoughts-of-harming-baby' as const })),
        ...crisisYaml.psychosis.map((text) => ({ text, flag: 'psychosis-signs' as const })),
      ],
      negative: [...benignYaml.benign, ...topicExamples(topicDir)],
    };
    return extra;
  };
  return {
    config,
    positive,
    lookalike,
    get extraPositive() {
      return loadExtra().positive;
    },
    get extraNegative() {
      return loadExtra().negative;
    },
    key: hash.digest('hex').slice(0, 16),
  };
}
