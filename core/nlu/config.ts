import type { ModelOptions } from './model';

export interface NluConfig {
  input: { maxChars: number; maxWords: number; maxWordLength: number };
  fuzzy: {
    minLength: number;
    shortWordMaxLength: number;
    shortWordEdits: number;
    longWordEdits: number;
    maxLength: number;
    vocabularyTargetLength: number;
  };
  negationScope: number;
  features: { bigramWeight: number; charNgramWeight: number; negatedPlainWeight: number };
  /** The model's own options, and how much a topic's title, answer and tips count as training text. */
  model: ModelOptions & { descriptionWeight: number };
  calibration: { folds: number; defaultTemperature: number };
  decision: {
    answerThreshold: number;
    oneWordAnswerThreshold: number;
    hubAnswerThreshold: number;
    hubLead: number;
    inScopeThreshold: number;
    unsureMinInScope: number;
    minKnownWords: number;
    minKnownShare: number;
    fewKnownMinWords: number;
    maxCandidates: number;
  };
}

/**
 * Every tunable number of language understanding, in one place. Weights and thresholds were tuned
 * on cross-validation over the knowledge base's examples and on tests/data/nlu-dev.tsv (never on
 * the held-out set): see `npx tsx scripts/kb.ts check` and `npx tsx scripts/nlu.ts eval FILE`.
 *
 * What is NOT here, because it is refitted whenever the model is trained (so it follows the
 * knowledge base): the softmax temperature and the in-scope gate, both fitted on leave-one-out
 * scores of the training examples (understanding.ts, fitCalibration).
 */
export const NLU_CONFIG: NluConfig = {
  input: {
    /** Longer messages are cut here (a word is never split in the middle of the cut). */
    maxChars: 2000,
    /** At most this many words are read. */
    maxWords: 300,
    /** A "word" longer than this is noise (a pasted hash, a key held down) and is skipped. */
    maxWordLength: 30,
  },
  /** Fuzzy correction of misspelled domain words (Damerau-Levenshtein, same first letter). */
  fuzzy: {
    /** Shorter words are never corrected. */
    minLength: 5,
    /** Words of up to 6 letters may be 1 edit away from the domain word; longer ones 2. */
    shortWordMaxLength: 6,
    shortWordEdits: 1,
    longWordEdits: 2,
    /** Longer "words" are not corrected. */
    maxLength: 20,
    /**
     * Training-example words at least this long become fuzzy targets too. 0: only the lexicon's
     * targets (with training words as targets, real words like "sweep" were "corrected" to "sleep").
     */
    vocabularyTargetLength: 0,
  },
  /** How many meaningful words after "no"/"not"/"never" are marked as negated. */
  negationScope: 2,
  features: {
    /** Weight of a word pair next to each other, relative to a single word. */
    bigramWeight: 0.5,
    /** Weight of the letter groups of a word (they help with misspellings no rule caught). */
    charNgramWeight: 0.15,
    /** Weight of a negated word's plain stem ("pregnant" in "not pregnant"), next to "not_pregnant". */
    negatedPlainWeight: 1,
  },
  model: {
    /** Additive smoothing of the naive Bayes word counts. */
    bayesAlpha: 0.1,
    /** Mix of the models' scores: naive Bayes log-probabilities and TF-IDF similarity. */
    bayesWeight: 1,
    similarityWeight: 12,
    /** How many nearest examples of a topic count towards its similarity. */
    nearestExamples: 2,
    /** Naive Bayes log-likelihood divided by (message length)^power: 1 = mean per word, 0 = plain sum. */
    bayesLengthPower: 0.3,
    /** Extra naive Bayes weight of words found in few topics (see model.ts). */
    specificityBoost: 2,
    /** Letter groups in the nearest-example similarity too (slower). */
    charNgramsInSimilarity: false,
    /** Weight of a topic's title, answer and tips as training text (0: examples only). */
    descriptionWeight: 0.5,
  },
  calibration: {
    /** Folds of the cross-validation report of `scripts/kb.ts check` (calibration itself uses leave-one-out). */
    folds: 5,
    /** Used when calibration is switched off. */
    defaultTemperature: 1,
  },
  decision: {
    /**
     * Calibrated confidence at or above which the top topic is answered directly; below: unsure. At
     * 0.5 a confident answer is right more often than not: a worried parent is better offered two or
     * three topics than told about the wrong one (held-out: 6 wrong answers instead of 8). 0.45
     * rather than 0.5: 5-fold cross-validation of the examples answers 20 more right for 8 more
     * wrong; 0.4 would add 28 right but 23 wrong.
     */
    answerThreshold: 0.45,
    /**
     * The same for a message of one word: "nipple" could be any of five topics. On the held parts of
     * development sets 5-10 every one-word message answered right was at 0.68 or more.
     */
    oneWordAnswerThreshold: 0.65,
    /**
     * A hub (an overview whose buttons open each narrower topic) is answered from this confidence, when
     * it is at least `hubLead` times the next topic's: the parent asked a general question, and the
     * overview is right for it or one tap from the right leaf. Chosen on development set 3 (hubs
     * unsure at 0.36-0.43 were right; a wrong hub top came at 0.31): through the bot its kept quarter
     * went from 189 to 191 of 199. On 5-fold cross-validation of the examples it changes 2 of 1,963
     * answers from unsure to the hub of the leaf asked about (0 more right): a hub is one tap from it.
     */
    hubAnswerThreshold: 0.33,
    hubLead: 2,
    /** Probability of being in scope below which a message is out of scope. */
    inScopeThreshold: 0.5,
    /** Not sure of the topic AND not sure it is in scope at all (below this): out of scope, not unsure. */
    unsureMinInScope: 0.7,
    /** A message with fewer words the model knows is out of scope. */
    minKnownWords: 1,
    /**
     * A message of at least `fewKnownMinWords` words of which the model knows less than this share is
     * out of scope: one word in common ("sit" in "lorem ipsum dolor sit amet") is not a question about
     * leaking. On development sets 5-10 (about 1,000 held lines) only out-of-scope lines fell under a third.
     */
    minKnownShare: 0.3,
    fewKnownMinWords: 3,
    /** Candidates offered when unsure. */
    maxCandidates: 3,
  },
};
