/**
 * Language understanding: the knowledge base's examples in, a LanguageUnderstanding out.
 *
 * Training (about a second with 5,000 examples): the examples and phrasings of every topic, plus
 * the out-of-scope examples of knowledge/nlu/out-of-scope.yaml as one more class, train a TopicModel.
 * Then every example is scored as if left out of training (exact leave-one-out), and on those
 * held-out scores:
 *   - a softmax temperature is fitted, so that a topic's confidence matches how often it is right;
 *   - a small logistic "in scope?" gate is fitted on how much of a message the model knows, how close
 *     it is to an example, and how much the out-of-scope class likes it.
 *
 * understand(text):
 *   1. nothing readable (empty, emoji only, a 10,000-letter "word", a bare "no") -> out-of-scope;
 *   2. P(in scope) below decision.inScopeThreshold (another language, gibberish, an unrelated
 *      question) -> out-of-scope;
 *   3. confidence of the best topic = P(in scope) x P(topic | in scope) >= answerThreshold -> topic;
 *   4. otherwise -> unsure, with the two or three closest topics.
 */
import type { KnowledgeBase } from '../knowledge/loader';
import { OUT_OF_SCOPE } from '../knowledge/requiredTopics';
import { assignFolds, dot, fitLogistic, fitTemperature, sigmoid, softmax, type ScoredSample } from './calibration';
import { NLU_CONFIG, type NluConfig } from './config';
import { extractFeatures, type FeatureVector } from './features';
import { defaultLexicon, type Lexicon } from './lexicon';
import { TopicModel, type ModelScores } from './model';
import { loadOutOfScopeExamples } from './outOfScope';
import { Tokeniser, type Analysis } from './tokenise';
import type { EmojiWords } from '../text/emoji';
import type { LanguageUnderstanding, TopicScore, Understanding } from './types';

/** The training data, as `scripts/nlu.ts export` prints it. */
export interface TrainingCorpus {
  /**
   * `examples` are what parents type; `descriptions` (the topic's title, answer and tips) are extra,
   * lighter training text that brings in the topic's vocabulary (used when config.model.descriptionWeight > 0).
   */
  topics: Array<{ id: string; examples: string[]; descriptions?: string[]; hub?: boolean }>;
  /** Messages the bot is not for: trained as an extra "out-of-scope" class. */
  outOfScope?: string[];
}

export interface NluOptions {
  lexicon?: Lexicon;
  config?: NluConfig;
  /** Fit temperature and gate on held-out scores (default true; else fixed defaults from the config). */
  calibrate?: boolean;
  /** Emoji read as words (knowledge/emoji.yaml, from the composition root); without it emoji are dropped. */
  emoji?: EmojiWords;
}

/** Everything the decision was made from (for the curator tools and tests). */
export interface Explanation {
  analysis: Analysis;
  /** Calibrated confidence per topic, best first. */
  ranking: TopicScore[];
  /** Probability that the message is in scope at all. */
  inScope: number;
  maxSimilarity: number;
  knownShare: number;
  knownWords: number;
  /** Why the message was out of scope, when it was. */
  outOfScopeReason?: 'nothing-readable' | 'no-known-words' | 'few-known-words' | 'gate';
}

export interface Calibration {
  /** Softmax temperature of the topic scores. */
  temperature: number;
  /** Logistic weights over gateFeatures() (bias last), or null: everything readable is in scope. */
  gate: number[] | null;
}

export interface TrainedLanguageUnderstanding extends LanguageUnderstanding {
  readonly topics: readonly string[];
  readonly calibration: Calibration;
  readonly tokeniser: Tokeniser;
  /** The trained model (its classes: the topics, then OUT_OF_SCOPE when trained with out-of-scope examples). */
  readonly model: TopicModel;
  explain(text: string): { understanding: Understanding; explanation: Explanation };
}

/** The knowledge base's examples, and the out-of-scope examples of knowledge/nlu/out-of-scope.yaml. */
export function corpusFromKnowledgeBase(kb: KnowledgeBase, outOfScope: string[] = loadOutOfScopeExamples()): TrainingCorpus {
  return {
    topics: [...kb.topics.values()].map((t) => ({
      id: t.id,
      examples: [...t.examples, ...t.phrasings],
      // A hub's answer sums up its children: its words belong to them, so only its title is trained on.
      descriptions: t.hub ? [t.title] : [t.title, ...splitSentences(t.answer), ...t.tips],
      ...(t.hub ? { hub: true } : {}),
    })),
    outOfScope,
  };
}

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function createLanguageUnderstanding(kb: KnowledgeBase, options: NluOptions = {}): TrainedLanguageUnderstanding {
  return trainLanguageUnderstanding(corpusFromKnowledgeBase(kb), options);
}

