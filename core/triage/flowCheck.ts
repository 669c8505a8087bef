/**
 * Proves, when the knowledge is loaded, that the symptom check's flow cannot leave a parent without an
 * outcome: every set of answers the check can hold, for a man or not, is walked, and each must lead to
 * a question not answered yet or to an outcome. No question is asked twice: a step asks only a question
 * not answered yet, and the dialog records an answer ("not sure" at worst) for every question it asks.
 *
 * "Every set of answers the check can hold" includes answers the parent's own words gave before the
 * question came (the clinical picture fills them at any time): wherever a step's condition looks at a
 * question not answered yet, the walk tries it both unanswered and answered with each of its answers.
 *
 * The walk runs at every start-up, so it walks as little as proves the same (about 600 walks for the
 * project's flow, instead of every one of thousands of paths): answers no condition tells apart are
 * tried once; going on after a question is answered starts at the next step rather than the top when no
 * step above looks at that question; and a walk from a step is done once for the answers the steps
 * from there on look at. An answer is a small number: its position among the question's options,
 * "not sure" last, 0 for not answered.
 */
import type { ParentContext } from '../safety/types';
import type { QuestionId } from './content';
import { CONTEXT_FACTS, type SymptomCheckFlow } from './flow';
import { UNSURE } from './symptomCheck';

export interface FlowWalk {
  /** Walks done: each from one step with the answers that matter from there on (both contexts counted). */
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
  const codeLists = new Map<QuestionId, string[]>();
  const codes = (q: QuestionId) => {
    let list = codeLists.get(q);
    if (!list) codeLists.set(q, (list = ['', ...answersOf(q), UNSURE]));
    return list;
  };
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
  // A set of answers as one number, each question a digit: 0 not answered, d the d-th answer tried.
  // Small enough to stay a small integer for V8 (no allocation per key) with the project's questions.
  const bases = tried.map((t) => t.length + 1);
  const weights: number[] = [];
  const space = bases.reduce((weight, base, i) => ((weights[i] = weight), weight * base), 1);
  if (space > Number.MAX_SAFE_INTEGER || questions.length > 30) return { states: 0, problems: ['field questions: too many questions and answers for the walk that checks every path'] };

  // Which questions the steps from each position on look at (one bit each), and the first step whose
  // `when` looks at each question.
  const bit = (q: number) => 2 ** q;
  const later: number[] = new Array<number>(steps.length + 1).fill(0);
  for (let i = steps.length - 1; i >= 0; i--) later[i] = steps[i].answers.reduce((mask, c) => mask | bit(c.q), later[i + 1] | (steps[i].asks >= 0 ? bit(steps[i].asks) : 0));
  const firstLook = questions.map((_q, q) => {
    const i = steps.findIndex((s) => s.answers.some((c) => c.q === q));
    return i < 0 ? steps.length : i;
  });
  const digitOf = (key: number, q: number) => Math.floor(key / weights[q]) % bases[q];
  /** The answers that can still matter from step `i` on: the rest cannot change what happens there. */
  const lookedAt = later.map((mask) => questions.flatMap((_q, q) => (mask & bit(q) ? [q] : [])));
  const relevant = (key: number, i: number) => {
    let projected = 0;
    for (const q of lookedAt[i]) projected += digitOf(key, q) * weights[q];
    return projected;
  };

  const reached = new Set<number>();
  const endless: string[] = [];
  let states = 0;
  for (const [man, context] of contexts.entries()) {
    // Walks, each from a step with a set of answers, already pending or done (by their relevant answers).
    const seen = later.map(() => new Set<number>());
    const pending: Array<[number, number]> = [];
    const from = (i: number, key: number) => {
      const mark = relevant(key, i);
      if (seen[i].has(mark)) return;
      seen[i].add(mark);
      pending.push([i, key]);
    };
    /**
     * The same call again with question q answered. Going on from step `at` is the same as starting
     * from the top when no step above it looks at q (those steps did not decide, and still would
     * not); otherwise it starts from the top.
     */
    const answering = (key: number, q: number, at: number) => {
      for (let digit = 1; digit < bases[q]; digit++) from(firstLook[q] < at ? 0 : at, key + digit * weights[q]);
    };
    from(0, 0);

    const state = new Uint8Array(questions.length);
    while (pending.length > 0) {
      const [start, key] = pending.pop()!;
      for (let q = 0; q < state.length; q++) {
        const digit = digitOf(key, q);
        state[q] = digit === 0 ? 0 : tried[q][digit - 1];
      }
      states += 1;
      // Questions this walk has taken as not answered (and also tried answered), one bit each; within one walk they stay so.
      let unanswered = 0;
      let decided = false;
      for (let i = start; i < steps.length; i++) {
        const step = steps[i];
        if (!step.context[man]) continue;
        const open = firstOpen(step, state);
        if (open === FAILS) continue;
        if (open >= 0) {
          // A condition about a question not answered yet does not hold; since the parent's words may
          // answer it before it is asked, the walk also goes on from each of its answers.
          if ((unanswered & bit(open)) === 0) {
            answering(key, open, i);
            unanswered |= bit(open);
          }
          continue;
        }
        if (step.asks >= 0 && state[step.asks] !== 0) continue;
        reached.add(step.index);
        // Asked: the next call goes on past this step, answered.
        if (step.asks >= 0) answering(key, step.asks, i + 1);
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
  const conditions = steps.flatMap((s) => s.answers.filter((c) => c.q === q));
  const kinds = new Map<string, number>();
  for (let code = 1; code < codeCount; code++) {
    const kind = conditions.map((c) => (c.matches[code] ? '1' : '0')).join('');
    if (!kinds.has(kind)) kinds.set(kind, code);
  }
  return [...kinds.values()];
}

function describe(state: Uint8Array, questions: QuestionId[], codes: (q: QuestionId) => string[], context: ParentContext): string {
  const said = questions.flatMap((q, i) => (state[i] === 0 ? [] : [`${q}: ${codes(q)[state[i]]}`]));
  return `${said.length > 0 ? said.join(', ') : 'no answers yet'} (${context.male ? 'a man' : 'not a man'})`;
}
