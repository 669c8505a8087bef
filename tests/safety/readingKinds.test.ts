/**
 * Kinds of wording the detector reads (each found on a development set and fixed as a kind, not a
 * sentence): the phrasings here are new variants, not the development lines.
 */
import { assessSafety } from '../../core/safety';
import { flagIds, escalates, levelOf } from './helpers';

const NOW = new Date('2026-12-03T12:00:00Z');
const read = (text: string) => assessSafety(text, {}, { now: NOW });

describe('signs told in other words are flagged', () => {
  it.each([
    ['the red area has turned into streaks that run up to my underarm', 'red-streaks', 'urgent'],
    ['my head feels like it is gonna explode and the baby is 4 days old', 'severe-headache-or-vision-change', 'urgent'],
    ['a week after my section I lost part of the sight in one eye', 'severe-headache-or-vision-change', 'urgent'],
    ['since the birth there is a grey patch in the middle of my vision', 'severe-headache-or-vision-change', 'urgent'],
    ['guy here, 38, and some clear fluid came out of my nipple', 'discharge-in-man', 'soon'],
    ['me (m, 52) - a bit of milky discharge from one nipple', 'discharge-in-man', 'soon'],
    ['there is a little dip in the skin of my left breast when I lift my arm', 'skin-dimpling', 'soon'],
    ['could my risperidone be making my nipples leak?', 'discharge-with-new-medicine', 'routine'],
    ['when I squeeze near the edge of the areola a clear drop comes from the same single duct', 'clear-discharge-one-duct', 'soon'],
    ['my milk has come back 2 months after it had dried up, is that possible?', 'leaking-long-after-weaning', 'soon'],
    ['whenever my milk lets down I feel such despair that I want to give up feeding', 'mood-affecting-daily-life', 'soon'],
    ['this low feeling at let-down is making me want to stop', 'mood-affecting-daily-life', 'soon'],
    ['red streaking across the side of my breast since lunch', 'red-streaks', 'urgent'],
    ['my boob feels like it is on fire and I am 38.7', 'fever-with-breast-signs', 'urgent'],
    ['I am on antibiotic for mastitis 2 days and it is more bad', 'mastitis-not-improving', 'urgent'],
    ['how quickly should antibiotics work for mastitis? im on day 3 and feel worse', 'mastitis-not-improving', 'urgent'],
    ['not pregnant and no baby, one breast leaks liquid on its own', 'milky-discharge-not-lactating', 'soon'],
    ['is it normal that one little hole on my nipple leaks clear stuff?', 'clear-discharge-one-duct', 'soon'],
    ['can nipples just fold inward? mine did last month and stayed like that', 'new-nipple-inversion', 'soon'],
    ['my partner is nursing our son, and now my own nipple is leaking? I am the dad', 'discharge-in-man', 'soon'],
    ['a small lump that has been there since before I was pregnant', 'persistent-lump', 'soon'],
    ['my daughter is 11, I stopped feeding her as a baby, and now one nipple leaks by itself', 'leaking-long-after-weaning', 'soon'],
    ['began domperidone last week and now my nipples leak, should I keep taking it?', 'discharge-with-new-medicine', 'routine'],
    ['since the autumn my left nipple has been pulled in and it is April now, it never used to be', 'new-nipple-inversion', 'soon'],
    ["I'm 5 months postpartum and there's a hard lump in my breast since around when she was 3 months old", 'persistent-lump', 'soon'],
    ['a little wave of melancholy right as my milk lets down, gone in seconds, otherwise I am fine', 'mild-dmer', 'routine'],
    ['last feed was on my daughter\'s second birthday, she is now 2 and a half, and I still drip', 'leaking-long-after-weaning', 'soon'],
    ['I weaned in the spring and it all dried up, now it has come back', 'leaking-long-after-weaning', 'soon'],
    ['mastitis since Monday, nothing has improved', 'mastitis-not-improving', 'urgent'],
    ['smelly green stuff coming out of the crack in my nipple', 'pus', 'urgent'],
    ['redd streeks going up from my nipple', 'red-streaks', 'urgent'],
    ['pinkish lines spreading out from the sore patch', 'red-streaks', 'urgent'],
    ['the left boob is all angry and I am shivering, 38.6', 'fever-with-breast-signs', 'urgent'],
    ['mastitis symptoms did not improve in 2 days, what is next', 'mastitis-not-improving', 'urgent'],
    ['the discharge is thick and creamy yellow and it stinks', 'pus', 'urgent'],
    ['a tender ball under the skin of my breast and a temperature of 38.5', 'fever-with-breast-signs', 'urgent'],
    ['a week since the birth and a very strong headache, I see not clear', 'severe-headache-or-vision-change', 'urgent'],
    ['the midwife gave me domperidone, should I keep taking it if I am now leaking a lot?', 'discharge-with-new-medicine', 'routine'],
    ['had a coil fitted and now my nipples have a little discharge', 'discharge-with-new-medicine', 'routine'],
    ['as a guy, is nipple discharge normal? it has happened to me three times', 'discharge-in-man', 'soon'],
    ['mum of adult kids, and one nipple is dripping by itself', 'milky-discharge-not-lactating', 'soon'],
    ['my milk dried up after weaning and last month it started again, not pregnant', 'leaking-long-after-weaning', 'soon'],
    ["stopped feeding when he turned 2, he's 3 now, still a few drips", 'leaking-long-after-weaning', 'soon'],
    ['when I hand express, one of the little jets is brownish while the rest are white', 'blood-in-discharge', 'soon'],
    ["my son is 3 and hasn't fed since 15 months, and I still leak a bit", 'leaking-long-after-weaning', 'soon'],
    ['I stop to breastfeed since 6 months and milk still come out', 'leaking-long-after-weaning', 'soon'],
    ['first time dad, my own nipple leaks a little clear fluid', 'discharge-in-man', 'soon'],
    ['started sertraline last month, nipples a bit damp since', 'discharge-with-new-medicine', 'routine'],
    ['what does clear watery discharge mean? it is only from one duct, I am feeding my 5 month old', 'clear-discharge-one-duct', 'soon'],
    ['leaking out of nowhere, why? I am 52 and my kids are grown up', 'milky-discharge-not-lactating', 'soon'],
    ['should I see someone if my leaking got heavier after starting the mini pill?', 'discharge-with-new-medicine', 'routine'],
    ["my mood has been rubbish for weeks and I'm going through the motions", 'mood-affecting-daily-life', 'soon'],
    ['my nipple is red, flaky and crusted, and it has been like that for a month', 'nipple-rash-not-healing', 'soon'],
  ])('%s -> %s', (text, id, level) => {
    const r = read(text);
    expect(flagIds(r)).toContain(id);
    expect(levelOf(r, id)).toBe(level);
  });
});

