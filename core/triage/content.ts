import { join, relative } from 'node:path';
import { z } from 'zod';
import { KnowledgeError, readValidatedYaml } from '../knowledge/loader';
import { plainValidation, type KnowledgeValidation } from '../knowledge/builtValidation';
import { CONTEXT_FACTS, isContextFact, type FlowCondition, type FlowStep, type SymptomCheckFlow } from './flow';
import { walkFlow } from './flowCheck';
import { UNSURE, type TriageStep } from './symptomCheck';
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
/** Typed answers are read after clean-up, in lower case; a word with a capital letter would never match. */
const word = text.refine((w) => w === w.toLowerCase(), 'write words in lower case (answers are read in lower case)');
const words = z.array(word).min(1);
const pattern = text.refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, 'is not a valid regular expression');
/** A button, and the words a typed answer is read with (the comment at the top of symptom-check.yaml says how). */
const option = z
  .object({
    value: z.string(),
    label: text,
    words: words.optional(),
    concepts: z.array(text).min(1).optional(),
    patterns: z.array(pattern).min(1).optional(),
    opening: words.optional(),
    denied: words.optional(),
    together: z.object({ said: words, with: words }).strict().optional(),
  })
  .strict();
const question = z.object({ text, options: z.array(option).min(2) }).strict();
export type AnswerOption = z.infer<typeof option>;

/** An answer, or a list meaning any of them. */
const answers = z.union([text, z.array(text).min(1)]);
/** A line of `when`: true or false for what the conversation knows; answers, or `not:` answers, for a question. */
const condition = z.union([z.boolean(), answers, z.object({ not: answers }).strict()]);
const ACTIONS = ['ask', 'see-doctor', 'topic'] as const;
const flowStep = z
  .object({
    when: z.record(z.string(), condition).optional(),
    ask: text.optional(),
    'see-doctor': z.array(text).min(1).optional(),
    toBeSafe: z.literal(true).optional(),
    topic: text.optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    const actions = ACTIONS.filter((a) => step[a] !== undefined);
    if (actions.length !== 1) ctx.addIssue({ code: 'custom', message: `a step does exactly one of ${ACTIONS.join(', ')} (this one: ${actions.join(', ') || 'none'})` });
    if (step.toBeSafe && step['see-doctor'] === undefined) ctx.addIssue({ code: 'custom', path: ['toBeSafe'], message: 'goes only with see-doctor' });
  });
type RawStep = z.infer<typeof flowStep>;

const contentSchema = z
  .object({
    intro: text,
    retry: text,
    questions: z.object(Object.fromEntries(Object.keys(QUESTION_VALUES).map((id) => [id, question])) as Record<QuestionId, typeof question>).strict(),
    everydayIntro: text,
    flow: z.array(flowStep).min(1),
  })
  .strict();

/**
 * The questions and buttons, the flow that orders them and decides the outcome, and (from the
 * composition root) the words typed answers are read with.
 */
export type SymptomCheckContent = SymptomCheckWording & { flow: SymptomCheckFlow; vocabulary?: AnswerVocabulary };

/** The questions, their buttons and their words; `source`: the file, as problems name it. */
export type SymptomCheckWording = Omit<z.infer<typeof contentSchema>, 'flow'> & { source: string };

/** What the flow's outcomes may name, from the other knowledge files. */
export interface SymptomCheckReferences {
  /** Red flag ids of knowledge/red-flags.yaml. */
  redFlags: ReadonlySet<string>;
  /** Topic ids of knowledge/topics/. */
  topics: ReadonlySet<string>;
}

const asList = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

