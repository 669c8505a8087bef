import { asksQuestion, questionParts, withoutQuotes } from '../../core/text/questionParts';
import { checkedGrowth } from '../support/growth';

describe('the parts of a message that ask something', () => {
  it.each([
    ["how do I stop leaking at night? also since the birth I've been hearing voices", ['how do I stop leaking at night']],
    ["there's pus coming from my nipple, is leaking normal?", ['is leaking normal']],
    ['I leak in the shower, why? also my breast has dimpled skin', ['I leak in the shower, why']],
    ['my milk has some blood in it. what should I wear so leaks don\'t show?', ["what should I wear so leaks don't show"]],
    // A closing question that points back is read with what it points at.
    ['I leak when I lie on my front, why is that? also I have a fever', ['I leak when I lie on my front, why is that']],
    ['the other side drips when I feed, how do I stop it? and my breast is red', ['the other side drips when I feed, how do I stop it']],
    // "this much" says how much, it does not point back.
    ['Is it normal to leak this much at 3 weeks pp? Also I keep getting urges to hurt the baby', ['Is it normal to leak this much at 3 weeks pp']],
  ])('"%s" asks %j', (message, parts) => {
    expect(questionParts(message)).toEqual(parts);
  });

  it.each([
    ['how do I stop leaking at night'],
    ['there is blood in my milk. is this normal?'],
    ['I have a fever. why?'],
  ])('"%s": nothing to read apart (one clause, a question that points back, or too short)', (message) => {
    expect(questionParts(message)).toEqual([]);
  });
});

describe('whether a message asks anything', () => {
  it.each(['is leaking normal? i want to end my life', 'how do I stop leaking at night', 'can I keep feeding, I feel faint', 'I leak a lot. any tips'])('"%s" asks', (message) => {
    expect(asksQuestion(message)).toBe(true);
  });

  it.each(["my milk keeps leaking everywhere and I can't cope, honestly I don't want to be alive anymore", 'do not tell anyone, I hear voices', 'am so tired of leaking'])('"%s" only tells', (message) => {
    expect(asksQuestion(message)).toBe(false);
  });
});

describe('reading a long message for its questions', () => {
  // Not a stopwatch bound: ten times the text may take at most 30 times the CPU time (plus 2 ms), up to
  // the 5,000 characters a message may have (linear: about 10, quadratic: 100).
  const repeatTo = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  it.each([
    ['spaces', (n: number) => `a${' '.repeat(n - 2)}b`],
    ['commas', (n: number) => repeatTo(', ', n)],
    ['questions', (n: number) => repeatTo('is it normal? ', n)],
    ['joiners', (n: number) => repeatTo('also but plus ', n)],
  ])('time grows linearly with the text: %s', (_name, make) => {
    const both = (text: string) => [questionParts(text), asksQuestion(text)];
    const g = checkedGrowth(both, make(500), make(5000), 30, 2);
    expect(g.largeMs).toBeLessThan(g.boundMs);
  });
});

describe('a message without the words that report warning signs', () => {
  it('leaves what the message is about apart from the signs', () => {
    const quote = "also this evening I've got red lines going out from the nipple and a fever";
    expect(withoutQuotes(`night leaks are ruining my sheets. ${quote}`, [quote])).toBe('night leaks are ruining my sheets.');
  });
  it('leaves a message whose quote is not found word for word as it is', () => {
    expect(withoutQuotes('how do I stop leaking', ['a fever of 39'])).toBe('how do I stop leaking');
  });
});
