/**
 * Plays the Bot Framework Emulator against a running bot and records the conversation the way the
 * Emulator saves it (File > Save transcript): a JSON array of every activity, both ways, in order.
 *
 * As in the Emulator, the bot is reached at its /api/messages endpoint and answers through a
 * connector on this machine (the activity's serviceUrl), at
 * /v3/conversations/{conversationId}/activities[/{replyToId}]. Each activity gets the Emulator's
 * postage: channelId "emulator", a fresh id, timestamp and localTimestamp, locale, the conversation,
 * and accounts with roles (the user `role: "user"`, the bot `role: "bot"`).
 */
import { randomUUID } from 'node:crypto';
import { EmulatorConnector } from '../tests/support/emulatorConnector';
import {
  accountsOf,
  turnsOf,
  type Accounts,
  type ReplayedTurn,
  type TranscriptAccount,
  type TranscriptActivity,
  type TranscriptCardAction,
} from './transcriptCompare';

const LOCALE = 'en-US';

/** The fields the Emulator stamps on every activity; a replay stamps its own instead. */
const POSTAGE = ['id', 'timestamp', 'localTimestamp', 'localTimezone', 'serviceUrl', 'conversation', 'from', 'recipient', 'channelId', 'locale', 'replyToId', 'callerId'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The Emulator's localTimestamp: local time to the second, with the offset (2026-11-22T13:37:05+01:00). */
export function localTimestamp(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Web Chat's client activity id: milliseconds and a few random letters. */
function clientActivityId(now: Date): string {
  return `${now.getTime()}${Math.random().toString(36).slice(2, 12)}`;
}

export class EmulatorSession {
  /** Every activity of the conversation, both ways, in order, as the Emulator saves them. */
  readonly transcript: TranscriptActivity[] = [];
  readonly conversationId = `${randomUUID()}|livechat`;
  readonly user: TranscriptAccount = { id: randomUUID(), name: 'User', role: 'user' };
  readonly bot: TranscriptAccount = { id: randomUUID(), name: 'Bot', role: 'bot' };
  private connector?: EmulatorConnector<TranscriptActivity>;
  private sentMessages = 0;

  private constructor(private readonly botUrl: string) {}

  /** Starts the local connector; `botUrl` is the bot's base address (http://127.0.0.1:port). */
  static async open(botUrl: string): Promise<EmulatorSession> {
    const session = new EmulatorSession(botUrl.replace(/\/+$/, ''));
    await session.listen();
    return session;
  }

  get serviceUrl(): string {
    return this.connector!.serviceUrl;
  }

  private async listen(): Promise<void> {
    this.connector = new EmulatorConnector<TranscriptActivity>((posted, replyToId) => this.receive(posted as TranscriptActivity, replyToId));
    await this.connector.start();
  }

  /** What the bot posted to the connector, stamped as the Emulator stamps what it shows the user. */
  private receive(posted: TranscriptActivity, replyToId: string | undefined): TranscriptActivity {
    const now = new Date();
    const activity: TranscriptActivity = {
      ...posted,
      channelId: 'emulator',
      from: { ...(posted.from ?? { id: this.bot.id }), name: posted.from?.name ?? 'Bot' },
      conversation: posted.conversation ?? { id: this.conversationId },
      id: randomUUID(),
      localTimestamp: localTimestamp(now),
      recipient: { id: this.user.id, role: 'user' },
      timestamp: now.toISOString(),
      locale: posted.locale ?? LOCALE,
    };
    if (replyToId) activity.replyToId = replyToId;
    this.transcript.push(activity);
    return activity;
  }

  /**
   * Sends one activity to the bot as the Emulator does and returns what the bot sent back during the
   * turn (the bot answers before its HTTP response, so every reply has arrived when this resolves).
   */
  async send(activity: Partial<TranscriptActivity> & { type: string }): Promise<TranscriptActivity[]> {
    const now = new Date();
    const stamped: TranscriptActivity = {
      ...activity,
      channelId: 'emulator',
      from: { ...this.user },
      locale: LOCALE,
      timestamp: now.toISOString(),
      conversation: { id: this.conversationId },
      id: randomUUID(),
      localTimestamp: localTimestamp(now),
      recipient: { ...this.bot },
      serviceUrl: this.serviceUrl,
    };
    const before = this.transcript.length;
    this.transcript.push(stamped);
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stamped),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`The bot answered HTTP ${res.status} to a ${activity.type}: ${text}`);
    return this.transcript.slice(before + 1);
  }

  /** The Emulator's first activity: the bot and the user join (membersAdded: bot, user). */
  startConversation(): Promise<TranscriptActivity[]> {
    return this.send({
      type: 'conversationUpdate',
      membersAdded: [
        { id: this.bot.id, name: this.bot.name },
        { id: this.user.id, name: this.user.name },
      ],
      membersRemoved: [],
    });
  }

  /** A message typed in the Emulator's Web Chat (or an imBack button tapped: the same thing, with its value). */
  say(text: string): Promise<TranscriptActivity[]> {
    const now = new Date();
    const first = this.sentMessages++ === 0;
    return this.send({
      text,
      textFormat: 'plain',
      type: 'message',
      channelData: { clientActivityID: clientActivityId(now), clientTimestamp: now.toISOString() },
      ...(first ? { entities: [{ requiresBotState: true, supportsListening: true, supportsTts: true, type: 'ClientCapabilities' }] } : {}),
    });
  }

  /** The suggested actions of the bot's latest message that has any. */
  suggestedActions(): TranscriptCardAction[] {
    for (let i = this.transcript.length - 1; i >= 0; i--) {
      const activity = this.transcript[i];
      if (activity.recipient?.id !== this.user.id) return [];
      const actions = activity.suggestedActions?.actions ?? [];
      if (activity.type === 'message' && actions.length > 0) return actions;
    }
    return [];
  }

  /** Taps the suggested action with this title, as Web Chat does: an imBack sends its value as a message. */
  async tap(title: string): Promise<TranscriptActivity[]> {
    const actions = this.suggestedActions();
    const action = actions.find((a) => a.title === title) ?? actions.find((a) => a.title?.toLowerCase() === title.toLowerCase());
    if (!action) {
      const offered = actions.map((a) => JSON.stringify(a.title)).join(', ') || 'none';
      throw new Error(`No suggested action titled ${JSON.stringify(title)} to tap; the bot offered: ${offered}`);
    }
    return this.say(String(action.value ?? action.title));
  }

  async close(): Promise<void> {
    await this.connector?.stop();
  }
}

