/**
 * Behaviour equality against another checkout: every message of the red-flag and language data sets
 * (tests/data/*.tsv, the crisis banks of knowledge/safety, and any extra folders of .tsv files given)
 * is assessed by this checkout's detector and by the other's, both loaded in this process, and the
 * assessments are compared as JSON, with the pattern layer's crisis mentions. For a change that must not
 * change what the detector does (moving knowledge into data, making it faster).
 *
 *   npx tsx scripts/compareAssessments.ts --against DIR [--also DIR ...]
 *
 * Prints counts, file names and line numbers only: never the text of a message (some sets are blind).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadDomain } from '../core/domain';
import { findCrisisMentions } from '../core/safety/crisis';
import type { Mention } from '../core/safety/concepts';
import { splitMessage, type Sentence } from '../core/safety/text';
import { projectRoot } from '../core/projectRoot';

const NOW = new Date('2026-11-22T12:00:00Z');
const CLINIC = { name: 'compare clinic', emergencyNumber: '911', crisisLine: '988' };

function args(name: string): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => a === `--${name}` && process.argv[i + 1] !== undefined && out.push(process.argv[i + 1]));
  return out;
}

/** The text column of every line of a .tsv with a header naming `text`. */
function texts(file: string): Array<{ line: number; text: string }> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const column = lines[0].split('\t').indexOf('text');
  if (column < 0) return [];
  return lines.slice(1).flatMap((l, i) => {
    const text = l.split('\t')[column];
    return text === undefined || text.trim() === '' ? [] : [{ line: i + 2, text }];
  });
}

const tsvIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort().map((f) => join(dir, f));

/** What the pattern layer found, without the sentence objects. */
const shape = (mentions: Mention[]) => mentions.map((m) => ({ concept: m.concept, sentence: m.sentence.index, start: m.start, end: m.end, status: m.status, reason: m.reason, family: m.family }));

function main(): void {
  const [against] = args('against');
  if (!against) throw new Error('usage: compareAssessments --against DIR [--also DIR ...]');
  const dir = resolve(against);
  const here = projectRoot();
  const files = [...tsvIn(join(here, 'tests', 'data')), join(here, 'knowledge', 'safety', 'crisis-positive.tsv'), join(here, 'knowledge', 'safety', 'crisis-lookalike.tsv'), ...args('also').flatMap((d) => tsvIn(resolve(d)))];

  const mine = loadDomain(CLINIC);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the other checkout's own modules
  const otherDomain = (require(join(dir, 'core', 'domain')) as { loadDomain: typeof loadDomain }).loadDomain(CLINIC);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the other checkout's own modules
  const otherCrisis = require(join(dir, 'core', 'safety', 'crisis')) as { findCrisisMentions: (s: Sentence[], k?: unknown) => Mention[] };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the other checkout's own modules
  const otherSplit = (require(join(dir, 'core', 'safety', 'text')) as { splitMessage: (m: string, k?: unknown) => Sentence[] }).splitMessage;

  let messages = 0;
  let differences = 0;
  let withCrisis = 0;
  for (const file of files) {
    let fileDiffs = 0;
    const lines = texts(file);
    for (const { line, text } of lines) {
      messages++;
      const a = JSON.stringify(mine.safety.assess(text, {}, { now: NOW }));
      const b = JSON.stringify(otherDomain.safety.assess(text, {}, { now: NOW }));
      const pa = JSON.stringify(shape(findCrisisMentions(splitMessage(text, mine.safetyKnowledge), mine.safetyKnowledge.crisis)));
      const pb = JSON.stringify(shape(otherCrisis.findCrisisMentions(otherSplit(text, otherDomain.safetyKnowledge), (otherDomain.safetyKnowledge as { crisis?: unknown }).crisis)));
      if (pa !== '[]') withCrisis++;
      if (a !== b || pa !== pb) {
        fileDiffs++;
        console.log(`differs: ${basename(file)} line ${line}${a !== b ? ' (assessment)' : ''}${pa !== pb ? ' (crisis mentions)' : ''}`);
      }
    }
    differences += fileDiffs;
    console.log(`${basename(file)}: ${lines.length} messages, ${fileDiffs} differences`);
  }
  console.log(`${messages} messages in ${files.length} files (${withCrisis} with crisis mentions of the pattern layer): ${differences} differences`);
  if (differences > 0) process.exitCode = 1;
}

main();
