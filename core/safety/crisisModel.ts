/**
 * The crisis classifier's model: multinomial logistic regression over letter groups (3 to 5 letters
 * inside each word, so a typo changes a few features, not the word) and words and word pairs of the
 * safety-normalised text. Classes: no crisis, and one per crisis red flag.
 *
 * The features of a word do not depend on its neighbours, so a word's contribution to every class is
 * computed once (and cached); a part of a message is then scored from running sums in constant time,
 * which lets the reader score every sentence, clause and pair of clauses of a long message cheaply.
 * The feature vector is scaled by 1/sqrt(number of features), the same in training and reading.
 */
import { CRISIS_CLASSES, type CrisisClass } from './crisisBank';

/** Bump when the features change: a model trained with other features is stale. */
export const FEATURE_VERSION = 1;

const K = CRISIS_CLASSES.length;
const MIN_GRAM = 3;
const MAX_GRAM = 5;

/** Features a word brings on its own: the word, and its letter groups with word-boundary marks. */
export function wordFeatures(word: string): string[] {
  const out = [`w:${word}`];
  if (/^[\d.]+$/.test(word)) return out;
  const marked = `<${word}>`;
  for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
    for (let i = 0; i + n <= marked.length; i++) out.push(`c:${marked.slice(i, i + n)}`);
  }
  return out;
}

const PAIR_PREFIX = 'b:';
/** Tokens never hold a space, so the first space after the prefix separates the two words. */
const pairFeature = (a: string, b: string) => `${PAIR_PREFIX}${a} ${b}`;
const isWord = (t: string) => t !== ',';

/** All features of a token list (commas separate clauses: no word pair across one). */
export function textFeatures(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i])) continue;
    out.push(...wordFeatures(tokens[i]));
    if (i + 1 < tokens.length && isWord(tokens[i + 1])) out.push(pairFeature(tokens[i], tokens[i + 1]));
  }
  return out;
}

export interface TrainingExample {
  tokens: readonly string[];
  label: CrisisClass;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  minCount: number;
  /** Seed of the shuffling, so the same data always gives the same model. */
  seed?: number;
}

export interface SerialisedModel {
  format: 'crisis-logreg';
  featureVersion: number;
  /** Hash of the data and settings it was trained from (see crisisBank). */
  key: string;
  classes: string[];
  features: string[];
  /** Weights, feature-major (features x classes), as int16 multiples of `scale`, base64. */
  weights: string;
  scale: number;
  bias: number[];
}

/** Probability of each class for one part of a message. */
export interface ClassScores {
  /** 1 - P(none). */
  crisis: number;
  /** The most likely crisis class, and its probability. */
  top: Exclude<CrisisClass, 'none'>;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A word as the model reads it: its features' sums (count in the last slot), and the pairs it starts. */
interface WordEntry {
  sums: Float64Array;
  /** Second words of the pairs the model knows starting with this word, and each pair's feature. */
  next: Map<string, number> | undefined;
  /** One bit of 32 standing for the word (a hash), and the bits of all the second words in `next`. */
  bit: number;
  nextBits: number;
}

/** The word's bit of 32 (FNV-1a hash): a pair whose second word's bit is not among nextBits is not known. */
function wordBit(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return 1 << (h >>> 27);
}

/** Longest cache of per-word sums; cleared when full (words repeat a lot, so it refills quickly). */
const WORD_CACHE_LIMIT = 50_000;

export class CrisisModel {
  private readonly index: Map<string, number>;
  private readonly wordCache = new Map<string, WordEntry>();
  /**
   * Word pairs the model knows, by first word then second: reading a message looks each pair up
   * without building its feature name (a new string to hash for every pair of every message).
   */
  private readonly pairs = new Map<string, Map<string, number>>();

  constructor(
    readonly key: string,
    private readonly features: string[],
    private readonly weights: Float32Array,
    private readonly bias: Float64Array,
  ) {
    // Word pairs go to their own index; the rest (a word and its letter groups) to this one.
    this.index = new Map();
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      const space = f.startsWith(PAIR_PREFIX) ? f.indexOf(' ', PAIR_PREFIX.length) : -1;
      if (space < 0) {
        this.index.set(f, i);
        continue;
      }
      const first = f.slice(PAIR_PREFIX.length, space);
      let next = this.pairs.get(first);
      if (!next) this.pairs.set(first, (next = new Map()));
      next.set(f.slice(space + 1), i);
    }
  }

  get size(): number {
    return this.features.length;
  }

