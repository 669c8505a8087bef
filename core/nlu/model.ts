/**
 * The topic model: multinomial naive Bayes and TF-IDF nearest examples, trained in a fraction of a
 * second on the knowledge base's examples. Both are written here: natural's classifiers return a
 * label without a usable score, and its logistic regression takes seconds to train.
 *
 * - Words never seen in training are not ignored: naive Bayes gives every class a probability of an
 *   unseen word, estimated from how many words of its examples occur in no other example. A message
 *   full of new words ("how long to bake chicken breast") is thus more likely out of scope, whose
 *   examples are all different.
 * - A feature found in few topics ("dmer", "papilloma") weighs more than one found everywhere ("how").
 * - `scoreLeaveOneOut(i)` scores a training example as a model trained without it would (exactly for
 *   the counts and the neighbours), so calibration needs no retraining.
 *
 * Storage is sparse and feature-major, so training and scoring cost grows with the number of
 * (feature, class) pairs actually seen, not features x classes. Deterministic: no randomness, and
 * every iteration order is fixed by the input order.
 */
import { NLU_CONFIG } from './config';
import { CHAR_PREFIX, WORD_PREFIX, type FeatureVector } from './features';

export interface ModelOptions {
  bayesAlpha: number;
  bayesWeight: number;
  similarityWeight: number;
  nearestExamples: number;
  /** Naive Bayes log-likelihood is divided by (message weight)^power: 1 = per-word mean, 0 = sum. */
  bayesLengthPower: number;
  /**
   * Extra weight of a feature found in few topics over one found everywhere:
   * weight = 1 + boost x (1 - entropy of its topic distribution / log(topics)).
   */
  specificityBoost: number;
  /** Whether letter groups count in the nearest-example similarity too (slower, barely better). */
  charNgramsInSimilarity: boolean;
}

export interface TrainingItem {
  topic: string;
  features: FeatureVector;
  /** How much the item counts (default 1); descriptions of a topic count less than its examples. */
  weight?: number;
}

export interface ModelScores {
  /** Combined score per class (same order as `classes`); higher is better, not yet probabilities. */
  scores: Float64Array;
  /** Highest cosine similarity to any training example (0..1). */
  maxSimilarity: number;
  /** Share of the message's words that the model has seen in training (0..1). */
  knownShare: number;
  /** Number of the message's words the model has seen. */
  knownWords: number;
}

interface SparseRows {
  /** Row r spans start[r]..start[r+1] of `column` and `value`. */
  start: Int32Array;
  column: Int32Array;
  value: Float64Array;
}

/** Bumped whenever what a trained model holds, or how it is written, changes: older files are then retrained. */
export const TOPIC_MODEL_FORMAT = 2;

/**
 * A trained model as JSON: its numbers as base64 of their typed arrays, so reading it back gives the
 * very same bits (and so the very same scores) as the model that was trained, and parses fast.
 */
export interface SerialisedTopicModel {
  format: number;
  classes: string[];
  /** Feature keys, in index order. */
  features: string[];
  options: ModelOptions;
  arrays: Record<string, string>;
}

type TypedArray = Int32Array | Float64Array | Uint8Array;

function encode(a: TypedArray): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function decode<T extends TypedArray>(text: string | undefined, make: (buffer: ArrayBuffer) => T, name: string): T {
  if (typeof text !== 'string') throw new Error(`the stored model has no "${name}"`);
  const bytes = Buffer.from(text, 'base64');
  // A copy: the typed array needs its own, aligned buffer.
  const own = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(own).set(bytes);
  return make(own);
}

