/**
 * Each modifier of knowledge/safety/modifiers.yaml, the thresholds of rules.yaml (temperatures in °C
 * and °F, durations, weaning), and a red flag buried in a long message, as a parent would notice them:
 * escalated, asked about, or left alone.
 */
import { assess, askedIds, BREASTFEEDING, confirmIds, flagIds } from './helpers';

const FEVER_WITH_SIGNS = 'fever-with-breast-signs';

describe('negation', () => {
  it('before the symptom: "no fever" with a red, hot breast is not a fever', () => {
    expect(flagIds(assess('my left breast is red and hot and I have a fever', BREASTFEEDING))).toContain(FEVER_WITH_SIGNS);
    expect(flagIds(assess('no fever, my left breast is red and hot', BREASTFEEDING))).not.toContain(FEVER_WITH_SIGNS);
  });

  it('after the symptom: "fever none"', () => {
    expect(flagIds(assess('my breast is red and hot, fever none', BREASTFEEDING))).not.toContain(FEVER_WITH_SIGNS);
  });
});

describe('a denial through what was seen', () => {
  it.each(["didn't see any blood in the pumped milk this time, phew", "I can't see any pus"])('"%s" denies the sign', (text) => {
    expect(assess(text, BREASTFEEDING).level).toBeNull();
  });
  it('"I can\'t see properly" is still a sign, not a denial', () => {
    expect(flagIds(assess("I can't see properly and my head is pounding, 5 days postpartum"))).toContain('severe-headache-or-vision-change');
  });
  it('"nothing pulled in" denies a turned-in nipple', () => {
    expect(assess('Both nipples look normal, nothing pulled in, no rash, no crust').level).toBeNull();
  });
});

describe('pseudo-negation', () => {
  it('"not only a fever" still reports the fever', () => {
    expect(flagIds(assess('not only a fever but my breast is red and hot too', BREASTFEEDING))).toContain(FEVER_WITH_SIGNS);
  });

  it('"no change in the fever" still reports the fever', () => {
    expect(flagIds(assess('no change in the fever and my breast is red and hot', BREASTFEEDING))).toContain(FEVER_WITH_SIGNS);
  });

  it('"no idea why" denies nothing that follows', () => {
    expect(flagIds(assess('I have no idea why but there is blood in my milk', BREASTFEEDING))).toContain('blood-in-discharge');
  });
});

describe('terminator', () => {
  it('"but" ends the negation: "no pain but there is blood"', () => {
    expect(flagIds(assess('no pain but there is blood coming from my nipple', BREASTFEEDING))).toContain('blood-in-discharge');
  });
});

describe('uncertainty', () => {
  it.each(['there might be pus coming from my nipple', 'maybe some pus from the nipple?'])('"%s" asks instead of escalating', (text) => {
    const r = assess(text, BREASTFEEDING);
    expect(flagIds(r)).not.toContain('pus');
    expect(confirmIds(r)).toContain('pus');
  });
});

describe('hypothetical and asked-about', () => {
  it.each([
    ['what if I get red streaks on my breast', 'red-streaks'],
    ['in case I get a fever with mastitis what do I do', FEVER_WITH_SIGNS],
  ])('"%s" is answered, not escalated', (text, flag) => {
    const r = assess(text, BREASTFEEDING);
    expect(flagIds(r)).toEqual([]);
    expect(askedIds(r)).toContain(flag);
  });
});

describe('wondering', () => {
  it('"made me wonder when a lump should be checked" asks, it does not report', () => {
    const r = assess('my colleague found a lump in her breast, which made me wonder when a lump should be checked', BREASTFEEDING);
    expect(flagIds(r)).toEqual([]);
    expect(askedIds(r)).toContain('persistent-lump');
  });
});

describe('historical', () => {
  it.each([
    'I had pus from my nipple last year with my first baby',
    'I used to get blood in my milk',
    // "back" here says when, not that it came back.
    "Back with my first I had an abscess drained. This baby everything's been fine so far.",
    'I got red streaks on my breast back in 2019 and had antibiotics the same day',
  ])('"%s" is in the past', (text) => {
    const r = assess(text, BREASTFEEDING);
    expect(flagIds(r)).toEqual([]);
    expect(confirmIds(r)).toEqual([]);
  });
});