/**
 * A user activity from a transcript, ready to send again in a new session: the Emulator's postage
 * dropped, and the transcript's user and bot ids (in membersAdded, membersRemoved) mapped to the
 * session's, so the bot greets the right member and keeps nobody's state from an earlier run.
 */
export function toResend(activity: TranscriptActivity, accounts: Accounts, session: EmulatorSession): Partial<TranscriptActivity> & { type: string } {
  const copy: Record<string, unknown> = { ...activity };
  for (const field of POSTAGE) delete copy[field];
  const mapAccount = (member: TranscriptAccount): TranscriptAccount => {
    if (accounts.botIds.has(member.id)) return { ...member, id: session.bot.id };
    if (accounts.userIds.has(member.id)) return { ...member, id: session.user.id };
    return member;
  };
  if (Array.isArray(activity.membersAdded)) copy.membersAdded = activity.membersAdded.map(mapAccount);
  if (Array.isArray(activity.membersRemoved)) copy.membersRemoved = activity.membersRemoved.map(mapAccount);
  return copy as Partial<TranscriptActivity> & { type: string };
}

export interface ReplayOptions {
  /** The bot's base address, http://host:port. */
  botUrl: string;
  /**
   * Called with each user activity's original timestamp before it is sent, so that what depends on
   * the date (the clinician summary's date, "I stopped 3 weeks ago") comes out as it did when recorded.
   */
  setClock?: (at: Date) => void;
  source?: string;
}

/** Replays the user's side of a transcript against the bot, in a new Emulator conversation. */
export async function replayTranscript(activities: readonly TranscriptActivity[], options: ReplayOptions): Promise<{ turns: ReplayedTurn[]; session: EmulatorSession }> {
  const turns = turnsOf(activities, options.source);
  const accounts = accountsOf(activities);
  const session = await EmulatorSession.open(options.botUrl);
  try {
    const replayed: ReplayedTurn[] = [];
    for (const turn of turns) {
      const at = turn.user.timestamp ? new Date(turn.user.timestamp) : undefined;
      if (at && !Number.isNaN(at.getTime())) options.setClock?.(at);
      const came = await session.send(toResend(turn.user, accounts, session));
      replayed.push({ ...turn, came });
    }
    return { turns: replayed, session };
  } finally {
    await session.close();
  }
}

/** One step of a recording script: a typed message, or a tap on a suggested action. */
export type Step = { say: string } | { tap: string };

/**
 * The recorder's script: one message a line; blank lines and lines starting with # are skipped;
 * a line in square brackets, [Breast pads], taps the suggested action with that title.
 */
export function parseSteps(text: string): Step[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const tap = /^\[(.+)\]$/.exec(line);
      return tap ? { tap: tap[1].trim() } : { say: line };
    });
}

export interface RecordOptions {
  botUrl: string;
  /** Called for each turn with what was sent and what the bot sent back, e.g. to print it. */
  onTurn?: (sent: TranscriptActivity, replies: TranscriptActivity[]) => void;
}

/** Records a conversation the Emulator's way: the conversationUpdate, then each step. */
export async function recordConversation(steps: readonly Step[], options: RecordOptions): Promise<TranscriptActivity[]> {
  const session = await EmulatorSession.open(options.botUrl);
  try {
    const report = (replies: TranscriptActivity[], sentAt: number) => options.onTurn?.(session.transcript[sentAt], replies);
    let sentAt = session.transcript.length;
    report(await session.startConversation(), sentAt);
    for (const step of steps) {
      sentAt = session.transcript.length;
      report('tap' in step ? await session.tap(step.tap) : await session.say(step.say), sentAt);
    }
    return session.transcript;
  } finally {
    await session.close();
  }
}

/** Records again what the user did in an existing transcript, with today's bot. */
export async function rerecordTranscript(activities: readonly TranscriptActivity[], options: RecordOptions & { source?: string }): Promise<TranscriptActivity[]> {
  const turns = turnsOf(activities, options.source);
  const accounts = accountsOf(activities);
  const session = await EmulatorSession.open(options.botUrl);
  try {
    for (const turn of turns) {
      const sentAt = session.transcript.length;
      const replies = await session.send(toResend(turn.user, accounts, session));
      options.onTurn?.(session.transcript[sentAt], replies);
    }
    return session.transcript;
  } finally {
    await session.close();
  }
}

/** The file's text: indented JSON, as the Emulator writes it. */
export function serializeTranscript(activities: readonly TranscriptActivity[]): string {
  return JSON.stringify(activities, null, 2) + '\n';
}
