import { connect, type Socket } from 'node:net';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { startBot, type RunningBot } from '../support/runningBot';

/**
 * Sockets that send part of a request and stall (slowloris) are closed by the server's own timeouts,
 * and other clients are served meanwhile. A handful of sockets on 127.0.0.1, short timeouts.
 */
describe('slow clients', () => {
  const STALLED = 12;
  let bot: RunningBot;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    bot = await startBot(
      { ...TEST_CLINIC_ENV, HTTP_HEADERS_TIMEOUT_MS: '400', HTTP_REQUEST_TIMEOUT_MS: '800', HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' },
      { domain: testDomain() },
    );
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await bot.stop();
  });

  /** Opens a socket, writes `data` and nothing more; resolves to a promise of the socket's close. */
  function stall(data: string): Promise<{ closed: Promise<string> }> {
    const { port } = new URL(bot.baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(data);
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        resolve({ closed: new Promise((done) => socket.once('close', () => done(answer))) });
      });
      socket.once('error', reject);
      sockets.push(socket);
    });
  }

  /** Waits for every promise, but no longer than `ms`: the ones still open come back as 'open'. */
  const within = (promises: Array<Promise<string>>, ms: number) =>
    Promise.all(promises.map((p) => Promise.race([p.then(() => 'closed'), new Promise<string>((r) => setTimeout(() => r('open'), ms).unref())])));

  it('closes sockets stalled in their headers or their body, and serves others meanwhile', async () => {
    const host = new URL(bot.baseUrl).host;
    const halfHeaders = Array.from({ length: STALLED / 2 }, () => stall(`POST /api/messages HTTP/1.1\r\nHost: ${host}\r\nContent-Type: app`));
    const halfBody = Array.from({ length: STALLED / 2 }, () =>
      stall(`POST /api/messages HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"type":`),
    );
    const stalled = await Promise.all([...halfHeaders, ...halfBody]);

    const meanwhile = await fetch(`${bot.baseUrl}/healthz`);
    expect(meanwhile.status).toBe(200);

    // Node's defaults would hold them 60 s (headers) and 300 s (body); with these settings they go in
    // about 1 s (800 ms and a check every 100 ms). The wait is 20 times that, so a loaded machine cannot
    // fail it, and still a third of Node's shortest default: it only returns early when all are closed.
    const states = await within(stalled.map((s) => s.closed), 20_000);
    expect(states.filter((s) => s === 'closed')).toHaveLength(STALLED);

    const after = await fetch(`${bot.baseUrl}/readyz`);
    expect(after.status).toBe(200);
  }, 60_000);

  it('the timeouts are configurable and checked together', async () => {
    const { loadConfig } = await import('../../bot/config');
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS must be at least HTTP_HEADERS_TIMEOUT_MS/);
  });
});
