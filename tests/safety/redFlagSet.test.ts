/**
 * The red-flag data sets (tests/data/red-flags-{dev,test,blind,final}.tsv were written by someone else;
 * "blind" and "final" were written later, without seeing the detector, and measured once before any
 * fix: see the commit log; red-flags-regression.tsv holds, for each class of wording the "final" misses
 * taught, more lines and their benign look-alikes, so no rule rests on one sentence):
 * - recall 100%: every red-flag line escalates (`flags` non-empty) at its level or higher; a question
 *   in `toConfirm` does not count as escalation;
 * - at most 3% of `none` lines escalate.
 * Per-level recall and the false-positive rate are printed.
 */
import { existsSync } from 'node:fs';
import { URGENCY_LEVELS } from '../../core/safety/types';
import { assess } from './helpers';
import { dataFile, describe as describeLine, loadDataSet, score, summary } from './redFlagData';

const MAX_FALSE_POSITIVE_RATE = 0.03;

for (const name of ['test', 'dev', 'blind', 'final', 'regression'] as const) {
  const file = dataFile(name);
  const run = existsSync(file) ? describe : describe.skip;
  run(`red-flag data set: ${name}`, () => {
    const report = score(loadDataSet(file), (text, known) => assess(text, known));

    afterAll(() => {
      // The table is for finding what failed: a passing run prints nothing.
      const missedFlag = report.scored.some((s) => s.item.level !== 'none' && !s.ok);
      if (!missedFlag && report.falsePositives <= MAX_FALSE_POSITIVE_RATE * report.noneTotal) return;
      const misses = report.scored.filter((s) => !s.ok).map(describeLine);
      console.log([summary(name, report), ...misses].join('\n'));
    });

    it.each(URGENCY_LEVELS.map((l) => [l]))('every %s line escalates at its level or higher', (level) => {
      const missed = report.scored.filter((s) => s.item.level === level && !s.ok).map((s) => `line ${s.item.line}: ${s.item.text}`);
      expect(missed).toEqual([]);
      expect(report.recall[level].hit).toBe(report.recall[level].total);
    });

    it(`escalates at most ${MAX_FALSE_POSITIVE_RATE * 100}% of the none lines`, () => {
      const falsePositives = report.scored.filter((s) => s.item.level === 'none' && !s.ok).map((s) => `line ${s.item.line}: ${s.item.text}`);
      expect(report.falsePositives / Math.max(1, report.noneTotal)).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
      expect(falsePositives.length).toBe(report.falsePositives);
    });

    it('has lines at every level', () => {
      expect(report.noneTotal).toBeGreaterThan(0);
      for (const level of URGENCY_LEVELS) expect(report.recall[level].total).toBeGreaterThan(0);
    });
  });
}
