/**
 * Scoring language understanding against labelled messages. Shared by `scripts/nlu.ts eval`, the
 * held-out test and the benchmark, so they all count the same way:
 *
 *   correct = (kind 'topic' and the right topic) or (expected out-of-scope and kind 'out-of-scope').
 *
 * An `unsure` answer is never counted correct (the parent had to choose); unsure answers are counted
 * separately, with whether the right topic was among the candidates.
 */
import { readFileSync } from 'node:fs';
import { OUT_OF_SCOPE } from '../knowledge/requiredTopics';
import type { LanguageUnderstanding, Understanding } from './types';

export interface LabelledMessage {
  /** A topic id, or "out-of-scope". */
  topic: string;
  text: string;
  /** 1-based line in the file, for messages. */
  line?: number;
}

/** Reads a `topic<TAB>text` file with a header line. Blank lines and lines starting with # are skipped. */
export function readLabelledTsv(file: string): LabelledMessage[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim().toLowerCase());
  if (header[0] !== 'topic' || header[1] !== 'text') {
    throw new Error(`${file}: the first line must be the header "topic<TAB>text"`);
  }
  const out: LabelledMessage[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${file}:${i + 2}: expected "topic<TAB>text"`);
    out.push({ topic: line.slice(0, tab).trim(), text: line.slice(tab + 1), line: i + 2 });
  });
  return out;
}

/** What an understanding answers, as a label: the topic, "out-of-scope", or "unsure". */
export function predictedLabel(u: Understanding): string {
  return u.kind === 'topic' ? u.topic : u.kind === 'out-of-scope' ? OUT_OF_SCOPE : 'unsure';
}

export function isCorrect(expected: string, u: Understanding): boolean {
  if (expected === OUT_OF_SCOPE) return u.kind === 'out-of-scope';
  return u.kind === 'topic' && u.topic === expected;
}

export interface EvaluatedMessage extends LabelledMessage {
  understanding: Understanding;
  correct: boolean;
}

export interface TopicResult {
  topic: string;
  correct: number;
  total: number;
  unsure: number;
}

export interface EvaluationReport {
  accuracy: number;
  correct: number;
  total: number;
  /** Unsure answers, and how many of them listed the right topic among the candidates. */
  unsure: number;
  unsureWithRightCandidate: number;
  perTopic: TopicResult[];
  /** Every message not counted correct. */
  errors: EvaluatedMessage[];
  results: EvaluatedMessage[];
}

export function evaluate(lu: LanguageUnderstanding, messages: readonly LabelledMessage[]): EvaluationReport {
  const results: EvaluatedMessage[] = messages.map((m) => {
    const understanding = lu.understand(m.text);
    return { ...m, understanding, correct: isCorrect(m.topic, understanding) };
  });
  const perTopic = new Map<string, TopicResult>();
  let unsure = 0;
  let unsureWithRightCandidate = 0;
  for (const r of results) {
    const t = perTopic.get(r.topic) ?? { topic: r.topic, correct: 0, total: 0, unsure: 0 };
    t.total++;
    if (r.correct) t.correct++;
    if (r.understanding.kind === 'unsure') {
      t.unsure++;
      unsure++;
      if (r.understanding.candidates.some((c) => c.topic === r.topic)) unsureWithRightCandidate++;
    }
    perTopic.set(r.topic, t);
  }
  const correct = results.filter((r) => r.correct).length;
  return {
    accuracy: results.length ? correct / results.length : 0,
    correct,
    total: results.length,
    unsure,
    unsureWithRightCandidate,
    perTopic: [...perTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic)),
    errors: results.filter((r) => !r.correct),
    results,
  };
}

/** The last line of `scripts/nlu.ts eval`: "accuracy: 0.NNN (N/M)". */
export function accuracyLine(report: Pick<EvaluationReport, 'accuracy' | 'correct' | 'total'>): string {
  return `accuracy: ${report.accuracy.toFixed(3)} (${report.correct}/${report.total})`;
}
