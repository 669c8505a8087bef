/** Misspellings, slang, numbers, long and hostile inputs. */
import { assess, flagIds, escalates } from './helpers';

describe('misspellings and slang', () => {
  it.each([
    ['blod in my milk', 'blood-in-discharge'],
    ['bloood coming from my nippel', 'blood-in-discharge'],
    ['bloody discharge from my boob', 'blood-in-discharge'],
    ['puss coming out of my nipple', 'pus'],
    ['feaver and my boob is red', 'fever-with-breast-signs'],
    ['fevr and a hot sore boob', 'fever-with-breast-signs'],
    ['temp of 39 and a red boob', 'fever-with-breast-signs'],
    ['38.5C and a swollen breast', 'fever-with-breast-signs'],
    ['101F with a painful red patch on my breast', 'fever-with-breast-signs'],
    ['38,6 degrees and my breast is hot and red', 'fever-with-breast-signs'],
    ['lumpy bit in my boob for 2 wks', 'persistent-lump'],
    ['i think i have mastitus and im feverish', 'fever-with-breast-signs'],
    ['abcess in my breast', 'possible-abscess'],
    ['I WANT TO DIE', 'thoughts-of-self-harm'],
    ['i wanna kil myself', 'thoughts-of-self-harm'],
    ['red streeks on my brest', 'red-streaks'],
  ])('%s', (text, id) => {
    expect(flagIds(assess(text))).toContain(id);
  });

  it('reads temperatures in both scales, with 38 C / 100.4 F as the fever line', () => {
    expect(flagIds(assess('temperature 100.4 and my breast is red'))).toContain('fever-with-breast-signs');
    expect(flagIds(assess('temperature 99.5 and my breast is red'))).not.toContain('fever-with-breast-signs');
    expect(flagIds(assess('temp 37.8 and a sore breast'))).not.toContain('fever-with-breast-signs');
    expect(assess('temp 39.8 and a red swollen breast').level).toBe('emergency');
    expect(assess('103.5 F fever and a hot red breast').level).toBe('emergency');
  });

  it('leaves real words one letter from a warning sign as they are', () => {
    // "leaving" is not "leaking", "stabbed" not "scabbed".
    expect(flagIds(assess('I thought about just leaving him on a doorstep and not coming back'))).toContain('thoughts-of-harming-baby');
    // Read as "scabbed", a stabbing pain explained the blood away as a healing crack.
    expect(flagIds(assess("it feels like I've been stabbed in the nipple and there's blood in my milk"))).toContain('blood-in-discharge');
  });

  it('does not take pregnancy weeks or a baby age for a temperature', () => {
    expect(escalates(assess('38 weeks pregnant and my breast is sore'))).toBe(false);
  });
});

describe('long messages', () => {
  const filler =
    'We have been doing well with feeding and the leaking is mostly at night, I use washable pads and change them often. ';

  it('finds a flag buried in the middle of a long message', () => {
    const text = `${filler.repeat(10)}Also there is pus coming from my left nipple since yesterday. ${filler.repeat(10)}`;
    const r = assess(text);
    expect(flagIds(r)).toContain('pus');
    expect(r.flags.find((f) => f.id === 'pus')!.quote).toContain('pus coming from my left nipple');
  });

  it('handles a 10,000-character message and still returns the buried flag', () => {
    const head = filler.repeat(45);
    const text = `${head}I keep thinking everyone would be better off without me. ${filler.repeat(45)}`.slice(0, 10_000);
    expect(text.length).toBe(10_000);
    expect(text).toContain('better off without me');
    const r = assess(text);
    expect(r.level).toBe('emergency');
  });

  it('scans 10,000 characters without any punctuation, in chunks, without losing a flag', () => {
    const words = 'leaking pads night feeding tired pumping '.repeat(300);
    const text = `${words.slice(0, 5000)} there is blood in my milk ${words.slice(0, 5000)}`.slice(0, 10_000);
    expect(flagIds(assess(text))).toContain('blood-in-discharge');
  });

  it('keeps a flag that sits where two chunks overlap', () => {
    for (let offset = 280; offset < 330; offset += 7) {
      const text = `${'a'.repeat(offset)} there is pus from my nipple ${'b '.repeat(300)}`;
      expect(flagIds(assess(text))).toContain('pus');
    }
  });

  it.each([
    ['repeated letters', 'a'.repeat(10_000)],
    ['repeated words', 'no '.repeat(3_500)],
    ['repeated symptoms', 'blood fever lump '.repeat(600)],
    ['punctuation', ',.?!;'.repeat(2_000)],
    ['spaces and newlines', ' \n'.repeat(5_000)],
    ['emoji', '😤🍼'.repeat(2_500)],
    ['digits', '38.5 '.repeat(2_000)],
  ])('hostile input: %s', (_name, text) => {
    expect(() => assess(text)).not.toThrow();
  });

  it('handles an empty message', () => {
    expect(assess('')).toEqual({ flags: [], toConfirm: [], askedAbout: [], learned: {}, level: null });
  });
});
