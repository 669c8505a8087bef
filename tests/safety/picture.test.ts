/**
 * The clinical picture (core/safety/picture.ts): who it is about, times since weaning and since the
 * birth from the way parents say them (dates read by chrono-node), lump durations, the breast signs,
 * fever and temperature; and the red flags that need that arithmetic.
 */
import { findPastTimes, weeksSinceWeaningByAge } from '../../core/safety/when';
import { answersFromContext } from '../../core/triage/symptomCheck';
import { assess, BREASTFEEDING, confirmIds, flagIds } from './helpers';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('reading when something happened', () => {
  it.each([
    ['i stopped a few months back', 80, 100],
    ['leaking since the summer', 100, 160],
    ['i first felt it in the spring', 190, 250],
    ['i weaned last october', 40, 60],
    ['found a lump two weeks ago', 14, 14],
  ])('"%s" is %i to %i days ago', (text, low, high) => {
    const [found] = findPastTimes(text, NOW);
    expect(found.daysAgo).toBeGreaterThanOrEqual(low);
    expect(found.daysAgo).toBeLessThanOrEqual(high);
  });

  it('a length ("for 2 weeks") or a temperature is not a date', () => {
    expect(findPastTimes('for 2 weeks', NOW)).toEqual([]);
    expect(findPastTimes('temp 38.5', NOW)).toEqual([]);
  });

  it('weeks since weaning from the child\'s ages: "stopped at 18 months, he turns three next week"', () => {
    expect(weeksSinceWeaningByAge('stopped at 18 months , he turns three next week')).toBeGreaterThan(70);
    expect(weeksSinceWeaningByAge('weaned her at 1 year and she is 2 now')).toBe(52);
  });
});

describe('flags that need the arithmetic', () => {
  it.each([
    "weaned at Christmas, it's June and my bra is still damp",
    'I stopped at 18 months, he turns three next week, and my nipples still leak',
    'I stopped breastfeeding a few months back and I am still leaking milk',
  ])('leaking 3 months or more after weaning: "%s"', (text) => {
    expect(flagIds(assess(text))).toContain('leaking-long-after-weaning');
  });

  it('a few weeks after weaning is still winding down', () => {
    expect(flagIds(assess('I stopped breastfeeding a few weeks back and I am still leaking milk'))).toEqual([]);
  });

  it.each(["I've had this lump in my breast since the summer", 'there is a lump in my left breast. I first felt it in the spring', 'found a lump in my breast two weeks ago'])(
    'a lump there for more than a week: "%s"',
    (text) => {
      expect(flagIds(assess(text, BREASTFEEDING))).toContain('persistent-lump');
    },
  );

  it('a lump found yesterday is only asked about', () => {
    const r = assess('found a lump in my breast yesterday', BREASTFEEDING);
    expect(flagIds(r)).toEqual([]);
    expect(confirmIds(r)).toContain('persistent-lump');
  });
});

describe('the picture of one message, and of the conversation', () => {
  it('holds the signs, the side, the fever and the temperature in °C', () => {
    const { picture } = assess('my left breast is red, hot and swollen and my temperature is 101.3 F, no pus', BREASTFEEDING);
    expect(picture).toMatchObject({ about: 'self', side: 'one', redness: 'yes', heat: 'yes', swelling: 'yes', fever: 'yes', pus: 'no' });
    expect(picture?.temperatureC).toBeCloseTo(38.5, 1);
  });

  it("someone else's symptom is not the parent's", () => {
    const { picture } = assess('my mum had a lump in her breast');
    expect(picture).toEqual({ about: 'someone-else' });
  });

  it('time since the birth and the colour', () => {
    expect(assess('my baby is 3 weeks old and my milk is pink').picture).toMatchObject({ weeksSinceBirth: 3, colour: 'bloody' });
  });

  it('adds each message to what the conversation knew', () => {
    const first = assess('my left breast is red and sore', BREASTFEEDING);
    const second = assess('and now I have a temperature of 38.9', { ...BREASTFEEDING, picture: first.picture });
    expect(second.picture).toMatchObject({ redness: 'yes', pain: 'yes', fever: 'yes', side: 'one' });
    expect(second.picture?.temperatureC).toBeCloseTo(38.9, 1);
  });
});

describe('the symptom check does not ask again what the picture holds', () => {
  it("takes the side, colour and trigger the parent already gave, never someone else's", () => {
    const { picture } = assess('there is blood coming from one nipple when I squeeze it', BREASTFEEDING);
    expect(answersFromContext({ ...BREASTFEEDING, picture })).toMatchObject({ status: 'breastfeeding', side: 'one', colour: 'bloody', trigger: 'squeezed' });
    expect(answersFromContext({ ...BREASTFEEDING, picture: { ...picture, about: 'someone-else' } })).toEqual({ status: 'breastfeeding' });
  });
});
