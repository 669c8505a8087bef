/**
 * Red-flag rules: which combinations of symptom mentions, in which parent context, raise which flag
 * of knowledge/red-flags.yaml. Each rule is evaluated three times, each time letting in more
 * uncertain mentions:
 *   report  - mentions the parent reports            -> flags (escalate)
 *   confirm - plus mentions the parent is unsure of  -> toConfirm (ask one question)
 *   asked   - plus mentions only asked about         -> askedAbout (answer + when to see a doctor)
 * A rule may also say that what it found is only enough to ask (`confirmOnly`).
 *
 * The rules are knowledge/safety/rules.yaml: a rule there is either a declaration (all / any / none
 * of some concepts), evaluated here, or names one of the readings below (`LOGIC`) and lists the
 * concepts it reads; a reading sees only those. The thresholds come from the same file.
 */
import type { ConceptId, Mention } from './concepts';
import type { Duration } from './context';
import { maleExperiencer, maleOtherExperiencer } from './context';
import type { Status } from './scope';
import type { Sentence } from './text';
import type { ClinicalPicture } from './picture';
import { wordsPattern, type MentionGroup, type RuleCondition, type RuleDeclaration, type SafetyKnowledge, type Thresholds } from './knowledge';
import type { ParentContext } from './types';

export type Mode = 'report' | 'confirm' | 'asked';

const ACCEPTED: Record<Mode, ReadonlySet<Status>> = {
  report: new Set<Status>(['yes']),
  confirm: new Set<Status>(['yes', 'unsure']),
  asked: new Set<Status>(['yes', 'unsure', 'asked']),
};

export interface EffectiveContext {
  lactation?: ParentContext['lactation'];
  weanedWeeksAgo?: number;
  male: boolean;
  /** Not lactating now: never lactated lately, or weaned `thresholds.weanedWeeks` (about 3 months) ago or more. */
  notLactating: boolean;
  thresholds: Thresholds;
  /** This message's clinical picture (./picture). */
  picture: ClinicalPicture;
}

/** Whether a mention belongs to a man other than the parent, worked out once per mention (rules ask many times). */
const manElse = new WeakMap<Mention, boolean>();
function someManElse(m: Mention): boolean {
  let v = manElse.get(m);
  if (v === undefined) {
    v = maleOtherExperiencer(m.sentence, m.start);
    manElse.set(m, v);
  }
  return v;
}

export class View {
  constructor(
    readonly mentions: ReadonlyArray<Mention>,
    readonly mode: Mode,
    readonly ctx: EffectiveContext,
    readonly durations: ReadonlyArray<Duration>,
    readonly sentences: ReadonlyArray<Sentence> = [],
    /** The concepts the rule declares (rules.yaml); it sees no others. */
    readonly allowed?: ReadonlySet<string>,
  ) {}

  private visible(concepts: ConceptId[]): ConceptId[] {
    return this.allowed ? concepts.filter((c) => this.allowed!.has(c)) : concepts;
  }

  /** Mentions of a concept counted in this mode. */
  all(...concepts: ConceptId[]): Mention[] {
    const ok = ACCEPTED[this.mode];
    const wanted = this.visible(concepts);
    return this.mentions.filter((m) => wanted.includes(m.concept) && ok.has(m.status));
  }

  /** Like `all`, without mentions that belong to a man other than the parent ("my husband has a fever"). */
  own(...concepts: ConceptId[]): Mention[] {
    return this.all(...concepts).filter((m) => !someManElse(m));
  }

  has(...concepts: ConceptId[]): boolean {
    return this.all(...concepts).length > 0;
  }

  /** Denied ("no fever"), whatever the mode. */
  denied(...concepts: ConceptId[]): Mention[] {
    const wanted = this.visible(concepts);
    return this.mentions.filter((m) => wanted.includes(m.concept) && m.status === 'no');
  }

  /** The same message seen with only what is plainly said (for `unlessSaid`). */
  statedOnly(): View {
    return this.mode === 'report' ? this : new View(this.mentions, 'report', this.ctx, this.durations, this.sentences, this.allowed);
  }

