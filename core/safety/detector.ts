/**
 * The red-flag detector: reads the raw text of every message (before any topic classifier) and
 * returns the warning signs it reports, the ones to confirm with one question, and the ones only
 * asked about. Domain core: no Bot Framework imports.
 */
import { findMentions, type Mention } from './concepts';
import { findCrisisMentions } from './crisis';
import { defaultCrisisClassifier } from './crisisClassifier';
import { findDurations, learnContext, type Duration } from './context';
import { datedOnsets } from './when';
import { loadRedFlagDefinitions, type RedFlagDefinitions } from './definitions';
import { checkRulesAgainstFlags, defaultSafetyKnowledge, SafetyKnowledgeError, withInlineRules, type RuleDeclaration, type SafetyKnowledge } from './knowledge';
import { compileRules, MessageViews, type EffectiveContext, type Rule } from './rules';
import { flagsAcrossMessages } from './acrossMessages';
import { mentionsFilling, mergePicture, readPicture } from './picture';
import { splitMessage, tokenAt, type Sentence } from './text';
import { ownedByFollowUp } from './scope';
import type { EmojiWords } from '../text/emoji';
import { urgencyRank, type ParentContext, type RedFlagFinding, type SafetyAssessment, type Urgency } from './types';

export interface AssessOptions {
  /** "Today", used for month names ("I weaned in March"). Defaults to the current date. */
  now?: Date;
}

/** A second layer of crisis reading behind the pattern families (the trained classifier, ./crisisClassifier). */
export interface CrisisReader {
  findMentions(sentences: readonly Sentence[]): Mention[];
}

export interface RedFlagDetector {
  readonly definitions: RedFlagDefinitions;
  /** The concepts, modifiers and rules it reads with (knowledge/safety). */
  readonly knowledge: SafetyKnowledge;
  assess(text: string, known?: ParentContext, options?: AssessOptions): SafetyAssessment;
}

/** Longest quote kept per sentence, so a clinician summary stays readable. */
const QUOTE_CHARS = 240;

function quoteOf(mentions: Mention[]): string {
  const bySentence = new Map<number, { sentence: Sentence; tokens: number[] }>();
  for (const m of mentions) {
    const entry = bySentence.get(m.sentence.index) ?? { sentence: m.sentence, tokens: [] };
    entry.tokens.push(m.start);
    bySentence.set(m.sentence.index, entry);
  }
  const parts = [...bySentence.values()]
    .sort((a, b) => a.sentence.index - b.sentence.index)
    .map(({ sentence, tokens }) => {
      const raw = sentence.raw;
      if (raw.length <= QUOTE_CHARS) return raw;
      // Centre the quote on the mention (token position mapped proportionally onto the raw text).
      const at = Math.floor((Math.min(...tokens) / Math.max(1, sentence.tokens.length)) * raw.length);
      let from = Math.max(0, at - QUOTE_CHARS / 2);
      from = raw.lastIndexOf(' ', from) + 1;
      const to = Math.min(raw.length, from + QUOTE_CHARS);
      return `${from > 0 ? '…' : ''}${raw.slice(from, to).trim()}${to < raw.length ? '…' : ''}`;
    });
  return parts.join(' … ');
}

function effectiveContext(known: ParentContext, learned: Partial<ParentContext>, thresholds: SafetyKnowledge['thresholds'], picture: EffectiveContext['picture'] = {}): EffectiveContext {
  const lactation = learned.lactation ?? known.lactation;
  let weanedWeeksAgo: number | undefined;
  if (lactation === 'weaned') {
    weanedWeeksAgo = learned.weanedWeeksAgo ?? (learned.lactation === undefined || learned.lactation === known.lactation ? known.weanedWeeksAgo : undefined);
  }
  const male = learned.male ?? known.male ?? false;
  const notLactating = lactation === 'none' || (lactation === 'weaned' && weanedWeeksAgo !== undefined && weanedWeeksAgo >= thresholds.weanedWeeks) || male;
  return { lactation, weanedWeeksAgo, male, notLactating, thresholds, picture };
}

/**
 * Every mention of the message, in this order: each sentence's concepts, the crisis patterns', the
 * classifier's (`crisis`; none when null). One list filled in place: every message pays for building it.
 */
