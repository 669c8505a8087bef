/**
 * Runs the benchmarks, each in its own process, then prints a summary and writes
 * bench/results/summary.json (each benchmark also writes its own file there).
 *
 *   npx tsx bench/run.ts                       all of them, about 4 minutes
 *   npx tsx bench/run.ts --only http,memory    some of them: http, memory, startup, nlu, turn, detector, adversarial
 *   npx tsx bench/run.ts --quick               shorter runs, for a smoke test (about 1.5 minutes)
 *
 * Options passed on: --duration S, --repeats N, --connections 1,16,64 (http); --conversations N
 * (memory); --runs N, --mode auto|dist|tsx (startup); --rounds N (nlu); --samples N (adversarial).
 *
 * The machine is shared and noisy: figures are medians, compare ratios within one run rather than
 * absolute numbers between runs or machines.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AdversarialResult } from './adversarial';
import type { HttpResult } from './http';
import { spawnTs } from './lib/children';
import { flag, fmt, hasFlag, machine, readResult, RESULTS_DIR, table, writeResult } from './lib/report';
import type { MemoryResult } from './memory';
import type { StartupResult } from './startup';
import type { DetectorResult } from './detector';
import type { TurnResult } from './turn';

const SECTIONS = ['http', 'memory', 'startup', 'nlu', 'turn', 'detector', 'adversarial'] as const;
type Section = (typeof SECTIONS)[number];

interface NluResult {
  node: string;
  topics: number;
  latency: { messages: number; rounds: number; medianMs: number; p90Ms: number; p99Ms: number; maxMs: number };
  accuracy: { heldOut: { accuracy: number; correct: number; total: number; unsure: number }; dev: { accuracy: number; correct: number; total: number } };
  startup: { coldLoadAndTrainMs: number };
}

const quick = hasFlag('quick');

/** What each section runs: script, arguments, node flags. */
function plan(section: Section): { file: string; args: string[]; nodeFlags: string[] } {
  const pass = (name: string, fallback: string) => [`--${name}`, flag(name, fallback)];
  switch (section) {
    case 'http':
      return { file: 'bench/http.ts', args: [...pass('duration', quick ? '3' : '5'), ...pass('repeats', quick ? '1' : '3'), ...pass('connections', '1,16,64'), ...pass('warmup', quick ? '1' : '2')], nodeFlags: [] };
    case 'memory':
      return { file: 'bench/memory.ts', args: pass('conversations', quick ? '20000' : '50000'), nodeFlags: ['--expose-gc'] };
    case 'startup':
      return { file: 'bench/startup.ts', args: [...pass('runs', quick ? '3' : '5'), ...pass('mode', 'auto')], nodeFlags: [] };
    case 'nlu':
      return { file: 'bench/nlu.ts', args: pass('rounds', quick ? '5' : '20'), nodeFlags: [] };
    case 'turn':
      return { file: 'bench/turn.ts', args: pass('conversations', quick ? '60' : '200'), nodeFlags: [] };
    case 'detector':
      return { file: 'bench/detector.ts', args: pass('rounds', quick ? '2' : '5'), nodeFlags: [] };
    case 'adversarial':
      return { file: 'bench/adversarial.ts', args: pass('samples', quick ? '3' : '10'), nodeFlags: [] };
  }
}

