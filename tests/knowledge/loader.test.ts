import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError, defaultKnowledgeDir, loadKnowledgeBase } from '../../core/knowledge/loader';

/** A copy of the real knowledge folder a test can break. */
function knowledgeCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  cpSync(defaultKnowledgeDir(), dir, { recursive: true });
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadKnowledgeBase(dir);
  } catch (err) {
    if (err instanceof KnowledgeError) return err.problems;
    throw err;
  }
  return [];
}

describe('loading the knowledge base', () => {
  let dir: string;
  beforeEach(() => {
    dir = knowledgeCopy();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the real knowledge folder without problems', () => {
    expect(problemsOf(dir)).toEqual([]);
  });

  it('names the file and the field of a missing answer and too few examples', () => {
    writeFileSync(join(dir, 'topics', 'new-topic.yaml'), 'id: new-topic\ntitle: New\ngroup: managing\nsources: [lll]\nexamples: [one, two]\n');
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(expect.stringMatching(/new-topic\.yaml: field answer: /));
    expect(problems).toContainEqual(expect.stringMatching(/new-topic\.yaml: field examples: needs at least 12 training examples/));
  });

  it('names a related topic or a source that does not exist', () => {
    const examples = Array.from({ length: 12 }, (_, i) => `  - example ${i}`).join('\n');
    writeFileSync(
      join(dir, 'topics', 'new-topic.yaml'),
      `id: new-topic\ntitle: New\ngroup: managing\nparent: root\nanswer: Some words.\nrelated: [no-such-topic]\nsources: [no-such-source]\nexamples:\n${examples}\n`,
    );
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(expect.stringMatching(/new-topic\.yaml: field related\.0: no topic has the id "no-such-topic"/));
    expect(problems).toContainEqual(expect.stringMatching(/new-topic\.yaml: field sources\.0: "no-such-source" is not listed/));
  });

  it('names an id that does not match its file name, and broken YAML', () => {
    writeFileSync(join(dir, 'topics', 'broken.yaml'), 'id: [unclosed\n');
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(expect.stringMatching(/broken\.yaml: not valid YAML/));
  });

  it('refuses a condition that does not say when to see a clinician', () => {
    const examples = Array.from({ length: 12 }, (_, i) => `  - example ${i}`).join('\n');
    writeFileSync(join(dir, 'topics', 'new-condition.yaml'), `id: new-condition\ntitle: New\ngroup: conditions\nanswer: Words.\nsources: [acr]\nexamples:\n${examples}\n`);
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/new-condition\.yaml: field seeDoctor: a condition must say when to see a clinician/));
  });

  it('names a health topic without a parent, a parent that does not exist, and a circle of parents', () => {
    const examples = Array.from({ length: 12 }, (_, i) => `  - example ${i}`).join('\n');
    const write = (id: string, parent: string | undefined) =>
      writeFileSync(
        join(dir, 'topics', `${id}.yaml`),
        `id: ${id}\ntitle: New\ngroup: managing\n${parent ? `parent: ${parent}\n` : ''}answer: Words.\nsources: [lll]\nexamples:\n${examples}\n`,
      );
    write('orphan', undefined);
    write('lost', 'no-such-hub');
    write('round-a', 'round-b');
    write('round-b', 'round-a');
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(expect.stringMatching(/orphan\.yaml: field parent: a health topic must name its parent/));
    expect(problems).toContainEqual(expect.stringMatching(/lost\.yaml: field parent: no topic has the id "no-such-hub"/));
    expect(problems).toContainEqual(expect.stringMatching(/round-a\.yaml: field parent: the parents go round in a circle/));
  });
});
