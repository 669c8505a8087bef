/**
 * What a message tells about the parent ("I'm 30 weeks pregnant", "I stopped nursing 4 months ago",
 * "I'm a dad"), and how long symptoms have lasted ("for two weeks", "since last month").
 */
import { PatternSet } from './prefilter';
import type { ParentContext } from './types';
import type { Sentence } from './text';
import { oneOf, wordTable } from '../text/wordList';
import { integerDigits } from '../text/decimal';
import { SEASON_MONTH } from './when';

/** Season words to the month (0-11) they are remembered by; "fall" is autumn. */
const SEASON_WORDS: ReadonlyMap<string, number> = new Map([...Object.entries(SEASON_MONTH), ['fall', SEASON_MONTH.autumn]]);

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, eighteen: 18, twenty: 20,
  few: 3, couple: 2, several: 4, half: 0.5,
};

const UNIT_DAYS: Record<string, number> = {
  hour: 1 / 24, hours: 1 / 24, day: 1, days: 1, week: 7, weeks: 7, fortnight: 14, month: 30, months: 30, year: 365, years: 365,
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ALIASES: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11 };

/** The same look-ups as indexing the objects above, token by token (see wordTable). */
const unitDays = wordTable(UNIT_DAYS);
const numberWord = wordTable(NUMBER_WORDS);
const monthAlias = wordTable(MONTH_ALIASES);

function monthIndex(word: string): number | undefined {
  const i = MONTHS.indexOf(word);
  if (i >= 0) return i;
  return monthAlias(word);
}

/** Digits, with a decimal part or not ("3", "38.5"): what /^\d+(\.\d+)?$/ matches. */
function isDecimal(word: string): boolean {
  return integerDigits(word) > 0;
}

function numberValue(word: string): number | undefined {
  if (isDecimal(word)) return parseFloat(word);
  return numberWord(word);
}

export interface Duration {
  sentence: Sentence;
  /** Token index where the phrase starts. */
  start: number;
  end: number;
  days: number;
  /** "ago" phrases date an event; "for"/"since" phrases measure how long something lasted. */
  kind: 'for' | 'ago';
  /**
   * "28 wks and there's ...", "crust on my nipples, 29 weeks": a bare number of weeks (4 to 42) that
   * opens or closes a sentence or clause, without "for", "since", "been" or "now", reads as how far
   * along a pregnancy is; the detector drops it for a pregnant parent.
   */
  gestational?: boolean;
}

/** Tokens before a number that mean the number is not how long a symptom lasted. */
const NOT_SYMPTOM_BEFORE = /^(breastfeeding|nursing|pumping|feeding|bf|pregnant|married|every|each|per|within|in|next|baby|she|he|son|daughter|old|age|aged|weaned|stopped|quit|finished|postpartum|birth|delivery|born|antibiotics)$/;
const NOT_SYMPTOM_AFTER = /^(old|pregnant|postpartum|pp|post|into|of|gestation|along|later|from|apart|earlier|early|late|overdue|premature|olds)$/;

