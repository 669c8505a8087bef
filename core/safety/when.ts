/**
 * When something happened, from how parents say it: "3 months ago", "in March", "a few months back",
 * "since the summer", "at Christmas", "I first felt it in the spring". Dates are read by chrono-node
 * (a kept library), with the few phrases it does not know (seasons, holidays, "back") added as
 * parsers of its own kind. Always in the past: "last October" said in June is last year's.
 */
import * as chrono from 'chrono-node';

const DAY_MS = 86_400_000;

type Season = 'spring' | 'summer' | 'autumn' | 'winter';
/** Month (0-11) a season is mostly remembered by (northern hemisphere, mid-season). */
export const SEASON_MONTH: Readonly<Record<Season, number>> = { spring: 3, summer: 6, autumn: 9, winter: 0 };

/** The latest date on or before `ref` with this month and day. */
function lastOccurrence(ref: Date, month: number, day: number): Date {
  const d = new Date(Date.UTC(ref.getUTCFullYear(), month, day, 12));
  if (d.getTime() > ref.getTime()) d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}

const SEASON = /\b(?:the |last |this past )?(spring|summer|autumn|fall|winter)\b/i;
const HOLIDAY = /\b(christmas|xmas|new year'?s?(?: day| eve)?|halloween|valentine'?s(?: day)?|easter)\b/i;

