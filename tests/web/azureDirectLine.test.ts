import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWebChatServer, type WebChatServer } from './webChatServer';

const SECRET = 'dl-secret-THIS-MUST-NEVER-REACH-A-BROWSER-0123456789abcdef';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Plays Azure's Direct Line token service on loopback. */
class FakeDirectLine {
  readonly received: Received[] = [];
  status = 200;
  private server?: Server;

  get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (this.status !== 200) {
          res.writeHead(this.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'BadArgument', message: `secret ${SECRET} rejected` } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ conversationId: `azure-conv-${this.received.length}`, token: `azure-token-${this.received.length}`, expires_in: 3600 }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

describe('with a Direct Line secret, the page uses Azure Bot Service', () => {
  const fake = new FakeDirectLine();
  let server: WebChatServer;
  beforeAll(async () => {
    await fake.start();
    server = await startWebChatServer({ DIRECT_LINE_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: '30' }, { directLineBase: `${fake.base}/` });
  });
  afterAll(async () => {
    await server.stop();
    await fake.stop();
  });

  it('exchanges the secret for a token server-side and gives the page only the token', async () => {
    const res = await fetch(`${server.baseUrl}/webchat/token`, { method: 'POST' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject({
      token: expect.stringMatching(/^azure-token-/),
      conversationId: expect.stringMatching(/^azure-conv-/),
      expires_in: 3600,
      domain: `${fake.base}/v3/directline`,
      webSocket: true,
      userId: expect.stringMatching(/^dl_[A-Za-z0-9_-]{16}$/),
    });
    const call = fake.received[fake.received.length - 1];
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/v3/directline/tokens/generate');
    expect(call.headers.authorization).toBe(`Bearer ${SECRET}`);
    // The user id is bound into the token, so the page cannot speak as someone else.
    expect(JSON.parse(call.body)).toEqual({ user: { id: body.userId } });
  });

  it('does not serve the built-in Direct Line endpoint', async () => {
    expect((await fetch(`${server.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
  });

  it('lets the chat page connect to Direct Line (https and its web socket) and nothing else', async () => {
    const res = await fetch(`${server.baseUrl}/chat`);
    const policy = res.headers.get('content-security-policy') ?? '';
    const connect = /connect-src ([^;]+)/.exec(policy)?.[1].split(' ');
    expect(connect).toEqual(["'self'", fake.base, fake.base.replace(/^http/, 'ws')]);
  });

  it('never puts the secret in any page, script or stylesheet', async () => {
    const seen = new Set<string>();
    const queue = ['/', '/chat', '/embed.js', '/theme.css'];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await fetch(`${server.baseUrl}${path}`);
      expect([path, res.status]).toEqual([path, 200]);
      const text = await res.text();
      expect(text).not.toContain(SECRET);
      expect(JSON.stringify(Object.fromEntries(res.headers))).not.toContain(SECRET);
      for (const m of text.matchAll(/(?:src|href)="(\/[^"]*)"/g)) queue.push(m[1].replace(/&#38;/g, '&'));
      // /embed.js names its stylesheet in its configuration.
      for (const m of text.matchAll(/"(\/assets\/[^"]+)"/g)) queue.push(m[1]);
    }
    // The pages, the launcher, the theme and every asset they load (Web Chat's bundle included).
    expect([...seen].filter((p) => p.startsWith('/assets/')).length).toBeGreaterThanOrEqual(5);
  });

  it('answers 502 without the secret when Direct Line refuses, and logs no secret', async () => {
    fake.status = 403;
    try {
      const res = await fetch(`${server.baseUrl}/webchat/token`, { method: 'POST' });
      expect(res.status).toBe(502);
      expect(await res.text()).not.toContain(SECRET);
    } finally {
      fake.status = 200;
    }
    const logs = server.logs.join('\n');
    expect(logs).toContain('webchat_token_exchange_failed');
    expect(logs).toContain('"upstreamStatus":403');
    expect(logs).not.toContain(SECRET);
  });

  it('limits token exchanges per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(`${server.baseUrl}/webchat/token`, { method: 'POST' })).status);
    expect(statuses).toContain(429);
  });
});

describe('when Azure Direct Line cannot be reached', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    server = await startWebChatServer({ DIRECT_LINE_SECRET: SECRET }, { directLineBase: 'http://127.0.0.1:9' });
  });
  afterAll(() => server.stop());

  it('answers 502 with a plain message', async () => {
    const res = await fetch(`${server.baseUrl}/webchat/token`, { method: 'POST' });
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('DirectLineUnavailable');
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(server.logs.join('\n')).not.toContain(SECRET);
  });
});

describe('without a secret, the page gets a token from the built-in endpoint', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    server = await startWebChatServer();
  });
  afterAll(() => server.stop());

  it('POST /webchat/token returns a session for this server', async () => {
    const res = await fetch(`${server.baseUrl}/webchat/token`, { method: 'POST' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), conversationId: expect.any(String), userId: expect.stringMatching(/^u_/), webSocket: false });
    expect(body.domain).toBeUndefined();
    const started = await fetch(`${server.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${body.token as string}` } });
    expect(started.status).toBe(201);
  });
});