  static train(examples: readonly TrainingExample[], options: TrainingOptions, key: string): CrisisModel {
    // Vocabulary: features seen in at least minCount examples.
    const df = new Map<string, number>();
    const featureLists = examples.map((e) => textFeatures(e.tokens));
    for (const list of featureLists) for (const f of new Set(list)) df.set(f, (df.get(f) ?? 0) + 1);
    const features = [...df].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
    const index = new Map(features.map((f, i) => [f, i]));
    const rows = featureLists.map((list) => {
      const counts = new Map<number, number>();
      for (const f of list) {
        const i = index.get(f);
        if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      let n = 0;
      for (const c of counts.values()) n += c;
      const idx = Int32Array.from(counts.keys());
      const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
      const val = Float64Array.from([...counts.values()].map((c) => c * norm));
      return { idx, val };
    });
    const labels = examples.map((e) => CRISIS_CLASSES.indexOf(e.label));

    const F = features.length;
    const W = new Float64Array(F * K);
    const G = new Float64Array(F);
    const b = new Float64Array(K);
    const Gb = new Float64Array(K);
    const z = new Float64Array(K);
    const grad = new Float64Array(K);
    const step = new Float64Array(K);
    const random = mulberry32(options.seed ?? 7);
    const order = examples.map((_, i) => i);
    const { learningRate: lr, l2 } = options;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const e of order) {
        const { idx, val } = rows[e];
        for (let k = 0; k < K; k++) z[k] = b[k];
        for (let j = 0; j < idx.length; j++) {
          const base = idx[j] * K;
          for (let k = 0; k < K; k++) z[k] += W[base + k] * val[j];
        }
        let max = -Infinity;
        for (let k = 0; k < K; k++) if (z[k] > max) max = z[k];
        let sum = 0;
        for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k] - max);
        for (let k = 0; k < K; k++) {
          const g = (grad[k] = z[k] / sum - (labels[e] === k ? 1 : 0));
          Gb[k] += g * g;
          b[k] -= (lr * g) / Math.sqrt(Gb[k] + 1e-8);
        }
        for (let j = 0; j < idx.length; j++) {
          const f = idx[j];
          const base = f * K;
          const v = val[j];
          // AdaGrad with one step size per feature (shared by its classes), L2 on the weights touched.
          let g2 = 0;
          for (let k = 0; k < K; k++) {
            const gw = (step[k] = grad[k] * v + l2 * W[base + k]);
            g2 += gw * gw;
          }
          G[f] += g2 / K;
          const rate = lr / Math.sqrt(G[f] + 1e-8);
          for (let k = 0; k < K; k++) W[base + k] -= rate * step[k];
        }
      }
    }
    return new CrisisModel(key, features, Float32Array.from(W), b);
  }

  serialise(): SerialisedModel {
    let max = 0;
    for (const w of this.weights) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 32767 : 1;
    const q = new Int16Array(this.weights.length);
    for (let i = 0; i < q.length; i++) q[i] = Math.round(this.weights[i] / scale);
    return {
      format: 'crisis-logreg',
      featureVersion: FEATURE_VERSION,
      key: this.key,
      classes: [...CRISIS_CLASSES],
      features: this.features,
      weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
      scale,
      bias: [...this.bias],
    };
  }

  static deserialise(m: SerialisedModel): CrisisModel {
    if (m.format !== 'crisis-logreg' || m.classes.join() !== CRISIS_CLASSES.join()) throw new Error('not a crisis model of this version');
    const bytes = Buffer.from(m.weights, 'base64');
    const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
    if (q.length !== m.features.length * K) throw new Error('crisis model: weights do not match its features');
    const w = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) w[i] = q[i] * m.scale;
    return new CrisisModel(m.key, m.features, w, Float64Array.from(m.bias));
  }

  /** Sums of a list of features' weights per class, and how many of them the model knows (last slot). */
  private sums(features: readonly string[], out: Float64Array): void {
    for (const f of features) {
      const i = this.index.get(f);
      if (i === undefined) continue;
      const base = i * K;
      for (let k = 0; k < K; k++) out[k] += this.weights[base + k];
      out[K] += 1;
    }
  }

  private word(word: string): WordEntry {
    let e = this.wordCache.get(word);
    if (!e) {
      const sums = new Float64Array(K + 1);
      this.sums(wordFeatures(word), sums);
      const next = this.pairs.get(word);
      let nextBits = 0;
      if (next) for (const second of next.keys()) nextBits |= wordBit(second);
      e = { sums, next, bit: wordBit(word), nextBits };
      if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
      this.wordCache.set(word, e);
    }
    return e;
  }

  /**
   * Running sums over a token list, for reading any range of it in constant time: `sums(start, end)`
   * gives the per-class weight sums and the feature count (last slot) of tokens [start, end), and
   * `score(start, end)` its class scores.
   */
  pieces(tokens: readonly string[]): { sums(start: number, end: number): Float64Array; score(start: number, end: number): ClassScores | null } {
    return new TokenReader(this).read(tokens);
  }

  /**
   * Fills the running sums of `tokens` (see pieces): words[(i+1)*W + k] - words[a*W + k] is the sum of
   * the word features of tokens [a, i] for class k (the count in slot K), pairs likewise for the pairs
   * (i, i+1). Both arrays hold at least (tokens.length + 1) * (K + 1) numbers.
   */
  fillSums(tokens: readonly string[], words: Float64Array, pairs: Float64Array): void {
    const n = tokens.length;
    const W = K + 1;
    for (let k = 0; k < W; k++) words[k] = pairs[k] = 0;
    let e = n > 0 && isWord(tokens[0]) ? this.word(tokens[0]) : null;
    for (let i = 0; i < n; i++) {
      const next = i + 1 < n && isWord(tokens[i + 1]) ? this.word(tokens[i + 1]) : null;
      const v = e ? e.sums : null;
      for (let k = 0; k < W; k++) words[(i + 1) * W + k] = words[i * W + k] + (v ? v[k] : 0);
      // The pair's own weights when the model knows it (its count in the last slot), else nothing.
      // The bits rule out most unknown pairs without a look-up.
      const f = e && e.next && next && (e.nextBits & next.bit) !== 0 ? e.next.get(tokens[i + 1]) : undefined;
      if (f === undefined) for (let k = 0; k < W; k++) pairs[(i + 1) * W + k] = pairs[i * W + k];
      else {
        const base = f * K;
        for (let k = 0; k < K; k++) pairs[(i + 1) * W + k] = pairs[i * W + k] + this.weights[base + k];
        pairs[(i + 1) * W + K] = pairs[i * W + K] + 1;
      }
      e = next;
    }
  }

  /** Class scores from weight sums and a feature count (several pieces' sums may be added together). */
  scoreOfSums(sums: Float64Array): ClassScores | null {
    const count = sums[K];
    if (count <= 0) return null;
    const norm = 1 / Math.sqrt(count);
    const z = this.z;
    for (let k = 0; k < K; k++) z[k] = this.bias[k] + sums[k] * norm;
    return softmaxScores(z);
  }

  /** Scratch for scoreOfSums (reading is synchronous: one message at a time). */
  private readonly z = new Float64Array(K);

  /** Scores of a whole token list. */
  score(tokens: readonly string[]): ClassScores | null {
    return this.pieces(tokens).score(0, tokens.length);
  }
}

