import { DirectLineClient } from './directLineClient';
import { startWebChatServer, type WebChatServer } from './webChatServer';

const CLINIC = 'https://www.clinic.example.org';
const STRANGER = 'https://evil.example.com';

describe('CORS for the chat API', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    // Entries are normalised: case, a trailing slash and a path do not matter; junk is ignored.
    server = await startWebChatServer({ WEBCHAT_ALLOWED_ORIGINS: `HTTPS://www.Clinic.example.org/, not an origin, ftp://files.example.org` });
  });
  afterAll(() => server.stop());

  it('answers an allowed origin with its own Access-Control-Allow-Origin', async () => {
    const client = new DirectLineClient(server.baseUrl, '', { origin: CLINIC });
    const res = await client.generate();
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(CLINIC);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const conversationId = await client.open();
    const poll = await client.poll(conversationId);
    expect(poll.headers.get('access-control-allow-origin')).toBe(CLINIC);
  });

  it('answers the preflight of an allowed origin with the headers DirectLineJS sends', async () => {
    const res = await fetch(`${server.baseUrl}/v3/directline/conversations/abc/activities`, {
      method: 'OPTIONS',
      headers: { origin: CLINIC, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-ms-bot-agent' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(CLINIC);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'x-ms-bot-agent']) expect(allowed).toContain(header);
    const tokenPreflight = await fetch(`${server.baseUrl}/webchat/token`, { method: 'OPTIONS', headers: { origin: CLINIC, 'access-control-request-method': 'POST' } });
    expect(tokenPreflight.status).toBe(204);
  });

  it('refuses an origin not on the list: no CORS headers, 403 for the preflight and the request', async () => {
    const preflight = await fetch(`${server.baseUrl}/v3/directline/tokens/generate`, {
      method: 'OPTIONS',
      headers: { origin: STRANGER, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const res = await new DirectLineClient(server.baseUrl, '', { origin: STRANGER }).generate();
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const token = await fetch(`${server.baseUrl}/webchat/token`, { method: 'POST', headers: { origin: STRANGER } });
    expect(token.status).toBe(403);
    // A token obtained elsewhere does not help a page on a stranger's origin.
    const owner = new DirectLineClient(server.baseUrl);
    const conversationId = await owner.open();
    const stolen = new DirectLineClient(server.baseUrl, owner.token, { origin: STRANGER });
    expect((await stolen.poll(conversationId)).status).toBe(403);
    for (const origin of ['null', 'https://www.clinic.example.org.evil.example.com', 'ftp://files.example.org']) {
      expect((await new DirectLineClient(server.baseUrl, '', { origin }).generate()).status).toBe(403);
    }
  });

  it('always serves its own origin', async () => {
    const client = new DirectLineClient(server.baseUrl, '', { origin: server.baseUrl });
    const res = await client.generate();
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const session = await fetch(`${server.baseUrl}/webchat/token`, { method: 'POST', headers: { origin: server.baseUrl } });
    expect(session.status).toBe(200);
  });
});

describe('with no allowed origins', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    server = await startWebChatServer();
  });
  afterAll(() => server.stop());

  it('serves the same origin and callers without an Origin (servers, curl), and refuses every other origin', async () => {
    expect((await new DirectLineClient(server.baseUrl).generate()).status).toBe(200);
    expect((await new DirectLineClient(server.baseUrl, '', { origin: server.baseUrl }).generate()).status).toBe(200);
    expect((await new DirectLineClient(server.baseUrl, '', { origin: CLINIC }).generate()).status).toBe(403);
  });
});

describe('behind a reverse proxy that rewrites Host', () => {
  let trusting: WebChatServer;
  let direct: WebChatServer;
  beforeAll(async () => {
    trusting = await startWebChatServer({}, { trustProxyHops: 1 });
    direct = await startWebChatServer();
  });
  afterAll(async () => {
    await trusting.stop();
    await direct.stop();
  });

  const publicSite = { origin: 'https://chat.clinic.example.org', 'x-forwarded-host': 'chat.clinic.example.org', 'x-forwarded-for': '198.51.100.7' };

  it('counts the public host (X-Forwarded-Host) as its own origin only when told it sits behind a proxy', async () => {
    expect((await new DirectLineClient(trusting.baseUrl, '', publicSite).generate()).status).toBe(200);
    expect((await new DirectLineClient(direct.baseUrl, '', publicSite).generate()).status).toBe(403);
  });
});

describe('the chat page with no allowed origins', () => {
  let server: WebChatServer;
  beforeAll(async () => {
    server = await startWebChatServer();
  });
  afterAll(() => server.stop());

  it('may be framed by its own origin only, in old browsers too', async () => {
    const res = await fetch(`${server.baseUrl}/chat`);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self';");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
