import { startBot, type RunningBot } from '../support/runningBot';
import { describeBrowser, launchBrowser, type Browser } from './support/browser';
import { PlainPage } from './support/plainPage';
import { parentScenario } from './support/scenario';

/**
 * The same parent's journey as webchat.test.ts, against the real bot (index.ts's composition): its
 * welcome, its topic answers, suggested actions and red-flag escalation card, on the clinic page and
 * embedded on another origin. Screenshots: test-output/webchat-real.png, webchat-real-embed.png.
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

  describe('on another origin that has only the /embed.js snippet', () => {
    parentScenario({ setup: () => ({ browser, url: plain.url }), phone: PHONE, screenshot: 'webchat-real-embed' });
  });
});
