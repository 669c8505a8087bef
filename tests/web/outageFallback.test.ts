import { ConfigError, loadConfig } from '../../bot/config';
import { DEFAULT_STORE_LIMITS } from '../../bot/web/conversationStore';
import { OutageFallback } from '../../bot/web/outageFallback';
import { TokenSigner } from '../../bot/web/tokenSigner';

/** What the built-in Direct Line trusts and keeps while the shared store is down. */
describe('the web chat outage fallback', () => {
  let now = Date.parse('2025-03-01T09:00:00Z');
  const clock = () => now;
  const signer = new TokenSigner('a-key-the-instances-share-0123456789');
  const claims = { conversationId: 'conv1', userId: 'u_1', createdAt: now, issuedAt: now, outage: false };

  it('accepts a token only with the key that signed it, unaltered and within its life', () => {
    const fallback = new OutageFallback(signer, DEFAULT_STORE_LIMITS, undefined, clock);
    const token = signer.sign(claims);
    expect(fallback.authenticate(token)?.conversation.id).toBe('conv1');
    expect(new OutageFallback(new TokenSigner('another-key-entirely-0123456789abcdef'), DEFAULT_STORE_LIMITS, undefined, clock).authenticate(token)).toBeUndefined();
    expect(new OutageFallback(new TokenSigner(), DEFAULT_STORE_LIMITS, undefined, clock).authenticate(token)).toBeUndefined();
    const [version, body, mac] = token.split('.');
    expect(fallback.authenticate(`${version}.${body}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`)).toBeUndefined();
    expect(fallback.authenticate('a-random-token-from-an-older-release')).toBeUndefined();
    now += DEFAULT_STORE_LIMITS.tokenTtlMs;
    expect(fallback.authenticate(token)).toBeUndefined();
  });

  it('keeps a bounded log a conversation, and a bounded number of conversations', () => {
    const fallback = new OutageFallback(signer, DEFAULT_STORE_LIMITS, { maxConversations: 3, maxActivitiesPerConversation: 4, maxConversationBytes: 64 * 1024, keepMs: 60_000 }, clock);
    for (let i = 0; i < 10; i++) fallback.append('conv1', [{ type: 'message', text: `m${i}` }]);
    const kept = fallback.after('conv1', 0);
    expect(kept.activities.map((a) => a.text)).toEqual(['m6', 'm7', 'm8', 'm9']);
    expect(kept.watermark).toBe(10);
    expect(fallback.after('conv1', 9).activities.map((a) => a.text)).toEqual(['m9']);
    for (const id of ['a', 'b', 'c']) fallback.append(id, [{ type: 'message', text: id }]);
    expect(fallback.size).toBe(3);
    expect(fallback.after('conv1', 0).activities).toEqual([]);
    now += 60_000;
    fallback.sweep();
    expect(fallback.size).toBe(0);
  });

  it('a chat opened in the outage is started once', () => {
    const fallback = new OutageFallback(signer, DEFAULT_STORE_LIMITS, undefined, clock);
    const issued = fallback.issue();
    expect(fallback.authenticate(issued.token)?.conversation.started).toBe(false);
    expect(fallback.start(issued.conversationId)).toBe(true);
    expect(fallback.start(issued.conversationId)).toBe(false);
    expect(fallback.authenticate(issued.token)?.conversation.started).toBe(true);
  });

  it('WEBCHAT_TOKEN_KEY must be long, and a bad one is not echoed in the error', () => {
    expect(loadConfig({ WEBCHAT_TOKEN_KEY: 'x'.repeat(32) }).web.tokenKey).toBe('x'.repeat(32));
    expect(loadConfig({}).web.tokenKey).toBeUndefined();
    expect(() => loadConfig({ WEBCHAT_TOKEN_KEY: 'short-key' })).toThrow(ConfigError);
    expect(() => loadConfig({ WEBCHAT_TOKEN_KEY: 'short-key' })).toThrow(/^Configuration error: WEBCHAT_TOKEN_KEY must be at least 32 characters[^"]*$/);
  });
});
