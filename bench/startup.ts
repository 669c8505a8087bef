/**
 * Start-up benchmark, per run a fresh server process:
 *   - ready: time from spawning it to /readyz answering 200, and its resident set size then;
 *   - first reply: the first message sent after that (HTTP, expectReplies, a new conversation), against
 *     the median of the next LATER_REPLIES sends of the same message, each in a new conversation. The
 *     difference is what a parent who writes first after a start waits for on top of everyone else.
 * Medians over several runs; each run's first message is a different one of FIRST_MESSAGES.
 *
 *   npx tsx bench/startup.ts [--runs 5] [--mode auto|dist|tsx] [--root DIR]
 *   npx tsx bench/startup.ts --against DIR [--runs 5]    this checkout and DIR, runs alternated
 *
 * dist: the built server, exactly as `npm start` runs it (the node command of package.json's start
 * script, without its build step; build first with `npm run build`: this benchmark never builds, as
 * dist/ is shared). tsx: `node --require tsx/cjs index.ts`, the sources compiled on the fly (slower:
 * every file goes through esbuild). auto (default): dist when what the start script runs is newer than
 * every source file, else tsx. --root runs another checkout (its own package.json and dist/), to
 * compare a change with what it replaces in alternated runs. The server starts with no .env settings
 * beyond a free PORT, HOST 127.0.0.1 and LOG_LEVEL=error: memory storage, no app id. Writes
 * bench/results/startup.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { projectRoot } from '../core/projectRoot';
import { stopChild } from './lib/children';
import { flag, fmt, machine, median, sleep, table, writeResult } from './lib/report';

export type StartupMode = 'dist' | 'tsx';

/** Targets of issue 9: ready within 1.2 s, and the first reply no more than 50 ms slower than later ones. */
export const READY_TARGET_MS = 1200;
export const FIRST_REPLY_TARGET_MS = 50;
const LATER_REPLIES = 10;

/** First messages of the runs, in turn: a question, a red flag, crisis words, a greeting, the symptom check. */
const FIRST_MESSAGES = [
  'why do my breasts leak when I hear a baby cry?',
  'my breast is red and hot and I have a fever of 39',
  "some nights I think the kids would do fine without me",
  'hi',
  'check my symptoms',
];

export interface StartupRun {
  readyMs: number;
  /** CPU time (user + system, all threads) the server used until ready: steadier than wall time on a shared machine. */
  readyCpuMs: number;
  rssMB: number;
  message: string;
  firstReplyMs: number;
  /** Median of the later sends of the same message. */
  laterReplyMs: number;
  /** firstReplyMs - laterReplyMs */
  firstReplyExtraMs: number;
  /** RSS after the replies. */
  rssAfterRepliesMB: number;
}

export interface StartupResult {
  date: string;
  machine: ReturnType<typeof machine>;
  mode: StartupMode;
  root: string;
  command: string;
  why: string;
  runs: StartupRun[];
  medianReadyMs: number;
  minReadyMs: number;
  maxReadyMs: number;
  medianReadyCpuMs: number;
  medianRssMB: number;
  medianFirstReplyMs: number;
  medianLaterReplyMs: number;
  medianFirstReplyExtraMs: number;
  targets: { readyMs: number; readyMet: boolean; firstReplyExtraMs: number; firstReplyMet: boolean };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The node arguments of package.json's start script (`node [flags] file`), as `npm start` runs them after its build. */
export function startCommand(root: string = projectRoot()): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (pkg.scripts?.start ?? '').trim().split(/\s+/);
  if (words[0] !== 'node' || words.length < 2) throw new Error(`the start script is not "node [flags] file": ${pkg.scripts?.start}`);
  return words.slice(1);
}