/** How long things have lasted, in days ("for 2 weeks", "3 days ago", "since last month"). */
export function findDurations(s: Sentence): Duration[] {
  const out: Duration[] = [];
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    const w = t[i];
    // Fixed phrases.
    if (w === 'since' || w === 'for') {
      const n1 = t[i + 1] ?? '';
      const n2 = t[i + 2] ?? '';
      let days: number | undefined;
      if (w === 'since' && n1 === 'yesterday') days = 1;
      else if (w === 'since' && n1 === 'last' && unitDays(n2)) days = unitDays(n2);
      else if (w === 'since' && monthIndex(n1) !== undefined) days = 45;
      else if (w === 'for' && (n1 === 'weeks' || (n1 === 'many' && n2 === 'weeks'))) days = 14;
      else if (w === 'for' && (n1 === 'months' || (n1 === 'many' && n2 === 'months'))) days = 60;
      else if (w === 'for' && (n1 === 'ages' || n1 === 'years')) days = 60;
      else if (w === 'for' && n1 === 'days') days = 3;
      else if (w === 'for' && n1 === 'a' && n2 === 'while') days = 10;
      if (days !== undefined) {
        out.push({ sentence: s, start: i, end: i + 2, days, kind: 'for' });
        continue;
      }
    }
    if ((w === 'weeks' || w === 'months') && (t[i + 1] === 'now' || (t[i - 1] === 'been' || t[i - 1] === 'few' || t[i - 1] === 'several' || t[i - 1] === 'couple'))) {
      if (!/^\d|^(a|one|two|three|four|five|six|seven|eight|nine|ten|few|couple|several)$/.test(t[i - 1] ?? '')) {
        out.push({ sentence: s, start: i, end: i + 1, days: w === 'weeks' ? 14 : 60, kind: 'for' });
      }
    }
    if (w === 'all' && (t[i + 1] === 'week' || t[i + 1] === 'month')) out.push({ sentence: s, start: i, end: i + 2, days: t[i + 1] === 'week' ? 5 : 20, kind: 'for' });
    // Number + unit.
    let n = numberValue(w);
    let j = i + 1;
    if (n === undefined) continue;
    if (w === 'a' || w === 'an') {
      if (t[j] === 'few') {
        n = 3;
        j++;
      } else if (t[j] === 'couple') {
        n = 2;
        j++;
        if (t[j] === 'of') j++;
      }
    } else if (w === 'couple' && t[j] === 'of') j++;
    else if (w === 'half' && t[j] === 'a') j++;
    // "2 to 3 weeks", "2 or 3 weeks": use the larger.
    if ((t[j] === 'to' || t[j] === 'or') && numberValue(t[j + 1] ?? '') !== undefined) {
      n = Math.max(n, numberValue(t[j + 1])!);
      j += 2;
    }
    if (t[j] === 'more' || t[j] === 'whole' || t[j] === 'full' || t[j] === 'long') j++;
    const unit = t[j] ?? '';
    const perUnit = unitDays(unit);
    if (perUnit === undefined) continue;
    if (NOT_SYMPTOM_AFTER.test(t[j + 1] ?? '')) continue;
    if (t[j + 1] === 'after' && oneOf('birth|delivery|giving|having|the|my|i|she|he|baby').has(t[j + 2] ?? '')) continue;
    let excluded = false;
    for (let k = Math.max(0, i - 3); k < i; k++) if (NOT_SYMPTOM_BEFORE.test(t[k])) excluded = true;
    if (t[i - 1] === 'at' || t[i - 1] === 'in') excluded = true;
    if (excluded) continue;
    const kind: Duration['kind'] = t[j + 1] === 'ago' ? 'ago' : 'for';
    // "28 wks and ...", "crusty bits on my nipples, 29 weeks", "36 weeks with my first": how far along.
    const opening = t.slice(0, i).every((w) => /^(i|am|m|im|currently|now|about|almost|nearly|just|only|so|ok|okay|hi|hey|hello|,)$/.test(w)) || /^(,|at|am|m|im|about|almost|nearly|currently)$/.test(t[i - 1] ?? '');
    const closing = j + 1 >= t.length || /^(,|with|and|along|pregnant|pp|gestation|today|tomorrow|now and)$/.test(t[j + 1] ?? '');
    const measured = oneOf('for|since|been|past|last|over|than|another|whole|entire').has(t[i - 1] ?? '') || oneOf('now|straight|running|in|of|since|already|ago').has(t[j + 1] ?? '');
    const gestational = kind === 'for' && (opening || closing) && !measured && perUnit === 7 && j === i + 1 && n >= 4 && n <= 42;
    out.push({ sentence: s, start: i, end: j + 1 + (kind === 'ago' ? 1 : 0), days: n * perUnit, kind, ...(gestational ? { gestational } : {}) });
    i = j;
  }
  return out;
}

// ------------------------------------------------------------------ parent context

export interface LearnOptions {
  /** "Today", for month names ("I weaned in March"). Defaults to the current date. */
  now?: Date;
}

// "I stopped 5 months ago", with nothing stopped named: to a helper about milk, that is weaning.
const WEANING =
  /\b(i |we |baby |she |he |son |daughter |just |finally |fully |completely |officially )?(self )?(weaned|stopped (breastfeeding|nursing|feeding him|feeding her|pumping|bf|breast feeding|lactating|producing milk)|quit (breastfeeding|nursing|pumping)|finished (breastfeeding|nursing|pumping)|gave up (breastfeeding|nursing|pumping)|no longer (breastfeeding|nursing|pumping|lactating)|not (breastfeeding|nursing|pumping) (anymore|any more|now)|have not (breastfed|nursed|pumped|breastfeed|breastfeeding|nursing)|did not breastfeed|last (breastfed|nursed|pumped|breastfeed|nursing session)|(breastfeeding|nursing|pumping) (ended|stopped|finished)|milk (dried up|has dried up|is gone)|dried up)\b|\b(?:i|we) (?:stopped|quit|finished)(?= (?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of|several) (?:weeks?|months?|years?) ago\b)/;

