/**
 * Proves that a change to the red-flag knowledge leaves other messages read as before: what the
 * detector makes of every line of some data files (flags, questions, topics asked about, what it learned,
 * the clinical picture), written on one commit and compared with another.
 *
 *   npx tsx scripts/safetyReadings.ts read OUT.jsonl FILE...     in a worktree: domain.safety.assess over
 *                                                               the `text` column (and `context`, if any)
 *   npx tsx scripts/safetyReadings.ts compare A.jsonl B.jsonl FILE...   the lines read differently
 *
 * `read` loads the domain of the worktree it is run in (its knowledge and its code), so run it once in a
 * worktree of the base commit and once in yours, on the same files. `compare` names each difference by
 * file and line; the text of a line is shown only for files without "blind" in their name (sealed
 * measures must never be read), and every difference is counted per file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Domain } from '../core/domain';
import type { ParentContext, SafetyAssessment } from '../core/safety/types';
import { runCli } from './cli';

/** A fixed "today", so month names give the same reading on both commits. */
const NOW = new Date('2026-11-22T12:00:00Z');
const CLINIC = { name: 'Test clinic', phone: '+1 555 010 0199', emergencyNumber: '911', crisisLine: '988' };

interface Row {
  text: string;
  context: string;
  line: number;
}

function rowsOf(file: string): Row[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t');
  const textCol = header.indexOf('text');
  const contextCol = header.indexOf('context');
  if (textCol < 0) throw new Error(`${file}: no "text" column`);
  const rows: Row[] = [];
  lines.slice(1).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cols = raw.split('\t');
    const text = textCol === header.length - 1 ? cols.slice(textCol).join('\t') : cols[textCol];
    rows.push({ text, context: contextCol >= 0 ? cols[contextCol] : 'unknown', line: i + 2 });
  });
  return rows;
}

function reading(r: SafetyAssessment): string {
  return JSON.stringify({
    level: r.level,
    flags: r.flags.map((f) => `${f.id}:${f.level}`).sort(),
    confirm: r.toConfirm.map((f) => f.id).sort(),
    asked: r.askedAbout.map((f) => f.id).sort(),
    learned: r.learned,
    picture: r.picture,
  });
}

async function read(out: string, files: string[]): Promise<number> {
  // The worktree the command runs in, not the one this script was read from.
  const { loadDomain } = (await import(join(process.cwd(), 'core', 'domain.ts'))) as { loadDomain: (clinic: typeof CLINIC) => Domain };
  const domain = loadDomain(CLINIC);
  const lines: string[] = [];
  for (const file of files) {
    for (const row of rowsOf(file)) {
      const known: ParentContext = row.context === 'unknown' || row.context === '' ? {} : { lactation: row.context as ParentContext['lactation'] };
      lines.push(JSON.stringify({ file: basename(file), line: row.line, reading: reading(domain.safety.assess(row.text, known, { now: NOW })) }));
    }
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} lines read into ${out}`);
  return 0;
}

function readings(file: string): Map<string, string> {
  const entries = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; line: number; reading: string });
  return new Map(entries.map((e) => [`${e.file}:${e.line}`, e.reading]));
}

function compare(a: string, b: string, files: string[]): number {
  const before = readings(a);
  const after = readings(b);
  const texts = new Map<string, string>();
  for (const file of files) {
    if (basename(file).includes('blind')) continue;
    for (const row of rowsOf(file)) texts.set(`${basename(file)}:${row.line}`, row.text);
  }
  const perFile = new Map<string, number>();
  for (const [key, was] of before) {
    const now = after.get(key);
    if (now === was) continue;
    const file = key.split(':')[0];
    perFile.set(file, (perFile.get(file) ?? 0) + 1);
    const text = texts.get(key);
    console.log(`${key}${text === undefined ? '' : `\t${text}`}\n  before ${was}\n  after  ${now ?? '(not read)'}`);
  }
  const total = [...perFile.values()].reduce((s, n) => s + n, 0);
  console.log(`${before.size} lines compared; ${total} read differently${total > 0 ? `: ${[...perFile].map(([f, n]) => `${f} ${n}`).join(', ')}` : ''}`);
  return total === 0 ? 0 : 1;
}

runCli(async ([command, ...args]) => {
  if (command === 'read' && args.length >= 2) return read(args[0], args.slice(1));
  if (command === 'compare' && args.length >= 3) return compare(args[0], args[1], args.slice(2));
  throw new Error('usage: safetyReadings.ts read OUT.jsonl FILE... | compare A.jsonl B.jsonl FILE...');
});
