import { join } from 'node:path';
import { z } from 'zod';
import { defaultKnowledgeDir, KnowledgeError, readValidatedYaml } from '../knowledge/loader';
import { plainValidation, type KnowledgeValidation } from '../knowledge/builtValidation';

const text = z.string().trim().min(1, 'must not be empty');
const choice = z.object({ label: text, topic: z.string() }).strict();

export const messagesSchema = z
  .object({
    welcome: text,
    welcomeShort: text,
    welcomeChoices: z.array(choice).min(2).max(6),
    notSure: text,
    noneOfThese: text,
    rephrase: text,
    outOfScope: text,
    misunderstoodTwice: text,
    emptyMessage: text,
    nonTextMessage: text,
    tooLong: text,
    tooLongToRead: text,
    turnError: text,
    storageError: text,
    storageConflict: text,
    sourcesPrefix: text,
    /** After the first few sources named in short; {count} is how many more. */
    sourcesMore: text.refine((t) => t.includes('{count}'), 'must contain the placeholder {count}'),
    relatedPrompt: text,
    tipsHeading: text,
    seeDoctorHeading: text,
    choiceLabelMaxChars: z.number().int().min(20).max(80),
    symptomCheckStopped: text,
    helpResume: text,
    whyHeading: text,
    toldMeHeading: text,
    whoToCallHeading: text,
    notDiagnosis: text,
    safetyNet: text,
    /** Under an answer to a question about a warning sign; {what} names the sign(s) asked about. */
    askedAboutNote: text.refine((t) => t.includes('{what}'), 'must contain the placeholder {what}'),
    summaryChoice: text,
    anotherQuestionChoice: text,
    anotherQuestionPrompt: text,
    gettingHelpChoice: text,
    gettingHelpPhrases: z.array(text).min(1),
    emergencyStays: text,
    /** Before the short answer to a question asked beside an emergency, after what to do now. */
    emergencyAnswerHeading: text,
    /** After advice, when the question asked beside the warning sign was not understood for sure; its likely topics follow as buttons. */
    flagCandidatesPrompt: text,
    gettingHelpThanks: text,
    summaryTitle: text,
    summaryIntro: text,
    summaryEmpty: text,
    summaryDateLabel: text,
    summaryAdviceLabel: text,
    confirmYes: text,
    confirmNo: text,
    confirmNoThanks: text,
    confirmUnsure: text,
    /** Said when a yes/no answer could not be placed; the question follows. */
    confirmRetry: text,
    /** Advice given because the parent was not sure about a warning sign; {advice} is the level's advice. */
    toBeSafe: text.refine((t) => t.includes('{advice}'), 'must contain the placeholder {advice}'),
    /** A routine-level flag is a short note under the answer, after this heading. */
    routineNoteHeading: text,
    /** The rest of a health answer: show-card title, and the button label before the topic's title. */
    moreTitle: text,
    morePrefix: text,
    /** Typed ways of asking for the rest of the last answer. */
    morePhrases: z.array(text).min(1),
    /** The way back up the dialog tree: before the parent topic's title, and the welcome menu. */
    backPrefix: text,
    /** A page of a hub's topics after the first; {title}, {from}, {to} and {count} are filled in. */
    hubPage: text,
    menuChoice: text,
    menuPrompt: text,
    commands: z
      .object({
        help: z.array(text).min(1),
        restart: z.array(text).min(1),
        stop: z.array(text).min(1),
        forgetMe: z.array(text).min(1),
      })
      .strict(),
  })
  .strict();

export type BotMessages = z.infer<typeof messagesSchema>;

export function loadMessages(dir: string = defaultKnowledgeDir(), topicIds?: ReadonlySet<string>, validation: KnowledgeValidation = plainValidation): BotMessages {
  const file = join(dir, 'messages.yaml');
  const messages = readValidatedYaml(file, messagesSchema, 'messages', validation);
  if (topicIds) {
    const unknown = messages.welcomeChoices
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => !topicIds.has(c.topic))
      .map(({ c, i }) => `${file}: field welcomeChoices.${i}.topic: no topic has the id "${c.topic}"`);
    if (unknown.length > 0) throw new KnowledgeError(unknown);
  }
  return messages;
}
