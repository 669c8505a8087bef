/**
 * Measures the running bot the way a parent meets it: the real server on 127.0.0.1, each line of a data
 * set sent over HTTP with deliveryMode expectReplies in a fresh conversation, the safety layer included.
 *
 *   npm run eval:bot -- redflags tests/data/red-flags-blind-2026-12-a.tsv   (level, context, text)
 *   npm run eval:bot -- nlu tests/data/nlu-blind-2026-12.tsv                (topic, text)
 *   npm run eval:bot -- nlu-flags tests/data/nlu-with-flags-2026-12.tsv     (topic, level, text)
 *
 * Options: --channel webchat (default) | emulator | msteams ...; --misses FILE writes every miss there;
 *   --lengths FILE (nlu) writes the first-seen word count of every answer, longest first
 * (the parents' sentences never go to the console).
 */
import type { Activity } from 'botbuilder';
import { readFileSync, writeFileSync } from 'node:fs';
import { countWords } from '../core/conversation/composer';
import { loadKnowledgeBase } from '../core/knowledge/loader';
import { loadOutOfScopeExamples } from '../core/nlu/outOfScope';
import { URGENCY_LEVELS, urgencyRank, type Urgency } from '../core/safety/types';
import { conversation, startBot, type Conversation } from '../tests/support/runningBot';

type Mode = 'redflags' | 'nlu' | 'nlu-flags';
type Level = Urgency | 'none';

/** Before a line whose level depends on what the bot already knows, the parent says it first. */
const CONTEXT_MESSAGES: Record<string, string | undefined> = {
  unknown: undefined,
  pregnant: 'I am pregnant.',
  breastfeeding: 'I am breastfeeding.',
  pumping: 'I am exclusively pumping for my baby.',
  weaned: 'I have stopped breastfeeding.',
  none: 'I am not pregnant and I am not breastfeeding.',
  'not-lactating': 'I am not pregnant and I am not breastfeeding.',
  male: 'I am a man.',
};

interface Turn {
  topics: string[];
  level: Level;
  askedQuestion: boolean;
  firstSeenWords: number;
}

function readTsv(file: string, columns: string[]): string[][] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t');
  if (columns.some((c, i) => header[i] !== c)) throw new Error(`${file}: header must be ${columns.join('<TAB>')}`);
  return lines
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cells = l.split('\t');
      return [...cells.slice(0, columns.length - 1), cells.slice(columns.length - 1).join('\t')];
    });
}


function readTurn(replies: Activity[]): Turn {
  let level: Level = 'none';
  const topics: string[] = [];
  for (const reply of replies) {
    const data = (reply.channelData ?? {}) as { topic?: string; escalation?: { level?: Urgency } };
    if (data.topic) topics.push(data.topic);
    const l = data.escalation?.level;
    if (l && (level === 'none' || urgencyRank(l) > urgencyRank(level))) level = l;
  }
  const last = replies[replies.length - 1];
  const askedQuestion = Boolean(last?.text?.trim().endsWith('?') && (last.suggestedActions?.actions?.length ?? 0) > 0);
  // What shows before any tap: every text bubble of the turn but the one-line welcome that opens a new
  // conversation (a first bubble with no topic, no buttons and no card, followed by the answer).
  const isWelcomeLine = (r: Activity, i: number) =>
    i === 0 && replies.length > 1 && !(r.channelData as { topic?: string } | undefined)?.topic && !r.suggestedActions && !r.attachments?.length;
  const firstSeenWords = replies.filter((r, i) => !isWelcomeLine(r, i)).reduce((n, r) => n + countWords(r.text ?? ''), 0);
  return { topics, level, askedQuestion, firstSeenWords };
}

async function ask(baseUrl: string, channel: string, text: string, context = 'unknown'): Promise<Turn> {
  const conv: Conversation = conversation(baseUrl, channel);
  if (!(context in CONTEXT_MESSAGES)) throw new Error(`unknown context "${context}": one of ${Object.keys(CONTEXT_MESSAGES).join(', ')}`);
  const first = CONTEXT_MESSAGES[context];
  if (first) await conv.say(first);
  return readTurn(await conv.say(text));
}

function atLeast(got: Level, want: Level): boolean {
  if (want === 'none') return got === 'none';
  return got !== 'none' && urgencyRank(got) >= urgencyRank(want);
}

function pct(n: number, d: number): string {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}

