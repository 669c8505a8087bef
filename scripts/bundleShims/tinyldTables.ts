/**
 * tinyld (language identification) with its tables built at build time, for the bundle.
 *
 * tinyld ships its n-gram statistics as one large object literal of compact strings and, as its
 * module loads, decodes them into the tables detection reads (about 18,000 small objects, each
 * string cut up by regular expressions): about 50 ms of every start, and as much again in garbage.
 * scripts/bundle.ts hands tinyld's module text to withBuiltTables(), which runs tinyld's own code once
 * at build time to get the tables it builds, and gives the bundle that module with the literal and the
 * decoding replaced by the tables as JSON (V8 parses JSON faster than it runs the decoding). Detection
 * code is tinyld's, unchanged; tests/build/tinyldTables.test.ts checks that the tables equal what
 * tinyld builds and that detection answers the same.
 *
 * Written for tinyld 1.3.4's module (dist/tinyld.normal.node.mjs). Another text (another version)
 * fails the build with a message saying so, rather than bundling something untested.
 */
import { runInNewContext } from 'node:vm';

/** The tables tinyld's detection reads: per unique gram its language, per gram each language's weight. */
export interface TinyldTables {
  uniques: Record<string, string>;
  multiples: Record<string, Record<string, number>>;
}

/** tinyld's module, as esbuild resolves `import 'tinyld'` for the bundle. */
export const TINYLD_MODULE = /[\\/]tinyld[\\/]dist[\\/]tinyld\.normal\.node\.mjs$/;

/** Where the dictionary literal starts, and the statement that decodes it into the tables (`_`) and the set of unique grams (`$`). */
const DICTIONARY_START = 'var C={id:"tinyld-dict",';
const TABLE_BUILDING =
  'var c=C,_={uniques:Object.fromEntries(Object.entries(c.uniques).map(a=>[a[0],g[parseInt(a[1].toString(),36)]])),multiples:Object.fromEntries(Object.entries(c.multiples).map(a=>{let i=Object.fromEntries(a[1].match(/(.{1,4})/g)?.map(n=>{let[o,t]=n.match(/(.{1,2})/g);return[g[parseInt(o,36)],parseInt(t,36)]})||[]);return[a[0],i]}))},$=new Set(Object.keys(C.uniques));';
const EXPORTS = /export\{[^}]*\};?\s*$/;

function unknownModule(why: string): Error {
  return new Error(`tinyld's module is not the one scripts/bundleShims/tinyldTables.ts was written for (${why}): update the shim for this tinyld version`);
}

function onlyOnce(text: string, piece: string, what: string): number {
  const at = text.indexOf(piece);
  if (at < 0 || text.indexOf(piece, at + 1) >= 0) throw unknownModule(`${what} ${at < 0 ? 'not found' : 'found twice'}`);
  return at;
}

/** The end (just past the closing brace) of the object literal opening at `start`; strings are double-quoted. */
function literalEnd(text: string, start: number): number {
  let depth = 0;
  for (let k = text.indexOf('{', start); k < text.length; k++) {
    const ch = text[k];
    if (ch === '"') {
      for (k++; k < text.length && text[k] !== '"'; k++) if (text[k] === '\\') k++;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return k + 1;
  }
  throw unknownModule('the dictionary literal does not close');
}

/** Runs a tinyld module text (ESM, no imports) on its own and returns what `expression` names in it. */
function evaluate(moduleText: string, expression: string): unknown {
  if (!EXPORTS.test(moduleText)) throw unknownModule('no export list at its end');
  const sandbox: { result?: unknown } = {};
  runInNewContext(`${moduleText.replace(EXPORTS, '')};this.result=${expression};`, sandbox);
  return sandbox.result;
}

/** The tables tinyld's own code builds from its module text (as plain data, copied out of the sandbox). */
export function tablesBuiltBy(moduleText: string): TinyldTables {
  onlyOnce(moduleText, TABLE_BUILDING, 'the table-building statement');
  return JSON.parse(JSON.stringify(evaluate(moduleText, '_'))) as TinyldTables;
}

/** tinyld's module text with the dictionary and its decoding replaced by the tables, built now. */
export function withBuiltTables(moduleText: string): string {
  const tables = tablesBuiltBy(moduleText);
  const start = onlyOnce(moduleText, DICTIONARY_START, 'the dictionary literal');
  const end = literalEnd(moduleText, start);
  if (moduleText[end] !== ';') throw unknownModule('the dictionary literal is not a statement of its own');
  const withoutDictionary = moduleText.slice(0, start) + moduleText.slice(end + 1);
  // `C` (the dictionary) is read by the decoding statement alone: nothing else may name it.
  if (/[^\w$.]C[.[]/.test(withoutDictionary.replace(TABLE_BUILDING, ''))) throw unknownModule('the dictionary is read elsewhere');
  const built = `var _=JSON.parse(${JSON.stringify(JSON.stringify(tables))}),$=new Set(Object.keys(_.uniques));`;
  return withoutDictionary.replace(TABLE_BUILDING, () => built);
}