function allMentions(sentences: Sentence[], knowledge: SafetyKnowledge, crisis: CrisisReader | null | undefined): Mention[] {
  const found: Mention[] = [];
  for (const s of sentences) appendTo(found, findMentions(s));
  const signs = found.length;
  appendTo(found, findCrisisMentions(sentences, knowledge.crisis));
  if (crisis !== null) {
    const reader = crisis ?? defaultCrisisClassifier();
    for (const m of reader.findMentions(sentences)) found.push(weighDeniedWords(m, found.slice(0, signs), reader, knowledge));
  }
  return found;
}

// Psychosis only: "I haven't cut since I was 15 but the urge is back" denies the past, not the thought now.
const SOFTER: Partial<Record<string, string>> = { psychosis: 'psychosis-soft' };

/**
 * "I'm not confused or dizzy, just want pads advice": the classifier reads words, not their negation.
 * When the signs inside its piece are denied, it reads the piece again without them; if it is no longer
 * sure, the piece only asks (the one screening question) instead of reporting.
 */
function weighDeniedWords(m: Mention, signs: readonly Mention[], reader: CrisisReader, knowledge: SafetyKnowledge): Mention {
  const softer = SOFTER[m.concept];
  if (!softer) return m;
  const denied = signs.filter((d) => d.sentence === m.sentence && d.status === 'no' && d.start >= m.start && d.end <= m.end);
  if (denied.length === 0) return m;
  const kept = m.sentence.tokens.slice(m.start, m.end).filter((_, i) => !denied.some((d) => i + m.start >= d.start && i + m.start < d.end));
  const again = reader.findMentions(splitMessage(kept.join(' '), knowledge));
  return again.some((a) => a.concept === m.concept) ? m : { ...m, concept: softer, reason: `${m.reason}, its signs denied` };
}

function appendTo<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

type Bucket = 'flag' | 'confirm' | 'asked';

/**
 * How many different softer crisis signs a message holds: different cues (pattern families, or the
 * classifier where no pattern spoke) in places that do not overlap. The same words matched twice
 * count once.
 */
function independentCues(soft: Mention[]): number {
  const patternSentences = new Set(soft.filter((m) => m.family !== 'classifier').map((m) => m.sentence.index));
  const kept: Mention[] = [];
  for (const m of soft) {
    if (m.family === 'classifier' && patternSentences.has(m.sentence.index)) continue;
    const overlaps = kept.some((k) => k.sentence.index === m.sentence.index && k.start < m.end && m.start < k.end);
    const sameCue = kept.some((k) => (k.family ?? k.concept) === (m.family ?? m.concept));
    if (!overlaps && !sameCue) kept.push(m);
  }
  return kept.length;
}

interface Outcome {
  bucket: Bucket;
  mentions: Mention[];
  questionKey?: string;
}

/** `askedMentions`: the message's mentions only asked about (for the rules' topics). */
function evaluate(rule: Rule, mentions: Mention[], views: MessageViews, askedMentions: Mention[]): Outcome | null {
  if (rule.crisis) {
    // Crisis language counts however it is phrased: hedged or plain, and (for thoughts of harm) asked.
    // A clear denial ("I'm not suicidal") still gets one gentle question rather than silence.
    const { strong: strongIds, soft: softIds = [], denialAsks = false } = rule.crisis;
    // Most messages mention none of them: nothing below can then be found.
    if (!views.mentionsAnyOf(strongIds) && !views.mentionsAnyOf(softIds)) return null;
    const strong = mentions.filter((m) => strongIds.includes(m.concept) && m.status !== 'other');
    const live = strong.filter((m) => m.status === 'yes' || m.status === 'unsure');
    if (live.length > 0) return { bucket: 'flag', mentions: live };
    const soft = mentions.filter((m) => softIds.includes(m.concept) && (m.status === 'yes' || m.status === 'unsure'));
    // Two different kinds of softer signs together ("I'm a burden" and "I want to disappear") report.
    if (independentCues(soft) >= 2) return { bucket: 'flag', mentions: soft };
    const asked = strong.filter((m) => m.status === 'asked' || (denialAsks && m.status === 'no'));
    const askedSoft = mentions.filter((m) => softIds.includes(m.concept) && m.status === 'asked');
    if (soft.length > 0 || asked.length > 0 || askedSoft.length > 0) return { bucket: 'confirm', mentions: [...asked, ...soft, ...askedSoft] };
    return null;
  }
  if (!rule.test) return null;
  // What the rule needs is mentioned (in any status, so the same in every mode): the modes may find it.
  if (!rule.mayHold || rule.mayHold(views.get('report'))) {
    // A mode that lets in no other mention than the one before it has the same view (MessageViews): the same answer.
    const reportView = views.get('report');
    const report = rule.test(reportView);
    if (report && !report.confirmOnly) return { bucket: 'flag', mentions: report.mentions };
    const confirmView = views.get('confirm');
    const confirm = confirmView === reportView ? report : rule.test(confirmView);
    if (confirm) return { bucket: 'confirm', mentions: confirm.mentions, questionKey: confirm.questionKey ?? report?.questionKey };
    if (report) return { bucket: 'confirm', mentions: report.mentions, questionKey: report.questionKey };
    // Asked about: only what would report the flag if it were happening. A confirm-only match has no
    // threshold ("how do I clear a blocked duct" is not a lump of more than a week).
    const askedView = views.get('asked');
    const asked = askedView === confirmView ? confirm : rule.test(askedView);
    if (asked && !asked.confirmOnly) return { bucket: 'asked', mentions: asked.mentions };
  }
  const topics = rule.topics;
  if (askedMentions.length === 0 || !topics) return null;
  const topic = askedMentions.filter((m) => topics.includes(m.concept));
  if (topic.length > 0) return { bucket: 'asked', mentions: topic };
  return null;
}

