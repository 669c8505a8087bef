import { join } from 'node:path';
import { z } from 'zod';
import { defaultKnowledgeDir, KnowledgeError, readValidatedYaml } from '../knowledge/loader';
import type { AnswerVocabulary } from './vocabulary';

/** Every question the symptom check can ask, and the answers the logic understands for each. */
export const QUESTION_VALUES = {
  status: ['pregnant', 'breastfeeding', 'weaned', 'none'],
  weanedWhen: ['under-3-weeks', 'under-3-months', 'over-3-months'],
  side: ['one', 'both'],
  colour: ['milky', 'yellow', 'green', 'clear', 'bloody'],
  crackedNipples: ['yes', 'no'],
  trigger: ['squeezed', 'own'],
  signs: ['none', 'lump', 'pain-redness', 'fever'],
  feverToo: ['yes', 'no'],
  breastSigns: ['yes', 'no'],
  lumpDuration: ['under-week', 'over-week'],
  other: ['none', 'headaches-vision', 'missed-periods', 'new-medicine'],
  pattern: ['full', 'other-side', 'baby', 'shower', 'sex', 'heavy', 'no-pattern'],
} as const;

export type QuestionId = keyof typeof QUESTION_VALUES;
export type AnswerOf<Q extends QuestionId> = (typeof QUESTION_VALUES)[Q][number];

const text = z.string().trim().min(1, 'must not be empty');
const option = z.object({ value: z.string(), label: text }).strict();
const question = z.object({ text, options: z.array(option).min(2) }).strict();

const contentSchema = z
  .object({
    intro: text,
    retry: text,
    questions: z.object(Object.fromEntries(Object.keys(QUESTION_VALUES).map((id) => [id, question])) as Record<QuestionId, typeof question>).strict(),
    everydayIntro: text,
  })
  .strict();

/** The questions and buttons, and (from the composition root) the words typed answers are read with. */
export type SymptomCheckContent = z.infer<typeof contentSchema> & { vocabulary?: AnswerVocabulary };

/** Loads the wording, and checks every option is an answer the logic knows and every answer has a button. */
export function loadSymptomCheckContent(dir: string = defaultKnowledgeDir()): SymptomCheckContent {
  const file = join(dir, 'symptom-check.yaml');
  const content = readValidatedYaml(file, contentSchema);
  const problems: string[] = [];
  for (const [id, values] of Object.entries(QUESTION_VALUES) as Array<[QuestionId, readonly string[]]>) {
    const offered = content.questions[id].options.map((o) => o.value);
    offered.forEach((v, i) => {
      if (!values.includes(v)) problems.push(`${file}: field questions.${id}.options.${i}.value: "${v}" is not one of ${values.join(', ')}`);
    });
    for (const v of values) {
      if (!offered.includes(v)) problems.push(`${file}: field questions.${id}.options: no button for the answer "${v}"`);
    }
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return content;
}
