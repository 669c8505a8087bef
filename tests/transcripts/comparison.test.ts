import {
  compareTurns,
  firstTextBlock,
  formatReport,
  parseTranscript,
  turnsOf,
  viewOf,
  type ReplayedTurn,
  type TranscriptActivity,
} from '../../scripts/transcriptCompare';
import { EmulatorSession, parseSteps, recordConversation, serializeTranscript } from '../../scripts/transcriptEmulator';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { startBot, type RunningBot } from '../support/runningBot';
import { readTranscript, replayAndCompare } from './support';

/** One real server for the tests that talk to the bot. */
let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot(TEST_CLINIC_ENV, { domain: testDomain() });
});
afterAll(async () => {
  await bot?.stop();
});

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const botMessages = (activities: TranscriptActivity[]) => activities.filter((a) => a.type === 'message' && a.from?.role === 'bot');

const user = { id: 'u1', name: 'User', role: 'user' };
const botAccount = { id: 'b1', name: 'Bot', role: 'bot' };
const fromUser = (id: string, text: string): TranscriptActivity => ({ type: 'message', id, text, from: user, recipient: botAccount });
const fromBot = (replyToId: string, text: string, extra: Partial<TranscriptActivity> = {}): TranscriptActivity => ({
  type: 'message',
  id: `r-${Math.random()}`,
  replyToId,
  text,
  from: botAccount,
  recipient: { id: 'u1', role: 'user' },
  ...extra,
});

describe('reading a transcript', () => {
  it('refuses what is not a JSON array of activities, saying so', () => {
    expect(() => parseTranscript('{"type":"message"}', 'x.transcript')).toThrow(/x\.transcript is not an Emulator transcript/);
    expect(() => parseTranscript('[{"text":"hi"}]', 'x.transcript')).toThrow(/item 1 is not an activity/);
    expect(() => parseTranscript('[', 'x.transcript')).toThrow(/not JSON/);
  });

  it("tells the user's side from the bot's by from.role, or recipient.role when from has none", () => {
    const turns = turnsOf([
      // As the Emulator writes a conversationUpdate: no role on from, the bot's role on recipient.
      { type: 'conversationUpdate', id: 'c1', from: { id: 'u1', name: 'User' }, recipient: botAccount, membersAdded: [{ id: 'u1' }] },
      { type: 'message', id: 'w', replyToId: 'c1', text: 'welcome', from: { id: 'b1' }, recipient: { id: 'u1', role: 'user' } },
      fromUser('m1', 'hello'),
      fromBot('m1', 'hi there'),
    ]);
    expect(turns.map((t) => [t.user.type, t.expected.map((e) => e.text)])).toEqual([
      ['conversationUpdate', ['welcome']],
      ['message', ['hi there']],
    ]);
  });

  it('with no roles at all, knows the bot as the one the conversationUpdate was sent to', () => {
    const turns = turnsOf([
      { type: 'conversationUpdate', id: 'c1', from: { id: 'u1' }, recipient: { id: 'b1' }, membersAdded: [{ id: 'u1' }] },
      { type: 'message', id: 'w', text: 'welcome', from: { id: 'b1' }, recipient: { id: 'u1' } },
      { type: 'message', id: 'm1', text: 'hello', from: { id: 'u1' }, recipient: { id: 'b1' } },
      { type: 'message', id: 'r1', text: 'hi there', from: { id: 'b1' }, recipient: { id: 'u1' } },
    ]);
    expect(turns.map((t) => t.expected.map((e) => e.text))).toEqual([['welcome'], ['hi there']]);
  });

  it('says which activity it cannot place', () => {
    expect(() => turnsOf([{ type: 'message', text: 'who sent me?' }], 'odd.transcript')).toThrow(/odd\.transcript: activity 1 \(message\)/);
  });

  it("groups replies by replyToId, and skips typing and traces on both sides", () => {
    const turns = turnsOf([
      fromUser('m1', 'first'),
      { type: 'typing', from: user, recipient: botAccount },
      fromUser('m2', 'second'),
      fromBot('m1', 'late answer to first'),
      { type: 'trace', name: 'OnTurnError Trace', from: botAccount, recipient: { id: 'u1', role: 'user' } },
      fromBot('m2', 'answer to second'),
    ]);
    expect(turns.map((t) => [t.user.text, t.expected.map((e) => e.text)])).toEqual([
      ['first', ['late answer to first']],
      ['second', ['answer to second']],
    ]);
  });

  it("finds an Adaptive Card's first TextBlock inside containers and columns", () => {
    const card = {
      type: 'AdaptiveCard',
      body: [
        { type: 'Image', url: 'x' },
        { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Container', items: [{ type: 'TextBlock', text: 'URGENT: TODAY' }] }] }] },
        { type: 'TextBlock', text: 'later' },
      ],
    };
    expect(firstTextBlock(card)).toBe('URGENT: TODAY');
    expect(firstTextBlock({ type: 'AdaptiveCard', body: [] })).toBeNull();
  });
});

describe('comparing replies', () => {
  const replayed = (expected: TranscriptActivity[], came: TranscriptActivity[]): ReplayedTurn[] => [
    { index: 1, user: fromUser('m1', 'what are breast pads'), expected, came },
  ];
  const reply = (): TranscriptActivity =>
    fromBot('m1', '**Breast pads**', {
      channelData: { topic: 'breast-pads' },
      suggestedActions: { actions: [{ type: 'imBack', title: 'Leaking at night', value: 'Leaking at night' }] },
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ type: 'TextBlock', text: 'Title' }] } }],
    });

  it('ignores ids, times, addresses, the conversation and Emulator-only fields', () => {
    const came = { ...reply(), id: 'other', timestamp: '2030-01-01T00:00:00Z', localTimestamp: 'x', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c|livechat' }, locale: 'fr-FR', inputHint: 'expectingInput' };
    expect(compareTurns(replayed([reply()], [came]))).toEqual([]);
  });

  it.each([
    ['text', (a: TranscriptActivity) => void (a.text = '**Pads**')],
    ['channelData.topic', (a: TranscriptActivity) => void (a.channelData = { topic: 'leaking-at-night' })],
    ['channelData.escalation', (a: TranscriptActivity) => void (a.channelData = { topic: 'breast-pads', escalation: { level: 'urgent', reasons: ['pus'] } })],
    ['suggested actions', (a: TranscriptActivity) => void (a.suggestedActions = { actions: [{ title: 'Breast pads' }] })],
    ['attachments', (a: TranscriptActivity) => void (a.attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ type: 'TextBlock', text: 'Other' }] } }])],
  ])('notices a different %s', (field, change) => {
    const came = reply();
    change(came);
    const [difference] = compareTurns(replayed([reply()], [came]));
    expect(difference.fields.map((f) => f.field)).toEqual([field]);
  });

  it('notices a different number of bot messages, and shows both sides', () => {
    const differences = compareTurns(replayed([reply()], [reply(), fromBot('m1', 'and one more')]));
    expect(differences[0].countDiffers).toBe(true);
    const report = formatReport('x.transcript', 1, differences);
    expect(report).toContain('Turn 1 of 1: the user sent "what are breast pads"');
    expect(report).toContain('expected 1 bot message(s), came 2');
    expect(report).toContain('and one more');
  });

  it("shows the bot's own error trace with the turn that went wrong", () => {
    const trace: TranscriptActivity = { type: 'trace', name: 'OnTurnError Trace', value: 'TypeError: boom', from: botAccount, recipient: { id: 'u1', role: 'user' } };
    const report = formatReport('x.transcript', 1, compareTurns(replayed([reply()], [trace, fromBot('m1', 'Sorry, something went wrong')])));
    expect(report).toContain('OnTurnError Trace): TypeError: boom');
  });
});

