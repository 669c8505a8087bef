import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Response } from 'playwright-core';
import { projectRoot } from '../../../core/projectRoot';
import type { PageDocument } from './dom';

declare const document: PageDocument;
declare const window: Record<string, unknown>;

export const CHROMIUM = '/usr/bin/chromium';
export const OUTPUT_DIR = join(projectRoot(), 'test-output');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * describe() for suites that drive Debian's Chromium. Without /usr/bin/chromium they are skipped with
 * a visible message, unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  if (process.env.REQUIRE_BROWSER === '1') {
    describe(name, () => {
      it('needs Chromium at /usr/bin/chromium', () => {
        throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install -y chromium`);
      });
    });
    return;
  }
  console.warn(`SKIPPED browser tests "${name}": ${CHROMIUM} not found. Install Debian's chromium (apt-get install -y chromium), or set REQUIRE_BROWSER=1 to fail instead.`);
  describe.skip(`${name} [SKIPPED: no ${CHROMIUM}]`, body);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh temporary profile, removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'leakbot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function outputPath(name: string): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return join(OUTPUT_DIR, name);
}

export interface SeenActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  channelData?: { topic?: string; escalation?: { level: string; reasons: string[] }; clientActivityID?: string };
  suggestedActions?: { actions: Array<{ title: string; value: string; type: string }> };
  attachments?: Array<{ contentType: string; content: unknown }>;
}

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

/** The first TextBlock's text in an Adaptive Card, depth first. */
export function firstCardText(card: unknown): string | undefined {
  const visit = (node: unknown): string | undefined => {
    if (Array.isArray(node)) {
      for (const item of node) {
        const found = visit(item);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (typeof node !== 'object' || node === null) return undefined;
    const element = node as { type?: string; text?: string; items?: unknown; body?: unknown; columns?: unknown };
    if (element.type === 'TextBlock' && typeof element.text === 'string') return element.text;
    return visit(element.body) ?? visit(element.items) ?? visit(element.columns);
  };
  return visit(card);
}

/** Markdown reduced to what Web Chat shows as text, whitespace collapsed. */
export function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Watches one page the way a tester would: the Direct Line traffic its chat frame receives, every
 * Content-Security-Policy violation in any frame, and uncaught errors.
 */
export class ChatWatcher {
  readonly activities = new Map<string, SeenActivity>();
  readonly cspViolations: CspViolation[] = [];
  readonly pageErrors: string[] = [];
  /** console.error and console.warn from any frame. */
  readonly consoleProblems: string[] = [];
  readonly tokenRequests: string[] = [];

  private constructor(readonly page: Page) {}

  static async attach(page: Page): Promise<ChatWatcher> {
    const watcher = new ChatWatcher(page);
    await page.exposeBinding('__reportCspViolation', (_source, violation: CspViolation) => {
      watcher.cspViolations.push(violation);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window.__reportCspViolation as (v: CspViolation) => void)({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        });
      });
    });
    page.on('pageerror', (err) => watcher.pageErrors.push(err.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') watcher.consoleProblems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/webchat/token')) watcher.tokenRequests.push(req.url());
    });
    page.on('response', (res) => void watcher.record(res));
    return watcher;
  }

  private async record(res: Response): Promise<void> {
    const url = res.url();
    if (res.request().method() !== 'GET' || !/\/v3\/directline\/conversations\/[^/]+\/activities/.test(url) || res.status() !== 200) return;
    try {
      const body = (await res.json()) as { activities?: SeenActivity[] };
      for (const activity of body.activities ?? []) this.activities.set(activity.id, activity);
    } catch {
      // A response cut short by the page closing.
    }
  }

  botMessages(): SeenActivity[] {
    return [...this.activities.values()].filter((a) => a.type === 'message' && a.from.role === 'bot');
  }

  async waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Bot said so far: ${JSON.stringify(this.botMessages().map((a) => a.text))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The bot's message replies to the user's message with this text (its latest), once they have all arrived. */
  async repliesTo(text: string): Promise<SeenActivity[]> {
    const mine = await this.waitFor(`my message "${text}" to be echoed`, () =>
      [...this.activities.values()].reverse().find((a) => a.from.role === 'user' && a.type === 'message' && a.text === text),
    );
    await this.waitFor(`a reply to "${text}"`, () => {
      const found = this.botMessages().filter((a) => a.replyToId === mine.id);
      return found.length > 0 ? found : undefined;
    });
    // Replies to one message arrive in one poll; give a straggler one more poll.
    await new Promise((r) => setTimeout(r, 1200));
    return this.botMessages().filter((a) => a.replyToId === mine.id);
  }
}

/** The page's chat launcher (in the embed's shadow root) and its chat frame. */
export class EmbeddedChat {
  constructor(
    readonly page: Page,
    readonly watcher: ChatWatcher,
  ) {}

  launcher() {
    return this.page.getByRole('button', { name: 'Questions about leaking?' });
  }

  async open(): Promise<Frame> {
    await this.launcher().click();
    return this.frame();
  }

  async frame(): Promise<Frame> {
    const handle = await this.page.waitForSelector('#leakbot-chat >> iframe', { timeout: 15_000 });
    const frame = await handle.contentFrame();
    if (!frame) throw new Error('The chat frame has no document');
    await frame.waitForSelector('[data-id="webchat-sendbox-input"]', { timeout: 20_000 });
    return frame;
  }

  async isOpen(): Promise<boolean> {
    return (await this.launcher().getAttribute('aria-expanded')) === 'true';
  }

  /** Types into Web Chat's send box and sends with Enter. */
  async ask(frame: Frame, text: string): Promise<SeenActivity[]> {
    const input = frame.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    const replies = await this.watcher.repliesTo(text);
    await expectShown(frame, replies);
    return replies;
  }
}

/** Each reply is on screen: its text in the transcript, its card rendered. */
export async function expectShown(frame: Frame, replies: SeenActivity[]): Promise<void> {
  for (const reply of replies) {
    if (reply.text) {
      const words = plain(reply.text).split(' ').slice(0, 6).join(' ');
      await frame.waitForFunction(
        (expected) =>
          [...document.querySelectorAll('[id^="webchat__basic-transcript__active-descendant-label"]')].some((label) =>
            (label.textContent ?? '').replace(/\s+/g, ' ').includes(expected),
          ),
        words,
        { timeout: 15_000 },
      );
    }
    if ((reply.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')) {
      await frame.waitForSelector('.ac-adaptiveCard', { timeout: 15_000 });
    }
  }
}

/** axe-core in one frame (the axe in node_modules, not a CDN): violations that are serious or critical. */
export async function axeSeriousViolations(frame: Frame): Promise<Array<{ id: string; impact: string; help: string; nodes: string[] }>> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await frame.evaluate(source);
  const result = (await frame.evaluate(() =>
    (window.axe as { run: (context: PageDocument, options: object) => Promise<unknown> }).run(document, {
      iframes: false,
      resultTypes: ['violations'],
    }),
  )) as { violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}