/** "started around Halloween, it's nearly February now": how long a sign has lasted, from the date it began. */
function onsetDurations(sentences: Sentence[], now: Date): Duration[] {
  const whole = sentences.length > 1 ? sentences.map((s) => s.text).join(' . ') : (sentences[0]?.text ?? '');
  const out: Duration[] = [];
  for (const s of sentences) {
    for (const w of datedOnsets(s.text, now, whole)) {
      // "since last night" is read by the duration reader, in hours; a date counts from two days back.
      if (w.daysAgo < 2) continue;
      const start = tokenAt(s, w.index);
      out.push({ sentence: s, start, end: start + 1, days: w.daysAgo, kind: 'for' });
    }
    // "a lump that's been there since before I got pregnant": longer than any threshold, a pregnancy at least.
    const m = SINCE_BEFORE_PREGNANCY.exec(s.text);
    if (m) {
      const start = tokenAt(s, m.index);
      out.push({ sentence: s, start, end: start + 1, days: PREGNANCY_DAYS, kind: 'for' });
    }
  }
  return out;
}
const SINCE_BEFORE_PREGNANCY = /\b(since|from) before (i (got|was|became|fell) pregnant|my pregnancy|the pregnancy|pregnancy)\b/;
const PREGNANCY_DAYS = 266;

/**
 * `crisis` is the second crisis layer (the trained classifier); the composition root loads it once at
 * start-up. Without one, the project's built classifier is loaded on first use; null reads crisis
 * language with the pattern families alone (for measuring the layers apart). `emoji` (knowledge/emoji.yaml,
 * from the composition root) lets "🩸" and "🤒" be read as blood and fever.
 */
