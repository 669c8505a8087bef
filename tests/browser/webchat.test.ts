import { startWebChatServer, type WebChatServer } from '../web/webChatServer';
import { describeBrowser, launchBrowser, outputPath, type Browser } from './support/browser';
import { ContractBot } from './support/contractBot';
import { PlainPage } from './support/plainPage';
import { parentScenario } from './support/scenario';
import type { PageDocument, PageElement } from './support/dom';

declare const document: PageDocument;
declare function getComputedStyle(element: PageElement): { backgroundColor: string };

/**
 * The web chat in Chromium against a scripted bot that answers in the reply contract: the pages,
 * /embed.js, Web Chat over the built-in Direct Line endpoint, CSP, accessibility. Independent of the
 * conversation logic; realBot.test.ts runs the same scenario against the real bot.
 */
jest.setTimeout(120_000);

const CLINIC = 'Riverside Family Clinic';
const PHONE = '+1 555 010 0199';
const WELCOME = `Hi, I'm the ${CLINIC} feeding assistant. Ask me about leaking milk or anything coming from your nipples.`;

describeBrowser('web chat in a browser (scripted bot)', () => {
  let browser: Browser;
  let server: WebChatServer;
  const plain = new PlainPage();
  const stranger = new PlainPage();

  beforeAll(async () => {
    await plain.start();
    await stranger.start();
    server = await startWebChatServer(
      { CLINIC_NAME: CLINIC, CLINIC_PHONE: PHONE, WEBCHAT_ALLOWED_ORIGINS: plain.origin },
      {},
      new ContractBot({ name: CLINIC, phone: PHONE }),
    );
    plain.botUrl = server.baseUrl;
    stranger.botUrl = server.baseUrl;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await plain.stop();
    await stranger.stop();
  });

  describe('on the clinic page /', () => {
    const scenario = parentScenario({
      setup: () => ({ browser, url: `${server.baseUrl}/` }),
      phone: PHONE,
      welcome: WELCOME,
      screenshot: 'webchat-demo',
      axe: true,
    });

    it("shows the clinic's name and colour", async () => {
      const page = scenario.page();
      expect(await page.title()).toContain(CLINIC);
      const header = page.locator('.site-header');
      expect(await header.textContent()).toContain(CLINIC);
      expect(await header.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(122, 62, 157)');
    });

    it('closes with Escape, giving focus back to the launcher, and reopens from the keyboard with focus in the send box', async () => {
      const page = scenario.page();
      const chat = scenario.chat();
      const frame = scenario.frame();
      await frame.locator('[data-id="webchat-sendbox-input"]').focus();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.querySelector('#leakbot-chat')?.shadowRoot?.querySelector('.panel')?.hasAttribute('hidden'));
      expect(await chat.isOpen()).toBe(false);
      const focused = () => page.evaluate(() => document.querySelector('#leakbot-chat')?.shadowRoot?.activeElement?.className ?? '');
      expect(await focused()).toBe('launcher');
      await page.keyboard.press('Enter');
      expect(await chat.isOpen()).toBe(true);
      await frame.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input', undefined, { timeout: 10_000 });
      // The conversation goes on where it was.
      expect(scenario.watcher().tokenRequests).toHaveLength(1);
      // The close button closes it too.
      await page.getByRole('button', { name: 'Close chat' }).click();
      expect(await chat.isOpen()).toBe(false);
      expect(await focused()).toBe('launcher');
      await chat.launcher().click();
    });

    it('fills a phone screen, with a close button in reach', async () => {
      const page = scenario.page();
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        const panel = page.locator('#leakbot-chat .panel');
        await panel.evaluate((el) => Promise.all((el as PageElement).getAnimations().map((a) => a.finished)));
        const box = (await panel.boundingBox())!;
        expect([box.x, box.y, box.width, box.height].map(Math.round)).toEqual([0, 0, 390, 844]);
        const close = await page.getByRole('button', { name: 'Close chat' }).boundingBox();
        expect(close!.width).toBeGreaterThanOrEqual(44);
        expect(close!.height).toBeGreaterThanOrEqual(44);
        await page.screenshot({ path: outputPath('webchat-phone.png') });
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    });
  });

  describe('on another origin that has only the /embed.js snippet', () => {
    const scenario = parentScenario({ setup: () => ({ browser, url: plain.url }), phone: PHONE, welcome: WELCOME, screenshot: 'webchat-embed' });

    it('leaves the host page alone: one host element, the page still works', async () => {
      const page = scenario.page();
      expect(await page.locator('#leakbot-chat').count()).toBe(1);
      await page.getByRole('button', { name: "A button of the clinic's own" }).click({ trial: true });
    });
  });

  describe('on an origin not in WEBCHAT_ALLOWED_ORIGINS', () => {
    it('the browser refuses to show the chat frame, so no conversation starts', async () => {
      const page = await browser.context.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/frame-ancestors/.test(m.text())) blocked.push(m.text());
      });
      try {
        let tokenRequests = 0;
        page.on('request', (r) => {
          if (r.url().endsWith('/webchat/token')) tokenRequests++;
        });
        await page.goto(stranger.url);
        await page.getByRole('button', { name: 'Questions about leaking?' }).click();
        const handle = await page.waitForSelector('#leakbot-chat iframe');
        await page.waitForTimeout(2_000);
        const frame = await handle.contentFrame();
        expect(frame?.url() ?? '').not.toMatch(/\/chat$/);
        expect(blocked.length).toBeGreaterThan(0);
        expect(tokenRequests).toBe(0);
      } finally {
        await page.close();
      }
    });
  });
});
