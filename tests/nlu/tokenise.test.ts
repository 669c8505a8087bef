import { analyse, tokenise } from '../../core/nlu/tokenise';

describe('tokenise: stems without losing negations or time words', () => {
  test('"not", "never", "no" survive, and the words they negate are marked', () => {
    expect(tokenise('I am not pregnant')).toEqual(['not', 'not_pregnant']);
    expect(tokenise('I have never breastfed')).toEqual(['never', 'not_breastfe']);
    expect(tokenise('no blood, just milk')).toEqual(['no', 'not_blood', 'milk']);
    expect(tokenise("I'm not pregnant")).toContain('not_pregnant');
    expect(tokenise("it doesn't hurt")).toEqual(['not', 'not_pain']);
  });

  test('a negated message differs from the plain one', () => {
    expect(tokenise('i am pregnant')).not.toEqual(tokenise('i am not pregnant'));
    expect(tokenise('pregnant')).toEqual(['pregnant']);
  });

  test('"before", "after", "during" (and while, until, since) survive unstemmed', () => {
    expect(tokenise('leaking before a feed')).toEqual(['leak', 'before', 'feed']);
    expect(tokenise('leaking after weaning')).toEqual(['leak', 'after', 'wean']);
    expect(tokenise('leaking during sex')).toEqual(['leak', 'during', 'sex']);
    expect(tokenise('while pumping until it stops since birth')).toEqual(['while', 'pump', 'until', 'stop', 'since', 'birth']);
  });

  test('the reach of a negation ends at "but", at punctuation, and after a few words', () => {
    expect(tokenise('no fever but my breast is red')).toEqual(['no', 'not_fever', 'breast', 'red']);
    expect(tokenise('not sore. red and hot')).toEqual(['not', 'not_pain', 'red', 'hot']);
    expect(tokenise('not sore swollen red hot')).toEqual(['not', 'not_pain', 'not_swollen', 'red', 'hot']);
  });

  test('noise words are dropped, meaningful ones kept and stemmed', () => {
    expect(tokenise('Why do my boobs leak so much at night?')).toEqual(['why', 'do', 'breast', 'leak', 'much', 'night']);
    expect(tokenise('leaks leaking leaked')).toEqual(['leak', 'leak', 'leak']);
    expect(tokenise('cries crying cried')).toEqual(['cry', 'cry', 'cry']);
  });

  test('question words that tell topics apart are kept', () => {
    expect(tokenise('when will it stop')).toEqual(['when', 'stop']);
    expect(tokenise('what can you do')).toEqual(['what', 'can', 'you', 'do']);
    expect(tokenise('who are you')).toEqual(['who', 'you']);
  });

  test('very short conversation messages keep their word', () => {
    expect(tokenise('hi')).toEqual(['hello']);
    expect(tokenise('thx!')).toEqual(['thank']);
    expect(tokenise('bye')).toEqual(['bye']);
  });

  test('nothing readable gives no tokens', () => {
    for (const text of ['', '   ', '!!!', '😭😭😭', '🍼', 'x'.repeat(5000)]) expect(tokenise(text)).toEqual([]);
  });

  test('analyse counts words and corrections', () => {
    const a = analyse('my nipplez are sore');
    expect(a.wordCount).toBe(4);
    expect(a.corrections).toBe(1);
    expect(a.tokens.map((t) => t.word)).toEqual(['nipple', 'pain']);
  });

  test('the same text always gives the same tokens', () => {
    const text = 'Not preggo but my LEFT nippel drips clear stuff b4 feeds 😕';
    expect(tokenise(text)).toEqual(tokenise(text));
    expect(tokenise(text)).toEqual(['not', 'not_pregnant', 'left', 'nippl', 'leak', 'clear', 'stuff', 'before', 'feed']);
  });
});
