import type { Activity } from 'botbuilder';
import { fillTemplate } from '../../core/conversation/template';
import { loadMessages } from '../../core/conversation/messages';
import { blobStorageEnv, listBlobs, startAzurite, type Azurite } from '../support/azurite';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { conversation, startBot, type RunningBot } from '../support/runningBot';
import { captureLogs, sayTo, type CapturedLogs } from './helpers';
import { DirectLineClient, type ActivitySet, type TokenBody } from '../web/directLineClient';

/**
 * The real server with STORAGE=blob against Azurite. What can be observed of the state today: the
 * bot welcomes a conversation once, on its first message; a bot that lost the state welcomes again.
 */

let azurite: Azurite;
const bots: RunningBot[] = [];

beforeAll(async () => {
  azurite = await startAzurite();
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  if (!azurite.running) await azurite.restart();
});
afterAll(async () => {
  await azurite?.stop();
});

async function start(env: Record<string, string>, logs?: CapturedLogs): Promise<RunningBot> {
  const bot = await startBot(env, logs ? { logger: logs.logger } : {});
  bots.push(bot);
  return bot;
}

const texts = (replies: Activity[]) => replies.map((r) => r.text ?? '');

/** The first turn of a conversation: the welcome comes first, then the answer. Returns the welcome. */
function welcomeOf(replies: Activity[]): string {
  expect(replies.length).toBeGreaterThanOrEqual(2);
  return replies[0].text ?? '';
}

/** A normal answer: something said, no second welcome, no apology. */
function expectAnsweredWithoutWelcome(replies: Activity[], welcome: string) {
  const said = texts(replies);
  expect(said.length).toBeGreaterThanOrEqual(1);
  expect(said).not.toContain(welcome);
  expect(said.some((t) => t.startsWith(loadMessages().turnError.slice(0, 40)))).toBe(false);
  expect(said.some((t) => t.startsWith(loadMessages().storageError.slice(0, 40)))).toBe(false);
}

describe('blob state through the real server (Azurite)', () => {
  it('a conversation survives a restart of the bot', async () => {
    const env = blobStorageEnv(azurite);
    const first = await start(env);
    const chat = conversation(first.baseUrl);
    const welcome = welcomeOf(await chat.say('my breasts leak between feeds'));
    expectAnsweredWithoutWelcome(await chat.say('is that normal?'), welcome);
    await first.stop();

    const second = await start(env);
    expectAnsweredWithoutWelcome(await sayTo(second.baseUrl, chat, 'and at night?'), welcome);
    const names = (await listBlobs(azurite.connectionString, env.BLOB_CONTAINER)).map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining([`emulator/conversations/${chat.id}`]));
  });

  it('two bot instances sharing one container serve alternate turns of one conversation', async () => {
    const env = blobStorageEnv(azurite);
    const logs = [captureLogs(), captureLogs()];
    const instances = [await start(env, logs[0]), await start(env, logs[1])];
    const chat = conversation(instances[0].baseUrl);
    const welcome = welcomeOf(await chat.say('hello'));
    for (let turn = 1; turn <= 6; turn++) {
      expectAnsweredWithoutWelcome(await sayTo(instances[turn % 2].baseUrl, chat, `question ${turn}`), welcome);
    }
    for (const log of logs) {
      expect(log.events().filter((e) => e.level === 'error' || e.event === 'storage_conflict')).toEqual([]);
    }
  });

  it('an outage gets the storageError apology, is logged without content, and the conversation continues intact afterwards', async () => {
    const env = blobStorageEnv(azurite);
    const logs = captureLogs();
    const bot = await start(env, logs);
    const chat = conversation(bot.baseUrl);
    const welcome = welcomeOf(await chat.say('my nipple leaks a little clear fluid'));

    await azurite.pause();
    const duringOutage = await chat.say('PRIVATE-SYMPTOM-TEXT green discharge since yesterday');
    expect(texts(duringOutage)).toEqual([fillTemplate(loadMessages().storageError, bot.app.config.clinic)]);

    const events = logs.events();
    // Answered fast, without a stopwatch: the SDK gave up on the refused connection by itself (errorCode
    // ECONNREFUSED), before the 10 s operation deadline would have cut it off as a timeout.
    expect(events).toContainEqual(expect.objectContaining({ level: 'error', event: 'storage_unavailable', store: 'blob', operation: 'read', errorCode: 'ECONNREFUSED' }));
    expect(events).toContainEqual(expect.objectContaining({ event: 'turn_error', errorName: 'StorageUnavailableError' }));
    // The state was left alone: no reset was attempted (it would have failed and been logged).
    expect(events.filter((e) => e.event === 'turn_error_recovery_failed')).toEqual([]);
    for (const line of logs.lines) {
      expect(line).not.toContain('PRIVATE-SYMPTOM-TEXT');
      expect(line).not.toContain(chat.id);
      expect(line).not.toContain(chat.userId);
    }

    await azurite.restart();
    expectAnsweredWithoutWelcome(await chat.say('is it still okay to feed?'), welcome);
    expect(logs.events()).toContainEqual(expect.objectContaining({ event: 'storage_recovered', store: 'blob' }));
  });
});


