/** Starting TypeScript entry points of the benchmark in child processes (node --require tsx/cjs). */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../core/projectRoot';

/**
 * node flags every child gets: restify's DEP0111 warning silenced, and tsx's CommonJS hook to run the
 * TypeScript sources (the project compiles to CommonJS). Only the require hook: `--import tsx` also
 * starts a loader thread that adds about 35 MB to the resident set, which would skew the memory figures.
 */
export const NODE_TS = ['--disable-warning=DEP0111', '--require', 'tsx/cjs'];

export function spawnTs(file: string, args: string[] = [], nodeFlags: string[] = [], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [...NODE_TS, ...nodeFlags, join(projectRoot(), file), ...args], {
    cwd: projectRoot(),
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options,
  });
}

/** The first stdout line of a child, parsed as JSON. */
export function firstJsonLine<T>(child: ChildProcess, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`no answer from child ${child.pid} in ${timeoutMs} ms`)), timeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as T);
      } catch (err) {
        reject(new Error(`child ${child.pid} printed ${line.slice(0, 200)}: ${(err as Error).message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child ${child.pid} exited with ${code} before answering`));
    });
  });
}

/** All of a child's stdout, once it exits with 0. */
export function runToEnd(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited with ${code}`))));
  });
}

export function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
