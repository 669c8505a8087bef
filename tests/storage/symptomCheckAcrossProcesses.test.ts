import type { Activity } from 'botbuilder';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { blobStorageEnv, startAzurite, type Azurite } from '../support/azurite';
import { conversation, startBot, type RunningBot } from '../support/runningBot';
import { sayTo } from './helpers';

/**
 * With blob storage, the symptom check is state a parent would notice losing: a restart, or the
 * next turn landing on another instance, must continue the check at the question it was on.
 */

let azurite: Azurite;
const bots: RunningBot[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
});
afterAll(async () => {
  await azurite?.stop();
});

async function start(env: Record<string, string>): Promise<RunningBot> {
  const bot = await startBot({ ...TEST_CLINIC_ENV, ...env }, { domain: testDomain() });
  bots.push(bot);
  return bot;
}

const said = (replies: Activity[]) => replies.map((r) => r.text ?? '').join('\n');
const question = (id: keyof ReturnType<typeof testDomain>['symptomCheck']['questions']) => testDomain().symptomCheck.questions[id].text;

describe('the symptom check with blob storage', () => {
  it('continues where it was after the bot is stopped and started again', async () => {
    const env = blobStorageEnv(azurite);
    const first = await start(env);
    const chat = conversation(first.baseUrl);
    await sayTo(first.baseUrl, chat, 'check my symptoms');
    expect(said(await sayTo(first.baseUrl, chat, 'Breastfeeding or pumping'))).toContain(question('side'));
    expect(said(await sayTo(first.baseUrl, chat, 'Both breasts'))).toContain(question('colour'));
    await first.stop();
    bots.splice(bots.indexOf(first), 1);

    const second = await start(env);
    const next = await sayTo(second.baseUrl, chat, 'Milky or white');
    expect(said(next)).toContain(question('trigger'));
    expect(said(next)).not.toContain(testDomain().composer.welcomeShort().text);
  });

  it('two instances sharing a container serve alternate turns of one check, to its end', async () => {
    const env = blobStorageEnv(azurite);
    const [a, b] = [await start(env), await start(env)];
    const chat = conversation(a.baseUrl);
    const steps: Array<[RunningBot, string, string | undefined]> = [
      [a, 'check my symptoms', question('status')],
      [b, 'Breastfeeding or pumping', question('side')],
      [a, 'Both breasts', question('colour')],
      [b, 'Milky or white', question('trigger')],
      [a, 'On its own', question('signs')],
      [b, 'None of these', question('pattern')],
    ];
    for (const [bot, text, expected] of steps) expect(said(await sayTo(bot.baseUrl, chat, text))).toContain(expected);
    const end = await sayTo(a.baseUrl, chat, 'In the shower');
    expect(end.map((r) => (r.channelData as { topic?: string } | undefined)?.topic)).toContain('shower-leaking');
  });
});