interface PreparedItem {
  topic: string;
  text: string;
  features: FeatureVector;
  /** 1 for examples; config.model.descriptionWeight for descriptions. */
  weight: number;
  /** Descriptions are trained on, never used as held-out test items. */
  description: boolean;
}

interface Prepared {
  tokeniser: Tokeniser;
  /** Model classes: the topics, then OUT_OF_SCOPE when the corpus has out-of-scope examples. */
  classes: string[];
  items: PreparedItem[];
}

function prepare(corpus: TrainingCorpus, lexicon: Lexicon, config: NluConfig, emoji?: EmojiWords): Prepared {
  const classes = corpus.topics.map((t) => t.id);
  if (classes.length < 2) throw new Error('Language understanding needs at least two topics');
  if (new Set(classes).size !== classes.length) throw new Error('The training corpus lists a topic twice');
  if (classes.includes(OUT_OF_SCOPE)) throw new Error(`"${OUT_OF_SCOPE}" is reserved: it cannot be a topic id`);
  const labelled = corpus.topics.flatMap((t) => t.examples.map((text) => ({ topic: t.id, text, weight: 1, description: false })));
  const descriptionWeight = config.model.descriptionWeight;
  if (descriptionWeight > 0) {
    for (const t of corpus.topics) {
      labelled.push(...(t.descriptions ?? []).map((text) => ({ topic: t.id, text, weight: descriptionWeight, description: true })));
    }
  }
  if (corpus.outOfScope && corpus.outOfScope.length > 0) {
    classes.push(OUT_OF_SCOPE);
    labelled.push(...corpus.outOfScope.map((text) => ({ topic: OUT_OF_SCOPE, text, weight: 1, description: false })));
  }
  const { tokeniser, analyses } = new Tokeniser(lexicon, [], { config, emoji }).trainOn(labelled.map((l) => l.text));
  const items = labelled.map((l, i) => ({ ...l, features: extractFeatures(analyses[i], config.features) }));
  return { tokeniser, classes, items };
}

export interface HeldOutSample extends ScoredSample {
  text: string;
  scored: ModelScores;
}

/**
 * Held-out scores of every example (never of descriptions): with config.calibration.folds <= 1
 * exact leave-one-out from one model, else stratified k-fold. Used for calibration and by
 * `scripts/kb.ts check`.
 */
export function crossValidatedScores(corpus: TrainingCorpus, options: NluOptions = {}): { classes: string[]; samples: HeldOutSample[] } {
  const config = options.config ?? NLU_CONFIG;
  const { classes, items } = prepare(corpus, options.lexicon ?? defaultLexicon(), config, options.emoji);
  return { classes, samples: heldOutScores(items, classes, config, config.calibration.folds) };
}

function heldOutScores(items: PreparedItem[], classes: string[], config: NluConfig, folds: number, full?: TopicModel): HeldOutSample[] {
  const classIndex = new Map(classes.map((t, i) => [t, i]));
  const samples: HeldOutSample[] = [];
  const sample = (item: PreparedItem, scored: ModelScores) =>
    samples.push({ scores: scored.scores, label: classIndex.get(item.topic) as number, text: item.text, scored });
  if (folds <= 1) {
    const model = full ?? TopicModel.train(items, classes, config.model);
    items.forEach((item, i) => {
      if (!item.description) sample(item, model.scoreLeaveOneOut(i));
    });
    return samples;
  }
  const fold = assignFolds(
    items.map((i) => i.topic),
    folds,
  );
  for (let f = 0; f < folds; f++) {
    // Descriptions are always trained on, never tested.
    const train = items.filter((item, i) => fold[i] !== f || item.description);
    if (train.length === items.length) continue;
    const model = TopicModel.train(train, classes, config.model);
    items.forEach((item, i) => {
      if (fold[i] === f && !item.description) sample(item, model.score(item.features));
    });
  }
  return samples;
}

/** Inputs of the in-scope gate. */
function gateFeatures(scored: ModelScores, outOfScopeIndex: number): number[] {
  let bestTopic = -Infinity;
  for (let c = 0; c < scored.scores.length; c++) if (c !== outOfScopeIndex) bestTopic = Math.max(bestTopic, scored.scores[c]);
  const outOfScopeMargin = outOfScopeIndex >= 0 ? scored.scores[outOfScopeIndex] - bestTopic : -5;
  return [scored.knownShare, scored.maxSimilarity, Math.max(-5, Math.min(5, outOfScopeMargin))];
}

