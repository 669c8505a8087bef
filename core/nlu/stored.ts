/**
 * Language understanding trained at build time. `npm run build` (scripts/trainNlu.ts) trains it on the
 * knowledge base and writes generated/nlu-model.json: the model, its calibration and the vocabulary of
 * the training examples. Start-up reads that file instead of training (and calibrating by leave-one-out)
 * again.
 *
 * Never stale: the file carries a key, a SHA-256 of everything training reads (every topic's examples,
 * title, answer and tips, the out-of-scope examples, the lexicon with the concepts merged in, the emoji
 * words, the numbers of config.ts and the model's format). A clinician who edits knowledge/ and starts
 * the bot without building gets a model trained at start-up from the edited files (a slower start),
 * never the old one. The same holds for a copy of the knowledge folder (tests) and a missing,
 * unreadable or cut file. Changing how training works (model.ts, calibration) without changing its
 * inputs is caught by `npm run build`, which always trains again; bump TOPIC_MODEL_FORMAT or
 * STORED_FORMAT when the file's shape changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../projectRoot';
import type { EmojiWords } from '../text/emoji';
import { NLU_CONFIG, type NluConfig } from './config';
import { defaultLexicon, type Lexicon } from './lexicon';
import { TOPIC_MODEL_FORMAT, TopicModel, type SerialisedTopicModel } from './model';
import { hubsOf, restoreLanguageUnderstanding, trainLanguageUnderstanding, type Calibration, type TrainedLanguageUnderstanding, type TrainingCorpus } from './understanding';

/** Bumped when the file's own shape changes. */
export const STORED_FORMAT = 1;

export interface StoredUnderstanding {
  format: number;
  /** What it was trained from (inputKey). */
  key: string;
  calibration: Calibration;
  vocabulary: string[];
  model: SerialisedTopicModel;
}

export interface UnderstandingInputs {
  corpus: TrainingCorpus;
  lexicon?: Lexicon;
  emoji?: EmojiWords;
  config?: NluConfig;
}

/** Where the build writes the trained model (not committed: `npm run build` and the tests make it). */
export function defaultNluModelFile(): string {
  return join(projectRoot(), 'generated', 'nlu-model.json');
}

const sorted = (words: Iterable<string>) => [...words].sort();

/** The SHA-256 of everything training reads, and the formats: equal keys, equal models. */
export function inputKey({ corpus, lexicon = defaultLexicon(), emoji, config = NLU_CONFIG }: UnderstandingInputs): string {
  const lexiconData = {
    phrases: [...lexicon.phrases].map(([variant, words]) => [variant, [...words]]).sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
    maxPhraseWords: lexicon.maxPhraseWords,
    phraseStarts: sorted(lexicon.phraseStarts),
    fuzzyTargets: sorted(lexicon.fuzzyTargets),
    knownWords: sorted(lexicon.knownWords),
    stopWords: sorted(lexicon.stopWords),
    negations: sorted(lexicon.negations),
    negationBreakers: sorted(lexicon.negationBreakers),
  };
  const inputs = { formats: [STORED_FORMAT, TOPIC_MODEL_FORMAT], corpus, lexicon: lexiconData, emoji: emoji?.entries() ?? null, config };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** What training made, as the file holds it. */
export function storeUnderstanding(understanding: TrainedLanguageUnderstanding, key: string): StoredUnderstanding {
  return {
    format: STORED_FORMAT,
    key,
    calibration: { temperature: understanding.calibration.temperature, gate: understanding.calibration.gate && [...understanding.calibration.gate] },
    vocabulary: [...understanding.tokeniser.vocabulary],
    model: understanding.model.serialise(),
  };
}

/** Writes the file atomically, so a reader never sees half of it. */
export function writeStoredUnderstanding(stored: StoredUnderstanding, file: string = defaultNluModelFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(stored));
  renameSync(tmp, file);
}

/** Why a stored model was not used. */
export type NotUsed = 'missing' | 'stale' | 'unreadable';

/** The language understanding stored in `file` when it was trained from exactly `inputs`, or why not. */
export function readStoredUnderstanding(inputs: UnderstandingInputs, file: string = defaultNluModelFile(), key: string = inputKey(inputs)): TrainedLanguageUnderstanding | NotUsed {
  if (!existsSync(file)) return 'missing';
  let stored: StoredUnderstanding;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredUnderstanding;
  } catch {
    return 'unreadable';
  }
  if (stored?.format !== STORED_FORMAT || stored.key !== key) return 'stale';
  try {
    const model = TopicModel.deserialise(stored.model);
    return restoreLanguageUnderstanding({ model, calibration: stored.calibration, vocabulary: stored.vocabulary }, { ...inputs, hubs: hubsOf(inputs.corpus) });
  } catch {
    return 'unreadable';
  }
}

export interface LoadedUnderstanding {
  understanding: TrainedLanguageUnderstanding;
  /** 'stored' when the built model was used; otherwise why it was trained now (a slower start). */
  source: 'stored' | NotUsed;
}

/** The built model when it is current, else one trained now from `inputs` (the file is left as it is). */
export function loadLanguageUnderstanding(inputs: UnderstandingInputs, file: string = defaultNluModelFile()): LoadedUnderstanding {
  const stored = readStoredUnderstanding(inputs, file);
  if (typeof stored !== 'string') return { understanding: stored, source: 'stored' };
  return { understanding: trainLanguageUnderstanding(inputs.corpus, inputs), source: stored };
}

/** Trains on `inputs` and writes the file (the build, the tests' global setup). */
export function trainAndStore(inputs: UnderstandingInputs, file: string = defaultNluModelFile()): { understanding: TrainedLanguageUnderstanding; key: string } {
  const key = inputKey(inputs);
  const understanding = trainLanguageUnderstanding(inputs.corpus, inputs);
  writeStoredUnderstanding(storeUnderstanding(understanding, key), file);
  return { understanding, key };
}
