/**
 * The words a typed symptom-check answer is read with are data: each option's `words` (and the
 * concepts it names) in knowledge/symptom-check.yaml. On a copy of the knowledge folder, one new word
 * changes how the check reads an answer in the conversation; a broken entry stops loading, naming the
 * file and the field.
 */
import { rmSync } from 'node:fs';
import { loadDomain } from '../../core/domain';
import { answerSymptomCheck, choicesOf, escalationOf, texts, topicOf } from '../support/dialogClient';
import { TEST_CLINIC } from '../support/domain';
import { edit, knowledgeCopy } from '../support/knowledgeCopy';

const UP_TO_PATTERN = ['Breastfeeding or pumping', 'Both breasts', 'Milky or white', 'On its own', 'None of these'];

const lastReply = answerSymptomCheck;

describe('a clinician adds a word for an answer, in symptom-check.yaml alone', () => {
  let dir: string;
  beforeAll(() => {
    dir = knowledgeCopy('knowledge-words-');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('"in the hot tub" is then read as "In the shower"', async () => {
    // Not an answer yet: the check asks its question again (after answering it as a question, if it reads as one).
    const before = await lastReply([...UP_TO_PATTERN, 'in the hot tub']);
    expect(texts(before)).not.toMatch(/from what you told me/i);
    expect(choicesOf(before[before.length - 1])).toContain('In the shower');

    edit(dir, 'symptom-check.yaml', (text) => text.replace('words: [shower*, bath*, warm water]', 'words: [shower*, bath*, warm water, hot tub]'));
    const after = await lastReply([...UP_TO_PATTERN, 'in the hot tub'], loadDomain(TEST_CLINIC, dir));
    expect(escalationOf(after)).toBeUndefined();
    expect(texts(after)).toMatch(/from what you told me, this sounds like everyday leaking/i);
    expect(after.map(topicOf)).toContain('shower-leaking');
    expect(texts(after)).not.toMatch(/when does it happen most/i);
  });
});

describe('a broken word list stops loading, naming the file and the field', () => {
  let dir: string;
  beforeEach(() => {
    dir = knowledgeCopy('knowledge-words-broken-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a concept that does not exist', 'concepts: [clear-fluid]', 'concepts: [clear-fluids]', /symptom-check\.yaml: field questions\.colour\.options\.3\.concepts\.0: "clear-fluids" is not a concept of safety\/concepts\.yaml/],
    ['a word with a capital letter (answers are read in lower case)', 'words: [yellow*]', 'words: [Yellow*]', /symptom-check\.yaml: field questions\.colour\.options\.1\.words\.0: write words in lower case/],
    ['a pattern that is not a regular expression', "patterns: ['my baby is \\d+']", "patterns: ['my baby is (\\d+']", /symptom-check\.yaml: field questions\.status\.options\.1\.patterns\.0: is not a valid regular expression/],
  ])('%s', (_name, from, to, message) => {
    edit(dir, 'symptom-check.yaml', (text) => text.replace(from, to));
    expect(() => loadDomain(TEST_CLINIC, dir)).toThrow(message);
  });
});
