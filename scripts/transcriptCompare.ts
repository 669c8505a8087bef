/**
 * Reading Bot Framework Emulator transcripts (.transcript files) and comparing the bot's replies.
 *
 * A transcript is what the Emulator's "Save transcript" writes: a JSON array of Bot Framework
 * activities in the order the Emulator saw them, both ways. What the Emulator sent to the bot (the
 * conversationUpdate, the user's messages) carries `recipient.role: "bot"` (and `from.role: "user"`
 * on messages); what the bot sent carries `from.role: "bot"` and `recipient.role: "user"`. Each one
 * also has the Emulator's postage: ids, `timestamp`, `localTimestamp`, `locale`, `serviceUrl`,
 * `conversation.id` ("…|livechat"), and on the bot's side `replyToId` naming the activity it answers.
 *
 * Nothing here does I/O: see transcriptEmulator.ts for playing the Emulator against the real bot.
 */

export interface TranscriptAccount {
  id: string;
  name?: string;
  role?: string;
  [key: string]: unknown;
}

export interface TranscriptCardAction {
  type?: string;
  title?: string;
  value?: unknown;
  [key: string]: unknown;
}

export interface TranscriptAttachment {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
  [key: string]: unknown;
}

/** One activity as it appears in a .transcript file (timestamps are strings there). */
export interface TranscriptActivity {
  type: string;
  id?: string;
  text?: string;
  textFormat?: string;
  from?: TranscriptAccount;
  recipient?: TranscriptAccount;
  conversation?: { id: string; [key: string]: unknown };
  replyToId?: string;
  timestamp?: string;
  localTimestamp?: string;
  serviceUrl?: string;
  channelId?: string;
  locale?: string;
  membersAdded?: TranscriptAccount[];
  membersRemoved?: TranscriptAccount[];
  suggestedActions?: { actions?: TranscriptCardAction[]; to?: string[] };
  attachments?: TranscriptAttachment[];
  channelData?: unknown;
  name?: string;
  label?: string;
  value?: unknown;
  valueType?: string;
  [key: string]: unknown;
}

export type Side = 'user' | 'bot';

/** The activity types of the user's side that are sent to the bot again on replay. */
const NOT_REPLAYED = new Set(['typing', 'trace']);

export class TranscriptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TranscriptError';
  }
}

