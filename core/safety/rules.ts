/**
 * Red-flag rules: which combinations of symptom mentions, in which parent context, raise which flag
 * of knowledge/red-flags.yaml. Each rule is evaluated three times, each time letting in more
 * uncertain mentions:
 *   report  - mentions the parent reports            -> flags (escalate)
 *   confirm - plus mentions the parent is unsure of  -> toConfirm (ask one question)
 *   asked   - plus mentions only asked about         -> askedAbout (answer + when to see a doctor)
 * A rule may also say that what it found is only enough to ask (`confirmOnly`).
 *
 * The rules are knowledge/safety/rules.yaml, all of them declarations: crisis language (strong and
 * soft concepts), or alternatives of all / any / none of some concepts or named groups of mentions,
 * with conditions on the parent's context, this message's clinical picture, durations and words of
 * the message. This engine knows no flag: every flag's reading, and its numbers (`thresholds`), are
 * in that file.
 */
import type { ConceptId, Mention } from './concepts';
import type { Duration } from './context';
import { maleExperiencer, maleOtherExperiencer } from './context';
import type { Status } from './scope';
import type { Sentence } from './text';
import type { ClinicalPicture } from './picture';
import { wordsPattern, type MentionGroup, type RuleCondition, type RuleDeclaration, type SafetyKnowledge, type Thresholds } from './knowledge';
import type { ParentContext } from './types';

/** After a `says` word: the word names a colour ("strawberry milkshake coloured"), not the thing. */
const NOT_AS_A_COLOUR = '(?! (?:milkshake |milk |juice |smoothie |yoghurt |yogurt )?(?:coloured|colored|colour|color|tinted)\\b)';

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

/**
 * Whether a man is the one with what a mention names (./context maleExperiencer), worked out once
 * per mention and answer for "the parent is a man" (the rules ask in every mode).
 */
const manWith = new WeakMap<Mention, [boolean | undefined, boolean | undefined]>();
function aManHasIt(m: Mention, selfMale: boolean): boolean {
  let known = manWith.get(m);
  if (!known) {
    known = [undefined, undefined];
    manWith.set(m, known);
  }
  const slot = selfMale ? 1 : 0;
  return (known[slot] ??= maleExperiencer(m.sentence, selfMale, m.start));
}

/** Shared empty result: never mutated. */
const NO_MENTIONS: Mention[] = [];
/** A message's mentions by concept. */
const byConcept = new WeakMap<ReadonlyArray<Mention>, Map<string, Mention[]>>();

function indexByConcept(mentions: ReadonlyArray<Mention>): Map<string, Mention[]> {
  let index = byConcept.get(mentions);
  if (!index) {
    index = conceptIndex(mentions);
    byConcept.set(mentions, index);
  }
  return index;
}

function conceptIndex(mentions: ReadonlyArray<Mention>): Map<string, Mention[]> {
  const index = new Map<string, Mention[]>();
  for (const m of mentions) {
    const list = index.get(m.concept);
    if (list) list.push(m);
    else index.set(m.concept, [m]);
  }
  return index;
}

export class View {
  constructor(
    readonly mentions: ReadonlyArray<Mention>,
    readonly mode: Mode,
    readonly ctx: EffectiveContext,
    readonly durations: ReadonlyArray<Duration>,
    readonly sentences: ReadonlyArray<Sentence> = [],
    /** The message's mentions by concept, when the caller has it already (see MessageViews). */
    index?: Map<string, Mention[]>,
  ) {
    this.index = index;
  }

  /** Mentions of a concept counted in this mode. */
  all(concept: ConceptId): Mention[] {
    const ok = ACCEPTED[this.mode];
    const all = this.of(concept);
    return all.length === 0 ? NO_MENTIONS : all.filter((m) => ok.has(m.status));
  }

  /** Denied ("no fever"), whatever the mode. */
  denied(concept: ConceptId): Mention[] {
    return this.of(concept).filter((m) => m.status === 'no');
  }

