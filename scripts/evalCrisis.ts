/**
 * Cross-validates the crisis classifier on the crisis banks and prints, per category, recall (crisis
 * lines) or the false rate (look-alike lines) of:
 *   patterns   the pattern families alone (the first layer)
 *   +model     patterns and the classifier trained without the line's fold (the detector as shipped,
 *              with the bands, everyday bounds and fewest words of crisis-classifier.yaml)
 * each as "escalated" (a crisis flag) and "or asked" (a flag or the gentle crisis question), and with
 * --sweep the raw probability bands (no bounds), to choose the thresholds.
 *
 *   npm run eval:crisis [-- --folds 5] [-- --sweep]
 */
import { performance } from 'node:perf_hooks';
import { loadCrisisTrainingData } from '../core/safety/crisisBank';
import { CrisisClassifier, trainCrisisModel } from '../core/safety/crisisClassifier';
import { createRedFlagDetector } from '../core/safety/detector';
import { loadRedFlagDefinitions } from '../core/safety/definitions';
import { splitMessage } from '../core/safety/text';
import type { SafetyAssessment } from '../core/safety/types';

const args = process.argv.slice(2);
const FOLDS = Number(args[args.indexOf('--folds') + 1]) > 1 ? Number(args[args.indexOf('--folds') + 1]) : 5;
const SWEEP = args.includes('--sweep');

const data = loadCrisisTrainingData();
const definitions = loadRedFlagDefinitions();
const crisisIds = new Set([...definitions.flags.values()].filter((f) => f.crisis).map((f) => f.id));

interface Line {
  kind: 'positive' | 'lookalike';
  i: number;
  category: string;
  text: string;
  fold: number;
}

/** Folds stratified by category: every category spread evenly, the same split every run. */
function folds(): Line[] {
  const lines: Line[] = [
    ...data.positive.map((p, i) => ({ kind: 'positive' as const, i, category: p.category, text: p.text, fold: 0 })),
    ...data.lookalike.map((l, i) => ({ kind: 'lookalike' as const, i, category: l.category, text: l.text, fold: 0 })),
  ];
  const byCategory = new Map<string, Line[]>();
  for (const l of lines) byCategory.set(`${l.kind}/${l.category}`, [...(byCategory.get(`${l.kind}/${l.category}`) ?? []), l]);
  for (const group of byCategory.values()) group.forEach((l, j) => (l.fold = j % FOLDS));
  return lines;
}

const escalatesCrisis = (r: SafetyAssessment) => r.flags.some((f) => crisisIds.has(f.id));
const asksCrisis = (r: SafetyAssessment) => r.toConfirm.some((f) => crisisIds.has(f.id));

const lines = folds();
const patterns = createRedFlagDetector(definitions, null);
const patternResults = lines.map((l) => patterns.assess(l.text));

