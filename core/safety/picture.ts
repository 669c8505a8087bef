/**
 * One clinical picture per conversation: what every message (and every symptom-check answer) has
 * told so far, in one structure. The detector fills it from the concepts it found in a message, with
 * their status (reported, denied, unsure), the parent's context, durations and dates; the rules read
 * it, and the conversation keeps it (ParentContext.picture) so later messages add to it.
 */
import type { Mention } from './concepts';
import type { Duration } from './context';
import type { Sentence } from './text';
import type { ParentContext } from './types';
import { findPastTimes, statedNow, weeksSinceByChildAge, weeksSinceWeaningByAge } from './when';

/** Reported, denied, or not sure. */
export type Presence = 'yes' | 'no' | 'unsure';

export interface ClinicalPicture {
  /** Whose body the message is about, when it is not the parent's own. */
  about?: 'self' | 'baby' | 'someone-else';
  status?: ParentContext['lactation'];
  weeksSinceWeaning?: number;
  weeksSinceBirth?: number;
  sex?: 'female' | 'male';
  side?: 'one' | 'both';
  colour?: 'bloody' | 'clear';
  /** On its own, or only when squeezed. */
  trigger?: 'own' | 'squeezed';
  singleOpening?: Presence;
  lump?: Presence;
  /** How long the lump has been there, in days. */
  lumpDays?: number;
  pain?: Presence;
  redness?: Presence;
  heat?: Presence;
  swelling?: Presence;
  fever?: Presence;
  /** Highest temperature given, in °C. */
  temperatureC?: number;
  pus?: Presence;
  streaks?: Presence;
  skinChanges?: Presence;
  nippleChanges?: Presence;
  headache?: Presence;
  vision?: Presence;
  medicines?: Presence;
  mood?: Presence;
}

type PresenceField = {
  [K in keyof ClinicalPicture]-?: ClinicalPicture[K] extends Presence | undefined ? (Presence extends ClinicalPicture[K] ? K : never) : never;
}[keyof ClinicalPicture];

/** Which concepts (knowledge/safety/concepts.yaml) fill which field; some only by their first word. */
const FIELDS: ReadonlyArray<[PresenceField, string[], RegExp?]> = [
  ['lump', ['lump']],
  ['pain', ['breast-sign-weak'], /^(pain|painful|sore|soreness|tender|tenderness|hurts?|hurting|aching|achy|aches|throbbing|burning)$/],
  ['redness', ['breast-sign-strong'], /^(red|redness|reddened|reddish|inflamed|inflammation|blotchy|flushed|angry|pink)$/],
  ['heat', ['breast-sign-strong'], /^(hot|warm|heat|burning)$/],
  ['swelling', ['breast-sign-strong'], /^(swollen|swelling)$/],
  ['fever', ['fever', 'fever-very-high', 'flu-like']],
  ['pus', ['pus']],
  ['streaks', ['red-streaks']],
  ['skinChanges', ['dimpling', 'dimpling-weak', 'nipple-lesion']],
  ['nippleChanges', ['inversion-new', 'inverted', 'nipple-lesion']],
  ['headache', ['headache', 'headache-severe']],
  ['vision', ['vision']],
  ['medicines', ['medicine', 'antibiotics']],
  ['mood', ['low-mood', 'mood-severe', 'dmer']],
  ['singleOpening', ['single-duct']],
];

/** The mentions of one message that fill a field (for quoting what raised a flag). */
export function mentionsFilling(field: PresenceField, mentions: readonly Mention[]): Mention[] {
  return FIELDS.filter(([f]) => f === field).flatMap(([, concepts, first]) =>
    mentions.filter((m) => m.status === 'yes' && concepts.includes(m.concept) && (!first || first.test(m.sentence.tokens[m.start] ?? ''))),
  );
}

/** How strongly a status tells a field: reported, then not sure, then denied (only asked tells nothing). */
const PRESENCE_RANK: Readonly<Record<string, number>> = { yes: 3, unsure: 2, no: 1 };
const BY_RANK: ReadonlyArray<Presence | undefined> = [undefined, 'no', 'unsure', 'yes'];

/** Per concept, the fields it fills (their places in FIELDS): each mention is looked at once, not once per field. */
const FIELDS_OF: ReadonlyMap<string, readonly number[]> = (() => {
  const out = new Map<string, number[]>();
  FIELDS.forEach(([, concepts], f) => {
    for (const c of concepts) out.set(c, [...(out.get(c) ?? []), f]);
  });
  return out;
})();

