import { startBot, type RunningBot } from '../support/runningBot';
import { describeBrowser, launchBrowser, type Browser } from './support/browser';
import { ChatWatcher, EmbeddedChat, outputPath } from './support/browser';
import { PlainPage } from './support/plainPage';
import { ADAPTIVE_CARD, parentScenario } from './support/scenario';

/**
 * The same parent's journey as webchat.test.ts, against the real bot (index.ts's composition): its
 * welcome, its topic answers, suggested actions and red-flag escalation card, on the clinic page and
 * embedded on another origin; and a question asked beside a warning sign, answered in the same reply
 * as the advice. Screenshots: test-output/webchat-real.png, webchat-real-embed.png, and
 * webchat-question-and-flag.png (the README's docs/webchat-demo.png).
 */
jest.setTimeout(120_000);

const PHONE = '+1 555 010 0199';

describeBrowser('web chat in a browser (real bot)', () => {
  let browser: Browser;
  let bot: RunningBot;
  const plain = new PlainPage();

  beforeAll(async () => {
    await plain.start();
    bot = await startBot({ CLINIC_NAME: 'Riverside Family Clinic', CLINIC_PHONE: PHONE, WEBCHAT_ALLOWED_ORIGINS: plain.origin });
    plain.botUrl = bot.baseUrl;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await plain.stop();
  });

  describe('on the clinic page /', () => {
    parentScenario({ setup: () => ({ browser, url: `${bot.baseUrl}/` }), phone: PHONE, screenshot: 'webchat-real', axe: true });
  });

  it('answers a question asked beside a warning sign in the same reply: the one-line lead, the answer, then the card', async () => {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 1000 });
      const watcher = await ChatWatcher.attach(page);
      const chat = new EmbeddedChat(page, watcher);
      await page.goto(`${bot.baseUrl}/`);
      const frame = await chat.open();
      await watcher.waitFor('the welcome', () => watcher.botMessages()[0]);
      const question = 'is it normal to leak during sex? my nipple has started turning inward';
      const replies = await chat.ask(frame, question);
      expect(replies).toHaveLength(1);
      const [reply] = replies;
      expect(reply.channelData).toMatchObject({ topic: 'leaking-during-sex', escalation: { level: 'soon' } });
      expect(reply.text).toMatch(/^\*\*Book an appointment[^\n]*\*\*\n\n\*\*Leaking during sex\*\*/);
      expect(reply.attachments?.[0].contentType).toBe(ADAPTIVE_CARD);
      // The parent's message at the top of the chat, the reply below it: what the README shows.
      const asked = frame.locator('.webchat__basic-transcript__activity', { hasText: question }).last();
      await asked.evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(400);
      await page.screenshot({ path: outputPath('webchat-question-and-flag.png') });
    } finally {
      await page.close();
    }
  });

  describe('on another origin that has only the /embed.js snippet', () => {
    parentScenario({ setup: () => ({ browser, url: plain.url }), phone: PHONE, screenshot: 'webchat-real-embed' });
  });
});
