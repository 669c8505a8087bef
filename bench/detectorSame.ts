/**
 * Whether this checkout's red-flag detector reads every line exactly as another checkout's does: a
 * check for changes that should only make the detector faster. Not a timing.
 *
 *   npx tsx bench/detectorSame.ts DIR [--devsets DIR2]
 *
 * Both detectors are loaded in this process and assess every line of tests/data/*.tsv (the text
 * column; the red-flag sets also with their context column as known facts), of the crisis banks
 * (knowledge/safety/crisis-positive.tsv and crisis-lookalike.tsv) and of the *.tsv files of DIR2
 * (default /work/devsets, when present), and runs of eight lines joined as one long message; the
 * full assessments are compared as JSON. Only counts,
 * file names and line numbers are printed: never a line's text (blind sets must stay unread).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { loadDomain } from '../core/domain';
import { projectRoot } from '../core/projectRoot';
import type { ParentContext } from '../core/safety/types';
import { knownContext, type DataContext } from '../tests/safety/redFlagData';
import { flag } from './lib/report';

const NOW = new Date('2026-11-22T12:00:00Z');
const CONTEXTS: ReadonlySet<string> = new Set(['unknown', 'pregnant', 'breastfeeding', 'pumping', 'weaned', 'none']);

interface Case {
  file: string;
  line: number;
  text: string;
  known: ParentContext;
}

/** Every line of a TSV file with a header: its text column, and its context column when it has one. */
function casesOf(file: string): Case[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t');
  const textAt = header.indexOf('text');
  if (textAt < 0) return [];
  const contextAt = header.indexOf('context');
  const out: Case[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cols = raw.split('\t');
    const text = cols.slice(textAt).join('\t');
    const name = basename(file);
    out.push({ file: name, line: i + 2, text, known: {} });
    const context = contextAt >= 0 ? cols[contextAt] : undefined;
    if (context !== undefined && context !== 'unknown' && CONTEXTS.has(context)) out.push({ file: name, line: i + 2, text, known: knownContext(context as DataContext) });
  });
  return out;
}

function tsvFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => join(dir, f));
}

function main(): void {
  const other = process.argv[2];
  if (!other || other.startsWith('--')) throw new Error('usage: npx tsx bench/detectorSame.ts DIR [--devsets DIR2]');
  const root = projectRoot();
  const files = [
    ...tsvFiles(join(root, 'tests', 'data')),
    join(root, 'knowledge', 'safety', 'crisis-positive.tsv'),
    join(root, 'knowledge', 'safety', 'crisis-lookalike.tsv'),
    ...tsvFiles(flag('devsets', '/work/devsets')),
  ];
  const clinic = { name: 'bench clinic', emergencyNumber: '911', crisisLine: '988' };
  const mine = loadDomain(clinic).safety;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the other checkout's own modules
  const theirs = (require(join(resolve(other), 'core', 'domain')) as { loadDomain: typeof loadDomain }).loadDomain(clinic).safety;
  let total = 0;
  let differ = 0;
  for (const file of files) {
    const cases = casesOf(file);
    const where: string[] = [];
    for (const c of cases) {
      const a = JSON.stringify(mine.assess(c.text, c.known, { now: NOW }));
      const b = JSON.stringify(theirs.assess(c.text, c.known, { now: NOW }));
      total++;
      if (a !== b) {
        differ++;
        where.push(`${c.line}${c.known.lactation ? `(${c.known.lactation})` : ''}`);
      }
    }
    // Long messages too: runs of eight lines as one message (several sentences, long ones cut in chunks).
    const plain = cases.filter((c) => Object.keys(c.known).length === 0);
    for (let i = 0; i < plain.length; i += 8) {
      const text = plain.slice(i, i + 8).map((c) => c.text).join(i % 16 === 0 ? ' ' : '. ');
      const a = JSON.stringify(mine.assess(text, {}, { now: NOW }));
      const b = JSON.stringify(theirs.assess(text, {}, { now: NOW }));
      total++;
      if (a !== b) {
        differ++;
        where.push(`${plain[i].line}-${plain[Math.min(plain.length, i + 8) - 1].line}(joined)`);
      }
    }
    console.log(`${basename(file)}: ${cases.length} assessments, ${where.length} different${where.length > 0 ? ` (lines ${where.slice(0, 30).join(', ')}${where.length > 30 ? ', ...' : ''})` : ''}`);
  }
  console.log(`total: ${total} assessments, ${differ} different`);
  if (differ > 0) process.exitCode = 1;
}

main();