function topicScores(scores: ArrayLike<number>, outOfScopeIndex: number): Float64Array {
  const all = Float64Array.from(scores);
  return outOfScopeIndex < 0 ? all : all.filter((_, c) => c !== outOfScopeIndex);
}

/** Temperature and gate from held-out scores. */
export function fitCalibration(samples: readonly HeldOutSample[], classes: readonly string[]): Calibration {
  const oos = classes.indexOf(OUT_OF_SCOPE);
  const inScope = samples.filter((s) => s.label !== oos);
  // Topic labels keep their index: out-of-scope is the last class.
  const temperature = fitTemperature(inScope.map((s) => ({ scores: topicScores(s.scores, oos), label: s.label })));
  const hasNegatives = inScope.length < samples.length;
  const gate = hasNegatives
    ? fitLogistic(
        samples.map((s) => gateFeatures(s.scored, oos)),
        samples.map((s) => (s.label === oos ? 0 : 1)),
      )
    : null;
  return { temperature, gate };
}

export function trainLanguageUnderstanding(corpus: TrainingCorpus, options: NluOptions = {}): TrainedLanguageUnderstanding {
  const config = options.config ?? NLU_CONFIG;
  const { tokeniser, classes, items } = prepare(corpus, options.lexicon ?? defaultLexicon(), config, options.emoji);
  const model = TopicModel.train(items, classes, config.model);
  const calibration: Calibration =
    options.calibrate === false
      ? { temperature: config.calibration.defaultTemperature, gate: null }
      : fitCalibration(heldOutScores(items, classes, config, 1, model), classes);
  return new Understander(tokeniser, model, classes, calibration, config, hubsOf(corpus));
}

/** The hub topics (overviews whose buttons open narrower topics). */
export function hubsOf(corpus: TrainingCorpus): ReadonlySet<string> {
  return new Set(corpus.topics.filter((t) => t.hub).map((t) => t.id));
}

/**
 * Language understanding from what training made, kept (core/nlu/stored.ts): the model, its
 * calibration and the training examples' vocabulary. The lexicon, emoji and config must be those it
 * was trained with; it then reads every message exactly as the freshly trained one would.
 */
export function restoreLanguageUnderstanding(
  parts: { model: TopicModel; calibration: Calibration; vocabulary: readonly string[] },
  options: Omit<NluOptions, 'calibrate'> & { hubs?: ReadonlySet<string> } = {},
): TrainedLanguageUnderstanding {
  const config = options.config ?? NLU_CONFIG;
  const tokeniser = new Tokeniser(options.lexicon ?? defaultLexicon(), parts.vocabulary, { config, emoji: options.emoji });
  return new Understander(tokeniser, parts.model, parts.model.classes, parts.calibration, config, options.hubs ?? new Set());
}

class Understander implements TrainedLanguageUnderstanding {
  readonly topics: readonly string[];
  private readonly outOfScopeIndex: number;

  constructor(
    readonly tokeniser: Tokeniser,
    readonly model: TopicModel,
    classes: readonly string[],
    readonly calibration: Calibration,
    private readonly config: NluConfig,
    private readonly hubs: ReadonlySet<string>,
  ) {
    this.outOfScopeIndex = classes.indexOf(OUT_OF_SCOPE);
    this.topics = classes.filter((c) => c !== OUT_OF_SCOPE);
  }

  understand(text: string): Understanding {
    return this.explain(text).understanding;
  }

  explain(text: string): { understanding: Understanding; explanation: Explanation } {
    const analysis = this.tokeniser.analyse(typeof text === 'string' ? text : '');
    // Nothing but "no" / "not" / "never" says nothing about a topic either.
    const negations = this.tokeniser.lexicon.negations;
    if (analysis.tokens.every((t) => negations.has(t.word))) {
      return {
        understanding: { kind: 'out-of-scope', confidence: 0.99, candidates: [] },
        explanation: { analysis, ranking: [], inScope: 0, maxSimilarity: 0, knownShare: 0, knownWords: 0, outOfScopeReason: 'nothing-readable' },
      };
    }
    return decide(analysis, this.model.score(extractFeatures(analysis, this.config.features)), this.topics, this.outOfScopeIndex, this.calibration, this.config, this.hubs);
  }
}