/** chrono's English reader, with the seasons and holidays it does not know. */
function dateReader(): chrono.Chrono {
  const reader = chrono.casual.clone();
  reader.parsers.push(
    {
      // "in the spring", "since the summer", "last winter", "over the autumn", "in fall".
      pattern: () => SEASON,
      extract: (context, match) => {
        const word = match[1].toLowerCase();
        const season = (word === 'fall' ? 'autumn' : word) as Season;
        const d = lastOccurrence(context.refDate, SEASON_MONTH[season], 15);
        return { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
      },
    },
    {
      // "at Christmas", "over new year", "at Halloween".
      pattern: () => HOLIDAY,
      extract: (context, match) => {
        const word = match[1].toLowerCase();
        // Easter moves between late March and late April: mid-April is never more than about three weeks out.
        const [month, day] = word.startsWith('new year') ? [0, 1] : word === 'halloween' ? [9, 31] : word.startsWith('valentine') ? [1, 14] : word === 'easter' ? [3, 12] : [11, 25];
        const d = lastOccurrence(context.refDate, month, day);
        return { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
      },
    },
  );
  return reader;
}

/**
 * The same pattern for text that is already lower case, without the `i` flag. Case-insensitive
 * patterns cost V8 several times more to compile (chrono's "2 weeks ago" and "2 weeks later" patterns
 * took about 150 ms each, lower-cased about 17 ms), and the start-up compiles them all so that no
 * parent's message does. On lower-case text they match exactly the same: every letter of chrono's
 * English patterns is ASCII (without the `u` flag, `i` folds ASCII letters only with each other), and
 * an escape (\s, \W, \d...) is kept as it is.
 */
export function lowerCasePattern(pattern: RegExp): RegExp {
  if (!pattern.flags.includes('i')) return pattern;
  let source = '';
  for (let i = 0; i < pattern.source.length; i++) {
    const c = pattern.source[i];
    if (c === '\\') {
      source += c + (pattern.source[i + 1] ?? '');
      i++;
    } else source += c.toLowerCase();
  }
  // A letter that lower-cases to more than one character ("İ") would change the pattern: keep it as it is.
  if (source.length !== pattern.source.length) return pattern;
  return new RegExp(source, pattern.flags.replace('i', ''));
}

/**
 * A copy of the reader whose parsers use lowerCasePattern(): for lower-case text only. Each parser is
 * wrapped, not changed: chrono's readers share their parser objects (chrono.casual among them).
 */
export function withLowerCasePatterns(reader: chrono.Chrono): chrono.Chrono {
  const parsers = reader.parsers.map((parser): chrono.Parser => {
    // Each of chrono's patterns is lower-cased (and compiled) once. Most parsers keep their pattern
    // object, found again by identity; one made anew is found by its text.
    const byObject = new WeakMap<RegExp, RegExp>();
    const byText = new Map<string, RegExp>();
    return {
      pattern: (context) => {
        const original = parser.pattern(context);
        let found = byObject.get(original);
        if (!found) {
          const key = `${original.flags}/${original.source}`;
          found = byText.get(key) ?? lowerCasePattern(original);
          byText.set(key, found);
          byObject.set(original, found);
        }
        return found;
      },
      extract: (context, match) => parser.extract(context, match),
    };
  });
  return new chrono.Chrono({ parsers, refiners: [...reader.refiners] });
}

// The detector's sentences are lower case (core/safety/text.ts); any other text gets chrono as it is.
const forLowerCase = withLowerCasePatterns(dateReader());
let forAnyCase: chrono.Chrono | undefined;

/** "a few months back" is "a few months ago"; "a couple months" is "a couple of months". */
function plainer(text: string): string {
  return text.replace(/\b(days?|weeks?|months?|years?) back\b/gi, '$1 ago').replace(/\bcouple (days|weeks|months|years)\b/gi, 'couple of $1');
}

export interface WhenFound {
  /** The words that named the time. */
  text: string;
  /** Where they start in the text given. */
  index: number;
  date: Date;
  /** Whole days from then to `now` (never negative). */
  daysAgo: number;
}

/** Every past time named in `text` ("for 2 weeks" is a length, not a time: it is left to the duration reader). */
export function findPastTimes(text: string, now: Date): WhenFound[] {
  const out: WhenFound[] = [];
  const plain = plainer(text);
  const reader = plain === plain.toLowerCase() ? forLowerCase : (forAnyCase ??= dateReader());
  for (const r of reader.parse(plain, now, { forwardDate: false })) {
    if (/^for\b/i.test(r.text) || r.start.isCertain('hour') || /^\d{1,2}(\.\d+)?$/.test(r.text.trim())) continue;
    const date = r.start.date();
    if (date.getTime() > now.getTime() + DAY_MS) {
      // Past tense is the rule here: a weekday or month named without a year is the last one.
      if (!r.start.isCertain('year')) {
        if (r.start.isCertain('month')) date.setFullYear(date.getFullYear() - 1);
        else date.setTime(date.getTime() - 7 * DAY_MS);
      }
      if (date.getTime() > now.getTime() + DAY_MS) continue;
    }
    out.push({ text: r.text, index: r.index, date, daysAgo: Math.max(0, Math.round((now.getTime() - date.getTime()) / DAY_MS)) });
  }
  return out;
}

const NUMBER: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, eighteen: 18, twenty: 20, a: 1, an: 1 };
const num = (w: string): number | undefined => (/^\d+(\.\d+)?$/.test(w) ? parseFloat(w) : NUMBER[w]);
const MONTHS_PER: Record<string, number> = { week: 12 / 52, weeks: 12 / 52, month: 1, months: 1, year: 12, years: 12 };

const AGE_NUMBER = '(\\d+(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|a|an)';
const WEANED_AT_AGE = new RegExp(`\\b(?:stopped|weaned|quit|finished|gave up|ended)\\b[a-z ]{0,40}?\\b(?:at|when (?:he|she|they|baby|the baby) (?:was|turned)|around) ${AGE_NUMBER}(?: (weeks?|months?|years?))?\\b`);
// "last feed was on her 2nd birthday", "weaned on his first birthday": the birthday is the age.
// "baby's 3 and hasn't fed since 18 months": the age at the last feed.
const NOT_FED_SINCE_AGE = new RegExp(`\\b(?:not|never|no longer) (?:been )?(?:fed|breastfed|nursed|fed from me|had the breast|had a feed) since (?:he was |she was |they were )?${AGE_NUMBER} (weeks?|months?|years?)\\b`);
const WEANED_ON_BIRTHDAY = /\b(?:stopped|weaned|quit|finished|gave up|ended|last (?:feed|feeding|nursing session|breastfeed))\b[a-z ]{0,40}?\b(?:on|at|around|by|after) (?:her|his|their|the baby(?: s)?|my son(?: s)?|my daughter(?: s)?|my baby(?: s)?) (\d+|first|second|third|fourth)(?: ?(?:st|nd|rd|th))? birthday\b/;
const SINCE_CHILD_WAS = new RegExp(`\\b(?:since|from when|ever since|since (?:around |about |roughly |just )?when|started (?:around |about )?when|began when|appeared when|noticed it when|found it when) (?:he|she|they|baby|the baby|my baby|lo|my son|my daughter) (?:was|turned) ${AGE_NUMBER} (weeks?|months?|years?)\\b`);
const POSTPARTUM_NOW = new RegExp(`\\b(?:i am|i m|im) (?:now |nearly |almost |about )?${AGE_NUMBER} (weeks?|months?) (?:postpartum|pp|post partum|after (?:the |my )?birth)\\b`);
const CHILD_AGE_NOW = new RegExp(`\\b(?:he|she|they|baby|the baby|my son|my daughter|my toddler|my child|my little one|hes|shes)(?: is| s| turns| turned| will be| will turn| just turned|)(?: now)?(?: nearly| almost| about)? ${AGE_NUMBER}( and a half)?(?: (weeks?|months?|years?))?(?: old)?( next week| next month| soon| tomorrow)?\\b`);

/**
 * Weeks since weaning from the child's age then and now: "stopped at 18 months, he turns three next
 * week", "weaned her at 1 year and she is 2 now". Undefined when the message does not give both.
 */
export function weeksSinceWeaningByAge(text: string): number | undefined {
  return weeksSinceChildAge(text, WEANED_AT_AGE, WEANED_ON_BIRTHDAY) ?? weeksSinceChildAge(text, NOT_FED_SINCE_AGE, null);
}

/** Weeks since something began, from the child's age then and now: "had it since she was 6 weeks, she's 9 weeks now". */
export function weeksSinceByChildAge(text: string): number | undefined {
  return weeksSinceChildAge(text, SINCE_CHILD_WAS, null) ?? weeksSinceChildAge(text, SINCE_CHILD_CHECK, null);
}
/** "since the baby's 8 week jabs, she's 3 months now": a check-up named by the child's age. */
const SINCE_CHILD_CHECK = new RegExp(`\\b(?:since|from|ever since|started (?:at|after|around)|began (?:at|after|around)|after) (?:just )?(?:before |after )?(?:the baby s|baby s|the baby|baby|her|his|their|my baby s|my baby|my son s|my son|my daughter s|my daughter|lo s|the) ${AGE_NUMBER} ?(week|weeks|month|months) (?:jabs?|vaccinations?|vaccines?|injections?|shots|check|checkup|check up|review|appointment|immunisations?|immunizations?)\\b`);

const CHILD_AGES = new RegExp(CHILD_AGE_NOW.source, 'g');

/** The child's age named in the message, the oldest if several ("when she turned 1, she's 2 now": 2). */
function oldestChildAge(text: string): RegExpExecArray | null {
  let best: RegExpExecArray | null = null;
  let bestMonths = -1;
  CHILD_AGES.lastIndex = 0;
  for (let m = CHILD_AGES.exec(text); m !== null; m = CHILD_AGES.exec(text)) {
    const months = (num(m[1]) ?? 0) * MONTHS_PER[m[3] ?? 'years'];
    if (months > bestMonths) {
      best = m;
      bestMonths = months;
    }
  }
  return best;
}

function weeksSinceChildAge(text: string, thenPattern: RegExp, birthdayPattern: RegExp | null): number | undefined {
  // Built once (not per message), and the child's age now is looked for only after an age then.
  const then = thenPattern.exec(text);
  const birthday = then || !birthdayPattern ? null : birthdayPattern.exec(text);
  if (!then && !birthday) return undefined;
  const nowAge = oldestChildAge(text);
  // "I'm 4 months postpartum": the child's age, told as the parent's time since the birth.
  const postpartum = nowAge ? null : POSTPARTUM_NOW.exec(text);
  if (!nowAge && !postpartum) return undefined;
  const ORDINAL: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };
  // "when she turned 1": a bare age is in years.
  const thenMonths = then ? num(then[1])! * MONTHS_PER[then[2] ?? 'years'] : (ORDINAL[birthday![1]] ?? Number(birthday![1])) * 12;
  let nowMonths: number;
  if (nowAge) {
    nowMonths = (num(nowAge[1])! + (nowAge[2] ? 0.5 : 0)) * MONTHS_PER[nowAge[3] ?? 'years'];
    if (nowAge[4]) nowMonths -= nowAge[4].trim() === 'next month' ? 1 : 0.25; // not that age yet
  } else nowMonths = num(postpartum![1])! * MONTHS_PER[postpartum![2]];
  if (nowMonths <= thenMonths) return undefined;
  return Math.round(((nowMonths - thenMonths) * 52) / 12);
}

