/**
 * Crisis language, second layer: a statistical classifier (./crisisModel) trained at build time on the
 * crisis banks (./crisisBank), behind the pattern families of ./crisis. It reads a message at two
 * levels:
 *
 *   in context - each run of up to three neighbouring sentences (the whole of a short message), so
 *                "I wanted to die of embarrassment. Anyway..." is read with what comes with it;
 *   in parts   - each sentence, each clause of four words or more, and short windows of a long
 *                sentence, so one crisis sentence inside a long message about pads is read on its own.
 *
 * With the bands of knowledge/safety/crisis-classifier.yaml:
 *
 *   in context >= report, or a part >= reportPart  -> the crisis flag (an emergency); only the
 *                                                     question when the piece is bounded in everyday
 *                                                     time, place or activity ("for an hour", "nursing")
 *   a part or the context >= ask                   -> the flag's one gentle question (not when bounded)
 *
 * Other people's stories, denials, idioms and questions about a condition are in the look-alike bank,
 * so the model itself learns to tell them apart; no scope rule is applied on top.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../projectRoot';
import type { KnowledgeValidation } from '../knowledge/builtValidation';
import type { Mention } from './concepts';
import { CRISIS_CLASSES, crisisSourceKey, loadCrisisConfig, loadCrisisTrainingData, type CrisisFlagId, type CrisisTrainingData } from './crisisBank';
import type { CrisisConcept } from './crisis';
import { CrisisModel, FEATURE_VERSION, TokenReader, type SerialisedModel, type TrainingExample } from './crisisModel';
import { splitMessage, type Sentence } from './text';

export interface CrisisThresholds {
  report: number;
  reportPart: number;
  ask: number;
  /** Fewest words a piece must have to ask, and to report. */
  minWords: { ask: number; report: number };
}

const STRONG: Record<CrisisFlagId, CrisisConcept> = {
  'thoughts-of-self-harm': 'crisis-self',
  'thoughts-of-harming-baby': 'crisis-baby',
  'psychosis-signs': 'psychosis',
};
const SOFT: Record<CrisisFlagId, CrisisConcept> = {
  'thoughts-of-self-harm': 'crisis-self-soft',
  'thoughts-of-harming-baby': 'crisis-baby-soft',
  'psychosis-signs': 'psychosis-soft',
};

/** The highest-scoring piece of the message for one crisis flag. */
export interface CrisisPart {
  flag: CrisisFlagId;
  probability: number;
  /** Read with its neighbouring sentences, or on its own. */
  level: 'context' | 'part';
  /** Words read (commas not counted). */
  words: number;
  sentence: Sentence;
  start: number;
  end: number;
}

/** Sentences read together as one context. */
const CONTEXT_SENTENCES = 3;
/** Clauses shorter than this are not read on their own (too little to go on). */
const MIN_CLAUSE = 4;
/** Sentences longer than this are also read in windows. */
const LONG_SENTENCE = 16;
const WINDOW = 12;
const STRIDE = 6;

function wordCount(tokens: readonly string[], start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (tokens[i] !== ',') n++;
  return n;
}

/** Tokens of sentences read as one list: sentences separated by a comma token (no word pair across). */
export function messageTokens(sentences: readonly Sentence[]): string[] {
  const out: string[] = [];
  for (const s of sentences) {
    if (s.tokens.length === 0) continue;
    if (out.length > 0) out.push(',');
    out.push(...s.tokens);
  }
  return out;
}

/** Token ranges of a sentence read on their own: the sentence, its clauses, windows of a long one. */
export function partsOf(s: Sentence): Array<[number, number]> {
  const n = s.tokens.length;
  if (n === 0) return [];
  const out: Array<[number, number]> = [[0, n]];
  if (s.clauses.length > 1) for (const c of s.clauses) if (c.end - c.start >= MIN_CLAUSE) out.push([c.start, c.end]);
  if (n > LONG_SENTENCE) for (let i = 0; i + STRIDE < n; i += STRIDE) out.push([i, Math.min(n, i + WINDOW)]);
  return out;
}

/** Runs of up to CONTEXT_SENTENCES neighbouring sentences (one run for a short message). */
export function contextsOf(sentences: readonly Sentence[]): Sentence[][] {
  const ss = sentences.filter((s) => s.tokens.length > 0);
  const w = Math.min(CONTEXT_SENTENCES, ss.length);
  const out: Sentence[][] = [];
  for (let i = 0; i + w <= ss.length; i++) out.push(ss.slice(i, i + w));
  return out;
}

