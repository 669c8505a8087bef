/**
 * The bundle's dependencies with their non-ASCII characters escaped (scripts/bundle.ts): the same
 * programs, in ASCII, so that the bundle is a one-byte string to V8.
 */
import { isAscii } from 'node:buffer';
import { escapeNonAscii } from '../../scripts/bundle';

/** What a piece of JavaScript evaluates to. */
const run = (code: string): unknown => new Function(`return (${code});`)();

describe('escaping non-ASCII characters of a dependency', () => {
  it('leaves ASCII alone and writes the rest as \\u escapes', () => {
    expect(escapeNonAscii('const a = /[a-z]+/g;')).toBe('const a = /[a-z]+/g;');
    const escaped = escapeNonAscii('x = /[°º˚–]/g; y = "café 😀"; // naïve');
    expect(isAscii(Buffer.from(escaped))).toBe(true);
  });

  it('gives the same strings and the same patterns, character for character', () => {
    for (const code of ['"café – 😀"', '`naïve ${1} ‘quoted’`', '"\\–"']) expect(run(escapeNonAscii(code))).toBe(run(code));
    const patterns = ['/[°º˚]/g', '/[,.。，、#%&/\\\\+*¡!¿?[\\]！？;:…„“«»”"“_–—~]/gi', '/\\–/', '/\\\\–/', '/[😀-😎]/u', '/😀+/', '/〇/'];
    const samples = ['°', 'º', '–', '\\–', '\\', '¡x', '。', '😀', '😃😃', '\ud83d', '〇', 'abc', 'A'];
    for (const source of patterns) {
      const before = run(source) as RegExp;
      const after = run(escapeNonAscii(source)) as RegExp;
      for (const sample of samples) expect([source, sample, after.test(sample)]).toEqual([source, sample, before.test(sample)]);
    }
  });
});
