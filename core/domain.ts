import { ReplyComposer } from './conversation/composer';
import { loadMessages, type BotMessages } from './conversation/messages';
import type { ClinicDetails } from './conversation/template';
import { defaultKnowledgeDir, loadKnowledgeBase, type KnowledgeBase } from './knowledge/loader';
import { loadLexiconWithConcepts } from './nlu/conceptLexicon';
import { corpusFromKnowledgeBase } from './nlu/understanding';
import { loadOutOfScopeExamples } from './nlu/outOfScope';
import { defaultNluModelFile, loadLanguageUnderstanding, type LoadedUnderstanding, type UnderstandingInputs } from './nlu/stored';
import type { LanguageUnderstanding } from './nlu/types';
import { loadRedFlagDefinitions, type RedFlagDefinitions } from './safety/definitions';
import { createRedFlagDetector, type RedFlagDetector } from './safety/detector';
import { createLanguageIdentifier, type LanguageIdentifier } from './language/identify';
import { loadLanguageNotices, type LanguageNotices } from './language/notices';
import { loadEmojiWords, type EmojiWords } from './text/emoji';
import { warmUp } from './safety/warmUp';
import { conceptsOf, loadSafetyKnowledge, type SafetyKnowledge } from './safety/knowledge';
import { loadCrisisClassifier, type LoadedClassifier } from './safety/crisisClassifier';
import { loadSymptomCheckContent, type SymptomCheckContent } from './triage/content';
import { answerVocabulary } from './triage/vocabulary';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rememberParsedYamlLater, textKey } from './knowledge/parsedYaml';
import { patternsReadHere, rememberPatternStrings } from './safety/prefilter';
import { projectRoot } from './projectRoot';
import { builtValidation, plainValidation, schemaVersion, type KnowledgeValidation } from './knowledge/builtValidation';
import { loadCrisisConfig } from './safety/crisisBank';

/** Everything the bot knows and how it listens, loaded and checked once at start-up. */
export interface Domain {
  kb: KnowledgeBase;
  messages: BotMessages;
  redFlags: RedFlagDefinitions;
  /** The one lexicon, the modifiers and the red-flag rules (knowledge/safety). */
  safetyKnowledge: SafetyKnowledge;
  symptomCheck: SymptomCheckContent;
  understanding: LanguageUnderstanding;
  /** 'stored': the model the build trained; otherwise why it was trained at start-up instead (missing, stale...). */
  understandingSource: LoadedUnderstanding['source'];
  /** Knowledge files whose zod validation the build's record answered (generated/knowledge-validated.json); the others were validated now. */
  knowledgeValidationsSkipped: number;
  /** Patterns whose required strings were read at start-up, not taken from the build (0 when the build's file served). */
  patternsReadAtStart: number;
  /** How the crisis model was found current: by its files' text hash ('text'), by reading the banks, or trained now. */
  crisisModelSource: LoadedClassifier['source'];
  safety: RedFlagDetector;
  composer: ReplyComposer;
  /** Emoji read as words by language understanding, red-flag detection and the symptom check. */
  emoji: EmojiWords;
  /** Which language a message is in, when it is clearly not English. */
  language: LanguageIdentifier;
  /** What to say to a message in another language (knowledge/languages.yaml). */
  languageNotices: LanguageNotices;
}

/** What language understanding is trained from, and the files it comes from (loaded and checked). */
export interface UnderstandingSources {
  kb: KnowledgeBase;
  redFlags: RedFlagDefinitions;
  safetyKnowledge: SafetyKnowledge;
  emoji: EmojiWords;
  inputs: UnderstandingInputs;
}

/**
 * The knowledge files language understanding is trained from: the topics, the out-of-scope examples,
 * the NLU lexicon with the concepts of knowledge/safety merged in (the one lexicon), and the emoji.
 * Shared by start-up and the build's training (scripts/trainNlu.ts), so both train on the same inputs.
 */