function weeksFromPhrase(tokens: string[], from: number, now: Date): number | undefined {
  // Look in the rest of the sentence (and a little before) for timing.
  const span = tokens.slice(Math.max(0, from - 6), Math.min(tokens.length, from + 14));
  for (let i = 0; i < span.length; i++) {
    const w = span[i];
    const n1 = span[i + 1] ?? '';
    const n2 = span[i + 2] ?? '';
    // "N units ago" / "over N units ago" / "for N units" / "in N units"
    let n = numberValue(w);
    let j = i + 1;
    if (n !== undefined) {
      if ((w === 'a' || w === 'an') && n1 === 'few') {
        n = 3;
        j++;
      } else if ((w === 'a' || w === 'an' || w === 'couple') && (n1 === 'couple' || n1 === 'of')) {
        n = 2;
        j += n1 === 'couple' ? 1 : 0;
        if (span[j] === 'of') j++;
      }
      if ((span[j] === 'to' || span[j] === 'or') && numberValue(span[j + 1] ?? '') !== undefined) {
        n = Math.max(n, numberValue(span[j + 1])!);
        j += 2;
      }
      const unit = span[j] ?? '';
      const days = unitDays(unit);
      if (days !== undefined && days >= 1) {
        const next = span[j + 1] ?? '';
        const prev = span[i - 1] ?? '';
        // "haven't breastfed in 10 years": after a denial, "in" measures how long.
        const inAfterDenial = prev === 'in' && span.slice(0, i).some((x) => x === 'not' || x === 'never');
        if (next === 'ago' || prev === 'for' || prev === 'over' || prev === 'about' || prev === 'almost' || prev === 'nearly' || prev === 'than' || prev === 'past' || prev === 'last' || next === 'now' || prev === 'been' || inAfterDenial) {
          if (next !== 'old' && next !== 'pregnant') return Math.round((n * days) / 7);
        }
      }
    }
    if (w === 'last' && (n1 === 'week' || n1 === 'month' || n1 === 'year')) return n1 === 'week' ? 1 : n1 === 'month' ? 4 : 52;
    if (w === 'yesterday' || (w === 'this' && n1 === 'week')) return 0;
    if (w === 'this' && n1 === 'month') return 2;
    if (w === 'years' && n1 === 'ago') return 104;
    if (w === 'months' && n1 === 'ago') return 13;
    if (w === 'weeks' && n1 === 'ago') return 3;
    if ((w === 'long' && n1 === 'time' && n2 === 'ago') || (w === 'ages' && n1 === 'ago')) return 52;
    if ((w === 'in' || w === 'since' || w === 'around' || w === 'back') && monthIndex(n1) !== undefined && !(n1 === 'may' && oneOf('be|have|not|i').has(n2))) {
      const m = monthIndex(n1)!;
      let months = now.getMonth() - m;
      let year = now.getFullYear();
      if (/^\d{4}$/.test(n2)) {
        year = parseInt(n2, 10);
        months = (now.getFullYear() - year) * 12 + now.getMonth() - m;
      } else if (months < 0) months += 12;
      const mid = new Date(year, m, 15);
      if (!/^\d{4}$/.test(n2) && now.getMonth() - m < 0) mid.setFullYear(now.getFullYear() - 1);
      const ms = now.getTime() - mid.getTime();
      const weeks = Math.max(0, Math.round(ms / (7 * 24 * 3600 * 1000)));
      return months >= 0 ? weeks : undefined;
    }
    // "in the summer", "last summer": weeks since the middle of that season.
    const seasonMonth = SEASON_WORDS.get(n1 === 'the' ? n2 : n1);
    if ((w === 'in' || w === 'this' || w === 'last' || w === 'since') && seasonMonth !== undefined) {
      let months = now.getMonth() - seasonMonth;
      // "last summer" said in December is the summer just gone; said in July, the one a year before.
      if (months < 0) months += 12;
      if (w === 'last' && months < 3) months += 12;
      return Math.round((months * 30) / 7);
    }
    if (w === 'in' && /^\d{4}$/.test(n1)) {
      const years = now.getFullYear() - parseInt(n1, 10);
      return years >= 0 ? Math.max(0, years * 52 - 26) : undefined;
    }
  }
  return undefined;
}

const MALE_SELF_AGE = /(^|\. |, )(i am |i m |im )?(a )?\d{1,2} ?(yo|y o|year old|years old|yr old|yrs old|years|m|male)? ?(boy|guy|male|man|dude|lad|bloke)\b(?! (friend|baby|child|son))|(^|, )(male|m|man|guy|dude|boy|bloke|lad|fella|dad) ?,? ?(\d{1,2}|here|aged \d{1,2})\b|^(a )?(new |first time |proud |tired |young )?(dad|father|daddy|guy|man|bloke)( here)? ,|^(\d{1,2}) ?,? ?(m|male)\b|^(me|i am|i m|im) ,? ?(m|male) ,? ?\d{1,2}\b/;
const MALE_SELF =
  /\b(i am|i m|im|as|me|being|i was born) (a |an )?(\d+ ?(year old |yo |y o |years old )?)?(new |first time |young |old |single |stay at home |gay |trans |straight |teenage |teen |cis |middle aged )?(guy|man|male|dude|boy|dad|father|husband|bloke|gentleman|lad|fella|fellow|daddy)\b|\b\d{2} ?male\b(?! (baby|son|old|friend))|\b(i am|i m) (his|the|her) (dad|father|husband)\b|^(a )?trans (man|guy|male)\b|\bftm\b|\b(i am|i m|been) on testosterone\b/;
