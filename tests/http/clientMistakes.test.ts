import { randomUUID } from 'node:crypto';
import { silentLogger } from '../../bot/logger';
import { closeServer, createServer, listen } from '../../bot/server';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { startBot, type RunningBot } from '../support/runningBot';
import { DirectLineClient } from '../web/directLineClient';

/**
 * A client's mistake gets a 4xx that says what is wrong, never a 500; and no error body carries an
 * error's own message (internals) or a piece of what the client sent.
 */
describe('client mistakes get a 4xx, and error bodies carry no internals', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot(TEST_CLINIC_ENV, { domain: testDomain() });
  });
  afterAll(() => bot.stop());

  const activity = (extra: Record<string, unknown>) => ({
    type: 'message',
    text: 'are my breasts supposed to leak',
    channelId: 'emulator',
    conversation: { id: `conv-${randomUUID()}` },
    from: { id: `user-${randomUUID()}` },
    recipient: { id: 'bot' },
    id: randomUUID(),
    ...extra,
  });
  const post = (body: string) => fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it.each([['normal delivery', {}], ['expectReplies', { deliveryMode: 'expectReplies' }]])(
    'an off-loopback serviceUrl gets 403 with %s',
    async (_name, mode) => {
      const res = await post(JSON.stringify(activity({ serviceUrl: 'https://evil.example/api', ...mode })));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/serviceUrl/);
    },
  );

  it('a serviceUrl of http://[::1] is refused with 400 naming it (replies could never reach it)', async () => {
    const res = await post(JSON.stringify(activity({ serviceUrl: 'http://[::1]:9/' })));
    expect(res.status).toBe(400);
    const said = ((await res.json()) as { error: string }).error;
    expect(said).toContain('[::1]');
    expect(said).toMatch(/localhost|127\.0\.0\.1/);
  });

  it('the bad-JSON 400 does not echo any part of the body', async () => {
    const res = await post('{"type": "message", "text": SECRET-WORDS-FROM-THE-PARENT}');
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).not.toContain('SECRET');
    expect(body).not.toContain('"type"');
    expect(body).toMatch(/JSON/);
  });

  const DEEP = `${'['.repeat(5000)}${']'.repeat(5000)}`;

  /** A new web chat, and a raw body posted to it as the browser would (the client's own post re-serialises). */
  async function postRawToWebChat(body: string) {
    const client = new DirectLineClient(bot.baseUrl);
    const conversationId = await client.open();
    const res = await fetch(`${bot.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
      body,
    });
    return { client, conversationId, res };
  }

  it('a web chat event whose value is nested 5,000 deep gets a 4xx naming the field, and the chat goes on', async () => {
    const { client, conversationId, res } = await postRawToWebChat(`{"type":"event","name":"webchat/join","value":${DEEP}}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = await res.text();
    expect(body).not.toMatch(/RangeError|stack|Maximum call/i);
    expect(body).toMatch(/value/);
    expect((await client.post(conversationId, { type: 'message', text: 'hello' })).status).toBe(200);
  });

  it('a web chat channelData nested 5,000 deep gets a 4xx too', async () => {
    const { res } = await postRawToWebChat(`{"type":"message","text":"hi","channelData":{"clientActivityID":"x","deep":${DEEP}}}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('an error the server answers itself', () => {
  it("answers 500 with a fixed sentence, never the error's message", async () => {
    const server = createServer({
      logger: silentLogger,
      isReady: () => true,
      messagesHandler: async () => {
        throw new RangeError('INTERNAL-DETAIL at /srv/bot/secret.ts:12');
      },
    });
    const address = await listen(server, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${address.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).not.toMatch(/INTERNAL-DETAIL|RangeError|secret\.ts/);
      expect(JSON.parse(body)).toEqual({ code: 'InternalError', message: expect.stringMatching(/could not process/) });
    } finally {
      await closeServer(server, 1000);
    }
  });
});
