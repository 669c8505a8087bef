/**
 * The crisis classifier (second crisis layer): its banks load with errors naming file and line, the
 * built model is current and reads the same after a round trip, and it finds crisis wording the
 * patterns were not written for, also buried in a long message about leaking.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../core/projectRoot';
import { loadCrisisTrainingData } from '../../core/safety/crisisBank';
import { CrisisClassifier, defaultCrisisClassifier, defaultModelFile, loadCrisisClassifier, modelKey, readCurrentModel } from '../../core/safety/crisisClassifier';
import { CrisisModel, wordFeatures } from '../../core/safety/crisisModel';
import { splitMessage } from '../../core/safety/text';
import { assess, confirmIds, escalates, flagIds } from './helpers';

const safetyDir = join(projectRoot(), 'knowledge', 'safety');

describe('the crisis banks', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crisis-bank-'));
    cpSync(safetyDir, join(dir, 'safety'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string) => join(dir, 'safety', name);

  it('load at least 2,000 crisis lines and as many look-alikes, every category used', () => {
    const data = loadCrisisTrainingData(safetyDir);
    expect(data.positive.length).toBeGreaterThanOrEqual(2000);
    expect(data.lookalike.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(data.positive.map((p) => p.category))).toEqual(new Set(Object.keys(data.config.positive)));
    expect(new Set(data.lookalike.map((p) => p.category))).toEqual(new Set(data.config.lookalike));
  });

  it('an unknown category stops loading, naming the file, the line and the field', () => {
    writeFileSync(file('crisis-positive.tsv'), `${readFileSync(file('crisis-positive.tsv'), 'utf8')}sad-ish\tI feel a bit flat today\n`);
    expect(() => loadCrisisTrainingData(join(dir, 'safety'))).toThrow(/crisis-positive\.tsv: line \d+: field category: "sad-ish"/);
  });

  it('the same message in both banks stops loading, naming both places', () => {
    const first = readFileSync(file('crisis-positive.tsv'), 'utf8').split('\n')[1].split('\t')[1];
    writeFileSync(file('crisis-lookalike.tsv'), `${readFileSync(file('crisis-lookalike.tsv'), 'utf8')}idiom\t${first.toUpperCase()}!\n`);
    expect(() => loadCrisisTrainingData(join(dir, 'safety'))).toThrow(/crisis-lookalike\.tsv.*field text: the same message is crisis wording at crisis-positive\.tsv:2/);
  });

  it('a duplicate line is kept once, and a bad threshold names its field', () => {
    const before = loadCrisisTrainingData(join(dir, 'safety')).positive.length;
    writeFileSync(file('crisis-positive.tsv'), `${readFileSync(file('crisis-positive.tsv'), 'utf8')}passive-wish\tI WISH I COULD JUST GO TO SLEEP AND NOT WAKE UP.\n`);
    expect(loadCrisisTrainingData(join(dir, 'safety')).positive.length).toBe(before);
    writeFileSync(file('crisis-classifier.yaml'), readFileSync(file('crisis-classifier.yaml'), 'utf8').replace(/report: [\d.]+/, 'report: 2'));
    expect(() => loadCrisisTrainingData(join(dir, 'safety'))).toThrow(/crisis-classifier\.yaml: field thresholds\.report/);
  });

  it('changing a bank makes the built model stale', () => {
    const data = loadCrisisTrainingData(safetyDir);
    expect(readCurrentModel(data, defaultModelFile())).not.toBeNull();
    writeFileSync(file('crisis-lookalike.tsv'), `${readFileSync(file('crisis-lookalike.tsv'), 'utf8')}idiom\tthis pump will be the death of me\n`);
    const changed = loadCrisisTrainingData(join(dir, 'safety'));
    expect(modelKey(changed)).not.toBe(modelKey(data));
    expect(readCurrentModel(changed, defaultModelFile())).toBeNull();
  });

  it('the built model is known current from its files\' text, without reading the banks', () => {
    expect(loadCrisisClassifier(safetyDir).source).toBe('text');
  });

  it('after an edit the banks are read again: a broken line still stops loading, a blank line keeps the model', () => {
    cpSync(join(safetyDir, '..', 'topics'), join(dir, 'topics'), { recursive: true });
    const model = join(dir, 'crisis-model.json');
    cpSync(defaultModelFile(), model);
    expect(loadCrisisClassifier(join(dir, 'safety'), { modelFile: model }).source).toBe('text');
    const bank = readFileSync(file('crisis-positive.tsv'), 'utf8');
    writeFileSync(file('crisis-positive.tsv'), `${bank}\n`);
    const reread = loadCrisisClassifier(join(dir, 'safety'), { modelFile: model });
    expect(reread.source).toBe('banks');
    expect(reread.classifier.model.serialise()).toEqual(defaultCrisisClassifier().model.serialise());
    writeFileSync(file('crisis-positive.tsv'), `${bank}sad-ish\tI feel a bit flat today\n`);
    expect(() => loadCrisisClassifier(join(dir, 'safety'), { modelFile: model })).toThrow(/crisis-positive\.tsv: line \d+: field category: "sad-ish"/);
  });
});

describe('the model', () => {
  const classifier = defaultCrisisClassifier();

  it('reads the same after being written and read back', () => {
    const copy = new CrisisClassifier(CrisisModel.deserialise(classifier.model.serialise()), classifier.thresholds);
    for (const text of ['some nights i hope i just never wake up', 'this pump is killing me', 'the walls are whispering about the baby']) {
      const a = classifier.read(splitMessage(text));
      const b = copy.read(splitMessage(text));
      expect(b.flag).toBe(a.flag);
      expect(b.context).toBeCloseTo(a.context, 3);
    }
  });

  it('reads letter groups inside words, so a misspelling keeps most of a word', () => {
    const a = new Set(wordFeatures('suicidal'));
    const shared = wordFeatures('suicdal').filter((f) => a.has(f));
    expect(shared.length).toBeGreaterThanOrEqual(4);
  });
});

describe('crisis wording the patterns were not written for', () => {
  it.each([
    ["I've been standing at the top of the multi-storey a lot lately, anyway what pads are best", 'thoughts-of-self-harm'],
    ["I don't trust myself near the stairs when I'm holding him", 'thoughts-of-harming-baby'],
    ['some nights I think the kids would do fine without me', 'thoughts-of-self-harm'],
    ["the house feels like a stage set and I'm not sure this baby is really mine", 'psychosis-signs'],
    ['i relly want to dye, evryone wud be beter off', 'thoughts-of-self-harm'],
  ])('%s', (text, id) => {
    const r = assess(text);
    // At the very least the one gentle question: never silence.
    expect([...flagIds(r), ...confirmIds(r)]).toContain(id);
  });

  it('finds one crisis sentence in the middle of a 1,500-character message about leaking', () => {
    const filler =
      'My left side leaks much more than the right, especially during the morning feed, and I go through four or five disposable pads a day. ' +
      'I tried the washable bamboo ones but they show through my work shirts. ';
    const text = `${filler.repeat(4)}Honestly I have started giving away my things and writing letters to everyone. ${filler.repeat(3)}Which pads do you recommend?`;
    expect(text.length).toBeGreaterThan(1400);
    const r = assess(text);
    expect(escalates(r) || confirmIds(r).length > 0).toBe(true);
    expect([...flagIds(r), ...confirmIds(r)]).toContain('thoughts-of-self-harm');
  });
});
