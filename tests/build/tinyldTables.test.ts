/**
 * The bundle's tinyld (scripts/bundleShims/tinyldTables.ts): its tables, built at build time, are the
 * ones tinyld builds as it loads, and language identification answers the same as the package does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { detectAll } from 'tinyld';
import { projectRoot } from '../../core/projectRoot';
import { TINYLD_MODULE, tablesBuiltBy, withBuiltTables, type TinyldTables } from '../../scripts/bundleShims/tinyldTables';

const moduleFile = join(projectRoot(), 'node_modules', 'tinyld', 'dist', 'tinyld.normal.node.mjs');
const original = readFileSync(moduleFile, 'utf8');

type DetectAll = (text: string, options?: { only?: string[] }) => Array<{ lang: string; accuracy: number }>;

/** What the shimmed module exposes: its detectAll and the tables it holds. */
function loadShimmed(): { detectAll: DetectAll; tables: TinyldTables } {
  const text = withBuiltTables(original).replace(/export\{[^}]*\};?\s*$/, '');
  const sandbox: { result?: { detectAll: DetectAll; tables: TinyldTables } } = {};
  runInNewContext(`${text};this.result={detectAll:a0,tables:_};`, sandbox);
  return sandbox.result!;
}

function sentences(file: string, column: string): string[] {
  const [header, ...lines] = readFileSync(join(projectRoot(), 'tests', 'data', file), 'utf8').trim().split('\n');
  const at = header.split('\t').indexOf(column);
  return lines.map((l) => l.split('\t')[at]).filter((t): t is string => typeof t === 'string' && t.length > 0);
}

describe("the bundle's tinyld with tables built at build time", () => {
  const shimmed = loadShimmed();

  it('is made for the module the bundle resolves', () => {
    expect(TINYLD_MODULE.test(require.resolve('tinyld').replace(/\.js$/, '.mjs'))).toBe(true);
  });

  it('holds exactly the tables tinyld builds itself', () => {
    const built = tablesBuiltBy(original);
    expect(Object.keys(built.multiples).length).toBeGreaterThan(10_000);
    expect(Object.keys(built.uniques).length).toBeGreaterThan(10_000);
    // Same keys in the same order, same values (the shim's are read through JSON, tinyld's copied out of its sandbox).
    expect(JSON.stringify(shimmed.tables)).toBe(JSON.stringify(built));
    expect(Object.keys(shimmed.tables.multiples)).toEqual(Object.keys(built.multiples));
  });

  it('no longer carries the dictionary nor decodes it', () => {
    const text = withBuiltTables(original);
    expect(text).not.toContain('tinyld-dict');
    expect(text).not.toContain('parseInt(o,36)');
  });

  it('identifies languages as the package does, sentence by sentence', () => {
    const sample = [
      ...sentences('red-flags-other-languages.tsv', 'text'),
      ...sentences('nlu-heldout.tsv', 'text').slice(0, 120),
      'je suis très fatiguée et mon sein est rouge',
      'мой ребенок плохо ест',
      'طفلي لا يرضع جيدا',
      '母乳が漏れます',
      'Ich habe Fieber und meine Brust ist rot',
    ];
    expect(sample.length).toBeGreaterThan(250);
    for (const text of sample) {
      expect([text, shimmed.detectAll(text)]).toEqual([text, detectAll(text)]);
      expect([text, shimmed.detectAll(text, { only: ['ar', 'ur', 'fa'] })]).toEqual([text, detectAll(text, { only: ['ar', 'ur', 'fa'] })]);
    }
  });

  it('refuses a module it was not written for', () => {
    expect(() => withBuiltTables(original.replace('parseInt(o,36)', 'parseInt(o, 36)'))).toThrow(/update the shim/);
  });
});
