/**
 * Red-flag rules are data: on a copy of the knowledge folder, a clinician's edit of
 * knowledge/safety/rules.yaml or red-flags.yaml (a new rule, a threshold, a word) changes what the
 * detector does, with no TypeScript touched; and a broken rule stops loading, naming file and field.
 */
import { rmSync } from 'node:fs';
import { detectorOf as detector, edit, knowledgeCopy, outcomeOf as outcome } from '../support/knowledgeCopy';
import type { RedFlagDetector } from '../../core/safety/detector';

describe('a clinician edits the red-flag rules on a copy of the knowledge folder', () => {
  let dir: string;
  let original: RedFlagDetector;
  beforeAll(() => {
    original = detector();
  });
  beforeEach(() => {
    dir = knowledgeCopy('knowledge-rules-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a new flag whose rule is a declaration over a group and the parent context (red-flags.yaml alone)', () => {
    const flag = [
      '  - id: lump-in-pregnancy',
      '    level: soon',
      '    label: "a new breast lump during pregnancy"',
      '    why: "A new lump while you are pregnant should be checked, even though most are harmless."',
      '    question: "Just to check: have you found a new lump in your breast?"',
      '    sources: [abm-36]',
      '    rule:',
      '      when:',
      '        - any: [lump-felt]',
      '          context: { status: [pregnant] }',
      '',
    ].join('\n');
    edit(dir, 'red-flags.yaml', (text) => `${text.trimEnd()}\n\n${flag}`);
    const extended = detector(dir);
    const message = 'I found a small lump in my left breast';
    expect(outcome(original, message, { lactation: 'pregnant' }).flags).toEqual([]);
    expect(outcome(extended, message, { lactation: 'pregnant' }).flags).toEqual(['lump-in-pregnancy']);
    // The context condition holds: while breastfeeding it is still only the persistent-lump question.
    expect(outcome(extended, message, { lactation: 'breastfeeding' })).toEqual(outcome(original, message, { lactation: 'breastfeeding' }));
  });

  it('a new flag over the clinical picture: a temperature from a threshold, in °C or °F', () => {
    const flag = [
      '  - id: very-high-temperature',
      '    level: urgent',
      '    label: "a temperature of 39.4 °C (103 °F) or more"',
      '    why: "A temperature this high should be checked by a clinician today."',
      '    question: "Just to check: is your temperature 39.4 °C (103 °F) or higher?"',
      '    sources: [abm-36]',
      '    rule:',
      '      when:',
      '        - any: [fever, fever-very-high]',
      '          picture: { temperatureC: { atLeast: veryHighFeverCelsius } }',
      '',
    ].join('\n');
    edit(dir, 'red-flags.yaml', (text) => `${text.trimEnd()}\n\n${flag}`);
    const extended = detector(dir);
    for (const message of ['my temperature is 39.8 this morning', 'temp of 103.5 this morning']) {
      expect(outcome(original, message, { lactation: 'pumping' }).flags).not.toContain('very-high-temperature');
      expect(outcome(extended, message, { lactation: 'pumping' }).flags).toContain('very-high-temperature');
    }
    expect(outcome(extended, 'my temperature is 38.2 this morning', { lactation: 'pumping' }).flags).not.toContain('very-high-temperature');
  });

  it('a threshold edited once changes every rule that names it: a lump past two weeks instead of one', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace(/\n {2}lumpDays: 7\n/, '\n  lumpDays: 14\n'));
    const message = "I've had a lump in my breast for 10 days";
    expect(outcome(original, message, { lactation: 'breastfeeding' }).flags).toEqual(['persistent-lump']);
    expect(outcome(detector(dir), message, { lactation: 'breastfeeding' })).toEqual({ flags: [], confirm: ['persistent-lump'] });
  });

  it('the weeks after weaning that make leaking a flag are the threshold the rule names', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace(/\n {2}weanedWeeks: 13\n/, '\n  weanedWeeks: 26\n'));
    const message = 'I weaned 4 months ago and my nipples are still leaking';
    expect(outcome(original, message).flags).toEqual(['leaking-long-after-weaning']);
    expect(outcome(detector(dir), message).flags).not.toContain('leaking-long-after-weaning');
  });

  it('a word added to a rule: pink milk after an acai bowl is asked about, like after beetroot', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('says: &food-colours [beet, ', 'says: &food-colours [acai, beet, '));
    const message = 'my milk looks pink after an acai bowl this morning';
    expect(outcome(original, message, { lactation: 'breastfeeding' }).flags).toEqual(['blood-in-discharge']);
    expect(outcome(detector(dir), message, { lactation: 'breastfeeding' })).toEqual({ flags: [], confirm: ['blood-in-discharge'] });
  });
});

describe('a broken rule stops loading, naming the file and the field', () => {
  let dir: string;
  beforeEach(() => {
    dir = knowledgeCopy('knowledge-rules-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = () => detector(dir);

  it('a threshold name that does not exist', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('lasted: { atLeast: lumpDays }', 'lasted: { atLeast: lumpWeeks }'));
    expect(load).toThrow(/rules\.yaml: field rules\.persistent-lump\.when\.1\.lasted\.atLeast: no threshold "lumpWeeks" in thresholds/);
  });

  it('a group or concept that does not exist', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('      - all: [growing, feverish]', '      - all: [growing, feverishness]'));
    expect(load).toThrow(/rules\.yaml: field rules\.possible-abscess\.when\.1\.all\.1: concept "feverishness" is not in .*concepts\.yaml nor a group/);
  });

  it('a group no rule uses', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('\ngroups:\n', '\ngroups:\n  hot-breast:\n    about: A hot breast.\n    concepts: [breast-sign-strong]\n    firstWord: [hot]\n'));
    expect(load).toThrow(/rules\.yaml: field groups\.hot-breast: no rule uses it/);
  });

  it('a group that names a group defined below it', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('    concepts: [fever, flu-like, fever-very-high]\n    notPerson: another-man', '    concepts: [fever, flu-like, very-high-fever]\n    notPerson: another-man'));
    expect(load).toThrow(/rules\.yaml: field groups\.feverish\.concepts\.2: group "very-high-fever" must be defined above "feverish"/);
  });

  it('a status the parent context cannot have', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('context: { status: [none], male: false }', 'context: { status: [nursing], male: false }'));
    expect(load).toThrow(/rules\.yaml: field rules\.milky-discharge-not-lactating\.when\.1\.context\.status\.0: /);
  });

  it('a question asked where only a confirm alternative can ask', () => {
    edit(dir, 'safety/rules.yaml', (text) => text.replace('      - any: [abscess]\n', '      - any: [abscess]\n        ask: fever\n'));
    expect(load).toThrow(/rules\.yaml: field rules\.possible-abscess\.when\.0\.ask: only a `confirm` alternative asks a question/);
  });
});