  /** Reported for certain (explanations and context only count when plainly stated). */
  stated(...concepts: ConceptId[]): Mention[] {
    const wanted = this.visible(concepts);
    return this.mentions.filter((m) => wanted.includes(m.concept) && m.status === 'yes');
  }

  /** Longest "for ..." duration in the sentences of these mentions or the sentence right after. */
  longestNear(mentions: Mention[]): number {
    let best = 0;
    const indices = new Set<number>();
    for (const m of mentions) {
      indices.add(m.sentence.index);
      indices.add(m.sentence.index + 1);
    }
    for (const d of this.durations) {
      if (!indices.has(d.sentence.index)) continue;
      if (d.sentence.index !== mentions[0]?.sentence.index && !mentions.some((m) => m.sentence.index === d.sentence.index)) {
        // The following sentence counts only when it goes on about the same thing ("It's been 2 weeks").
        if (!/^(it|it s|its|this|that|they|been|still|and|the lump|the rash|for|now|has|had|since|going)\b/.test(d.sentence.text)) continue;
      }
      best = Math.max(best, d.days);
    }
    return best;
  }
}

export interface Hit {
  mentions: Mention[];
  /** Only enough to ask a question, even in report mode. */
  confirmOnly?: boolean;
  /** Key into the flag's altQuestions; the main question otherwise. */
  questionKey?: string;
}

export interface Rule {
  id: string;
  /** Which concepts, when only asked about, make this flag a topic of the question. */
  topics?: ConceptId[];
  /** The concepts the rule reads (rules.yaml); undefined: all. */
  concepts?: ReadonlySet<string>;
  /**
   * Crisis rules decide their own buckets (see detector): a strong mention reports; a soft one, or a
   * denied strong one when `denialAsks`, asks the confirming question; soft mentions from two
   * different pattern families together report.
   */
  crisis?: { strong: ConceptId[]; soft?: ConceptId[]; denialAsks?: boolean };
  test?: (v: View) => Hit | null;
}

/** A named reading: what a rule of rules.yaml with `logic` does. */
type Reading = Omit<Rule, 'id' | 'topics' | 'concepts'>;

const hit = (mentions: Mention[], extra: Partial<Hit> = {}): Hit => ({ mentions, ...extra });

const FOOD_COLOUR = /\b(beet|beets|beetroot|blood orange|blood oranges|dragon fruit|food colou?ring|dye|dyes|red drink|sports drink|gatorade|powerade|kool aid|jelly|jello|cranberry|strawberry|strawberries|tomato|raspberry|raspberries|cherry|cherries|red velvet|paprika|carrots?|orange juice|smoothie|fanta|red cabbage|pomegranate|hibiscus|rhubarb)\b/;
const NUM = '(\\d+|two|three|four|five|six|seven|eight|nine|ten|a few|few|several|couple of|a couple of)';
const PAST_WEEK = new RegExp(`\\b${NUM} (weeks?|months?) (old|postpartum|pp|post partum|after (birth|delivery|giving birth|the birth|having)|since (birth|delivery|the birth|i gave birth|giving birth))\\b|\\b(at|for|after|over) ${NUM} (weeks?|months?)\\b|\\b(weeks|months) (after|since) (birth|delivery|giving birth|the birth)\\b|\\b([89]|[1-9]\\d) days (old|postpartum|pp|after (birth|delivery|giving birth))\\b`);

/** The message says the birth was more than a week ago ("baby is 3 weeks old", "4 weeks postpartum"). */
function pastFirstWeek(v: View): boolean {
  return v.sentences.some((s) => PAST_WEEK.test(s.text) && !/\b(weeks? pregnant|months? pregnant)\b/.test(s.text));
}

function nippleOnly(m: Mention): boolean {
  const c = m.sentence.clauses[m.sentence.clauseOf[m.start] ?? 0];
  const text = m.sentence.tokens.slice(c.start, c.end).join(' ');
  return /\b(nipple|nipples|areola)\b/.test(text) && !/\b(breast|breasts|side|area|patch|spot|wedge|lump|part|skin|quadrant|armpit)\b/.test(text);
}