function runSection(section: Section): Promise<number> {
  const { file, args, nodeFlags } = plan(section);
  console.log(`\n=== ${section}: ${file} ${args.join(' ')}\n`);
  const started = performance.now();
  const child = spawnTs(file, args, nodeFlags, { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${file} exited with ${code}`))));
  });
}

function load<T>(name: string): T | undefined {
  return existsSync(join(RESULTS_DIR, `${name}.json`)) ? readResult<T>(name) : undefined;
}

async function main(): Promise<void> {
  const only = flag('only');
  const sections = only ? (only.split(',').map((s) => s.trim()) as Section[]) : [...SECTIONS];
  const unknown = sections.filter((s) => !SECTIONS.includes(s));
  if (unknown.length > 0) throw new Error(`unknown section ${unknown.join(', ')}: choose from ${SECTIONS.join(', ')}`);

  const seconds: Partial<Record<Section, number>> = {};
  const failed: string[] = [];
  const started = performance.now();
  for (const section of sections) {
    try {
      seconds[section] = await runSection(section);
    } catch (err) {
      failed.push(`${section}: ${(err as Error).message}`);
      console.error(`\n${section} FAILED: ${(err as Error).message}`);
    }
  }

  // Sections not run this time are summarised from their last results, marked with their date.
  const ran = (s: Section) => seconds[s] !== undefined;
  const http = load<HttpResult>('http');
  const memory = load<MemoryResult>('memory');
  const startup = load<StartupResult>('startup');
  const nlu = load<NluResult & { date: string }>('nlu');
  const turn = load<TurnResult>('turn');
  const detector = load<DetectorResult>('detector');
  const adversarial = load<AdversarialResult>('adversarial');
  const stale = (s: Section, date?: string) => (ran(s) ? '' : date ? ` (from ${date.slice(0, 16)})` : '');

  const rows: Array<Array<string | number>> = [['measure', 'value', 'target']];
  if (http) {
    const byConn = (f: (c: HttpResult['cells'][number]) => string) => http.cells.map(f).join(' / ');
    const conns = http.cells.map((c) => c.connections).join('/');
    rows.push([`HTTP turns/s, bot, ${conns} connections${stale('http', http.date)}`, byConn((c) => fmt(c.median.bot.reqPerSec, 0)), '']);
    rows.push([`HTTP turns/s, echo bot, ${conns} connections`, byConn((c) => fmt(c.median.echo.reqPerSec, 0)), '']);
    rows.push(['bot/echo throughput', byConn((c) => `${fmt(c.median.ratio * 100, 0)}%`), `>= 80%: ${http.target.met ? 'MET' : 'NOT MET'}`]);
    rows.push([`bot latency p50, ${conns} connections`, byConn((c) => `${fmt(c.median.bot.latencyP50Ms)} ms`), '']);
    rows.push([`bot latency p99, ${conns} connections`, byConn((c) => `${fmt(c.median.bot.latencyP99Ms)} ms`), '']);
    rows.push([`echo latency p50 / p99, ${conns} connections`, byConn((c) => `${fmt(c.median.echo.latencyP50Ms)}/${fmt(c.median.echo.latencyP99Ms)}`), '']);
  }
  if (memory) {
    const at = (n: number) => memory.points.find((p) => p.conversations === n);
    const pts = [1_000, 10_000, 50_000].map(at).filter((p): p is NonNullable<typeof p> => p !== undefined);
    rows.push([`RSS settled after ${pts.map((p) => fmt(p.conversations)).join(' / ')} conversations${stale('memory', memory.date)}`, pts.map((p) => `${fmt(p.rssMB, 0)} MB`).join(' / '), `< 250 MB: ${memory.target.met ? 'MET' : 'NOT MET'}`]);
    rows.push(['RSS busy (right after the load, after gc)', pts.map((p) => `${fmt(p.busyRssMB, 0)} MB`).join(' / '), '']);
    rows.push(['heap used', pts.map((p) => `${fmt(p.heapUsedMB, 0)} MB`).join(' / '), '']);
    if (memory.rssGrowthAfterEvictionMB !== null) rows.push(['settled RSS change while evicting', `${fmt(memory.rssGrowthAfterEvictionMB, 1)} MB`, 'flat']);
  }
  if (startup) {
    const met = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'MET' : 'NOT MET');
    rows.push([`start-up to /readyz 200, median${stale('startup', startup.date)}`, `${fmt(startup.medianReadyMs, 0)} ms (${startup.command})`, startup.targets ? `<= ${fmt(startup.targets.readyMs)} ms: ${met(startup.targets.readyMet)}` : '']);
    if (startup.medianReadyCpuMs !== undefined) rows.push(['CPU time until ready, median', `${fmt(startup.medianReadyCpuMs, 0)} ms`, '']);
    rows.push(['RSS when ready', `${fmt(startup.medianRssMB, 0)} MB`, '']);
    if (startup.medianFirstReplyExtraMs !== undefined) {
      rows.push([
        'first reply after start-up minus later ones, median',
        `${fmt(startup.medianFirstReplyExtraMs, 1)} ms (${fmt(startup.medianFirstReplyMs, 1)} against ${fmt(startup.medianLaterReplyMs, 1)})`,
        `<= ${startup.targets.firstReplyExtraMs} ms: ${met(startup.targets.firstReplyMet)}`,
      ]);
    }
  }
  if (nlu) {
    rows.push([`language understanding per message, median / p99${stale('nlu', nlu.date)}`, `${fmt(nlu.latency.medianMs, 3)} / ${fmt(nlu.latency.p99Ms, 3)} ms`, '']);
    const h = nlu.accuracy.heldOut;
    rows.push(['held-out accuracy', `${fmt(h.accuracy, 3)} (${h.correct}/${h.total}, ${h.unsure} unsure)`, '']);
  }
  if (turn) {
    const detector = turn.parts.find((p) => p.part.startsWith('red-flag'))!;
    rows.push([`in-process turn, median / p99${stale('turn', turn.date)}`, `${fmt(turn.perTurn.median, 3)} / ${fmt(turn.perTurn.p99, 3)} ms`, '']);
    rows.push(['red-flag detector share of a turn', `${fmt(detector.share * 100, 0)}% (${fmt(detector.meanMs, 3)} ms)`, '']);
    rows.push(['red-flag detector, red-flag test set, median / p99', `${fmt(turn.detector.redFlagTestSet.median, 3)} / ${fmt(turn.detector.redFlagTestSet.p99, 3)} ms`, '']);
    const worst = [...turn.detector.adversarial].sort((a, b) => b.ms - a.ms)[0];
    rows.push(['red-flag detector, slowest adversarial message', `${fmt(worst.ms, 0)} ms (${worst.name})`, '']);
  }
  if (adversarial) {
    const slowest = (key: 'understand' | 'assess') => [...adversarial.cases].sort((a, b) => b[key].median - a[key].median)[0];
    const u = slowest('understand');
    const a = slowest('assess');
    rows.push([`adversarial text, slowest understand median / p99${stale('adversarial', adversarial.date)}`, `${fmt(u.understand.median, 2)} / ${fmt(u.understand.p99, 2)} ms (${u.name})`, '']);
    rows.push(['adversarial text, slowest assess median / p99', `${fmt(a.assess.median, 0)} / ${fmt(a.assess.p99, 0)} ms (${a.name})`, '']);
    const steepest = [...adversarial.cases].sort((x, y) => y.growth.assess - x.growth.assess)[0];
    rows.push(['adversarial text, steepest assess growth (10x the text)', `x${fmt(steepest.growth.assess, 1)} (${steepest.name})`, 'about 10 (linear)']);
  }

  if (detector) {
    const d = detector;
    const mode = d.regexpFlags === undefined ? '' : ` (node ${d.regexpFlags.join(' ') || 'defaults'})`;
    const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
    rows.push([`detector${mode}, red-flag test set, median / p99${stale('detector', d.date)}`, `${fmt(d.testSet.medianMs, 3)} / ${fmt(d.testSet.p99Ms, 3)} ms`, `<= 0.15 / 1 ms: ${met(d.testSet.medianMs <= 0.15)} / ${met(d.testSet.p99Ms <= 1)}`]);
    rows.push([`detector, ${d.message2000.chars}-character message, median`, `${fmt(d.message2000.medianMs, 2)} ms`, `<= 2 ms: ${met(d.message2000.medianMs <= 2)}`]);
    rows.push(['detector, first message after start-up / later median', `${fmt(d.firstMessageMs, 1)} / ${fmt(d.laterMedianMs, 1)} ms`, `within 50 ms: ${met(d.firstMessageMs - d.laterMedianMs <= 50)}`]);
    for (const line of Object.values(d.sets)) rows.push([`detector on ${line.split(':')[0]}`, line.split(': ').slice(1).join(': '), '']);
  }

  const m = machine();
  const summary = {
    date: new Date().toISOString(),
    machine: m,
    caveat: 'One shared, noisy machine: figures are medians; compare ratios within a run, not absolute numbers across runs or machines.',
    sections: sections.map((s) => ({ section: s, seconds: seconds[s] ?? null, ok: ran(s) })),
    failed,
    totalSeconds: (performance.now() - started) / 1000,
    targets: {
      throughputRatio: http ? { target: '>= 0.8 of the echo bot', worst: http.target.worstRatio, met: http.target.met } : null,
      memory: memory ? { target: '< 250 MB RSS at 50,000 conversations', settledPeakMB: memory.target.peakRssMB, busyPeakMB: memory.target.peakBusyRssMB, met: memory.target.met } : null,
    },
    http: http && http.cells.map((c) => ({ connections: c.connections, ...c.median })),
    memory: memory && { baseline: memory.baseline, points: memory.points, rssGrowthAfterEvictionMB: memory.rssGrowthAfterEvictionMB },
    startup: startup && {
      command: startup.command,
      medianReadyMs: startup.medianReadyMs,
      minReadyMs: startup.minReadyMs,
      maxReadyMs: startup.maxReadyMs,
      medianReadyCpuMs: startup.medianReadyCpuMs,
      medianRssMB: startup.medianRssMB,
      medianFirstReplyMs: startup.medianFirstReplyMs,
      medianLaterReplyMs: startup.medianLaterReplyMs,
      medianFirstReplyExtraMs: startup.medianFirstReplyExtraMs,
      targets: startup.targets,
    },
    nlu: nlu && { latency: nlu.latency, accuracy: nlu.accuracy },
    turn: turn && { perTurn: turn.perTurn, parts: turn.parts, detector: turn.detector },
    detector,
    adversarial: adversarial && adversarial.cases,
  };
  const file = writeResult('summary', summary);

  console.log(`\n=== summary (${m.cpus} × ${m.cpuModel}, Node ${m.node}; ${fmt(summary.totalSeconds, 0)} s)`);
  console.log('Medians on one shared, noisy machine: compare ratios within a run, not absolute numbers.\n');
  console.log(table(rows));
  if (failed.length > 0) console.log(`\nFAILED: ${failed.join('; ')}`);
  console.log(`\nwrote ${file}`);
  if (failed.length > 0) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