/** Parses a .transcript file's text; `source` names it in errors. */
export function parseTranscript(json: string, source = 'transcript'): TranscriptActivity[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new TranscriptError(`${source} is not JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) {
    throw new TranscriptError(`${source} is not an Emulator transcript: expected a JSON array of activities`);
  }
  parsed.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || typeof (item as { type?: unknown }).type !== 'string') {
      throw new TranscriptError(`${source}: item ${i + 1} is not an activity (an object with a "type")`);
    }
  });
  return parsed as TranscriptActivity[];
}

export interface Accounts {
  botIds: Set<string>;
  userIds: Set<string>;
}

/** The ids the bot and the user go by in a transcript, from the roles the Emulator writes. */
export function accountsOf(activities: readonly TranscriptActivity[]): Accounts {
  const botIds = new Set<string>();
  const userIds = new Set<string>();
  const note = (account: TranscriptAccount | undefined) => {
    if (!account?.id) return;
    if (account.role === 'bot' || account.role === 'skill') botIds.add(account.id);
    if (account.role === 'user') userIds.add(account.id);
  };
  for (const activity of activities) {
    note(activity.from);
    note(activity.recipient);
    // A conversationUpdate always goes from the channel to the bot, even with no roles written.
    if (activity.type === 'conversationUpdate' && activity.recipient?.id) botIds.add(activity.recipient.id);
  }
  return { botIds, userIds };
}

/** Who sent an activity: `from.role` first, then `recipient.role`, then the ids seen with a role elsewhere. */
export function sideOf(activity: TranscriptActivity, accounts: Accounts): Side | undefined {
  const fromRole = activity.from?.role;
  if (fromRole === 'bot' || fromRole === 'skill') return 'bot';
  if (fromRole === 'user') return 'user';
  const toRole = activity.recipient?.role;
  if (toRole === 'bot' || toRole === 'skill') return 'user';
  if (toRole === 'user') return 'bot';
  const from = activity.from?.id;
  const to = activity.recipient?.id;
  if (from && accounts.botIds.has(from)) return 'bot';
  if (to && accounts.botIds.has(to)) return 'user';
  if (from && accounts.userIds.has(from)) return 'user';
  if (to && accounts.userIds.has(to)) return 'bot';
  if (activity.type === 'conversationUpdate') return 'user';
  return undefined;
}

/** One user turn: what the Emulator sent, and the messages the bot answered it with. */
export interface Turn {
  /** 1-based, counting only the activities that are replayed. */
  index: number;
  user: TranscriptActivity;
  /** The bot's message activities that answer this turn, in order. */
  expected: TranscriptActivity[];
}

/**
 * Splits a transcript into turns. A bot message belongs to the user activity its `replyToId` names
 * (that is how the Emulator records replies); one without a known `replyToId` belongs to the turn
 * before it. Typing and trace activities are not turns, and the bot's are not compared.
 */
export function turnsOf(activities: readonly TranscriptActivity[], source = 'transcript'): Turn[] {
  const accounts = accountsOf(activities);
  const turns: Turn[] = [];
  const byId = new Map<string, Turn>();
  activities.forEach((activity, i) => {
    const side = sideOf(activity, accounts);
    if (!side) {
      throw new TranscriptError(
        `${source}: activity ${i + 1} (${activity.type}) has no from.role or recipient.role, and its ids match neither the user nor the bot`,
      );
    }
    if (side === 'user') {
      if (NOT_REPLAYED.has(activity.type)) return;
      const turn: Turn = { index: turns.length + 1, user: activity, expected: [] };
      turns.push(turn);
      if (activity.id) byId.set(activity.id, turn);
      return;
    }
    if (activity.type !== 'message') return;
    const turn = (activity.replyToId ? byId.get(activity.replyToId) : undefined) ?? turns[turns.length - 1];
    if (!turn) throw new TranscriptError(`${source}: activity ${i + 1} is a bot message before anything was sent to the bot`);
    turn.expected.push(activity);
  });
  return turns;
}

/** What the replay compares of one bot message; everything else (ids, times, urls, Emulator fields) is ignored. */
export interface ReplyView {
  text: string | null;
  topic: string | null;
  escalation: unknown;
  suggestedActions: string[];
  attachments: Array<{ contentType: string; firstTextBlock?: string | null }>;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The text of an Adaptive Card's first TextBlock, depth first through containers, columns and the like. */
export function firstTextBlock(card: unknown): string | null {
  const body = (card as { body?: unknown } | null)?.body;
  const walk = (node: unknown): string | null => {
    if (Array.isArray(node)) {
      for (const child of node) {
        const found = walk(child);
        if (found !== null) return found;
      }
      return null;
    }
    if (typeof node !== 'object' || node === null) return null;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') return element.text;
    for (const key of ['items', 'columns', 'body', 'cards', 'inlines']) {
      const found = walk(element[key]);
      if (found !== null) return found;
    }
    return null;
  };
  return walk(body);
}

export function viewOf(activity: TranscriptActivity): ReplyView {
  const channelData = (typeof activity.channelData === 'object' && activity.channelData !== null ? activity.channelData : {}) as Record<string, unknown>;
  return {
    text: typeof activity.text === 'string' ? activity.text : null,
    topic: typeof channelData.topic === 'string' ? channelData.topic : null,
    escalation: channelData.escalation ?? null,
    suggestedActions: (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value ?? '')),
    attachments: (activity.attachments ?? []).map((a) =>
      a.contentType === ADAPTIVE_CARD ? { contentType: a.contentType, firstTextBlock: firstTextBlock(a.content) } : { contentType: a.contentType },
    ),
  };
}

/** JSON with sorted keys, so two values that are equal compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export interface FieldDifference {
  /** 1-based position of the bot message in the turn. */
  message: number;
  field: 'text' | 'channelData.topic' | 'channelData.escalation' | 'suggested actions' | 'attachments';
  expected: unknown;
  came: unknown;
}

export interface TurnDifference {
  turn: Turn;
  expected: ReplyView[];
  came: ReplyView[];
  /** Set when the number of bot messages differs; the messages are then not compared one by one. */
  countDiffers: boolean;
  fields: FieldDifference[];
  /** Errors the bot reported during the replayed turn (its "OnTurnError Trace"). */
  errors: string[];
}

export interface ReplayedTurn extends Turn {
  /** Everything the bot sent during the replayed turn, of any type. */
  came: TranscriptActivity[];
}

export function turnErrorsOf(activities: readonly TranscriptActivity[]): string[] {
  return activities
    .filter((a) => a.type === 'trace' && a.name === 'OnTurnError Trace')
    .map((a) => (typeof a.value === 'string' ? a.value : JSON.stringify(a.value)));
}

/** Compares each replayed turn with the transcript; returns only the turns that differ. */
export function compareTurns(turns: readonly ReplayedTurn[]): TurnDifference[] {
  const differences: TurnDifference[] = [];
  for (const turn of turns) {
    const expected = turn.expected.map(viewOf);
    const came = turn.came.filter((a) => a.type === 'message').map(viewOf);
    const errors = turnErrorsOf(turn.came);
    const fields: FieldDifference[] = [];
    const countDiffers = expected.length !== came.length;
    if (!countDiffers) {
      expected.forEach((want, i) => {
        const got = came[i];
        const check = (field: FieldDifference['field'], a: unknown, b: unknown) => {
          if (canonical(a) !== canonical(b)) fields.push({ message: i + 1, field, expected: a, came: b });
        };
        check('text', want.text, got.text);
        check('channelData.topic', want.topic, got.topic);
        check('channelData.escalation', want.escalation, got.escalation);
        check('suggested actions', want.suggestedActions, got.suggestedActions);
        check('attachments', want.attachments, got.attachments);
      });
    }
    if (countDiffers || fields.length > 0) differences.push({ turn, expected, came, countDiffers, fields, errors });
  }
  return differences;
}

/** How a turn is named in a report: what the user did. */
export function describeUserActivity(activity: TranscriptActivity): string {
  switch (activity.type) {
    case 'message':
      if (typeof activity.text === 'string' && activity.text !== '') return `the user sent ${JSON.stringify(activity.text)}`;
      if (activity.attachments?.length) return `the user sent ${activity.attachments.length} attachment(s) and no text`;
      return 'the user sent an empty message';
    case 'conversationUpdate': {
      const added = (activity.membersAdded ?? []).map((m) => m.name ?? m.id);
      return added.length > 0 ? `the conversation started (conversationUpdate adding ${added.join(', ')})` : 'a conversationUpdate';
    }
    case 'event':
      return `the Emulator sent the event ${JSON.stringify(activity.name ?? '')}`;
    default:
      return `the Emulator sent a ${activity.type} activity`;
  }
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((line) => by + line)
    .join('\n');

/** Where two texts first part, with a little of each around it. */
export function firstDifference(expected: string, came: string): string {
  let i = 0;
  while (i < expected.length && i < came.length && expected[i] === came[i]) i++;
  const from = Math.max(0, i - 20);
  const clip = (s: string) => (from > 0 ? '…' : '') + s.slice(from, i + 40) + (s.length > i + 40 ? '…' : '');
  return `first difference at character ${i + 1}: expected ${JSON.stringify(clip(expected))}, came ${JSON.stringify(clip(came))}`;
}

function formatTurn(difference: TurnDifference, turnCount: number): string {
  const { turn } = difference;
  const lines = [`Turn ${turn.index} of ${turnCount}: ${describeUserActivity(turn.user)}`];
  if (difference.countDiffers) {
    lines.push(`  expected ${difference.expected.length} bot message(s), came ${difference.came.length}`);
    lines.push('  expected:');
    difference.expected.forEach((view, i) => lines.push(indent(`${i + 1}. ${JSON.stringify(view, null, 2)}`, '    ')));
    lines.push('  came:');
    difference.came.forEach((view, i) => lines.push(indent(`${i + 1}. ${JSON.stringify(view, null, 2)}`, '    ')));
  }
  for (const field of difference.fields) {
    lines.push(`  message ${field.message} of ${difference.expected.length}, ${field.field}:`);
    lines.push(`    expected: ${JSON.stringify(field.expected)}`);
    lines.push(`    came:     ${JSON.stringify(field.came)}`);
    if (field.field === 'text' && typeof field.expected === 'string' && typeof field.came === 'string') {
      lines.push(`    (${firstDifference(field.expected, field.came)})`);
    }
  }
  for (const error of difference.errors) lines.push(`  the bot reported an error in this turn (OnTurnError Trace): ${error}`);
  return lines.join('\n');
}

/** The failure message: every turn that differs, what was expected and what came. */
export function formatReport(source: string, turnCount: number, differences: readonly TurnDifference[]): string {
  if (differences.length === 0) return `${source}: the bot's replies match the transcript (${turnCount} turns)`;
  return [
    `${source}: the bot's replies differ from the transcript in ${differences.length} of ${turnCount} turns.`,
    'If the change is on purpose (the knowledge base changed), re-record it: npx tsx scripts/transcriptRecord.ts --again ' + source,
    '',
    ...differences.map((d) => formatTurn(d, turnCount) + '\n'),
  ].join('\n');
}
