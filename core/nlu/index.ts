/** Language understanding: public entry points. Domain core: no Bot Framework imports. */
export type { LanguageUnderstanding, TopicScore, Understanding } from './types';
export {
  createLanguageUnderstanding,
  corpusFromKnowledgeBase,
  trainLanguageUnderstanding,
  type NluOptions,
  type TrainedLanguageUnderstanding,
  type TrainingCorpus,
} from './understanding';
export { analyse, normalise, tokenise, Tokeniser, type Analysis, type Token } from './tokenise';
export { defaultLexicon, loadLexicon, buildLexicon, LexiconError, type Lexicon } from './lexicon';
export { NLU_CONFIG, type NluConfig } from './config';
export { evaluate, readLabelledTsv, isCorrect, accuracyLine, type EvaluationReport, type LabelledMessage } from './evaluate';