/** The decision rule, from model scores (shared by understand() and the cross-validation report). */
export function decide(
  analysis: Analysis,
  scored: ModelScores,
  topics: readonly string[],
  outOfScopeIndex: number,
  calibration: Calibration,
  config: NluConfig,
  hubs: ReadonlySet<string> = new Set(),
): { understanding: Understanding; explanation: Explanation } {
  const { decision } = config;
  const { gate, temperature } = calibration;
  const inScope = gate ? sigmoid(dot(gate, [...gateFeatures(scored, outOfScopeIndex), 1])) : 1;
  const probabilities = softmax(topicScores(scored.scores, outOfScopeIndex), temperature);
  const ranking: TopicScore[] = topics
    .map((topic, i) => ({ topic, confidence: round(inScope * probabilities[i]) }))
    .sort((a, b) => b.confidence - a.confidence || a.topic.localeCompare(b.topic));
  const explanation: Explanation = {
    analysis,
    ranking,
    inScope,
    maxSimilarity: scored.maxSimilarity,
    knownShare: scored.knownShare,
    knownWords: scored.knownWords,
  };
  const candidates = ranking.slice(0, decision.maxCandidates);

  // About how many words were read: the known ones over their share.
  const wordsRead = scored.knownShare > 0 ? scored.knownWords / scored.knownShare : 0;
  if (scored.knownWords < decision.minKnownWords) explanation.outOfScopeReason = 'no-known-words';
  else if (wordsRead >= decision.fewKnownMinWords && scored.knownShare < decision.minKnownShare) explanation.outOfScopeReason = 'few-known-words';
  else if (inScope < decision.inScopeThreshold) explanation.outOfScopeReason = 'gate';
  if (explanation.outOfScopeReason) {
    // Mostly unknown words: as sure it is out of scope as the share of the message it cannot read.
    const sure = explanation.outOfScopeReason === 'few-known-words' ? Math.max(1 - inScope, 1 - scored.knownShare) : 1 - inScope;
    return { understanding: { kind: 'out-of-scope', confidence: round(sure), candidates }, explanation };
  }

  const best = ranking[0];
  if (best.confidence < decision.answerThreshold && inScope < decision.unsureMinInScope) {
    explanation.outOfScopeReason = 'gate';
    return { understanding: { kind: 'out-of-scope', confidence: round(1 - inScope), candidates }, explanation };
  }
  // A general question whose best match is a hub: the overview offers every narrower topic as a
  // button, so it is a safe answer at a lower confidence than a leaf, when nothing else comes close.
  const generalQuestion = hubs.has(best.topic) && best.confidence >= decision.hubAnswerThreshold && best.confidence >= decision.hubLead * ranking[1].confidence;
  // One word names a subject ("nipple"), not a question: answered when one topic is clearly meant.
  const threshold = analysis.tokens.length === 1 ? decision.oneWordAnswerThreshold : decision.answerThreshold;
  if (best.confidence >= threshold || generalQuestion) {
    return {
      understanding: { kind: 'topic', topic: best.topic, confidence: best.confidence, alternatives: ranking.slice(1, decision.maxCandidates) },
      explanation,
    };
  }
  // Two candidates at least; a third when it is not far behind the second.
  const offered = ranking.slice(0, 2);
  if (decision.maxCandidates >= 3 && ranking[2].confidence >= ranking[1].confidence / 2) offered.push(ranking[2]);
  return { understanding: { kind: 'unsure', confidence: best.confidence, candidates: offered }, explanation };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export interface CrossValidationResult {
  classes: string[];
  calibration: Calibration;
  /** Each example with the answer a model trained without it gives (OUT_OF_SCOPE for out-of-scope examples). */
  results: Array<{ expected: string; text: string; understanding: Understanding }>;
}

/**
 * Cross-validation with the full decision rule: held-out scores (leave-one-out or k-fold, per
 * config.calibration.folds), calibrated on themselves, then decided as understand() would.
 */
export function crossValidate(corpus: TrainingCorpus, options: NluOptions = {}): CrossValidationResult {
  const config = options.config ?? NLU_CONFIG;
  const { classes, samples } = crossValidatedScores(corpus, options);
  const calibration = fitCalibration(samples, classes);
  const oos = classes.indexOf(OUT_OF_SCOPE);
  const topics = classes.filter((c) => c !== OUT_OF_SCOPE);
  const noAnalysis: Analysis = { normalised: '', tokens: [], wordCount: 0, corrections: 0 };
  return {
    classes,
    calibration,
    results: samples.map((s) => ({
      expected: classes[s.label],
      text: s.text,
      understanding: decide(noAnalysis, s.scored, topics, oos, calibration, config, hubsOf(corpus)).understanding,
    })),
  };
}
