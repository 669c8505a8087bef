import type { Frame, Page } from 'playwright-core';
import { telLink } from '../../../bot/render';
import type { PageDocument } from './dom';
import { axeSeriousViolations, ChatWatcher, EmbeddedChat, firstCardText, outputPath, type Browser, type SeenActivity } from './browser';

declare const document: PageDocument;

export const TOPIC_QUESTION = 'why do my breasts leak when my baby cries';
export const RED_FLAG = 'there is blood coming from my nipple';
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface ScenarioOptions {
  /** The browser and the page to open, once the suite's servers are up. */
  setup: () => { browser: Browser; url: string };
  phone: string;
  /** Exact welcome text, when the bot is scripted. */
  welcome?: string;
  /** Base name of screenshots saved to test-output/. */
  screenshot?: string;
  /** Check accessibility with axe-core once the transcript holds answers and a card. */
  axe?: boolean;
}

/**
 * What a parent does on a page with the launcher: open the chat, read the welcome, ask about a topic,
 * tap a suggested action, report a red flag. Assertions follow the reply contract: channelData.topic
 * on topic answers, with suggested actions; channelData.escalation and an Adaptive Card (urgency
 * first, the clinic's phone as a tel: link) on a red flag.
 */
export function parentScenario(options: ScenarioOptions): { page: () => Page; frame: () => Frame; watcher: () => ChatWatcher; chat: () => EmbeddedChat } {
  let page: Page;
  let watcher: ChatWatcher;
  let chat: EmbeddedChat;
  let frame: Frame;
  let topicAnswer: SeenActivity | undefined;

  beforeAll(async () => {
    const { browser, url } = options.setup();
    page = await browser.context.newPage();
    watcher = await ChatWatcher.attach(page);
    chat = new EmbeddedChat(page, watcher);
    await page.goto(url);
  });
  afterAll(async () => {
    await page?.close().catch(() => undefined);
  });

  it('shows a labelled launcher that opens the chat, and the bot welcomes the parent', async () => {
    await chat.launcher().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await chat.launcher().getAttribute('aria-expanded')).toBe('false');
    expect(watcher.tokenRequests).toEqual([]);
    frame = await chat.open();
    expect(await chat.isOpen()).toBe(true);
    const welcome = await watcher.waitFor('the welcome', () => watcher.botMessages()[0]);
    expect(welcome.replyToId).toBeUndefined();
    if (options.welcome) expect(welcome.text).toBe(options.welcome);
    await frame.waitForFunction(() => document.querySelectorAll('.webchat__basic-transcript__activity').length > 0, undefined, { timeout: 15_000 });
    expect(watcher.tokenRequests).toHaveLength(1);
  });

  it('answers a question about a topic, with channelData.topic and suggested actions', async () => {
    const replies = await chat.ask(frame, TOPIC_QUESTION);
    topicAnswer = replies.find((r) => r.channelData?.topic);
    expect(topicAnswer).toBeDefined();
    const withChoices = replies.find((r) => (r.suggestedActions?.actions.length ?? 0) > 0);
    expect(withChoices).toBeDefined();
    const toolbar = frame.getByRole('toolbar', { name: 'Suggested actions' });
    for (const action of withChoices!.suggestedActions!.actions) {
      await toolbar.getByRole('button', { name: action.title }).waitFor({ state: 'visible', timeout: 10_000 });
    }
  });

  it('answers a suggested action when the parent taps it', async () => {
    const offered = [...watcher.activities.values()].reverse().find((a) => (a.suggestedActions?.actions.length ?? 0) > 0);
    expect(offered).toBeDefined();
    const action = offered!.suggestedActions!.actions[0];
    await frame.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: action.title }).click();
    const replies = await watcher.repliesTo(action.value);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.some((r) => r.channelData?.topic)).toBe(true);
  });

  it("shows an escalation card for a red flag: the urgency first, the clinic's phone as a tel: link", async () => {
    const replies = await chat.ask(frame, RED_FLAG);
    const escalation = replies.find((r) => r.channelData?.escalation);
    expect(escalation).toBeDefined();
    const card = replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === ADAPTIVE_CARD);
    expect(card).toBeDefined();
    const urgency = firstCardText(card!.content);
    expect(urgency).toBeTruthy();
    const rendered = frame.locator('.ac-adaptiveCard', { hasText: urgency! }).last();
    await rendered.waitFor({ state: 'visible', timeout: 15_000 });
    expect((await rendered.locator('.ac-textBlock').first().textContent())?.trim()).toBe(urgency);
    const tel = rendered.locator(`a[href="${telLink(options.phone)}"]`);
    expect(await tel.count()).toBeGreaterThan(0);
    if (options.screenshot) {
      // A little taller than the test's window, so the whole card shows beside the page.
      const size = page.viewportSize();
      await page.setViewportSize({ width: 1280, height: 960 });
      await page.waitForTimeout(600);
      // Show the whole card, from its urgency line down.
      await rendered.evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(300);
      await page.screenshot({ path: outputPath(`${options.screenshot}.png`) });
      if (size) await page.setViewportSize(size);
    }
  });

  it('raised no Content-Security-Policy violation and no script error', () => {
    expect(watcher.cspViolations).toEqual([]);
    expect(watcher.pageErrors).toEqual([]);
    expect(watcher.consoleProblems).toEqual([]);
  });

  if (options.axe) {
    it('has no serious or critical accessibility violation with the chat open (axe-core)', async () => {
      expect(await chat.isOpen()).toBe(true);
      const page_ = await axeSeriousViolations(page.mainFrame());
      const chat_ = await axeSeriousViolations(frame);
      expect({ page: page_, chat: chat_ }).toEqual({ page: [], chat: [] });
    });
  }

  return { page: () => page, frame: () => frame, watcher: () => watcher, chat: () => chat };
}