  /** Reported for certain (explanations and context only count when plainly stated), whatever the mode. */
  stated(concept: ConceptId): Mention[] {
    return this.of(concept).filter((m) => m.status === 'yes');
  }

  /** Whether the message mentions a concept at all, whatever the status. */
  mentionsAny(concept: ConceptId): boolean {
    return this.of(concept).length > 0;
  }

  /** Every mention of a concept, whatever its status (indexed once per message: rules ask many times). */
  private of(concept: ConceptId): Mention[] {
    return (this.index ??= indexByConcept(this.mentions)).get(concept) ?? NO_MENTIONS;
  }

  /** This view's copy of the message's index (asked hundreds of times a message: no WeakMap look-up each time). */
  private index?: Map<string, Mention[]>;

  /** What each concept or group stands for in this view, worked out once (rules ask many times). */
  readonly selected = new Map<string, Mention[]>();
  private plain?: View;

  /** The same message seen with only what is plainly said (for `unlessSaid`). */
  statedOnly(): View {
    if (this.mode === 'report') return this;
    this.plain ??= new View(this.mentions, 'report', this.ctx, this.durations, this.sentences, this.index);
    return this.plain;
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

/**
 * One view per mode of one message, made when first asked for, all sharing one index of the mentions
 * by concept: what a group selects is worked out once per message and mode, for all the rules.
 */
export class MessageViews {
  private readonly index: Map<string, Mention[]>;
  private report?: View;
  private confirm?: View;
  private asked?: View;
  /** Whether some mention is only unsure, or only asked about: without one, a mode sees what the mode before it sees. */
  private readonly anyUnsure: boolean;
  private readonly anyAsked: boolean;

  constructor(
    readonly mentions: ReadonlyArray<Mention>,
    readonly ctx: EffectiveContext,
    readonly durations: ReadonlyArray<Duration>,
    readonly sentences: ReadonlyArray<Sentence>,
  ) {
    this.index = conceptIndex(mentions);
    this.anyUnsure = mentions.some((m) => m.status === 'unsure');
    this.anyAsked = mentions.some((m) => m.status === 'asked');
  }

  /**
   * The view of a mode; the very view of the mode before it when it would let in no other mention
   * (most messages are neither unsure nor asking): a rule then finds the same in both, and callers
   * that see the same view need not ask again.
   */
  get(mode: Mode): View {
    switch (mode) {
      case 'report':
        return (this.report ??= this.make('report'));
      case 'confirm':
        return (this.confirm ??= this.anyUnsure ? this.make('confirm') : this.get('report'));
      default:
        return (this.asked ??= this.anyAsked ? this.make('asked') : this.get('confirm'));
    }
  }

  /** Whether the message mentions one of `concepts` at all, whatever the status. */
  mentionsAnyOf(concepts: readonly ConceptId[]): boolean {
    for (const c of concepts) if (this.index.has(c)) return true;
    return false;
  }

  private make(mode: Mode): View {
    return new View(this.mentions, mode, this.ctx, this.durations, this.sentences, this.index);
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
  /**
   * Crisis rules decide their own buckets (see detector): a strong mention reports; a soft one, or a
   * denied strong one when `denialAsks`, asks the confirming question; soft mentions from two
   * different pattern families together report.
   */
  crisis?: { strong: ConceptId[]; soft?: ConceptId[]; denialAsks?: boolean };
  /**
   * Whether `test` can find anything in the message at all: what the rule needs is mentioned, in any
   * status (so the answer is the same in every mode, and asked once per message). `test` is only
   * asked when it holds.
   */
  mayHold?: (v: View) => boolean;
  test?: (v: View) => Hit | null;
}

const hit = (mentions: Mention[], extra: Partial<Hit> = {}): Hit => ({ mentions, ...extra });

/** The rules' groups and thresholds, compiled once per detector. */
class Declarations {
  private readonly compiled = new Map<string, { group: MentionGroup; firstWord?: Set<string>; notFirstWord?: Set<string>; only?: [RegExp, RegExp]; sentence?: RegExp; notSentence?: RegExp }>();
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
        notSentence: group.notInSentenceWith && wordsPattern(group.notInSentenceWith, ''),
      });
    }
  }

  /** Every concept a concept or group can draw its mentions from (a group's concepts and subgroups'). */
  private readonly closures = new Map<string, readonly string[]>();

  closure(id: string, seen: Set<string> = new Set()): readonly string[] {
    const known = this.closures.get(id);
    if (known) return known;
    const c = this.compiled.get(id);
    if (!c) return [id];
    // `seen`: the groups on the way here, so that a group naming itself cannot loop.
    seen.add(id);
    const out = new Set<string>();
    for (const m of c.group.concepts) if (!seen.has(m)) for (const x of this.closure(m, seen)) out.add(x);
    seen.delete(id);
    const list = [...out];
    this.closures.set(id, list);
    return list;
  }

  /** The mentions a concept or group stands for in this view. */
  select(v: View, id: string): Mention[] {
    let found = v.selected.get(id);
    if (!found) {
      found = this.compute(v, id);
      v.selected.set(id, found);
    }
    return found;
  }

  private compute(v: View, id: string): Mention[] {
    const c = this.compiled.get(id);
    if (!c) return v.all(id);
    const { group } = c;
    const found: Mention[] = [];
    for (const m of group.concepts) {
      const some = this.compiled.has(m) ? this.select(v, m) : group.stated ? v.stated(m) : group.denied ? v.denied(m) : v.all(m);
      for (const m of some) found.push(m);
    }
    if (found.length === 0) return found;
    return found.filter((m) => {
      const first = m.sentence.tokens[m.start] ?? '';
      if (c.firstWord && !c.firstWord.has(first)) return false;
      if (c.notFirstWord?.has(first)) return false;
      if (group.person === 'a-man' && !aManHasIt(m, v.ctx.male)) return false;
      if (group.notPerson === 'another-man' && someManElse(m)) return false;
      if (group.notPerson === 'a-named-man' && aManHasIt(m, false)) return false;
      if (c.only && onlyAbout(m, c.only[0], c.only[1])) return false;
      if (c.sentence && !c.sentence.test(m.sentence.text)) return false;
      if (c.notSentence?.test(m.sentence.text)) return false;
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
      // A word said as the name of a colour is not the thing itself: "strawberry milkshake coloured" is no strawberry eaten.
      const said = cond.says ? [new RegExp(`${wordsPattern(cond.says, '').source}${NOT_AS_A_COLOUR}`)] : [];
      patterns = [...said, ...(cond.saysPattern ?? []).map((p) => new RegExp(p))];
      this.says.set(cond, patterns);
    }
    // "Sentences with signs": those in which the message mentions anything the lexicon knows (each
    // read once, however many mentions it holds).
    const sentences = cond.saysWhere === 'sentences-with-signs' ? new Set(v.mentions.map((m) => m.sentence)) : v.sentences;
    for (const s of sentences) if (patterns.some((p) => p.test(s.text))) return true;
    return false;
  }

  /**
   * The mentions that make a condition hold, or null. `outer`: for an `unless` condition, the
   * mentions of the condition it belongs to (its `lasted` is about them).
   */
  holds(v: View, cond: RuleCondition, outer?: Mention[]): Mention[] | null {
    // Cheapest first, and nothing built until the condition holds: every rule runs on every message.
    if (cond.context && !this.contextHolds(v.ctx, cond.context)) return null;
    if (cond.picture && !this.pictureHolds(v.ctx.picture, cond.picture)) return null;
    const parts: Mention[][] = [];
    for (const id of cond.all ?? []) {
      const m = this.select(v, id);
      if (m.length === 0) return null;
      parts.push(m);
    }
    if (cond.any) {
      let some = false;
      for (const id of cond.any) {
        const m = this.select(v, id);
        if (m.length > 0) {
          parts.push(m);
          some = true;
        }
      }
      if (!some) return null;
    }
    for (const id of cond.none ?? []) if (this.select(v, id).length > 0) return null;
    if (cond.unlessSaid) {
      const plain = v.statedOnly();
      for (const id of cond.unlessSaid) if (this.select(plain, id).length > 0) return null;
    }
    if ((cond.says || cond.saysPattern) && !this.saysAny(v, cond)) return null;
    const found = parts.length === 1 ? parts[0] : concatenated(parts);
    if (cond.lasted && !this.inRange(v.longestNear(outer ?? found), cond.lasted)) return null;
    if (cond.unless) for (const u of cond.unless) if (this.holds(v, u, outer ?? found) !== null) return null;
    return found;
  }
}

