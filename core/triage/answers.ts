import { basicNormalise } from '../text/basicNormalise';
import type { EmojiWords } from '../text/emoji';
import type { AnswerOf, QuestionId } from './content';
import { defaultAnswerVocabulary, type AnswerVocabulary } from './vocabulary';

/**
 * Reads a typed answer to one symptom-check question, with each option's words from
 * knowledge/symptom-check.yaml. Returns the answer value, or undefined when the words don't answer the
 * question (the dialog then asks again or treats it as a new question).
 */

const NEGATION = /\b(no|not|never|without|none|nothing|neither|nor|don't|dont|didn't|haven't|hasn't)\b/;

/** Clauses, so "no lump but it hurts" reads the pain without the "no". */
function clauses(text: string): string[] {
  return text.split(/\s*(?:[,;.!?]|\bbut\b|\bthough\b|\bhowever\b|\bexcept\b|\band\b|\balso\b|\bplus\b)\s*/).filter((c) => c.length > 0);
}

function clean(raw: string, emoji?: EmojiWords): string {
  return basicNormalise(raw, emoji).replace(/[^\p{L}\p{N}\s',.;!?\u00b0-]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** True when `pattern` appears in a clause that does not negate it before the match. */
function affirms(text: string, pattern: RegExp): boolean {
  return clauses(text).some((clause) => {
    const match = pattern.exec(clause);
    if (!match) return false;
    return !NEGATION.test(clause.slice(0, match.index));
  });
}

function denies(text: string, pattern: RegExp): boolean {
  return clauses(text).some((clause) => {
    const match = pattern.exec(clause);
    return match !== null && NEGATION.test(clause.slice(0, match.index));
  });
}

const YES = /^(y|ya|yah|yes+|yep+|yup+|yeah+|yea|sure|ok|okay|definitely|absolutely|i do|i am|i have|it is|they are|kind of|kinda|sort of|a (?:little|bit)|a little bit|a little|some|correct|right|true|affirmative|uh huh|mhm+|mm+)\b/;
const NO = /^(n|no+|nope+|nah+|not really|not at all|none|nothing|neither|i do not|i am not|i have not|i don't|no way|negative|never)\b/;

/**
 * "Not sure", "maybe", "a little", "idk", "maybe a little pink": an answer that neither confirms nor
 * rules out. About a warning sign, it gets the sign's advice "to be safe".
 */
const UNSURE = /^(?:not (?:sure|certain)|unsure|uncertain|maybe|mayb|perhaps|possibly|probably|might be|could be|i think so|i guess|idk|i dunno|dunno|i do not know|do not know|i don't know|i dont know|don't know|dont know|not know|no idea|i am not sure|i'm not sure|im not sure|not really sure|hard to say|can't tell|cant tell|kind of|kinda|sort of|a (?:little|bit)|a little bit|a tiny bit|slightly|somewhat|hmm+|umm*|eh)\b/;

export function isUnsure(raw: string, emoji?: EmojiWords): boolean {
  return UNSURE.test(clean(raw, emoji));
}

/** `emoji`: read known emoji as words (a 👍 is a yes), as the composition root configured them. */
export function parseYesNo(raw: string, emoji?: EmojiWords): 'yes' | 'no' | undefined {
  const text = clean(raw, emoji);
  if (NO.test(text)) return 'no';
  if (YES.test(text)) return 'yes';
  return undefined;
}

/** "Sometimes", "on and off", "not sure": anything short of a clear no, anywhere in the answer. */
const PARTLY = /\b(sometimes|some ?times|at times|occasionally|now and (?:then|again)|on and off|off and on|some (?:days|nights|mornings|evenings)|every so often|once or twice|a few times|maybe|possibly|perhaps|i think so|i guess|probably|not sure|unsure|don'?t know|dunno|idk|hard to say|kind of|kinda|sort of|sorta)\b/;
const PARTLY_AT_START = /^(a (?:little|bit)|a little bit|little bit|bit|slightly|somewhat|some|yes and no|hmm+|um+)\b/;

/**
 * An answer to a screening question about an emergency (thoughts of self-harm, of harming the baby,
 * psychosis): "sometimes", "kind of", "a bit", "not sure" count as yes; only a clear no is a no.
 */
export function parseScreeningAnswer(raw: string): 'yes' | 'no' | undefined {
  const text = clean(raw);
  if (PARTLY.test(text) || PARTLY_AT_START.test(text)) return 'yes';
  return parseYesNo(raw);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_PATTERN = new RegExp(`\\b(?:in |since |back in |around |end of |beginning of )?(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\b`);
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  couple: 2, 'a couple': 2, 'a couple of': 2, few: 3, 'a few': 3, several: 4,
};
const UNIT_WEEKS: Record<string, number> = { day: 1 / 7, week: 1, month: 4.35, year: 52 };

/** Weeks since something, from "3 months ago", "last week", "in March", "a couple of weeks", "yesterday". */
export function weeksAgo(raw: string, now: Date = new Date()): number | undefined {
  const text = clean(raw);
  if (/\b(yesterday|today|this morning|last night|just now)\b/.test(text)) return 0;
  if (/\blast week\b/.test(text)) return 1;
  if (/\blast month\b/.test(text)) return 4.35;
  if (/\blast year\b/.test(text)) return 52;
  const amount = /\b(\d+(?:\.\d+)?|a couple of|a couple|a few|couple|few|several|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:and a half\s+)?(day|week|month|year)s?\b/.exec(text);
  if (amount) {
    const n = Number.isFinite(Number(amount[1])) ? Number(amount[1]) : NUMBER_WORDS[amount[1]];
    return n * UNIT_WEEKS[amount[2]];
  }
  const month = MONTH_PATTERN.exec(text);
  if (month) {
    const index = MONTHS.findIndex((m) => m.startsWith(month[1].slice(0, 3)));
    let months = now.getMonth() - index;
    if (months < 0) months += 12;
    // Mid-month is the honest guess when only the month is named.
    return Math.max(0, months * 4.35 + (now.getDate() - 15) / 7);
  }
  return undefined;
}

function weanedBucket(weeks: number, v: AnswerVocabulary): AnswerOf<'weanedWhen'> {
  if (weeks < v.thresholds.weaningWindDownWeeks) return 'under-3-weeks';
  if (weeks < v.thresholds.weanedWeeks) return 'under-3-months';
  return 'over-3-months';
}

type Parser<Q extends QuestionId> = (text: string, now: Date, v: AnswerVocabulary) => AnswerOf<Q> | undefined;

/**
 * How each question's answer is read: which option's words come first, and whether a word counts
 * negated. The words themselves are each option's, in knowledge/symptom-check.yaml.
 */
const parsers: { [Q in QuestionId]: Parser<Q> } = {
  status(text, _now, v) {
    const w = (value: AnswerOf<'status'>) => v.answer('status', value);
    // "I stopped breastfeeding" is weaned, whatever else it says.
    if (w('weaned').words.test(text)) return 'weaned';
    if (affirms(text, w('pregnant').words)) return 'pregnant';
    if (affirms(text, w('breastfeeding').words)) return 'breastfeeding';
    const none = w('none');
    if (none.opening.test(text) || none.words.test(text)) return 'none';
    if (denies(text, none.denied)) return 'none';
    return undefined;
  },
  weanedWhen(text, now, v) {
    const w = (value: AnswerOf<'weanedWhen'>) => v.answer('weanedWhen', value);
    if (w('under-3-weeks').words.test(text) && weeksAgo(text, now) === undefined) return 'under-3-weeks';
    const weeks = weeksAgo(text, now);
    if (weeks !== undefined) return weanedBucket(weeks, v);
    if (w('over-3-months').words.test(text)) return 'over-3-months';
    return undefined;
  },
  side(text, _now, v) {
    if (v.answer('side', 'both').words.test(text)) return 'both';
    if (v.answer('side', 'one').words.test(text)) return 'one';
    return undefined;
  },
  colour(text, _now, v) {
    // A warning sign first: "milk with a pink tinge" is bloody.
    for (const value of ['bloody', 'clear', 'green', 'yellow', 'milky'] as const) if (affirms(text, v.answer('colour', value).words)) return value;
    return undefined;
  },
  crackedNipples(text, _now, v) {
    if (affirms(text, v.answer('crackedNipples', 'yes').words)) return 'yes';
    return parseYesNo(text);
  },
  trigger(text, _now, v) {
    if (v.answer('trigger', 'own').words.test(text)) return 'own';
    if (v.answer('trigger', 'squeezed').words.test(text)) return 'squeezed';
    return undefined;
  },
  signs(text, _now, v) {
    for (const value of ['fever', 'lump', 'pain-redness'] as const) if (affirms(text, v.answer('signs', value).words)) return value;
    if (v.answer('signs', 'none').opening.test(text) || NEGATION.test(text)) return 'none';
    return undefined;
  },
  feverToo(text, _now, v) {
    if (affirms(text, v.answer('feverToo', 'yes').words)) return 'yes';
    return parseYesNo(text);
  },
  breastSigns(text, _now, v) {
    if (affirms(text, v.answer('breastSigns', 'yes').words)) return 'yes';
    return parseYesNo(text);
  },
  lumpDuration(text, now, v) {
    const weeks = weeksAgo(text, now);
    if (weeks !== undefined) return weeks >= 1 ? 'over-week' : 'under-week';
    if (v.answer('lumpDuration', 'under-week').words.test(text)) return 'under-week';
    if (v.answer('lumpDuration', 'over-week').words.test(text)) return 'over-week';
    return undefined;
  },
  other(text, _now, v) {
    const w = (value: AnswerOf<'other'>) => v.answer('other', value);
    if (affirms(text, w('headaches-vision').words)) return 'headaches-vision';
    const missed = w('missed-periods');
    if ((affirms(text, missed.said) && missed.with.test(text)) || missed.words.test(text)) return 'missed-periods';
    if (affirms(text, w('new-medicine').words)) return 'new-medicine';
    if (w('none').opening.test(text)) return 'none';
    return undefined;
  },
  pattern(text, _now, v) {
    const order = ['heavy', 'other-side', 'full', 'shower', 'sex', 'baby', 'no-pattern'] as const;
    return order.find((value) => v.answer('pattern', value).words.test(text));
  },
};

/** Misspellings and slang of the one lexicon, word by word ("fevr" -> "fever"). */
function respell(text: string, v: AnswerVocabulary): string {
  return text.replace(/[a-z]+/g, (w) => v.spelling.get(w) ?? w);
}

/**
 * `vocabulary`: the words of knowledge/safety/concepts.yaml; `emoji`: known emoji read as words ("🩸"
 * answers the colour question). The composition root passes its own of both.
 */
export function parseAnswer<Q extends QuestionId>(
  question: Q,
  raw: string,
  now: Date = new Date(),
  vocabulary: AnswerVocabulary = defaultAnswerVocabulary(),
  emoji?: EmojiWords,
): AnswerOf<Q> | undefined {
  const cleaned = clean(raw, emoji);
  if (cleaned.length === 0 || cleaned.length > 500) return undefined;
  return (parsers[question] as Parser<Q>)(respell(cleaned, vocabulary), now, vocabulary);
}
