import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageIdentifier } from '../../core/language/identify';
import { projectRoot } from '../../core/projectRoot';
import { testDomain } from '../support/domain';

const { language, languageNotices } = testDomain();

describe('a message in another language is identified', () => {
  it.each([
    ['es', 'mi bebé tiene dos meses y me gotea la leche todo el día'],
    ['es', 'tengo fiebre y el pecho rojo y caliente'],
    ['fr', "j'ai une grosseur dans le sein et de la fièvre"],
    ['fr', 'pourquoi mes seins coulent'],
    ['pt', 'tenho um caroço no seio e dói muito'],
    ['ar', 'عندي كتلة في الثدي وألم شديد'],
    ['ar', 'مرحبا'],
    ['zh', '我乳房有个肿块，还发烧'],
    ['zh', '乳头出血'],
    ['vi', 'tôi có một cục u ở ngực và bị sốt'],
    ['vi', 'xin chào'],
    ['tl', 'may bukol sa dibdib ko at masakit'],
    ['pl', 'mam guzek w piersi i gorączkę'],
    ['ur', 'میری چھاتی میں گانٹھ ہے اور درد ہے'],
    ['bn', 'আমার স্তনে একটা গাঁট আছে আর জ্বর'],
  ])('%s: "%s"', (expected, text) => {
    expect(language.languageOf(text)).toBe(expected);
  });
});

it('reads the start of a long message: a long Spanish one is Spanish, a long English one English', () => {
  expect(language.languageOf('tengo fiebre y el pecho rojo y caliente. '.repeat(120))).toBe('es');
  expect(language.languageOf('my breast is leaking a lot and I do not know why. '.repeat(100))).toBeUndefined();
});

/** Lines of the English test sets that really are in another language (out-of-scope examples). */
const REALLY_FOREIGN = new Set(['¿qué tiempo hará mañana en Madrid?', 'quelle est la meilleure recette de crêpes', 'como hago arroz con leche']);

describe('an English message is never taken for another language', () => {
  const dataDir = join(projectRoot(), 'tests', 'data');
  const files = ['nlu-heldout.tsv', 'nlu-dev.tsv', 'red-flags-blind.tsv', 'red-flags-crisis-dev.tsv', 'red-flags-dev.tsv', 'red-flags-final.tsv', 'red-flags-regression.tsv', 'red-flags-test.tsv'];

  it.each(files)('in %s', (file) => {
    const lines = readFileSync(join(dataDir, file), 'utf8').split('\n').slice(1).filter((l) => l.trim());
    const misread = lines.map((l) => l.split('\t').pop()!).filter((text) => !REALLY_FOREIGN.has(text) && language.languageOf(text) !== undefined);
    expect(misread).toEqual([]);
  });

  it.each([
    'lol', 'idk', 'yw', 'wyd', 'fevr', 'aaaah', 'hiya', 'bye', 'see ya', 'ty!!', 'mastitus?', 'kms', 'i wanna kil myself',
    'is intraductal papilloma cancer', 'my nipel is bleedin bad', 'boob rly hot n red', 'bubs wont feed n im engorged af',
    'nah only the left one', 'dunno maybe a lil', 'la leche league said its fine', 'my bebe wont latch', 'hola, my breast is leaking',
    '🩸🩸', '!!!', '',
  ])('"%s"', (text) => {
    expect(language.languageOf(text)).toBeUndefined();
  });

  it('names only languages a reply exists for: an n-gram guess of another is left to English', () => {
    const only = createLanguageIdentifier({ languages: ['en', 'es'] });
    expect(only.languageOf('mam guzek w piersi i gorączkę')).toBeUndefined();
    expect(only.languageOf('tengo un bulto en el pecho y me duele')).toBe('es');
  });

  it('leaves a message English understanding reads as a topic to English', () => {
    const withoutCheck = createLanguageIdentifier({ languages: languageNotices.languages() });
    const withCheck = createLanguageIdentifier({ languages: languageNotices.languages(), readsAsEnglish: () => true });
    const text = 'tengo un bulto en el pecho y me duele';
    expect(withoutCheck.languageOf(text)).toBe('es');
    expect(withCheck.languageOf(text)).toBeUndefined();
  });
});
