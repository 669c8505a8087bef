import { join } from 'node:path';
import { loadKnowledgeBase } from '../../core/knowledge/loader';
import { accuracyLine, evaluate, readLabelledTsv } from '../../core/nlu/evaluate';
import { createLanguageUnderstanding } from '../../core/nlu/understanding';
import { projectRoot } from '../../core/projectRoot';

/**
 * The final exam: messages written blind by someone else, never used for training or tuning.
 * Counted exactly as `npx tsx scripts/nlu.ts eval tests/data/nlu-heldout.tsv` counts (shared code):
 * right topic answered directly, or out-of-scope recognised; "unsure" counts as wrong.
 */
test('held-out accuracy is at least 0.90', () => {
  const messages = readLabelledTsv(join(projectRoot(), 'tests', 'data', 'nlu-heldout.tsv'));
  expect(messages.length).toBeGreaterThan(100);
  const report = evaluate(createLanguageUnderstanding(loadKnowledgeBase()), messages);
  const failures = report.errors.map((e) => `${e.topic} <- ${e.understanding.kind === 'topic' ? e.understanding.topic : e.understanding.kind}: ${e.text}`);
  if (report.accuracy < 0.9) console.log(`${accuracyLine(report)}\n${failures.join('\n')}`);
  expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
});