/**
 * "weaned at Christmas, it's June": the message says what month it is; a month named as now
 * ("it's June", "now it is june") makes that the reference instead of today's date.
 */
export function statedNow(text: string, now: Date): Date {
  const m = STATED_MONTH.exec(text);
  if (m) {
    const month = MONTH_NAMES.findIndex((name) => m[2].startsWith(name.slice(0, 3)));
    const day = m[1] ?? m[3];
    return lastOccurrence(now, month, day ? Math.min(28, Number(day)) : 15);
  }
  // "weaned at halloween, now its valentines": a holiday named as now.
  const h = STATED_HOLIDAY.exec(text);
  if (h) {
    const name = h[1];
    const [month, day] = HOLIDAY_DATES[Object.keys(HOLIDAY_DATES).find((k) => name.startsWith(k)) ?? 'new year'];
    return lastOccurrence(now, month, day);
  }
  // "since my birthday (the 1st), it's the 20th now": a day of this month, or of the last one if it is still to come.
  const d = STATED_DAY.exec(text);
  if (!d) return now;
  const day = Math.min(28, Number(d[1]));
  const stated = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), day, 12));
  if (stated.getTime() > now.getTime() + 86_400_000) stated.setUTCMonth(stated.getUTCMonth() - 1);
  return stated;
}
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const NOW_WORDS = '(?:it is|it s|its|now it is|now its|and now it is|today is|today s|todays|we are in|we re in|were in)';
const STATED_MONTH = new RegExp(
  `\\b${NOW_WORDS} (?:now |nearly |almost |already |well into |into )?(?:the (\\d{1,2})(?:st|nd|rd|th)? of )?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?: (\\d{1,2})(?:st|nd|rd|th)?)?\\b`,
);
const STATED_HOLIDAY = new RegExp(`\\b${NOW_WORDS} (?:now |nearly |almost |already )?(christmas|xmas|new year|new years|valentines|valentine s|valentine|halloween|easter)\\b`);
/** Month (0-11) and day of the holidays parents date things by; Easter moves, early April stands for it. */
const HOLIDAY_DATES: Record<string, [number, number]> = { christmas: [11, 25], xmas: [11, 25], 'new year': [0, 1], valentine: [1, 14], halloween: [9, 31], easter: [3, 5] };
const STATED_DAY = new RegExp(`\\b${NOW_WORDS} (?:now )?the (\\d{1,2}) ?(?:st|nd|rd|th)\\b`);

