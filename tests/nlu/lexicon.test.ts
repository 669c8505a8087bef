import { buildLexicon, LexiconError, loadLexicon, PROTECTED_WORDS } from '../../core/nlu/lexicon';
import { loadOutOfScopeExamples } from '../../core/nlu/outOfScope';
import { Tokeniser } from '../../core/nlu/tokenise';

const minimal = () => ({
  synonyms: { breast: ['boob', 'boobs'], letdown: ['let down'] },
  negations: ['not', 'no'],
  stopWords: ['the'],
});

function problemsOf(data: unknown): string[] {
  try {
    buildLexicon(data, 'lexicon.yaml');
  } catch (err) {
    if (err instanceof LexiconError) return err.problems;
    throw err;
  }
  return [];
}

describe('the lexicon a clinician edits', () => {
  test("the project's lexicon loads and is valid", () => {
    const lexicon = loadLexicon();
    expect(lexicon.phrases.get('boobs')).toEqual(['breast']);
    expect(lexicon.phrases.get('let down')).toEqual(['letdown']);
    for (const word of PROTECTED_WORDS) expect(lexicon.stopWords.has(word)).toBe(false);
  });

  test('the out-of-scope examples load', () => {
    expect(loadOutOfScopeExamples().length).toBeGreaterThanOrEqual(10);
  });

  test('a new entry takes effect without code changes', () => {
    const data = minimal();
    data.synonyms.breast.push('bazongas');
    const tokeniser = new Tokeniser(buildLexicon(data));
    expect(tokeniser.normalise('my bazongas')).toBe('my breast');
    expect(tokeniser.normalise('the let down')).toBe('the letdown');
  });

  test('negations and time words can never become stop words', () => {
    for (const word of ['not', 'never', 'before', 'after', 'during']) {
      const problems = problemsOf({ ...minimal(), stopWords: ['the', word] });
      expect(problems.join('\n')).toMatch(new RegExp(`"${word}"`));
      expect(problems.join('\n')).toMatch(/lexicon\.yaml: field stopWords/);
    }
  });

  test('mistakes are reported with the field: duplicates, punctuation, a variant that is also canonical', () => {
    expect(problemsOf({ ...minimal(), synonyms: { breast: ['boob', 'boob'] } })[0]).toMatch(/synonyms\.breast\.1: "boob" is listed twice/);
    expect(problemsOf({ ...minimal(), synonyms: { breast: ['boob'], chest: ['boob'] } })[0]).toMatch(/already a variant of "breast"/);
    expect(problemsOf({ ...minimal(), synonyms: { breast: ["boob's"] } })[0]).toMatch(/synonyms\.breast\.0: must be lower-case/);
    expect(problemsOf({ ...minimal(), synonyms: { breast: ['Boob'] } })[0]).toMatch(/must be lower-case/);
    expect(problemsOf({ ...minimal(), synonyms: { breast: ['boob'], boob: ['tit'] } }).join('\n')).toMatch(/both a variant and a canonical word/);
    expect(problemsOf({ ...minimal(), unknownSection: [] }).join('\n')).toMatch(/unknownSection/);
    expect(problemsOf({ synonyms: {} }).join('\n')).toMatch(/field negations/);
  });
});