const improving = (v: View) =>
  v.mentions.some((m) => m.sentence.text.match(/\b(better|improving|improved|easing|eased|settling|going down|clearing|healing)\b/) && !/\b(not|no|never) (getting |any |really )?(better|improving|improved|easing|settling|going down|clearing|healing)\b/.test(m.sentence.text));

const READINGS: Array<Reading & { id: string }> = [
  // ------------------------------------------------------------ emergency
  {
    id: 'infection-with-sepsis-signs',
    test: (v) => {
      // The word alone ("worried about sepsis") is only enough to ask; a stated diagnosis is a report.
      const word = v.all('sepsis-word');
      const stated = word.filter((m) => /\b(i have|i ve got|i got|i am|i m|diagnosed|she has|she is|going|gone|turned|turning|became|become|becoming|developed|in)\b/.test(m.sentence.text) && !/\b(worried|scared|afraid|fear|about|risk|prevent|cousin|friend|sister|mother|mom|mum|aunt)\b/.test(m.sentence.text));
      if (stated.length > 0) return hit(stated);
      const breastInfection = [
        ...v.all('mastitis', 'pus', 'abscess', 'red-streaks'),
        ...v.all('breast-sign-strong').filter((m) => !nippleOnly(m)),
      ];
      const feverish = v.own('fever', 'flu-like');
      const signs = v.own('faint', 'racing-heart', 'sepsis-other', 'confusion', 'confusion-strong');
      const veryHigh = v.own('fever-very-high');
      if (breastInfection.length > 0 && (signs.length > 0 || veryHigh.length > 0)) return hit([...breastInfection, ...signs, ...veryHigh]);
      if (feverish.length > 0 && signs.length > 0) return hit([...feverish, ...signs]);
      if (word.length > 0) return hit(word, { confirmOnly: true });
      const dizzy = v.all('dizzy');
      if ((breastInfection.length > 0 || feverish.length > 0) && dizzy.length > 0 && (breastInfection.length > 0 && feverish.length > 0)) {
        return hit([...breastInfection, ...feverish, ...dizzy], { confirmOnly: true });
      }
      return null;
    },
  },

  // ------------------------------------------------------------ urgent
  {
    id: 'fever-with-breast-signs',
    test: (v) => {
      const fever = v.own('fever', 'flu-like', 'fever-very-high');
      const area = v.all('breast-sign-strong', 'breast-sign-weak', 'mastitis', 'blocked-duct', 'lump', 'abscess');
      if (fever.length > 0 && area.length > 0) return hit([...fever, ...area]);
      const feverOnly = [
        ...v.own('fever', 'fever-very-high'),
        ...v.own('flu-like').filter((m) => /^(chills|shivering|rigors|rigor|flu|fluey|body|muscle|muscles|aches|achy|hit|shakes|cold|night|sweats)$/.test(m.sentence.tokens[m.start])),
      ];
      if (feverOnly.length > 0) return hit(feverOnly, { confirmOnly: true });
      // A fever the parent has just ruled out ("no fever", "temperature is normal") needs no question.
      if (v.mentions.some((m) => m.concept === 'fever' && m.status === 'no') || v.sentences.some((s) => /\b(temperature|fever) (is |was |s |has been |seems )?(normal|fine|ok|okay|good|gone|down)\b/.test(s.text))) return null;
      const mastitis = v.all('mastitis');
      if (mastitis.length > 0) return hit(mastitis, { confirmOnly: true, questionKey: 'fever' });
      const red = v
        .all('breast-sign-strong')
        .filter((m) => !nippleOnly(m) && /^(red|redness|reddened|reddish|inflamed|inflammation|hot|warm|heat|wedge|angry|blotchy)$/.test(m.sentence.tokens[m.start]));
      if (red.length > 0) return hit(red, { confirmOnly: true, questionKey: 'fever' });
      return null;
    },
  },
  {
    id: 'mastitis-not-improving',
    test: (v) => {
      const fever = v.own('fever', 'flu-like');
      const inflamed = [
        ...v.all('mastitis', 'abscess'),
        ...v.all('breast-sign-strong').filter((m) => !nippleOnly(m)),
        ...(fever.length > 0 ? v.all('breast-sign-weak', 'blocked-duct') : []),
      ];
      if (inflamed.length === 0) return null;
      const worse = v.all('not-improving');
      if (worse.length > 0) return hit([...inflamed, ...worse]);
      const onAntibiotics = v.all('antibiotics');
      if (onAntibiotics.length > 0 && (v.has('persisting') || /\bstill\b/.test(onAntibiotics.map((m) => m.sentence.text).join(' ')))) {
        return hit([...inflamed, ...onAntibiotics]);
      }
      const infectionSigns = [...v.all('mastitis'), ...v.all('breast-sign-strong').filter((m) => !nippleOnly(m))];
      if (infectionSigns.length > 0 && v.longestNear(infectionSigns) >= v.ctx.thresholds.mastitisDays && !improving(v)) return hit(infectionSigns);
      return null;
    },
  },

  // ------------------------------------------------------------ soon
  {
    id: 'blood-in-discharge',
    test: (v) => {
      const blood = v.all('blood', 'pink-brown');
      if (blood.length === 0) return null;
      const worrying = v.stated('single-duct', 'lump');
      const longest = v.longestNear(blood);
      const damage = v.stated('cracked');
      if (damage.length > 0 && worrying.length === 0 && longest <= v.ctx.thresholds.explainedBloodDays) return null;
      // Early rusty pipe is the first week after birth: "still pink at 3 weeks" is not early.
      const earlyColour = (v.stated('rusty-pipe').length > 0 || v.stated('early-days').length > 0) && !pastFirstWeek(v);
      // A red or orange food or drink ("blood orange smoothie", "beetroot") can tint milk: ask about blood.
      if (blood.every((m) => m.concept === 'pink-brown') && worrying.length === 0 && v.sentences.some((s) => FOOD_COLOUR.test(s.text))) return hit(blood, { confirmOnly: true });
      if (earlyColour && worrying.length === 0 && v.stated('one-side').length === 0 && longest <= v.ctx.thresholds.explainedBloodDays && !v.has('pus')) return null;
      return hit([...blood, ...worrying]);
    },
  },
  {
    id: 'nipple-rash-not-healing',
    test: (v) => {
      const lesion = v.all('nipple-lesion');
      if (lesion.length === 0) return null;
      const paget = lesion.filter((m) => /^pagets?$/.test(m.sentence.tokens[m.start]));
      if (paget.length > 0) return hit(paget);
      // Crusts of dried colostrum or milk on the nipples (late pregnancy, early feeding) are not a rash.
      const crustOnly = lesion.every((m) => /^(crusty|crust|crusts|crusted|crusting|flaky|flaking|flakes|scales|dried)$/.test(m.sentence.tokens[m.start]));
      if (crustOnly && v.sentences.some((s) => /\b(colostrum|dried milk|milk drying|dried up milk|milk crust|crusty milk|dry milk)\b/.test(s.text)) && !v.has('not-healing') && !v.has('blood', 'pus')) return null;
      const notHealing = v.all('not-healing');
      if (notHealing.length > 0) return hit([...lesion, ...notHealing]);
      if (v.longestNear(lesion) >= v.ctx.thresholds.nippleSoreDays) return hit(lesion);
      const skin = lesion.filter((m) => /^(rash|rashes|scaly|scales|flaky|flaking|crusty|crust|crusted|crusting|eczema|dermatitis|psoriasis|ulcer|ulcers|ulcerated|peeling|peels|lesion|lesions|wound|sore|sores|open)$/.test(m.sentence.tokens[m.start]));
      return skin.length > 0 ? hit(skin, { confirmOnly: true }) : null;
    },
  },

  // ------------------------------------------------------------ routine
];

