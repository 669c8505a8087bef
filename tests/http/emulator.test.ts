import { randomUUID } from 'node:crypto';
import { EmulatorConnector } from '../support/emulatorConnector';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { startBot, type RunningBot } from '../support/runningBot';

/** Plays the Bot Framework Emulator: posts activities with a serviceUrl, receives the replies there. */
describe('the bot, as the Emulator sees it', () => {
  const connector = new EmulatorConnector();
  let bot: RunningBot;
  const conversation = { id: `emulator-${randomUUID()}` };
  const user = { id: 'emulator-user', name: 'User' };
  const botAccount = { id: 'leak-bot', name: 'Bot' };

  beforeAll(async () => {
    await connector.start();
    bot = await startBot(TEST_CLINIC_ENV, { domain: testDomain() });
  });
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  const post = (activity: Record<string, unknown>) =>
    fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channelId: 'emulator', serviceUrl: connector.serviceUrl, conversation, from: user, recipient: botAccount, id: randomUUID(), ...activity }),
    });

  it('welcomes a new member with what it can do, as suggested actions', async () => {
    const res = await post({ type: 'conversationUpdate', membersAdded: [botAccount, user] });
    expect(res.status).toBe(200);
    const [welcome] = await connector.waitFor(1);
    expect(welcome.type).toBe('message');
    expect(welcome.text).toContain('Riverside Family Clinic');
    expect(welcome.text).toMatch(/not a diagnosis/i);
    expect(welcome.suggestedActions?.actions.map((a) => a.title)).toContain('Check my symptoms');
    expect(welcome.conversation.id).toBe(conversation.id);
  });

  it('answers a question at the serviceUrl, replying to the message', async () => {
    const before = connector.received.length;
    const id = randomUUID();
    const res = await post({ type: 'message', text: 'why do my breasts leak in the shower', id });
    expect(res.status).toBe(200);
    const replies = (await connector.waitFor(before + 1)).slice(before);
    expect(replies[0].replyToId).toBe(id);
    expect((replies[0].channelData as { topic?: string }).topic).toBe('shower-leaking');
    expect(replies[0].text).toMatch(/Sources:/);
  });

  it('refuses to reply to a serviceUrl that is not on this machine', async () => {
    const res = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'emulator', serviceUrl: 'http://169.254.169.254/latest', conversation, from: user, recipient: botAccount }),
    });
    expect(res.status).toBe(403);
  });
});
