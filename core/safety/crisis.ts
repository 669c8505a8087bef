/**
 * Crisis language: thoughts of suicide or self-harm, thoughts or acts of harming the baby, and signs
 * of psychosis after birth. This is the engine of the layer of broad pattern families (the classifier
 * in ./crisisClassifier is the second layer); what it reads with (the families, their patterns, masks
 * and fragments, the idioms) is knowledge/safety/crisis-patterns.yaml, compiled once at load
 * (./crisisPatterns) and handed in. Each family is one way people talk about the same thing:
 *
 *   self   - wishes to be dead or not to exist, "done with life", wanting everything to stop for
 *            good, burden beliefs ("nobody would miss me"), thoughts of dying, method / plan / means
 *            (heights, driving, pill quantities, stockpiling), goodbyes and arrangements "after I'm
 *            gone", self-harm acts and urges.
 *   baby   - a harm verb aimed at the baby inside a first-person frame: imagining ("I keep picturing
 *            ..."), fear of oneself ("scared of what I'll do to him"), urge ("I wanted to ..."), or
 *            an act ("I shook her").
 *   psychosis - perceptions nobody else has, fixed false beliefs (poisoned milk, watched through the
 *            monitor, baby swapped), others saying the parent makes no sense, days without sleep
 *            with high energy.
 *
 * Every family gives a "strong" concept (escalate) or a "soft" one (ask the gentle confirming
 * question). Idioms ("I could murder a coffee", "dying to sleep", "kill me now lol") are the
 * knowledge file's; the checks around a match are ./crisisChecks; other people's stories, the news,
 * denials ("I'm not suicidal") and screening questions answered "no" are handled here and in ./scope.
 * Patterns run on one bounded normalised sentence, with bounded gaps only, so they stay linear in the
 * message length.
 */
import type { Mention } from './concepts';
import { clauseBounds, type CrisisConcept, type MatchContext, type MessageFacts } from './crisisChecks';
import type { CrisisFamily, CrisisPatterns } from './crisisPatterns';
import type { Presence } from './prefilter';
import { mentionStatus, type Status } from './scope';
import { applyMasks, makeSentence, tokenMatchList, type Sentence } from './text';

export type { CrisisConcept, MessageFacts } from './crisisChecks';
export type { CrisisPatterns } from './crisisPatterns';

// ------------------------------------------------------------------ matching

interface RawMatch {
  family: string;
  concept: CrisisConcept;
  s: Sentence;
  start: number;
  end: number;
}

/** `group`: the family's group in the prefilter (its index among the families). */
function familyMatches(s: Sentence, family: CrisisFamily, group: number, msg: MessageFacts, out: RawMatch[], presence: Presence): void {
  const text = applyMasks(s.text, family.masks, presence);
  for (const { start, end, patternIndex } of tokenMatchList(s, text, family.patterns, presence, [], group)) {
    const c = clauseBounds(s, start);
    const ctx: MatchContext = { s, start, end, after: s.tokens.slice(end, c.end).filter((w) => w !== ','), before: s.tokens.slice(c.start, start), msg };
    const verdict = family.accept ? family.accept(ctx) : true;
    if (verdict === false) continue;
    out.push({ family: `${family.id}#${patternIndex}`, concept: verdict === true ? family.concept : verdict, s, start, end });
  }
}

function findBabyHarm(s: Sentence, msg: MessageFacts, out: RawMatch[], presence: Presence, k: CrisisPatterns): void {
  const text = applyMasks(s.text, k.babyHarm.masks, presence);
  for (const { start, end } of tokenMatchList(s, text, [k.babyHarm.pattern], undefined, [])) {
    const targetWords = s.tokens.slice(start + 1, end);
    // "him"/"her" is the baby unless the message is about another adult.
    if (/^(him|her|them)$/.test(targetWords[targetWords.length - 1] ?? '') && k.words.anotherAdult.test(msg.text) && !k.babyWord.test(s.text)) continue;
    // "her baby": someone else's baby.
    if (/^(her|his|their)$/.test(targetWords[0] ?? '') && targetWords.length > 1) continue;
    const concept = k.babyHarm.frame(s, start, end);
    if (concept) out.push({ family: 'baby-harm', concept, start, end, s });
  }
}

// ------------------------------------------------------------------ status

/**
 * Whose words and how said: the shared reading of ./scope, then stories and the news, another person
 * as the subject, and screening questions ("the midwife asked if I have thoughts of harming myself")
 * with the answer given.
 */