export function loadUnderstandingSources(knowledgeDir: string = defaultKnowledgeDir(), validation: KnowledgeValidation = plainValidation): UnderstandingSources {
  const kb = loadKnowledgeBase(knowledgeDir, validation);
  const redFlags = loadRedFlagDefinitions(join(knowledgeDir, 'red-flags.yaml'), validation);
  // One lexicon: the concepts are read by the detector, language understanding and the symptom check alike.
  const inlineRules = [...redFlags.flags.values()].flatMap((f) => (f.rule ? [f.rule] : []));
  const safetyKnowledge = loadSafetyKnowledge(join(knowledgeDir, 'safety'), { usedElsewhere: conceptsOf(inlineRules), validation });
  const emoji = loadEmojiWords(join(knowledgeDir, 'emoji.yaml'), validation);
  const lexicon = loadLexiconWithConcepts(safetyKnowledge.concepts.values(), join(knowledgeDir, 'nlu', 'lexicon.yaml'), validation);
  const corpus = corpusFromKnowledgeBase(kb, loadOutOfScopeExamples(join(knowledgeDir, 'nlu', 'out-of-scope.yaml'), validation));
  return { kb, redFlags, safetyKnowledge, emoji, inputs: { corpus, lexicon, emoji } };
}

export interface DomainOptions {
  /** The model `npm run build` trained (generated/nlu-model.json); used only when trained from these very files. */
  nluModelFile?: string;
  /** The knowledge files `npm run build` parsed (generated/knowledge-yaml.json); used only for files whose text is unchanged. */
  parsedYamlFile?: string;
  /** The patterns' required strings the build read (generated/pattern-strings.json); used only for unchanged patterns. */
  patternStringsFile?: string;
  /** The knowledge files the build validated (generated/knowledge-validated.json); used only for unchanged files and schemas. */
  validatedKnowledgeFile?: string;
  /** How the knowledge files are validated; by default from validatedKnowledgeFile (the build's record), else zod on every file. */
  validation?: KnowledgeValidation;
}

/** Where the build writes what it validated of the knowledge files (scripts/validateKnowledge.ts). */
export function defaultValidatedKnowledgeFile(): string {
  return join(projectRoot(), 'generated', 'knowledge-validated.json');
}

/** The validation answering from the build's record when it was made with these very schemas; zod on every file otherwise. */
export function builtKnowledgeValidation(file: string = defaultValidatedKnowledgeFile()): KnowledgeValidation {
  if (!existsSync(file)) return plainValidation;
  try {
    return builtValidation(JSON.parse(readFileSync(file, 'utf8')), schemaVersion(projectRoot()));
  } catch {
    // Unreadable: validating the files themselves is slower, never wrong.
    return plainValidation;
  }
}

/** Every knowledge file start-up validates, loaded as loadDomain does (the build records them through `validation`). */
export function loadKnowledgeFiles(knowledgeDir: string = defaultKnowledgeDir(), validation: KnowledgeValidation = plainValidation) {
  const sources = loadUnderstandingSources(knowledgeDir, validation);
  const { kb, redFlags, safetyKnowledge } = sources;
  const messages = loadMessages(knowledgeDir, new Set(kb.topics.keys()), validation);
  const symptomCheckContent = loadSymptomCheckContent(knowledgeDir, { redFlags: new Set(redFlags.flags.keys()), topics: new Set(kb.topics.keys()) }, validation);
  const symptomCheck = { ...symptomCheckContent, vocabulary: answerVocabulary(safetyKnowledge, symptomCheckContent) };
  const crisisConfig = loadCrisisConfig(join(knowledgeDir, 'safety'), validation);
  const languageNotices = loadLanguageNotices(join(knowledgeDir, 'languages.yaml'), validation);
  return { ...sources, messages, symptomCheck, crisisConfig, languageNotices };
}

/** Where the build writes the patterns' required strings (scripts/storePatternStrings.ts). */
export function defaultPatternStringsFile(): string {
  return join(projectRoot(), 'generated', 'pattern-strings.json');
}

