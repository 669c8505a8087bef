import { MemoryStorage } from 'botbuilder';
import { SharedConversationStore } from '../../bot/web/sharedConversationStore';
import { DEFAULT_STORE_LIMITS } from '../../bot/web/conversationStore';

/** The built-in Direct Line's shared store, two instances over one storage (as two servers over one blob container). */
describe('the shared Direct Line store', () => {
  let now = Date.parse('2025-03-01T09:00:00Z');
  const storage = new MemoryStorage();
  const [a, b] = [new SharedConversationStore(storage, DEFAULT_STORE_LIMITS, () => now), new SharedConversationStore(storage, DEFAULT_STORE_LIMITS, () => now)];

  it('keeps every activity when two instances append at once (eTag conflicts are retried)', async () => {
    const issued = await a.issue('127.0.0.1');
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).append(issued.conversationId, [{ type: 'message', text: `m${i}` }])));
    const { activities, watermark } = await b.after(issued.conversationId, -1);
    expect(activities.map((x) => x.text).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `m${i}`).sort());
    expect(new Set(activities.map((x) => x.id)).size).toBe(6);
    expect(watermark).toBe('6');
  });

  it('an unused token expires first; once the parent writes, its token lives the full time', async () => {
    const unused = await a.issue('127.0.0.1');
    const used = await a.issue('127.0.0.1');
    const session = (await b.authenticate(used.token))!;
    await b.admit(session.conversation, '127.0.0.1');
    now += 18 * 60_000;
    expect(await a.authenticate(unused.token)).toBeUndefined();
    expect((await a.authenticate(used.token))?.conversation.id).toBe(used.conversationId);
    now += 13 * 60_000;
    expect(await b.authenticate(used.token)).toBeUndefined();
    // Found expired: the token and the log are deleted, not only refused.
    expect(await storage.read([`directline/conversations/${used.conversationId}`, `directline/conversations/${unused.conversationId}`])).toEqual({});
  });
});