async function main(): Promise<void> {
  // Held-out probabilities and detector results for every line, from the model of its fold.
  const context = new Array<number>(lines.length).fill(0);
  const part = new Array<number>(lines.length).fill(0);
  const modelResults = new Array<SafetyAssessment>(lines.length);
  let trainMs = 0;
  for (let f = 0; f < FOLDS; f++) {
    const positive = new Set(lines.filter((l) => l.kind === 'positive' && l.fold !== f).map((l) => l.i));
    const lookalike = new Set(lines.filter((l) => l.kind === 'lookalike' && l.fold !== f).map((l) => l.i));
    const t0 = performance.now();
    const model = trainCrisisModel(data, { positive, lookalike });
    trainMs += performance.now() - t0;
    const classifier = new CrisisClassifier(model, data.config.thresholds, data.config.everydayBounds);
    const detector = createRedFlagDetector(definitions, classifier);
    lines.forEach((l, j) => {
      if (l.fold !== f) return;
      const r = classifier.read(splitMessage(l.text));
      context[j] = r.context;
      part[j] = r.part;
      modelResults[j] = detector.assess(l.text);
    });
  }

  const categories = [...new Set(lines.map((l) => `${l.kind}/${l.category}`))];
  const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
  const rate = (pick: (j: number) => boolean, filter: (l: Line) => boolean) => {
    const idx = lines.map((l, j) => (filter(l) ? j : -1)).filter((j) => j >= 0);
    return [idx.filter(pick).length, idx.length] as const;
  };
  const of = (results: SafetyAssessment[], what: (r: SafetyAssessment) => boolean) => (j: number) => what(results[j]);

  console.log(`crisis banks: ${data.positive.length} crisis lines, ${data.lookalike.length} look-alikes; ${FOLDS}-fold cross-validation, stratified by category`);
  console.log(`thresholds: report ${data.config.thresholds.report}, ask ${data.config.thresholds.ask}; mean training time per fold ${(trainMs / FOLDS / 1000).toFixed(2)} s`);
  console.log('');
    console.log(`${'category'.padEnd(24)} ${'n'.padStart(4)}  escalated: ${'patterns'.padStart(8)} ${'+model'.padStart(8)}   or asked: ${'patterns'.padStart(8)} ${'+model'.padStart(8)}`);
  const row = (name: string, filter: (l: Line) => boolean) => {
    const cells = [patternResults, modelResults].map((r) => rate(of(r, escalatesCrisis), filter));
    const asked = [patternResults, modelResults].map((r) => rate(of(r, (x) => escalatesCrisis(x) || asksCrisis(x)), filter));
    console.log(`${name.padEnd(24)} ${String(cells[0][1]).padStart(4)}  ${''.padStart(10)} ${cells.map(([a, b]) => pct(a, b).padStart(8)).join(' ')}   ${''.padStart(9)} ${asked.map(([a, b]) => pct(a, b).padStart(8)).join(' ')}`);
  };
  for (const kind of ['positive', 'lookalike'] as const) {
    console.log(kind === 'positive' ? '-- crisis lines: recall' : '-- look-alike lines: false rate');
    for (const c of categories.filter((c) => c.startsWith(kind))) row(c.slice(kind.length + 1), (l) => `${l.kind}/${l.category}` === c);
    row(`ALL ${kind}`, (l) => l.kind === kind);
  }

  if (args.includes('--dump')) {
    const { writeFileSync } = await import('node:fs');
    const rows = lines.map((l, j) => ({ kind: l.kind, category: l.category, context: context[j], part: part[j], patternFlag: escalatesCrisis(patternResults[j]), patternAsk: asksCrisis(patternResults[j]) }));
    writeFileSync(args[args.indexOf('--dump') + 1], JSON.stringify(rows));
  }

  if (SWEEP) {
    console.log('');
    console.log('threshold sweep (pattern flag, or context >= report, or part >= reportPart): crisis recall / look-alike false rate');
    const flaggedBy = (r: number, rp: number) => (j: number) => escalatesCrisis(patternResults[j]) || context[j] >= r || part[j] >= rp;
    for (const r of [0.5, 0.6, 0.7, 0.8, 0.9]) {
      const cells = [0.8, 0.85, 0.9, 0.95, 0.99].map((rp) => {
        const [pa, pn] = rate(flaggedBy(r, rp), (l) => l.kind === 'positive');
        const [la, ln] = rate(flaggedBy(r, rp), (l) => l.kind === 'lookalike');
        return `part>=${rp}: ${pct(pa, pn)} / ${pct(la, ln)}`;
      });
      console.log(`  context>=${r.toFixed(2)}  ${cells.join('   ')}`);
    }
    console.log('ask band (any crisis question or flag): crisis recall / look-alike rate, with the report thresholds of the yaml');
    const { report, reportPart } = data.config.thresholds;
    for (const a of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]) {
      const pick = (j: number) => flaggedBy(report, reportPart)(j) || asksCrisis(patternResults[j]) || context[j] >= a || part[j] >= a;
      const [pa, pn] = rate(pick, (l) => l.kind === 'positive');
      const [la, ln] = rate(pick, (l) => l.kind === 'lookalike');
      console.log(`  ask>=${a.toFixed(2)}: ${pct(pa, pn)} / ${pct(la, ln)}`);
    }
  }

  // Latency of the classifier alone, per message, on the bank lines (after a warm-up pass).
  const classifier = new CrisisClassifier(trainCrisisModel(data), data.config.thresholds, data.config.everydayBounds);
  const texts = lines.map((l) => l.text);
  const split = texts.map((t) => splitMessage(t));
  for (const s of split) classifier.findMentions(s);
  const times: number[] = [];
  for (const s of split) {
    const t0 = performance.now();
    classifier.findMentions(s);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log('');
  console.log(`classifier alone, per message (sentences already split): median ${(times[times.length >> 1] * 1000).toFixed(1)} µs, p99 ${(times[Math.floor(times.length * 0.99)] * 1000).toFixed(1)} µs; model ${classifier.model.size} features`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