describe('dates that say how long a sign has lasted', () => {
  it.each([
    ['stopped feeding at Easter and it is now September, still leaking milk', 'leaking-long-after-weaning'],
    ['a scaly patch on my nipple that started around Halloween, and it is nearly March now', 'nipple-rash-not-healing'],
    ['crusty weepy areola since before xmas, it is april now', 'nipple-rash-not-healing'],
  ])('%s -> %s', (text, id) => {
    expect(flagIds(read(text))).toContain(id);
  });

  it('leaves "since last night" to the duration reader: a fever and a red breast since then is not yet a day of no improvement', () => {
    const r = read('fever 38.9 and a red swollen breast since last night');
    expect(flagIds(r)).toContain('fever-with-breast-signs');
    expect(flagIds(r)).not.toContain('mastitis-not-improving');
  });
});

describe('a sign that came back after going away is a sign now', () => {
  it.each([
    'my breast was red and hot with a fever, it cleared up but now it has come back',
    'fever and a red breast last week, it went away and today it is back again',
  ])('%s', (text) => {
    expect(flagIds(read(text))).toContain('fever-with-breast-signs');
  });

  it('a sign that got better within a day, told as a past episode, is not', () => {
    expect(escalates(read('I had a fever with mastitis once and it was better within a day of resting'))).toBe(false);
  });
});

