/** One describe per family of red flags in the "Urgency levels" table; phrasing differs from the data sets. */
import type { ParentContext } from '../../core/safety/types';
import { assess, flagIds, escalates, levelOf, BREASTFEEDING, NOT_LACTATING, PREGNANT, PUMPING } from './helpers';

type Case = [string, ParentContext?];
const expectFlag = (id: string, level: string, cases: Case[]) =>
  // Every row gets an explicit context: a callback with more parameters than the row has values
  // would be taken by jest for a `done` callback.
  it.each(cases.map(([text, known]): [string, ParentContext] => [text, known ?? {}]))(`%s -> ${id}`, (text, known) => {
    const r = assess(text, known);
    expect(flagIds(r)).toContain(id);
    expect(levelOf(r, id)).toBe(level);
  });

describe('emergency: crisis language', () => {
  expectFlag('thoughts-of-self-harm', 'emergency', [
    ['i just want to die'],
    ['Honestly I have been thinking about suicide'],
    ["I don't want to be alive anymore"],
    ['everyone would be better off without me'],
    ['sometimes I think about ending my life'],
    ['I wish I could go to sleep and not wake up'],
    ["there's no reason to live anymore"],
    ['I have been cutting myself again'],
    ["I can't go on"],
    ["I'm not sure I want to be alive"],
    ['i wanna end it all'],
    ["I've been googling ways to die"],
    ['i dont see the point in anything and i think about not waking up'],
    ['thinking about driving my car into a tree'],
  ]);
  expectFlag('thoughts-of-harming-baby', 'emergency', [
    ['I have thoughts of hurting my baby'],
    ["I'm scared I might hurt the baby"],
    ['i keep imagining smothering my son'],
    ["I don't trust myself around my baby"],
    ['I have intrusive thoughts about harming her'],
    ['i shook the baby too hard and i want to do it again'],
  ]);
  it('puts the crisis line in the definitions and quotes the parent', () => {
    const r = assess('Leaking again. Also I want to kill myself.');
    expect(r.level).toBe('emergency');
    expect(r.flags[0].quote).toContain('I want to kill myself');
  });
});

describe('emergency: psychosis after birth', () => {
  expectFlag('psychosis-signs', 'emergency', [
    ['since the baby came I hear voices at night'],
    ['I keep seeing shadows that are not there'],
    ['my wife is confused and does not know where she is, baby is 5 days old'],
    ['the neighbours are watching me and want to take my baby'],
    ['I think I am hallucinating'],
    ["i feel like i'm not real and the walls are talking to me"],
    ['I see faces in my milk when I pump, and they talk to me'],
  ]);
});

describe('emergency: breast infection with signs of sepsis', () => {
  expectFlag('infection-with-sepsis-signs', 'emergency', [
    ['mastitis and my heart is pounding and I feel like I will pass out'],
    ['red swollen breast and a fever of 104'],
    ['breast infection and I am confused and clammy'],
    ['fever with chills and I collapsed this morning'],
    ['temp 40.2 and a hot red wedge on my breast'],
  ]);
});

describe('urgent', () => {
  expectFlag('fever-with-breast-signs', 'urgent', [
    ['I have a fever and a red, hot area on my breast'],
    ['body aches, chills and my boob is swollen'],
    ['temperature 38.2 and my breast hurts', BREASTFEEDING],
    ['feel like I have the flu and there is a tender lump in my breast'],
    ['fever 100.8 F with a blocked duct'],
    ['hot lump, 38.9, aching'],
  ]);
  expectFlag('pus', 'urgent', [['there is pus on my breast pad'], ['greenish pus oozing from the nipple'], ['the discharge looks like pus']]);
  expectFlag('red-streaks', 'urgent', [['red streaks are moving toward my armpit'], ['I see streaks of red spreading up from the nipple'], ['the sore red patch is spreading in a thin line up to my armpit']]);
  expectFlag('possible-abscess', 'urgent', [['I think I have an abscess'], ['a painful lump that is getting bigger and a fever of 38.7']]);
  expectFlag('mastitis-not-improving', 'urgent', [
    ['day 2 of antibiotics for mastitis and the redness is spreading'],
    ['mastitis and it is getting worse'],
    ['the mastitis has not eased at all, still red and hot'],
    ['since starting the amoxicillin the sore area on my breast has doubled in size'],
    ['the antibiotics are not helping my breast infection'],
    ['second day on antibiotics and the pain is only getting worse'],
  ]);
  it('antibiotics for something else that is not getting better are not a breast infection', () => {
    expect(assess('on antibiotics for a UTI and it is getting worse').level).toBeNull();
  });
  expectFlag('severe-headache-or-vision-change', 'urgent', [
    ['a week postpartum with a severe headache'],
    ['I gave birth 3 days ago and I keep seeing spots'],
    ['my headache will not go away and my baby is 10 days old'],
    ['pregnant and my vision is blurry', PREGNANT],
  ]);
});

