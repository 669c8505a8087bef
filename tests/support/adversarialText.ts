/**
 * Messages that catastrophic regular expressions choke on, each made at any length so that its cost can
 * be compared with the same message ten times shorter. Shared by tests/property/badInput.test.ts (growth
 * checks, load-independent) and bench/adversarial.ts (the absolute milliseconds).
 */

/** `unit` repeated to exactly `chars` characters (a cut may split an emoji: that is junk a client can send too). */
export const repeatTo = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

export interface AdversarialCase {
  name: string;
  /** The length the case is named after. */
  chars: number;
  /** The message at (about) the given length. */
  make: (chars: number) => string;
}

const twice = (open: string, close: string) => (chars: number) => {
  const depth = Math.max(1, Math.floor(chars / (open.length + close.length)));
  return open.repeat(depth) + close.repeat(depth);
};

export const ADVERSARIAL_CASES: AdversarialCase[] = [
  { name: '100,000-letter word', chars: 100_000, make: (n) => 'a'.repeat(n) },
  { name: '100,000-char word of accented letters', chars: 100_000, make: (n) => 'é'.repeat(n) },
  { name: '100,000-char word, mixed case', chars: 100_000, make: (n) => repeatTo('BreastFeedingLeak', n) },
  { name: '10,000 repeated punctuation', chars: 10_000, make: (n) => repeatTo('!?.,;', n) },
  { name: '10,000 dots', chars: 10_000, make: (n) => '.'.repeat(n) },
  { name: '10,000 hyphens then x', chars: 10_000, make: (n) => `${'-'.repeat(n)}x` },
  { name: 'nested brackets 5,000 deep', chars: 10_000, make: twice('([{<', '>}])') },
  { name: 'unbalanced brackets', chars: 10_000, make: (n) => '('.repeat(n) },
  { name: 'no no no (10,000 chars)', chars: 10_000, make: (n) => repeatTo('no ', n) },
  { name: 'no no no then a flag', chars: 9_000, make: (n) => `${repeatTo('no ', n)}pus` },
  { name: 'not never without (10,000 chars)', chars: 10_000, make: (n) => repeatTo('not never no without ', n) },
  { name: 'emoji flood', chars: 10_000, make: (n) => repeatTo('😭💧🍼', n) },
  { name: 'emoji with skin tones and joiners', chars: 10_000, make: (n) => repeatTo('👩🏽‍🍼🏳️‍🌈👍🏿', n) },
  { name: 'zalgo', chars: 10_000, make: (n) => repeatTo('n̸̡̛̖̗i̷̧̛̗p̶̢̛̙p̵̨̛̚l̸̨̛̜e̷̢̛̝ ', n) },
  { name: 'mixed right-to-left', chars: 10_000, make: (n) => repeatTo('שלום مرحبا breast \u202Eleak\u202C milk \u2067مرحبا\u2069 ', n) },
  { name: 'digits and degrees', chars: 10_000, make: (n) => repeatTo('38.5°C 39 101 ', n) },
  { name: 'durations', chars: 10_000, make: (n) => repeatTo('3 weeks ago 2 months since march ', n) },
  { name: 'symptom words', chars: 10_000, make: (n) => repeatTo('lump pain fever red hot swollen blood pus ', n) },
  { name: 'quotes and apostrophes', chars: 10_000, make: (n) => repeatTo('\'"', n) },
  { name: 'whitespace then a word', chars: 10_000, make: (n) => `${repeatTo(' \t\n', n)}leak` },
  { name: 'markdown and HTML', chars: 10_000, make: (n) => repeatTo('<b>**[x](y)**</b> ', n) },
  // Once quadratic: the sentence splitter backtracked through the whole run of dots at every dot.
  { name: '20,000 dots then a letter', chars: 20_000, make: (n) => `${'.'.repeat(n)}x` },
];
