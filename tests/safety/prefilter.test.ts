/**
 * The prefilter skips patterns that cannot match a sentence; skipping must never lose a match, or a
 * red flag would be missed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { SENTENCE_FACTS } from '../../core/safety/context';
import { defaultSafetyKnowledge } from '../../core/safety/knowledge';
import { PatternSet, requiredStrings } from '../../core/safety/prefilter';
import { makeSentence, splitMessage } from '../../core/safety/text';
import { projectRoot } from '../../core/projectRoot';
import { loadDataSet } from './redFlagData';

const matches = (re: RegExp, text: string): boolean => {
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
};

describe('what a pattern needs', () => {
  it.each([
    [/\bblood\b/g, ['blood']],
    [/\bconfus(ed|ion)\b/g, ['confused', 'confusion']],
    [/\b(?:fever|febrile)\b/g, ['fever', 'febrile']],
    [/\bseps[ie]s\b/g, ['sepsis', 'sepses']],
    [/\btemperature of \d+/g, ['temperature of ']],
  ])('%s needs one of %j', (re, expected) => {
    expect(requiredStrings(re)?.sort()).toEqual([...expected].sort());
  });

  it.each([
    [/\b\w+ish\b/gi, 'a flag other than g'],
    [/\b(\w+) \1\b/g, 'a back-reference'],
    [/\b(red)?\s*\d+/g, 'nothing literal is required'],
    [/(?=blood)\w+/g, 'only a lookahead names a word'],
  ])('%s is always run (%s)', (re) => {
    expect(requiredStrings(re)).toBeNull();
  });

  it('reads a lookaround as matching nothing: the words around it decide', () => {
    const nipple = /\bnipple(?! shield)\b/g;
    const set = new PatternSet([nipple]);
    expect(set.scan('my breast is sore').may(nipple)).toBe(false);
    expect(set.scan('a nipple shield').may(nipple)).toBe(true);
  });

  it('says whether any pattern of a group may match', () => {
    const blood = /\bblood\b/g;
    const pus = /\bpus\b/g;
    const anything = /\b(\w+) \1\b/g;
    const set = new PatternSet([blood, pus, anything], [[blood, pus], [anything]]);
    expect(set.scan('some pus today').group(0)).toBe(true);
    expect(set.scan('a sore nipple').group(0)).toBe(false);
    expect(set.scan('a sore nipple').group(1)).toBe(true); // nothing required: always read
  });

  it('answers "may match" for an older text once the set has read a newer one', () => {
    const blood = /\bblood\b/g;
    const set = new PatternSet([blood]);
    const first = set.scan('a sore nipple');
    expect(first.may(blood)).toBe(false);
    set.scan('there is blood');
    expect(first.may(blood)).toBe(true);
  });
});

describe('skipping never loses a match', () => {
  const knowledge = defaultSafetyKnowledge();
  const conceptPatterns = [...knowledge.concepts.values()].flatMap((c) => [...c.patterns, ...c.masks]);
  const sets = [
    { name: 'concepts', patterns: conceptPatterns, filter: knowledge.conceptFilter },
    { name: 'crisis', patterns: [...new Set(knowledge.crisis.patterns)], filter: new PatternSet(knowledge.crisis.patterns) },
    { name: 'context', patterns: [...SENTENCE_FACTS], filter: new PatternSet(SENTENCE_FACTS) },
  ];

  it('on every sentence of the red-flag data sets', () => {
    const dir = join(projectRoot(), 'tests', 'data');
    const texts = new Set<string>();
    // The sealed blind sets (*-2026-12-*) are never read.
    for (const file of readdirSync(dir).filter((f) => /^red-flags-.*\.tsv$/.test(f) && !f.includes('2026-12'))) {
      for (const line of loadDataSet(join(dir, file))) {
        for (const s of splitMessage(line.text, knowledge)) texts.add(s.text);
        texts.add(makeSentence(line.text, 0, false, knowledge).text);
      }
    }
    const lost: string[] = [];
    let skipped = 0;
    for (const text of texts) {
      for (const { name, patterns, filter } of sets) {
        const presence = filter.scan(text);
        for (const re of patterns) {
          if (presence.may(re)) continue;
          skipped++;
          if (matches(re, text)) lost.push(`${name}: ${re.source.slice(0, 80)} on "${text}"`);
        }
      }
    }
    expect(lost).toEqual([]);
    expect(skipped).toBeGreaterThan(0);
  });

  it('on sentences made of the words the patterns themselves need', () => {
    const all = sets.flatMap((s) => s.patterns.map((re) => ({ re, filter: s.filter })));
    const words = [...new Set(all.flatMap(({ re }) => requiredStrings(re) ?? []))];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom('i', 'my', 'and', 'not', 'the', 'baby', 'so', '3', ',', 'x')), { minLength: 1, maxLength: 8 }), fc.nat(all.length - 1), (parts, i) => {
        const text = parts.join(' ');
        const { re, filter } = all[i];
        return filter.scan(text).may(re) || !matches(re, text);
      }),
      { numRuns: 3000 },
    );
  });
});
