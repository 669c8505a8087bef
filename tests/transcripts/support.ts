import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compareTurns, formatReport, parseTranscript, type TranscriptActivity, type TurnDifference } from '../../scripts/transcriptCompare';
import { replayTranscript } from '../../scripts/transcriptEmulator';

export const TRANSCRIPTS_DIR = __dirname;

/** Every .transcript file in tests/transcripts/, by name. */
export function transcriptFiles(): string[] {
  return readdirSync(TRANSCRIPTS_DIR)
    .filter((name) => name.endsWith('.transcript'))
    .sort();
}

export function readTranscript(name: string): TranscriptActivity[] {
  const path = join(TRANSCRIPTS_DIR, name);
  return parseTranscript(readFileSync(path, 'utf8'), relative(process.cwd(), path));
}

/** Every fakeable timer API but Date: the server, sockets and timers keep running for real. */
const ALL_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

export interface ReplayOutcome {
  turnCount: number;
  differences: TurnDifference[];
  report: string;
}

/**
 * Replays a transcript against the running bot, each user turn at the time the transcript says it was
 * sent (only Date is faked), and compares the bot's replies with the transcript's.
 */
export async function replayAndCompare(botUrl: string, activities: TranscriptActivity[], source: string): Promise<ReplayOutcome> {
  jest.useFakeTimers({ doNotFake: [...ALL_BUT_DATE] });
  try {
    const { turns } = await replayTranscript(activities, { botUrl, source, setClock: (at) => jest.setSystemTime(at) });
    const differences = compareTurns(turns);
    return { turnCount: turns.length, differences, report: formatReport(source, turns.length, differences) };
  } finally {
    jest.useRealTimers();
  }
}