/** Scratch for softmaxScores. */
const SOFTMAX = new Float64Array(K);

function softmaxScores(z: Float64Array): ClassScores {
  let max = -Infinity;
  for (let k = 0; k < K; k++) if (z[k] > max) max = z[k];
  let sum = 0;
  const p = SOFTMAX;
  for (let k = 0; k < K; k++) sum += p[k] = Math.exp(z[k] - max);
  let top = 1;
  for (let k = 2; k < K; k++) if (p[k] > p[top]) top = k;
  return { crisis: 1 - p[0] / sum, top: CRISIS_CLASSES[top] as Exclude<CrisisClass, 'none'> };
}

/**
 * Reads token lists for a model, one at a time, into arrays it keeps (allocating them for every
 * sentence cost more than reading it): what `read` returns holds until the next `read`.
 */
export class TokenReader {
  private words = new Float64Array(0);
  private pairs = new Float64Array(0);
  private readonly out = new Float64Array(K + 1);

  constructor(private readonly model: CrisisModel) {}

  read(tokens: readonly string[]): this {
    const size = (tokens.length + 1) * (K + 1);
    if (this.words.length < size) {
      this.words = new Float64Array(Math.max(size, 64 * (K + 1)));
      this.pairs = new Float64Array(this.words.length);
    }
    this.model.fillSums(tokens, this.words, this.pairs);
    return this;
  }

  /** Per-class weight sums and the feature count (last slot) of tokens [start, end) of the list read last. */
  sums(start: number, end: number): Float64Array {
    return this.sumsInto(start, end, new Float64Array(K + 1));
  }

  /** Class scores of tokens [start, end) of the list read last. */
  score(start: number, end: number): ClassScores | null {
    return this.model.scoreOfSums(this.sumsInto(start, end, this.out));
  }

  private sumsInto(start: number, end: number, out: Float64Array): Float64Array {
    const W = K + 1;
    const { words, pairs } = this;
    if (end <= start) {
      out.fill(0);
      return out;
    }
    // Pairs fully inside [start, end): those starting at start .. end-2.
    for (let k = 0; k < W; k++) out[k] = words[end * W + k] - words[start * W + k] + (end - 1 > start ? pairs[(end - 1) * W + k] - pairs[start * W + k] : 0);
    return out;
  }
}
