/**
 * Similarity safety net for crisis language: the second layer behind the pattern families of
 * ./crisis. A bank of hand-written crisis expressions (knowledge/safety/crisis-examples.yaml) and a
 * bank of benign look-alikes and idioms (knowledge/safety/benign-examples.yaml) are indexed as TF-IDF
 * vectors of character 4-grams, word stems and word-stem bigrams. Each span of a message (its
 * sentences, clauses, pairs of clauses and short sliding windows) is compared with both banks:
 *
 *   very close to a crisis example, and clearly closer to it than to any benign one -> report
 *   fairly close to a crisis example, and closer to it than to any benign one       -> ask the
 *                                                                                      confirming question
 *
 * Denials, other people and screening answers are then read by the same scope rules as the patterns.
 * Cost is bounded: at most a few hundred spans per message (sentences are bounded in length), each
 * scored through an inverted index.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../projectRoot';
import type { Mention } from './concepts';
import { DEATH_IDIOMS, MENTAL_IDIOMS, type CrisisConcept } from './crisis';
import { mentionStatus } from './scope';
import { applyMasks, makeSentence, type Sentence } from './text';

export type CrisisKind = 'self' | 'baby' | 'psychosis';

const KINDS: ReadonlyArray<CrisisKind> = ['self', 'baby', 'psychosis'];

/** Cosine similarity at or above which a span is reported (when also clearly closer than any benign example). */
export const REPORT_SIMILARITY = 0.62;
/** Margin over the nearest benign example needed to report. */
export const REPORT_MARGIN = 0.08;
/** Cosine similarity at or above which a span gets the confirming question. */
export const ASK_SIMILARITY = 0.5;

const crisisFileSchema = z
  .object({
    self: z.array(z.string().trim().min(3)).min(1),
    baby: z.array(z.string().trim().min(3)).min(1),
    psychosis: z.array(z.string().trim().min(3)).min(1),
  })
  .strict();
const benignFileSchema = z.object({ benign: z.array(z.string().trim().min(3)).min(1) }).strict();

export interface ExampleBanks {
  crisis: Array<{ kind: CrisisKind; text: string }>;
  benign: string[];
  /** Everyday domain text that only sets how common a word is (never a neighbour). */
  background?: string[];
}