/** The readings rules.yaml may name in `logic`. */
export const LOGIC: ReadonlyMap<string, Reading> = new Map(READINGS.map((r): [string, Reading] => [r.id, r]));

/** The rules' groups and thresholds, compiled once per detector. */
class Declarations {
  private readonly compiled = new Map<string, { group: MentionGroup; firstWord?: Set<string>; notFirstWord?: Set<string>; only?: [RegExp, RegExp]; sentence?: RegExp }>();
  private readonly says = new WeakMap<RuleCondition, RegExp[]>();

  constructor(
    groups: ReadonlyMap<string, MentionGroup>,
    private readonly thresholds: Thresholds,
  ) {
    for (const [id, group] of groups) {
      this.compiled.set(id, {
        group,
        firstWord: group.firstWord && new Set(group.firstWord),
        notFirstWord: group.notFirstWord && new Set(group.notFirstWord),
        only: group.notOnlyAbout && [wordsPattern(group.notOnlyAbout.words, ''), wordsPattern(group.notOnlyAbout.unlessAlso, '')],
        sentence: group.inSentenceWith && wordsPattern(group.inSentenceWith, ''),
      });
    }
  }

  /** The mentions a concept or group stands for in this view. */
  select(v: View, id: string): Mention[] {
    const c = this.compiled.get(id);
    if (!c) return v.all(id);
    const { group } = c;
    const found = group.concepts.flatMap((m) => {
      if (this.compiled.has(m)) return this.select(v, m);
      if (group.stated) return v.stated(m);
      if (group.denied) return v.denied(m);
      return v.all(m);
    });
    return found.filter((m) => {
      const first = m.sentence.tokens[m.start] ?? '';
      if (c.firstWord && !c.firstWord.has(first)) return false;
      if (c.notFirstWord?.has(first)) return false;
      if (group.person === 'a-man' && !maleExperiencer(m.sentence, v.ctx.male, m.start)) return false;
      if (group.notPerson === 'another-man' && someManElse(m)) return false;
      if (group.notPerson === 'a-named-man' && maleExperiencer(m.sentence, false, m.start)) return false;
      if (c.only && onlyAbout(m, c.only[0], c.only[1])) return false;
      if (c.sentence && !c.sentence.test(m.sentence.text)) return false;
      return true;
    });
  }