describe('the symptom check with blob storage', () => {
  const said = (replies: Activity[]) => texts(replies).join('\n');
  const question = (id: keyof ReturnType<typeof testDomain>['symptomCheck']['questions']) => testDomain().symptomCheck.questions[id].text;

  it('continues where it was after the bot is stopped and started again', async () => {
    const env = { ...TEST_CLINIC_ENV, ...blobStorageEnv(azurite) };
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
    const env = { ...TEST_CLINIC_ENV, ...blobStorageEnv(azurite) };
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

describe('the built-in Direct Line on two instances sharing blob storage', () => {
  it('serves one web chat whose requests alternate between the instances, end to end', async () => {
    const env = { ...TEST_CLINIC_ENV, ...blobStorageEnv(azurite) };
    const logs = [captureLogs(), captureLogs()];
    const instances = [await start(env, logs[0]), await start(env, logs[1])];
    let turn = 0;
    const statuses: number[] = [];
    /** The next instance in turn, as a round-robin proxy would pick it, with the current token. */
    let token = '';
    const next = () => new DirectLineClient(instances[turn++ % 2].baseUrl, token);
    const expectOk = async (res: Response) => {
      statuses.push(res.status);
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      return res;
    };
    const botMessages = async () => {
      const body = (await (await expectOk(await next().poll(conversationId))).json()) as ActivitySet;
      return body.activities.filter((a) => a.from.role === 'bot' && a.type === 'message');
    };

    const generated = (await (await expectOk(await next().generate())).json()) as TokenBody;
    token = generated.token;
    const conversationId = generated.conversationId;
    await expectOk(await next().start());
    expect((await botMessages()).length).toBe(1);
    await expectOk(await next().post(conversationId, { type: 'message', text: 'why do my breasts leak in the shower' }));
    const afterFirst = await botMessages();
    expect(afterFirst.map((a) => a.channelData?.topic)).toContain('shower-leaking');

    token = ((await (await expectOk(await next().refresh())).json()) as TokenBody).token;
    await expectOk(await next().post(conversationId, { type: 'message', text: 'there is blood coming from my nipple' }));
    const afterSecond = await botMessages();
    expect(afterSecond.length).toBeGreaterThan(afterFirst.length);
    expect(afterSecond.some((a) => a.channelData?.escalation)).toBe(true);
    await expectOk(await next().poll(conversationId, '0'));

    expect(statuses.length).toBeGreaterThanOrEqual(9);
    for (const log of logs) expect(log.events().filter((e) => e.level === 'error')).toEqual([]);
    // Both instances ran turns of it: the welcome and the first message on one, the second on the other.
    for (const log of logs) expect(log.events().filter((e) => e.event === 'turn').length).toBeGreaterThan(0);
    const names = (await listBlobs(azurite.connectionString, env.BLOB_CONTAINER)).map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining([`directline/conversations/${conversationId}`]));
  });
});
