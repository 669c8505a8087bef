/**
 * The patterns' required strings the build stores (generated/pattern-strings.json, written before the
 * tests as by `npm run build`): start-up takes them instead of reading every pattern again, so they
 * must be exactly what reading gives, for every pattern the detector filters, and never be taken
 * from a file another reader wrote.
 */
import { readFileSync } from 'node:fs';
import { defaultPatternStringsFile, patternReaderKey } from '../../core/domain';
import { SENTENCE_FACTS_FILTER } from '../../core/safety/context';
import { defaultSafetyKnowledge } from '../../core/safety/knowledge';
import { PatternSet, patternKey, quickToCompile, rememberPatternStrings, requiredStrings, type StoredPatternStrings } from '../../core/safety/prefilter';

const stored = JSON.parse(readFileSync(defaultPatternStringsFile(), 'utf8')) as StoredPatternStrings;

describe('the required strings stored at build time', () => {
  it('hold every concept, crisis and context pattern, each with the strings reading it gives', () => {
    const sets = [defaultSafetyKnowledge().conceptFilter, defaultSafetyKnowledge().crisis.filter, SENTENCE_FACTS_FILTER];
    const patterns = sets.flatMap((set) => [...set.patterns]);
    expect(patterns.length).toBeGreaterThan(500);
    const wrong = patterns.filter((re) => JSON.stringify(stored.strings[patternKey(re)]) !== JSON.stringify(requiredStrings(re)));
    expect(wrong.map(String)).toEqual([]);
  });

  it('are taken for a pattern with the same text and flags, and only from the current reader', () => {
    expect(stored.reader).toBe(patternReaderKey());
    // Strings no match of the pattern holds: a set that took them would skip the pattern on its own word.
    const file = (reader: string, source: string): StoredPatternStrings => ({ format: 1, reader, strings: { [`g/${source}`]: ['xylophone'] } });
    expect(rememberPatternStrings(file('another reader', 'walrus'), 'this reader')).toBe(0);
    const walrus = /walrus/g;
    expect(new PatternSet([walrus]).scan('a walrus').may(walrus)).toBe(true);

    expect(rememberPatternStrings(file('this reader', 'narwhal'), 'this reader')).toBe(1);
    const narwhal = /narwhal/g;
    expect(new PatternSet([narwhal]).scan('a narwhal').may(narwhal)).toBe(false);
    // Another text (here, other flags) is another pattern: read as before.
    const narwhalAnyCase = /narwhal/gi;
    expect(new PatternSet([narwhalAnyCase]).scan('a narwhal').may(narwhalAnyCase)).toBe(true);
  });

  it('name the patterns quick to compile (left to their first use), not all of them', () => {
    expect(stored.quick?.length).toBeGreaterThan(Object.keys(stored.strings).length / 2);
    expect(stored.quick?.length).toBeLessThan(Object.keys(stored.strings).length);
    expect((stored.quick ?? []).filter((key) => !(key in stored.strings))).toEqual([]);
    // Every pattern measured is compiled (each answers by its key, whatever its time).
    const measured = [/walrus/g, /narwhal/gi];
    expect(quickToCompile(measured).every((key) => measured.some((re) => patternKey(re) === key))).toBe(true);
  });
});
