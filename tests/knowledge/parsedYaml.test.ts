/**
 * The knowledge files the build parsed (generated/knowledge-yaml.json, core/knowledge/parsedYaml.ts)
 * speed up start-up only: a file a clinician edits after the build is read from its new text, and a
 * broken edit still stops start-up naming the file.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKnowledgeDir, loadKnowledgeBase } from '../../core/knowledge/loader';
import { rememberParsedYaml } from '../../core/knowledge/parsedYaml';
import { parseKnowledge } from '../../scripts/parseKnowledge';

describe('knowledge files parsed at build time', () => {
  let dir: string;
  let knowledge: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parsed-yaml-'));
    knowledge = join(dir, 'knowledge');
    cpSync(defaultKnowledgeDir(), knowledge, { recursive: true });
    const built = join(dir, 'knowledge-yaml.json');
    const { files, stored } = parseKnowledge(knowledge, built);
    expect(stored).toBe(files);
    expect(rememberParsedYaml(JSON.parse(readFileSync(built, 'utf8')))).toBe(stored);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const topicFile = () => join(knowledge, 'topics', 'leaking-at-work.yaml');

  it('give the same knowledge as parsing the files', () => {
    expect(loadKnowledgeBase(knowledge).topics.get('leaking-at-work')).toEqual(loadKnowledgeBase(defaultKnowledgeDir()).topics.get('leaking-at-work'));
  });

  it('never hide an edit made after the build: the new title is shown', () => {
    const text = readFileSync(topicFile(), 'utf8');
    writeFileSync(topicFile(), text.replace(/^title: .*$/m, 'title: Leaks at work and on shift'));
    expect(loadKnowledgeBase(knowledge).topics.get('leaking-at-work')?.title).toBe('Leaks at work and on shift');
    writeFileSync(topicFile(), text);
  });

  it('never hide a broken edit: loading stops naming the file', () => {
    const text = readFileSync(topicFile(), 'utf8');
    writeFileSync(topicFile(), text.replace(/^title: .*$/m, 'title: [Leaking at work'));
    expect(() => loadKnowledgeBase(knowledge)).toThrow(/leaking-at-work\.yaml: not valid YAML/);
    writeFileSync(topicFile(), text);
  });
});
