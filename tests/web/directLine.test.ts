import { DirectLineClient, type TokenBody } from './directLineClient';
import { startWebChatServer, type WebChatServer } from './webChatServer';

describe('the built-in Direct Line endpoint speaks the protocol Web Chat uses', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    server = await startWebChatServer();
  });
  afterAll(() => server.stop());

  it('generates a random token bound to a new conversation', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const res = await client.generate();
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenBody;
    expect(body.conversationId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // 32 random bytes, base64url.
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expires_in).toBeGreaterThan(15 * 60);
    const other = (await (await client.generate()).json()) as TokenBody;
    expect(other.token).not.toBe(body.token);
    expect(other.conversationId).not.toBe(body.conversationId);
  });

  it('starts the conversation (201) and the bot greets the new member; starting again is harmless', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const generated = (await (await client.generate()).json()) as TokenBody;
    client.token = generated.token;
    const started = await client.start();
    expect(started.status).toBe(201);
    expect(await started.json()).toEqual({ conversationId: generated.conversationId, token: generated.token, expires_in: expect.any(Number) });
    const again = await client.start();
    expect(again.status).toBe(200);
    const { activities, watermark } = await client.activities(generated.conversationId);
    expect(activities.map((a) => a.text)).toEqual(['Welcome to the test clinic.']);
    expect(activities[0]).toMatchObject({ type: 'message', channelId: 'webchat', from: { role: 'bot' }, id: `${generated.conversationId}|0000001` });
    expect(watermark).toBe('1');
  });

  it('posts an activity, returns its id, and echoes it with the bot replies after the watermark', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    const first = await client.activities(conversationId);
    const res = await client.post(conversationId, {
      type: 'message',
      text: 'hello there',
      from: { id: 'someone-else', role: 'user' },
      channelData: { clientActivityID: 'client-1', clientTimestamp: '2024-01-01T00:00:00.000Z', sneaky: 'dropped' },
      entities: [{ type: 'ClientCapabilities' }],
    });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));

    const next = await client.activities(conversationId, first.watermark);
    const [echo, typing, reply, ...rest] = next.activities;
    expect(rest).toEqual([]);
    expect(echo).toMatchObject({ id, type: 'message', text: 'hello there', from: { role: 'user' }, channelData: { clientActivityID: 'client-1' } });
    expect(echo.channelData).not.toHaveProperty('sneaky');
    // The user id is the server's, bound to the token: the browser cannot speak as someone else.
    expect(echo.from.id).toMatch(/^u_/);
    expect(echo.from.id).not.toBe('someone-else');
    expect(typing.type).toBe('typing');
    expect(reply).toMatchObject({ type: 'message', text: 'echo: hello there', replyToId: id, from: { id: 'leakbot', role: 'bot' } });
    // The bot saw the same user id and the webchat channel.
    expect(reply.channelData).toMatchObject({ from: echo.from.id, channel: 'webchat' });
    expect(reply.suggestedActions?.actions[0]).toMatchObject({ title: 'Again', value: 'again' });
    // Trace activities stay on the server.
    expect(next.activities.some((a) => a.type === 'trace')).toBe(false);

    const nothingNew = await client.activities(conversationId, next.watermark);
    expect(nothingNew).toEqual({ activities: [], watermark: next.watermark });
    const everything = await client.activities(conversationId);
    expect(everything.activities.map((a) => a.id)).toEqual([...first.activities, ...next.activities].map((a) => a.id));
  });

  it('answers GET /conversations/{id} (reconnect) with the conversation and token', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    const res = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}?watermark=`, { headers: { authorization: `Bearer ${client.token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ conversationId, token: client.token });
  });

  it('refreshes a token: a new one for the same conversation', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    const old = client.token;
    const res = await client.refresh();
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenBody;
    expect(body.conversationId).toBe(conversationId);
    expect(body.token).not.toBe(old);
    client.token = body.token;
    await client.say(conversationId, 'after refresh');
    const { activities } = await client.activities(conversationId);
    expect(activities.map((a) => a.text)).toContain('echo: after refresh');
  });

  it('refuses a bad watermark, other activity types, files and non-JSON bodies with 4xx', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    expect((await client.poll(conversationId, 'abc')).status).toBe(400);
    expect((await client.post(conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'x' }] })).status).toBe(400);
    expect((await client.post(conversationId, { type: 'message', text: 'hi', attachments: [{ contentType: 'image/png', contentUrl: 'blob:x' }] })).status).toBe(400);
    expect((await client.post(conversationId, { type: 'message', text: 42 })).status).toBe(400);
    const notJson = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(notJson.status).toBe(415);
    const error = (await notJson.json()) as { error: { code: string; message: string } };
    expect(error.error.message).toMatch(/JSON/);
  });

  it('accepts a typing activity without running a turn', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    const before = await client.activities(conversationId);
    expect((await client.post(conversationId, { type: 'typing' })).status).toBe(200);
    expect((await client.activities(conversationId, before.watermark)).activities).toEqual([]);
  });

  it('answers with the apology when the bot fails, and never logs what was said', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    await client.say(conversationId, 'throw');
    const secretWords = 'my very private symptom description';
    await client.say(conversationId, secretWords);
    const { activities } = await client.activities(conversationId);
    expect(activities.some((a) => a.from.role === 'bot' && /something went wrong/i.test(a.text ?? ''))).toBe(true);
    const logs = server.logs.join('\n');
    expect(logs).toContain('turn_error');
    expect(logs).not.toContain(secretWords);
    expect(logs).not.toContain(client.token);
  });
});

