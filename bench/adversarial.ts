/**
 * Adversarial messages: how long language understanding and the red-flag detector take on the texts
 * that catastrophic regular expressions choke on (tests/support/adversarialText.ts, the same cases the
 * property test checks for linear growth). The tests compare growth only, never milliseconds, so a
 * loaded machine cannot fail them; the milliseconds are here.
 *
 *   npx tsx bench/adversarial.ts [--samples N]    default 10 timed runs per case and function
 *
 * For each case: median, p99 and max of understand() and safety.assess(), each after one untimed run,
 * and the growth ratio (the case at its full length over a tenth of it; linear is about 10, at most 1
 * when only the first part is read). Writes bench/results/adversarial.json.
 */
import { loadDomain } from '../core/domain';
import { ADVERSARIAL_CASES } from '../tests/support/adversarialText';
import { TEST_CLINIC } from '../tests/support/domain';
import { flag, fmt, machine, median, summarise, table, writeResult, type Summary } from './lib/report';

export interface AdversarialRow {
  name: string;
  chars: number;
  understand: Summary;
  assess: Summary;
  /** Median time at full length over median time at a tenth of it. */
  growth: { understand: number; assess: number };
}

export interface AdversarialResult {
  date: string;
  machine: ReturnType<typeof machine>;
  samples: number;
  cases: AdversarialRow[];
}

function timings(fn: () => unknown, samples: number): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export function runAdversarialBench(samples: number): AdversarialResult {
  const domain = loadDomain(TEST_CLINIC);
  const understand = (text: string) => domain.understanding.understand(text);
  const assess = (text: string) => domain.safety.assess(text, {});
  understand('is leaking normal');
  assess('fever and a red breast');

  const cases = ADVERSARIAL_CASES.map((c): AdversarialRow => {
    const full = c.make(c.chars);
    const tenth = c.make(c.chars / 10);
    const u = timings(() => understand(full), samples);
    const a = timings(() => assess(full), samples);
    const uTenth = timings(() => understand(tenth), samples);
    const aTenth = timings(() => assess(tenth), samples);
    return {
      name: c.name,
      chars: full.length,
      understand: summarise(u),
      assess: summarise(a),
      growth: { understand: median(u) / median(uTenth), assess: median(a) / median(aTenth) },
    };
  });
  return { date: new Date().toISOString(), machine: machine(), samples, cases };
}

export function printAdversarial(result: AdversarialResult): string {
  return [
    `Adversarial messages: ${result.samples} timed runs each (ms); growth = full length / a tenth of it (linear: about 10)`,
    '',
    table([
      ['case', 'chars', 'understand median', 'p99', 'assess median', 'p99', 'growth understand', 'growth assess'],
      ...result.cases.map((c) => [
        c.name,
        fmt(c.chars),
        fmt(c.understand.median, 2),
        fmt(c.understand.p99, 2),
        fmt(c.assess.median, 1),
        fmt(c.assess.p99, 1),
        `x${fmt(c.growth.understand, 1)}`,
        `x${fmt(c.growth.assess, 1)}`,
      ]),
    ]),
  ].join('\n');
}

if (require.main === module) {
  try {
    const result = runAdversarialBench(Number(flag('samples', '10')));
    console.log(`${printAdversarial(result)}\nwrote ${writeResult('adversarial', result)}`);
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
}
