/**
 * Language understanding trained at build time (generated/nlu-model.json, core/nlu/stored.ts): start-up
 * reads the stored model, which answers every message as a model trained at start-up would; and a
 * clinician who edits a topic after the build gets the edit, not the stored model.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDomain, loadUnderstandingSources } from '../../core/domain';
import { defaultKnowledgeDir } from '../../core/knowledge/loader';
import { readLabelledTsv } from '../../core/nlu/evaluate';
import { loadLanguageUnderstanding, trainAndStore } from '../../core/nlu/stored';
import { trainLanguageUnderstanding } from '../../core/nlu/understanding';
import { projectRoot } from '../../core/projectRoot';
import { TEST_CLINIC } from '../support/domain';

/** A message the knowledge base does not answer as leaking-at-work today. */
const MESSAGE = 'i drive a bus and my top gets soaked';
const TOPIC = 'leaking-at-work';
/** What a clinician adds to knowledge/topics/leaking-at-work.yaml's examples. */
const NEW_EXAMPLE = 'i drive a bus for a living and my top gets soaked through';

describe('the stored language understanding model', () => {
  let dir: string;
  let modelFile: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nlu-stored-'));
    cpSync(defaultKnowledgeDir(), join(dir, 'knowledge'), { recursive: true });
    modelFile = join(dir, 'nlu-model.json');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers every message exactly as a model trained at start-up', () => {
    const { inputs, kb } = loadUnderstandingSources(join(dir, 'knowledge'));
    trainAndStore(inputs, modelFile);
    const loaded = loadLanguageUnderstanding(inputs, modelFile);
    expect(loaded.source).toBe('stored');
    const fresh = trainLanguageUnderstanding(inputs.corpus, inputs);
    const messages = [
      ...readLabelledTsv(join(projectRoot(), 'tests', 'data', 'nlu-heldout.tsv')).map((m) => m.text),
      ...[...kb.topics.values()].map((t) => t.examples[0]),
      'my nippel is leeking 🩸',
    ];
    expect(messages.length).toBeGreaterThan(100);
    for (const text of messages) expect([text, loaded.understanding.understand(text)]).toEqual([text, fresh.understand(text)]);
  });

  it("is not used once a clinician adds an example after the build: the bot reads the new example", () => {
    const knowledge = join(dir, 'knowledge');
    const built = loadUnderstandingSources(knowledge).inputs;
    trainAndStore(built, modelFile);
    const before = loadLanguageUnderstanding(built, modelFile);
    expect(before.source).toBe('stored');
    expect(before.understanding.understand(MESSAGE)).not.toMatchObject({ kind: 'topic', topic: TOPIC });

    // The clinician's edit, after the build: one more example under the topic's examples.
    const file = join(knowledge, 'topics', `${TOPIC}.yaml`);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\nexamples:\n/);
    writeFileSync(file, text.replace(/\nexamples:\n/, `\nexamples:\n  - ${NEW_EXAMPLE}\n`));

    const after = loadDomain(TEST_CLINIC, knowledge, { nluModelFile: modelFile });
    expect(after.understandingSource).toBe('stale');
    expect(after.understanding.understand(MESSAGE)).toMatchObject({ kind: 'topic', topic: TOPIC });
  });

  it('is trained at start-up when the stored file is missing or broken, and answers all the same', () => {
    const { inputs } = loadUnderstandingSources(join(dir, 'knowledge'));
    const missing = loadLanguageUnderstanding(inputs, join(dir, 'no-such-model.json'));
    expect(missing.source).toBe('missing');
    writeFileSync(modelFile, '{"format": 1, "key": "');
    const broken = loadLanguageUnderstanding(inputs, modelFile);
    expect(broken.source).toBe('unreadable');
    expect(broken.understanding.understand('why do my breasts leak when I hear a baby cry?')).toEqual(missing.understanding.understand('why do my breasts leak when I hear a baby cry?'));
    expect(broken.understanding.understand('why do my breasts leak when I hear a baby cry?')).toMatchObject({ kind: 'topic' });
  });
});
