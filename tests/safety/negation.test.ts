/** NegEx-style negation: per clause, ended by "but", "though", "however", "except", a new clause... */
import { assess, flagIds, confirmIds, escalates } from './helpers';

describe('negated mentions do not escalate', () => {
  it.each([
    ['no blood'],
    ["I don't have a fever"],
    ['never had a lump'],
    ['no pain, no lump, no fever'],
    ['not bloody, just milky'],
    ['without any fever'],
    ['no redness, swelling or fever'],
    ['no redness, swelling, or fever, just leaking'],
    ['there is no pus and no blood'],
    ['I have not noticed any blood'],
    ['fever: none'],
    ['the lump went away after the feed'],
    ['my temperature is normal'],
    ["I'm not depressed, just tired of leaking"],
    ['no sign of infection, no red streaks'],
    ['nipples are not bleeding anymore'],
  ])('%s', (text) => {
    const r = assess(text);
    expect(escalates(r)).toBe(false);
  });
});

describe('the negation scope ends at the clause', () => {
  it.each([
    ['no fever but there is blood', 'blood-in-discharge'],
    ['no fever, though there is blood in the milk', 'blood-in-discharge'],
    ['no pain, however my nipple is bleeding', 'blood-in-discharge'],
    ['no pain except a lump that has been there 3 weeks', 'persistent-lump'],
    ['no fever, but I have pus coming from the nipple', 'pus'],
    ['never been pregnant and milk comes out when I squeeze', 'milky-discharge-not-lactating'],
    ['I do not have a fever and there is blood in my milk', 'blood-in-discharge'],
    ['no lump. there is blood though', 'blood-in-discharge'],
  ])('%s', (text, id) => {
    expect(flagIds(assess(text))).toContain(id);
  });
});

describe('uncertain negation asks one short yes/no question', () => {
  it.each([
    ["I don't think there's blood?", 'blood-in-discharge'],
    ["not sure if that's pus", 'pus'],
    ['maybe a little pink?', 'blood-in-discharge'],
    ['is that blood?', 'blood-in-discharge'],
    ['could this be pus?', 'pus'],
    ["hard to tell if it's blood or just the colour of my food", 'blood-in-discharge'],
  ])('%s', (text, id) => {
    const r = assess(text);
    expect(escalates(r)).toBe(false);
    expect(confirmIds(r)).toContain(id);
    const item = r.toConfirm.find((c) => c.id === id)!;
    expect(item.question).toMatch(/\?$/);
    expect((item.question.match(/\?/g) ?? []).length).toBe(1);
    expect(item.question.split(' ').length).toBeLessThanOrEqual(30);
  });

  it('asks about fever when only a red breast is reported', () => {
    const r = assess('my breast is red and hot');
    expect(escalates(r)).toBe(false);
    const q = r.toConfirm.find((c) => c.id === 'fever-with-breast-signs');
    expect(q?.question).toMatch(/fever/i);
  });

  it('asks about the breast when only a fever is reported', () => {
    const q = assess('I have a fever', { lactation: 'breastfeeding' }).toConfirm.find((c) => c.id === 'fever-with-breast-signs');
    expect(q?.question).toMatch(/breast/i);
  });

  it('does not ask about a fever the parent has ruled out', () => {
    expect(confirmIds(assess('my temperature is normal but my breast is red and painful'))).toEqual([]);
  });
});

describe('hedged reports are reports', () => {
  it.each([
    ['I think I have a fever and my breast is red', 'fever-with-breast-signs'],
    ['I believe there is some blood in my milk', 'blood-in-discharge'],
    ['it looks like pus', 'pus'],
    ['pretty sure that is blood in the milk', 'blood-in-discharge'],
  ])('%s', (text, id) => {
    expect(flagIds(assess(text))).toContain(id);
  });
});

describe('crisis language is never silenced by negation', () => {
  it("still flags hedged crisis language: I'm not sure I want to live", () => {
    expect(assess("I'm not sure I want to live anymore").level).toBe('emergency');
  });
  it('flags "I don\'t want to be here anymore" style statements', () => {
    expect(assess("i dont want to be alive").level).toBe('emergency');
  });
  it('turns a denial into a gentle question rather than silence', () => {
    const r = assess("I'm not suicidal, just exhausted");
    expect(escalates(r)).toBe(false);
    expect(confirmIds(r)).toContain('thoughts-of-self-harm');
  });
  it('asks when the meaning is unclear ("I can\'t do this anymore")', () => {
    const r = assess("I can't do this anymore");
    expect(confirmIds(r)).toContain('thoughts-of-self-harm');
  });
});
