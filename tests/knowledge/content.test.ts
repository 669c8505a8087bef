import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_SEEN_MAX_WORDS } from '../../core/conversation/composer';
import { MAX_ANSWER_WORDS, MAX_GRADE, type ReadabilityReport } from '../../core/knowledge/readability';
import { REQUIRED_TOPICS } from '../../core/knowledge/requiredTopics';
import { projectRoot } from '../../core/projectRoot';
import { testDomain } from '../support/domain';

const root = projectRoot();
const { kb } = testDomain();

describe('the knowledge base', () => {
  it.each(Object.values(REQUIRED_TOPICS).flat())('has the topic %s', (id) => {
    expect(kb.topics.has(id)).toBe(true);
  });

  it('gives every topic at least 12 training examples', () => {
    for (const topic of kb.topics.values()) expect([topic.id, topic.examples.length >= 12]).toEqual([topic.id, true]);
  });

  it('names at least one source for every health topic, and when to see a doctor for every condition', () => {
    for (const topic of kb.topics.values()) {
      if (topic.group !== 'conversation') expect([topic.id, topic.sources.length > 0]).toEqual([topic.id, true]);
      if (topic.group === 'conditions') expect([topic.id, Boolean(topic.seeDoctor)]).toEqual([topic.id, true]);
    }
  });
});

describe('readability, measured with text-readability', () => {
  // text-readability is an ES module; jest runs CommonJS, so the measurement runs in its own process.
  const reports = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'readability-report.ts')], { cwd: root, encoding: 'utf8' }),
  ) as ReadabilityReport[];

  it('measures every topic', () => {
    expect(reports.map((r) => r.id).sort()).toEqual([...kb.topics.keys()].sort());
  });

  it.each(reports.map((r) => [r.id, r] as const))('%s: under 120 words, 8th grade or below', (_id, report) => {
    expect(report.answerWords).toBeLessThanOrEqual(MAX_ANSWER_WORDS);
    expect(report.grade).toBeLessThanOrEqual(MAX_GRADE);
  });
});

describe('what a parent first sees of each health answer, as Web Chat and a plain channel render it', () => {
  // scripts/replyLength.ts renders every topic's reply and measures it (text-readability, in its own process).
  const measured = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'replyLength.ts'), '--json'], { cwd: root, encoding: 'utf8' }),
  ) as Array<{ id: string; channel: string; words: number; grade: number }>;

  it.each(measured.map((m) => [`${m.id} (${m.channel})`, m] as const))('%s: at most 120 words, 8th grade or below', (_name, m) => {
    expect(m.words).toBeLessThanOrEqual(FIRST_SEEN_MAX_WORDS);
    expect(m.grade).toBeLessThanOrEqual(MAX_GRADE);
  });
});

/** Runs of this many words shared with a seed document would mean a sentence was copied, not rewritten. */
const COPY_RUN = 6;

function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9\s]/g, ' ').split(/\s+/).filter(Boolean);
}

function runs(text: string, size: number): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + size <= w.length; i++) out.add(w.slice(i, i + size).join(' '));
  return out;
}

describe('written in our own words', () => {
  const seedsDir = join(root, '..', 'shared', 'seeds');
  let seedRuns = new Set<string>();
  try {
    const seeds = readdirSync(seedsDir).map((f) => readFileSync(join(seedsDir, f), 'utf8'));
    seedRuns = new Set(seeds.flatMap((s) => [...runs(s, COPY_RUN)]));
  } catch {
    // ../shared is beside the project in CI and here; without it there is nothing to compare.
  }

  (seedRuns.size > 0 ? it : it.skip)(`no answer, tip or advice shares ${COPY_RUN} words in a row with a seed document`, () => {
    const copied: string[] = [];
    for (const topic of kb.topics.values()) {
      const text = [topic.answer, ...topic.tips, topic.seeDoctor ?? ''].join(' ');
      for (const run of runs(text, COPY_RUN)) if (seedRuns.has(run)) copied.push(`${topic.id}: "${run}"`);
    }
    expect(copied).toEqual([]);
  });
});
