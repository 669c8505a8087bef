/** Questions about conditions are not reports; a first-person report inside a question is. */
import { assess, askedIds, flagIds, confirmIds, escalates } from './helpers';

describe('questions about conditions go to askedAbout', () => {
  it.each([
    ['can mastitis cause leaking?', 'fever-with-breast-signs'],
    ['what does pus in milk look like?', 'pus'],
    ['is blood in breast milk dangerous for the baby?', 'blood-in-discharge'],
    ['when should I worry about a lump?', 'persistent-lump'],
    ['do men ever get nipple discharge?', 'discharge-in-man'],
    ['what is D-MER', 'mild-dmer'],
    ['what does orange peel skin on a breast mean?', 'skin-dimpling'],
    ['what if I get a fever while breastfeeding?', 'fever-with-breast-signs'],
    ['tell me about abscesses', 'possible-abscess'],
  ])('%s', (text, id) => {
    const r = assess(text);
    expect(escalates(r)).toBe(false);
    expect(askedIds(r)).toContain(id);
  });
});

describe('questions about everyday problems are not about a warning sign', () => {
  it.each(['how do I clear a blocked duct?', 'what helps a plugged duct', 'can a clogged duct cause leaking?'])('%s', (text) => {
    const r = assess(text);
    expect(escalates(r)).toBe(false);
    expect(askedIds(r)).toEqual([]);
  });
});

describe('reports inside questions are reports', () => {
  it.each([
    ['I have blood in my milk, is that normal?', 'blood-in-discharge'],
    ['is it normal that my nipple is bleeding?', 'blood-in-discharge'],
    ['why is there pus coming out of my nipple?', 'pus'],
    ['I have a fever and a red breast, should I see someone?', 'fever-with-breast-signs'],
    ['should I worry about the lump I have had for 3 weeks?', 'persistent-lump'],
  ])('%s', (text, id) => {
    const r = assess(text);
    expect(flagIds(r)).toContain(id);
    expect(askedIds(r)).not.toContain(id);
  });
});

describe('emergency flags are never just asked about', () => {
  it('asks whether it is happening instead', () => {
    const r = assess('what are the signs of postpartum psychosis?');
    expect(askedIds(r)).not.toContain('psychosis-signs');
    expect(confirmIds(r)).toContain('psychosis-signs');
  });
  it('crisis language in a question still escalates', () => {
    expect(assess('is it normal to want to die after having a baby?').level).toBe('emergency');
    expect(assess('why do I keep thinking about hurting my baby?').level).toBe('emergency');
  });
  it('askedAbout never holds an emergency flag', () => {
    for (const text of ['can mastitis turn into sepsis?', 'what is postpartum psychosis?', 'what are suicidal thoughts?']) {
      expect(assess(text).askedAbout.every((f) => f.level !== 'emergency')).toBe(true);
    }
  });
});

describe('a sign told, then asked about in the same sentence, is a report', () => {
  it.each([
    ['weaned 5 months ago and still leaking, is that normal?', 'leaking-long-after-weaning'],
    ['brown fluid from one hole in my nipple, should I worry?', 'blood-in-discharge'],
    ['a lump for three weeks now, what could that be?', 'persistent-lump'],
  ])('%s', (text, id) => {
    expect(flagIds(assess(text))).toContain(id);
  });

  it('a question about the sign itself stays a question', () => {
    const r = assess('what does blood in milk mean, is that normal?');
    expect(escalates(r)).toBe(false);
    expect(askedIds(r)).toContain('blood-in-discharge');
  });
});

describe('the sentence after a question can make the sign the parent own', () => {
  it("'Mine isn't going away, 4 weeks now' after a question about a lump is a report", () => {
    expect(flagIds(assess("can a lump while breastfeeding be cancer? mine isn't going away, 4 weeks now"))).toContain('persistent-lump');
  });
  it("'it wasn't like that before' after asking whether a nipple turning in is normal is a report", () => {
    expect(flagIds(assess("is it normal for a nipple to turn inwards? it wasn't like that before"))).toContain('new-nipple-inversion');
  });
  it("but not when it is someone else's", () => {
    expect(escalates(assess("can a lump be cancer? my sister's isn't going away, 4 weeks now"))).toBe(false);
  });
  it("'It's got worse since I started domperidone' after a question about leaking is a report", () => {
    expect(flagIds(assess("how do I deal with leaking? it's got worse since I started domperidone"))).toContain('discharge-with-new-medicine');
  });
  it('soaked through with sweat is not leaking', () => {
    expect(escalates(assess('I woke up soaked through with sweat after a hot night'))).toBe(false);
  });
  it('a sign in a later clause with a present verb is not in the past', () => {
    expect(flagIds(assess("I stopped breastfeeding 5 years ago and I've got milky discharge from both sides"))).toContain('leaking-long-after-weaning');
  });
});
