import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import {
  defaultSafetyKnowledge,
  RedFlagDefinitionError,
  createRedFlagDetector,
  defaultRedFlagFile,
  loadRedFlagDefinitions,
  parseRedFlagDefinitions,
} from '../../core/safety';
import { URGENCY_LEVELS, type ParentContext } from '../../core/safety/types';
import { assess, flagIds, NOT_LACTATING, BREASTFEEDING } from './helpers';

const definitions = loadRedFlagDefinitions();
const rawFile = () => parseYaml(readFileSync(defaultRedFlagFile(), 'utf8')) as { levels: Record<string, unknown>; flags: Array<Record<string, unknown>> };

/** One message per flag that a parent might write, proving every definition can be detected. */
const SAMPLES: Record<string, [string, ParentContext?]> = {
  'thoughts-of-self-harm': ['some nights I think my family would be better off without me'],
  'thoughts-of-harming-baby': ['I get these urges to shake the baby when he screams'],
  'psychosis-signs': ['since the delivery I hear a voice telling me what to do'],
  'infection-with-sepsis-signs': ['my breast is red and swollen, I have a fever and I nearly fainted on the stairs'],
  'fever-with-breast-signs': ['running a temperature and there is a sore hot patch on my left breast'],
  pus: ['yellow pus is coming out of the cracked nipple'],
  'red-streaks': ['there are red streaks spreading from the sore area'],
  'possible-abscess': ['the painful lump keeps growing and I have had a fever for two days'],
  'mastitis-not-improving': ['two days of antibiotics for mastitis and it is not getting any better'],
  'severe-headache-or-vision-change': ['baby is 5 days old and my vision has gone blurry'],
  'blood-in-discharge': ['I noticed blood in the milk I pumped this morning'],
  'clear-discharge-one-duct': ['watery clear fluid comes from a single duct'],
  'one-sided-discharge-not-lactating': ['fluid leaks from my right breast by itself', NOT_LACTATING],
  'persistent-lump': ['the lump in my breast has been there for three weeks'],
  'new-nipple-inversion': ['my nipple has suddenly turned inwards'],
  'nipple-rash-not-healing': ['a flaky rash on my nipple that will not heal'],
  'skin-dimpling': ['a patch of my breast skin looks dimpled'],
  'discharge-in-man': ['I am a man and there is fluid coming from my nipple'],
  'milky-discharge-not-lactating': ['milky fluid comes out of my nipples', NOT_LACTATING],
  'leaking-long-after-weaning': ['I stopped breastfeeding 5 months ago and still leak'],
  'mood-affecting-daily-life': ['I have felt hopeless for weeks and can barely look after the baby'],
  'discharge-with-new-medicine': ['my breasts started leaking after I began taking risperidone', NOT_LACTATING],
  'mild-dmer': ['a short wave of dread right before letdown, it passes in a minute', BREASTFEEDING],
};

describe('knowledge/red-flags.yaml', () => {
  it('defines every urgency level with a plain "how soon" line', () => {
    for (const level of URGENCY_LEVELS) expect(definitions.levels[level].howSoon.length).toBeGreaterThan(10);
    expect(definitions.levels.emergency.howSoon).toContain('{emergencyNumber}');
  });

  it('gives every crisis flag a crisis-line mention', () => {
    const crisis = [...definitions.flags.values()].filter((f) => f.crisis);
    expect(crisis.map((f) => f.id)).toEqual(expect.arrayContaining(['thoughts-of-self-harm', 'thoughts-of-harming-baby']));
    for (const f of crisis) expect(f.crisisLine).toContain('{crisisLine}');
  });

  it('has a definition for every rule id, and a rule for every definition', () => {
    expect([...definitions.flags.keys()].sort()).toEqual([...defaultSafetyKnowledge().rules.keys()].sort());
  });

  it('asks one short yes/no question per flag', () => {
    for (const f of definitions.flags.values()) {
      expect(f.question.trim().endsWith('?')).toBe(true);
      expect((f.question.match(/\?/g) ?? []).length).toBe(1);
    }
  });

  it('cites only sources listed in knowledge/sources.yaml', () => {
    const sources = new Set((parseYaml(readFileSync(join(defaultRedFlagFile(), '..', 'sources.yaml'), 'utf8')) as { sources: Array<{ id: string }> }).sources.map((s) => s.id));
    for (const f of definitions.flags.values()) for (const s of f.sources) expect(sources.has(s)).toBe(true);
  });

  it.each(Object.entries(SAMPLES).map(([id, [text, known]]): [string, string, ParentContext] => [id, text, known ?? {}]))('detects %s', (id, text, known) => {
    expect(flagIds(assess(text, known))).toContain(id);
  });

  it('has a detection sample for every definition', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...definitions.flags.keys()].sort());
  });
});

describe('validation errors name the file and the field', () => {
  const problems = (data: unknown, known?: Set<string>): string[] => {
    try {
      parseRedFlagDefinitions(data, 'knowledge/red-flags.yaml', known);
    } catch (err) {
      expect(err).toBeInstanceOf(RedFlagDefinitionError);
      return (err as RedFlagDefinitionError).problems;
    }
    return [];
  };

  it('reports a bad id, an unknown level and a missing why', () => {
    const data = rawFile();
    data.flags[0] = { ...data.flags[0], id: 'Not Kebab' };
    data.flags[1] = { ...data.flags[1], level: 'whenever' };
    delete data.flags[2].why;
    const found = problems(data);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^knowledge\/red-flags\.yaml: field flags\.0\.id: /),
        expect.stringMatching(/^knowledge\/red-flags\.yaml: field flags\.1\.level: /),
        expect.stringMatching(/^knowledge\/red-flags\.yaml: field flags\.2\.why: /),
      ]),
    );
  });

  it('reports a question that is not a question, and a crisis flag with no crisis line', () => {
    const data = rawFile();
    data.flags[0] = { ...data.flags[0], question: 'Tell me more.' };
    delete data.flags[1].crisisLine;
    const found = problems(data);
    expect(found.some((p) => p.includes('field flags.0.question'))).toBe(true);
    expect(found.some((p) => p.includes('field flags.1.crisisLine'))).toBe(true);
  });

  it('reports an emergency line without the emergency number, and an unknown source', () => {
    const data = rawFile();
    data.levels.emergency = { howSoon: 'Get help.' };
    expect(problems(data).some((p) => p.includes('field levels.emergency.howSoon'))).toBe(true);
    expect(problems(rawFile(), new Set(['nhs'])).some((p) => /field flags\.\d+\.sources\.\d+: "[a-z0-9-]+" is not listed/.test(p))).toBe(true);
  });

  it('reports a duplicated id', () => {
    const data = rawFile();
    data.flags.push({ ...data.flags[0] });
    expect(problems(data).some((p) => p.includes(`field flags.${data.flags.length - 1}.id`))).toBe(true);
  });

  it('refuses to build a detector when a rule has no definition', () => {
    const data = rawFile();
    data.flags = data.flags.filter((f) => f.id !== 'pus');
    expect(() => createRedFlagDetector(parseRedFlagDefinitions(data))).toThrow(/rules\.yaml: field rules\.pus: no red flag "pus" in red-flags\.yaml/);
  });
});