const NOT_MALE = /\b(not a (guy|man|male|dad))\b/;

/** What one sentence may say about the parent: each fact of learnContext needs one of these to match. */
const PREGNANT_STATED = /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|\d+ to \d+) (weeks?|months?|wks) pregnant\b|\b(i am|i m|am|currently|now|just found out i am|found out i am|we are|i have been) (\S+ )?(pregnant|expecting)\b|\bpregnant (with|again|for the)\b|\b(second|third|first|1|2|3) trimester\b|\b(first|second|third|fourth|1st|2nd|3rd|4th|this|current) pregnancy ,? (\d+|\d+ to \d+) (weeks?|wks?)\b|\b\d+ (weeks?|wks?) (along|gestation)\b|\bmy due date\b|\bdue (in|on|date)\b|\bduring (my |this )?pregnancy\b/;
const BREASTFEEDING_STATED = /\b(i am|i m|am|currently|still|i have been|been|we are|we have been|now|while i am|i) (exclusively |still |currently |also |mostly |only |just )?(breastfeeding|nursing|breast feeding|chestfeeding|chest feeding|tandem feeding|tandem nursing|combi feeding|combo feeding)\b|\b(breastfeeding|nursing) (my|our|a|the|twins|him|her)\b|\bi (breastfeed|nurse)\b|\bmy (breastfed|nursing|exclusively breastfed|ebf) (baby|son|daughter|twins)\b|\bbreastfeeding mom\b|\bnursing mom\b/;
const BREASTFEEDING_WHILE = /\b(i|i am|i m)\b.*\b(and|while|also|currently|still) (breastfeeding|nursing|pumping)\b/;
const PUMPING_STATED = /\b(exclusively pumping|i pump|i am pumping|i m pumping|im pumping|pumping (at work|for (my|him|her|the)|exclusively|every|\d+ times)|exclusive pumper|exclusively pump|i have been pumping|still pumping)\b/;
const LAST_FED = /\b(have not|has not|not|never) (fed|breastfed|nursed)( (him|her|them|the baby|my baby))? (in|for|since)\b|\b(last|final) (feed|feeding|fed|nursing session|breastfeed|breastfeeding session)\b/;
/** "I stop to breastfeed since 5 months": stopped, and for how long (as written by parents new to English too). */
const STOPPED_FOR = /\b(?:stop|stopped|quit) (?:to |with )?(?:breastfeed|breastfeeding|feed|feeding|nurse|nursing|bf) (?:since|for|about|almost|over|more than) (\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of|several) (weeks?|months?|years?)\b/;
const TIME_SINCE_WEANING = /\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of|several) (weeks?|months?|years?) (after|since|post) (fully |completely )?(weaning|i weaned|we weaned|she weaned|he weaned|baby weaned|stopping (breastfeeding|nursing|pumping)|i stopped (breastfeeding|nursing|pumping)|i quit|the last (feed|nursing session)|my last (feed|nursing session)|finishing (breastfeeding|nursing))\b/;
const SINCE_WEANING = /\b(since|after) (fully |completely )?(weaning|i weaned|we weaned)\b/;
const FORMULA_ONLY = /\b(formula feeding|formula feed|formula fed|exclusively formula|bottle feeding formula|switched to formula|decided not to breastfeed|chose not to breastfeed|did not breastfeed|could not breastfeed)\b/;
const NONE_NOT_EITHER = /\bnot (currently |even )?(pregnant|breastfeeding|nursing|lactating)( or| and| nor|,)+ (pregnant|breastfeeding|nursing|lactating)\b/;
const NONE_NEITHER = /\b(neither|nor) (pregnant|breastfeeding|nursing)\b/;
const NONE_NEVER = /\b(never|not ever) (been )?(pregnant|breastfed|breastfeed|breastfeeding|nursed|(had|have|has) (a baby|baby|kids|children|a child|babies))\b/;
const NONE_NO_CHILDREN = /\b(do not|did not) have (any )?(kids|children|a baby|babies|a child)\b|\bno kids\b|\bchildless\b|\bnever had kids\b|\b(have not|had not|not) had a baby (in|for) (\d+|two|three|four|five|six|seven|eight|nine|ten|many|several|a few) years\b|(^|, )(i am |i m |im )?not a (mum|mom|mother|parent)( yet)?( ,| but| and| so|$)/;
const NONE_MENOPAUSE = /\b(post ?menopaus\w*|peri ?menopaus\w*|menopause|menopausal|after menopause|went through the change|going through the change)\b/;
const NONE_CHILD_OLDER = /\b(my )?(youngest|last baby|last child|baby|kids|children|son|daughter|little one) (is|are|was|were) (now )?([4-9]|[1-9]\d|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty)( years?| yrs?)?( old)?\b(?! (weeks?|days?|months?|mo|wks?))/;
const NONE_VIRGIN = /\b(i am|i m) (a )?virgin\b/;
// "no baby, milk coming out", "I have no baby", "no babies for decades", "my kids are teens now"
const NONE_NO_BABY = /\b(i have|i ve got|have|having|with|got) no (baby|babies|kids|children|child)\b|(^|, |\band |\bbut |\bwith )no (baby|babies|kids|children)( ,| and|$)|\bno (babies|kids|children|pregnancies) (for|in) (years|decades|ages|a long time|\d+ years)\b/;
const NONE_CHILDREN_GROWN = /\b(mum|mom|mother|mama|parent) of (teens|teenagers|grown ups|adults|grown up kids|adult kids|adult children)\b|\b(youngest|kids|children|son|daughter|baby) (is|are|s) (now )?(a |all )?(teen|teens|teenager|teenagers|grown|grown up|adults?|in (high|secondary|middle) school|at (high|secondary|middle) school|at uni|at university|at college)\b/;
const NONE_NOT_LACTATING = /\bnot (even |currently )?(breastfeeding|nursing|lactating)\b(?! (anymore|any more|now|since))/;
const NONE_NOT_PREGNANT = /\bnot pregnant\b/;
const NONE_HAVE_NOT_FED = /\bhave not (breastfed|nursed|breastfeed|breastfeeding|lactated)\b(?! (since|for|in|anymore|any more|lately|recently|\d|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|couple|my|him|her|them|the))/;
const CHILD_NAMED = /\b(baby|babies|newborn|son|daughter|kids?|children|child|toddler|little one|lo|postpartum|birth|weaned|weaning|formula)\b/;
export const SENTENCE_FACTS: readonly RegExp[] = [PREGNANT_STATED, BREASTFEEDING_STATED, BREASTFEEDING_WHILE, PUMPING_STATED, LAST_FED, WEANING, TIME_SINCE_WEANING, STOPPED_FOR, SINCE_WEANING, FORMULA_ONLY, NONE_NOT_EITHER, NONE_NEITHER, NONE_NEVER, NONE_NO_CHILDREN, NONE_MENOPAUSE, NONE_CHILD_OLDER, NONE_VIRGIN, NONE_NO_BABY, NONE_CHILDREN_GROWN, NONE_NOT_LACTATING, NONE_NOT_PREGNANT];
/** One group, all of SENTENCE_FACTS: whether any of them may match is one answer of the scan. */
export const SENTENCE_FACTS_FILTER = new PatternSet(SENTENCE_FACTS, [SENTENCE_FACTS]);
const ANY_SENTENCE_FACT = 0;