describe('other people, the baby and normal things are not escalated', () => {
  it.each([
    'a lady at my antenatal class had pus coming out of her nipple, what causes that?',
    'a friend from my NCT group had mastitis with a high fever, what should I look out for?',
    'my sister-in-law had postpartum psychosis, can it run in families?',
    'it sprays all over his face when he comes off the breast, no pus or anything',
    'I only leak from the side he did not feed from',
    'second pregnancy, 26 weeks, and there are dry yellow crusts on my nipples in the mornings',
    "I don't want to feed him from the right side because it hurts",
    "I'm a dad, how do I help my partner with her leaking at night?",
    'what are the warning signs of postpartum psychosis? just reading for my birth plan',
    "I've never had pus from my nipple, but is yellow discharge something to worry about?",
    'a colleague told me her postpartum psychosis started with not sleeping, she is fine now',
    'I get nervous before feeding in public, any tips for covering up?',
    "my sister's nipple has started bleeding and she is panicking, what could cause it?",
    'my partner (he is the dad) keeps getting bad headaches and blurry vision, anyway, my question is about pads',
    'a girl in my group said her milk came back months after weaning, is that common?',
    'my mum says when she weaned me she leaked for a year, does that happen to everyone?',
    'the woman in the bed next to me on the ward had a terrible headache, why?',
    'what causes blood in breast milk? I am breastfeeding my 2 month old',
    'had a nosebleed during a feed and a few drops of blood landed on my breast',
    'my periods are back and there is some blood, is that normal while nursing?',
    'a red itchy patch on my nipple that has been there since the summer',
  ])('%s', (text) => {
    const r = read(text);
    expect(r.level === 'urgent' || r.level === 'emergency').toBe(false);
    if (!text.includes('patch')) expect(escalates(r)).toBe(false);
  });

  it('a red patch on the nipple is a nipple sign (soon), not a breast infection (urgent)', () => {
    const r = read('a red itchy patch on my nipple that has been there since the summer');
    expect(flagIds(r)).toContain('nipple-rash-not-healing');
    expect(flagIds(r)).not.toContain('mastitis-not-improving');
  });

  it('blood from the nipple is a sign even when a period is named too', () => {
    expect(flagIds(read('my periods have come back and my nipple is bleeding'))).toContain('blood-in-discharge');
  });

  it('a denied sign of psychosis gets the one gentle question, not an emergency', () => {
    const r = read("I'm not confused or seeing things, just want advice on pads");
    expect(r.level).not.toBe('emergency');
    expect(r.toConfirm.map((c) => c.id)).toContain('psychosis-signs');
  });

  it('a belief that someone is poisoning the parent is still a sign of psychosis', () => {
    expect(read('my mother in law keeps putting something in my food to make me ill, I know it').level).toBe('emergency');
  });
});

