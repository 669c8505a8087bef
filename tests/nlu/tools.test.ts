import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledgeBase } from '../../core/knowledge/loader';
import { accuracyLine, evaluate, readLabelledTsv } from '../../core/nlu/evaluate';
import { createLanguageUnderstanding } from '../../core/nlu/understanding';
import { projectRoot } from '../../core/projectRoot';

const root = projectRoot();

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('curator tools', () => {
  test('nlu export prints the training corpus as JSON and nothing else', () => {
    const { status, stdout } = run('nlu.ts', ['export']);
    expect(status).toBe(0);
    const corpus = JSON.parse(stdout) as { topics: Array<{ id: string; examples: string[] }> };
    const kb = loadKnowledgeBase();
    expect(corpus.topics.map((t) => t.id)).toEqual([...kb.topics.keys()]);
    for (const t of corpus.topics) expect(t.examples).toEqual([...kb.topic(t.id).examples, ...kb.topic(t.id).phrasings]);
  });

  test('nlu eval ends with the accuracy line, counted as the shared evaluate() counts', () => {
    const file = join(root, 'tests', 'data', 'nlu-dev.tsv');
    const { status, stdout } = run('nlu.ts', ['eval', file]);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const last = lines[lines.length - 1];
    expect(last).toMatch(/^accuracy: [01]\.\d{3} \(\d+\/\d+\)$/);
    const report = evaluate(createLanguageUnderstanding(loadKnowledgeBase()), readLabelledTsv(file));
    expect(last).toBe(accuracyLine(report));
    expect(stdout).toMatch(/Accuracy per topic/);
    expect(stdout).toMatch(/Confusions \(expected -> got\)/);
    expect(stdout).toMatch(/^unsure: \d+/m);
  });

  describe('kb check', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'kb-check-'));
      cpSync(join(root, 'knowledge', 'topics'), join(dir, 'topics'), { recursive: true });
      cpSync(join(root, 'knowledge', 'sources.yaml'), join(dir, 'sources.yaml'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test('a valid knowledge base: cross-validation per topic and worst confusions', () => {
      const { stdout } = run('kb.ts', ['check', '--dir', dir]);
      expect(stdout).toMatch(/Validation: ok/);
      expect(stdout).toMatch(/Cross-validation \(\d+-fold/);
      expect(stdout).toMatch(/Accuracy per topic/);
      expect(stdout).toMatch(/Worst confusions/);
    });

    test('a broken topic file: exit code 1, with the file and the field', () => {
      writeFileSync(join(dir, 'topics', 'broken-topic.yaml'), 'id: broken-topic\ntitle: Broken\ngroup: managing\nanswer: x\nexamples: [a, b]\n');
      const { status, stdout } = run('kb.ts', ['check', '--dir', dir]);
      expect(status).toBe(1);
      expect(stdout).toMatch(/broken-topic\.yaml: field examples: needs at least 12 training examples/);
      expect(stdout).toMatch(/broken-topic\.yaml: field sources: a health topic must name at least one source/);
    });

    test('the same example under two topics (after normalisation): exit code 1, both listed', () => {
      const examples = Array.from({ length: 12 }, (_, i) => `unique sentence number ${i} about leaking`);
      examples.push('HI!!!'); // greeting has "hi"
      writeFileSync(
        join(dir, 'topics', 'duplicate-topic.yaml'),
        `id: duplicate-topic\ntitle: Duplicate\ngroup: conversation\nanswer: x\nexamples:\n${examples.map((e) => `  - "${e}"`).join('\n')}\n`,
      );
      const { status, stdout } = run('kb.ts', ['check', '--dir', dir]);
      expect(status).toBe(1);
      expect(stdout).toMatch(/Duplicates: \d+ example/);
      expect(stdout).toMatch(/duplicate-topic: "HI!!!"/);
      expect(stdout).toMatch(/greeting: "hi"/);
    });
  });
});