/**
 * The hash of the pattern reader's own text (core/safety/prefilter.ts): stored strings are used only
 * when read by this very reader. Without the source beside the code, nothing stored is used.
 */
export function patternReaderKey(): string | undefined {
  const file = join(projectRoot(), 'core', 'safety', 'prefilter.ts');
  return existsSync(file) ? textKey(readFileSync(file, 'utf8')) : undefined;
}

/** Hands what the build read of the patterns to the prefilter; without the file (or a stale one) every pattern is read now. */
function rememberBuiltPatternStrings(file: string): void {
  const reader = patternReaderKey();
  if (reader === undefined || !existsSync(file)) return;
  try {
    rememberPatternStrings(JSON.parse(readFileSync(file, 'utf8')), reader);
  } catch {
    // Unreadable: reading the patterns themselves is slower, never wrong.
  }
}

/** Where the build writes the parsed knowledge files (scripts/parseKnowledge.ts). */
export function defaultParsedYamlFile(): string {
  return join(projectRoot(), 'generated', 'knowledge-yaml.json');
}

/**
 * Hands what the build parsed to the YAML reader, read at its first parse (a start whose files the
 * build validated parses none); without the file (or with a broken one) every file is parsed.
 */
function rememberBuiltYaml(file: string): void {
  if (!existsSync(file)) return;
  rememberParsedYamlLater(() => JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Loads the knowledge folder and language understanding: the model the build trained when it was
 * trained from these files, else one trained now. Any problem in any file stops here, with the file
 * and the field named, before the bot accepts a message.
 */
export function loadDomain(clinic: ClinicDetails, knowledgeDir: string = defaultKnowledgeDir(), options: DomainOptions = {}): Domain {
  rememberBuiltYaml(options.parsedYamlFile ?? defaultParsedYamlFile());
  rememberBuiltPatternStrings(options.patternStringsFile ?? defaultPatternStringsFile());
  const readBefore = patternsReadHere();
  const validation = options.validation ?? builtKnowledgeValidation(options.validatedKnowledgeFile);
  const { kb, redFlags, safetyKnowledge, emoji, inputs } = loadUnderstandingSources(knowledgeDir, validation);
  const messages = loadMessages(knowledgeDir, new Set(kb.topics.keys()), validation);
  const symptomCheckContent = loadSymptomCheckContent(knowledgeDir, { redFlags: new Set(redFlags.flags.keys()), topics: new Set(kb.topics.keys()) }, validation);
  const symptomCheck = { ...symptomCheckContent, vocabulary: answerVocabulary(safetyKnowledge, symptomCheckContent) };
  const { understanding, source } = loadLanguageUnderstanding(inputs, options.nluModelFile ?? defaultNluModelFile());
  // The crisis classifier built by `npm run build`; trained now if its model file is missing or stale.
  const { classifier, source: crisisModelSource } = loadCrisisClassifier(join(knowledgeDir, 'safety'), { validation });
  const safety = createRedFlagDetector(redFlags, classifier, safetyKnowledge, emoji);
  // Ready means ready: the first parent's message must not pay for compiling the detector's patterns.
  warmUp(safety);
  const patternsReadAtStart = patternsReadHere() - readBefore;
  const composer = new ReplyComposer({ kb, messages, redFlags, clinic });
  // A message English understanding reads as one of its topics is English, whatever its n-grams say.
  const languageNotices = loadLanguageNotices(join(knowledgeDir, 'languages.yaml'), validation);
  const language = createLanguageIdentifier({
    languages: languageNotices.languages(),
    readsAsEnglish: (text) => understanding.understand(text).kind === 'topic',
  });
  return { kb, messages, redFlags, safetyKnowledge, symptomCheck, understanding, understandingSource: source, knowledgeValidationsSkipped: validation.skipped, patternsReadAtStart, crisisModelSource, safety, composer, emoji, language, languageNotices };
}
