/**
 * The knowledge files' zod validation recorded at build time (generated/knowledge-validated.json,
 * core/knowledge/builtValidation.ts) speeds up start-up only: an unchanged file skips zod with the same
 * result, a file edited after the build is validated again (its errors still name the file and the
 * field), and a change of schema validates every file again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { builtKnowledgeValidation, loadDomain, loadKnowledgeFiles } from '../../core/domain';
import { builtValidation, KnowledgeText, plainValidation, recordingValidation, SCHEMA_SOURCES, schemaVersion } from '../../core/knowledge/builtValidation';
import { KnowledgeError } from '../../core/knowledge/loader';
import { projectRoot } from '../../core/projectRoot';
import { validateKnowledge } from '../../scripts/validateKnowledge';
import { TEST_CLINIC } from '../support/domain';
import { edit, knowledgeCopy } from '../support/knowledgeCopy';

describe('knowledge validation recorded at build time', () => {
  let knowledge: string;
  let out: string;
  let record: string;
  let recorded: number;

  beforeAll(() => {
    knowledge = knowledgeCopy('built-validation-');
    out = mkdtempSync(join(tmpdir(), 'built-validation-out-'));
    record = join(out, 'knowledge-validated.json');
    recorded = validateKnowledge(knowledge, record).files;
  });
  afterAll(() => {
    rmSync(knowledge, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  /** Every validation a load of the folder runs, and how many the record answered. */
  function load(validation = builtKnowledgeValidation(record)) {
    const files = loadKnowledgeFiles(knowledge, validation);
    return { files, skipped: validation.skipped };
  }

  it('records every file start-up validates', () => {
    expect(recorded).toBeGreaterThan(50);
    expect(load().skipped).toBeGreaterThanOrEqual(recorded);
  });

  it('skips zod for unchanged files, with the same result; the domain says how many', () => {
    const built = load();
    const plain = load(plainValidation);
    expect(built.files.kb.topics).toEqual(plain.files.kb.topics);
    expect(built.files.messages).toEqual(plain.files.messages);
    expect(built.files.redFlags).toEqual(plain.files.redFlags);
    expect(built.files.languageNotices).toEqual(plain.files.languageNotices);
    expect(built.files.crisisConfig).toEqual(plain.files.crisisConfig);
    expect(built.files.safetyKnowledge.rulesFile).toEqual(plain.files.safetyKnowledge.rulesFile);
    expect([...built.files.safetyKnowledge.concepts.keys()]).toEqual([...plain.files.safetyKnowledge.concepts.keys()]);
    const domain = loadDomain(TEST_CLINIC, knowledge, { validatedKnowledgeFile: record });
    expect(domain.knowledgeValidationsSkipped).toBe(built.skipped);
    expect(loadDomain(TEST_CLINIC, knowledge, { validation: plainValidation }).knowledgeValidationsSkipped).toBe(0);
  });

  it('validates a file edited after the build again: a good edit is read, a bad one named with its field', () => {
    const before = load().skipped;
    const file = join(knowledge, 'topics', 'leaking-at-work.yaml');
    const text = readFileSync(file, 'utf8');
    try {
      edit(knowledge, 'topics/leaking-at-work.yaml', (t) => t.replace(/^title: .*$/m, 'title: Leaks at work and on shift'));
      const edited = load();
      expect(edited.files.kb.topics.get('leaking-at-work')?.title).toBe('Leaks at work and on shift');
      expect(edited.skipped).toBe(before - 1);

      edit(knowledge, 'topics/leaking-at-work.yaml', (t) => t.replace(/^title: .*$/m, 'title: 12'));
      expect(() => load()).toThrow(KnowledgeError);
      expect(() => load()).toThrow(/leaking-at-work\.yaml: field title: /);

      edit(knowledge, 'topics/leaking-at-work.yaml', (t) => t.replace(/^title: .*$/m, 'title: [Leaking at work'));
      expect(() => load()).toThrow(/leaking-at-work\.yaml: not valid YAML/);
    } finally {
      writeFileSync(file, text);
    }
    expect(load().skipped).toBe(before);
  });

  it('validates a red-flag or safety file edited after the build again, naming the file and the field', () => {
    const flags = readFileSync(join(knowledge, 'red-flags.yaml'), 'utf8');
    const concepts = readFileSync(join(knowledge, 'safety', 'concepts.yaml'), 'utf8');
    try {
      edit(knowledge, 'red-flags.yaml', (t) => t.replace(/^(\s+level: )emergency$/m, '$1someday'));
      expect(() => load()).toThrow(/red-flags\.yaml: field flags\.\d+\.level/);
      edit(knowledge, 'red-flags.yaml', () => flags);
      edit(knowledge, 'safety/concepts.yaml', (t) => t.replace(/^(\s+about: ).*$/m, '$1'));
      expect(() => load()).toThrow(/concepts\.yaml: field concepts\.[a-z-]+\.about/);
    } finally {
      writeFileSync(join(knowledge, 'red-flags.yaml'), flags);
      writeFileSync(join(knowledge, 'safety', 'concepts.yaml'), concepts);
    }
    expect(() => load()).not.toThrow();
  });

  it('uses nothing recorded with other schemas', () => {
    const file = JSON.parse(readFileSync(record, 'utf8')) as unknown;
    expect(builtValidation(file, 'another version')).toBe(plainValidation);
    expect(builtValidation(file, undefined)).toBe(plainValidation);
    const schema = z.object({ a: z.string() });
    const version = schemaVersion(projectRoot())!;
    const recording = recordingValidation(version);
    expect(recording.validate(schema, 'test', new KnowledgeText('a: x\n')).success).toBe(true);
    const fromRecord = builtValidation(recording.file(), version);
    expect(fromRecord.validate(schema, 'test', new KnowledgeText('a: x\n'))).toEqual({ success: true, data: { a: 'x' } });
    expect(fromRecord.validate(schema, 'another schema', new KnowledgeText('a: x\n')).success).toBe(true);
    expect(fromRecord.skipped).toBe(1);
  });

  it('never records an output JSON does not carry unchanged', () => {
    const recording = recordingValidation('v');
    const asMap = z.object({ a: z.string() }).transform((o) => new Map(Object.entries(o)));
    const withRegExp = z.object({ a: z.string() }).transform((o) => ({ re: new RegExp(o.a) }));
    recording.validate(asMap, 'map', new KnowledgeText('a: x\n'));
    recording.validate(withRegExp, 'regexp', new KnowledgeText('a: x\n'));
    expect(Object.keys(recording.file().validated)).toHaveLength(0);
  });

  it('keys the record by every module of core/ that defines a schema', () => {
    const { execFileSync } = jest.requireActual<typeof import('node:child_process')>('node:child_process');
    const importing = execFileSync('grep', ['-rl', "from 'zod'", 'core', '--include=*.ts'], { cwd: projectRoot(), encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((f) => f !== 'core/knowledge/builtValidation.ts')
      .sort();
    expect(importing.filter((f) => !SCHEMA_SOURCES.includes(f))).toEqual([]);
  });
});
