import type { Activity } from 'botbuilder';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { azuriteConnectionString } from '../support/azurite';
import { TEST_CLINIC, TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { conversation, startBot, type RunningBot } from '../support/runningBot';

/**
 * The real server with STORAGE=blob and a store that cannot be reached (a port nothing listens on):
 * every turn fails to load its state, yet each message is still read for red flags, the advice is
 * sent, and the apology for the outage comes after it.
 */

/** A loopback port that was free a moment ago: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const escalationOf = (a: Activity) => (a.channelData as { escalation?: { level: string; reasons: string[] } } | undefined)?.escalation;

describe('with the state store down', () => {
  let bot: RunningBot;
  let storageApology: string;
  beforeAll(async () => {
    const port = await closedPort();
    bot = await startBot(
      { ...TEST_CLINIC_ENV, STORAGE: 'blob', BLOB_CONNECTION_STRING: azuriteConnectionString(port), BLOB_CONTAINER: 'unreachable' },
      { domain: testDomain() },
    );
    storageApology = testDomain().composer.fill(testDomain().messages.storageError);
  });
  afterAll(() => bot.stop());

  it.each([
    ['crisis language', 'I want to kill myself', 'emergency'],
    ['a fever with a red breast', 'I have a fever of 39 and my breast is red and hot', 'urgent'],
    ['blood', 'there is blood coming from my nipple', undefined],
  ])('%s gets its advice first, with escalation in channelData, then the apology', async (_name, text, level) => {
    const replies = await conversation(bot.baseUrl).say(text);
    expect(replies.length).toBe(2);
    const [advice, apology] = replies;
    const escalation = escalationOf(advice);
    expect(escalation).toBeDefined();
    if (level) expect(escalation!.level).toBe(level);
    expect(advice.text).toContain(TEST_CLINIC.name);
    expect(apology.text).toBe(storageApology);
  });

  it('names the crisis line for crisis language', async () => {
    const [advice] = await conversation(bot.baseUrl).say('I want to kill myself');
    expect(advice.text).toContain(TEST_CLINIC.crisisLine);
    expect(advice.text).toContain(TEST_CLINIC.emergencyNumber);
  });

  it('a message with no red flag gets only the apology', async () => {
    const replies = await conversation(bot.baseUrl).say('why do my breasts leak');
    expect(replies.map((r) => r.text)).toEqual([storageApology]);
  });
});
