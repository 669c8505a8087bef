/**
 * Knowledge-base checks for curators.
 *
 *   npx tsx scripts/kb.ts check [--dir KNOWLEDGE_DIR]
 *
 * 1. validates every topic file, the sources, the lexicon and the out-of-scope examples (each problem
 *    with its file and field);
 * 2. reports examples that the classifier reads the same way (after normalisation) under two topics,
 *    or under a topic and the out-of-scope list;
 * 3. runs k-fold cross-validation of language understanding: accuracy per topic, the worst
 *    confusions, and how well confidence matches accuracy.
 *
 * Exit code 1 on validation errors or duplicates, 0 otherwise.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultKnowledgeDir, KnowledgeError, loadKnowledgeBase, type KnowledgeBase } from '../core/knowledge/loader';
import { OUT_OF_SCOPE } from '../core/knowledge/requiredTopics';
import { reliability } from '../core/nlu/calibration';
import { NLU_CONFIG } from '../core/nlu/config';
import { isCorrect, predictedLabel } from '../core/nlu/evaluate';
import { defaultLexiconFile, LexiconError, loadLexicon, type Lexicon } from '../core/nlu/lexicon';
import { defaultOutOfScopeFile, loadOutOfScopeExamples } from '../core/nlu/outOfScope';
import { Tokeniser } from '../core/nlu/tokenise';
import { corpusFromKnowledgeBase, crossValidate, type TrainingCorpus } from '../core/nlu/understanding';
import { runCli } from './cli';

interface Duplicate {
  reading: string;
  places: Array<{ topic: string; text: string }>;
}

/** Examples read identically (same tokens) under more than one label. */
export function findDuplicates(corpus: TrainingCorpus, tokeniser: Tokeniser): Duplicate[] {
  const byReading = new Map<string, Array<{ topic: string; text: string }>>();
  const add = (topic: string, text: string) => {
    const reading = tokeniser.tokenise(text).join(' ');
    const list = byReading.get(reading) ?? [];
    list.push({ topic, text });
    byReading.set(reading, list);
  };
  for (const t of corpus.topics) for (const e of t.examples) add(t.id, e);
  for (const e of corpus.outOfScope ?? []) add(OUT_OF_SCOPE, e);
  return [...byReading]
    .filter(([, places]) => new Set(places.map((p) => p.topic)).size > 1)
    .map(([reading, places]) => ({ reading, places }));
}

interface Loaded {
  kb: KnowledgeBase;
  corpus: TrainingCorpus;
  lexicon: Lexicon;
  tokeniser: Tokeniser;
}

/** The knowledge folder's nlu/ file when it has one, else the project's. */
function nluFile(dir: string, name: string, fallback: string): string {
  const file = join(dir, 'nlu', name);
  return existsSync(file) ? file : fallback;
}

function loadAll(dir: string): Loaded | null {
  const problems: string[] = [];
  let kb: KnowledgeBase | undefined;
  let lexicon: Lexicon | undefined;
  let outOfScope: string[] | undefined;
  try {
    kb = loadKnowledgeBase(dir);
  } catch (err) {
    if (err instanceof KnowledgeError) problems.push(...err.problems);
    else problems.push((err as Error).message);
  }
  try {
    lexicon = loadLexicon(nluFile(dir, 'lexicon.yaml', defaultLexiconFile()));
  } catch (err) {
    if (err instanceof LexiconError) problems.push(...err.problems);
    else problems.push((err as Error).message);
  }
  try {
    outOfScope = loadOutOfScopeExamples(nluFile(dir, 'out-of-scope.yaml', defaultOutOfScopeFile()));
  } catch (err) {
    problems.push(...(err as Error).message.split('\n'));
  }
  if (problems.length > 0 || !kb || !lexicon || !outOfScope) {
    console.log(`Validation: ${problems.length} problem(s)`);
    for (const p of problems) console.log(`  - ${p}`);
    return null;
  }
  const examples = [...kb.topics.values()].reduce((n, t) => n + t.examples.length, 0);
  const phrasings = [...kb.topics.values()].reduce((n, t) => n + t.phrasings.length, 0);
  console.log(`Validation: ok (${kb.topics.size} topics, ${examples} examples and ${phrasings} phrasings, ${outOfScope.length} out-of-scope examples)`);
  return { kb, corpus: corpusFromKnowledgeBase(kb, outOfScope), lexicon, tokeniser: new Tokeniser(lexicon) };
}