/**
 * What the mentions filling each field tell (by its place in FIELDS, as a rank of BY_RANK): reported if
 * any is, else not sure if any is, else denied if any is.
 */
function presenceRanks(own: readonly Mention[]): number[] {
  const ranks = new Array<number>(FIELDS.length).fill(0);
  for (const m of own) {
    const fields = FIELDS_OF.get(m.concept);
    if (fields === undefined) continue;
    for (const f of fields) {
      const first = FIELDS[f][2];
      if (first && !first.test(m.sentence.tokens[m.start] ?? '')) continue;
      ranks[f] = Math.max(ranks[f], PRESENCE_RANK[m.status] ?? 0);
    }
  }
  return ranks;
}

const SINCE_BIRTH = /\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (days?|weeks?|months?) (old|postpartum|pp|post partum|after (the )?birth|since (the )?birth)\b/;
const UNIT_WEEKS: Record<string, number> = { day: 1 / 7, days: 1 / 7, week: 1, weeks: 1, month: 52 / 12, months: 52 / 12 };
const WORD_NUMBER: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };

/** "it's been 5 months", "been 4 months now": how long since, said right before the duration. */
const SINCE_THEN = /^(it s been|its been|it has been|it is been|been|s been)\b|\b(it s|its|it has|has|have) been\b/;

const WEANING_WORDS = /\b(weaned|weaning|stopped|quit|finished|gave up|dried up|last feed|have not (breastfed|nursed|pumped))\b/;

export interface PictureInputs {
  sentences: readonly Sentence[];
  mentions: readonly Mention[];
  durations: readonly Duration[];
  learned: Partial<ParentContext>;
  now: Date;
  /** What the conversation already knew (a parent who said earlier that she has weaned). */
  known?: ParentContext;
}

/** A mention of the concept, reported plainly. */
function stated(own: readonly Mention[], concept: string): boolean {
  return own.some((m) => m.concept === concept && m.status === 'yes');
}