export function defaultBankDir(): string {
  return join(projectRoot(), 'knowledge', 'safety');
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read the example bank: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Everyday parents' messages and answer text about leaking, from the knowledge topics. */
export interface TopicTexts {
  examples: string[];
  answers: string[];
}

/**
 * Loads and checks knowledge/safety/crisis-examples.yaml and benign-examples.yaml. `topics` are the
 * knowledge base's examples and answers when the caller has loaded them already; otherwise the topic
 * files beside the banks are read.
 */
export function loadExampleBanks(dir: string = defaultBankDir(), topics?: TopicTexts): ExampleBanks {
  const crisisFile = join(dir, 'crisis-examples.yaml');
  const benignFile = join(dir, 'benign-examples.yaml');
  const crisis = crisisFileSchema.safeParse(readYaml(crisisFile));
  if (!crisis.success) throw new Error(`${crisisFile}: ${crisis.error.issues.map((i) => `field ${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const benign = benignFileSchema.safeParse(readYaml(benignFile));
  if (!benign.success) throw new Error(`${benignFile}: ${benign.error.issues.map((i) => `field ${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const everyday = topics ?? topicExamples(join(dir, '..', 'topics'));
  return {
    crisis: KINDS.flatMap((kind) => crisis.data[kind].map((text) => ({ kind, text }))),
    benign: [...benign.data.benign, ...everyday.examples],
    background: everyday.answers,
  };
}

/**
 * The example questions of the knowledge topics (knowledge/topics/*.yaml) are everyday parents'
 * messages about leaking: benign neighbours, and their answers set how common a word is. Read
 * tolerantly: a topic file in another shape is skipped (the knowledge loader validates those files).
 */
function topicExamples(dir: string): TopicTexts {
  const examples: string[] = [];
  const answers: string[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  } catch {
    return { examples, answers };
  }
  for (const f of files) {
    try {
      const data = parseYaml(readFileSync(join(dir, f), 'utf8')) as { examples?: unknown; answer?: unknown; tips?: unknown };
      if (Array.isArray(data?.examples)) for (const e of data.examples) if (typeof e === 'string' && e.trim().length > 2) examples.push(e);
      if (typeof data?.answer === 'string') answers.push(...data.answer.split(/(?<=[.!?])\s+/));
      if (Array.isArray(data?.tips)) for (const t of data.tips) if (typeof t === 'string') answers.push(t);
    } catch {
      continue;
    }
  }
  return { examples, answers };
}

// ------------------------------------------------------------------ features

const BLOCK_WEIGHT = { c: 0.5, w: 0.3, b: 0.2 } as const;
type Block = keyof typeof BLOCK_WEIGHT;

/** Function words and everyday leaking words: a match needs to share something else with its example. */
const COMMON = new Set(
  (
    'i me my myself mine you your he him his she her they them their we us our it its a an the and or but so if of to in on at for with about from by up out over ' +
    'is am are was were be been being have has had do does did not no never just really so very too all some any this that these those there here what when ' +
    'how why who which can could will would should might may must ll d s m ve re get got keep kept going go gone want wanted like feel felt think thought know ' +
    'time times day days night nights week weeks month months year years today tonight always still even again more much lot bit little one thing things ' +
    'baby babies son daughter leak leaking leaks leaked milk breast breasts nipple nipples boob boobs feed feeding feeds pump pumping nurse nursing breastfeeding ' +
    'pad pads bra shirt top wet lol haha honestly literally actually ok okay yes yeah'
  ).split(' '),
);

function stem(w: string): string {
  if (w.length <= 4) return w;
  return w.replace(/(ing|ed|es|s|ly)$/, '');
}

const IDIOMS: readonly RegExp[] = [...DEATH_IDIOMS, ...MENTAL_IDIOMS];

function maskIdioms(text: string): string {
  return applyMasks(text, IDIOMS);
}

function wordsOf(text: string): string[] {
  return maskIdioms(text)
    .split(' ')
    .filter((w) => w.length > 0 && w !== ',' && !w.includes('_'));
}

function rawFeatures(words: string[]): Map<string, number> {
  const f = new Map<string, number>();
  const add = (k: string) => f.set(k, (f.get(k) ?? 0) + 1);
  const stems = words.map(stem);
  for (const s of stems) add(`w:${s}`);
  for (let i = 0; i + 1 < stems.length; i++) add(`b:${stems[i]} ${stems[i + 1]}`);
  const joined = ` ${words.join(' ')} `;
  for (let i = 0; i + 4 <= joined.length; i++) add(`c:${joined.slice(i, i + 4)}`);
  return f;
}

type Vector = Map<string, number>;

function vectorise(raw: Map<string, number>, idf: (k: string) => number): Vector {
  const blocks: Record<Block, Vector> = { c: new Map(), w: new Map(), b: new Map() };
  for (const [k, count] of raw) {
    const weight = (1 + Math.log(count)) * idf(k);
    if (weight > 0) blocks[k[0] as Block].set(k, weight);
  }
  const out: Vector = new Map();
  for (const block of Object.keys(blocks) as Block[]) {
    const v = blocks[block];
    let norm = 0;
    for (const x of v.values()) norm += x * x;
    if (norm === 0) continue;
    const scale = Math.sqrt(BLOCK_WEIGHT[block]) / Math.sqrt(norm);
    for (const [k, x] of v) out.set(k, x * scale);
  }
  // Blocks that are empty (a one-word span has no bigram) leave the vector shorter than 1: renormalise.
  let total = 0;
  for (const x of out.values()) total += x * x;
  if (total > 0 && total < 0.999) {
    const s = 1 / Math.sqrt(total);
    for (const [k, x] of out) out.set(k, x * s);
  }
  return out;
}

interface Doc {
  kind: CrisisKind | 'benign';
  text: string;
}

function contentStems(words: string[]): Set<string> {
  return new Set(words.filter((w) => !COMMON.has(w)).map(stem));
}

export interface SimilarityHit {
  /** Best crisis example and its cosine similarity. */
  kind: CrisisKind;
  example: string;
  score: number;
  /** Best benign example and its cosine similarity (0 when none shares a feature). */
  benign: string;
  benignScore: number;
  /** Content words (not function or everyday leaking words) shared with the crisis example. */
  shared: number;
}

export class CrisisSimilarity {
  private readonly docs: Doc[];
  private readonly docStems: Array<Set<string>>;
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly idfTable = new Map<string, number>();
  private readonly defaultIdf: number;
  /** Every content word of every crisis example: a text sharing none of them cannot be a hit. */
  private readonly crisisStems = new Set<string>();

  constructor(banks: ExampleBanks) {
    this.docs = [...banks.crisis.map((c) => ({ kind: c.kind, text: c.text })), ...banks.benign.map((text) => ({ kind: 'benign' as const, text }))];
    const words = this.docs.map((d) => wordsOf(makeSentence(d.text, 0, false).text));
    this.docStems = words.map(contentStems);
    this.docs.forEach((d, i) => {
      if (d.kind !== 'benign') for (const stemmed of this.docStems[i]) this.crisisStems.add(stemmed);
    });
    const raws = words.map(rawFeatures);
    const df = new Map<string, number>();
    const background = (banks.background ?? []).map((t) => rawFeatures(wordsOf(makeSentence(t, 0, false).text)));
    for (const r of [...raws, ...background]) for (const k of r.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    const n = this.docs.length + background.length;
    for (const [k, d] of df) this.idfTable.set(k, Math.log((n + 1) / (d + 1)) + 1);
    this.defaultIdf = Math.log(n + 1) + 1;
    raws.forEach((r, i) => {
      for (const [k, x] of vectorise(r, (f) => this.idf(f))) {
        let list = this.postings.get(k);
        if (!list) this.postings.set(k, (list = []));
        list.push([i, x]);
      }
    });
  }

  private idf(k: string): number {
    return this.idfTable.get(k) ?? this.defaultIdf;
  }

  get size(): number {
    return this.docs.length;
  }

  /**
   * False when a text cannot be a hit: a hit must share at least one content word with its crisis
   * example (`shared` >= 1), so a text with none of the crisis examples' words is skipped unscored.
   */
  mayMatch(normalisedText: string): boolean {
    // Unmasked words: masking only removes words, so this never skips a text that could match.
    const words = normalisedText.split(' ').filter((w) => w.length > 0 && w !== ',');
    if (words.length < 3) return false;
    for (const w of words) if (!COMMON.has(w) && this.crisisStems.has(stem(w))) return true;
    return false;
  }

  /** Nearest crisis and benign examples for one normalised text. */
  nearest(normalisedText: string): SimilarityHit | null {
    const words = wordsOf(normalisedText);
    if (words.length < 3) return null;
    const q = vectorise(rawFeatures(words), (f) => this.idf(f));
    const scores = new Float64Array(this.docs.length);
    for (const [k, x] of q) {
      const list = this.postings.get(k);
      if (!list) continue;
      for (const [doc, y] of list) scores[doc] += x * y;
    }
    let best = -1;
    let bestBenign = -1;
    for (let i = 0; i < scores.length; i++) {
      if (this.docs[i].kind === 'benign') {
        if (bestBenign < 0 || scores[i] > scores[bestBenign]) bestBenign = i;
      } else if (best < 0 || scores[i] > scores[best]) best = i;
    }
    if (best < 0 || scores[best] <= 0) return null;
    const mine = contentStems(words);
    let shared = 0;
    for (const w of this.docStems[best]) if (mine.has(w)) shared++;
    return {
      shared,
      kind: this.docs[best].kind as CrisisKind,
      example: this.docs[best].text,
      score: scores[best],
      benign: bestBenign >= 0 ? this.docs[bestBenign].text : '',
      benignScore: bestBenign >= 0 ? scores[bestBenign] : 0,
    };
  }
}

// ------------------------------------------------------------------ spans of a message

interface Span {
  s: Sentence;
  start: number;
  end: number;
}

const MIN_SPAN = 5;
const WINDOW = 9;
const STRIDE = 3;
/** Sentences are bounded (see ./text), so this caps the work per sentence. */
const MAX_SPANS_PER_SENTENCE = 80;

function spansOf(s: Sentence): Span[] {
  const out: Span[] = [];
  const n = s.tokens.length;
  if (n === 0) return out;
  const push = (start: number, end: number) => {
    while (start < end && s.tokens[start] === ',') start++;
    while (end > start && s.tokens[end - 1] === ',') end--;
    if (end - start >= MIN_SPAN && out.length < MAX_SPANS_PER_SENTENCE) out.push({ s, start, end });
  };
  if (n <= 40) push(0, n);
  s.clauses.forEach((c, i) => {
    push(c.start, c.end);
    const next = s.clauses[i + 1];
    if (next) push(c.start, next.end);
  });
  if (n > 12) for (let i = 0; i < n; i += STRIDE) push(i, Math.min(n, i + WINDOW));
  return out;
}

const DOMAIN = /^(leak|leaks|leaking|leaked|leaky|milk|colostrum|pads?|bras?|sheets|shirts?|tops?|nipples?|breasts?|boobs?|pump|pumps|pumping|pumped|letdown|feeds?|feeding|nursing|nursed|breastfed|expressed|expressing|weaned|weaning|formula|latch|latching|engorged|engorgement|supply|bottles?|sprayed|dripped|dripping|soaked)$/;
const NEGATION = /^(no|not|never|nobody|none|nothing|without|nor|neither|noone)$/;
function negations(words: string[]): number {
  return words.filter((w) => NEGATION.test(w)).length;
}

/**
 * A span's similarity must survive reading on: the weakest of the span and the span widened by up to
 * three words on each side (inside its clause). "I want everything to stop" is close to a crisis
 * example; "I want everything to stop leaking" is not.
 */
function robustHit(index: CrisisSimilarity, s: Sentence, span: Span): SimilarityHit | null {
  const c = s.clauses[s.clauseOf[span.start] ?? 0];
  const last = s.clauses[s.clauseOf[Math.max(span.start, span.end - 1)] ?? 0];
  const text = (a: number, b: number) => s.tokens.slice(a, b).filter((w) => w !== ',').join(' ');
  const hit = index.nearest(text(span.start, span.end));
  if (!hit) return null;
  let worst = hit;
  const from = Math.max(c.start, span.start - 3);
  const to = Math.min(last.end, span.end + 3);
  for (const [a, b] of [[from, span.end], [span.start, to]] as Array<[number, number]>) {
    if (a === span.start && b === span.end) continue;
    const wider = index.nearest(text(a, b));
    if (!wider || wider.kind !== hit.kind) return null;
    if (wider.score - wider.benignScore < worst.score - worst.benignScore || wider.score < worst.score) worst = { ...worst, score: Math.min(worst.score, wider.score), benignScore: Math.max(worst.benignScore, wider.benignScore) };
  }
  return worst;
}

const STRONG: Record<CrisisKind, CrisisConcept> = { self: 'crisis-self', baby: 'crisis-baby', psychosis: 'psychosis' };
const SOFT: Record<CrisisKind, CrisisConcept> = { self: 'crisis-self-soft', baby: 'crisis-baby-soft', psychosis: 'psychosis-soft' };

let defaultIndex: CrisisSimilarity | undefined;

export function defaultCrisisSimilarity(): CrisisSimilarity {
  defaultIndex ??= new CrisisSimilarity(loadExampleBanks());
  return defaultIndex;
}

/** Crisis mentions found by similarity to the example banks (one per sentence and kind, the best). */
export function findSimilarMentions(sentences: Sentence[], index: CrisisSimilarity): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences) {
    const best = new Map<CrisisKind, { span: Span; hit: SimilarityHit; strong: boolean }>();
    // Most sentences about leaking share no content word with any crisis example: nothing to score.
    if (!index.mayMatch(s.tokens.join(' '))) continue;
    for (const span of spansOf(s)) {
      if (!index.mayMatch(s.tokens.slice(span.start, span.end).filter((w) => w !== ',').join(' '))) continue;
      const hit = robustHit(index, s, span);
      if (!hit || hit.score < ASK_SIMILARITY || hit.score <= hit.benignScore || hit.shared < 1) continue;
      // A span about leaking or feeding ("I want everything to stop leaking") only ever asks.
      const onTopic = s.tokens.slice(span.start, span.end).some((w) => DOMAIN.test(w)) && !hit.example.split(' ').some((w) => DOMAIN.test(w));
      const strong = hit.score >= REPORT_SIMILARITY && hit.score - hit.benignScore >= REPORT_MARGIN && hit.shared >= 2 && !onTopic;
      const prev = best.get(hit.kind);
      if (!prev || (strong && !prev.strong) || (strong === prev.strong && hit.score > prev.hit.score)) best.set(hit.kind, { span, hit, strong });
    }
    for (const [kind, { span, hit, strong }] of best) {
      let st = mentionStatus(s, span.start, span.end, { selfOnly: true, ignoreQuestion: kind !== 'psychosis' });
      // "I have never had thoughts of hurting the baby": more denial words than the example has.
      if (negations(s.tokens.slice(span.start, span.end)) > negations(hit.example.split(' '))) st = { status: 'no', reason: 'denied inside the span' };
      out.push({
        concept: strong ? STRONG[kind] : SOFT[kind],
        sentence: s,
        start: span.start,
        end: span.end,
        status: st.status,
        reason: `similar to "${hit.example}" (${hit.score.toFixed(2)}; benign ${hit.benignScore.toFixed(2)}): ${st.reason}`,
        family: 'similar',
      });
    }
  }
  return out;
}
