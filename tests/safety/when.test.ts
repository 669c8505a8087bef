/**
 * The date reader's lower-case patterns (core/safety/when.ts): chrono's case-insensitive patterns
 * rewritten for lower-case text must find exactly what chrono finds, on the phrases parents use.
 */
import * as chrono from 'chrono-node';
import { findPastTimes, lowerCasePattern, withLowerCasePatterns } from '../../core/safety/when';

const NOW = new Date('2026-06-15T12:00:00Z');

const PHRASES = [
  'i stopped breastfeeding 3 months ago and still leak',
  'weaned about two and a half years ago, a lump since a few weeks ago',
  'found it on 12 march, and again on march 3rd 2025',
  'last feed was on 5/4/2026 and it started 2026-01-10',
  'since last tuesday, or was it monday 7th',
  'the discharge began yesterday at 3pm, then again this morning',
  'it started in january and was worse by late february',
  'since the beginning of last month, maybe 6 weeks earlier than that',
  'she is 9 weeks old, i weaned 2 weeks later, 1 year, 2 months and 3 days before today',
  'from dec 2025 to feb 2026 i pumped, then in 2 weeks i stop',
  'i had mastitis last year and a lump last week',
  'at christmas, over new year and since the summer',
  'within 24 hours, tonight, tomorrow, the day before yesterday',
  'nothing here names a time at all',
];

function shown(results: chrono.ParsedResult[]): unknown {
  return results.map((r) => ({
    text: r.text,
    index: r.index,
    start: r.start.date().toISOString(),
    end: r.end?.date().toISOString(),
    certain: (['year', 'month', 'day', 'hour', 'minute'] as const).filter((c) => r.start.isCertain(c)),
  }));
}

describe('chrono with lower-case patterns', () => {
  const asItIs = chrono.casual.clone();
  const lowerCase = withLowerCasePatterns(chrono.casual.clone());

  it.each(PHRASES)('finds what chrono finds in "%s"', (text) => {
    const expected = shown(asItIs.parse(text, NOW, { forwardDate: false }));
    expect(shown(lowerCase.parse(text, NOW, { forwardDate: false }))).toEqual(expected);
  });

  it('drops only the i flag and keeps escapes as they are', () => {
    expect(lowerCasePattern(/(\W|^)Ago\s+(?:AD|Be\.)\d/gi)).toEqual(/(\W|^)ago\s+(?:ad|be\.)\d/g);
    const untouched = /\W[A-Z]/;
    expect(lowerCasePattern(untouched)).toBe(untouched);
    const notSafelyLowered = /[İ]x/i;
    expect(lowerCasePattern(notSafelyLowered)).toBe(notSafelyLowered);
  });

  it('reads text that is not lower case with chrono as it is', () => {
    expect(findPastTimes('Weaned 3 Months Ago', NOW).map((w) => w.daysAgo)).toEqual(findPastTimes('weaned 3 months ago', NOW).map((w) => w.daysAgo));
    expect(findPastTimes('Weaned 3 Months Ago', NOW)[0].text).toBe('3 Months Ago');
  });
});