/** What one message tells. */
export function readPicture({ sentences, mentions, durations, learned, now, known }: PictureInputs): ClinicalPicture {
  const p: ClinicalPicture = {};
  const own = mentions.filter((m) => m.status !== 'other');
  const ranks = presenceRanks(own);
  for (let f = 0; f < FIELDS.length; f++) {
    const found = BY_RANK[ranks[f]];
    if (found) p[FIELDS[f][0]] = found;
  }
  const others = mentions.filter((m) => m.status === 'other');
  if (own.length === 0 && others.length > 0) p.about = others.some((m) => m.reason === 'the baby') ? 'baby' : 'someone-else';
  else if (own.length > 0) p.about = 'self';

  const temps = mentions.filter((m) => m.celsius !== undefined && m.status !== 'other').map((m) => m.celsius!);
  if (temps.length > 0) p.temperatureC = Math.max(...temps);
  if (stated(own, 'blood') || stated(own, 'pink-brown')) p.colour = 'bloody';
  else if (stated(own, 'clear-fluid')) p.colour = 'clear';
  if (stated(own, 'both-sides')) p.side = 'both';
  else if (stated(own, 'one-side') || stated(own, 'single-duct')) p.side = 'one';
  if (stated(own, 'spontaneous')) p.trigger = 'own';
  else if (sentences.some((s) => /\b(when i squeeze|only when (i )?(squeeze|press)|if i squeeze|when squeezed)\b/.test(s.text))) p.trigger = 'squeezed';

  if (learned.lactation) p.status = learned.lactation;
  if (learned.male) p.sex = 'male';
  const text = sentences.map((s) => s.text).join(' . ');
  const reference = statedNow(text, now);

  // Time since weaning: what the context reader found, else the child's ages, else a date read by chrono.
  const byAge = weeksSinceWeaningByAge(text);
  // "stopped at 18 months, he turns three next week": stopping at a child's age is weaning.
  if (byAge !== undefined && learned.lactation === undefined) p.status = 'weaned';
  // Set only when known (no key to delete later: a deleted key makes every later read of the picture slower).
  const weeksKnown = learned.weanedWeeksAgo ?? byAge;
  if (weeksKnown !== undefined) p.weeksSinceWeaning = weeksKnown;
  if (p.weeksSinceWeaning === undefined && (learned.lactation === 'weaned' || WEANING_WORDS.test(text))) {
    for (const s of sentences) {
      if (!WEANING_WORDS.test(s.text)) continue;
      const when = findPastTimes(s.text, reference)[0];
      if (when) {
        p.weeksSinceWeaning = Math.round(when.daysAgo / 7);
        // "stopped feeding at Easter": a date of stopping is weaning, as an age of stopping is.
        if (learned.lactation === undefined && STOPPED_FEEDING.test(s.text) && !STILL_FEEDING.test(text)) p.status = 'weaned';
        break;
      }
    }
  }
  // Already known to have weaned, and "it's been 5 months and still leaking": the time since weaning.
  if (p.weeksSinceWeaning === undefined && (learned.lactation ?? known?.lactation) === 'weaned' && known?.weanedWeeksAgo === undefined) {
    const since = durations.filter((d) => SINCE_THEN.test(d.sentence.tokens.slice(Math.max(0, d.start - 3), d.start + 1).join(' ')));
    if (since.length > 0) p.weeksSinceWeaning = Math.round(Math.max(...since.map((d) => d.days)) / 7);
  }
  // "my youngest is 14 and I stopped feeding her when she was a baby": feeding rarely goes past three,
  // so a child of N years was weaned at least N - 3 years ago.
  if (p.weeksSinceWeaning === undefined && (p.status ?? learned.lactation ?? known?.lactation) === 'weaned') {
    const age = YOUNGEST_CHILD_YEARS.exec(text);
    if (age && Number(age[5]) >= 4) p.weeksSinceWeaning = (Number(age[5]) - 3) * 52;
  }

  let birth: RegExpExecArray | null = null;
  for (let i = 0; i < sentences.length && !birth; i++) birth = SINCE_BIRTH.exec(sentences[i].text);
  if (birth) p.weeksSinceBirth = Math.round((/^\d+$/.test(birth[1]) ? Number(birth[1]) : WORD_NUMBER[birth[1]]) * UNIT_WEEKS[birth[2]]);

  // How long a lump has been there: "for 10 days", "found it two weeks ago", "first felt it in the spring".
  const lumps = own.filter((m) => m.concept === 'lump' && m.status === 'yes');
  if (lumps.length > 0) {
    const near = new Set(lumps.flatMap((m) => [m.sentence.index, m.sentence.index + 1]));
    let days = 0;
    for (const d of durations) if (near.has(d.sentence.index)) days = Math.max(days, d.days);
    for (const s of sentences) {
      if (!near.has(s.index)) continue;
      for (const when of findPastTimes(s.text, reference)) days = Math.max(days, when.daysAgo);
    }
    // "since she was 6 weeks, she's 9 weeks now": the child's ages tell how long.
    const byChildAge = weeksSinceByChildAge(text);
    if (byChildAge !== undefined) days = Math.max(days, byChildAge * 7);
    if (days > 0) p.lumpDays = days;
  }
  return p;
}

/** A child's age in whole years ("my youngest is 14", "my son is 6 years old"), not weeks or months. */
const YOUNGEST_CHILD_YEARS = /\b(my )?(youngest|son|daughter|child|kid|little one|baby) (is|s|just turned|turned) (now )?(\d{1,2})\b(?! (weeks?|wks?|months?|mos?|days?))/;

/** Feeding named as what stopped ("the bleeding stopped" is not weaning). */
const STOPPED_FEEDING = /\b(weaned|weaning|(stopped|quit|finished|gave up|ended) (breast ?feeding|feeding|nursing|pumping|bf|bfing)|(dropped|gave up|stopped) (the |our |my )?last (feed|feeding|nursing session)|last (feed|feeding) was)\b/;
/** Feeding still going on ("when I feed", "while nursing"). */
const STILL_FEEDING = /\b(when|while|whenever|after|before) (i )?(feed|feeding|nurse|nursing|pump|pumping|breastfeed|breastfeeding)\b/;

/** The conversation's picture after one more message: what the message says wins, the rest stays. */
export function mergePicture(before: ClinicalPicture | undefined, now: ClinicalPicture): ClinicalPicture {
  const merged: ClinicalPicture = { ...(before ?? {}) };
  // A picture is a plain object of its own fields (for...in: Object.entries' order, without its arrays).
  for (const key in now) {
    const value = now[key as keyof ClinicalPicture];
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