export class TopicModel {
  private constructor(
    readonly classes: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly isWord: Uint8Array,
    private readonly inSimilarity: Uint8Array,
    private readonly df: Int32Array,
    private readonly idf: Float64Array,
    private readonly featureWeight: Float64Array,
    /** Features of each item: indices and (item-weighted) values. */
    private readonly itemFeatures: ReadonlyArray<{ idx: Int32Array; val: Float64Array }>,
    private readonly itemClass: Int32Array,
    /** Postings: for each feature, the items holding it, with L2-normalised TF-IDF weights. */
    private readonly postings: SparseRows,
    /** Naive Bayes counts: for each feature, the classes holding it and the summed weights. */
    private readonly counts: SparseRows,
    /** log(count + alpha) - log(alpha), parallel to counts.value. */
    private readonly logRatio: Float64Array,
    private readonly totals: Float64Array,
    private readonly unseen: Float64Array,
    /** log(totals[c] + alpha * (F + 1)) */
    private readonly denominator: Float64Array,
    private readonly options: ModelOptions,
  ) {}

  get featureCount(): number {
    return this.index.size;
  }

  /**
   * What scoring a message needs, as JSON (see SerialisedTopicModel). Not the training items' own
   * features: only calibration reads them (scoreLeaveOneOut), and they were over half of the file.
   */
  serialise(): SerialisedTopicModel {
    const arrays: Record<string, TypedArray> = {
      isWord: this.isWord,
      inSimilarity: this.inSimilarity,
      df: this.df,
      idf: this.idf,
      featureWeight: this.featureWeight,
      itemClass: this.itemClass,
      postingStart: this.postings.start,
      postingColumn: this.postings.column,
      postingValue: this.postings.value,
      countStart: this.counts.start,
      countColumn: this.counts.column,
      countValue: this.counts.value,
      logRatio: this.logRatio,
      totals: this.totals,
      unseen: this.unseen,
      denominator: this.denominator,
    };
    return {
      format: TOPIC_MODEL_FORMAT,
      classes: [...this.classes],
      features: [...this.index.keys()],
      options: { ...this.options },
      arrays: Object.fromEntries(Object.entries(arrays).map(([k, v]) => [k, encode(v)])),
    };
  }

  /** The model serialise() wrote; throws when the data is not a whole model of this format. */
  static deserialise(m: SerialisedTopicModel): TopicModel {
    if (m.format !== TOPIC_MODEL_FORMAT) throw new Error(`the stored model is of format ${m.format}, not ${TOPIC_MODEL_FORMAT}`);
    const a = m.arrays;
    const i32 = (name: string) => decode(a[name], (b) => new Int32Array(b), name);
    const f64 = (name: string) => decode(a[name], (b) => new Float64Array(b), name);
    const u8 = (name: string) => decode(a[name], (b) => new Uint8Array(b), name);
    const F = m.features.length;
    const model = new TopicModel(
      m.classes,
      new Map(m.features.map((key, f) => [key, f])),
      u8('isWord'),
      u8('inSimilarity'),
      i32('df'),
      f64('idf'),
      f64('featureWeight'),
      [],
      i32('itemClass'),
      { start: i32('postingStart'), column: i32('postingColumn'), value: f64('postingValue') },
      { start: i32('countStart'), column: i32('countColumn'), value: f64('countValue') },
      f64('logRatio'),
      f64('totals'),
      f64('unseen'),
      f64('denominator'),
      { ...m.options },
    );
    // A cut or mixed-up file must not give a model that reads past its arrays.
    const C = m.classes.length;
    const whole =
      model.isWord.length === F && model.inSimilarity.length === F && model.df.length === F && model.idf.length === F &&
      model.featureWeight.length === F && model.postings.start.length === F + 1 && model.counts.start.length === F + 1 &&
      model.postings.column.length === model.postings.start[F] && model.postings.value.length === model.postings.start[F] &&
      model.counts.column.length === model.counts.start[F] && model.counts.value.length === model.counts.start[F] &&
      model.logRatio.length === model.counts.start[F] && model.totals.length === C && model.unseen.length === C &&
      model.denominator.length === C && model.postings.column.every((e) => e < model.itemClass.length);
    if (!whole) throw new Error('the stored model is incomplete');
    return model;
  }

