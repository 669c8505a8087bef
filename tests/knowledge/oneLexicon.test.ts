/**
 * One lexicon: a clinician adds one synonym for "fever" to knowledge/safety/concepts.yaml (as
 * knowledge/README.md says) and the red-flag detector, language understanding and the symptom check
 * all read it; and a broken reference in the knowledge stops start-up, naming the file.
 */
import { rmSync } from 'node:fs';
import { loadDomain, type Domain } from '../../core/domain';
import { edit, knowledgeCopy } from '../support/knowledgeCopy';
import { parseAnswer } from '../../core/triage/answers';
import { TEST_CLINIC } from '../support/domain';

const NOW = new Date('2026-11-22T12:00:00Z');
/** Spanish for a fever, as a parent might type it; not in the knowledge today. */
const NEW_WORD = 'calentura';


describe('one new synonym in knowledge/safety/concepts.yaml', () => {
  let dir: string;
  let original: Domain;
  let extended: Domain;

  beforeAll(() => {
    dir = knowledgeCopy();
    // The one-line change knowledge/README.md describes: the new word under "fever:" of the fever concept.
    edit(dir, 'safety/concepts.yaml', (text) => text.replace(/(\n {2}fever:\n(?: {4}.*\n)*? {4}misspellings:\n {6}fever: \[)/, `$1${NEW_WORD}, `));
    original = loadDomain(TEST_CLINIC);
    extended = loadDomain(TEST_CLINIC, dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes the detector read it as a fever: with a red, hot breast that is urgent', () => {
    const message = `I have ${NEW_WORD} and my left breast is red and hot`;
    const before = original.safety.assess(message, { lactation: 'breastfeeding' }, { now: NOW });
    const after = extended.safety.assess(message, { lactation: 'breastfeeding' }, { now: NOW });
    expect(before.flags.map((f) => f.id)).not.toContain('fever-with-breast-signs');
    expect(after.flags.map((f) => f.id)).toContain('fever-with-breast-signs');
    expect(after.level).toBe('urgent');
  });

  it('makes language understanding read it as "fever"', () => {
    const asked = (d: Domain, word: string) => d.understanding.understand(`can mastitis give you a ${word} while breastfeeding`);
    expect(asked(original, NEW_WORD)).not.toEqual(asked(original, 'fever'));
    expect(asked(extended, NEW_WORD)).toEqual(asked(extended, 'fever'));
  });

  it('makes the symptom check take it as an answer: fever', () => {
    expect(parseAnswer('signs', NEW_WORD, NOW, original.symptomCheck.vocabulary)).not.toBe('fever');
    expect(parseAnswer('signs', NEW_WORD, NOW, extended.symptomCheck.vocabulary)).toBe('fever');
    expect(parseAnswer('feverToo', `${NEW_WORD} since last night`, NOW, extended.symptomCheck.vocabulary)).toBe('yes');
  });
});

describe('a new red flag, in red-flags.yaml alone', () => {
  let dir: string;
  beforeAll(() => {
    dir = knowledgeCopy();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is detected with the rule written beside its wording', () => {
    const flag = [
      '  - id: dizzy-when-pumping',
      '    level: routine',
      '    label: "feeling dizzy while pumping"',
      '    why: "Feeling dizzy while pumping is worth mentioning at your next visit."',
      '    question: "Just to check: do you feel dizzy while you pump?"',
      '    sources: [seed-000]',
      '    rule:',
      '      when:',
      '        - any: [dizzy]',
      '',
    ].join('\n');
    edit(dir, 'red-flags.yaml', (text) => `${text.trimEnd()}\n\n${flag}`);
    const message = 'I feel dizzy every time I pump';
    const known = { lactation: 'pumping' as const };
    expect(loadDomain(TEST_CLINIC).safety.assess(message, known, { now: NOW }).flags).toEqual([]);
    const extended = loadDomain(TEST_CLINIC, dir);
    expect(extended.safety.assess(message, known, { now: NOW }).flags.map((f) => f.id)).toEqual(['dizzy-when-pumping']);
  });
});

describe('a broken reference in knowledge/safety stops start-up, naming the file', () => {
  let dir: string;
  beforeEach(() => {
    dir = knowledgeCopy();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a rule naming a concept that does not exist', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('      - any: [red-streaks]', '      - any: [red-stripes]'));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(/safety\/rules\.yaml: field rules\.red-streaks\.when\.0\.any\.0: concept "red-stripes" is not in .*concepts\.yaml/);
  });

  it('a concept no rule, question or language understanding uses', () => {
    edit(dir, 'safety/concepts.yaml', (text) => text.replace('\nspelling:', '\n  hiccups:\n    about: Hiccups.\n    words: [hiccup, hiccups]\nspelling:'));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(/safety\/concepts\.yaml: field concepts\.hiccups: no rule, symptom-check question or language understanding uses it/);
  });

  it('a red flag without a rule', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace(/\n {2}red-streaks:\n( {4}.*\n)+?(?= {2}[a-z])/, '\n'));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(/safety\/rules\.yaml: field rules: red flag "red-streaks" \(red-flags\.yaml\) has no rule/);
  });

  it('a rule asking a question the flag does not have', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('        ask: fever', '        ask: chills'));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(/field rules\.fever-with-breast-signs\.confirm\.1\.ask: red-flags\.yaml gives flag "fever-with-breast-signs" no altQuestions\.chills/);
  });

  it('a rule across messages naming a picture field that does not exist', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('      any: [redness, heat, swelling, pain, lump]', '      any: [redness, warmth]'));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(/safety\/rules\.yaml: field acrossMessages\.fever-with-breast-signs\.0\.any\.1: /);
  });

  it('a rule across messages for a red flag that does not exist', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('acrossMessages:\n  fever-with-breast-signs:', 'acrossMessages:\n  fever-with-sore-breast:'));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(/safety\/rules\.yaml: field acrossMessages\.fever-with-sore-breast: no red flag "fever-with-sore-breast" in red-flags\.yaml/);
  });

  it('a threshold written twice that disagrees', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('feverFahrenheit: 100.4', 'feverFahrenheit: 101'));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(/safety\/rules\.yaml: field thresholds\.feverFahrenheit: feverCelsius and feverFahrenheit must be the same temperature/);
  });
});