  amount(a: number | string): number {
    return typeof a === 'number' ? a : this.thresholds[a as keyof Thresholds];
  }

  inRange(value: number | undefined, r: Range): boolean {
    if (value === undefined) return r.orUnknown === true;
    if (r.atLeast !== undefined && value < this.amount(r.atLeast)) return false;
    if (r.atMost !== undefined && value > this.amount(r.atMost)) return false;
    if (r.below !== undefined && value >= this.amount(r.below)) return false;
    return true;
  }

  private contextHolds(ctx: EffectiveContext, c: NonNullable<RuleCondition['context']>): boolean {
    const status = ctx.lactation ?? 'unknown';
    if (c.status && !c.status.includes(status)) return false;
    if (c.notStatus?.includes(status)) return false;
    if (c.notLactating !== undefined && ctx.notLactating !== c.notLactating) return false;
    if (c.male !== undefined && ctx.male !== c.male) return false;
    if (c.weeksSinceWeaning !== undefined) {
      if (ctx.lactation !== 'weaned') return false;
      if (c.weeksSinceWeaning === 'unknown') return ctx.weanedWeeksAgo === undefined;
      if (!this.inRange(ctx.weanedWeeksAgo, c.weeksSinceWeaning)) return false;
    }
    return true;
  }

  private pictureHolds(p: ClinicalPicture, c: NonNullable<RuleCondition['picture']>): boolean {
    for (const [field, want] of Object.entries(c)) {
      const value = p[field as keyof ClinicalPicture];
      if (Array.isArray(want)) {
        if (!want.includes(value as never)) return false;
      } else if (!this.inRange(value as number | undefined, want as Range)) return false;
    }
    return true;
  }

