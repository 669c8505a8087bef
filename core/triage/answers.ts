import { basicNormalise } from '../text/basicNormalise';
import type { EmojiWords } from '../text/emoji';
import type { AnswerOf, QuestionId } from './content';
import { defaultAnswerVocabulary, type AnswerVocabulary } from './vocabulary';

/**
 * Reads a typed answer to one symptom-check question. Returns the answer value, or undefined when the
 * words don't answer the question (the dialog then asks again or treats it as a new question).
 */

const NEGATION = /\b(no|not|never|without|none|nothing|neither|nor|don't|dont|didn't|haven't|hasn't)\b/;

/** Clauses, so "no lump but it hurts" reads the pain without the "no". */
function clauses(text: string): string[] {
  return text.split(/\s*(?:[,;.!?]|\bbut\b|\bthough\b|\bhowever\b|\bexcept\b|\band\b|\balso\b|\bplus\b)\s*/).filter((c) => c.length > 0);
}

function clean(raw: string, emoji?: EmojiWords): string {
  return basicNormalise(raw, emoji).replace(/[^\p{L}\p{N}\s',.;!?°-]/gu, ' ').replace(/\s+/g, ' ').trim();
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

const parsers: { [Q in QuestionId]: Parser<Q> } = {
  status(text) {
    if (/\b(stopped|quit|weaned|wean(?:ed|ing)? off|no longer|not anymore|dried up|finished (?:breast|nursing|feeding|pumping))\b/.test(text)) return 'weaned';
    if (affirms(text, /\b(pregnant|expecting|weeks? along|trimester|due in|due date|bun in the oven|preggo|preggers)\b/)) return 'pregnant';
    if (affirms(text, /\b(breast ?feed\w*|nurs\w*|pump\w*|bf|ebf|ep|feeding (?:my|the) baby|chest ?feed\w*|lactating|my baby is \d+|(?:i have|i had) a baby)\b/)) return 'breastfeeding';
    if (/^(none|neither|no|nope|none of (?:these|them|those)|not pregnant|i am not|nah)\b/.test(text) || /\bneither\b/.test(text)) return 'none';
    if (denies(text, /\b(pregnant|breast ?feed\w*|nurs\w*)\b/)) return 'none';
    return undefined;
  },
  weanedWhen(text, now, v) {
    if (/\b(recently|just|few days|last few days)\b/.test(text) && weeksAgo(text, now) === undefined) return 'under-3-weeks';
    const weeks = weeksAgo(text, now);
    if (weeks !== undefined) return weanedBucket(weeks, v);
    if (/\b(ages|long time|years|ages ago|long ago)\b/.test(text)) return 'over-3-months';
    return undefined;
  },
  side(text) {
    if (/\b(both|two|each|either side|left and right|right and left|all of them|both of them)\b/.test(text)) return 'both';
    if (/\b(one|only|just|single|left|right|1)\b/.test(text)) return 'one';
    return undefined;
  },
  colour(text, _now, v) {
    if (affirms(text, /\b(pink\w*|brown\w*|blood\w*|red\w*|rust\w*|rusty|dark red|tinged)\b/) || affirms(text, v.words('blood', 'pink-brown'))) return 'bloody';
    if (affirms(text, /\b(clear|watery|water|see through|transparent|like water)\b/) || affirms(text, v.words('clear-fluid'))) return 'clear';
    if (affirms(text, /\bgreen\w*\b/)) return 'green';
    if (affirms(text, /\byellow\w*\b/)) return 'yellow';
    if (affirms(text, /\b(milk\w*|white\w*|cream\w*|normal milk|breast ?milk|colostrum)\b/)) return 'milky';
    return undefined;
  },
  crackedNipples(text, _now, v) {
    if (affirms(text, /\b(cracked|cracks|crack|sore|bleeding nipple|scab\w*|damaged|raw|gave birth|born|days? (?:old|ago)|newborn)\b/) || affirms(text, v.words('cracked'))) return 'yes';
    return parseYesNo(text);
  },
  trigger(text, _now, v) {
    if (/\b(own|itself|randomly|random|all the time|constantly|no reason|without (?:touching|squeezing)|spontaneous\w*|out of nowhere|just leaks|by itself)\b/.test(text) || v.words('spontaneous').test(text)) return 'own';
    if (/\b(squeez\w*|press\w*|feed\w*|pump\w*|nurs\w*|touch\w*|express\w*|when i|only when)\b/.test(text)) return 'squeezed';
    return undefined;
  },
  signs(text, _now, v) {
    const fever = affirms(text, /\b(fever\w*|feverish|temperature|temp|chills|shiver\w*|flu|aches?|achy|hot and cold|\d{2,3}(?:\.\d)?\s*(?:°|degrees)?\s*[cf]?)\b/) || affirms(text, v.words('fever', 'flu-like'));
    const pain = affirms(text, /\b(pain\w*|sore\w*|hurts?|hurting|tender\w*|red\w*|hot|heat|warm|swollen|swelling|inflam\w*|burn\w*|throb\w*)\b/) || affirms(text, v.words('breast-sign-strong', 'breast-sign-weak'));
    const lump = affirms(text, /\b(lump\w*|bump\w*|knot\w*|mass|hard (?:spot|bit|area|patch)|thicken\w*|nodule)\b/) || affirms(text, v.words('lump'));
    if (fever) return 'fever';
    if (lump) return 'lump';
    if (pain) return 'pain-redness';
    if (/^(none|nothing|no|nope|nah|neither|none of (?:these|them|those)|all good|i am fine|fine)\b/.test(text) || NEGATION.test(text)) return 'none';
    return undefined;
  },
  feverToo(text, _now, v) {
    if (affirms(text, /\b(fever\w*|temperature|temp|chills|flu|aches?|achy|shiver\w*)\b/) || affirms(text, v.words('fever', 'flu-like'))) return 'yes';
    return parseYesNo(text);
  },
  breastSigns(text, _now, v) {
    if (affirms(text, /\b(red\w*|hot|warm|pain\w*|sore|hurts?|tender|swollen|swelling)\b/) || affirms(text, v.words('breast-sign-strong', 'breast-sign-weak'))) return 'yes';
    return parseYesNo(text);
  },
  lumpDuration(text, now) {
    const weeks = weeksAgo(text, now);
    if (weeks !== undefined) return weeks >= 1 ? 'over-week' : 'under-week';
    if (/\b(few days|couple of days|couple days|since yesterday|today|this week|recently|new)\b/.test(text)) return 'under-week';
    if (/\b(ages|long time|weeks|months|years|a while)\b/.test(text)) return 'over-week';
    return undefined;
  },
  other(text, _now, v) {
    if (affirms(text, /\b(headache\w*|migraine\w*|vision|sight|seeing|blurr\w*|double vision)\b/) || affirms(text, v.words('headache', 'headache-severe', 'vision'))) return 'headaches-vision';
    if (affirms(text, /\b(period\w*|menstrua\w*|cycle)\b/) && /\b(miss\w*|late|stopped|no period|irregular|skipped|haven't had|not had)\b/.test(text)) return 'missed-periods';
    if (/\b(no period|periods? stopped|not had (?:a|my) period)\b/.test(text)) return 'missed-periods';
    if (affirms(text, /\b(medicine\w*|medication\w*|meds|pill\w*|tablet\w*|prescri\w*|antidepress\w*|antipsychot\w*|domperidone|metoclopramide|reglan|motilium|birth control|contracepti\w*|started taking|new drug)\b/) || affirms(text, v.words('medicine'))) return 'new-medicine';
    if (/^(none|nothing|no|nope|nah|neither|none of (?:these|them|those))\b/.test(text)) return 'none';
    return undefined;
  },
  pattern(text) {
    if (/\b(chok\w*|gulp\w*|splutter\w*|sputter\w*|cough\w*|too much milk|oversupply|spray\w*|forceful|gushing|all the time)\b/.test(text)) return 'heavy';
    if (/\b(other (?:side|breast|boob)|opposite|while (?:i am )?feeding|during (?:a )?feed\w*)\b/.test(text)) return 'other-side';
    if (/\b(full|engorg\w*|between feeds|missed (?:a )?feed|skipp\w* (?:a )?feed|late feed|hard breasts)\b/.test(text)) return 'full';
    if (/\b(shower\w*|bath\w*|warm water)\b/.test(text)) return 'shower';
    if (/\b(sex|intima\w*|orgasm\w*|arous\w*|partner|making love)\b/.test(text)) return 'sex';
    if (/\b(cr(?:y|ies|ying)|hear\w*|think\w* (?:of|about)|picture|photo|miss (?:my|the) baby)\b/.test(text)) return 'baby';
    if (/\b(no pattern|random\w*|no reason|any ?time|whenever|no idea|not sure|don't know|none)\b/.test(text)) return 'no-pattern';
    return undefined;
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
