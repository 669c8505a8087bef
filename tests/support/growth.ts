/**
 * Load-independent checks that work grows no faster than its input. Tests never compare a duration with
 * a fixed number of milliseconds (a loaded machine makes any such bound fail; benchmarks report those
 * figures): they compare the CPU time of two runs measured back to back in the same process.
 */

/**
 * The CPU time (user + system, milliseconds) this process spends on one run. Not wall-clock time: on a
 * loaded machine a long run is preempted many times and a short one often not at all, which inflates a
 * wall-clock ratio; CPU time counts only the work done.
 */
export function timeOf(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

export interface Growth {
  smallMs: number;
  largeMs: number;
}

/**
 * The fastest of `runs` timings of `fn` on each of two inputs (after an untimed run of each), alternating between them so that a
 * busy spell slows both. A catastrophic regex is slow every time; a GC pause or a noisy neighbour is not.
 */
export function measureGrowth(fn: (input: string) => unknown, small: string, large: string, runs = 3): Growth {
  // One untimed run of each first: V8 compiles regular expressions and code paths on first use.
  fn(small);
  fn(large);
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let i = 0; i < runs; i++) {
    smallMs = Math.min(smallMs, timeOf(() => fn(small)));
    largeMs = Math.min(largeMs, timeOf(() => fn(large)));
  }
  return { smallMs, largeMs };
}

/**
 * The most `large` may take given `small`: `factor` times it, plus `slackMs` for timer resolution and
 * inputs too small to time. With 10 times the text, linear work takes about 10 times longer and
 * quadratic work 100 times: a factor of 30 is far from both.
 */
export const growthBound = (g: Growth, factor: number, slackMs: number) => factor * g.smallMs + slackMs;

/**
 * Measures growth, and measures again (more runs) if it looks over the bound, so that one unlucky
 * pause does not fail a test; a real blow-up is over the bound every time.
 */
export function checkedGrowth(fn: (input: string) => unknown, small: string, large: string, factor: number, slackMs: number): Growth & { boundMs: number } {
  let g = measureGrowth(fn, small, large);
  if (g.largeMs >= growthBound(g, factor, slackMs)) {
    const again = measureGrowth(fn, small, large, 5);
    g = { smallMs: Math.min(g.smallMs, again.smallMs), largeMs: Math.min(g.largeMs, again.largeMs) };
  }
  return { ...g, boundMs: growthBound(g, factor, slackMs) };
}
