import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { isAscii } from 'node:buffer';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../core/projectRoot';
import { bundleLauncher, bundleServer, startFlags, writeBundleCodeCache } from '../../scripts/bundle';

const root = projectRoot();

/** package.json's start script, as words. */
function startScript(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require(join(root, 'package.json')) as { scripts: Record<string, string> };
  return pkg.scripts.start.split(/\s+/);
}

describe('the server bundle that npm start runs', () => {
  // Under the project folder (test-output/ is ignored by git): the bundle finds knowledge/ from there.
  let dir: string;
  let bundle: string;
  let launcher: string;

  beforeAll(async () => {
    mkdirSync(join(root, 'test-output'), { recursive: true });
    dir = mkdtempSync(join(root, 'test-output', 'bundle-'));
    bundle = await bundleServer(root, join(dir, 'server.js'));
    launcher = await bundleLauncher(root, join(dir, 'start.js'));
    writeBundleCodeCache(launcher, root);
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is ASCII, so that V8 holds it as a one-byte string (dependencies escaped, scripts/bundle.ts)', () => {
    expect(isAscii(readFileSync(bundle))).toBe(true);
  });

  it('is what the build writes: the launcher beside the bundle', () => {
    const words = startScript();
    expect(words[0]).toBe('node');
    expect(words.at(-1)).toBe(relative(root, join(root, 'dist', 'start.js')));
  });

  it('starts, is ready, and answers a message', async () => {
    const child = spawn(process.execPath, [...startFlags(root), launcher], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    try {
      const deadline = Date.now() + 60_000;
      let port: number | undefined;
      while (port === undefined && Date.now() < deadline && child.exitCode === null) {
        const line = stdout.split('\n').find((l) => l.includes('"event":"listening"'));
        if (line) port = (JSON.parse(line) as { port: number }).port;
        else await new Promise((r) => setTimeout(r, 50));
      }
      expect(port).toBeDefined();
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'why do I leak in the shower?', deliveryMode: 'expectReplies', channelId: 'emulator', serviceUrl: 'http://localhost:9', conversation: { id: 'bundle-test' }, from: { id: 'parent' }, recipient: { id: 'bot' } }),
      });
      const body = (await res.json()) as { activities: Array<{ type: string; text?: string }> };
      expect(res.status).toBe(200);
      expect(body.activities.some((a) => a.type === 'message' && (a.text ?? '').length > 0)).toBe(true);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  }, 90_000);

  it("loads the bundle with the build's code cache and maps an error's stack trace back to the TypeScript source", () => {
    const script = [
      `const launch = require(${JSON.stringify(launcher)});`,
      `launch.mapStackTraces(${JSON.stringify(bundle)});`,
      `const loaded = launch.loadBundle(${JSON.stringify(bundle)}, undefined, false);`,
      'console.log(loaded.cache);',
      'loaded.exports.turnErrorApologies(undefined);',
    ].join('\n');
    const run = spawnSync(process.execPath, [...startFlags(root), '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('used');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/at .*turnErrorApologies \(.*index\.ts:\d+:\d+\)/);
  });
});
