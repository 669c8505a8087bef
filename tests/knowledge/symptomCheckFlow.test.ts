/**
 * The symptom check's order and outcomes are data: the `flow` of knowledge/symptom-check.yaml. On a
 * copy of the knowledge folder, a clinician's edit of one step changes what the check does in the
 * conversation; a broken step stops loading, naming the file and the field; and the project's own
 * flow ends every path in an outcome without asking anything twice.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDomain } from '../../core/domain';
import { defaultKnowledgeDir, loadKnowledgeBase } from '../../core/knowledge/loader';
import { loadRedFlagDefinitions } from '../../core/safety/definitions';
import { loadSymptomCheckContent, type QuestionId } from '../../core/triage/content';
import { nextStep } from '../../core/triage/flow';
import { answersFromContext, UNSURE, type TriageAnswers, type TriageStep } from '../../core/triage/symptomCheck';
import { answerSymptomCheck, choicesOf, escalationOf, texts } from '../support/dialogClient';
import { TEST_CLINIC, testDomain } from '../support/domain';
import { edit, knowledgeCopy } from '../support/knowledgeCopy';

function load(dir: string) {
  const redFlags = new Set(loadRedFlagDefinitions(join(dir, 'red-flags.yaml')).flags.keys());
  const topics = new Set(loadKnowledgeBase(dir).topics.keys());
  return loadSymptomCheckContent(dir, { redFlags, topics });
}

const LUMP_WHILE_PREGNANT = ['Pregnant', 'Both breasts', 'Milky or white', 'Only when squeezed or feeding', 'A lump'];

const answered = answerSymptomCheck;

describe('a clinician edits one step of the flow, on a copy of the knowledge folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = knowledgeCopy('knowledge-flow-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a lump during pregnancy sent to a doctor at once, instead of asking how long it has been there', async () => {
    const before = await answered(LUMP_WHILE_PREGNANT);
    expect(escalationOf(before)).toBeUndefined();
    expect(texts(before)).toMatch(/how long have you had the lump/i);

    edit(dir, 'symptom-check.yaml', (text) =>
      text.replace('  - when: { signs: lump }\n    ask: lumpDuration', '  - when: { signs: lump, status: pregnant }\n    see-doctor: [persistent-lump]\n  - when: { signs: lump }\n    ask: lumpDuration'),
    );
    const edited = loadDomain(TEST_CLINIC, dir);
    const after = await answered(LUMP_WHILE_PREGNANT, edited);
    expect(escalationOf(after)).toEqual({ level: 'soon', reasons: ['persistent-lump'] });
    expect(texts(after)).not.toMatch(/how long have you had the lump/i);
    // While breastfeeding, nothing changed: the duration is still asked.
    const breastfeeding = await answered(['Breastfeeding or pumping', ...LUMP_WHILE_PREGNANT.slice(1)], edited);
    expect(escalationOf(breastfeeding)).toBeUndefined();
    expect(choicesOf(breastfeeding[breastfeeding.length - 1])).toEqual(['Less than a week', 'A week or more']);
  });
});

describe('a broken flow stops loading, naming the file and the field', () => {
  let dir: string;
  beforeEach(() => {
    dir = knowledgeCopy('knowledge-flow-broken-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const broken = (change: (text: string) => string) => {
    edit(dir, 'symptom-check.yaml', change);
    return () => load(dir);
  };

  it.each([
    ['an answer that is not one of the question\'s', (t: string) => t.replace('when: { colour: bloody }', 'when: { colour: blody }'), /symptom-check\.yaml: field flow\.\d+\.when\.colour: "blody" is not an answer to colour; write one of milky, yellow, green, clear, bloody, unsure/],
    ['a question that does not exist', (t: string) => t.replace('when: { colour: clear, side: one }', 'when: { color: clear, side: one }'), /symptom-check\.yaml: field flow\.\d+\.when\.color: "color" is not a question of questions/],
    ['a red flag that does not exist', (t: string) => t.replace('see-doctor: [discharge-in-man]', 'see-doctor: [discharge-in-men]'), /symptom-check\.yaml: field flow\.0\.see-doctor\.0: "discharge-in-men" is not a red flag of knowledge\/red-flags\.yaml/],
    ['a topic that does not exist', (t: string) => t.replace('topic: duct-ectasia', 'topic: duct-ectasis'), /symptom-check\.yaml: field flow\.\d+\.topic: "duct-ectasis" is not a topic of knowledge\/topics/],
    ['a step that both asks and decides', (t: string) => t.replace('  - ask: trigger\n', '  - ask: trigger\n    topic: full-breasts\n'), /symptom-check\.yaml: field flow\.\d+: a step does exactly one of ask, see-doctor, topic \(this one: ask, topic\)/],
    ['"yes" written as true', (t: string) => t.replace('breastSigns: "yes" }', 'breastSigns: true }'), /symptom-check\.yaml: field flow\.\d+\.when\.breastSigns: true is not an answer to breastSigns/],
    ['a question no step asks', (t: string) => t.replace('  - when: { status: none }\n    ask: other\n', ''), /symptom-check\.yaml: field questions\.other: no step of flow asks it/],
  ])('%s', (_name, change, message) => {
    expect(broken(change)).toThrow(message);
  });

  it('a path that ends with no outcome is named by its answers', () => {
    const load = broken((t) => t.replace('  - when: { pattern: [no-pattern, unsure] }\n    topic: no-obvious-reason\n', ''));
    expect(load).toThrow(/symptom-check\.yaml: field flow: the answers status: (breastfeeding|unsure), .*pattern: no-pattern.* \(not a man\) reach the end of the flow without an outcome/);
  });

  it('a step no answers reach is named', () => {
    // A catch-all placed too early hides the steps after it.
    const load = broken((t) => t.replace('  - ask: pattern\n', '  - ask: pattern\n  - topic: no-obvious-reason\n'));
    expect(load).toThrow(/symptom-check\.yaml: field flow\.\d+: no answers reach this step/);
  });

  it('stops the bot from starting', () => {
    edit(dir, 'symptom-check.yaml', (t) => t.replace('topic: duct-ectasia', 'topic: duct-ectasis'));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(/symptom-check\.yaml: field flow\.\d+\.topic/);
  });
});

describe("the project's own flow", () => {
  const content = load(defaultKnowledgeDir());
  const choices = (q: QuestionId) => [...content.questions[q].options.map((o) => o.value), UNSURE];

  /** Every way the check can go, answering each question it asks with each answer, "not sure" too. */
  function ends(male: boolean): Array<{ asked: QuestionId[]; end: TriageStep }> {
    const out: Array<{ asked: QuestionId[]; end: TriageStep }> = [];
    const walk = (answers: TriageAnswers, asked: QuestionId[]) => {
      const step = nextStep(content.flow, answers, { male });
      if (step.kind !== 'ask') return void out.push({ asked, end: step });
      for (const v of choices(step.question)) walk({ ...answers, [step.question]: v } as TriageAnswers, [...asked, step.question]);
    };
    walk({}, []);
    return out;
  }

  it('ends every path in advice or a topic, never asking a question twice', () => {
    const paths = [...ends(false), ...ends(true)];
    expect(paths.length).toBeGreaterThan(1000);
    for (const { asked } of paths) expect(new Set(asked).size).toBe(asked.length);
    const flags = new Set(testDomain().redFlags.flags.keys());
    for (const { end } of paths) {
      if (end.kind === 'see-doctor') for (const id of end.flags) expect(flags).toContain(id);
      if (end.kind === 'everyday') expect(testDomain().kb.topics.has(end.topic)).toBe(true);
    }
  });

  it('sends a man to a doctor before asking anything', () => {
    expect(ends(true)).toEqual([{ asked: [], end: { kind: 'see-doctor', flags: ['discharge-in-man'] } }]);
  });

  it('skips what the clinical picture already holds: clear fluid from one side is advice at once', () => {
    const answers = answersFromContext({ lactation: 'breastfeeding', picture: { side: 'one', colour: 'clear' } });
    expect(nextStep(content.flow, answers)).toEqual({ kind: 'see-doctor', flags: ['clear-discharge-one-duct'] });
    expect(nextStep(content.flow, answersFromContext({ lactation: 'breastfeeding' }))).toEqual({ kind: 'ask', question: 'side' });
  });
});
