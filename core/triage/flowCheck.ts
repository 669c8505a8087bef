/**
 * Proves, when the knowledge is loaded, that the symptom check's flow cannot leave a parent without an
 * outcome: every set of answers the check can hold, for a man or not, is walked, and each must lead to
 * a question not answered yet or to an outcome. No question is asked twice: a step asks only a question
 * not answered yet, and the dialog records an answer ("not sure" at worst) for every question it asks.
 *
 * "Every set of answers the check can hold" includes answers the parent's own words gave before the
 * question came (the clinical picture fills them at any time): wherever a step's condition looks at a
 * question not answered yet, the walk tries it both unanswered and answered with each of its answers.
 * Each distinct set of answers is walked once, since the next step depends on nothing else.
 *
 * The walk runs at every start-up (about 20,000 sets of answers), so it works on small arrays: an
 * answer is its position among the question's options, "not sure" last, 0 for not answered.
 */
import type { ParentContext } from '../safety/types';
import type { QuestionId } from './content';
import { CONTEXT_FACTS, type SymptomCheckFlow } from './flow';
import { UNSURE } from './symptomCheck';

export interface FlowWalk {
  /** Distinct sets of answers walked (both contexts counted). */
  states: number;
  /** Each as "field flow...: what is wrong", without the file name. */
  problems: string[];
}

/** Problems past this many are counted, not listed: one broken step can break thousands of paths. */
const LISTED = 5;

interface CompiledStep {
  index: number;
  /** Whether the step's context conditions hold, for [not a man, a man]. */
  context: [boolean, boolean];
  /** For each answer condition: the question's position, and for each answer code whether it matches. */
  answers: Array<{ q: number; matches: boolean[] }>;
  /** The question asked, or -1 for an outcome. */
  asks: number;
}

export function walkFlow(flow: SymptomCheckFlow, answersOf: (question: QuestionId) => readonly string[]): FlowWalk {
  const questions: QuestionId[] = [];
  const position = (q: QuestionId) => {
    if (!questions.includes(q)) questions.push(q);
    return questions.indexOf(q);
  };
  const codes = (q: QuestionId) => ['', ...answersOf(q), UNSURE];
  const contexts: ParentContext[] = [{ male: false }, { male: true }];

  const steps: CompiledStep[] = flow.map((step) => {
    const compiled: CompiledStep = { index: step.index, context: [true, true], answers: [], asks: -1 };
    for (const c of step.when) {
      if (c.kind === 'context') {
        contexts.forEach((context, i) => {
          if (CONTEXT_FACTS[c.fact](context) !== c.value) compiled.context[i] = false;
        });
      } else {
        // Not answered (code 0) never matches, `not:` included.
        compiled.answers.push({ q: position(c.question), matches: codes(c.question).map((v, code) => code > 0 && c.values.includes(v) !== c.negated) });
      }
    }
    if (step.then.kind === 'ask') compiled.asks = position(step.then.question);
    return compiled;
  });
  const tried = questions.map((_q, i) => distinctAnswers(steps, i, codes(questions[i]).length));
  // A set of answers as one number (each question a digit in its own base): a cheap key for `seen`.
  const weights: number[] = [];
  questions.reduce((weight, q, i) => ((weights[i] = weight), weight * codes(q).length), 1);

  const bases = questions.map((q) => codes(q).length);
  const reached = new Set<number>();
  const endless: string[] = [];
  let states = 0;
  for (const [man, context] of contexts.entries()) {
    const seen = new Set<number>([0]);
    const pending: number[] = [0];
    const state = new Uint8Array(questions.length);
    const branch = (key: number, q: number) => {
      for (const code of tried[q]) {
        const next = key + code * weights[q];
        if (!seen.has(next)) {
          seen.add(next);
          pending.push(next);
        }
      }
    };

    while (pending.length > 0) {
      const key = pending.pop()!;
      for (let q = 0; q < state.length; q++) state[q] = Math.floor(key / weights[q]) % bases[q];
      states += 1;
      // Questions this walk has taken as not answered (and also tried answered), one bit each; within one walk they stay so.
      let unanswered = 0;
      let decided = false;
      for (const step of steps) {
        if (!step.context[man]) continue;
        const open = firstOpen(step, state);
        if (open === FAILS) continue;
        if (open >= 0) {
          // A condition about a question not answered yet does not hold; since the parent's words may
          // answer it before it is asked, the walk also goes on from each of its answers.
          if ((unanswered & (1 << open)) === 0) {
            branch(key, open);
            unanswered |= 1 << open;
          }
          continue;
        }
        if (step.asks >= 0 && state[step.asks] !== 0) continue;
        reached.add(step.index);
        if (step.asks >= 0) branch(key, step.asks);
        decided = true;
        break;
      }
      if (!decided) endless.push(`field flow: the answers ${describe(state, questions, codes, context)} reach the end of the flow without an outcome`);
    }
  }

  const problems = endless.length <= LISTED ? endless : [...endless.slice(0, LISTED), `field flow: and ${endless.length - LISTED} more sets of answers like these`];
  for (const step of flow) {
    if (!reached.has(step.index)) problems.push(`field flow.${step.index}: no answers reach this step (a step above always decides first)`);
  }
  return { states, problems };
}

const FAILS = -2;

/**
 * Whether the step's answer conditions hold: FAILS when one is false, -1 when all hold, else the first
 * question they look at that is not answered yet. What is known counts first: a condition already
 * false needs no guess about an unanswered question.
 */
function firstOpen(step: CompiledStep, state: Uint8Array): number {
  let open = -1;
  for (const c of step.answers) {
    const code = state[c.q];
    if (code === 0) {
      if (open < 0) open = c.q;
    } else if (!c.matches[code]) return FAILS;
  }
  return open;
}

/**
 * One answer of each kind the flow tells apart: answers that every condition treats alike lead to the
 * same steps (for example every answer to weanedWhen but "3 months or more", when only that one is
 * named), so walking one of them walks them all.
 */
function distinctAnswers(steps: CompiledStep[], q: number, codeCount: number): number[] {
  const kinds = new Map<string, number>();
  for (let code = 1; code < codeCount; code++) {
    const kind = steps.flatMap((s) => s.answers.filter((c) => c.q === q).map((c) => (c.matches[code] ? 1 : 0))).join('');
    if (!kinds.has(kind)) kinds.set(kind, code);
  }
  return [...kinds.values()];
}

function describe(state: Uint8Array, questions: QuestionId[], codes: (q: QuestionId) => string[], context: ParentContext): string {
  const said = questions.flatMap((q, i) => (state[i] === 0 ? [] : [`${q}: ${codes(q)[state[i]]}`]));
  return `${said.length > 0 ? said.join(', ') : 'no answers yet'} (${context.male ? 'a man' : 'not a man'})`;
}