describe('a token opens its own conversation only', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    server = await startWebChatServer();
  });
  afterAll(() => server.stop());

  it("refuses another conversation's activities with 403, for reading and writing", async () => {
    const alice = new DirectLineClient(server.baseUrl);
    const bob = new DirectLineClient(server.baseUrl);
    const aliceConversation = await alice.open();
    const bobConversation = await bob.open();
    await bob.say(bobConversation, 'bob only');
    const read = await alice.poll(bobConversation);
    expect(read.status).toBe(403);
    expect(JSON.stringify(await read.json())).not.toContain('bob only');
    expect((await alice.post(bobConversation, { type: 'message', text: 'intrusion' })).status).toBe(403);
    expect((await fetch(`${server.baseUrl}/v3/directline/conversations/${bobConversation}`, { headers: { authorization: `Bearer ${alice.token}` } })).status).toBe(403);
    const bobs = await bob.activities(bobConversation);
    expect(bobs.activities.some((a) => a.text === 'intrusion')).toBe(false);
    expect((await alice.poll(aliceConversation)).status).toBe(200);
  });

  it('refuses a missing or unknown token with 401', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    const anonymous = new DirectLineClient(server.baseUrl);
    expect((await anonymous.poll(conversationId)).status).toBe(401);
    expect((await anonymous.start()).status).toBe(401);
    expect((await anonymous.refresh()).status).toBe(401);
    const forged = new DirectLineClient(server.baseUrl, 'A'.repeat(43));
    expect((await forged.poll(conversationId)).status).toBe(401);
    expect((await forged.post(conversationId, { type: 'message', text: 'hi' })).status).toBe(401);
    const malformed = await fetch(`${server.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
  });
});

describe('tokens expire, and the conversation log with them', () => {
  let server: WebChatServer;
  let now = Date.parse('2025-03-01T09:00:00Z');
  const minutes = (n: number) => (now += n * 60_000);
  beforeAll(async () => {
    server = await startWebChatServer({}, { now: () => now, store: { tokenTtlMs: 30 * 60_000, refreshGraceMs: 60_000, maxConversationAgeMs: 2 * 3_600_000 } });
  });
  afterAll(() => server.stop());

  it('refuses an expired token with 401 and forgets the conversation', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    await client.say(conversationId, 'remember me');
    const before = server.store!.size.conversations;
    minutes(31);
    expect((await client.poll(conversationId)).status).toBe(401);
    expect((await client.post(conversationId, { type: 'message', text: 'late' })).status).toBe(401);
    expect((await client.refresh()).status).toBe(401);
    server.store!.sweep();
    expect(server.store!.size.conversations).toBeLessThan(before);
  });

  it('keeps a refreshed conversation alive; the old token works only for a short grace period', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    await client.say(conversationId, 'hello');
    const old = client.token;
    minutes(15);
    const refreshed = (await (await client.refresh()).json()) as TokenBody;
    client.token = refreshed.token;
    minutes(2);
    expect((await new DirectLineClient(server.baseUrl, old).poll(conversationId)).status).toBe(401);
    minutes(20);
    // 37 minutes after the first token: the refreshed one still works.
    expect((await client.poll(conversationId)).status).toBe(200);
  });

  it('stops refreshing at the maximum conversation age with 403, which DirectLineJS reads as expired', async () => {
    const client = new DirectLineClient(server.baseUrl);
    await client.open();
    for (let i = 0; i < 8; i++) {
      minutes(15);
      const res = await client.refresh();
      if (res.status !== 200) {
        expect(res.status).toBe(403);
        return;
      }
      client.token = ((await res.json()) as TokenBody).token;
    }
    throw new Error('refresh never stopped');
  });
});

describe('conversation logs in memory are bounded', () => {
  let server: WebChatServer;
  const now = Date.parse('2025-03-01T09:00:00Z');
  beforeAll(async () => {
    server = await startWebChatServer(
      { RATE_LIMIT_PER_MINUTE: '1000' },
      { now: () => now, store: { maxActivitiesPerConversation: 5, maxConversations: 3, idleEvictMs: 5 * 60_000 } },
    );
  });
  afterAll(() => server.stop());

  it('keeps only the newest activities of a conversation', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    for (let i = 0; i < 6; i++) await client.say(conversationId, `message ${i}`);
    const { activities, watermark } = await client.activities(conversationId);
    expect(activities).toHaveLength(5);
    expect(activities[activities.length - 1].text).toBe('echo: message 5');
    expect(Number(watermark)).toBeGreaterThan(5);
  });

  it('never refuses a new chat for being full: a parent who writes takes the slot of the least recently written', async () => {
    const clients = [new DirectLineClient(server.baseUrl), new DirectLineClient(server.baseUrl), new DirectLineClient(server.baseUrl)];
    const ids: string[] = [];
    for (const client of clients) {
      ids.push(await client.open());
      await client.say(ids[ids.length - 1], 'hello');
    }
    const newcomer = new DirectLineClient(server.baseUrl);
    const newId = await newcomer.open();
    await newcomer.say(newId, 'hello');
    expect(server.store!.size.slots).toBeLessThanOrEqual(3);
    expect((await clients[0].poll(ids[0])).status).toBe(401);
    expect((await clients[2].poll(ids[2])).status).toBe(200);
  });
});

describe('with MicrosoftAppId set, the in-process turns still need no Bot Framework token', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    server = await startWebChatServer({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret' });
  });
  afterAll(() => server.stop());

  it('greets and answers', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    await client.say(conversationId, 'hi');
    const { activities } = await client.activities(conversationId);
    expect(activities.filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text)).toEqual(['Welcome to the test clinic.', 'echo: hi']);
  });
});