/** dist when what `npm start` runs is there and newer than every source it is built from. */
export function chooseMode(requested: string, root: string = projectRoot()): { mode: StartupMode; why: string } {
  const entry = startCommand(root).at(-1)!;
  const built = join(root, entry);
  if (requested === 'dist' || requested === 'tsx') return { mode: requested, why: `--mode ${requested}` };
  if (!existsSync(built)) return { mode: 'tsx', why: `${entry} is missing (run npm run build to measure the compiled server)` };
  const sources = Math.max(statSync(join(root, 'index.ts')).mtimeMs, ...['bot', 'core', 'dialogs', 'scripts'].map((d) => newestSource(join(root, d))));
  return statSync(built).mtimeMs >= sources
    ? { mode: 'dist', why: `${entry} is newer than the sources` }
    : { mode: 'tsx', why: `${entry} is older than the sources (run npm run build to measure the compiled server)` };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** User + system CPU time of a process so far, in ms (/proc/PID/stat, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces) start at field 3, state.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

/** One message in a new conversation, through the HTTP endpoint; the time until the replies are in. */
async function timedReply(port: number, text: string, conversation: string): Promise<number> {
  const body = JSON.stringify({
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversation },
    from: { id: `parent-${conversation}`, name: 'Parent' },
    recipient: { id: 'bot', name: 'Bot' },
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    deliveryMode: 'expectReplies',
  });
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const reply = (await res.json()) as { activities?: Array<{ type: string; text?: string }> };
  const ms = performance.now() - started;
  if (res.status !== 200 || !reply.activities?.some((a) => a.type === 'message' && a.text)) throw new Error(`no reply to "${text}": HTTP ${res.status}`);
  return ms;
}