describe('kinds found on development sets 7 and 8 (new phrasings)', () => {
  it.each([
    ['the red bit on my boob has turned into lines now', 'red-streaks', 'urgent'],
    ['pinkish streaks fanning out from the hard part of my breast', 'red-streaks', 'urgent'],
    ['yellow goo coming from my cracked nipple and it stinks', 'pus', 'urgent'],
    ['my nipple crack is weeping something thick and yellow', 'pus', 'urgent'],
    ['on day 2 of flucloxacillin and the sore area is double the size', 'mastitis-not-improving', 'urgent'],
    ['third day of antibiotics, the fever is back even higher', 'mastitis-not-improving', 'urgent'],
    ['my breast skin has tiny pits all over, like the rind of an orange', 'skin-dimpling', 'soon'],
    ['weaned 6 months ago and now there is a hard small thing in my breast', 'persistent-lump', 'soon'],
    ['the lump has been there since the 2nd and it is the 25th now', 'persistent-lump', 'soon'],
    ['a lump since her 6 week check, she is 4 months now', 'persistent-lump', 'soon'],
    ['4 days after the birth my head is so painful I can barely move', 'severe-headache-or-vision-change', 'urgent'],
    ['had my baby on Monday, headache is 9/10 today', 'severe-headache-or-vision-change', 'urgent'],
    ['my pumped milk looks strawberry milk coloured from one side, no cracks', 'blood-in-discharge', 'soon'],
    ["i'm a guy and my left nipple leaks, no idea why", 'discharge-in-man', 'soon'],
    ['my milk had gone away completely and now it is coming back, not pregnant', 'leaking-long-after-weaning', 'soon'],
    ['see-through like water, from one tiny opening only, what could it be', 'clear-discharge-one-duct', 'soon'],
    ['my nipples are itchy and scaly and not healing after weeks of cream', 'nipple-rash-not-healing', 'soon'],
    ['I cry most days and I feel nothing for the baby', 'mood-affecting-daily-life', 'soon'],
    ['is it normal to feel a wave of doom when my milk lets down? it passes within a minute and I am fine otherwise', 'mild-dmer', 'routine'],
  ])('%s -> %s', (text, id, level) => {
    const r = read(text);
    expect(flagIds(r)).toContain(id);
    expect(levelOf(r, id)).toBe(level);
  });

  it.each([
    ['is it normal to imagine dropping your baby? it keeps happening now and I am scared I will'],
    ['thoughts of harming the baby?? is that normal?? it is happening right now'],
  ])('a question about harming thoughts followed by "it keeps happening" is a report: %s', (text) => {
    expect(read(text).level).toBe('emergency');
  });

  it.each([
    "I don't feel like harming myself, I'm just tired of leaking",
    'the pads are bleeding us dry, any cheaper ones?',
    'stretch marks on my breasts look like red lines, normal in pregnancy?',
    'I was reading about red streaks and pus, what do they mean?',
    'if my nipple sank inward one day, should I worry?',
    'they drip whenever he cries for a feed, nothing else wrong',
    'does mastitis mean I have to stop feeding?',
    'my aunt had a lump and her nipple pulled in, can that run in families?',
    'a mum in my baby group had blood in her milk, mine looks normal',
    'the scan said it was a cyst, and now I just leak a lot, tips?',
    'I took antibiotics for mastitis last week, finished them and feel fine now',
    'my breasts get lumpy the week before my period, is that normal?',
    'I was on domperidone for a bit but stopped taking it, and I leak less now',
    'my daughter-in-law has a breast infection, what can I tell her?',
    'seeing stars because of lack of sleep lol, how do I stop leaking at night?',
  ])('not escalated: %s', (text) => {
    expect(escalates(read(text))).toBe(false);
  });

  it('the blood in my own milk is mine, whoever said it was normal', () => {
    expect(flagIds(read('my mum says the blood in my milk is nothing to worry about'))).toContain('blood-in-discharge');
  });
});

describe("a relative told of with signs of psychosis after a birth", () => {
  // Someone with postpartum psychosis rarely sees it herself: a relative telling of it gets the emergency advice.
  it.each([
    'my daughter had her baby 10 days ago and now she is convinced the radio is talking about her',
    'my girlfriend had the baby 5 days ago and now she is convinced the tv is sending her messages',
  ])('%s', (text) => {
    expect(read(text).level).toBe('emergency');
  });
});

