/**
 * The form of a sentence decides whether a symptom is reported or only asked about: a statement with
 * its subject left out, a worried statement ending in "?", "is it normal to feel ..." about oneself, and
 * a hypothetical "how would I know if I had ...".
 */
import { assess, askedIds, flagIds, escalates, BREASTFEEDING } from './helpers';

describe('an opening auxiliary with no subject after it is a statement', () => {
  it.each([
    ['did antibiotics for 3 days and the mastitis is no better', 'mastitis-not-improving'],
    ['have been on keflex for 2 days and the redness is spreading', 'mastitis-not-improving'],
    ['was pumping and noticed pink milk from one side, no cracks', 'blood-in-discharge'],
    ['did warm compresses all week and the lump is still there after 10 days', 'persistent-lump'],
  ])('%s', (text, id) => {
    expect(flagIds(assess(text))).toContain(id);
  });

  it.each([
    ['did the lump go away on its own for anyone', 'persistent-lump'],
    ['does a blocked duct always turn into mastitis', 'fever-with-breast-signs'],
    ['is leaking from one nipple a sign of cancer', 'one-sided-discharge-not-lactating'],
  ])('but a real question without "?" stays a question: %s', (text) => {
    expect(escalates(assess(text))).toBe(false);
  });
});

describe('a statement ending in "?" is a worried report', () => {
  it.each([
    ['my nipple has started pulling inwards??', 'new-nipple-inversion'],
    ['weaned 6 months ago and now leaking again??', 'leaking-long-after-weaning'],
    ['rash on my nipple still has not healed after 2 months?', 'nipple-rash-not-healing'],
  ])('%s', (text, id) => {
    expect(flagIds(assess(text))).toContain(id);
  });

  it.each([['leaking from one side only normal?'], ['men can leak milk?'], ['blood in milk?'], ['lump in breast?']])(
    'a question about a condition stays a question: %s',
    (text) => {
      expect(escalates(assess(text))).toBe(false);
    },
  );
});

describe('"is it normal to feel ..." reports the parent\'s own feeling', () => {
  it('a brief dread at letdown with good mood otherwise is mild D-MER', () => {
    const r = assess('is it normal to feel a pang of dread right when milk lets down? gone in a minute, otherwise fine', BREASTFEEDING);
    expect(flagIds(r)).toContain('mild-dmer');
  });
  it('"is it normal to get a fever with mastitis" is still a question', () => {
    const r = assess('is it normal to get a fever with mastitis');
    expect(escalates(r)).toBe(false);
    expect(askedIds(r)).toContain('fever-with-breast-signs');
  });
});

describe('"how would I know if I had X" asks about a condition', () => {
  it.each([
    ['how would i know if i had an abscess', 'possible-abscess'],
    ['would i be able to tell if i had red streaks', 'red-streaks'],
  ])('%s', (text, id) => {
    const r = assess(text);
    expect(escalates(r)).toBe(false);
    expect(askedIds(r)).toContain(id);
  });
  it('a report in the same message still escalates', () => {
    expect(flagIds(assess('how would i know if this is an abscess, my breast has a hot hard lump and i have a fever'))).toContain('fever-with-breast-signs');
  });
});

describe('discharge in a man needs the man to be the one leaking', () => {
  it.each([
    ['my husband has a cold and a fever, i am fine just leaking'],
    ['when he cries my boobs start dripping'],
    ['my husband hugged me and i leaked on his shirt'],
  ])('%s', (text) => {
    const r = assess(text);
    expect(escalates(r)).toBe(false);
    expect(r.toConfirm.map((c) => c.id)).not.toContain('fever-with-breast-signs');
  });
  it.each([['my husband has a cold and now has some discharge from his nipple'], ['my 17 year old son has milky discharge from his nipples']])('%s', (text) => {
    expect(flagIds(assess(text))).toContain('discharge-in-man');
  });
});
