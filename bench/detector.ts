/**
 * Red-flag detector benchmark, and its figures on the red-flag data sets.
 *
 *   npx tsx bench/detector.ts [--rounds N] [--default-regexp]
 *   npx tsx bench/detector.ts --against DIR [--rounds N]   this checkout against another, in one process
 *
 * It measures in the mode `npm start` runs the bot: with the regular-expression flags of package.json's
 * start script (--no-regexp-tier-up: every pattern compiled to machine code at once). Started without
 * them, it starts itself again with them; --default-regexp measures with V8's defaults instead.
 *
 * Prints and writes bench/results/detector.json:
 *   - the first message after building the detector, against the median of later ones (no slow
 *     first message: nothing may be compiled or built on first use);
 *   - per message on tests/data/red-flags-test.tsv: median and p99 (each message the fastest of 3
 *     runs, N rounds), targets 0.15 ms and 1 ms;
 *   - a 2,000-character message mixing everyday words with a red flag half-way (target 2 ms);
 *   - recall per level and false positives on every red-flag set (detector only).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDomain } from '../core/domain';
import type { SafetyAssessment } from '../core/safety/types';
import { dataFile, loadDataSet, score, summary } from '../tests/safety/redFlagData';
import { fastest, flag, hasFlag, summarise, writeResult } from './lib/report';
import { spawnTs } from './lib/children';
import { startCommand } from './startup';

const NOW = new Date('2026-11-22T12:00:00Z');

/** The node flags of the start script that change how patterns run (the entry file and warning switches aside). */
function startRegexpFlags(): string[] {
  return startCommand().slice(0, -1).filter((f) => f.includes('regexp'));
}

export interface DetectorResult {
  date: string;
  /** The node flags it ran with: the start script's (as `npm start`), or none (V8's defaults). */
  regexpFlags: string[];
  loadDomainMs: number;
  firstMessageMs: number;
  laterMedianMs: number;
  testSet: { messages: number; rounds: number; medianMs: number; p99Ms: number; maxMs: number };
  message2000: { chars: number; medianMs: number; maxMs: number; flags: string[] };
  /** Per data set: recall per level and false positives, as one line. */
  sets: Record<string, string>;
}

/** 2,000 characters of everyday words with a red flag half-way. */
function buriedMessage(): string {
  const filler = 'My little one is eight weeks old and we have been getting on fine with feeds, though my breasts leak a lot at night and I go through pads quickly. ';
  return `${filler.repeat(7)}Oh and there is blood coming from one nipple when I squeeze it. ${filler.repeat(7)}`.slice(0, 2_000);
}

/**
 * This checkout's detector against another checkout's (`dir`, its sources), both loaded in this
 * process and timed message by message in turn (the order swapped every round): on a shared machine
 * the load then weighs on both alike, and the ratio per message says what changed.
 */
function compare(dir: string, rounds: number): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the other checkout's own modules
  const other = (require(join(dir, 'core', 'domain')) as { loadDomain: typeof loadDomain }).loadDomain;
  const clinic = { name: 'bench clinic', emergencyNumber: '911', crisisLine: '988' };
  const sides = [
    { name: 'this', detector: loadDomain(clinic).safety, perMessage: [] as number[], long: [] as number[] },
    { name: dir, detector: other(clinic).safety, perMessage: [] as number[], long: [] as number[] },
  ];
  const test = loadDataSet(dataFile('test'));
  const buried = buriedMessage();
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const line of test) for (const side of order) side.perMessage.push(fastest(() => side.detector.assess(line.text, {}, { now: NOW }), 3));
    for (let i = 0; i < 4; i++) for (const side of order) side.long.push(fastest(() => side.detector.assess(buried, {}, { now: NOW }), 1));
  }
  const f = (n: number) => n.toFixed(3);
  for (const side of sides) {
    const m = summarise(side.perMessage);
    console.log(`${side.name}: test set median ${f(m.median)} ms, p99 ${f(m.p99)} ms; 2,000-char message median ${f(summarise(side.long).median)} ms`);
  }
  const ratios = sides[0].perMessage.map((ms, i) => ms / sides[1].perMessage[i]);
  console.log(`per message, this / ${dir}: median ratio ${summarise(ratios).median.toFixed(2)} (${test.length} messages x ${rounds} rounds)`);
}

function main(): void {
  const wanted = hasFlag('default-regexp') ? [] : startRegexpFlags();
  const missing = wanted.filter((f) => !process.execArgv.includes(f));
  if (missing.length > 0) {
    // Measure what parents get: the same pattern engine settings as `npm start`.
    const child = spawnTs('bench/detector.ts', process.argv.slice(2), missing, { stdio: 'inherit' });
    child.once('exit', (code) => process.exit(code ?? 1));
    return;
  }
  const rounds = Number(flag('rounds', '5'));
  const against = flag('against');
  if (against) return compare(resolve(against), rounds);
  const t0 = performance.now();
  const domain = loadDomain({ name: 'bench clinic', emergencyNumber: '911', crisisLine: '988' });
  const loadMs = performance.now() - t0;
  const assess = (text: string, known = {}): SafetyAssessment => domain.safety.assess(text, known, { now: NOW });

  const first = fastest(() => assess('my left breast is red and hot and I have a temperature of 38.6'), 1);
  const later = summarise(Array.from({ length: 20 }, (_, i) => fastest(() => assess(`my right breast is red and hot and I have a temperature of 38.${i % 10}`), 1)));

  const test = loadDataSet(dataFile('test'));
  const perMessage: number[] = [];
  for (let r = 0; r < rounds; r++) for (const line of test) perMessage.push(fastest(() => assess(line.text), 3));
  const latency = summarise(perMessage);

  const buried = buriedMessage();
  const longMs = summarise(Array.from({ length: 20 }, () => fastest(() => assess(buried), 1)));
  const buriedFlags = assess(buried).flags.map((f) => f.id);

  const sets: Record<string, string> = {};
  for (const name of ['dev', 'test', 'blind', 'final', 'crisis-dev', 'regression'] as const) {
    const file = dataFile(name);
    if (!existsSync(file)) continue;
    sets[name] = summary(name, score(loadDataSet(file), (text, known) => assess(text, known)));
  }

  const result: Omit<DetectorResult, 'date'> = {
    regexpFlags: wanted,
    loadDomainMs: loadMs,
    firstMessageMs: first,
    laterMedianMs: later.median,
    testSet: { messages: test.length, rounds, medianMs: latency.median, p99Ms: latency.p99, maxMs: latency.max },
    message2000: { chars: buried.length, medianMs: longMs.median, maxMs: longMs.max, flags: buriedFlags },
    sets,
  };
  const f = (n: number) => n.toFixed(3);
  console.log(`mode: node ${wanted.join(' ') || '(V8 defaults)'}${wanted.length > 0 ? ', as npm start runs the bot' : ''}`);
  console.log(`load domain (knowledge, NLU training, detector): ${loadMs.toFixed(0)} ms`);
  console.log(`first message ${f(first)} ms, later median ${f(later.median)} ms (target: first within 50 ms of later)`);
  console.log(`test set (${test.length} x ${rounds}): median ${f(latency.median)} ms (target 0.15), p99 ${f(latency.p99)} ms (target 1), max ${f(latency.max)} ms`);
  console.log(`2,000-char message: median ${f(longMs.median)} ms (target 2), flags ${buriedFlags.join(',') || '-'}`);
  for (const line of Object.values(sets)) console.log(line);
  writeResult('detector', { date: new Date().toISOString(), ...result });
}

if (require.main === module) main();
