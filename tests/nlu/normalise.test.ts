import { NLU_CONFIG } from '../../core/nlu/config';
import { normalise } from '../../core/nlu/tokenise';
import { repeatTo } from '../support/adversarialText';
import { checkedGrowth } from '../support/growth';

describe('normalise: how people type becomes the words the model knows', () => {
  test('case, extra spaces and punctuation do not matter', () => {
    expect(normalise('  Is   LEAKING normal??? ')).toBe(normalise('is leaking normal?'));
    expect(normalise('Why do my BOOBS leak...')).toBe('why do my breast leak.');
  });

  test('emoji are dropped, words around them kept', () => {
    expect(normalise('my boobs are leaking 😭😭 help 🙏')).toBe('my breast are leaking help');
    expect(normalise('👩‍🍼💧')).toBe('');
  });

  test('contractions are expanded, so the negation is a word of its own', () => {
    expect(normalise("I'm not pregnant and it doesn't hurt")).toBe('i am not pregnant and it does not pain');
    expect(normalise('I cant stop leaking, it wont stop')).toBe('i can not stop leaking, it will not stop');
    expect(normalise('I don’t breastfeed')).toBe('i do not breastfeed');
  });

  test('common misspellings of the domain words become the right word', () => {
    expect(normalise('brest')).toBe('breast');
    expect(normalise('nippel')).toBe('nipple');
    expect(normalise('leeking')).toBe('leaking');
    expect(normalise('colestrum')).toBe('colostrum');
    expect(normalise('dischrage')).toBe('discharge');
  });

  test('mastitis typed a dozen ways', () => {
    const typed = [
      'mastitis', 'mastitus', 'mastits', 'mastites', 'mastisis', 'masitis', 'mastatis', 'mastistis',
      'mastitas', 'Mastitis', 'MASTITIS', 'mastitsis', 'masttitis', 'mastiitis',
    ];
    for (const t of typed) expect(normalise(t)).toBe('mastitis');
  });

  test('misspellings no list names are fuzzy-corrected against the domain vocabulary', () => {
    expect(normalise('colostroom')).toBe('colostrum');
    expect(normalise('galactorhoea')).toBe('galactorrhea');
    expect(normalise('engorgd')).toBe('engorged');
    expect(normalise('oversuply')).toBe('oversupply');
    expect(normalise('papiloma')).toBe('papilloma');
  });

  test('fuzzy correction leaves short words and real words alone', () => {
    for (const word of ['bra', 'bread', 'breath', 'lacking', 'looking', 'leaving', 'test', 'master', 'plastic', 'mother', 'letter', 'thought', 'sweep', 'loose', 'fewer']) {
      expect(normalise(word)).toBe(word);
    }
  });

  test('slang and abbreviations become the canonical word', () => {
    expect(normalise('boobs')).toBe('breast');
    expect(normalise('tits')).toBe('breast');
    expect(normalise('my LO')).toBe('my baby');
    expect(normalise('ebf')).toBe('breastfeed');
    expect(normalise('bf')).toBe('breastfeed');
    expect(normalise('nursing')).toBe('breastfeed');
    expect(normalise('thx')).toBe('thanks');
    expect(normalise('preggo')).toBe('pregnant');
    expect(normalise('u r')).toBe('you are');
  });

  test('let down, let-down, letdown and MER are one word; D-MER is not let-down', () => {
    for (const t of ['let down', 'let-down', 'letdown', 'Let Down', 'MER']) expect(normalise(t)).toBe('letdown');
    for (const t of ['D-MER', 'dmer', 'd mer', 'dysphoric milk ejection reflex']) expect(normalise(t)).toBe('dmer');
  });

  test('leaking synonyms: drip, dribble, soaked', () => {
    expect(normalise('dripping')).toBe('leaking');
    expect(normalise('dribbling')).toBe('leaking');
    expect(normalise('it drips')).toBe('it leak');
    expect(normalise('soaked through')).toBe('soaked');
  });

  test('letters typed over and over are read once or twice', () => {
    expect(normalise('hiiiii')).toBe('hello');
    expect(normalise('pleeeease')).toBe('please');
    expect(normalise('sooooo leaky')).toBe('so leak');
    expect(normalise('leeeeaking')).toBe('leaking');
  });

  test('numbers become one token; letters stuck to them are split', () => {
    expect(normalise('3months pp')).toBe('num months postpartum');
    expect(normalise('38.5 fever in my 2nd week')).toBe('num fever in my num week');
  });

  test('accents and curly quotes are ignored', () => {
    expect(normalise('naïve café')).toBe('naive cafe');
    expect(normalise('it’s leaking')).toBe('it is leaking');
  });

  test('adversarial input gives bounded output', () => {
    expect(normalise('a'.repeat(100_000))).toBe('');
    const long = normalise('my breast is leaking '.repeat(1000));
    expect(long.split(' ').length).toBeLessThanOrEqual(400);
    expect(normalise('🙂'.repeat(20_000)).length).toBeLessThanOrEqual(NLU_CONFIG.input.maxChars);
    expect(normalise('leak'.repeat(5000) + ' ' + 'x!'.repeat(5000)).length).toBeLessThanOrEqual(NLU_CONFIG.input.maxChars);
  });

  // Not a stopwatch bound (speed is for `npm run bench`): up to the 2,000 characters it reads, ten times
  // the text may take at most 30 times as long (plus 2 ms for noise), in CPU time, run back to back
  // (linear: about 10, quadratic: 100). It catches blow-ups that cost tens of milliseconds or more; a
  // quadratic that costs a few milliseconds at the 2,000-character cap passes (and does no harm).
  test.each([
    ['one long word', (n: number) => repeatTo('a', n)],
    ['words', (n: number) => repeatTo('my breast is leaking ', n)],
    ['emoji', (n: number) => repeatTo('🙂', n)],
    ['punctuation stuck to letters', (n: number) => repeatTo('x!', n)],
    ['repeated letters', (n: number) => repeatTo('leeeeeak ', n)],
    ['digits and dots', (n: number) => repeatTo('38.5.', n)],
  ])('time grows linearly with the text: %s', (_name, make) => {
    normalise(make(100));
    const g = checkedGrowth(normalise, make(NLU_CONFIG.input.maxChars / 10), make(NLU_CONFIG.input.maxChars), 30, 2);
    expect(g.largeMs).toBeLessThan(g.boundMs);
  });
});
