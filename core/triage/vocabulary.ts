/**
 * The words the symptom check reads typed answers with: each option's own words in
 * knowledge/symptom-check.yaml, and the concepts it names from the one lexicon
 * (knowledge/safety/concepts.yaml), so a new word or misspelling for "fever" there is understood as
 * an answer here too. The weaning thresholds come from knowledge/safety/rules.yaml.
 */
import { KnowledgeError, defaultKnowledgeDir } from '../knowledge/loader';
import { defaultSafetyKnowledge, SYMPTOM_CHECK_CONCEPTS, type SafetyKnowledge, type Thresholds } from '../safety/knowledge';
import { loadSymptomCheckWording, type AnswerOption, type QuestionId, type SymptomCheckWording } from './content';

/** One option's words, each as a whole-word pattern (not global: they are used with exec on clauses). */
export interface AnswerWords {
  /** Its words, patterns and concepts' words, anywhere. */
  words: RegExp;
  /** Words that count only at the start of the answer. */
  opening: RegExp;
  /** Words that give this answer when negated. */
  denied: RegExp;
  /** `together`: a word of `said`, with one of `with` anywhere. */
  said: RegExp;
  with: RegExp;
}

export interface AnswerVocabulary {
  /** Misspelling or slang of a concept the symptom check reads -> the word it means. */
  spelling: ReadonlyMap<string, string>;
  /** The words of one answer of one question. */
  answer(question: QuestionId, value: string): AnswerWords;
  thresholds: Thresholds;
}

const NEVER = /(?!)/;
const NO_WORDS: AnswerWords = { words: NEVER, opening: NEVER, denied: NEVER, said: NEVER, with: NEVER };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "think* of" -> think\w* of: a * at the end of a word means any ending. */
function wordSource(word: string): string {
  return word
    .split(' ')
    .map((w) => (w.endsWith('*') ? `${escape(w.slice(0, -1))}\\w*` : escape(w)))
    .join(' ');
}

function anyOf(sources: readonly string[], start = '\\b'): RegExp {
  return sources.length === 0 ? NEVER : new RegExp(`${start}(?:${sources.join('|')})\\b`);
}

function compile(option: AnswerOption, k: SafetyKnowledge): AnswerWords {
  const conceptWords = (option.concepts ?? []).flatMap((c) => [...(k.concepts.get(c)?.terms ?? [])]);
  return {
    words: anyOf([...(option.words ?? []).map(wordSource), ...(option.patterns ?? []), ...conceptWords.map(escape)]),
    opening: anyOf((option.opening ?? []).map(wordSource), '^'),
    denied: anyOf((option.denied ?? []).map(wordSource)),
    said: anyOf((option.together?.said ?? []).map(wordSource)),
    with: anyOf((option.together?.with ?? []).map(wordSource)),
  };
}

/** Every concept an option names must be in the one lexicon; a problem names the file and the field. */
function checkConcepts(wording: SymptomCheckWording, k: SafetyKnowledge): void {
  const problems: string[] = [];
  for (const [q, { options }] of Object.entries(wording.questions)) {
    options.forEach((o, i) =>
      o.concepts?.forEach((c, j) => {
        if (!k.concepts.has(c)) problems.push(`${wording.source}: field questions.${q}.options.${i}.concepts.${j}: "${c}" is not a concept of safety/concepts.yaml`);
      }),
    );
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
}

export function answerVocabulary(k: SafetyKnowledge, wording: SymptomCheckWording): AnswerVocabulary {
  checkConcepts(wording, k);
  const named = Object.values(wording.questions).flatMap((q) => q.options.flatMap((o) => o.concepts ?? []));
  const spelling = new Map<string, string>();
  for (const id of new Set([...SYMPTOM_CHECK_CONCEPTS, ...named])) for (const [variant, word] of k.concepts.get(id)?.variants ?? []) spelling.set(variant, word);
  const compiled = new Map<string, AnswerWords>();
  for (const [q, { options }] of Object.entries(wording.questions)) for (const o of options) compiled.set(`${q}:${o.value}`, compile(o, k));
  return {
    spelling,
    answer: (question, value) => compiled.get(`${question}:${value}`) ?? NO_WORDS,
    thresholds: k.thresholds,
  };
}

let cached: AnswerVocabulary | undefined;

/** The project's own vocabulary, read once: for callers that were not given one. */
export function defaultAnswerVocabulary(): AnswerVocabulary {
  cached ??= answerVocabulary(defaultSafetyKnowledge(), loadSymptomCheckWording(defaultKnowledgeDir()));
  return cached;
}
