/**
 * Calibration: the model's scores become probabilities through a softmax whose temperature is chosen
 * by cross-validation on the training examples, so that a confidence of 0.8 is right about 80% of
 * the time on examples the model did not see.
 */

/** Probabilities from scores: softmax(scores / temperature). */
export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp((scores[i] - max) / temperature);
    sum += out[i];
  }
  for (let i = 0; i < scores.length; i++) out[i] /= sum;
  return out;
}

export interface ScoredSample {
  scores: ArrayLike<number>;
  /** Index of the right topic. */
  label: number;
}

function negativeLogLikelihood(samples: readonly ScoredSample[], temperature: number): number {
  let total = 0;
  for (const { scores, label } of samples) {
    let max = -Infinity;
    for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
    let sum = 0;
    for (let i = 0; i < scores.length; i++) sum += Math.exp((scores[i] - max) / temperature);
    total += Math.log(sum) - (scores[label] - max) / temperature;
  }
  return total / Math.max(samples.length, 1);
}

/** The temperature that minimises the held-out negative log-likelihood (golden-section search on log T). */
export function fitTemperature(samples: readonly ScoredSample[], low = 0.05, high = 20): number {
  if (samples.length === 0) return 1;
  let a = Math.log(low);
  let b = Math.log(high);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = negativeLogLikelihood(samples, Math.exp(c));
  let fd = negativeLogLikelihood(samples, Math.exp(d));
  // Each step keeps 62% of the interval: 20 steps bring ln(400) (6.0) down to about 0.004.
  for (let i = 0; i < 20; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = negativeLogLikelihood(samples, Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = negativeLogLikelihood(samples, Math.exp(d));
    }
  }
  return Math.exp((a + b) / 2);
}

/**
 * Stratified fold of each item: the i-th example of a topic goes to fold i mod k. Deterministic, and
 * every fold holds every topic.
 */
export function assignFolds(labels: readonly string[], folds: number): number[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const i = seen.get(label) ?? 0;
    seen.set(label, i + 1);
    return i % folds;
  });
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Confidence against observed accuracy, in bins; and the expected calibration error. */
export function reliability(
  predictions: ReadonlyArray<{ confidence: number; correct: boolean }>,
  bins = 5,
): { bins: ReliabilityBin[]; expectedCalibrationError: number } {
  const out: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = predictions.filter((p) => p.confidence >= from && (p.confidence < to || (b === bins - 1 && p.confidence <= to)));
    const count = inBin.length;
    const meanConfidence = count ? inBin.reduce((s, p) => s + p.confidence, 0) / count : 0;
    const accuracy = count ? inBin.filter((p) => p.correct).length / count : 0;
    out.push({ from, to, count, meanConfidence, accuracy });
    ece += (count / Math.max(predictions.length, 1)) * Math.abs(meanConfidence - accuracy);
  }
  return { bins: out, expectedCalibrationError: ece };
}

/**
 * Logistic regression by Newton's method (a handful of features, so each step is tiny and it
 * converges in a few steps). Returns weights with the bias last. `l2` keeps weights finite when the
 * classes separate perfectly.
 */
export function fitLogistic(x: readonly number[][], y: readonly number[], l2 = 1e-2, steps = 25): number[] {
  const d = (x[0]?.length ?? 0) + 1;
  const w = new Array<number>(d).fill(0);
  const row = (i: number) => [...x[i], 1];
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const r = row(i);
      const p = sigmoid(dot(w, r));
      const g = p - y[i];
      const h = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        grad[a] += g * r[a];
        for (let b = 0; b < d; b++) hess[a][b] += h * r[a] * r[b];
      }
    }
    for (let a = 0; a < d - 1; a++) {
      grad[a] += l2 * w[a];
      hess[a][a] += l2;
    }
    hess[d - 1][d - 1] += 1e-9;
    const delta = solve(hess, grad);
    let change = 0;
    for (let a = 0; a < d; a++) {
      w[a] -= delta[a];
      change = Math.max(change, Math.abs(delta[a]));
    }
    if (change < 1e-7) break;
  }
  return w;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Solves A x = b (Gaussian elimination with partial pivoting); A is small and positive definite. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const div = m[col][col] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / div;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}
