/** Benign look-alikes: the same words, but nothing to escalate. */
import { assess, escalates } from './helpers';

describe('benign look-alikes do not escalate', () => {
  it.each([
    ['I had a blood orange with breakfast, can citrus make me leak?'],
    ['my baby has a fever'],
    ['the baby has a red rash on her cheeks'],
    ['fever last month, fine now'],
    ['I get a lump in my throat when I leave her at daycare'],
    ['red-faced baby after a feed'],
    ['I was bleeding after birth (lochia), is that related to leaking?'],
    ['what a streak of luck, no leaks today'],
    ["I'd die for a nap"],
    ['dying to sleep more than two hours'],
    ['I would kill for a coffee'],
    ['this leaking is killing me'],
    ['I could die of embarrassment, I leaked in a meeting'],
    ['dead tired and leaking through my shirt'],
    ['the blood test at my check up was fine'],
    ['my blood pressure was normal at the six week check'],
    ['my bra left red marks on my skin'],
    ['red stretch marks on my breasts'],
    ['my toddler had a nosebleed on my shirt'],
    ['I had mastitis with my first baby, all fine now'],
    ['my nipple is a bit cracked and there is a streak of blood from the crack'],
    ['pink colostrum on day 2, both sides, no pain'],
    ['my milk is bluish and thin at the start of a feed'],
    ['yellow milk is normal right?'],
    ['my heart raced when my boss called me in, then I leaked'],
    ["I'm so confused about pumping schedules"],
    ['baby fever already, I want another one'],
    ['I have always had inverted nipples'],
    ['my milk supply is low before feeds'],
    ['anxious before feeds because she chokes on the flow'],
    ['the pump is leaking at the valve'],
    ['I leak a little urine when I sneeze since the birth'],
    ['brown discharge after my period'],
    ['my sister had postpartum depression, I feel fine'],
    ['I panicked thinking it was blood but it was beetroot'],
    ['I keep hurting myself with the pump flange'],
    ['will the medicine hurt my baby?'],
    ['is hot weather ok for a newborn?'],
    ['39 weeks pregnant and leaking colostrum'],
    ["I'm worried about sepsis because my cousin had it"],
    ['I want this leaking to end'],
    ['this pump is murder on my nipples'],
    ["I'm literally dying of thirst while nursing"],
    ["my nipple was bleeding from a bad latch last week, it's healed now"],
    ["baby's poop has a streak of red, is it from my cracked nipple?"],
    ['hard lumps when engorged that go away after feeding'],
    ["I'm scared of getting mastitis again"],
    ['baby is 38 days old and I leak all the time'],
  ])('%s', (text) => {
    const r = assess(text);
    expect(r.flags).toEqual([]);
    expect(escalates(r)).toBe(false);
  });
});

describe('but crisis language is never taken for an idiom', () => {
  it.each([['I want to die'], ['end it all'], ['I might hurt my baby'], ['they would all be better off without me'], ['I want to kill myself, this leaking is the last straw']])(
    '%s',
    (text) => {
      expect(assess(text).level).toBe('emergency');
    },
  );
});

// Parents answer the bot's own questions this way: a bare "I don't know" is uncertainty about the
// question, not confusion after a birth, and must not start a psychosis screening (whose "maybe" would
// then be an emergency).
describe('an answer of "I don\'t know" is neither a flag nor a question', () => {
  it.each([['idk'], ["i don't know"], ['i really dont know'], ['I dont know tbh']])('%s', (text) => {
    const result = assess(text);
    expect(result.flags).toEqual([]);
    expect(result.toConfirm).toEqual([]);
  });
});