describe('experiencer', () => {
  it.each(['my sister had red streaks on her breast', 'my friend had pus coming out of her nipple', 'my sister found a lump in her breast, what should she do', 'my friend noticed blood in her milk', "My auntie had Paget's disease of the nipple, what does it look like?"])('someone else: "%s"', (text) => {
    const r = assess(text, BREASTFEEDING);
    expect(flagIds(r)).toEqual([]);
    expect(confirmIds(r)).toEqual([]);
  });

  it("the baby's fever is not the parent's: only the fever question is asked about a red breast", () => {
    const r = assess('my baby has a fever and my breast is red', BREASTFEEDING);
    expect(flagIds(r)).toEqual([]);
    expect(confirmIds(r)).toEqual([FEVER_WITH_SIGNS]);
  });

  it("the partner's fever is not the parent's", () => {
    expect(flagIds(assess('my husband has a fever, my breast is a bit red from the pump', BREASTFEEDING))).toEqual([]);
  });

  it("but the partner's own body counts when the parent asks about it: discharge in a man", () => {
    expect(flagIds(assess('my husband has clear discharge from his nipple'))).toEqual(['discharge-in-man']);
  });

  it("but not someone else's man: a friend's husband is a story, not the parent's concern", () => {
    expect(flagIds(assess("my friend's husband gets clear discharge from his nipple"))).toEqual([]);
    expect(flagIds(assess("my cousin's boyfriend says fluid comes out of his nipple"))).toEqual([]);
  });
});

describe('temperatures in °C and °F against the fever threshold (38 °C / 100.4 °F)', () => {
  it.each([
    ['my breast is red and hot and my temperature is 38.5', true],
    ['my breast is red and hot and my temperature is 101.2 F', true],
    ['red hot breast, temp 38 degrees C', true],
    ['red hot breast, temp 100.4 degrees fahrenheit', true],
    ['my breast is red and hot and my temperature is 37.2', false],
    ['my breast is red and hot and my temp is 99.1 F', false],
  ])('"%s": fever with breast signs %s', (text, fever) => {
    expect(flagIds(assess(text, BREASTFEEDING)).includes(FEVER_WITH_SIGNS)).toBe(fever);
  });
});

describe('durations', () => {
  it('a lump for 10 days is past the week; for 3 days it is only asked about', () => {
    expect(flagIds(assess('I have had a lump in my breast for 10 days', BREASTFEEDING))).toContain('persistent-lump');
    const early = assess('I have had a lump in my breast for 3 days', BREASTFEEDING);
    expect(flagIds(early)).not.toContain('persistent-lump');
    expect(confirmIds(early)).toContain('persistent-lump');
  });

  it('leaking 4 months after weaning needs a check; 2 months after does not', () => {
    expect(flagIds(assess('I weaned 4 months ago and my breasts still leak'))).toContain('leaking-long-after-weaning');
    expect(flagIds(assess('I weaned 2 months ago and my breasts still leak'))).toEqual([]);
  });

  it('mastitis not better after 2 days of antibiotics', () => {
    expect(flagIds(assess('mastitis, on antibiotics for 2 days and not better', BREASTFEEDING))).toContain('mastitis-not-improving');
  });
});

describe('every clause of a long message is read', () => {
  const everyday =
    'My little one is nine weeks old and feeding has settled into a rhythm now, though I still leak through my pads most nights and sometimes in the day too. ' +
    'I have tried the washable pads and the disposable ones, and I change them every few hours, which helps. ' +
    'At work I pump twice, and the other side drips while I pump, so I keep a cloth handy. ';
  const buried = 'Since Tuesday there has been blood coming from one nipple when I pump, even though it is not cracked. ';

  it('finds a flag half-way through a 1,500-character message', () => {
    const message = `${everyday.repeat(3)}${buried}${everyday.repeat(3)}`.slice(0, 1_600);
    expect(message.length).toBeGreaterThanOrEqual(1_500);
    expect(message.indexOf(buried)).toBeGreaterThan(600);
    expect(flagIds(assess(message, BREASTFEEDING))).toContain('blood-in-discharge');
    expect(flagIds(assess(`${everyday.repeat(6)}`.slice(0, 1_600), BREASTFEEDING))).toEqual([]);
  });
});
