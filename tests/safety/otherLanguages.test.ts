/**
 * Warning signs written in Spanish, French or Portuguese (tests/data/red-flags-other-languages.tsv,
 * written by the developer who added the words: a regression set, not a blind measure). The words are
 * data (knowledge/safety/concepts.yaml `spelling` and the patterns marked "Spanish, French,
 * Portuguese"; modifiers.yaml), read by the same detector as English:
 * - every red-flag line escalates at its level or higher, and no look-alike (denied, someone else's,
 *   in the past, a question about normal leaking) escalates, except the few lines below that the
 *   engine cannot read from data alone;
 * - those lines are still in the set and still read as they are listed, so a fix shows here.
 */
import { URGENCY_LEVELS } from '../../core/safety/types';
import { join } from 'node:path';
import { projectRoot } from '../../core/projectRoot';
import { assess } from './helpers';
import { describe as describeLine, loadDataSet, score, summary } from './redFlagData';

/** Lines the detector misreads, each with the reason (engine grammar, not a missing word). */
const KNOWN_GAPS: Record<string, string> = {
  'soy hombre y me sale líquido del pezón': '"soy" is also an English word (soy milk): it cannot be read as "I am", so the parent is not known to be a man',
  'tenho um nódulo no seio há um mês': '"mês" loses its accent ("m s"): a month is not read, so the lump is asked about instead',
  'minha irmã está com mastite, febre e o peito vermelho': 'a list after a comma is not given to the person before it; the same holds for "my sister has mastitis, fever and a red breast"',
};

const report = score(loadDataSet(join(projectRoot(), 'tests', 'data', 'red-flags-other-languages.tsv')), (text, known) => assess(text, known));
const gap = (text: string) => Object.hasOwn(KNOWN_GAPS, text);

describe('red flags in Spanish, French and Portuguese', () => {
  afterAll(() => {
    // For finding what failed: a passing run prints nothing.
    const wrong = report.scored.filter((s) => !s.ok && !gap(s.item.text));
    if (wrong.length > 0) console.log([summary('other languages', report), ...wrong.map(describeLine)].join('\n'));
  });

  it.each(URGENCY_LEVELS.filter((l) => l !== 'routine').map((l) => [l]))('every %s line escalates at its level or higher', (level) => {
    const missed = report.scored.filter((s) => s.item.level === level && !s.ok && !gap(s.item.text)).map((s) => `line ${s.item.line}: ${s.item.text}`);
    expect(missed).toEqual([]);
  });

  it('escalates none of the look-alikes', () => {
    const escalated = report.scored.filter((s) => s.item.level === 'none' && !s.ok && !gap(s.item.text)).map((s) => `line ${s.item.line}: ${s.item.text}`);
    expect(escalated).toEqual([]);
  });

  it('has about fifty lines in each language, warning signs and look-alikes', () => {
    expect(report.scored.length).toBeGreaterThanOrEqual(150);
    expect(report.noneTotal).toBeGreaterThanOrEqual(60);
    for (const level of ['emergency', 'urgent', 'soon'] as const) expect(report.recall[level].total).toBeGreaterThanOrEqual(12);
  });

  it('still misreads exactly the known gaps (a fix shows here: take the line off the list)', () => {
    const texts = new Set(report.scored.map((s) => s.item.text));
    for (const text of Object.keys(KNOWN_GAPS)) expect(texts.has(text)).toBe(true);
    const wrong = report.scored.filter((s) => !s.ok).map((s) => s.item.text);
    expect(wrong.sort()).toEqual(Object.keys(KNOWN_GAPS).sort());
  });

  it('reads a denied sign in each language as denied, and the same sign said plainly as a flag', () => {
    const pairs: Array<[string, string]> = [
      ['no tengo fiebre y el pecho no está rojo', 'tengo fiebre y el pecho rojo'],
      ["je n'ai pas de fièvre et le sein n'est pas rouge", "j'ai de la fièvre et le sein rouge"],
      ['não tenho febre e o peito não está vermelho', 'estou com febre e o peito vermelho'],
    ];
    for (const [denied, said] of pairs) {
      expect(assess(denied).flags).toEqual([]);
      expect(assess(said).flags.map((f) => f.id)).toContain('fever-with-breast-signs');
    }
  });

  it('reads the sign after the noun ("pecho rojo", "sein rouge et chaud") as well as before it', () => {
    for (const text of ['tengo fiebre y el pecho está rojo', 'tengo fiebre y el pecho caliente', "j'ai de la fièvre et le sein chaud", 'estou com febre e o peito quente']) {
      expect(assess(text).level).toBe('urgent');
    }
  });
});