type Range = { atLeast?: number | string; atMost?: number | string; below?: number | string; orUnknown?: boolean };

/** The lists one after the other (what `lists.flat()` gives, without its cost on every condition of every message). */
function concatenated(lists: readonly Mention[][]): Mention[] {
  const out: Mention[] = [];
  for (const list of lists) for (const m of list) out.push(m);
  return out;
}

/** The clause of a mention names one of `words` and none of `unlessAlso` ("a red nipple", not "a red breast"). */
function onlyAbout(m: Mention, words: RegExp, unlessAlso: RegExp): boolean {
  const c = m.sentence.clauses[m.sentence.clauseOf[m.start] ?? 0];
  const text = m.sentence.tokens.slice(c.start, c.end).join(' ');
  // "a red patch on the nipple" is still about the nipple: the patch's place is named.
  return words.test(text) && !unlessAlso.test(text.replace(ON_THE_NIPPLE, ' '));
}
const ON_THE_NIPPLE = /\b(patch|patches|spot|spots|area|skin) (on|of|around|at|covering) (my |the |one |both )?(left |right )?(nipple|nipples|areola|areolas)\b/g;

/**
 * What a condition needs mentioned, as lists of concepts of which at least one each must be in the
 * message (in any status): one list per `all` entry, one for the `any` entries together. A group
 * draws only from its concepts' mentions, so without them it selects nothing and the condition fails.
 */
