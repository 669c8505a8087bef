/**
 * Where a turn's time goes, in this process (no HTTP), and the red-flag detector's own latency.
 *
 *   npx tsx bench/turn.ts [--conversations 200]
 *
 * Runs the HTTP benchmark's script of parent messages through the real bot (LeakAdapter's
 * runInProcessTurn), with the red-flag detector, language understanding and the state store wrapped
 * in timers, and reports the mean time per turn spent in each; the rest is the dialogs, rendering,
 * botbuilder's turn machinery and the adapter. Then times the detector alone on the red-flag test set
 * and the language-understanding held-out set (per message), and on adversarial messages, including
 * the quadratic case the property test found. Writes bench/results/turn.json.
 */
import type { Storage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../bot/logger';
import { createStateStore } from '../bot/storage';
import { loadDomain } from '../core/domain';
import { projectRoot } from '../core/projectRoot';
import { composeApplication } from '../index';
import { SCRIPT } from './http';
import { fastest, flag, fmt, machine, summarise, table, writeResult, type Summary } from './lib/report';
import { benchConfig } from './lib/servers';

export interface TurnResult {
  date: string;
  machine: ReturnType<typeof machine>;
  turns: number;
  perTurn: Summary;
  /** Mean ms per turn in each part, and its share of the mean turn. */
  parts: Array<{ part: string; meanMs: number; share: number; calls: number }>;
  perMessage: Array<{ text: string; medianMs: number }>;
  detector: {
    redFlagTestSet: Summary;
    heldOutSet: Summary;
    adversarial: Array<{ name: string; chars: number; ms: number }>;
  };
}

function timed<A extends unknown[], R>(fn: (...args: A) => R, into: { ms: number; calls: number }): (...args: A) => R {
  return (...args: A) => {
    const t0 = performance.now();
    try {
      return fn(...args);
    } finally {
      into.ms += performance.now() - t0;
      into.calls += 1;
    }
  };
}

function timedAsync<A extends unknown[], R>(fn: (...args: A) => Promise<R>, into: { ms: number; calls: number }): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const t0 = performance.now();
    try {
      return await fn(...args);
    } finally {
      into.ms += performance.now() - t0;
      into.calls += 1;
    }
  };
}