describe('replaying against the real bot', () => {
  it('fails on a deliberately altered transcript, naming the turn, what was expected and what came', async () => {
    const original = readTranscript('leaking-at-work.transcript');
    const altered = clone(original);
    const pads = botMessages(altered).find((a) => (a.channelData as { topic?: string } | undefined)?.topic === 'breast-pads')!;
    const realText = pads.text!;
    pads.text = realText.replace('Breast pads sit inside your bra', 'Breast pads go in the freezer');

    const outcome = await replayAndCompare(bot.baseUrl, altered, 'altered.transcript');

    expect(outcome.differences).toHaveLength(1);
    expect(outcome.differences[0].turn.index).toBe(3);
    expect(outcome.differences[0].fields).toEqual([{ message: 1, field: 'text', expected: pads.text, came: realText }]);
    expect(outcome.report).toContain('altered.transcript: the bot\'s replies differ from the transcript in 1 of 5 turns');
    expect(outcome.report).toContain('Turn 3 of 5: the user sent "what about breast pads"');
    expect(outcome.report).toContain(`expected: ${JSON.stringify(pads.text)}`);
    expect(outcome.report).toContain(`came:     ${JSON.stringify(realText)}`);
    expect(outcome.report).toMatch(/first difference at character \d+: expected "…[^"]*go in the freezer/);

    // The same transcript, unaltered, passes: the check fails only for the change.
    expect((await replayAndCompare(bot.baseUrl, original, 'leaking-at-work.transcript')).differences).toEqual([]);
  });

  it('fails when a red flag is no longer escalated the same way', async () => {
    const altered = readTranscript('red-flag-urgent-summary.transcript');
    const escalated = botMessages(altered).find((a) => (a.channelData as { escalation?: unknown } | undefined)?.escalation)!;
    escalated.channelData = { ...(escalated.channelData as object), escalation: { level: 'soon', reasons: ['pus'] } };
    const outcome = await replayAndCompare(bot.baseUrl, altered, 'altered.transcript');
    expect(outcome.differences.flatMap((d) => d.fields.map((f) => f.field))).toEqual(['channelData.escalation']);
    expect(outcome.report).toContain('expected: {"level":"soon","reasons":["pus"]}');
    expect(outcome.report).toContain('came:     {"level":"urgent","reasons":["pus"]}');
  });

  it("replays each turn at the transcript's time, so the clinician summary keeps its date", async () => {
    const moved = readTranscript('red-flag-urgent-summary.transcript');
    for (const activity of moved) if (activity.from?.role === 'user') activity.timestamp = '2025-03-14T10:00:00.000Z';
    const outcome = await replayAndCompare(bot.baseUrl, moved, 'moved.transcript');
    // Only the summary, which carries the date, differs: the replay ran on the day the turns now say.
    expect(outcome.differences).toHaveLength(1);
    const [text] = outcome.differences[0].fields.filter((f) => f.field === 'text');
    expect(text.came).toContain('Date: 2025-03-14');
  });

  it('accepts a transcript shaped like an older Emulator saves it: two conversationUpdates and no roles on the user side', async () => {
    const recorded = readTranscript('leaking-at-work.transcript');
    const [start, welcome, ...rest] = clone(recorded);
    const [botMember, userMember] = start.membersAdded!;
    const joinBot: TranscriptActivity = { ...start, id: 'join-bot', membersAdded: [botMember], from: { id: userMember.id, name: 'User' } };
    const joinUser: TranscriptActivity = { ...start, id: 'join-user', membersAdded: [userMember], from: { id: userMember.id, name: 'User' } };
    welcome.replyToId = 'join-user';
    for (const activity of rest) if (activity.from?.role === 'user') delete activity.from.role;
    const emulatorMade = [joinBot, joinUser, welcome, ...rest];

    const outcome = await replayAndCompare(bot.baseUrl, emulatorMade, 'older-emulator.transcript');
    expect(outcome.report).toBe('older-emulator.transcript: the bot\'s replies match the transcript (6 turns)');
  });
});

