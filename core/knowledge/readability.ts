import type { Topic } from './schema';

/**
 * text-readability is an ES module. Node 20.19+ can require() it, which keeps the rest CommonJS;
 * it is loaded on first use so that importing the limits below never needs it (jest cannot load it).
 */
function readability(): ReadabilityApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('text-readability') as { default: ReadabilityApi }).default;
}

interface ReadabilityApi {
  fleschKincaidGrade(text: string): number;
  lexiconCount(text: string, removePunctuation?: boolean): number;
}

export const MAX_ANSWER_WORDS = 120;
export const MAX_GRADE = 8;

export interface ReadabilityReport {
  id: string;
  /** Words in the answer itself. */
  answerWords: number;
  /** Flesch-Kincaid grade of everything the parent reads for this topic: answer, tips and when to see a doctor. */
  grade: number;
}

/** Template placeholders are replaced by short clinic words before measuring, so they count as plain words. */
function readableText(text: string): string {
  return text.replace(/\{[a-zA-Z]+\}/g, 'the clinic');
}

/** Tips become sentences so each bullet counts as one, the way a reader meets it. */
function asSentences(lines: string[]): string {
  return lines.map((l) => (/[.!?]$/.test(l.trim()) ? l.trim() : `${l.trim()}.`)).join(' ');
}

export function measureTopic(topic: Topic): ReadabilityReport {
  const parts = [topic.answer, asSentences(topic.tips), topic.seeDoctor ?? ''];
  const text = readableText(parts.join(' ').trim());
  return {
    id: topic.id,
    answerWords: readability().lexiconCount(readableText(topic.answer)),
    grade: readability().fleschKincaidGrade(text),
  };
}