function needed(cond: RuleCondition, d: Declarations): ReadonlyArray<readonly string[]> {
  const lists = (cond.all ?? []).map((id) => d.closure(id));
  if (cond.any && cond.any.length > 0) lists.push([...new Set(cond.any.flatMap((id) => d.closure(id)))]);
  return lists;
}

function couldHold(v: View, needs: ReadonlyArray<readonly string[]>): boolean {
  for (const list of needs) if (!mentionsOneOf(v, list)) return false;
  return true;
}

function mentionsOneOf(v: View, concepts: readonly string[]): boolean {
  for (const c of concepts) if (v.mentionsAny(c)) return true;
  return false;
}

/**
 * Whether a declared rule may find anything: every rule runs on every message, and most find none of
 * their concepts in it (those stop here, once per message rather than once per mode).
 */
function mayHoldOf(rule: RuleDeclaration, d: Declarations): (v: View) => boolean {
  const conditions = [...(rule.when ?? []), ...(rule.confirm ?? [])].map((cond) => needed(cond, d));
  if (!conditions.every((needs) => needs.length > 0)) return () => true;
  return (v) => {
    for (const needs of conditions) if (couldHold(v, needs)) return true;
    return false;
  };
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
    const base = { id, topics: decl.topics };
    if (decl.crisis) return { ...base, crisis: { strong: decl.crisis.strong, soft: decl.crisis.soft, denialAsks: decl.crisis.denialAsks } };
    return { ...base, mayHold: mayHoldOf(decl, d), test: declared(decl, d) };
  });
}
