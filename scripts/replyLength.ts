/**
 * How long what a parent first sees is, for every health topic, as Web Chat and a plain channel show
 * it: words of the reply's text (Markdown marks not counted) and its Flesch-Kincaid grade.
 *
 *   npx tsx scripts/replyLength.ts          the median and the largest, and the longest five
 *   npx tsx scripts/replyLength.ts --json   every topic, as JSON (the tests read it)
 */
import { renderReply } from '../bot/render';
import { countWords } from '../core/conversation/composer';
import { loadDomain } from '../core/domain';
import { runCli } from './cli';

const CLINIC = { name: 'your clinic', emergencyNumber: 'your local emergency number', crisisLine: 'a crisis line' };

interface Measured {
  id: string;
  channel: string;
  words: number;
  grade: number;
}

function grade(text: string): number {
  // text-readability is an ES module; see core/knowledge/readability.ts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = (require('text-readability') as { default: { fleschKincaidGrade(t: string): number } }).default;
  // The prose a parent reads: the sources line is a list of names, not sentences.
  const plain = text
    .split('\n\n')
    .filter((part) => !part.startsWith('Sources:'))
    .join('\n\n')
    .replace(/\*\*/g, '').replace(/^- (.*)$/gm, (_l, tip: string) => (/[.!?]$/.test(tip) ? tip : `${tip}.`));
  return api.fleschKincaidGrade(plain);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(argv: string[]): number {
  const domain = loadDomain(CLINIC);
  const measured: Measured[] = [];
  for (const topic of domain.kb.topics.values()) {
    if (!domain.composer.answerable(topic.id)) continue;
    const reply = domain.composer.topic(topic.id);
    for (const channel of ['webchat', 'emulator']) {
      const text = renderReply(reply, channel).text ?? '';
      measured.push({ id: topic.id, channel, words: countWords(text), grade: Math.round(grade(text) * 10) / 10 });
    }
  }
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(measured)}\n`);
    return 0;
  }
  const words = measured.filter((m) => m.channel === 'webchat').map((m) => m.words);
  console.log(`first-seen words over ${words.length} topics: median ${median(words)}, largest ${Math.max(...words)}`);
  console.log(`grade: median ${median(measured.map((m) => m.grade))}, largest ${Math.max(...measured.map((m) => m.grade))}`);
  for (const m of [...measured].filter((x) => x.channel === 'webchat').sort((a, b) => b.words - a.words).slice(0, 5)) console.log(`  ${m.id}: ${m.words} words, grade ${m.grade}`);
  return 0;
}

runCli(main);