function reportCrossValidation(corpus: TrainingCorpus, lexicon: Lexicon): void {
  const folds = NLU_CONFIG.calibration.folds;
  const cv = crossValidate(corpus, { lexicon });
  const results = cv.results;
  const correct = results.filter((r) => isCorrect(r.expected, r.understanding)).length;
  const unsure = results.filter((r) => r.understanding.kind === 'unsure');
  const top1 = results.filter((r) => {
    const u = r.understanding;
    if (r.expected === OUT_OF_SCOPE) return u.kind === 'out-of-scope';
    const first = u.kind === 'topic' ? u.topic : u.candidates[0]?.topic;
    return u.kind !== 'out-of-scope' && first === r.expected;
  }).length;

  console.log(`\nCross-validation (${folds}-fold, every example scored by a model trained without it)`);
  console.log(`  accuracy: ${(correct / results.length).toFixed(3)} (${correct}/${results.length}; unsure counts as wrong)`);
  console.log(`  right topic ranked first: ${(top1 / results.length).toFixed(3)}`);
  console.log(`  unsure: ${unsure.length} (${unsure.filter((r) => r.understanding.kind === 'unsure' && r.understanding.candidates.some((c) => c.topic === r.expected)).length} with the right topic among the candidates)`);
  console.log(`  temperature ${cv.calibration.temperature.toFixed(3)}`);

  const perTopic = new Map<string, { correct: number; total: number }>();
  for (const r of results) {
    const t = perTopic.get(r.expected) ?? { correct: 0, total: 0 };
    t.total++;
    if (isCorrect(r.expected, r.understanding)) t.correct++;
    perTopic.set(r.expected, t);
  }
  console.log('\nAccuracy per topic (worst first):');
  const width = Math.max(...[...perTopic.keys()].map((k) => k.length));
  for (const [topic, t] of [...perTopic].sort((a, b) => a[1].correct / a[1].total - b[1].correct / b[1].total || a[0].localeCompare(b[0]))) {
    console.log(`  ${topic.padEnd(width)}  ${(t.correct / t.total).toFixed(2)}  ${t.correct}/${t.total}`);
  }

  const confusions = new Map<string, string[]>();
  for (const r of results) {
    if (isCorrect(r.expected, r.understanding)) continue;
    const u = r.understanding;
    const key = u.kind === 'unsure' ? `${r.expected} -> unsure, best guess ${u.candidates[0].topic}` : `${r.expected} -> ${predictedLabel(u)}`;
    const list = confusions.get(key) ?? [];
    list.push(r.text);
    confusions.set(key, list);
  }
  console.log('\nWorst confusions (expected -> got, with examples):');
  for (const [key, texts] of [...confusions].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).slice(0, 20)) {
    console.log(`  ${texts.length}x ${key}`);
    for (const t of texts.slice(0, 3)) console.log(`       "${t}"`);
  }

  const answered = results.filter((r) => r.understanding.kind === 'topic');
  const table = reliability(
    answered.map((r) => ({ confidence: r.understanding.confidence, correct: isCorrect(r.expected, r.understanding) })),
    5,
  );
  console.log('\nCalibration of answered topics (confidence vs observed accuracy):');
  for (const b of table.bins) {
    if (b.count === 0) continue;
    console.log(`  ${b.from.toFixed(1)}-${b.to.toFixed(1)}  n=${String(b.count).padStart(4)}  confidence ${b.meanConfidence.toFixed(2)}  accuracy ${b.accuracy.toFixed(2)}`);
  }
  console.log(`  expected calibration error: ${table.expectedCalibrationError.toFixed(3)}`);
}

function check(dir: string): number {
  const loaded = loadAll(dir);
  if (!loaded) return 1;
  const duplicates = findDuplicates(loaded.corpus, loaded.tokeniser);
  if (duplicates.length > 0) {
    console.log(`\nDuplicates: ${duplicates.length} example(s) read the same under different topics`);
    for (const d of duplicates) {
      console.log(`  [${d.reading}]`);
      for (const p of d.places) console.log(`      ${p.topic}: "${p.text}"`);
    }
  } else {
    console.log('Duplicates: none');
  }
  reportCrossValidation(loaded.corpus, loaded.lexicon);
  return duplicates.length > 0 ? 1 : 0;
}

function main(argv: string[]): number {
  if (argv[0] === 'check' && argv.length === 1) return check(defaultKnowledgeDir());
  if (argv[0] === 'check' && argv[1] === '--dir' && argv.length === 3) return check(argv[2]);
  console.error('usage: npx tsx scripts/kb.ts check [--dir KNOWLEDGE_DIR]');
  return 2;
}

runCli(main);
