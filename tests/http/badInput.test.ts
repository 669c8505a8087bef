import { networkInterfaces } from 'node:os';
import { listen } from '../../bot/server';
import { loadConfig } from '../../bot/config';
import { silentLogger } from '../../bot/logger';
import { composeApplication } from '../../index';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { conversation, startBot, type RunningBot } from '../support/runningBot';

describe('malformed and unusual HTTP requests', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot(TEST_CLINIC_ENV, { domain: testDomain() });
  });
  afterAll(() => bot.stop());

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${bot.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it.each([
    ['invalid JSON', '{"type": "message", ', 400],
    ['a JSON array', '[1,2,3]', 400],
    ['no activity type', '{"text": "hi"}', 400],
    ['no conversation', '{"type": "message", "text": "hi", "deliveryMode": "expectReplies"}', 400],
    ['JSON null', 'null', 400],
  ])('%s gets %d with a JSON error', async (_name, body, status) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    const answer = (await res.json()) as { error?: string; message?: string };
    expect((answer.error ?? answer.message ?? '').length).toBeGreaterThan(5);
  });

  it('a body that is not JSON gets 415', async () => {
    const res = await post('type=message', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
  });

  it('a body over the size limit gets 413', async () => {
    const res = await post(JSON.stringify({ type: 'message', text: 'x'.repeat(400_000) }));
    expect(res.status).toBe(413);
  });

  it('GET on /api/messages is refused', async () => {
    const res = await fetch(`${bot.baseUrl}/api/messages`);
    expect(res.status).toBe(405);
  });

  it('unknown activity types are accepted quietly, and the server keeps serving', async () => {
    const chat = conversation(bot.baseUrl);
    for (const type of ['typing', 'messageReaction', 'endOfConversation', 'installationUpdate', 'somethingNew']) {
      const res = await chat.send({ type, deliveryMode: 'expectReplies' });
      expect(res.status).toBe(200);
    }
    const replies = await chat.say('what are breast pads');
    expect((replies[replies.length - 1].channelData as { topic: string }).topic).toBe('breast-pads');
  });

  it('a very long message is read in part, and the parent is told', async () => {
    const replies = await conversation(bot.baseUrl).say(`my breasts leak in the shower ${'zzz '.repeat(700)}`);
    expect(replies.map((r) => r.text).join('\n')).toMatch(/long message/i);
    expect(replies.map((r) => (r.channelData as { topic?: string } | undefined)?.topic)).toContain('shower-leaking');
  });

  it('a message too long to read safely is refused in words, with the emergency number, not half-read', async () => {
    const replies = await conversation(bot.baseUrl).say(`${'my baby is feeding well and I am tired. '.repeat(150)} there is pus coming out`);
    const said = replies.map((r) => r.text).join('\n');
    expect(said).toMatch(/too long for me to read safely/i);
    expect(said).toContain('911');
  });

  it('a red flag at the end of a very long message still escalates', async () => {
    const replies = await conversation(bot.baseUrl).say(`${'my baby is feeding well and I am tired. '.repeat(100)} Also there is pus coming from my nipple.`);
    expect(replies.some((r) => (r.channelData as { escalation?: unknown } | undefined)?.escalation)).toBe(true);
  });

  it('health and readiness answer', async () => {
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

/** An address of this machine that is not loopback, so a request from it is "remote". */
function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

const remote = nonLoopbackAddress();
(remote ? describe : describe.skip)('unauthenticated mode seen from another host', () => {
  it('refuses callers that are not on this machine, unless deliberately opened', async () => {
    for (const [open, expected] of [['false', 403], ['true', 200]] as const) {
      const config = loadConfig({ ...TEST_CLINIC_ENV, ALLOW_REMOTE_UNAUTHENTICATED: open });
      const app = composeApplication(config, { logger: silentLogger, domain: testDomain() });
      const address = await listen(app.server, 0, remote!);
      try {
        const res = await fetch(`http://${remote}:${address.port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', text: 'hi', deliveryMode: 'expectReplies', channelId: 'emulator', serviceUrl: 'http://localhost:9', conversation: { id: 'remote' }, from: { id: 'u' }, recipient: { id: 'b' } }),
        });
        expect(res.status).toBe(expected);
      } finally {
        await app.stop();
      }
    }
  });
});
