/**
 * Trains language understanding on the knowledge base (topics, out-of-scope examples, lexicon,
 * concepts, emoji) and writes generated/nlu-model.json, which the bot loads at start-up instead of
 * training. Run by `npm run build` (and so before `npm start`) and before the tests. It always trains
 * (a fraction of a second), so a change to the training code is never left out; the file's key lets
 * start-up refuse it once the knowledge files change (core/nlu/stored.ts).
 *
 *   npm run train:nlu
 */
import { performance } from 'node:perf_hooks';
import { relative } from 'node:path';
import { loadUnderstandingSources } from '../core/domain';
import { defaultKnowledgeDir } from '../core/knowledge/loader';
import { defaultNluModelFile, trainAndStore } from '../core/nlu/stored';

export function trainNlu(knowledgeDir: string = defaultKnowledgeDir(), file: string = defaultNluModelFile()): { ms: number; topics: number; features: number; file: string } {
  const started = performance.now();
  const { inputs } = loadUnderstandingSources(knowledgeDir);
  const { understanding } = trainAndStore(inputs, file);
  return { ms: performance.now() - started, topics: understanding.topics.length, features: understanding.model.featureCount, file };
}

if (require.main === module) {
  const r = trainNlu();
  const where = relative(process.cwd(), r.file) || r.file;
  console.log(`language understanding trained in ${(r.ms / 1000).toFixed(1)} s (${r.topics} topics, ${r.features} features): ${where}`);
}