export async function runTurnBench(conversations: number): Promise<TurnResult> {
  const config = benchConfig();
  const domain = loadDomain(config.clinic);
  const clock = { assess: { ms: 0, calls: 0 }, understand: { ms: 0, calls: 0 }, storage: { ms: 0, calls: 0 } };
  const store = createStateStore(config.storage, silentLogger);
  const storage: Storage = {
    read: timedAsync((keys: string[]) => store.storage.read(keys), clock.storage),
    write: timedAsync((changes: Parameters<Storage['write']>[0]) => store.storage.write(changes), clock.storage),
    delete: timedAsync((keys: string[]) => store.storage.delete(keys), clock.storage),
  };
  const safety = domain.safety;
  const assess = safety.assess.bind(safety);
  const understanding = domain.understanding;
  const understand = understanding.understand.bind(understanding);
  const app = composeApplication(config, {
    logger: silentLogger,
    storage,
    domain: { ...domain, safety: { definitions: safety.definitions, knowledge: safety.knowledge, assess: timed(assess, clock.assess) }, understanding: { understand: timed(understand, clock.understand) } },
  });
  const turn = (conversation: string, user: string, text: string) =>
    app.adapter.runInProcessTurn(
      { type: 'message', text, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9', conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' }, from: { id: user, name: 'Parent' }, recipient: { id: 'bot', name: 'Bot' }, id: randomUUID() },
      app.logic,
    );

  // Warm-up, then reset the clocks.
  for (let i = 0; i < 50; i++) for (const text of SCRIPT) await turn(`warm-${i}`, `warm-${i}`, text);
  for (const c of Object.values(clock)) Object.assign(c, { ms: 0, calls: 0 });

  const all: number[] = [];
  const byText = new Map<string, number[]>(SCRIPT.map((t) => [t, []]));
  for (let i = 0; i < conversations; i++) {
    const conversation = randomUUID();
    for (const text of SCRIPT) {
      const t0 = performance.now();
      await turn(conversation, conversation, text);
      const ms = performance.now() - t0;
      all.push(ms);
      byText.get(text)!.push(ms);
    }
  }
  await app.stop();
  await store.close();

  const totalMs = all.reduce((a, b) => a + b, 0);
  const n = all.length;
  const partOf = (part: string, c: { ms: number; calls: number }) => ({ part, meanMs: c.ms / n, share: c.ms / totalMs, calls: c.calls / n });
  const known = clock.assess.ms + clock.understand.ms + clock.storage.ms;
  const parts = [
    partOf('red-flag detector (safety.assess)', clock.assess),
    partOf('language understanding (understand)', clock.understand),
    partOf('state store (read/write)', clock.storage),
    { part: 'the rest: dialogs, rendering, botbuilder, adapter', meanMs: (totalMs - known) / n, share: (totalMs - known) / totalMs, calls: 1 },
  ];

  // The detector alone.
  const root = projectRoot();
  const tsvTexts = (file: string) =>
    readFileSync(join(root, 'tests', 'data', file), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t').at(-1)!.trim())
      .filter((t) => t.length > 0);
  const perMessage = (texts: string[]) => summarise(texts.flatMap((t) => [0, 1, 2].map(() => fastest(() => assess(t, {}), 1))));
  const adversarial: Array<[string, string]> = [
    ['2,000 chars of everyday words', 'my breast is leaking all the time '.repeat(60).slice(0, 2_000)],
    ['10,000 chars of everyday words', 'my breast is leaking all the time '.repeat(300).slice(0, 10_000)],
    ['10,000 chars of one-word sentences ("no. no. ")', 'no. '.repeat(2_500)],
    ['100,000 chars of everyday words', 'my breast is leaking all the time '.repeat(3_000).slice(0, 100_000)],
    ['100,000 chars of numbers ("38.5 ")', '38.5 '.repeat(20_000)],
    ['100,000-letter word', 'a'.repeat(100_000)],
    ['5,000 dots then a letter (quadratic)', `${'.'.repeat(5_000)}x`],
    ['10,000 dots then a letter (quadratic)', `${'.'.repeat(10_000)}x`],
    ['20,000 dots then a letter (quadratic)', `${'.'.repeat(20_000)}x`],
  ];

  return {
    date: new Date().toISOString(),
    machine: machine(),
    turns: n,
    perTurn: summarise(all),
    parts,
    perMessage: SCRIPT.map((text) => ({ text, medianMs: summarise(byText.get(text)!).median })),
    detector: {
      redFlagTestSet: perMessage(tsvTexts('red-flags-test.tsv')),
      heldOutSet: perMessage(tsvTexts('nlu-heldout.tsv')),
      adversarial: adversarial.map(([name, text]) => ({ name, chars: text.length, ms: fastest(() => assess(text, {}), text.length >= 20_000 ? 1 : 2) })),
    },
  };
}

export function printTurn(result: TurnResult): string {
  const parts = table([
    ['part of a turn', 'mean ms/turn', 'share', 'calls/turn'],
    ...result.parts.map((p) => [p.part, fmt(p.meanMs, 3), `${fmt(p.share * 100, 0)}%`, fmt(p.calls, 1)]),
    ['whole turn (mean)', fmt(result.parts.reduce((a, p) => a + p.meanMs, 0), 3), '100%', ''],
  ]);
  const messages = table([['message', 'median ms'], ...result.perMessage.map((m) => [m.text, fmt(m.medianMs, 3)])]);
  const d = result.detector;
  const detector = table([
    ['red-flag detector, per message', 'median ms', 'p99 ms', 'max ms'],
    ['red-flag test set', fmt(d.redFlagTestSet.median, 3), fmt(d.redFlagTestSet.p99, 3), fmt(d.redFlagTestSet.max, 3)],
    ['language-understanding held-out set', fmt(d.heldOutSet.median, 3), fmt(d.heldOutSet.p99, 3), fmt(d.heldOutSet.max, 3)],
  ]);
  const adversarial = table([['adversarial message', 'chars', 'detector ms'], ...d.adversarial.map((a) => [a.name, fmt(a.chars), fmt(a.ms, 1)])]);
  return [
    `Where a turn's time goes, in-process (${fmt(result.turns)} turns of the HTTP script; median ${fmt(result.perTurn.median, 3)} ms, p99 ${fmt(result.perTurn.p99, 3)} ms a turn)`,
    parts,
    '',
    messages,
    '',
    detector,
    '',
    adversarial,
  ].join('\n');
}

if (require.main === module) {
  runTurnBench(Number(flag('conversations', '200')))
    .then((result) => console.log(`${printTurn(result)}\nwrote ${writeResult('turn', result)}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
