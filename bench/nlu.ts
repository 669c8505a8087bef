/**
 * Language-understanding benchmark.
 *
 *   npx tsx bench/nlu.ts [--rounds N]
 *
 * Prints a table and writes bench/results/nlu.json:
 *   - start-up contribution: loading the knowledge base + training + calibration, the first time in
 *     this process (cold) and the median of repeated runs (warm);
 *   - training time alone (warm median; the knowledge base already loaded);
 *   - classification latency per message over the held-out set, repeated N rounds (median, p90, p99, max);
 *   - latency on adversarial messages (10,000 characters, endless words, emoji floods);
 *   - dev and held-out accuracy, counted as `scripts/nlu.ts eval` counts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../core/knowledge/loader';
import { evaluate, readLabelledTsv } from '../core/nlu/evaluate';
import { corpusFromKnowledgeBase, createLanguageUnderstanding, trainLanguageUnderstanding } from '../core/nlu/understanding';
import { projectRoot } from '../core/projectRoot';

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    medianMs: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1],
  };
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

function main(): void {
  const roundsArg = process.argv.indexOf('--rounds');
  const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;
  const root = projectRoot();
  const heldOut = readLabelledTsv(join(root, 'tests', 'data', 'nlu-heldout.tsv'));
  const dev = readLabelledTsv(join(root, 'tests', 'data', 'nlu-dev.tsv'));

  // Start-up: first load + train in this process (what the bot pays when it starts).
  const [[kb, lu], coldStartMs] = time(() => {
    const k = loadKnowledgeBase();
    return [k, createLanguageUnderstanding(k)] as const;
  });

  const warmStart: number[] = [];
  const loadOnly: number[] = [];
  const trainOnly: number[] = [];
  const trainUncalibrated: number[] = [];
  const corpus = corpusFromKnowledgeBase(kb);
  for (let i = 0; i < 10; i++) {
    warmStart.push(time(() => createLanguageUnderstanding(loadKnowledgeBase()))[1]);
    loadOnly.push(time(() => loadKnowledgeBase())[1]);
    trainOnly.push(time(() => trainLanguageUnderstanding(corpus))[1]);
    trainUncalibrated.push(time(() => trainLanguageUnderstanding(corpus, { calibrate: false }))[1]);
  }

  // Latency per message over the held-out set.
  for (const m of heldOut) lu.understand(m.text); // warm-up
  const latencies: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const m of heldOut) latencies.push(time(() => lu.understand(m.text))[1]);
  }

  const adversarial: Record<string, string> = {
    '10,000 chars of words': 'my breast is leaking all the time '.repeat(300).slice(0, 10_000),
    '10,000-letter word': 'a'.repeat(10_000),
    'misspellings x 1,000': 'nippel mastitus colestrum brestfeading '.repeat(250),
    'emoji flood': '😭💧🍼'.repeat(3000),
    'punctuation flood': '!?.,;'.repeat(2000),
    '100,000 chars': 'why do i leak '.repeat(7200),
  };
  const adversarialResults: Record<string, ReturnType<typeof summary>> = {};
  for (const [name, text] of Object.entries(adversarial)) {
    const samples: number[] = [];
    for (let r = 0; r < 20; r++) samples.push(time(() => lu.understand(text))[1]);
    adversarialResults[name] = summary(samples);
  }

  const heldOutReport = evaluate(lu, heldOut);
  const devReport = evaluate(lu, dev);
  const examples = [...kb.topics.values()].reduce((n, t) => n + t.examples.length, 0);

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    topics: kb.topics.size,
    examples,
    outOfScopeExamples: corpus.outOfScope?.length ?? 0,
    startup: {
      coldLoadAndTrainMs: coldStartMs,
      warmLoadAndTrain: summary(warmStart),
      loadKnowledgeBase: summary(loadOnly),
      trainWithCalibration: summary(trainOnly),
      trainWithoutCalibration: summary(trainUncalibrated),
    },
    latency: { messages: heldOut.length, rounds, ...summary(latencies) },
    adversarial: adversarialResults,
    accuracy: {
      dev: { accuracy: devReport.accuracy, correct: devReport.correct, total: devReport.total, unsure: devReport.unsure },
      heldOut: { accuracy: heldOutReport.accuracy, correct: heldOutReport.correct, total: heldOutReport.total, unsure: heldOutReport.unsure },
    },
  };

  const ms = (x: number) => `${x.toFixed(3)} ms`.padStart(12);
  console.log(`Language understanding benchmark (${result.node}, ${result.topics} topics, ${examples} examples + ${result.outOfScopeExamples} out-of-scope)\n`);
  console.log('Start-up                               median        max');
  console.log(`  load KB + train, first time (cold) ${ms(coldStartMs)}`);
  for (const [name, s] of [
    ['load KB + train + calibrate (warm)', result.startup.warmLoadAndTrain],
    ['load KB only', result.startup.loadKnowledgeBase],
    ['train + calibrate', result.startup.trainWithCalibration],
    ['train only (no calibration)', result.startup.trainWithoutCalibration],
  ] as const) {
    console.log(`  ${name.padEnd(35)}${ms(s.medianMs)}${ms(s.maxMs)}`);
  }
  console.log(`\nClassification latency per message (${heldOut.length} held-out messages x ${rounds} rounds = ${latencies.length} calls)`);
  console.log(`  median ${ms(result.latency.medianMs)}   p90 ${ms(result.latency.p90Ms)}   p99 ${ms(result.latency.p99Ms)}   max ${ms(result.latency.maxMs)}`);
  console.log('\nAdversarial messages                   median        max');
  for (const [name, s] of Object.entries(adversarialResults)) console.log(`  ${name.padEnd(35)}${ms(s.medianMs)}${ms(s.maxMs)}`);
  console.log('\nAccuracy (unsure counts as wrong)');
  console.log(`  dev      ${devReport.accuracy.toFixed(3)} (${devReport.correct}/${devReport.total}, ${devReport.unsure} unsure)`);
  console.log(`  held-out ${heldOutReport.accuracy.toFixed(3)} (${heldOutReport.correct}/${heldOutReport.total}, ${heldOutReport.unsure} unsure)`);

  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'nlu.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`\nwrote ${join('bench', 'results', 'nlu.json')}`);
}

main();
