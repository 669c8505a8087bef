/**
 * Checks that a change left behaviour alone: runs the red-flag detector (domain.safety.assess) and
 * language understanding (domain.understanding.understand) of a built checkout over every line of the
 * data sets, writes the outputs as JSON, and compares two such files.
 *
 *   npx tsx bench/sameOutputs.ts write --root DIR --out FILE [--data DIR ...]
 *   npx tsx bench/sameOutputs.ts compare FILE_A FILE_B
 *
 * write loads DIR/dist/core/domain.js (build DIR first), so a base checkout and this one are read by
 * their own code. Data: every *.tsv of tests/data/ of this checkout, and of each --data folder; a
 * file's `text` column is the message, its `context` column (when there is one) what is known of the
 * parent. The date is fixed, so "three months ago" reads the same in both runs.
 *
 * compare prints, per file, how many lines differ, and the file and line number of each difference:
 * never a line's text (some sets are blind and are not to be read).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { projectRoot } from '../core/projectRoot';

const NOW = new Date('2026-06-15T12:00:00Z');
const CLINIC = { name: 'Test Clinic', phone: '0123 456 789', web: 'https://example.org', emergencyNumber: '999', crisisLine: '116 123' };

interface OutputLine {
  file: string;
  line: number;
  assess: unknown;
  understand: unknown;
}

interface BuiltDomain {
  safety: { assess(text: string, known?: object, options?: { now?: Date }): unknown };
  understanding: { understand(text: string): unknown };
}

function dataFiles(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.tsv'))
      .sort()
      .map((f) => join(dir, f)),
  );
}

function known(context: string | undefined): object {
  return context === undefined || context === '' || context === 'unknown' ? {} : { lactation: context };
}

function write(root: string, out: string, dirs: string[]): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadDomain } = require(join(root, 'dist', 'core', 'domain.js')) as { loadDomain(clinic: object): BuiltDomain };
  const domain = loadDomain(CLINIC);
  const lines: string[] = [];
  for (const file of dataFiles(dirs)) {
    const rows = readFileSync(file, 'utf8').split(/\r?\n/);
    const header = rows[0].split('\t');
    const textAt = header.indexOf('text');
    const contextAt = header.indexOf('context');
    if (textAt < 0) continue;
    rows.slice(1).forEach((row, i) => {
      if (row.trim() === '') return;
      const cells = row.split('\t');
      const text = cells.slice(textAt).join('\t');
      const output: OutputLine = {
        file: basename(file),
        line: i + 2,
        assess: domain.safety.assess(text, known(contextAt < 0 ? undefined : cells[contextAt]), { now: NOW }),
        understand: domain.understanding.understand(text),
      };
      lines.push(JSON.stringify(output));
    });
  }
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${lines.length} lines from ${root} written to ${out}`);
}

function compare(a: string, b: string): number {
  const read = (f: string) => new Map(readFileSync(f, 'utf8').trim().split('\n').map((l) => {
    const o = JSON.parse(l) as OutputLine;
    return [`${o.file}:${o.line}`, l] as const;
  }));
  const left = read(a);
  const right = read(b);
  const perFile = new Map<string, { lines: number; differ: string[]; missing: number }>();
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const file = key.slice(0, key.lastIndexOf(':'));
    const entry = perFile.get(file) ?? { lines: 0, differ: [], missing: 0 };
    entry.lines++;
    if (!left.has(key) || !right.has(key)) entry.missing++;
    else if (left.get(key) !== right.get(key)) entry.differ.push(key.slice(key.lastIndexOf(':') + 1));
    perFile.set(file, entry);
  }
  let total = 0;
  for (const [file, { lines, differ, missing }] of [...perFile].sort()) {
    total += differ.length + missing;
    const where = differ.length > 0 ? ` (lines ${differ.slice(0, 20).join(', ')}${differ.length > 20 ? ', ...' : ''})` : '';
    console.log(`${file}: ${lines} lines, ${differ.length} differ${where}${missing > 0 ? `, ${missing} in one file only` : ''}`);
  }
  console.log(`${total} difference(s) in ${[...perFile.values()].reduce((n, e) => n + e.lines, 0)} lines`);
  return total === 0 ? 0 : 1;
}

function option(args: string[], name: string): string[] {
  return args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
}

if (require.main === module) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'write') {
    const root = resolve(option(args, '--root')[0] ?? projectRoot());
    const out = option(args, '--out')[0];
    if (!out) throw new Error('write needs --out FILE');
    write(root, out, [join(projectRoot(), 'tests', 'data'), ...option(args, '--data')]);
  } else if (command === 'compare' && args.length === 2) {
    process.exitCode = compare(args[0], args[1]);
  } else {
    console.error('usage: sameOutputs.ts write --root DIR --out FILE [--data DIR ...] | compare FILE_A FILE_B');
    process.exitCode = 2;
  }
}