/** Keeps `part` when it scores higher than the best of its level and flag so far. */
function consider(best: Map<string, CrisisPart>, part: CrisisPart): void {
  const key = part.level === 'part' ? PART_KEYS[part.flag] : CONTEXT_KEYS[part.flag];
  const prev = best.get(key);
  if (!prev || part.probability > prev.probability) best.set(key, part);
}

/** The key of each level and flag in `consider` (made once, not per part). */
const PART_KEYS = Object.fromEntries(CRISIS_CLASSES.map((c) => [c, `part:${c}`])) as Record<CrisisFlagId, string>;
const CONTEXT_KEYS = Object.fromEntries(CRISIS_CLASSES.map((c) => [c, `context:${c}`])) as Record<CrisisFlagId, string>;

export class CrisisClassifier {
  private readonly everyday: RegExp[];
  /** Reads one sentence at a time into arrays it keeps (see TokenReader). */
  private reader?: TokenReader;

  /** `everyday`: patterns of everyday bounds (knowledge/safety/crisis-classifier.yaml); a report in such a sentence only asks. */
  constructor(
    readonly model: CrisisModel,
    readonly thresholds: CrisisThresholds,
    everyday: readonly string[] = [],
  ) {
    this.everyday = everyday.map((p) => new RegExp(p));
  }

  /** The piece's own words (a part) or its sentence (a context) bound it in everyday time, place or activity. */
  private bounded(p: CrisisPart): boolean {
    const text = p.level === 'part' ? p.sentence.tokens.slice(p.start, p.end).join(' ') : p.sentence.text;
    return this.everyday.some((e) => e.test(text));
  }

  /** The best-scoring context and part of the message for each crisis flag (any probability). */
  parts(sentences: readonly Sentence[]): CrisisPart[] {
    // The best part per level and flag, in the order first found.
    const best = new Map<string, CrisisPart>();
    // Each sentence is read once; a run of sentences is the sum of its sentences (no word pair crosses
    // a sentence end), so reading in context costs nothing more.
    const whole = new Map<Sentence, { sums: Float64Array; own: number }>();
    const read = (this.reader ??= new TokenReader(this.model));
    for (const s of sentences) {
      const n = s.tokens.length;
      if (n === 0) continue;
      read.read(s.tokens);
      whole.set(s, { sums: read.sums(0, n), own: read.score(0, n)?.crisis ?? 0 });
      for (const [start, end] of partsOf(s)) {
        const scores = read.score(start, end);
        if (scores) consider(best, { flag: scores.top, probability: scores.crisis, level: 'part', words: wordCount(s.tokens, start, end), sentence: s, start, end });
      }
    }
    const total = new Float64Array(CRISIS_CLASSES.length + 1);
    for (const context of contextsOf(sentences)) {
      total.fill(0);
      let at = context[0];
      let words = 0;
      for (const s of context) {
        const w = whole.get(s)!;
        for (let k = 0; k < total.length; k++) total[k] += w.sums[k];
        words += wordCount(s.tokens, 0, s.tokens.length);
        // The quote is the sentence of the run that scores highest on its own.
        if (w.own > whole.get(at)!.own) at = s;
      }
      const scores = this.model.scoreOfSums(total);
      if (scores) consider(best, { flag: scores.top, probability: scores.crisis, level: 'context', words, sentence: at, start: 0, end: at.tokens.length });
    }
    return [...best.values()];
  }

  /** How the message reads: its highest probability in context and in parts, and the flag each points to. */
  read(sentences: readonly Sentence[]): { context: number; part: number; flag: CrisisFlagId | null } {
    let context = 0;
    let part = 0;
    let flag: CrisisFlagId | null = null;
    let top = 0;
    for (const p of this.parts(sentences)) {
      if (p.level === 'context') context = Math.max(context, p.probability);
      else part = Math.max(part, p.probability);
      if (p.probability > top) [top, flag] = [p.probability, p.flag];
    }
    return { context, part, flag };
  }

