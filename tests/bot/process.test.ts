import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { projectRoot } from '../../core/projectRoot';

const root = projectRoot();

/** The real entry point (index.ts), as `npm start` runs it, but from the TypeScript sources. */
function startProcess(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', join(root, 'index.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}

function collect(stream: NodeJS.ReadableStream): { text: () => string } {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { text: () => text };
}

// Start-up includes the warm-up turns and, here, compiling the sources on the fly: on the shared 2-core
// machine under load that has taken over 20 s. A deadline for a hung start, not a speed check.
jest.setTimeout(90_000);

async function listeningPort(child: ChildProcessWithoutNullStreams, stdout: { text: () => string }): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const line = stdout.text().split('\n').find((l) => l.includes('"event":"listening"'));
    if (line) return (JSON.parse(line) as { port: number }).port;
    if (child.exitCode !== null) throw new Error(`exited early with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no "listening" log line: ${stdout.text()}`);
}

describe('the bot process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('starts with no configuration, is ready, and stops cleanly on %s', async (signal) => {
    const child = startProcess({ PORT: '0', HOST: '127.0.0.1' });
    const stdout = collect(child.stdout);
    try {
      const port = await listeningPort(child, stdout);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      child.kill(signal);
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(stdout.text()).toContain(`"event":"shutting_down","signal":"${signal}"`);
      // With no clinic phone and no emergency number, start-up says so in one line.
      const warnings = stdout.text().split('\n').filter((l) => l.includes('"event":"configuration_incomplete"'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/CLINIC_PHONE and EMERGENCY_NUMBER are not set/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a bad setting with one line naming the variable, and exit code 1', async () => {
    const child = startProcess({ PORT: 'eighty' });
    const stderr = collect(child.stderr);
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr.text().trim()).toBe('Configuration error: PORT must be a whole number between 0 and 65535 (got "eighty")');
  });

  it('logs JSON lines only, with no message text', async () => {
    const child = startProcess({ PORT: '0', HOST: '127.0.0.1' });
    const stdout = collect(child.stdout);
    try {
      const port = await listeningPort(child, stdout);
      const secretWords = 'my left nipple has a blister shaped like a star';
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: secretWords, deliveryMode: 'expectReplies', channelId: 'emulator', serviceUrl: 'http://localhost:9', conversation: { id: 'log-test' }, from: { id: 'parent-log-test' }, recipient: { id: 'bot' } }),
      });
      expect(res.status).toBe(200);
      child.kill('SIGTERM');
      await once(child, 'exit');
      const lines = stdout.text().trim().split('\n');
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
      expect(lines.some((l) => l.includes('"event":"turn"'))).toBe(true);
      expect(stdout.text()).not.toContain('blister');
      expect(stdout.text()).not.toContain('parent-log-test');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('adds the message text to the turn log only with the local debug switch', async () => {
    const child = startProcess({ PORT: '0', HOST: '127.0.0.1', LOG_MESSAGE_TEXT: 'true' });
    const stdout = collect(child.stdout);
    try {
      const port = await listeningPort(child, stdout);
      await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'debugging the shower answer', deliveryMode: 'expectReplies', channelId: 'emulator', serviceUrl: 'http://localhost:9', conversation: { id: 'debug' }, from: { id: 'u' }, recipient: { id: 'bot' } }),
      });
      child.kill('SIGTERM');
      await once(child, 'exit');
      expect(stdout.text()).toContain('"text":"debugging the shower answer"');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
