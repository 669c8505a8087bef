import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError } from '../../core/knowledge/loader';
import { loadLanguageNotices, REQUIRED_LANGUAGES } from '../../core/language/notices';
import { testDomain } from '../support/domain';

const { languageNotices } = testDomain();

describe('the reply to a message in another language', () => {
  it('exists for every promised language', () => {
    for (const code of REQUIRED_LANGUAGES) expect([code, languageNotices.has(code)]).toEqual([code, true]);
  });

  it('is in that language, with the emergency number and the clinic phone', () => {
    const text = languageNotices.textFor('es', { phone: '+1 555 010 0199', emergencyNumber: '911' });
    expect(text).toMatch(/inglés/);
    expect(text).toContain('911');
    expect(text).toContain('+1 555 010 0199');
  });

  it('says the emergency number in the parent\'s words when none is configured, and leaves out a phone that is not set', () => {
    const text = languageNotices.textFor('fr', { emergencyNumber: 'your local emergency number' });
    expect(text).toContain("numéro d'urgence");
    expect(text).not.toContain('your local');
    expect(text).not.toContain('()');
  });

  it('falls back to English for a language it has no words for', () => {
    expect(languageNotices.textFor('de', { phone: '0123', emergencyNumber: '112' })).toMatch(/reads English only.*112.*0123/);
  });
});

describe('the languages file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'languages-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and the field of a missing language and a reply without the emergency number', () => {
    const file = join(dir, 'languages.yaml');
    writeFileSync(file, 'languages:\n  en:\n    name: English\n    reply: "Call the clinic ({clinicPhone})."\n    replyNoPhone: "Call {emergencyNumber}."\n    emergencyNumber: "the number"\n');
    let problems: string[] = [];
    try {
      loadLanguageNotices(file);
    } catch (err) {
      if (!(err instanceof KnowledgeError)) throw err;
      problems = err.problems;
    }
    expect(problems).toContainEqual(expect.stringMatching(/languages\.yaml: field languages\.en\.reply: must name \{emergencyNumber\}/));
    expect(problems).toContainEqual(expect.stringMatching(/languages\.yaml: field languages\.es: is required/));
  });
});
