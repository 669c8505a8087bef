import { blobStorageEnv, startAzurite, type Azurite } from '../support/azurite';
import { TEST_CLINIC, TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { startBot, type RunningBot } from '../support/runningBot';
import { DirectLineClient, type ActivityBody, type ActivitySet, type TokenBody } from '../web/directLineClient';

/**
 * The web chat's built-in Direct Line through the real server with STORAGE=blob, while Azurite is
 * stopped: a parent's message is still read for red flags, and the web chat shows the advice and then
 * the apology; when the store is back the conversation carries on from what was stored.
 */

let azurite: Azurite;
let bot: RunningBot;
let storageApology: string;

beforeAll(async () => {
  azurite = await startAzurite();
  bot = await startBot({ ...TEST_CLINIC_ENV, ...blobStorageEnv(azurite) }, { domain: testDomain() });
  storageApology = testDomain().composer.fill(testDomain().messages.storageError);
}, 60_000);
afterEach(async () => {
  if (!azurite.running) await azurite.restart();
});
afterAll(async () => {
  await bot?.stop();
  await azurite?.stop();
});

type Escalation = { level: string; reasons: string[] };
const escalationOf = (a: ActivityBody) => a.channelData?.escalation as Escalation | undefined;
const fromBot = (set: ActivitySet) => set.activities.filter((a) => a.from.role === 'bot' && a.type === 'message');

/** A web chat as the browser drives it: every request's status is kept, polls continue from the last watermark. */
class Chat {
  readonly statuses: Array<[string, number]> = [];
  watermark = '';
  readonly client: DirectLineClient;
  conversationId = '';

  constructor(baseUrl: string) {
    this.client = new DirectLineClient(baseUrl);
  }

  private record(what: string, res: Response): Response {
    this.statuses.push([what, res.status]);
    return res;
  }

  async open(): Promise<void> {
    const generated = this.record('generate', await this.client.generate());
    expect(generated.status).toBe(200);
    const body = (await generated.json()) as TokenBody;
    this.client.token = body.token;
    this.conversationId = body.conversationId;
    expect(this.record('start', await this.client.start()).status).toBe(201);
  }

  /** Sends a message, then polls once, as Web Chat does: the bot's messages that arrived. */
  async say(text: string): Promise<ActivityBody[]> {
    const posted = this.record('post', await this.client.post(this.conversationId, { type: 'message', text, from: { id: 'r_client', role: 'user' } }));
    expect(posted.status).toBe(200);
    return this.poll();
  }

  async poll(): Promise<ActivityBody[]> {
    const res = this.record('poll', await this.client.poll(this.conversationId, this.watermark));
    expect(res.status).toBe(200);
    const set = (await res.json()) as ActivitySet;
    this.watermark = set.watermark;
    return fromBot(set);
  }
}

/** What Web Chat shows of a reply: its text and its cards (the text is a one-line lead where cards are shown). */
function shown(activity: ActivityBody): string {
  return `${activity.text ?? ''}\n${JSON.stringify((activity as { attachments?: unknown }).attachments ?? [])}`;
}

function expectAdviceThenApology(replies: ActivityBody[], level: string): void {
  expect(replies).toHaveLength(2);
  const [advice, apology] = replies;
  expect(escalationOf(advice)?.level).toBe(level);
  expect(shown(advice)).toContain(TEST_CLINIC.name);
  expect(shown(advice)).toContain(TEST_CLINIC.emergencyNumber);
  expect(apology.text).toBe(storageApology);
  expect(escalationOf(apology)).toBeUndefined();
}

describe('the web chat while the state store is down', () => {
  it('a parent with an open chat gets the red-flag advice and then the apology, and the chat carries on intact when the store is back', async () => {
    const chat = new Chat(bot.baseUrl);
    await chat.open();
    const welcome = await chat.poll();
    expect(welcome).toHaveLength(1);
    const before = await chat.say('why do my breasts leak in the shower');
    expect(before.map((a) => a.channelData?.topic)).toContain('shower-leaking');

    await azurite.pause();
    const crisis = await chat.say('I want to kill myself');
    expectAdviceThenApology(crisis, 'emergency');
    expect(shown(crisis[0])).toContain(TEST_CLINIC.crisisLine);
    const fever = await chat.say('fever 39 and my breast is red and hot');
    expectAdviceThenApology(fever, 'urgent');
    const benign = await chat.say('how long does leaking last');
    expect(benign.map((a) => a.text)).toEqual([storageApology]);
    // Polling on in the outage shows nothing twice.
    expect(await chat.poll()).toEqual([]);

    await azurite.restart();
    const after = await chat.say('is it normal to leak at night');
    expect(after.length).toBeGreaterThan(0);
    const said = after.map((a) => a.text);
    expect(said).not.toContain(storageApology);
    // The bot's state was kept: no second welcome.
    expect(said).not.toContain(welcome[0].text);
    expect(after.every((a) => a.channelData?.escalation === undefined)).toBe(true);
    // The log is whole and in order: the stored turns before and after the outage, and what this instance kept from it in between.
    const full = fromBot(await chat.client.activities(chat.conversationId));
    const inOutage = [...crisis, ...fever, ...benign].map((a) => a.text);
    expect(full.map((a) => a.text)).toEqual([welcome[0].text, ...before.map((a) => a.text), ...inOutage, ...said]);
    expect(chat.statuses.every(([, status]) => status === 200 || status === 201)).toBe(true);
  }, 60_000);

  it('a parent who opens the chat during the outage is told, gets the advice for a red flag, and starts afresh once the store is back', async () => {
    await azurite.pause();
    const chat = new Chat(bot.baseUrl);
    await chat.open();
    expect((await chat.poll()).map((a) => a.text)).toEqual([storageApology]);
    const crisis = await chat.say('I want to kill myself');
    expectAdviceThenApology(crisis, 'emergency');
    expect(shown(crisis[0])).toContain(TEST_CLINIC.crisisLine);

    await azurite.restart();
    // The store never held this chat: its token is refused plainly, and a new chat works.
    const res = await chat.client.poll(chat.conversationId, chat.watermark);
    expect(res.status).toBe(401);
    const fresh = new Chat(bot.baseUrl);
    await fresh.open();
    expect(await fresh.poll()).toHaveLength(1);
  }, 60_000);

  it('a chat whose token came before the outage and that starts during it is told at once', async () => {
    const chat = new Chat(bot.baseUrl);
    const generated = (await (await chat.client.generate()).json()) as TokenBody;
    Object.assign(chat, { conversationId: generated.conversationId });
    chat.client.token = generated.token;
    await azurite.pause();
    expect((await chat.client.start()).status).toBe(201);
    expect((await chat.poll()).map((a) => a.text)).toEqual([storageApology]);
    expectAdviceThenApology(await chat.say('I want to kill myself'), 'emergency');
  }, 60_000);

  it('a token that was altered is not accepted in the outage', async () => {
    const chat = new Chat(bot.baseUrl);
    await chat.open();
    await azurite.pause();
    const [version, body, mac] = chat.client.token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, i: Date.now() + 3_600_000 })).toString('base64url');
    chat.client.token = `${version}.${forged}.${mac}`;
    const res = await chat.client.post(chat.conversationId, { type: 'message', text: 'hello' });
    expect(res.status).toBe(503);
  }, 60_000);

  it('with WEBCHAT_TOKEN_KEY shared, another instance recognises the token and reads the message; without it, a clear 503', async () => {
    const env = { ...TEST_CLINIC_ENV, ...blobStorageEnv(azurite) };
    const key = { WEBCHAT_TOKEN_KEY: 'k'.repeat(16) + 'a-shared-test-key-of-32-chars' };
    const [a, b, stranger] = [
      await startBot({ ...env, ...key }, { domain: testDomain() }),
      await startBot({ ...env, ...key }, { domain: testDomain() }),
      await startBot(env, { domain: testDomain() }),
    ];
    try {
      const chat = new Chat(a.baseUrl);
      await chat.open();
      await chat.poll();
      await azurite.pause();
      const onB = new Chat(b.baseUrl);
      Object.assign(onB, { conversationId: chat.conversationId, watermark: chat.watermark });
      onB.client.token = chat.client.token;
      expectAdviceThenApology(await onB.say('fever 39 and my breast is red and hot'), 'urgent');
      const refused = await new DirectLineClient(stranger.baseUrl, chat.client.token).post(chat.conversationId, { type: 'message', text: 'hello' });
      expect(refused.status).toBe(503);
    } finally {
      await Promise.all([a.stop(), b.stop(), stranger.stop()]);
    }
  }, 60_000);
});