  private saysAny(v: View, cond: RuleCondition): boolean {
    let patterns = this.says.get(cond);
    if (!patterns) {
      patterns = [...(cond.says ? [wordsPattern(cond.says, '')] : []), ...(cond.saysPattern ?? []).map((p) => new RegExp(p))];
      this.says.set(cond, patterns);
    }
    return v.sentences.some((s) => patterns.some((p) => p.test(s.text)));
  }

  /** The mentions that make a condition hold, or null. */
  holds(v: View, cond: RuleCondition): Mention[] | null {
    const all = (cond.all ?? []).map((id) => this.select(v, id));
    if (all.some((m) => m.length === 0)) return null;
    const any = (cond.any ?? []).flatMap((id) => this.select(v, id));
    if (cond.any && any.length === 0) return null;
    if (cond.none?.some((id) => this.select(v, id).length > 0)) return null;
    if (cond.unlessSaid?.some((id) => this.select(v.statedOnly(), id).length > 0)) return null;
    if ((cond.says || cond.saysPattern) && !this.saysAny(v, cond)) return null;
    if (cond.context && !this.contextHolds(v.ctx, cond.context)) return null;
    if (cond.picture && !this.pictureHolds(v.ctx.picture, cond.picture)) return null;
    const found = [...all.flat(), ...any];
    if (cond.lasted && !this.inRange(v.longestNear(found), cond.lasted)) return null;
    if (cond.unless?.some((u) => this.unlessHolds(v, u))) return null;
    return found;
  }

  /** An `unless` condition: each part it gives must hold (it may be only words, or only a denial). */
  private unlessHolds(v: View, cond: RuleCondition): boolean {
    if (cond.all?.some((id) => this.select(v, id).length === 0)) return false;
    if (cond.any && !cond.any.some((id) => this.select(v, id).length > 0)) return false;
    if (cond.none?.some((id) => this.select(v, id).length > 0)) return false;
    if (cond.unlessSaid?.some((id) => this.select(v.statedOnly(), id).length > 0)) return false;
    if ((cond.says || cond.saysPattern) && !this.saysAny(v, cond)) return false;
    return true;
  }
}

type Range = { atLeast?: number | string; atMost?: number | string; below?: number | string; orUnknown?: boolean };

/** The clause of a mention names one of `words` and none of `unlessAlso` ("a red nipple", not "a red breast"). */
function onlyAbout(m: Mention, words: RegExp, unlessAlso: RegExp): boolean {
  const c = m.sentence.clauses[m.sentence.clauseOf[m.start] ?? 0];
  const text = m.sentence.tokens.slice(c.start, c.end).join(' ');
  return words.test(text) && !unlessAlso.test(text);
}

/** A declared rule: the first `when` alternative that holds reports, else the first `confirm` one asks. */
function declared(rule: RuleDeclaration, d: Declarations): (v: View) => Hit | null {
  return (v) => {
    for (const cond of rule.when ?? []) {
      const found = d.holds(v, cond);
      if (found) return hit(found);
    }
    for (const cond of rule.confirm ?? []) {
      const found = d.holds(v, cond);
      if (found) return hit(found, { confirmOnly: true, ...(cond.ask ? { questionKey: cond.ask } : {}) });
    }
    return null;
  };
}

/** The rules of rules.yaml, in its order, ready to evaluate. */
export function compileRules(k: SafetyKnowledge): Rule[] {
  const d = new Declarations(k.groups, k.thresholds);
  return [...k.rules].map(([id, decl]) => {
    const base = { id, topics: decl.topics, concepts: decl.concepts ? new Set(decl.concepts) : undefined };
    if (decl.crisis) return { ...base, crisis: { strong: decl.crisis.strong, soft: decl.crisis.soft, denialAsks: decl.crisis.denialAsks } };
    if (decl.logic === undefined) return { ...base, test: declared(decl, d) };
    const reading = LOGIC.get(decl.logic);
    if (!reading) throw new Error(`rules.yaml: field rules.${id}.logic: the engine has no reading named "${decl.logic}"`);
    return { ...base, ...reading };
  });
}