describe('who the parent is, and leaking told by its marks', () => {
  it('"not a mum" is not lactating: a lump is a sign however new', () => {
    expect(flagIds(read("not a mum, I'm 30, and I found a small rubbery lump in my left breast last week"))).toContain('persistent-lump');
  });

  it('stains on one side of a nightie are one-sided leaking', () => {
    expect(flagIds(assessSafety('wet stains on just one side of my nightie every morning', { lactation: 'none' }, { now: NOW }))).toContain('one-sided-discharge-not-lactating');
  });
});

describe('a sign told after a question about something else (development set with-flags 4, new phrasings)', () => {
  it.each([
    ['is a rash on the nipple normal when pumping? only on my left nipple and it has been weeks now, nothing heals it', 'nipple-rash-not-healing'],
    ['why would milk come out if I never had a baby? not pregnant, it is only the right side and it happens by itself', 'one-sided-discharge-not-lactating'],
    ['can a nipple go inverted from pumping? mine only started turning inward last month, it always stuck out', 'new-nipple-inversion'],
    ['is it cancer if a nipple sinks in? right one changed this month, it was normal before', 'new-nipple-inversion'],
    ['what pads are best for night? my left pad has brownish spots every morning from one little hole', 'blood-in-discharge'],
    ['any tips for baths? in the bath I saw a small dip in my skin that sucks in when I raise my arms', 'skin-dimpling'],
    ['how do I stop leaking at night when I am not even nursing? there is a wet patch only on the left side of the sheet', 'one-sided-discharge-not-lactating'],
    ['what bra hides it? my milk came back weeks after it had dried up', 'leaking-long-after-weaning'],
    ['why does let down feel so bad? each and every feed I get a heavy feeling and I dread feeding now', 'mood-affecting-daily-life'],
  ])('%s -> %s', (text, id) => {
    expect(flagIds(read(text))).toContain(id);
  });
});

describe('kinds found on development set 9 (new phrasings)', () => {
  it.each([
    ['my partner said last night she keeps thinking about ending her life since our son was born', 'thoughts-of-self-harm'],
    ['my girlfriend has been really suicidal since the birth, what do I do', 'thoughts-of-self-harm'],
    ['one nipple leaks by itself now and then, I have not had a baby in 12 years', 'one-sided-discharge-not-lactating'],
    ['10 days after my c-section, a headache so bad I have been sick twice', 'severe-headache-or-vision-change'],
    ['my eyes went all blurry this afternoon, baby is 5 days old, could it be lack of sleep?', 'severe-headache-or-vision-change'],
    ['a sunken crease near my nipple when I bend down', 'skin-dimpling'],
    ['6 months since my last feed and my pads are still wet most mornings', 'leaking-long-after-weaning'],
    ['stopped feeding at christmas, it is easter now and still dripping', 'leaking-long-after-weaning'],
    ['nothing for a year after weaning, now damp patches on my top again', 'leaking-long-after-weaning'],
    ['started the pill in june and now tiny white drops from both of my nipples, never breastfed', 'discharge-with-new-medicine'],
    ['sore patch on my nipple like a graze, there since halloween and it is february now', 'nipple-rash-not-healing'],
    ['no milk at all since the spring, and suddenly there is milk again', 'leaking-long-after-weaning'],
    ['I stopped eating and have not left the house in weeks, every feed is hell', 'mood-affecting-daily-life'],
    ['flaky red skin on my nipple that does not get better with cream, 6 weeks now', 'nipple-rash-not-healing'],
    ['milk spots on my bra again, and my youngest is 10 and weaned at 2', 'leaking-long-after-weaning'],
  ])('%s -> %s', (text, id) => {
    expect(flagIds(read(text))).toContain(id);
  });

  it.each([
    'my nipple has been flat since a piercing years ago and it has been exactly the same since',
    "my sister's husband has some fluid from his nipple, is that something men get?",
    'hubby is the one who is depressed, I am fine, just leaking a lot',
    "I'm the dad, my partner's breasts leak when the baby cries, is that normal?",
  ])('not escalated: %s', (text) => {
    expect(escalates(read(text))).toBe(false);
  });
});