  static train(items: readonly TrainingItem[], classes: readonly string[], options: ModelOptions = NLU_CONFIG.model): TopicModel {
    const classIndex = new Map(classes.map((t, i) => [t, i]));
    const index = new Map<string, number>();
    for (const item of items) for (const key of item.features.keys()) if (!index.has(key)) index.set(key, index.size);
    const F = index.size;
    const C = classes.length;
    const isWord = new Uint8Array(F);
    const inSimilarity = new Uint8Array(F);
    for (const [key, f] of index) {
      if (key.startsWith(WORD_PREFIX)) isWord[f] = 1;
      if (options.charNgramsInSimilarity || !key.startsWith(CHAR_PREFIX)) inSimilarity[f] = 1;
    }

    const itemClass = new Int32Array(items.length);
    const itemWeight = new Float64Array(items.length);
    const itemFeatures = items.map((item, e) => {
      const c = classIndex.get(item.topic);
      if (c === undefined) throw new Error(`Training item has unknown class "${item.topic}"`);
      itemClass[e] = c;
      itemWeight[e] = item.weight ?? 1;
      const idx = new Int32Array(item.features.size);
      const val = new Float64Array(item.features.size);
      let j = 0;
      for (const [key, w] of item.features) {
        idx[j] = index.get(key) as number;
        val[j++] = w * itemWeight[e];
      }
      return { idx, val };
    });

    const df = new Int32Array(F);
    for (const { idx } of itemFeatures) for (const f of idx) df[f]++;
    const idf = new Float64Array(F);
    for (let f = 0; f < F; f++) idf[f] = Math.log((items.length + 1) / (df[f] + 1)) + 1;

    // Postings (inverted index) of L2-normalised TF-IDF vectors, scaled by the item's weight.
    const postingStart = new Int32Array(F + 1);
    for (let f = 0; f < F; f++) postingStart[f + 1] = postingStart[f] + (inSimilarity[f] ? df[f] : 0);
    const postings: SparseRows = {
      start: postingStart,
      column: new Int32Array(postingStart[F]),
      value: new Float64Array(postingStart[F]),
    };
    const fill = postings.start.slice(0, F);
    itemFeatures.forEach(({ idx, val }, e) => {
      let norm = 0;
      for (let j = 0; j < idx.length; j++) if (inSimilarity[idx[j]]) norm += (val[j] * idf[idx[j]]) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < idx.length; j++) {
        if (!inSimilarity[idx[j]]) continue;
        const p = fill[idx[j]]++;
        postings.column[p] = e;
        postings.value[p] = ((val[j] * idf[idx[j]]) / norm) * itemWeight[e];
      }
    });

    // Naive Bayes counts per (feature, class); a word found in a single item also counts as an
    // "unseen word" of its class. Items are bucketed by feature (counting sort), then merged per class.
    const totals = new Float64Array(C);
    const unseen = new Float64Array(C);
    const bucketStart = new Int32Array(F + 1);
    for (let f = 0; f < F; f++) bucketStart[f + 1] = bucketStart[f] + df[f];
    const bucketFill = bucketStart.slice(0, F);
    const bucketClass = new Int32Array(bucketStart[F]);
    const bucketValue = new Float64Array(bucketStart[F]);
    itemFeatures.forEach(({ idx, val }, e) => {
      const c = itemClass[e];
      for (let j = 0; j < idx.length; j++) {
        const p = bucketFill[idx[j]]++;
        bucketClass[p] = c;
        bucketValue[p] = val[j];
        totals[c] += val[j];
        if (isWord[idx[j]] && df[idx[j]] === 1) unseen[c] += Math.min(val[j], 1);
      }
    });
    const slot = new Int32Array(C).fill(-1);
    const countStart = new Int32Array(F + 1);
    const countClass = new Int32Array(bucketStart[F]);
    const countValue = new Float64Array(bucketStart[F]);
    let n = 0;
    for (let f = 0; f < F; f++) {
      countStart[f] = n;
      for (let p = bucketStart[f]; p < bucketStart[f + 1]; p++) {
        const c = bucketClass[p];
        if (slot[c] < 0) {
          slot[c] = n;
          countClass[n] = c;
          countValue[n++] = 0;
        }
        countValue[slot[c]] += bucketValue[p];
      }
      for (let p = countStart[f]; p < n; p++) slot[countClass[p]] = -1;
    }
    countStart[F] = n;
    const counts: SparseRows = { start: countStart, column: countClass.slice(0, n), value: countValue.slice(0, n) };
    const logRatio = new Float64Array(n);
    const alpha = options.bayesAlpha;
    const logAlpha = Math.log(alpha);
    for (let p = 0; p < n; p++) logRatio[p] = Math.log(counts.value[p] + alpha) - logAlpha;
    const denominator = new Float64Array(C);
    for (let c = 0; c < C; c++) denominator[c] = Math.log(totals[c] + alpha * (F + 1));