describe('recording', () => {
  it("reads the recorder's script: messages, taps in brackets, comments and blank lines skipped", () => {
    expect(parseSteps('# a comment\nwhat are breast pads\n\n  [Leaking at night]  \n')).toEqual([{ say: 'what are breast pads' }, { tap: 'Leaking at night' }]);
  });

  it("writes the Emulator's transcript shape: every activity both ways, in order, with its postage and roles", async () => {
    const transcript = await recordConversation(parseSteps('what are breast pads\n[Clothes that hide leaks]'), { botUrl: bot.baseUrl });
    const saved = parseTranscript(serializeTranscript(transcript));
    expect(saved.map((a) => `${a.from?.role}:${a.type}`)).toEqual(['user:conversationUpdate', 'bot:message', 'user:message', 'bot:message', 'user:message', 'bot:message']);

    const [start, welcome, question, answer, tap] = saved;
    expect(start.membersAdded?.map((m) => m.id)).toEqual([start.recipient?.id, start.from?.id]);
    for (const activity of saved) {
      expect(activity).toMatchObject({ channelId: 'emulator', locale: 'en-US', conversation: { id: start.conversation!.id } });
      expect(activity.id).toEqual(expect.any(String));
      expect(new Date(activity.timestamp!).toISOString()).toBe(activity.timestamp);
      expect(activity.localTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    }
    expect(start.conversation!.id).toMatch(/\|livechat$/);
    expect(question).toMatchObject({ text: 'what are breast pads', textFormat: 'plain', recipient: { role: 'bot' }, serviceUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(welcome).toMatchObject({ replyToId: start.id, recipient: { id: start.from!.id, role: 'user' } });
    expect(answer).toMatchObject({ replyToId: question.id, channelData: { topic: 'breast-pads' } });
    // A topic offers its neighbours in the tree (breast pads, then clothes that hide leaks...).
    expect(viewOf(answer).suggestedActions).toContain('Clothes that hide leaks');
    expect(tap.text).toBe('Clothes that hide leaks');
    expect(turnsOf(saved)).toHaveLength(3);
  });

  it('refuses to tap a suggested action the bot did not offer, naming the ones it did', async () => {
    const session = await EmulatorSession.open(bot.baseUrl);
    try {
      await session.startConversation();
      await expect(session.tap('Order pizza')).rejects.toThrow(/No suggested action titled "Order pizza".*"Check my symptoms"/);
    } finally {
      await session.close();
    }
  });
});
