/**
 * Start-up benchmark: time from spawning the server process to /readyz answering 200, median of
 * several runs, and the server's resident set size once ready.
 *
 *   npx tsx bench/startup.ts [--runs 5] [--mode auto|dist|tsx]
 *
 * dist: `node dist/index.js`, what `npm start` runs (build it first with `npm run build`; this benchmark
 * never builds, as dist/ is shared). tsx: `node --require tsx/cjs index.ts`, the sources compiled on the
 * fly (slower: every file goes through esbuild). auto (default): dist when dist/index.js is newer than
 * every source file, else tsx. The server starts with no .env settings beyond a free PORT, HOST
 * 127.0.0.1 and LOG_LEVEL=error: memory storage, no app id. Writes bench/results/startup.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../core/projectRoot';
import { stopChild } from './lib/children';
import { flag, fmt, machine, median, sleep, table, writeResult } from './lib/report';

export type StartupMode = 'dist' | 'tsx';

export interface StartupResult {
  date: string;
  machine: ReturnType<typeof machine>;
  mode: StartupMode;
  command: string;
  why: string;
  runs: Array<{ readyMs: number; rssMB: number }>;
  medianReadyMs: number;
  minReadyMs: number;
  maxReadyMs: number;
  medianRssMB: number;
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

/** dist when it is there and newer than every source it is built from. */
export function chooseMode(requested: string): { mode: StartupMode; why: string } {
  const root = projectRoot();
  const built = join(root, 'dist', 'index.js');
  if (requested === 'dist' || requested === 'tsx') return { mode: requested, why: `--mode ${requested}` };
  if (!existsSync(built)) return { mode: 'tsx', why: 'dist/index.js is missing (run npm run build to measure the compiled server)' };
  const sources = Math.max(statSync(join(root, 'index.ts')).mtimeMs, ...['bot', 'core', 'dialogs'].map((d) => newestSource(join(root, d))));
  return statSync(built).mtimeMs >= sources
    ? { mode: 'dist', why: 'dist/index.js is newer than the sources' }
    : { mode: 'tsx', why: 'dist/ is older than the sources (run npm run build to measure the compiled server)' };
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

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

async function once(mode: StartupMode): Promise<{ readyMs: number; rssMB: number }> {
  const root = projectRoot();
  const port = await freePort();
  const args = mode === 'dist' ? ['--disable-warning=DEP0111', 'dist/index.js'] : ['--disable-warning=DEP0111', '--require', 'tsx/cjs', 'index.ts'];
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' };
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr.slice(0, 500)}`);
      if (performance.now() - started > 60_000) throw new Error('the server was not ready within 60 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) {
          const readyMs = performance.now() - started;
          return { readyMs, rssMB: rssOf(child.pid!) };
        }
      } catch {
        // not listening yet
      }
      await sleep(5);
    }
  } finally {
    await stopChild(child);
  }
}

export async function runStartupBench(runs: number, requested = 'auto', log: (line: string) => void = console.log): Promise<StartupResult> {
  const { mode, why } = chooseMode(requested);
  const command = mode === 'dist' ? 'node dist/index.js' : 'node --require tsx/cjs index.ts';
  await once(mode); // a first run warms the file cache; not counted
  const results: Array<{ readyMs: number; rssMB: number }> = [];
  for (let i = 0; i < runs; i++) {
    results.push(await once(mode));
    log(`  run ${i + 1}/${runs}: ready in ${fmt(results.at(-1)!.readyMs, 0)} ms, RSS ${fmt(results.at(-1)!.rssMB, 1)} MB`);
  }
  const ready = results.map((r) => r.readyMs);
  return {
    date: new Date().toISOString(),
    machine: machine(),
    mode,
    command,
    why,
    runs: results,
    medianReadyMs: median(ready),
    minReadyMs: Math.min(...ready),
    maxReadyMs: Math.max(...ready),
    medianRssMB: median(results.map((r) => r.rssMB)),
  };
}

export function printStartup(result: StartupResult): string {
  return [
    `Start-up: spawn to /readyz 200, ${result.runs.length} runs (${result.command}; ${result.why})`,
    table([
      ['median ms', 'min ms', 'max ms', 'RSS when ready MB'],
      [fmt(result.medianReadyMs, 0), fmt(result.minReadyMs, 0), fmt(result.maxReadyMs, 0), fmt(result.medianRssMB, 1)],
    ]),
  ].join('\n');
}

if (require.main === module) {
  runStartupBench(Number(flag('runs', '5')), flag('mode', 'auto'))
    .then((result) => console.log(`\n${printStartup(result)}\nwrote ${writeResult('startup', result)}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