export function createRedFlagDetector(
  definitions: RedFlagDefinitions = loadRedFlagDefinitions(),
  crisis?: CrisisReader | null,
  shared: SafetyKnowledge = defaultSafetyKnowledge(),
  emoji?: EmojiWords,
): RedFlagDetector {
  // A flag may carry its rule in red-flags.yaml itself (one file for a new flag).
  const inline = new Map<string, RuleDeclaration>();
  for (const [id, d] of definitions.flags) if (d.rule) inline.set(id, d.rule);
  const knowledge = { ...withInlineRules(shared, inline), ...(emoji ? { emoji } : {}) };
  // Every flag has a rule, every rule a flag, every question a rule may ask exists.
  const problems = checkRulesAgainstFlags(knowledge, new Map([...definitions.flags].map(([id, d]) => [id, Object.keys(d.altQuestions ?? {})])), );
  if (problems.length > 0) throw new SafetyKnowledgeError(problems);
  const RULES = compileRules(knowledge);

  function assess(text: string, known: ParentContext = {}, options: AssessOptions = {}): SafetyAssessment {
    const sentences = splitMessage(typeof text === 'string' ? text : '', knowledge);
    const mentions = ownedByFollowUp(allMentions(sentences, knowledge, crisis), sentences);
    const learned = learnContext(sentences, { now: options.now });
    const first = effectiveContext(known, learned, knowledge.thresholds);
    // "28 wks and ..." from a pregnant parent is how far along she is, not how long a symptom has lasted.
    const durations: Duration[] = [];
    for (const s of sentences) for (const d of findDurations(s)) if (!(d.gestational && first.lactation === 'pregnant')) durations.push(d);
    for (const d of onsetDurations(sentences, options.now ?? new Date())) durations.push(d);
    // The clinical picture of this message; dates the context reader could not place ("weaned at
    // Christmas", "stopped at 18 months, he turns three next week") come from it.
    const picture = readPicture({ sentences, mentions, durations, learned, now: options.now ?? new Date(), known });
    if (learned.lactation === undefined && picture.status === 'weaned') learned.lactation = 'weaned';
    if ((learned.lactation ?? known.lactation) === 'weaned' && learned.weanedWeeksAgo === undefined && picture.weeksSinceWeaning !== undefined) learned.weanedWeeksAgo = picture.weeksSinceWeaning;
    const ctx = effectiveContext(known, learned, knowledge.thresholds, picture);

    const flags: RedFlagFinding[] = [];
    const toConfirm: SafetyAssessment['toConfirm'] = [];
    const askedAbout: RedFlagFinding[] = [];

    // One view per mode for all the rules, so what a group selects is worked out once per message.
    const views = new MessageViews(mentions, ctx, durations, sentences);
    const askedMentions = mentions.filter((m) => m.status === 'asked');
    for (const rule of RULES) {
      const outcome = evaluate(rule, mentions, views, askedMentions);
      if (!outcome) continue;
      const def = definitions.flags.get(rule.id)!;
      const finding: RedFlagFinding = { id: def.id, level: def.level, quote: quoteOf(outcome.mentions) };
      let bucket = outcome.bucket;
      // Emergency-level flags are never just "asked about": ask whether it is happening.
      if (bucket === 'asked' && def.level === 'emergency') bucket = 'confirm';
      if (bucket === 'flag') flags.push(finding);
      else if (bucket === 'confirm') {
        const question = (outcome.questionKey && def.altQuestions?.[outcome.questionKey]) || def.question;
        toConfirm.push({ ...finding, question });
      } else askedAbout.push(finding);
    }

    // Signs told in different messages of the conversation ("a fever since last night", then "now it's red").
    for (const { flag, added } of flagsAcrossMessages(knowledge.acrossMessages, known.picture, picture)) {
      if (flags.some((f) => f.id === flag)) continue;
      const def = definitions.flags.get(flag)!;
      flags.push({ id: def.id, level: def.level, quote: quoteOf(added.flatMap((field) => mentionsFilling(field, mentions))) });
    }

    // (Most messages raise no flag and ask nothing: a list of one or none needs no sort.)
    if (flags.length > 1) flags.sort((a, b) => urgencyRank(b.level) - urgencyRank(a.level));
    const level: Urgency | null = flags.length > 0 ? flags[0].level : null;
    // A question only matters if the answer could raise the urgency: drop those at or below it.
    const questions = toConfirm.filter((c) => level === null || urgencyRank(c.level) > urgencyRank(level));
    if (questions.length > 1) questions.sort((a, b) => urgencyRank(b.level) - urgencyRank(a.level));
    const flagged = new Set(flags.map((f) => f.id));
    const asked = askedAbout.filter((a) => !flagged.has(a.id));
    const merged = mergePicture(known.picture, picture);
    return { flags, toConfirm: questions, askedAbout: asked, learned, level, ...(Object.keys(merged).length > 0 ? { picture: merged } : {}) };
  }

  return { definitions, knowledge, assess };
}

let defaultDetector: RedFlagDetector | undefined;

/**
 * Assesses one raw message with the definitions in knowledge/red-flags.yaml (loaded once).
 * `known` is what the conversation already knows about the parent.
 */
export function assessSafety(text: string, known: ParentContext = {}, options: AssessOptions = {}): SafetyAssessment {
  defaultDetector ??= createRedFlagDetector();
  return defaultDetector.assess(text, known, options);
}