/** Case, spaces and punctuation aside, so that "Is leaking normal?" matches "is leaking normal". */
function sameWords(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Every training example, compared word for word. Set writers who never saw the examples still write
 * some of the same short questions ("is leaking normal"); accuracy without them is reported too.
 */
function trainingTexts(): Set<string> {
  const texts = [...loadKnowledgeBase().topics.values()].flatMap((t) => [...t.examples, ...t.phrasings]);
  return new Set([...texts, ...loadOutOfScopeExamples()].map(sameWords));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const channel = opt('--channel') ?? 'webchat';
  const missesFile = opt('--misses');
  const lengthsFile = opt('--lengths');
  const [mode, file] = args as [Mode, string];
  if (!['redflags', 'nlu', 'nlu-flags'].includes(mode) || !file) {
    console.error('usage: evalThroughBot redflags|nlu|nlu-flags FILE [--channel webchat] [--misses FILE] [--lengths FILE]');
    process.exit(2);
  }
  const bot = await startBot({ CONVERSATION_RATE_LIMIT_PER_MINUTE: '100000' });
  const misses: string[] = [];
  const out: string[] = [`${mode} ${file} through the running bot (HTTP, expectReplies, channel ${channel})`];
  try {
    if (mode === 'redflags') {
      const rows = readTsv(file, ['level', 'context', 'text']);
      const recall = Object.fromEntries(URGENCY_LEVELS.map((l) => [l, { hit: 0, total: 0, asked: 0 }]));
      let none = 0;
      let falseEscalations = 0;
      for (const [level, context, text] of rows) {
        const turn = await ask(bot.baseUrl, channel, text, context);
        if (level === 'none') {
          none++;
          if (turn.level !== 'none') {
            falseEscalations++;
            misses.push(`false escalation (${turn.level})\t${context}\t${text}`);
          }
          continue;
        }
        const r = recall[level];
        r.total++;
        if (atLeast(turn.level, level as Level)) r.hit++;
        else {
          if (turn.askedQuestion) r.asked++;
          misses.push(`missed ${level} (got ${turn.level}${turn.askedQuestion ? ', asked a question' : ''})\t${context}\t${text}`);
        }
      }
      for (const l of [...URGENCY_LEVELS].reverse()) {
        const r = recall[l];
        out.push(`  ${l.padEnd(9)} recall ${r.hit}/${r.total} (${pct(r.hit, r.total)}); of the misses, ${r.asked} got a question`);
      }
      const flagged = URGENCY_LEVELS.reduce((n, l) => n + recall[l].total, 0);
      const hit = URGENCY_LEVELS.reduce((n, l) => n + recall[l].hit, 0);
      out.push(`  all flags recall ${hit}/${flagged} (${pct(hit, flagged)})`);
      out.push(`  false escalations ${falseEscalations}/${none} (${pct(falseEscalations, none)})`);
    } else if (mode === 'nlu') {
      const rows = readTsv(file, ['topic', 'text']);
      let correct = 0;
      const trained = trainingTexts();
      let alsoTrained = 0;
      let correctAlsoTrained = 0;
      const lengths: number[] = [];
      const lengthLines: string[] = [];
      for (const [topic, text] of rows) {
        const turn = await ask(bot.baseUrl, channel, text);
        const ok = topic === 'out-of-scope' ? turn.topics.length === 0 : turn.topics.includes(topic);
        if (ok) correct++;
        if (trained.has(sameWords(text))) {
          alsoTrained++;
          if (ok) correctAlsoTrained++;
        }
        if (!ok) misses.push(`${topic}\tgot ${turn.topics.join(',') || 'no topic'}${turn.level !== 'none' ? ` escalated ${turn.level}` : ''}\t${text}`);
        if (turn.topics.length > 0) {
          lengths.push(turn.firstSeenWords);
          lengthLines.push(`${turn.firstSeenWords}\t${turn.topics.join(',')}${turn.level !== 'none' ? ` escalated ${turn.level}` : ''}\t${text}`);
        }
      }
      if (lengthsFile) writeFileSync(lengthsFile, lengthLines.sort((a, b) => parseInt(b, 10) - parseInt(a, 10)).join('\n') + '\n');
      out.push(`  accuracy ${correct}/${rows.length} (${(correct / rows.length).toFixed(3)})`);
      const others = rows.length - alsoTrained;
      out.push(
        `  ${alsoTrained} lines are word for word a training example; the other ${others}: ` +
          `${correct - correctAlsoTrained}/${others} (${((correct - correctAlsoTrained) / Math.max(others, 1)).toFixed(3)})`,
      );
      out.push(`  first-seen words on answers: median ${median(lengths)}, largest ${Math.max(0, ...lengths)}`);
    } else {
      const rows = readTsv(file, ['topic', 'level', 'text']);
      let answered = 0;
      let advised = 0;
      let both = 0;
      for (const [topic, level, text] of rows) {
        const turn = await ask(bot.baseUrl, channel, text);
        const a = turn.topics.includes(topic);
        const e = atLeast(turn.level, level as Level);
        if (a) answered++;
        if (e) advised++;
        if (a && e) both++;
        if (!(a && e)) misses.push(`${topic}/${level}\tgot ${turn.topics.join(',') || 'no topic'} / ${turn.level}\t${text}`);
      }
      const n = rows.length;
      out.push(`  answered what was asked ${answered}/${n} (${pct(answered, n)})`);
      out.push(`  advised at the right level or higher ${advised}/${n} (${pct(advised, n)})`);
      out.push(`  both in one turn ${both}/${n} (${pct(both, n)})`);
    }
  } finally {
    await bot.stop();
  }
  if (missesFile) writeFileSync(missesFile, misses.join('\n') + '\n');
  console.log(out.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
