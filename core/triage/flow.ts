/**
 * The symptom check's order and outcomes, as the `flow` of knowledge/symptom-check.yaml says: an
 * ordered list of steps, read from the top each time the parent answers. This module only walks it;
 * what to ask and what each answer leads to is in the file, for a clinician to read and change.
 */
import type { ParentContext } from '../safety/types';
import type { QuestionId } from './content';
import type { TriageAnswers, TriageStep } from './symptomCheck';

/** What the conversation knows of the parent that a step may depend on, by the name the flow uses. */
export const CONTEXT_FACTS = {
  male: (context: ParentContext): boolean => context.male === true,
} as const satisfies Record<string, (context: ParentContext) => boolean>;

export type ContextFact = keyof typeof CONTEXT_FACTS;

export function isContextFact(name: string): name is ContextFact {
  return Object.prototype.hasOwnProperty.call(CONTEXT_FACTS, name);
}

/** One line of a step's `when`. */
export type FlowCondition =
  /** The question is answered with one of `values` (`negated`: answered with anything else). */
  | { kind: 'answer'; question: QuestionId; values: readonly string[]; negated: boolean }
  | { kind: 'context'; fact: ContextFact; value: boolean };

export interface FlowStep {
  /** The step's place in the file's `flow` list, so a problem names it (`flow.12`). */
  index: number;
  /** Every condition must hold for the step to count. */
  when: readonly FlowCondition[];
  /** Ask a question (skipped once it is answered), or end the check with an outcome. */
  then: TriageStep;
}

export type SymptomCheckFlow = readonly FlowStep[];

/** A condition about a question not answered yet does not hold: it is asked first, or never matters. */
export function answerMatches(condition: Extract<FlowCondition, { kind: 'answer' }>, answer: string | undefined): boolean {
  if (answer === undefined) return false;
  return condition.values.includes(answer) !== condition.negated;
}

export function conditionHolds(condition: FlowCondition, answers: TriageAnswers, context: ParentContext): boolean {
  if (condition.kind === 'context') return CONTEXT_FACTS[condition.fact](context) === condition.value;
  return answerMatches(condition, answers[condition.question]);
}

/** Why the walk found no step that decides; the load-time check proves it cannot happen. */
export class FlowEndedError extends Error {
  constructor() {
    super('The symptom-check flow ended without an outcome');
    this.name = 'FlowEndedError';
  }
}

/**
 * The next question, or the outcome: the first step whose conditions hold and that is not a question
 * already answered. Answers the conversation already knew (the clinical picture) are simply answered,
 * so their questions are skipped.
 */
export function nextStep(flow: SymptomCheckFlow, answers: TriageAnswers, context: ParentContext = {}): TriageStep {
  for (const step of flow) {
    if (!step.when.every((c) => conditionHolds(c, answers, context))) continue;
    if (step.then.kind === 'ask' && answers[step.then.question] !== undefined) continue;
    return step.then.kind === 'see-doctor' ? { ...step.then, flags: [...step.then.flags] } : { ...step.then };
  }
  throw new FlowEndedError();
}