    // Specificity: how concentrated each feature is on few classes (per-class rates, so that big
    // classes do not dominate).
    const featureWeight = new Float64Array(F).fill(1);
    if (options.specificityBoost > 0 && C > 1) {
      const logC = Math.log(C);
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let p = counts.start[f]; p < counts.start[f + 1]; p++) sum += counts.value[p] / (totals[counts.column[p]] || 1);
        let entropy = 0;
        for (let p = counts.start[f]; p < counts.start[f + 1]; p++) {
          const q = counts.value[p] / (totals[counts.column[p]] || 1) / sum;
          if (q > 0) entropy -= q * Math.log(q);
        }
        featureWeight[f] = 1 + options.specificityBoost * (1 - entropy / logC);
      }
    }

    return new TopicModel(
      classes, index, isWord, inSimilarity, df, idf, featureWeight, itemFeatures, itemClass,
      postings, counts, logRatio, totals, unseen, denominator, options,
    );
  }

  score(features: FeatureVector): ModelScores {
    const idx: number[] = [];
    const val: number[] = [];
    let unknownWords = 0;
    for (const [key, w] of features) {
      const f = this.index.get(key);
      if (f !== undefined) {
        idx.push(f);
        val.push(w);
      } else if (key.startsWith(WORD_PREFIX)) {
        unknownWords += Math.min(w, 1);
      }
    }
    return this.scoreIndexed(idx, val, unknownWords, -1);
  }

  /** Scores training item `i` as a model trained on every other item would. */
  scoreLeaveOneOut(i: number): ModelScores {
    if (i >= this.itemFeatures.length) throw new Error('a model read back from a file cannot score its training items left out');
    const { idx: allIdx, val: allVal } = this.itemFeatures[i];
    const idx: number[] = [];
    const val: number[] = [];
    let unknownWords = 0;
    for (let j = 0; j < allIdx.length; j++) {
      const f = allIdx[j];
      if (this.df[f] > 1) {
        idx.push(f);
        val.push(allVal[j]);
      } else if (this.isWord[f]) {
        unknownWords += Math.min(allVal[j], 1);
      }
    }
    return this.scoreIndexed(idx, val, unknownWords, i);
  }

  private scoreIndexed(idx: number[], val: number[], unknownWords: number, exclude: number): ModelScores {
    const C = this.classes.length;
    const { bayesWeight, similarityWeight, nearestExamples: k, bayesLengthPower, bayesAlpha } = this.options;
    const logAlpha = Math.log(bayesAlpha);

    // Naive Bayes: every class gets log(alpha) per unit of weight, corrected where it has counts.
    const nb = new Float64Array(C);
    let weight = 0;
    let knownWords = 0;
    let knownWordWeight = 0;
    for (let j = 0; j < idx.length; j++) {
      const f = idx[j];
      const w = val[j] * this.featureWeight[f];
      weight += w;
      if (this.isWord[f]) {
        knownWords++;
        knownWordWeight += Math.min(val[j], 1);
      }
      for (let p = this.counts.start[f]; p < this.counts.start[f + 1]; p++) nb[this.counts.column[p]] += w * this.logRatio[p];
    }
    for (let c = 0; c < C; c++) {
      nb[c] += weight * (logAlpha - this.denominator[c]) + unknownWords * (Math.log(this.unseen[c] + bayesAlpha) - this.denominator[c]);
    }
    if (exclude >= 0) nb[this.itemClass[exclude]] = this.leaveOutBayes(idx, val, unknownWords, exclude);
    const totalWeight = weight + unknownWords;

    // Nearest examples by cosine similarity of TF-IDF vectors.
    const sims = new Float64Array(this.itemClass.length);
    let queryNorm = 0;
    const { start, column, value } = this.postings;
    for (let j = 0; j < idx.length; j++) {
      const f = idx[j];
      if (!this.inSimilarity[f]) continue;
      const qw = val[j] * this.idf[f];
      queryNorm += qw * qw;
      for (let p = start[f]; p < start[f + 1]; p++) sims[column[p]] += qw * value[p];
    }
    if (exclude >= 0) sims[exclude] = 0;
    queryNorm = Math.sqrt(queryNorm);
    const best = new Float64Array(C * k);
    let maxSimilarity = 0;
    if (queryNorm > 0) {
      for (let e = 0; e < sims.length; e++) {
        if (sims[e] <= 0) continue;
        const s = sims[e] / queryNorm;
        if (s > maxSimilarity) maxSimilarity = s;
        const base = this.itemClass[e] * k;
        if (s > best[base + k - 1]) {
          let j = k - 1;
          while (j > 0 && best[base + j - 1] < s) {
            best[base + j] = best[base + j - 1];
            j--;
          }
          best[base + j] = s;
        }
      }
    }

    const scores = new Float64Array(C);
    const divisor = totalWeight > 0 ? totalWeight ** bayesLengthPower : 1;
    let nbMax = -Infinity;
    for (let c = 0; c < C; c++) nbMax = Math.max(nbMax, nb[c] / divisor);
    for (let c = 0; c < C; c++) {
      let sim = 0;
      for (let j = 0; j < k; j++) sim += best[c * k + j];
      scores[c] = (totalWeight > 0 ? bayesWeight * (nb[c] / divisor - nbMax) : 0) + (similarityWeight * sim) / k;
    }
    const totalWords = knownWordWeight + unknownWords;
    return {
      scores,
      maxSimilarity: Math.min(1, maxSimilarity),
      knownShare: totalWords > 0 ? knownWordWeight / totalWords : 0,
      knownWords,
    };
  }

  /** Naive Bayes score of item `e`'s own class, for a model trained without item `e`. */
  private leaveOutBayes(idx: number[], val: number[], unknownWords: number, e: number): number {
    const c = this.itemClass[e];
    const alpha = this.options.bayesAlpha;
    const own = this.itemFeatures[e];
    let ownTotal = 0;
    let ownUnseen = 0;
    const ownWeight = new Map<number, number>();
    for (let j = 0; j < own.idx.length; j++) {
      ownTotal += own.val[j];
      ownWeight.set(own.idx[j], own.val[j]);
      if (this.isWord[own.idx[j]] && this.df[own.idx[j]] === 1) ownUnseen += Math.min(own.val[j], 1);
    }
    const denominator = Math.log(this.totals[c] - ownTotal + alpha * (this.index.size + 1));
    let score = 0;
    for (let j = 0; j < idx.length; j++) {
      const f = idx[j];
      const count = Math.max(this.countOf(f, c) - (ownWeight.get(f) ?? 0), 0);
      score += val[j] * this.featureWeight[f] * (Math.log(count + alpha) - denominator);
    }
    return score + unknownWords * (Math.log(Math.max(this.unseen[c] - ownUnseen, 0) + alpha) - denominator);
  }

  private countOf(f: number, c: number): number {
    for (let p = this.counts.start[f]; p < this.counts.start[f + 1]; p++) if (this.counts.column[p] === c) return this.counts.value[p];
    return 0;
  }
}