/** Words that date when something began, just before the date ("started around Halloween", "since before Xmas"). */
const ONSET_BEFORE = /\b(since|started|starting|began|begun|appeared|showed up|first (noticed|felt|saw|found|spotted)|noticed (it|this|them)?|found (it|this|them)?|there since|had it since)( \S+){0,2} $/;
/** A word a date could be made of: without one, chrono is not asked. */
const DATE_WORD = /\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|christmas|xmas|easter|halloween|new year|valentine|valentines|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d+(st|nd|rd|th)?)\b/;

/**
 * "a rash that started around Halloween, and it's nearly February now", "there since before Xmas":
 * how many days ago something began, when the sentence dates its start (the month named as now, if
 * any, is the reference). Empty when it names no start.
 */
export function datedOnsets(text: string, now: Date, messageText: string = text): WhenFound[] {
  if (!DATE_WORD.test(text) || !/\b(since|start|began|begun|appeared|showed|first|noticed|found)/.test(text)) return [];
  const reference = statedNow(messageText, now);
  // A named date only: "yesterday", "last night" and "3 days ago" are the duration reader's, to the hour.
  const found = findPastTimes(text, reference).filter((w) => DATE_WORD.test(w.text) && ONSET_BEFORE.test(text.slice(Math.max(0, w.index - 40), w.index)));
  if (found.length > 0) return found;
  // "since my birthday (the 1st), it's the 20th now": a day of the month, in the month it is or the one before.
  const d = SINCE_DAY_OF_MONTH.exec(text);
  if (!d) return [];
  const date = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), Math.min(28, Number(d[1])), 12));
  if (date.getTime() > reference.getTime()) date.setUTCMonth(date.getUTCMonth() - 1);
  return [{ text: d[0], index: d.index, date, daysAgo: Math.floor((reference.getTime() - date.getTime()) / 86_400_000) }];
}
const SINCE_DAY_OF_MONTH = /\b(?:since|started on|started|began on|began|appeared on|first noticed (?:it |this )?on)(?: \S+){0,3}? (?:, )?(?:the )?(\d{1,2}) ?(?:st|nd|rd|th)\b(?! (?:week|weeks|day|days|month|months|birthday|of|time|feed|baby|child|pregnancy))/;
