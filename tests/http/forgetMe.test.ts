import { MemoryStorage } from 'botbuilder';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { conversation, startBot, type RunningBot } from '../support/runningBot';

/**
 * Stored state for these ids, under the keys botbuilder uses ("<channel>/conversations/<id>/",
 * "<channel>/users/<id>/"). MemoryStorage deletes by setting a key to undefined, so only values count.
 */
function keysFor(storage: MemoryStorage, ids: string[]): string[] {
  const memory = (storage as unknown as { memory: Record<string, unknown> }).memory;
  return Object.keys(memory).filter((key) => memory[key] !== undefined && ids.some((id) => key.split('/').includes(id)));
}

describe('"forget me" through the real server', () => {
  const storage = new MemoryStorage();
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot(TEST_CLINIC_ENV, { domain: testDomain(), storage });
  });
  afterAll(() => bot.stop());

  it('deletes the conversation and the user state from the store', async () => {
    const chat = conversation(bot.baseUrl);
    const other = conversation(bot.baseUrl);
    await chat.say("I'm breastfeeding and there is blood in my milk");
    await chat.say('check my symptoms');
    await other.say("hello, I'm 30 weeks pregnant");
    expect(keysFor(storage, [chat.id, chat.userId])).toHaveLength(2);

    const replies = await chat.say('forget me');
    expect((replies[replies.length - 1].channelData as { topic: string }).topic).toBe('forget-me');
    expect(keysFor(storage, [chat.id, chat.userId])).toEqual([]);
    // Nobody else is forgotten.
    expect(keysFor(storage, [other.id, other.userId])).toHaveLength(2);

    // What was known is gone: the symptom check starts from the first question again.
    const again = await chat.say('check my symptoms');
    expect(again.map((r) => r.text).join('\n')).toMatch(/are you pregnant, breastfeeding/i);
  });
});

describe('a conversation flooding /api/messages', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ ...TEST_CLINIC_ENV, CONVERSATION_RATE_LIMIT_PER_MINUTE: '5' }, { domain: testDomain() });
  });
  afterAll(() => bot.stop());

  it('is slowed down with 429 and Retry-After, without affecting other conversations', async () => {
    const chat = conversation(bot.baseUrl);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 7; i++) {
      const res = await chat.send({ type: 'message', text: 'hi', deliveryMode: 'expectReplies' });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await conversation(bot.baseUrl).say('hello')).length).toBeGreaterThan(0);
  });
});