/** Facts about the parent stated in the message. */
export function learnContext(sentences: Sentence[], options: LearnOptions = {}): Partial<ParentContext> {
  const now = options.now ?? new Date();
  const learned: Partial<ParentContext> = {};
  const all = sentences.map((s) => s.text).join(' . ');
  let pregnant = false;
  let breastfeeding = false;
  let pumping = false;
  let weaned = false;
  let weeks: number | undefined;
  let none = false;

  for (const s of sentences) {
    const text = s.text;
    // Every fact below needs one of these patterns to match: a sentence that can match none says nothing.
    const presence = SENTENCE_FACTS_FILTER.scan(text);
    if (!presence.group(ANY_SENTENCE_FACT)) continue;
    // A pattern whose required words are absent cannot match: it is not run (presence.may).
    if (
      presence.may(PREGNANT_STATED) && PREGNANT_STATED.test(text) &&
      !/\b(not|never|no longer) (\S+ )?(pregnant|expecting)\b/.test(text) &&
      !/\bwhen i was pregnant\b|\b(last|previous) pregnancy\b|\b(in|during|with|after|since) (my )?first pregnancy\b/.test(text)
    ) {
      pregnant = true;
    }
    if ((presence.may(BREASTFEEDING_STATED) && BREASTFEEDING_STATED.test(text) || presence.may(BREASTFEEDING_WHILE) && BREASTFEEDING_WHILE.test(text)) && !/\b(if|can|should|could|when|whether) i (breastfeed|nurse|am breastfeeding)\b/.test(text) && !/\b(not|no longer|stopped|quit|never|finished|gave up|used to|was|when i was)\b(?: \S+){0,2} (breastfeeding|nursing|breast feeding)\b/.test(text)) breastfeeding = true;
    if (presence.may(PUMPING_STATED) && PUMPING_STATED.test(text) && !/\b(not|stopped|quit|no longer)\b(?: \S+){0,2} pumping\b/.test(text)) pumping = true;

    // "haven't fed in over a year", "my last feed was 14 months ago": weaning only with a long enough time.
    const fed = presence.may(LAST_FED) ? LAST_FED.exec(text) : null;
    if (fed && !(presence.may(WEANING) && WEANING.test(text))) {
      const from = text.slice(0, fed.index).split(' ').filter((x) => x.length > 0).length;
      const w = weeksFromPhrase(s.tokens, from, now);
      if (w !== undefined && w >= 8) {
        weaned = true;
        weeks = weeks === undefined ? w : Math.max(weeks, w);
      }
    }
    const wm = presence.may(WEANING) ? WEANING.exec(text) : null;
    // "I'm not pregnant and haven't breastfed", with no time and no child named: never fed, not weaned.
    const neverFed = NONE_HAVE_NOT_FED.test(text) && !CHILD_NAMED.test(all);
    if (neverFed) none = true;
    if (wm && !neverFed && !/\b(if|should|how|can|will|thinking about|thinking of|planning|want to|going to|about to|trying to|how to|when to|when should)\b(?: \S+){0,3}$/.test(text.slice(0, wm.index).trim()) ) {
      weaned = true;
      const from = text.slice(0, wm.index).split(' ').filter((x) => x.length > 0).length;
      const w = weeksFromPhrase(s.tokens, from, now);
      if (w !== undefined) weeks = weeks === undefined ? w : Math.max(weeks, w);
    }
    const after = (presence.may(TIME_SINCE_WEANING) ? TIME_SINCE_WEANING.exec(text) : null) ?? (presence.may(STOPPED_FOR) ? STOPPED_FOR.exec(text) : null);
    if (after) {
      weaned = true;
      const n = after[1] === 'few' ? 3 : after[1] === 'couple of' ? 2 : after[1] === 'several' ? 4 : numberValue(after[1]) ?? 1;
      const unit = after[2].replace(/s$/, '');
      const w = Math.round((n * (unit === 'week' ? 7 : unit === 'month' ? 30 : 365)) / 7);
      weeks = weeks === undefined ? w : Math.max(weeks, w);
    } else if (presence.may(SINCE_WEANING) && SINCE_WEANING.test(text) && !/^(how|what|when|should|can|will|does|do|is|why|if)\b/.test(text)) {
      weaned = true;
    }
    if (presence.may(FORMULA_ONLY) && FORMULA_ONLY.test(text)) {
      weaned = true;
    }
    if (
      presence.may(NONE_NOT_EITHER) && NONE_NOT_EITHER.test(text) ||
      presence.may(NONE_NEITHER) && NONE_NEITHER.test(text) ||
      presence.may(NONE_NEVER) && NONE_NEVER.test(text) ||
      presence.may(NONE_NO_CHILDREN) && NONE_NO_CHILDREN.test(text) ||
      presence.may(NONE_MENOPAUSE) && NONE_MENOPAUSE.test(text) ||
      presence.may(NONE_CHILD_OLDER) && NONE_CHILD_OLDER.test(text) && !/\b(breastfeeding|nursing|pumping|pregnant|expecting|weaned|weaning)\b/.test(all) ||
      presence.may(NONE_VIRGIN) && NONE_VIRGIN.test(text) ||
      presence.may(NONE_NO_BABY) && NONE_NO_BABY.test(text) ||
      presence.may(NONE_CHILDREN_GROWN) && NONE_CHILDREN_GROWN.test(text) && !/\b(breastfeeding|nursing|pumping|pregnant|expecting|weaned|weaning)\b/.test(all) ||
      presence.may(NONE_NOT_LACTATING) && NONE_NOT_LACTATING.test(text) ||
      presence.may(NONE_NOT_PREGNANT) && NONE_NOT_PREGNANT.test(text) && !/\b(baby|babies|newborn|son|daughter|breastfeeding|nursing|pumping|feed|feeds|feeding|postpartum|birth|weaned|weaning|stopped (breastfeeding|nursing|feeding|pumping|bf)|formula)\b/.test(all)
    ) {
      none = true;
    }
  }

  if (pregnant) learned.lactation = 'pregnant';
  else if (pumping) learned.lactation = 'pumping';
  else if (breastfeeding && !weaned) learned.lactation = 'breastfeeding';
  else if (weaned) {
    learned.lactation = 'weaned';
    if (weeks !== undefined) learned.weanedWeeksAgo = weeks;
  } else if (none) learned.lactation = 'none';
  if (breastfeeding && weaned && !pregnant) {
    // "I stopped breastfeeding my first ... now nursing the baby" is rare; a clear weaning phrase wins
    // unless there is also a present-tense breastfeeding statement in a later sentence.
    learned.lactation = 'weaned';
    if (weeks !== undefined) learned.weanedWeeksAgo = weeks;
  }

  if ((MALE_SELF.test(all) || MALE_SELF_AGE.test(all)) && !NOT_MALE.test(all)) learned.male = true;
  // Age: people of 50 or more who say nothing about a pregnancy or a baby are very unlikely to be lactating.
  const age = /\b(i am|i m|im|age|aged) (\d{2})( years old| yo| y o| year old| f| female)?\b(?! (weeks?|days?|months?|hours?|times|pounds|lbs|kg))|^(\d{2}) ?(f|female|yo|year old|and(?= )|,)/.exec(all);
  const years = age ? parseInt(age[2] ?? age[5], 10) : NaN;
  if (!learned.lactation && years >= 50 && !/\b(pregnant|breastfeeding|nursing|pumping|baby|newborn|postpartum|weaned|weaning|birth)\b/.test(all)) {
    learned.lactation = 'none';
  }
  return learned;
}