  /** Crisis mentions for the detector: strong in the report bands, soft (one question) from `ask`. */
  findMentions(sentences: readonly Sentence[]): Mention[] {
    const { report, reportPart, ask, minWords } = this.thresholds;
    const byFlag = new Map<CrisisFlagId, { part: CrisisPart; strong: boolean }>();
    for (const p of this.parts(sentences)) {
      // A word or two ("goodbye") is too little to go on: the pattern families read those.
      if (p.probability < ask || p.words < minWords.ask) continue;
      const high = p.probability >= (p.level === 'context' ? report : reportPart);
      // Bounded in everyday life ("I stopped nursing in March"): what would report only asks, the rest is quiet.
      const bounded = this.bounded(p);
      if (bounded && !high) continue;
      const strong = high && p.words >= minWords.report && !bounded;
      const prev = byFlag.get(p.flag);
      if (!prev || (strong && !prev.strong) || (strong === prev.strong && p.probability > prev.part.probability)) byFlag.set(p.flag, { part: p, strong });
    }
    return [...byFlag.values()].map(({ part: p, strong }) => ({
      concept: strong ? STRONG[p.flag] : SOFT[p.flag],
      sentence: p.sentence,
      start: p.start,
      end: p.end,
      status: 'yes' as const,
      reason: `classifier: ${p.flag} ${p.probability.toFixed(2)} (${p.level})`,
      family: 'classifier',
    }));
  }
}

// ------------------------------------------------------------------ training and the model file

/** Lines of the banks (by index into positive / lookalike) to train on; all when omitted. */
export interface TrainingSelection {
  positive?: ReadonlySet<number>;
  lookalike?: ReadonlySet<number>;
}

/** Same data, same tokens: cross-validation trains several times on the same lines. */
const sentenceCache = new Map<string, Sentence[]>();
function sentencesOf(text: string): Sentence[] {
  let s = sentenceCache.get(text);
  if (!s) {
    s = splitMessage(text).filter((x) => x.tokens.length > 0);
    if (sentenceCache.size > 50_000) sentenceCache.clear();
    sentenceCache.set(text, s);
  }
  return s;
}

function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 16807) % 2147483647;
    return x / 2147483647;
  };
}

/**
 * The model's training examples: the banks (or a selection of them, for cross-validation) and the
 * extra text, plus what the reader will meet: the parts of look-alikes read on their own (as
 * look-alikes, for the categories whose parts stay harmless) and crisis lines buried in an everyday
 * message about leaking (as crisis).
 */
export function trainingExamples(data: CrisisTrainingData, selection: TrainingSelection = {}): TrainingExample[] {
  const examples: TrainingExample[] = [];
  const { augment } = data.config.training;
  const positive = data.positive.filter((_, i) => !selection.positive || selection.positive.has(i));
  const lookalike = data.lookalike.filter((_, i) => !selection.lookalike || selection.lookalike.has(i));
  for (const p of positive) examples.push({ tokens: messageTokens(sentencesOf(p.text)), label: p.flag });
  for (const l of lookalike) examples.push({ tokens: messageTokens(sentencesOf(l.text)), label: 'none' });
  for (const p of data.extraPositive) examples.push({ tokens: messageTokens(sentencesOf(p.text)), label: p.flag });
  for (const t of data.extraNegative) examples.push({ tokens: messageTokens(sentencesOf(t)), label: 'none' });

  const partsAreHarmless = new Set(augment.harmlessParts);
  for (const l of lookalike) {
    if (!partsAreHarmless.has(l.category)) continue;
    const ss = sentencesOf(l.text);
    const whole = messageTokens(ss).length;
    for (const s of ss) for (const [a, b] of partsOf(s)) if (b - a < whole) examples.push({ tokens: s.tokens.slice(a, b), label: 'none' });
  }
  const everyday = lookalike.filter((l) => l.category === augment.everyday).map((l) => l.text);
  if (augment.buried && everyday.length > 0) {
    const random = seeded(12345);
    for (const p of positive) {
      const other = sentencesOf(everyday[Math.floor(random() * everyday.length)]);
      const own = sentencesOf(p.text);
      examples.push({ tokens: messageTokens(random() < 0.5 ? [...other, ...own] : [...own, ...other]), label: p.flag });
    }
  }
  return examples;
}

/** The key a model must carry to be current: the data's hash and the feature version. */
export function modelKey(data: CrisisTrainingData): string {
  return `${data.key}-f${FEATURE_VERSION}`;
}

