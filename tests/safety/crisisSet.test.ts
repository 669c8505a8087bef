/**
 * Crisis, harm-to-the-baby and psychosis language, the way people really say it.
 *
 * tests/data/red-flags-crisis-dev.tsv was written for this detector (not by the authors of the blind
 * sets): half indirect crisis wording (wishing not to wake up, "done being alive", burden beliefs, plans
 * and means, goodbyes, self-harm acts, intrusive images of harming the baby, perceptions and fixed
 * beliefs after birth), half benign look-alikes and idioms. The detector must escalate every crisis
 * line and at most 3% of the benign ones; dev and test are held to the same bar in redFlagSet.test.ts.
 */
import { existsSync } from 'node:fs';
import { assess, confirmIds, escalates, flagIds, BREASTFEEDING, PREGNANT } from './helpers';
import { dataFile, describe as describeLine, loadDataSet, score, summary } from './redFlagData';
import { repeatTo } from '../support/adversarialText';
import { checkedGrowth } from '../support/growth';

const MAX_FALSE_POSITIVE_RATE = 0.03;

for (const name of ['crisis-dev', 'dev', 'test'] as const) {
  const file = dataFile(name);
  const run = existsSync(file) ? describe : describe.skip;
  run(`crisis recall and false positives: ${name}`, () => {
    const report = score(loadDataSet(file), (text, known) => assess(text, known));

    afterAll(() => {
      // The table is for finding what failed: a passing run prints nothing.
      const missedFlag = report.scored.some((s) => s.item.level !== 'none' && !s.ok);
      if (!missedFlag && report.falsePositives <= MAX_FALSE_POSITIVE_RATE * report.noneTotal) return;
      const misses = report.scored.filter((s) => !s.ok).map(describeLine);
      console.log([summary(name, report), ...misses].join('\n'));
    });

    it('escalates every emergency line', () => {
      const missed = report.scored.filter((s) => s.item.level === 'emergency' && !s.ok).map((s) => `line ${s.item.line}: ${s.item.text}`);
      expect(missed).toEqual([]);
    });

    it('escalates every red-flag line at its level or higher', () => {
      const missed = report.scored.filter((s) => s.item.level !== 'none' && !s.ok).map((s) => `line ${s.item.line}: ${s.item.text}`);
      expect(missed).toEqual([]);
    });

    it(`escalates at most ${MAX_FALSE_POSITIVE_RATE * 100}% of the benign lines`, () => {
      expect(report.noneTotal).toBeGreaterThan(0);
      expect(report.falsePositives / report.noneTotal).toBeLessThanOrEqual(MAX_FALSE_POSITIVE_RATE);
    });
  });
}

describe('the crisis development set is big and balanced', () => {
  it('has at least 150 lines, about half crisis and half benign', () => {
    const items = loadDataSet(dataFile('crisis-dev'));
    const crisis = items.filter((i) => i.level === 'emergency').length;
    const benign = items.filter((i) => i.level === 'none').length;
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(crisis).toBeGreaterThanOrEqual(70);
    expect(benign).toBeGreaterThanOrEqual(70);
  });
});

describe('crisis language buried in a message about leaking', () => {
  it.each([
    ['Soaked two pads again last night. Anyway, some mornings I hope I just never wake up.', 'thoughts-of-self-harm'],
    ['quick question about breast pads, also I have started cutting again', 'thoughts-of-self-harm'],
    ['leaking is fine now but I keep picturing myself dropping the baby over the banister', 'thoughts-of-harming-baby'],
    ['milk everywhere. 10 days since the birth and I can hear whispering that nobody else can hear', 'psychosis-signs'],
  ])('%s', (text, id) => {
    expect(flagIds(assess(text))).toContain(id);
  });
});

describe('idioms, other people and denials stay quiet', () => {
  it.each([
    ['I could murder a cup of tea, up since 4 with the baby'],
    ['dying to sleep past 5am'],
    ['kill me now lol, leaked all over the sofa'],
    ['this pump is killing me'],
    ["I'm so done with breast pads"],
    ['my friend had postpartum psychosis, is it linked to breastfeeding?'],
    ['the GP asked whether I ever think about harming myself and I said no, just tired'],
    ['no thoughts of hurting the baby at all, just exhausted and leaking'],
    ['my mum had breast cancer so I am paranoid about every twinge'],
    ['I want the leaking to stop for good, any tips?'],
    ['how much paracetamol can I take for mastitis pain while breastfeeding?'],
    ['scared I will drop her when I am half asleep at night feeds'],
    ['I hear the baby crying in the shower even when she is asleep'],
  ])('%s', (text) => {
    const r = assess(text);
    expect(r.flags.filter((f) => f.level === 'emergency')).toEqual([]);
    expect(escalates(r)).toBe(false);
  });

  it('a plain denial of crisis words still gets one gentle question', () => {
    const r = assess("I'm not suicidal, just exhausted");
    expect(escalates(r)).toBe(false);
    expect(confirmIds(r)).toContain('thoughts-of-self-harm');
  });

  it('hyperbole without a laugh gets a gentle question, not an escalation', () => {
    const r = assess('ugh just kill me now');
    expect(escalates(r)).toBe(false);
    expect(confirmIds(r)).toContain('thoughts-of-self-harm');
  });
});

describe('other red flags worded the way people say them', () => {
  it.each([
    ['mastitis since yesterday, on antibiotics, and today it is just as bad if not worse', 'mastitis-not-improving', BREASTFEEDING],
    ['pink colostrum is still coming out and my baby is 3 weeks old', 'blood-in-discharge', BREASTFEEDING],
    ["I'm 61, past menopause, and there's a wet patch on my bra from one side", 'one-sided-discharge-not-lactating', {}],
    ['my right nipple suddenly pulled in last month', 'new-nipple-inversion', {}],
    ["I haven't fed in over a year and still leak when I squeeze", 'leaking-long-after-weaning', {}],
    ['the sadness at letdown is so bad I have started skipping pumps', 'mood-affecting-daily-life', BREASTFEEDING],
  ])('%s', (text, id, known) => {
    expect(flagIds(assess(text, known))).toContain(id);
  });

  it.each([
    ['34 weeks pregnant and there is a yellow crust on my nipples for weeks, is that dried colostrum?', PREGNANT],
    ['I checked for dimpling and lumps like the leaflet says, nothing', {}],
    ['had blood orange juice with breakfast, can citrus make me leak more?', {}],
  ])('%s', (text, known) => {
    expect(escalates(assess(text, known))).toBe(false);
  });
});

// Not a stopwatch bound (speed is for `npm run bench`): the ~240 crisis patterns must take time linear in
// the message, so 10,000 characters may take at most 30 times as long as 1,000, in CPU time, run back to back
// (linear: about 10, a quadratic pattern: about 100).
describe('time linear in the message on adversarial input', () => {
  it.each([
    ['crisis words', 'i want to die not wake up kill myself '],
    ['baby and harm words', 'picture hurting the baby scared i will shake him '],
    ['frames without end', 'i keep thinking about how i would '],
    ['perception words', 'i see hear voices bugs shadows nobody else can '],
    ['no spaces', 'killmyselfbabyvoices'],
  ])('%s', (_name, unit) => {
    const g = checkedGrowth((text) => assess(text), repeatTo(unit, 1_000), repeatTo(unit, 10_000), 30, 20);
    expect(g.largeMs).toBeLessThan(g.boundMs);
  }, 120_000); // a few seconds each, much longer on a loaded machine: the runs are repeated, not timed
});
