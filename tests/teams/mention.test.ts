import { ConversationState, MemoryStorage, TestAdapter, UserState, type Activity } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { LeakBot } from '../../bot/leakBot';
import { silentLogger } from '../../bot/logger';

/** Test-only dialog: records and echoes the text it was given, then ends. */
class EchoDialog extends Dialog {
  readonly heard: Array<string | undefined> = [];

  constructor() {
    super('echo');
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    this.heard.push(dc.context.activity.text);
    await dc.context.sendActivity(`heard: ${dc.context.activity.text}`);
    return dc.endDialog();
  }
}

const BOT = { id: '28:11111111-2222-3333-4444-555555555555', name: 'Leak Helper' };
const PARENT = { id: '29:parent-aad-id', name: 'Sam Parent' };

function teamsMessage(text: string, mentions: Array<{ id: string; name: string }>): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    text,
    from: PARENT,
    recipient: BOT,
    conversation: { id: 'a:personal-chat', conversationType: 'personal', isGroup: false, name: '' },
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    entities: mentions.map((m) => ({ type: 'mention', mentioned: m, text: `<at>${m.name}</at>` })),
  };
}

function setUp() {
  const storage = new MemoryStorage();
  const dialog = new EchoDialog();
  const bot = new LeakBot({
    conversationState: new ConversationState(storage),
    userState: new UserState(storage),
    dialog,
    welcome: { full: { text: 'Welcome (full)' }, short: { text: 'Welcome (short)' } },
    logger: silentLogger,
  });
  const adapter = new TestAdapter((context) => bot.run(context));
  return { adapter, dialog };
}

describe('LeakBot in Teams', () => {
  it('strips its own @mention, so the dialog sees only the question', async () => {
    const { adapter, dialog } = setUp();
    await adapter
      .send(teamsMessage('<at>Leak Helper</at> is leaking normal?', [BOT]))
      .assertReply('Welcome (short)')
      .assertReply('heard: is leaking normal?');
    expect(dialog.heard).toEqual(['is leaking normal?']);
  });

  it('leaves a message with no mention as it was', async () => {
    const { adapter, dialog } = setUp();
    await adapter.send(teamsMessage('Breast pads', [])).assertReply('Welcome (short)').assertReply('heard: Breast pads');
    expect(dialog.heard).toEqual(['Breast pads']);
  });

  it("keeps an @mention of someone else: only the bot's own is removed", async () => {
    const { adapter, dialog } = setUp();
    const partner = { id: '29:partner-aad-id', name: 'Alex' };
    await adapter
      .send(teamsMessage('<at>Leak Helper</at> <at>Alex</at> says I leak at night', [BOT, partner]))
      .assertReply('Welcome (short)')
      .assertReply('heard: <at>Alex</at> says I leak at night');
    expect(dialog.heard).toEqual(['<at>Alex</at> says I leak at night']);
  });
});