export function trainCrisisModel(data: CrisisTrainingData, selection: TrainingSelection = {}): CrisisModel {
  return CrisisModel.train(trainingExamples(data, selection), data.config.training, modelKey(data));
}

/** Where the build writes the trained model (not committed: `npm run build` and the tests make it). */
export function defaultModelFile(): string {
  return join(projectRoot(), 'generated', 'crisis-model.json');
}

/** The model file as written: the model, and the hash of the text of the files it was trained from. */
type ModelFile = SerialisedModel & { sourceKey?: string };

/**
 * Writes the model atomically, so a reader never sees half a file, with `sourceKey` (crisisSourceKey of
 * the folder it was trained from): start-up then knows the model is current without reading the banks.
 */
export function writeModelFile(model: CrisisModel, file: string = defaultModelFile(), sourceKey?: string): void {
  writeAtomically(file, { ...model.serialise(), sourceKey });
}

function writeAtomically(file: string, m: ModelFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(m));
  renameSync(tmp, file);
}

/** Stores `sourceKey` with the model already in `file`, its weights as they are (not serialised again). */
export function storeSourceKey(file: string, sourceKey: string): void {
  const m = readModelFile(file);
  if (m) writeAtomically(file, { ...m, sourceKey });
}

function readModelFile(file: string): ModelFile | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ModelFile;
  } catch {
    return null;
  }
}

function deserialiseIf(m: ModelFile | null, current: (m: ModelFile) => boolean): CrisisModel | null {
  if (!m || m.featureVersion !== FEATURE_VERSION || m.classes?.join() !== CRISIS_CLASSES.join() || !current(m)) return null;
  try {
    return CrisisModel.deserialise(m);
  } catch {
    return null;
  }
}

/** The model in `file` when it was trained from exactly `data`; null when missing, unreadable or stale. */
export function readCurrentModel(data: CrisisTrainingData, file: string = defaultModelFile()): CrisisModel | null {
  return deserialiseIf(readModelFile(file), (m) => m.key === modelKey(data));
}

/** Whether `file` holds a model stored with `sourceKey` (so trained from files with exactly this text). */
export function storedWithSourceKey(file: string, sourceKey: string): boolean {
  return readModelFile(file)?.sourceKey === sourceKey;
}

export interface LoadedClassifier {
  classifier: CrisisClassifier;
  /** True when no current model file was found and the model was trained now (slower start-up). */
  trainedNow: boolean;
  /**
   * How the model was found current: 'text', by the hash of its files' text (quick); 'banks', by
   * reading the banks (the file has no or another text hash: slower, same model); 'trained' now.
   */
  source: 'text' | 'banks' | 'trained';
}

/**
 * The classifier for knowledge folder `dir`'s banks: the built model file when it is current, or a model
 * trained now (and written, when `write` is set) when it is missing or stale. Current is known from
 * the hash of the files' text when the file carries it, else by reading the banks for the model's key.
 */
export function loadCrisisClassifier(dir?: string, options: { modelFile?: string; write?: boolean; validation?: KnowledgeValidation } = {}): LoadedClassifier {
  const file = options.modelFile ?? defaultModelFile();
  const sourceKey = crisisSourceKey(dir);
  const stored = readModelFile(file);
  const byText = deserialiseIf(stored, (m) => m.sourceKey === sourceKey);
  if (byText) {
    const config = loadCrisisConfig(dir, options.validation);
    return { classifier: new CrisisClassifier(byText, config.thresholds, config.everydayBounds), trainedNow: false, source: 'text' };
  }
  const data = loadCrisisTrainingData(dir);
  const current = deserialiseIf(stored, (m) => m.key === modelKey(data));
  const model = current ?? trainCrisisModel(data);
  if (!current && options.write) writeModelFile(model, file, sourceKey);
  return { classifier: new CrisisClassifier(model, data.config.thresholds, data.config.everydayBounds), trainedNow: !current, source: current ? 'banks' : 'trained' };
}

let defaultClassifier: CrisisClassifier | undefined;

/** The classifier of the project's own knowledge folder, loaded once (for callers without a composition root). */
export function defaultCrisisClassifier(): CrisisClassifier {
  defaultClassifier ??= loadCrisisClassifier(undefined, { write: true }).classifier;
  return defaultClassifier;
}