/** One step as the engine reads it; every name it uses is checked against the questions, red flags and topics. */
function readStep(raw: RawStep, index: number, questions: SymptomCheckContent['questions'], refs: SymptomCheckReferences, problems: string[]): FlowStep {
  const field = `field flow.${index}`;
  const known = (q: string): q is QuestionId => Object.prototype.hasOwnProperty.call(questions, q);
  const when: FlowCondition[] = [];
  for (const [name, value] of Object.entries(raw.when ?? {})) {
    if (isContextFact(name)) {
      if (typeof value !== 'boolean') problems.push(`${field}.when.${name}: write true or false`);
      else when.push({ kind: 'context', fact: name, value });
      continue;
    }
    if (!known(name)) {
      problems.push(`${field}.when.${name}: "${name}" is not a question of questions, nor something the conversation knows (${Object.keys(CONTEXT_FACTS).join(', ')})`);
      continue;
    }
    const allowed = [...questions[name].options.map((o) => o.value), UNSURE];
    if (typeof value === 'boolean') {
      problems.push(`${field}.when.${name}: ${value} is not an answer to ${name}; write one of ${allowed.join(', ')} (in quotes for "yes" and "no")`);
      continue;
    }
    const negated = typeof value === 'object' && !Array.isArray(value);
    const values = asList(negated ? (value as { not: string | string[] }).not : (value as string | string[]));
    for (const v of values) {
      if (!allowed.includes(v)) problems.push(`${field}.when.${name}${negated ? '.not' : ''}: "${v}" is not an answer to ${name}; write one of ${allowed.join(', ')}`);
    }
    when.push({ kind: 'answer', question: name, values, negated });
  }

  let then: TriageStep = { kind: 'see-doctor', flags: [] };
  if (raw.ask !== undefined) {
    if (known(raw.ask)) then = { kind: 'ask', question: raw.ask };
    else problems.push(`${field}.ask: "${raw.ask}" is not a question of questions`);
  } else if (raw.topic !== undefined) {
    if (!refs.topics.has(raw.topic)) problems.push(`${field}.topic: "${raw.topic}" is not a topic of knowledge/topics`);
    then = { kind: 'everyday', topic: raw.topic };
  } else {
    const flags = raw['see-doctor'] ?? [];
    flags.forEach((id, i) => {
      if (!refs.redFlags.has(id)) problems.push(`${field}.see-doctor.${i}: "${id}" is not a red flag of knowledge/red-flags.yaml`);
    });
    then = { kind: 'see-doctor', flags, ...(raw.toBeSafe ? { toBeSafe: true } : {}) };
  }
  return { index, when, then };
}

/** Reads and checks the file: every option is an answer the logic knows, and every answer has a button. */
function readSymptomCheckFile(dir: string, validation: KnowledgeValidation = plainValidation): { wording: SymptomCheckWording; rawFlow: RawStep[] } {
  const file = join(dir, 'symptom-check.yaml');
  const shown = relative(process.cwd(), file) || file;
  const { flow: rawFlow, ...content } = readValidatedYaml(file, contentSchema, 'symptom-check', validation);
  const problems: string[] = [];
  for (const [id, values] of Object.entries(QUESTION_VALUES) as Array<[QuestionId, readonly string[]]>) {
    const offered = content.questions[id].options.map((o) => o.value);
    offered.forEach((v, i) => {
      if (!values.includes(v)) problems.push(`${shown}: field questions.${id}.options.${i}.value: "${v}" is not one of ${values.join(', ')}`);
    });
    for (const v of values) {
      if (!offered.includes(v)) problems.push(`${shown}: field questions.${id}.options: no button for the answer "${v}"`);
    }
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return { wording: { ...content, source: shown }, rawFlow };
}

/** The questions and the words typed answers are read with, without the flow (which needs the other files). */
export function loadSymptomCheckWording(dir: string): SymptomCheckWording {
  return readSymptomCheckFile(dir).wording;
}

/**
 * Loads the wording and the flow. Checks every option is an answer the logic knows and every answer
 * has a button; every question, answer, red flag and topic the flow names exists; every question is
 * asked somewhere; and, walking every path, that each ends in an outcome and every step is reached.
 */
export function loadSymptomCheckContent(dir: string, refs: SymptomCheckReferences, validation: KnowledgeValidation = plainValidation): SymptomCheckContent {
  const { wording: content, rawFlow } = readSymptomCheckFile(dir, validation);
  const shown = content.source;

  const flowProblems: string[] = [];
  const flow = rawFlow.map((raw, i) => readStep(raw, i, content.questions, refs, flowProblems));
  const asked = new Set(flow.flatMap((s) => (s.then.kind === 'ask' ? [s.then.question] : [])));
  for (const id of Object.keys(content.questions)) {
    if (!asked.has(id as QuestionId)) flowProblems.push(`field questions.${id}: no step of flow asks it`);
  }
  // The walk needs sound names; with a broken one, its findings would only repeat the problem.
  if (flowProblems.length === 0) flowProblems.push(...walkFlow(flow, (q) => content.questions[q].options.map((o) => o.value)).problems);
  if (flowProblems.length > 0) throw new KnowledgeError(flowProblems.map((p) => `${shown}: ${p}`));
  return { ...content, flow };
}