async function once(mode: StartupMode, root: string, message: string): Promise<StartupRun> {
  const port = await freePort();
  const args = mode === 'dist' ? startCommand(root) : ['--disable-warning=DEP0111', '--require', 'tsx/cjs', 'index.ts'];
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' };
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    let ready: { readyMs: number; readyCpuMs: number; rssMB: number } | undefined;
    while (!ready) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr.slice(0, 500)}`);
      if (performance.now() - started > 60_000) throw new Error('the server was not ready within 60 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) ready = { readyMs: performance.now() - started, readyCpuMs: cpuMsOf(child.pid!), rssMB: rssOf(child.pid!) };
      } catch {
        // not listening yet
      }
      if (!ready) await sleep(5);
    }
    const firstReplyMs = await timedReply(port, message, 'first');
    const later: number[] = [];
    for (let i = 0; i < LATER_REPLIES; i++) later.push(await timedReply(port, message, `later-${i}`));
    const laterReplyMs = median(later);
    return { ...ready, message, firstReplyMs, laterReplyMs, firstReplyExtraMs: firstReplyMs - laterReplyMs, rssAfterRepliesMB: rssOf(child.pid!) };
  } finally {
    await stopChild(child);
  }
}

function describeCommand(mode: StartupMode, root: string): string {
  return mode === 'dist' ? `node ${startCommand(root).join(' ')}` : 'node --require tsx/cjs index.ts';
}

export async function runStartupBench(runs: number, requested = 'auto', log: (line: string) => void = console.log, root: string = projectRoot()): Promise<StartupResult> {
  const { mode, why } = chooseMode(requested, root);
  await once(mode, root, FIRST_MESSAGES[0]); // a first run warms the file cache; not counted
  const results: StartupRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await once(mode, root, FIRST_MESSAGES[i % FIRST_MESSAGES.length]);
    results.push(run);
    log(`  run ${i + 1}/${runs}: ${describeRun(run)}`);
  }
  return summariseRuns(results, { mode, why, root, command: describeCommand(mode, root) });
}

export function describeRun(run: StartupRun): string {
  return `ready in ${fmt(run.readyMs, 0)} ms (CPU ${fmt(run.readyCpuMs, 0)} ms), RSS ${fmt(run.rssMB, 1)} MB; first reply ${fmt(run.firstReplyMs, 1)} ms, later ${fmt(run.laterReplyMs, 1)} ms ("${run.message}")`;
}

export function summariseRuns(results: StartupRun[], how: { mode: StartupMode; why: string; root: string; command: string }): StartupResult {
  const ready = results.map((r) => r.readyMs);
  const medianReadyMs = median(ready);
  const medianFirstReplyExtraMs = median(results.map((r) => r.firstReplyExtraMs));
  return {
    date: new Date().toISOString(),
    machine: machine(),
    ...how,
    runs: results,
    medianReadyMs,
    minReadyMs: Math.min(...ready),
    maxReadyMs: Math.max(...ready),
    medianReadyCpuMs: median(results.map((r) => r.readyCpuMs)),
    medianRssMB: median(results.map((r) => r.rssMB)),
    medianFirstReplyMs: median(results.map((r) => r.firstReplyMs)),
    medianLaterReplyMs: median(results.map((r) => r.laterReplyMs)),
    medianFirstReplyExtraMs,
    targets: {
      readyMs: READY_TARGET_MS,
      readyMet: medianReadyMs <= READY_TARGET_MS,
      firstReplyExtraMs: FIRST_REPLY_TARGET_MS,
      firstReplyMet: medianFirstReplyExtraMs <= FIRST_REPLY_TARGET_MS,
    },
  };
}

export function printStartup(result: StartupResult): string {
  const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  return [
    `Start-up: spawn to /readyz 200, then the first reply against the median of ${LATER_REPLIES} later ones, ${result.runs.length} runs (${result.command}; ${result.why})`,
    table([
      ['median ready ms', 'min ms', 'max ms', 'CPU until ready ms', 'RSS when ready MB', 'first reply ms', 'later reply ms', 'first - later ms'],
      [
        fmt(result.medianReadyMs, 0),
        fmt(result.minReadyMs, 0),
        fmt(result.maxReadyMs, 0),
        fmt(result.medianReadyCpuMs, 0),
        fmt(result.medianRssMB, 1),
        fmt(result.medianFirstReplyMs, 1),
        fmt(result.medianLaterReplyMs, 1),
        fmt(result.medianFirstReplyExtraMs, 1),
      ],
    ]),
    `targets: ready <= ${fmt(READY_TARGET_MS)} ms: ${met(result.targets.readyMet)}; first reply <= ${FIRST_REPLY_TARGET_MS} ms slower than later ones: ${met(result.targets.firstReplyMet)}`,
  ].join('\n');
}

/**
 * This checkout and another one (--against DIR, for example the commit before a change, built), run
 * after run in alternation so that the shared machine's load falls on both alike.
 */
export async function compareStartup(runs: number, requested: string, other: string, log: (line: string) => void = console.log): Promise<{ mine: StartupResult; other: StartupResult }> {
  const roots = { mine: projectRoot(), other };
  const modes = { mine: chooseMode(requested, roots.mine), other: chooseMode(requested, roots.other) };
  const runsOf: { mine: StartupRun[]; other: StartupRun[] } = { mine: [], other: [] };
  for (const side of ['mine', 'other'] as const) await once(modes[side].mode, roots[side], FIRST_MESSAGES[0]); // warm the file cache
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? (['other', 'mine'] as const) : (['mine', 'other'] as const);
    for (const side of order) {
      const run = await once(modes[side].mode, roots[side], FIRST_MESSAGES[i % FIRST_MESSAGES.length]);
      runsOf[side].push(run);
      log(`  run ${i + 1}/${runs} ${side === 'mine' ? 'this checkout' : other}: ${describeRun(run)}`);
    }
  }
  const summary = (side: 'mine' | 'other') => summariseRuns(runsOf[side], { ...modes[side], root: roots[side], command: describeCommand(modes[side].mode, roots[side]) });
  return { mine: summary('mine'), other: summary('other') };
}

async function main(): Promise<void> {
  const runs = Number(flag('runs', '5'));
  const against = flag('against');
  if (against === undefined) {
    const result = await runStartupBench(runs, flag('mode', 'auto'), console.log, resolve(flag('root', projectRoot())));
    console.log(`\n${printStartup(result)}\nwrote ${writeResult('startup', result)}`);
    return;
  }
  const { mine, other } = await compareStartup(runs, flag('mode', 'auto'), resolve(against));
  console.log(`\nthis checkout:\n${printStartup(mine)}\n\n${other.root}:\n${printStartup(other)}`);
  const ratio = (a: number, b: number) => `${fmt(a / b, 2)}x`;
  console.log(`\nthis checkout / ${other.root}: ready ${ratio(mine.medianReadyMs, other.medianReadyMs)}, CPU until ready ${ratio(mine.medianReadyCpuMs, other.medianReadyCpuMs)}, RSS when ready ${ratio(mine.medianRssMB, other.medianRssMB)}, first-reply extra ${fmt(mine.medianFirstReplyExtraMs, 1)} ms against ${fmt(other.medianFirstReplyExtraMs, 1)} ms`);
  console.log(`wrote ${writeResult('startup-compare', { mine, other })}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