function crisisStatus(match: RawMatch, questionsCount: boolean, k: CrisisPatterns): { status: Status; reason: string } {
  const { s, start, end } = match;
  const { screening: SCREENING, answerNo: ANSWER_NO, answerYes: ANSWER_YES, media: MEDIA } = k.status;
  const base = mentionStatus(s, start, end, { selfOnly: true, ignoreQuestion: !questionsCount });
  const ownWords = s.tokens.slice(start, end);
  const psychosis = match.concept === 'psychosis' || match.concept === 'psychosis-soft';
  // "my mother in law is putting something in my milk": a belief about what others do to the parent is the parent's.
  const others = s.knowledge.modifiers['experiencer-other'].words;
  const aimedAtParent = psychosis && base.reason === 'another person' && ownWords.some((w, i) => k.words.firstPerson.test(w) && !others.has(ownWords[i + 1] ?? ''));
  if (base.status === 'other' && !aimedAtParent) return base;
  const before = s.tokens.slice(0, start).join(' ');
  const whole = s.text;
  if (MEDIA.test(before) && !/\b(i|me|myself)\b/.test(s.tokens.slice(Math.max(0, start - 3), start).join(' '))) return { status: 'other', reason: 'a story or the news' };
  if (!ownWords.some((w) => k.words.firstPerson.test(w)) && k.engine.thirdPersonFrame(s, start) && !psychosis) return { status: 'other', reason: 'another person' };
  if (SCREENING.test(before + ' ')) {
    const rest = s.tokens.slice(end).join(' ');
    if (ANSWER_YES.test(rest) || ANSWER_YES.test(whole)) return { status: 'yes', reason: 'screening question answered yes' };
    // A screening question answered "no" is the parent's report that all is well: no question back.
    if (ANSWER_NO.test(rest)) return { status: 'other', reason: 'screening question answered no' };
    return { status: 'unsure', reason: 'screening question, answer not given' };
  }
  // "my midwife said to tell someone if I ever had thoughts of hurting myself": imagined, so asked about gently.
  if (!questionsCount && base.status === 'yes' && mentionStatus(s, start, end, { selfOnly: true }).reason === 'hypothetical') return { status: 'unsure', reason: 'hypothetical: a screening question' };
  return aimedAtParent ? { status: 'yes', reason: 'a belief about what others do to the parent' } : base;
}

// ------------------------------------------------------------------ entry point

/** Sentences plus short neighbours joined ("I want out. Of everything. Of life."). */
function withJoinedShortSentences(sentences: Sentence[]): Sentence[] {
  const out = [...sentences];
  for (let i = 0; i + 1 < sentences.length; i++) {
    const a = sentences[i];
    const b = sentences[i + 1];
    if (a.tokens.length <= 8 && b.tokens.length <= 10 && a.tokens.length > 0 && b.tokens.length > 0) {
      const c = sentences[i + 2];
      const raw = c && c.tokens.length <= 6 ? `${a.raw} ${b.raw} ${c.raw}` : `${a.raw} ${b.raw}`;
      out.push(makeSentence(raw, a.index, b.questionMark, a.knowledge));
    }
  }
  return out;
}

/**
 * The whole message as the checks read it, worked out when a check first asks: only a sentence with
 * a match is checked, and most messages have none.
 */
class WholeMessage implements MessageFacts {
  private joined?: string;
  private aboutLogistics?: boolean;

  constructor(
    private readonly sentences: readonly Sentence[],
    private readonly k: CrisisPatterns,
  ) {}

  get text(): string {
    return (this.joined ??= this.sentences.map((s) => s.text).join(' . '));
  }

  get logistics(): boolean {
    return (this.aboutLogistics ??= this.k.words.feedingLogistics.test(this.text));
  }
}

export function messageFacts(sentences: Sentence[], k: CrisisPatterns): MessageFacts {
  return new WholeMessage(sentences, k);
}

/** The family of a cue ("self#3": the family, and which of its patterns). Made once: a closure made per message costs more. */
const familyOf = (cue: string) => cue.split('#')[0];

/** Crisis, harm-to-baby and psychosis mentions in a message (pattern layer), read with `k` (compiled at load). */
export function findCrisisMentions(sentences: Sentence[], k: CrisisPatterns): Mention[] {
  const msg = messageFacts(sentences, k);
  const raw: RawMatch[] = [];
  const all = withJoinedShortSentences(sentences);
  const families = k.families;
  const babyHarmGroup = families.length;
  for (const s of all) {
    if (s.tokens.length === 0) continue;
    const presence = k.filter.scan(s.text);
    for (let g = 0; g < families.length; g++) if (presence.group(g)) familyMatches(s, families[g], g, msg, raw, presence);
    if (presence.group(babyHarmGroup)) findBabyHarm(s, msg, raw, presence, k);
  }
  const mentions: Mention[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const key = `${r.s.index}:${r.s.raw.length}:${r.start}:${r.concept}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const st = crisisStatus(r, k.askedCounts.has(familyOf(r.family)), k);
    mentions.push({ concept: r.concept, sentence: r.s, start: r.start, end: r.end, status: st.status, reason: `${r.family}: ${st.reason}`, family: r.family });
  }
  return mentions;
}
