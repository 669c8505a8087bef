/**
 * What a parent first sees of every health topic, in words, as the bot builds the reply (the test
 * clinic's placeholders filled in: its emergency number and crisis line):
 *
 *   built     the topic picked from its button: title, answer, the tips that fit, sources in short
 *   bare      title, answer and sources in short, no tip: what no tip budget can shorten
 *   noted     the longest reply to the topic's title or any of its examples that lands on it without
 *             an escalation card: a routine-level flag's note ("A note: ...") or the note for a
 *             question about a warning sign ("If this is happening to you (...)") included
 *
 *   npx tsx scripts/firstSeenWords.ts           every topic, longest noted first
 *   npx tsx scripts/firstSeenWords.ts --json    the same, as JSON
 */
import type { Activity } from 'botbuilder';
import { countWords } from '../core/conversation/composer';
import { dialogConversation, topicOf } from '../tests/support/dialogClient';
import { testDomain } from '../tests/support/domain';
import { runCli } from './cli';

interface Measured {
  id: string;
  built: number;
  bare: number;
  noted: number;
  /** Which note the noted reply carried: `routine`, `asked` or none. */
  note: string;
}

/** A turn's replies without the one-line welcome that opens a new conversation. */
function firstSeen(replies: Partial<Activity>[]): number {
  const welcome = replies.length > 1 && !topicOf(replies[0]) && !replies[0].suggestedActions;
  return replies.slice(welcome ? 1 : 0).reduce((n, r) => n + countWords(r.text ?? ''), 0);
}

function noteOf(text: string): string {
  if (text.includes('A note:')) return 'routine';
  if (text.includes('If this is happening to you')) return 'asked';
  return '';
}

async function main(argv: string[]): Promise<number> {
  const domain = testDomain();
  const { composer } = domain;
  const measured: Measured[] = [];
  for (const topic of domain.kb.topics.values()) {
    if (!composer.answerable(topic.id)) continue;
    const built = firstSeen(await dialogConversation().say(topic.title));
    const bareText = [`**${topic.title}**`, composer.fill(topic.answer.trim()), composer.shortSourcesLine(topic.sources) ?? ''].join('\n\n');
    let noted = { words: built, note: '' };
    for (const question of topic.examples) {
      const replies = await dialogConversation().say(question);
      const escalation = replies.map((r) => (r.channelData as { escalation?: { level: string } } | undefined)?.escalation?.level).find(Boolean);
      if (!replies.some((r) => topicOf(r) === topic.id) || (escalation && escalation !== 'routine')) continue;
      const words = firstSeen(replies);
      if (words > noted.words) noted = { words, note: noteOf(replies.map((r) => r.text ?? '').join('\n')) };
    }
    measured.push({ id: topic.id, built, bare: countWords(bareText), noted: noted.words, note: noted.note });
  }
  measured.sort((a, b) => b.noted - a.noted || b.bare - a.bare);
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(measured)}\n`);
    return 0;
  }
  console.log('topic\tbuilt\tbare\tnoted\tnote');
  for (const m of measured) console.log(`${m.id}\t${m.built}\t${m.bare}\t${m.noted}\t${m.note}`);
  return 0;
}

runCli(main);
