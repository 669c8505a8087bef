/** The same words can be normal or a red flag depending on who the parent is. */
import type { ParentContext } from '../../core/safety/types';
import { assess, flagIds, confirmIds, escalates, BREASTFEEDING, PUMPING, PREGNANT, NOT_LACTATING } from './helpers';

const NORMAL_LEAKING = [
  'milk leaks from one side only',
  'my breasts leak on their own',
  'the other breast leaks while I feed',
  'milky fluid from both nipples',
  'leaking from my right nipple',
];

describe('context pairs: normal while lactating, a flag when not', () => {
  const lactating: Array<[string, ParentContext]> = [
    ['breastfeeding', BREASTFEEDING],
    ['pumping', PUMPING],
    ['pregnant', PREGNANT],
    ['unknown (the audience is mostly breastfeeding parents)', {}],
  ];
  for (const [name, known] of lactating) {
    it.each(NORMAL_LEAKING)(`${name}: "%s" does not escalate`, (text) => {
      expect(escalates(assess(text, known))).toBe(false);
    });
  }
  it.each(NORMAL_LEAKING)('not lactating: "%s" escalates (soon)', (text) => {
    const r = assess(text, NOT_LACTATING);
    expect(r.level).toBe('soon');
  });
  it.each(NORMAL_LEAKING)('a man: "%s" escalates as discharge in a man', (text) => {
    expect(flagIds(assess(text, { male: true }))).toContain('discharge-in-man');
  });
  it('one-sided leaking on its own when not lactating is its own flag', () => {
    expect(flagIds(assess('only my left nipple leaks, by itself', NOT_LACTATING))).toContain('one-sided-discharge-not-lactating');
  });
});

describe('context stated in the message itself', () => {
  it.each([
    ["I'm not pregnant or breastfeeding and milk comes out of my nipples", 'milky-discharge-not-lactating'],
    ['I stopped nursing 2 years ago and milk still comes out', 'leaking-long-after-weaning'],
    ["I'm a guy and something leaks from my nipple", 'discharge-in-man'],
    ['my husband noticed fluid coming from his nipple', 'discharge-in-man'],
    ['I have never been pregnant but my nipple leaks', 'milky-discharge-not-lactating'],
  ])('%s', (text, id) => {
    expect(flagIds(assess(text))).toContain(id);
  });

  it('a dad asking about his breastfeeding partner is not a man with discharge', () => {
    const r = assess("I'm a dad, my wife is breastfeeding and leaks from one side");
    expect(escalates(r)).toBe(false);
    expect(r.learned.male).toBe(true);
  });

  it('a newborn boy with a drop of milk from his nipples is not a man with discharge', () => {
    expect(escalates(assess('my 2 week old son has milk coming from his nipples'))).toBe(false);
  });
});

describe('weaning timeline', () => {
  it('a few weeks after weaning, leaking is normal', () => {
    expect(escalates(assess('weaned 3 weeks ago and still leaking a bit'))).toBe(false);
    expect(escalates(assess('still leaking a bit', { lactation: 'weaned', weanedWeeksAgo: 4 }))).toBe(false);
  });
  it('3 months or more after weaning, leaking is a flag', () => {
    expect(flagIds(assess('weaned 4 months ago and still leaking'))).toContain('leaking-long-after-weaning');
    expect(flagIds(assess('still leaking', { lactation: 'weaned', weanedWeeksAgo: 13 }))).toContain('leaking-long-after-weaning');
  });
  it('"I stopped 5 months ago", nothing named, is weaning; a symptom that stopped is not', () => {
    expect(flagIds(assess('I stopped 5 months ago and it still leaks'))).toContain('leaking-long-after-weaning');
    expect(flagIds(assess('we finished a year ago and my boobs still leak milk'))).toContain('leaking-long-after-weaning');
    expect(escalates(assess('the bleeding stopped 5 months ago and now it leaks milk when I feed'))).toBe(false);
    expect(escalates(assess('I stopped 2 weeks ago and it still leaks a bit'))).toBe(false);
  });
  it('asks how long ago when weaning time is unknown', () => {
    const r = assess('I stopped breastfeeding and I am still leaking');
    expect(escalates(r)).toBe(false);
    expect(confirmIds(r)).toContain('leaking-long-after-weaning');
  });
  it('milk coming back after it stopped is a flag', () => {
    expect(flagIds(assess('my milk had dried up and now it is back'))).toContain('leaking-long-after-weaning');
  });
  it('relactating on purpose is not', () => {
    expect(escalates(assess('I stopped for a month, started pumping again and my milk came back'))).toBe(false);
  });
});

describe('learned context', () => {
  it.each<[string, Partial<ParentContext>]>([
    ["I'm 30 weeks pregnant", { lactation: 'pregnant' }],
    ['currently expecting our second', { lactation: 'pregnant' }],
    ['I am exclusively pumping for my preemie', { lactation: 'pumping' }],
    ["I'm breastfeeding my 3 month old", { lactation: 'breastfeeding' }],
    ['stopped breastfeeding 4 months ago', { lactation: 'weaned', weanedWeeksAgo: 17 }],
    ['I weaned in March', { lactation: 'weaned', weanedWeeksAgo: 36 }],
    ['we weaned last month', { lactation: 'weaned', weanedWeeksAgo: 4 }],
    // In November, "last summer" is the summer just gone, not the one before it.
    ['we weaned last summer', { lactation: 'weaned', weanedWeeksAgo: 17 }],
    ["haven't breastfed for 2 years", { lactation: 'weaned', weanedWeeksAgo: 104 }],
    ["I'm not pregnant or breastfeeding", { lactation: 'none' }],
    ['I have never had children', { lactation: 'none' }],
    ["I'm a dad", { male: true }],
    ['I am a 34 year old man', { male: true }],
  ])('%s', (text, expected) => {
    expect(assess(text).learned).toEqual(expected);
  });

  it('learns nothing from a message without such facts', () => {
    expect(assess('how do breast pads work?').learned).toEqual({});
  });

  it('what the message says overrides what was known', () => {
    const r = assess('I stopped nursing 6 months ago and my nipple still leaks', BREASTFEEDING);
    expect(r.learned.lactation).toBe('weaned');
    expect(flagIds(r)).toContain('leaking-long-after-weaning');
  });

  it('a hypothetical does not teach anything ("if I stop breastfeeding...")', () => {
    expect(assess('if I stop breastfeeding will I keep leaking?').learned).toEqual({});
  });
});