const MALE_OTHER = /\b(husband|boyfriend|brother|father|dad|he|his|him|man|men|guy|guys|male|males|boy|boys|fiance|son|grandpa|grandfather|uncle|nephew)\b/;
const FEMALE_OTHER = /\b(wife|girlfriend|she|her|hers|daughter|sister|mother|mum|mom|woman|women|lady|ladies|girl|girls|fiancee)\b|\bpartner\b(?: \S+){0,4} (breastfeeding|nursing|pumping|pregnant|breastfeeds|nurses)\b/;

/** A male person is the one with the nipple or discharge, not just someone in the sentence ("hugging my husband"). */
const MALE_IS_EXPERIENCER = /\b(he|his)\b|\b(husband|boyfriend|brother|father|dad|man|men|guy|guys|male|males|boy|boys|fiance|son|grandpa|grandfather|uncle|nephew|partner) (has|have|keeps|keep|noticed|nipple|nipples|chest|breast|breasts|leaks|leak|leaking|gets|get|got|had|ever|with|can (leak|lactate|produce|make|get|have))\b/;

/** Words that give a clause its own owner of the breast or nipple (a subject or a possessive). */
const OWN_SUBJECT = /\b(i|my|me|im|mine|he|his|him|she|her|husband|boyfriend|partner|wife|girlfriend|brother|father|dad|son|man|guy)\b/;
const FIRST_PERSON_WORDS = /\b(i|my|me|im|mine|myself)\b/;
const MY_PERSON = /\b(my|our) (husband|boyfriend|partner|wife|girlfriend|son|daughter|baby|babies|newborn|brother|father|dad|mom|mum|mother|sister|friend|fiance|fiancee|doctor|midwife|nurse|gp|boss|kids?|child|children|toddler|little one|lo|uncle|grandpa|grandfather|cousin)\b/g;
/** First person as the owner of the body part ("I leak", "my nipple"), not as in "my husband". */
function firstPersonOwner(text: string): boolean {
  return FIRST_PERSON_WORDS.test(text.replace(MY_PERSON, ' '));
}
const BABY_HERE = /\b(baby|babies|newborn|infant|little one|lo|toddler)\b/;
/** What only a feeding baby does ("when he pulls off", "the side he didn't feed from"): "he" is the baby. */
const BABY_ACTION = /\bhe (\S+ ){0,2}(pulls off|pulled off|pulling off|comes off|came off|unlatch\w*|latch\w*|feeds|fed|feed|feeding|nurses|nursed|nurse|nursing|sucks|sucked|suck|sucking|suckles|suckled|burps|burped|finishes feeding|finished feeding|cries|cried|cry|crying|wails|screams|screamed|fusses|fussed|fussing|wakes up|woke up|wakes for|woke for)\b|\b(feed|feeding|fed|nurse|nursing|latch|latching|burp|burping) him\b|\bhe (\S+ ){0,2}(is|s) (hungry|due a feed)\b/;
const ADULT_MALE = /\b(husband|boyfriend|brother|father|dad|man|men|guy|guys|male|males|fiance|grandpa|grandfather|uncle|nephew|partner)\b/;

