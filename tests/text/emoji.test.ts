import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError } from '../../core/knowledge/loader';
import { basicNormalise } from '../../core/text/basicNormalise';
import { EmojiWords, loadEmojiWords } from '../../core/text/emoji';
import { parseAnswer, parseYesNo } from '../../core/triage/answers';
import { dialogConversation, escalationOf, topicOf } from '../support/dialogClient';
import { testDomain } from '../support/domain';

const { emoji, understanding, safety } = testDomain();
const understood = (text: string) => {
  const u = understanding.understand(text);
  return u.kind === 'topic' ? u.topic : u.kind;
};

describe('emoji read as words (knowledge/emoji.yaml)', () => {
  it('turns known emoji into words at the shared normalisation step, whatever the skin tone or style mark', () => {
    expect(basicNormalise('🩸 from my nipple', emoji)).toBe('blood from my nipple');
    expect(basicNormalise('🤱🏽 and 💧💧', emoji)).toBe('breastfeeding and leaking leaking');
    expect(basicNormalise('🌡️ 39', emoji)).toBe('temperature 39');
    expect(basicNormalise('so tired 😭', emoji)).toBe('so tired 😭');
  });

  it('leaves emoji alone when no map is given', () => {
    expect(basicNormalise('🩸 from my nipple')).toBe('🩸 from my nipple');
  });

  it('lets language understanding read them: "🩸 from my nipple" is about blood', () => {
    expect(understood('🩸 from my nipple')).toBe('blood-in-milk');
    expect(understood('my breast is 🥵 and red and i feel 🤒')).toBe('mastitis-and-infection');
  });

  it('lets red-flag detection read them', () => {
    expect(safety.assess('🩸 from my nipple', {}).flags.map((f) => f.id)).toContain('blood-in-discharge');
    expect(safety.assess('my breast is red and sore and i feel 🤒', {}).flags.map((f) => f.id)).toContain('fever-with-breast-signs');
    expect(safety.assess('🤱 and 💧 all day', {}).flags).toEqual([]);
  });

  it('lets the symptom check read them', () => {
    const now = new Date('2026-12-03T09:00:00Z');
    expect(parseAnswer('colour', '🩸', now, undefined, emoji)).toBe('bloody');
    expect(parseAnswer('status', '🤱', now, undefined, emoji)).toBe('breastfeeding');
    expect(parseAnswer('signs', '🤒', now, undefined, emoji)).toBe('fever');
    expect(parseYesNo('👍', emoji)).toBe('yes');
    expect(parseYesNo('👎', emoji)).toBe('no');
  });
});

describe('emoji in a conversation', () => {
  it('"🩸 from my nipple": the blood topic, with the advice to be seen', async () => {
    const replies = await dialogConversation().say('🩸 from my nipple');
    expect(replies.map(topicOf)).toContain('blood-in-milk');
    expect(escalationOf(replies)).toEqual(expect.objectContaining({ reasons: expect.arrayContaining(['blood-in-discharge']) }));
  });

  it('"my breast is red and hot and I feel 🤒": advice to contact someone today', async () => {
    const replies = await dialogConversation().say('my breast is red and hot and I feel 🤒');
    expect(escalationOf(replies)).toEqual(expect.objectContaining({ level: 'urgent', reasons: expect.arrayContaining(['fever-with-breast-signs']) }));
  });
});

describe('the emoji file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emoji-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the file and the field of a key that is not an emoji or words that are not plain', () => {
    const file = join(dir, 'emoji.yaml');
    writeFileSync(file, 'emoji:\n  "abc": blood\n  "🩸": "Blood!"\n');
    let problems: string[] = [];
    try {
      loadEmojiWords(file);
    } catch (err) {
      if (!(err instanceof KnowledgeError)) throw err;
      problems = err.problems;
    }
    expect(problems).toContainEqual(expect.stringMatching(/emoji\.yaml: field emoji\.abc: must be an emoji/));
    expect(problems).toContainEqual(expect.stringMatching(/emoji\.yaml: field emoji\.🩸: must be lower-case words/));
  });

  it('prefers a longer sequence to the emoji it starts with', () => {
    expect(new EmojiWords({ '👩': 'woman', '👩‍🍼': 'feeding' }).expand('👩‍🍼')).toBe(' feeding ');
  });
});
