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
import { rememberParsedYaml, textKey } from './knowledge/parsedYaml';
import { patternsReadHere, rememberPatternStrings } from './safety/prefilter';
import { projectRoot } from './projectRoot';

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
export function loadUnderstandingSources(knowledgeDir: string = defaultKnowledgeDir()): UnderstandingSources {
  const kb = loadKnowledgeBase(knowledgeDir);
  const redFlags = loadRedFlagDefinitions(join(knowledgeDir, 'red-flags.yaml'));
  // One lexicon: the concepts are read by the detector, language understanding and the symptom check alike.
  const inlineRules = [...redFlags.flags.values()].flatMap((f) => (f.rule ? [f.rule] : []));
  const safetyKnowledge = loadSafetyKnowledge(join(knowledgeDir, 'safety'), { usedElsewhere: conceptsOf(inlineRules) });
  const emoji = loadEmojiWords(join(knowledgeDir, 'emoji.yaml'));
  const lexicon = loadLexiconWithConcepts(safetyKnowledge.concepts.values(), join(knowledgeDir, 'nlu', 'lexicon.yaml'));
  const corpus = corpusFromKnowledgeBase(kb, loadOutOfScopeExamples(join(knowledgeDir, 'nlu', 'out-of-scope.yaml')));
  return { kb, redFlags, safetyKnowledge, emoji, inputs: { corpus, lexicon, emoji } };
}

export interface DomainOptions {
  /** The model `npm run build` trained (generated/nlu-model.json); used only when trained from these very files. */
  nluModelFile?: string;
  /** The knowledge files `npm run build` parsed (generated/knowledge-yaml.json); used only for files whose text is unchanged. */
  parsedYamlFile?: string;
  /** The patterns' required strings the build read (generated/pattern-strings.json); used only for unchanged patterns. */
  patternStringsFile?: string;
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

/** Hands what the build parsed to the YAML reader; without the file (or with a broken one) every file is parsed. */
function rememberBuiltYaml(file: string): void {
  if (!existsSync(file)) return;
  try {
    rememberParsedYaml(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // Unreadable: parsing the knowledge files themselves is slower, never wrong.
  }
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
  const { kb, redFlags, safetyKnowledge, emoji, inputs } = loadUnderstandingSources(knowledgeDir);
  const messages = loadMessages(knowledgeDir, new Set(kb.topics.keys()));
  const symptomCheckContent = loadSymptomCheckContent(knowledgeDir, { redFlags: new Set(redFlags.flags.keys()), topics: new Set(kb.topics.keys()) });
  const symptomCheck = { ...symptomCheckContent, vocabulary: answerVocabulary(safetyKnowledge, symptomCheckContent) };
  const { understanding, source } = loadLanguageUnderstanding(inputs, options.nluModelFile ?? defaultNluModelFile());
  // The crisis classifier built by `npm run build`; trained now if its model file is missing or stale.
  const { classifier, source: crisisModelSource } = loadCrisisClassifier(join(knowledgeDir, 'safety'));
  const safety = createRedFlagDetector(redFlags, classifier, safetyKnowledge, emoji);
  // Ready means ready: the first parent's message must not pay for compiling the detector's patterns.
  warmUp(safety);
  const patternsReadAtStart = patternsReadHere() - readBefore;
  const composer = new ReplyComposer({ kb, messages, redFlags, clinic });
  // A message English understanding reads as one of its topics is English, whatever its n-grams say.
  const languageNotices = loadLanguageNotices(join(knowledgeDir, 'languages.yaml'));
  const language = createLanguageIdentifier({
    languages: languageNotices.languages(),
    readsAsEnglish: (text) => understanding.understand(text).kind === 'topic',
  });
  return { kb, messages, redFlags, safetyKnowledge, symptomCheck, understanding, understandingSource: source, patternsReadAtStart, crisisModelSource, safety, composer, emoji, language, languageNotices };
}