/**
 * The words about the person whose discharge is at `at`: its clause, and the clauses before it while
 * the clause has no owner of its own ("my husband noticed fluid, coming from his nipple").
 */
function experiencerScope(s: Sentence, at: number): string {
  let c = s.clauseOf[Math.min(at, s.tokens.length - 1)] ?? 0;
  let text = s.tokens.slice(s.clauses[c].start, s.clauses[c].end).join(' ');
  while (!OWN_SUBJECT.test(text) && c > 0 && s.clauses[c].boundary !== 'contrast') {
    c--;
    text = `${s.tokens.slice(s.clauses[c].start, s.clauses[c].end).join(' ')} ${text}`;
  }
  return text;
}

/**
 * Is the person whose nipple leaks a man? With `at` (the discharge mention's first token) only that
 * discharge's clause counts: "my husband has a fever, I'm fine just leaking" is the parent's own
 * leaking, and "baby's face goes red when he cries and then I leak" is about the baby and the parent.
 */
export function maleExperiencer(s: Sentence, selfMale: boolean, at?: number): boolean {
  // Only a man named in the words read below (a stretch of the sentence) makes it a man's when the
  // parent is not one: a sentence naming none is read no further.
  if (!selfMale && !MALE_OTHER.test(s.text)) return false;
  const text = at === undefined ? s.text : experiencerScope(s, at);
  // The parent's own nipple, in a clause that names no man's ("I leak", "my nipple"): the parent.
  const ownLeak = at !== undefined && firstPersonOwner(text) && !/\b(his|him) (left |right |own )?(nipple|nipples|chest|breast|breasts|boob|boobs|areola|pecs?)\b|\bhe (has|is|keeps|leaks|noticed|got|gets|had)\b/.test(text);
  // "my friend's husband", "my sister's boyfriend": a man of someone else's, told about, not the parent's own concern.
  if (!ownLeak && othersMan(s).test(text)) return false;
  if (!ownLeak && MALE_OTHER.test(text) && MALE_IS_EXPERIENCER.test(text) && !FEMALE_OTHER.test(text)) {
    // "my son" alone is usually a baby (newborn "witch's milk" is normal); the baby check happens
    // when the mention's status is computed, so here only adults matter. The whole sentence tells
    // whose child it is ("my son is 2 and his nipples leak").
    const grown = /\b(teen|teenage|teenager|\d{2} ?(year|years|yo|y o|yr)|adult|grown)\b/.test(s.text);
    if (/\b(son|boy|boys)\b/.test(s.text) && !ADULT_MALE.test(text) && !grown) return false;
    // "he" with a baby in the sentence ("he is 3 weeks old") and no grown man named is the baby.
    const babyAge = /\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few) (days?|weeks?|months?|wks?|mos?) old\b/.test(s.text);
    if (!ADULT_MALE.test(text) && (BABY_HERE.test(s.text) || babyAge || BABY_ACTION.test(s.text)) && !grown) return false;
    return true;
  }
  // "my wife leaks loads, but now my nipple is leaking too? I'm her husband": his own nipple.
  if (ownLeak && selfMale && MY_BODY.test(s.text)) return true;
  // A man telling of his partner ("how can I support my partner with leaking"): hers, unless his own body is named.
  if (selfMale && PARTNER.test(s.text) && !MY_BODY.test(s.text)) return false;
  return selfMale && !FEMALE_OTHER.test(s.text);
}
const PARTNER = /\b(my|our) (partner|wife|girlfriend|missus|other half|spouse|fiancee)s?\b/;
const MY_BODY = /\bmy (left |right |own )?(nipple|nipples|chest|breast|breasts|boob|boobs|areola|pecs?|moobs)\b|\bi (leak|am leaking|m leaking|have|ve got|got|noticed)\b/;

