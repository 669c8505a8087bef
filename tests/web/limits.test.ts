import { DirectLineClient, type TokenBody } from './directLineClient';
import { startWebChatServer, type WebChatServer } from './webChatServer';

describe('message and body size', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    server = await startWebChatServer({ MAX_MESSAGE_CHARS: '100' });
  });
  afterAll(() => server.stop());

  it('refuses text over MAX_MESSAGE_CHARS with 413 and a clear JSON error, and runs no turn', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    const before = await client.activities(conversationId);
    const res = await client.post(conversationId, { type: 'message', text: 'x'.repeat(101) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('MessageTooLong');
    expect(body.error.message).toMatch(/at most 100 characters/);
    expect((await client.activities(conversationId, before.watermark)).activities).toEqual([]);
  });

  it('counts characters, not bytes: 100 emoji are fine', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    expect((await client.post(conversationId, { type: 'message', text: '🍼'.repeat(100) })).status).toBe(200);
  });

  it('refuses a body over the Direct Line cap with 413, whatever is in it', async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    const res = await client.post(conversationId, { type: 'message', text: 'short', value: { padding: 'p'.repeat(20_000) } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RequestTooLarge');
  });

  it("refuses a body over the server's limit before reading it all", async () => {
    const client = new DirectLineClient(server.baseUrl);
    const conversationId = await client.open();
    const res = await client.post(conversationId, { type: 'message', text: 'x', value: 'v'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe('rate limits: per token and per client address', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    // One proxy hop trusted, so each test can speak from its own address (X-Forwarded-For).
    server = await startWebChatServer({ RATE_LIMIT_PER_MINUTE: '5' }, { trustProxyHops: 1 });
  });
  afterAll(() => server.stop());

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('limits token generation per address with 429 and Retry-After', async () => {
    const client = new DirectLineClient(server.baseUrl, '', from('198.51.100.1'));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.generate()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await client.generate();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    // Another address is not affected.
    expect((await new DirectLineClient(server.baseUrl, '', from('198.51.100.2')).generate()).status).toBe(200);
  });

  it('limits posts per token even when they come from many addresses', async () => {
    const opener = new DirectLineClient(server.baseUrl, '', from('198.51.100.10'));
    const conversationId = await opener.open();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const client = new DirectLineClient(server.baseUrl, opener.token, from(`203.0.113.${i + 1}`));
      statuses.push((await client.post(conversationId, { type: 'message', text: `m${i}` })).status);
    }
    // start used one of the token's five.
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses[4]).toBe(429);
    expect(statuses[5]).toBe(429);
  });

  it('limits writes per address across tokens', async () => {
    const address = from('198.51.100.20');
    const tokens: TokenBody[] = [];
    for (let i = 0; i < 2; i++) tokens.push((await (await new DirectLineClient(server.baseUrl, '', address).generate()).json()) as TokenBody);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t = tokens[i % 2];
      statuses.push((await new DirectLineClient(server.baseUrl, t.token, address).post(t.conversationId, { type: 'message', text: 'hi' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('lets Web Chat poll every second for a minute on its own budget', async () => {
    const client = new DirectLineClient(server.baseUrl, '', from('198.51.100.30'));
    const conversationId = await client.open();
    const statuses = new Set<number>();
    for (let i = 0; i < 70; i++) statuses.add((await client.poll(conversationId)).status);
    expect([...statuses]).toEqual([200]);
  });

  it('treats an IPv6 /64 as one address', async () => {
    const a = new DirectLineClient(server.baseUrl, '', from('2001:db8:1:2::1'));
    const b = new DirectLineClient(server.baseUrl, '', from('2001:db8:1:2:ffff::9'));
    for (let i = 0; i < 5; i++) expect((await (i % 2 ? a : b).generate()).status).toBe(200);
    expect((await a.generate()).status).toBe(429);
  });
});