describe('soon', () => {
  expectFlag('blood-in-discharge', 'soon', [
    ['there is blood in my milk'],
    ['my nipple is bleeding and I do not know why'],
    ['pink tinged milk in the bottle after pumping', PUMPING],
    ['dark brown discharge from one nipple'],
    ['blood in my milk for 2 weeks, the crack healed long ago'],
    ['something like dark tea seeps from one hole in my nipple'],
  ]);
  expectFlag('clear-discharge-one-duct', 'soon', [['clear watery fluid from only one hole in my nipple']]);
  expectFlag('one-sided-discharge-not-lactating', 'soon', [
    ['my left nipple leaks on its own', NOT_LACTATING],
    // The fluid told by what it does, after a question about it.
    ["is leaking normal on one side? I'm not breastfeeding, it's only the left, it's clear and comes out on its own"],
  ]);
  expectFlag('persistent-lump', 'soon', [
    ['I have had a lump in my breast for 10 days'],
    ['a hard lump that will not go away even after feeding'],
    ['the lump is getting bigger'],
    ['a lump in my breast and I am not pregnant or breastfeeding'],
    ['a blocked duct that has not cleared for two weeks', BREASTFEEDING],
    // The child's ages tell how long: from 6 weeks old to 9 weeks old is three weeks.
    ["there's been a lump since my baby was 6 weeks and she is 9 weeks old now"],
  ]);
  expectFlag('new-nipple-inversion', 'soon', [['my right nipple has started to turn in'], ['my nipple became inverted last month'], ['my nipple looks like its pulling inward recently'], ['my left nipple sank in over the past few weeks'], ['my nipple looks odd, flat and pulled in, only lately']]);
  expectFlag('nipple-rash-not-healing', 'soon', [['scaly patch on my nipple for 5 weeks'], ['I have a sore on my nipple that keeps coming back']]);
  expectFlag('skin-dimpling', 'soon', [['the skin on my breast is puckered'], ['it looks like orange peel on one side of my breast']]);
  expectFlag('discharge-in-man', 'soon', [['I am a guy and my nipple leaks'], ['my boyfriend has discharge from his nipple'], ['there is fluid from my nipple', { male: true }]]);
  expectFlag('milky-discharge-not-lactating', 'soon', [
    ['I have never been pregnant and I have milky discharge'],
    ["I'm not pregnant and haven't breastfed, and white fluid comes from both nipples"],
    ['milk coming out of my nipples and I have headaches', NOT_LACTATING],
  ]);
  it('missed periods and milky discharge, feeding not said: asks whether the parent is feeding', () => {
    const r = assess('My periods went missing for 4 months, pregnancy test negative, and there is milky discharge from both breasts');
    expect(r.toConfirm.map((c) => c.id)).toContain('milky-discharge-not-lactating');
  });
  expectFlag('leaking-long-after-weaning', 'soon', [
    ['I stopped nursing a year ago and I still have milk'],
    ['my milk dried up but now it is coming back'],
    // Milk that had stopped and is back, in the words parents use.
    ['no milk for weeks, and now there is milk in my bra again'],
    ['stoped bf a year ago and still leakin now'],
    ['my breasts were totally dry after weaning and now they are dripping again'],
    ['my milk dried up in the summer and now it has returned'],
    ['still leaking', { lactation: 'weaned', weanedWeeksAgo: 20 }],
  ]);
  expectFlag('mood-affecting-daily-life', 'soon', [
    ['I feel so depressed I can hardly get through the day'],
    ['low mood since the birth, I am not leaving the house'],
    ["I've felt flat and empty for weeks and I'm not coping"],
    ['the dmer is so strong I dread every feed'],
    ['I cannot stop crying and feel numb'],
  ]);
});

describe('routine', () => {
  expectFlag('discharge-with-new-medicine', 'routine', [
    ['since I started domperidone my nipples leak', NOT_LACTATING],
    ['new birth control pill and a little nipple discharge'],
    // While feeding, leaking is expected: only leaking that changed with the medicine.
    ['leaking way more since I started metoclopramide', BREASTFEEDING],
    // Leaking told by its effect: soaking through, milk spraying.
    ['my tops are soaking through since I started domperidone', NOT_LACTATING],
    ['the left side sprays so much more since I started metoclopramide', BREASTFEEDING],
  ]);
  it('a breastfeeding parent on a medicine whose leaking has not changed gets no note', () => {
    expect(assess('I take sertraline and my breasts leak between feeds', BREASTFEEDING).level).toBeNull();
  });
  expectFlag('mild-dmer', 'routine', [['I feel a moment of sadness at letdown and then I am fine', BREASTFEEDING]]);
  it('never advises stopping a medicine on your own', () => {
    const r = assess('started sertraline and now I have some nipple discharge');
    expect(r.level).toBe('routine');
  });
});

describe('levels', () => {
  it('reports the highest level first', () => {
    const r = assess('I have a fever and my breast is red and hot. There is also blood in my milk.');
    expect(r.level).toBe('urgent');
    expect(r.flags[0].level).toBe('urgent');
    expect(flagIds(r)).toEqual(expect.arrayContaining(['fever-with-breast-signs', 'blood-in-discharge']));
  });
  it('returns no level when nothing is reported', () => {
    const r = assess('how do I stop leaking at night?');
    expect(escalates(r)).toBe(false);
    expect(r.level).toBeNull();
  });
});