/** Someone else's man ("friend s husband"): an experiencer-other word owning an experiencer-man word (the apostrophe is gone by now). */
const othersMen = new WeakMap<Sentence['knowledge'], RegExp>();
function othersMan(s: Sentence): RegExp {
  let re = othersMen.get(s.knowledge);
  if (!re) {
    const { modifiers } = s.knowledge;
    re = new RegExp(`\\b(${[...modifiers['experiencer-other'].words].join('|')})(?:s| s)? (${[...modifiers['experiencer-man'].words].join('|')})\\b`);
    othersMen.set(s.knowledge, re);
  }
  return re;
}

/** A grown man as the subject: the experiencer-man words of knowledge/safety/modifiers.yaml, or he/him/his. */
const maleSubjects = new WeakMap<Sentence['knowledge'], RegExp>();
function maleOtherSubject(s: Sentence): RegExp {
  let re = maleSubjects.get(s.knowledge);
  if (!re) {
    re = new RegExp(`\\b(${[...s.knowledge.modifiers['experiencer-man'].words, 'he', 'him', 'his'].join('|')})\\b`);
    maleSubjects.set(s.knowledge, re);
  }
  return re;
}

/**
 * "my husband has a cold and a fever": the sign at `at` belongs to a man other than the parent (the
 * clause names him and no first-person owner), so it is not the parent's breast-infection sign. A
 * partner of unknown sex still counts: the partner may be the one breastfeeding.
 */
export function maleOtherExperiencer(s: Sentence, at: number): boolean {
  // The man must be named in the words read below, a stretch of the sentence: a sentence naming none is read no further.
  if (!maleOtherSubject(s).test(s.text)) return false;
  const text = experiencerScope(s, at);
  if (firstPersonOwner(text) || FEMALE_OTHER.test(text)) return false;
  const named = maleOtherSubject(s).exec(text);
  if (!named) return false;
  if (oneOf('he|him|his').has(named[0]) && !ADULT_MALE.test(text) && BABY_HERE.test(s.text)) return false;
  return true;
}
