import { ReplyComposer } from './conversation/composer';
import { loadMessages, type BotMessages } from './conversation/messages';
import type { ClinicDetails } from './conversation/template';
import { defaultKnowledgeDir, loadKnowledgeBase, type KnowledgeBase } from './knowledge/loader';
import { createLanguageUnderstanding } from './nlu/understanding';
import type { LanguageUnderstanding } from './nlu/types';
import { loadRedFlagDefinitions, type RedFlagDefinitions } from './safety/definitions';
import { createRedFlagDetector, type RedFlagDetector } from './safety/detector';
import { CrisisSimilarity, loadExampleBanks, type TopicTexts } from './safety/similarity';
import { createLanguageIdentifier, type LanguageIdentifier } from './language/identify';
import { loadLanguageNotices, type LanguageNotices } from './language/notices';
import { loadEmojiWords, type EmojiWords } from './text/emoji';
import { loadSymptomCheckContent, type SymptomCheckContent } from './triage/content';
import { join } from 'node:path';

/** The topics' examples and answers: everyday words the crisis similarity index must not mistake for crisis. */
function topicTexts(kb: KnowledgeBase): TopicTexts {
  const topics = [...kb.topics.values()];
  return {
    examples: topics.flatMap((t) => t.examples),
    answers: topics.flatMap((t) => [...t.answer.split(/(?<=[.!?])\s+/), ...t.tips]),
  };
}

/** Everything the bot knows and how it listens, loaded and checked once at start-up. */
export interface Domain {
  kb: KnowledgeBase;
  messages: BotMessages;
  redFlags: RedFlagDefinitions;
  symptomCheck: SymptomCheckContent;
  understanding: LanguageUnderstanding;
  safety: RedFlagDetector;
  composer: ReplyComposer;
  /** Emoji read as words by language understanding, red-flag detection and the symptom check. */
  emoji: EmojiWords;
  /** Which language a message is in, when it is clearly not English. */
  language: LanguageIdentifier;
  /** What to say to a message in another language (knowledge/languages.yaml). */
  languageNotices: LanguageNotices;
}

/**
 * Loads the knowledge folder and trains language understanding. Any problem in any file stops here,
 * with the file and the field named, before the bot accepts a message.
 */
export function loadDomain(clinic: ClinicDetails, knowledgeDir: string = defaultKnowledgeDir()): Domain {
  const kb = loadKnowledgeBase(knowledgeDir);
  const messages = loadMessages(knowledgeDir, new Set(kb.topics.keys()));
  const redFlags = loadRedFlagDefinitions(join(knowledgeDir, 'red-flags.yaml'));
  const symptomCheck = loadSymptomCheckContent(knowledgeDir);
  const emoji = loadEmojiWords(join(knowledgeDir, 'emoji.yaml'));
  const understanding = createLanguageUnderstanding(kb, { emoji });
  const safety = createRedFlagDetector(redFlags, new CrisisSimilarity(loadExampleBanks(join(knowledgeDir, 'safety'), topicTexts(kb))), emoji);
  const composer = new ReplyComposer({ kb, messages, redFlags, clinic });
  // A message English understanding reads as one of its topics is English, whatever its n-grams say.
  const languageNotices = loadLanguageNotices(join(knowledgeDir, 'languages.yaml'));
  const language = createLanguageIdentifier({
    languages: languageNotices.languages(),
    readsAsEnglish: (text) => understanding.understand(text).kind === 'topic',
  });
  return { kb, messages, redFlags, symptomCheck, understanding, safety, composer, emoji, language, languageNotices };
}
