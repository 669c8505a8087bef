/**
 * Property-based bad-input tests (fast-check), through the real server: restify, the messages endpoint,
 * LeakAdapter and the bot, over HTTP with deliveryMode expectReplies.
 *
 * About 2,500 HTTP turns in all: random and adversarial text (unicode, emoji, right-to-left text, very
 * long words, 10,000-character messages, markdown and HTML, other languages, control characters),
 * odd activities (attachments with no text, unknown activity types, odd optional fields) and malformed
 * ones (null fields, wrong types). Every request gets either 200 with a sensible reply or a 4xx with a
 * JSON error, never a 5xx, a hang or a turn that crashed into onTurnError (which also drops the
 * conversation's state); conversations interleaved with junk keep their place in the symptom check.
 * Language understanding and the red-flag detector are also timed directly on adversarial text, as a
 * guard against catastrophic (exponential or quadratic) regular expressions: as growth ratios, never
 * against a fixed number of milliseconds (bench/adversarial.ts reports those).
 *
 * The seed is fixed so a failure reproduces; FC_SEED=<n> runs another one. fast-check prints the seed
 * and the shrunk counterexample of any failure.
 */
import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { parseAnswer } from '../../core/triage/answers';
import type { QuestionId } from '../../core/triage/content';
import type { ParentContext } from '../../core/safety/types';
import { sameChoice } from '../../dialogs/answerAware';
import { COMMAND_TOPICS, commandOf } from '../../dialogs/commands';
import { readTurnInput } from '../../dialogs/turnInput';
import { ADVERSARIAL_CASES, repeatTo } from '../support/adversarialText';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { checkedGrowth } from '../support/growth';
import { startBot, type RunningBot } from '../support/runningBot';

const SEED = Number(process.env.FC_SEED ?? 20261122);
const REQUEST_TIMEOUT_MS = 15_000;

jest.setTimeout(120_000);

// ---------------------------------------------------------------------------------------------------
// Junk text
// ---------------------------------------------------------------------------------------------------

const EMOJI = ['😭', '💧', '🍼', '🤱🏽', '👩‍👩‍👧', '🏳️‍🌈', '❤️', '🇬🇧', '👍🏿', '🫠', '🤷‍♀️', '🧑🏾‍🍼', '©', '™'];
const RTL = [
  'שלום, יש לי דליפה מהשד',
  'مرحبا، حليبي يتسرب طوال الوقت',
  'الرضاعة الطبيعية',
  '\u202Eleak my breast\u202C',
  '\u2067مرحبا\u2069 hello \u2066world\u2069',
  'hello עולם world سلام',
  '\u200F\u200E\u061C',
  'ہیلو، میری چھاتی سے دودھ بہہ رہا ہے',
];
const OTHER_LANGUAGES = [
  '¿Es normal que me gotee leche todo el tiempo?',
  'Mon sein coule tout le temps, est-ce normal ?',
  'Meine Brust tropft ständig, ist das normal?',
  '我的乳房一直在漏奶，正常吗？',
  '母乳が漏れてしまいます。普通ですか？',
  'У меня постоянно подтекает молоко',
  'मेरे स्तन से दूध रिसता रहता है',
  'Maziwa yanavuja kila wakati',
  'Czy to normalne, że cieknie mi mleko?',
  'É normal vazar leite o tempo todo?',
  'Sütüm sürekli sızıyor, normal mi?',
  'Γάλα τρέχει συνέχεια από το στήθος μου',
  'ฉันมีน้ำนมไหลตลอดเวลา',
  'Tôi bị rỉ sữa liên tục',
  '젖이 계속 새요',
];
const MARKUP = [
  '**bold** _italic_ `code` ~~strike~~',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1))',
  '```\nconst x = 1;\n```',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '# Heading\n\n> quote\n\n- item\n- item',
  '<at>Bot</at> hello',
  '&lt;b&gt;&amp;&quot;&#x27;',
  '<!-- comment --><b><i><u>',
  '![photo](http://example.com/x.png)',
  '{{clinicName}} ${process.env} %s %d %n',
  "'; DROP TABLE state; --",
  '{"type":"message","text":"inner"}',
  '\\u0000 \\n \\\\',
  '<div style="display:none">hidden</div>',
  '[[[[[[[[[[((((((({{{{{{',
];
const CONTROL = ['\u0000', '\u0007', '\b', '\u001b[31m', '\u200b', '\u200d', '\ufeff', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\u2029', '\ud83d', '\udc00', '\uffff'];
const PARENT = [
  'is it normal to leak milk',
  'why do my breasts leak at night',
  'what breast pads are best',
  'hi',
  'thanks so much!',
  'who are you',
  'how do I stop leaking at work',
  'my milk sprays when baby cries',
  'leaking from the other side while feeding',
  'does leaking mean I have too much milk',
];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);

/** Random letters with a pile of combining marks on each. */
const zalgo = fc
  .tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 0x300, max: 0x36f }), { minLength: 1, maxLength: 30 }))
  .map(([base, marks]) => [...base].map((ch, i) => ch + marks.slice(0, (i % marks.length) + 1).map((m) => String.fromCharCode(m)).join('')).join(''));

const shortJunk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
  fc.array(pick(EMOJI), { minLength: 1, maxLength: 40 }).map((e) => e.join('')),
  pick(RTL),
  pick(OTHER_LANGUAGES),
  pick(MARKUP),
  zalgo,
  fc.array(pick(CONTROL), { minLength: 1, maxLength: 30 }).map((c) => c.join('')),
  fc.lorem({ maxCount: 12 }),
);

/** Junk of every size: mostly short, some very long. */
const junkText: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: shortJunk },
  { weight: 3, arbitrary: fc.array(fc.oneof(shortJunk, pick(PARENT)), { minLength: 2, maxLength: 6 }).map((parts) => parts.join(' ')) },
  // Very long words (the messages endpoint reads the first 2,000 characters; the detector all of them).
  { weight: 1, arbitrary: fc.tuple(pick(['a', 'ö', '语', 'x\u0301', '🍼', 'leak']), fc.integer({ min: 300, max: 12_000 })).map(([c, n]) => c.repeat(n).slice(0, 12_000)) },
  // Messages of exactly 10,000 characters.
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(pick(PARENT), pick(MARKUP), pick(RTL), pick(OTHER_LANGUAGES), pick(EMOJI)), { minLength: 1, maxLength: 8 }).map((parts) => {
      let text = parts.join(' ');
      while (text.length < 10_000) text = `${text} ${text}`;
      return text.slice(0, 10_000);
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2_000 }).map((n) => 'no '.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(pick(['!', '?', '.', '...', '!?', '-', '*', '#', '(', ')', '[', ']']), fc.integer({ min: 100, max: 10_000 })).map(([p, n]) => p.repeat(n).slice(0, 10_000)) },
  { weight: 1, arbitrary: fc.array(pick(EMOJI), { minLength: 500, maxLength: 3_000 }).map((e) => e.join('')) },
);

/**
 * The same without the 10,000-character messages of words, for the interleaving test, whose oracle
 * reads every junk message five times (a long message of words costs the detector a few hundred ms).
 */
const cheaperJunkText: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: shortJunk },
  { weight: 3, arbitrary: fc.array(fc.oneof(shortJunk, pick(PARENT)), { minLength: 2, maxLength: 6 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.tuple(pick(['a', 'ö', '语', '🍼']), fc.integer({ min: 300, max: 12_000 })).map(([c, n]) => c.repeat(n).slice(0, 12_000)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2_000 }).map((n) => 'no '.repeat(n)) },
);

// ---------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------

interface Sent {
  status: number;
  /** Parsed JSON body, when there was one. */
  body: unknown;
  activities: Activity[];
}

type Body = Record<string, unknown> | unknown[] | string | number | boolean | null;

let bot: RunningBot;
let turns = 0;

/** One POST to /api/messages; a raw string body is sent as is. */
async function post(body: Body | { raw: string; contentType?: string }): Promise<Sent> {
  const isRaw = typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { raw?: unknown }).raw === 'string' && Object.keys(body).every((k) => k === 'raw' || k === 'contentType');
  const raw = isRaw ? (body as { raw: string }).raw : JSON.stringify(body);
  const contentType = (isRaw && (body as { contentType?: string }).contentType) || 'application/json';
  turns += 1;
  const res = await fetch(`${bot.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  const activities = ((parsed as { activities?: Activity[] } | undefined)?.activities ?? []).filter(Boolean);
  return { status: res.status, body: parsed, activities };
}

const CHANNEL = 'emulator';

function envelope(conversationId: string, userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channelId: CHANNEL,
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversationId },
    from: { id: userId, name: 'Parent' },
    recipient: { id: 'bot', name: 'Bot' },
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    deliveryMode: 'expectReplies',
    ...extra,
  };
}

const messages = (s: Sent) => s.activities.filter((a) => a.type === 'message');
const lastText = (s: Sent) => messages(s).at(-1)?.text ?? '';
const topics = (s: Sent) => messages(s).map((a) => (a.channelData as { topic?: string } | undefined)?.topic);
const escalated = (s: Sent) => messages(s).some((a) => (a.channelData as { escalation?: unknown } | undefined)?.escalation);
const crashed = (s: Sent) => s.activities.some((a) => a.type === 'trace' && a.name === 'OnTurnError Trace');

function describeSent(s: Sent): string {
  return JSON.stringify({ status: s.status, body: s.body }).slice(0, 600);
}

/**
 * The contract for anything sent: a 4xx with a JSON error (a clear refusal), or 200 with the turn run
 * to the end (no onTurnError trace) and, for a message, at least one reply with words in it. Replies
 * belong to the conversation that was written to.
 */
function expectSensible(sent: Sent, request: unknown): void {
  const context = `${describeSent(sent)}\nfor request ${JSON.stringify(request)?.slice(0, 300)}`;
  if (sent.status >= 400 && sent.status < 500) {
    const error = sent.body as { error?: unknown; message?: unknown } | undefined;
    const said = typeof error?.error === 'string' ? error.error : typeof error?.message === 'string' ? error.message : '';
    if (said.length <= 5) throw new Error(`4xx without a JSON error: ${context}`);
    return;
  }
  if (sent.status !== 200) throw new Error(`expected 200 or a 4xx refusal, got ${context}`);
  if (crashed(sent)) throw new Error(`the turn crashed into onTurnError: ${context}`);
  const activity = request as { type?: unknown; conversation?: { id?: unknown } };
  if (activity.type === 'message' && !messages(sent).some((m) => typeof m.text === 'string' && m.text.trim().length > 0)) {
    throw new Error(`a message got no reply with words: ${context}`);
  }
  const conversationId = activity.conversation?.id;
  for (const reply of sent.activities) {
    if (reply.conversation && reply.conversation.id !== conversationId) throw new Error(`a reply went to conversation ${reply.conversation.id}, not ${String(conversationId)}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Odd activities (a valid envelope) and malformed ones
// ---------------------------------------------------------------------------------------------------

const attachment = fc.record(
  {
    contentType: fc.oneof(pick(['image/png', 'image/jpeg', 'application/pdf', 'video/mp4', 'audio/ogg', 'application/vnd.microsoft.card.hero', 'text/plain']), fc.string({ maxLength: 30 })),
    contentUrl: fc.oneof(fc.webUrl(), fc.constant('data:image/png;base64,iVBORw0KGgo=')),
    name: fc.string({ maxLength: 40 }),
    content: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: ['contentType'] },
);

const UNKNOWN_TYPES = ['typing', 'messageReaction', 'endOfConversation', 'installationUpdate', 'event', 'invoke', 'handoff', 'trace', 'delete', 'contactRelationUpdate', 'messageUpdate', 'messageDelete', 'suggestion', 'command', 'conversationUpdate'];

/** Activities with a well-formed envelope and unusual content. */
const oddActivity = fc.oneof(
  junkText.map((text) => ({ type: 'message', text })),
  fc.record({ type: fc.constant('message'), attachments: fc.array(attachment, { minLength: 1, maxLength: 3 }), text: pick([undefined, '', '   ', '\u200b']) }),
  fc.record({ type: fc.oneof(pick(UNKNOWN_TYPES), fc.string({ minLength: 1, maxLength: 20 })), text: fc.option(junkText, { nil: undefined }), name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), value: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }) }),
  fc.record({ type: fc.constant('conversationUpdate'), membersAdded: fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 20 }), name: fc.string({ maxLength: 20 }) }), { maxLength: 3 }) }),
  fc.record({
    type: fc.constant('message'),
    text: junkText,
    channelId: pick(['emulator', 'webchat', 'directline', 'msteams', 'test', 'slack', 'sms', 'x'.repeat(200), 'ünïcödé 频道']),
    locale: fc.option(fc.oneof(pick(['en-US', 'ar-SA', 'he-IL', 'zh-CN', 'xx', '']), fc.string({ maxLength: 12 })), { nil: undefined }),
    textFormat: fc.option(pick(['plain', 'markdown', 'xml', 'html', 'nonsense']), { nil: undefined }),
    channelData: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
    value: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
    entities: fc.option(fc.constant([]), { nil: undefined }),
    replyToId: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
    attachmentLayout: fc.option(pick(['list', 'carousel', 'weird']), { nil: undefined }),
  }),
);

type Mutation = (activity: Record<string, unknown>) => Body | { raw: string; contentType?: string };

const set = (path: string, value: unknown): Mutation => (a) => {
  const copy = structuredClone(a);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  if (value === undefined) delete target[keys[keys.length - 1]];
  else target[keys[keys.length - 1]] = value;
  return copy;
};

/** One way of breaking an activity each, by name. A request may carry several. */
const MUTATIONS: Record<string, Mutation> = {
  'body is JSON null': () => null,
  'body is an array': (a) => [a],
  'body is a number': () => 42,
  'body is a string': () => 'message',
  'body is truncated JSON': (a) => ({ raw: JSON.stringify(a).slice(0, 25) }),
  'body is not JSON': () => ({ raw: 'type=message&text=hi', contentType: 'application/x-www-form-urlencoded' }),
  'type missing': set('type', undefined),
  'type null': set('type', null),
  'type a number': set('type', 7),
  'type an object': set('type', { message: true }),
  'type empty': set('type', ''),
  'conversation null': set('conversation', null),
  'conversation a string': set('conversation', 'abc'),
  'conversation.id missing': set('conversation.id', undefined),
  'conversation.id a number': set('conversation.id', 12),
  'conversation.id empty': set('conversation.id', ''),
  'channelId missing': set('channelId', undefined),
  'channelId null': set('channelId', null),
  'channelId a number': set('channelId', 3),
  'channelId empty': set('channelId', ''),
  'from null': set('from', null),
  'from a string': set('from', 'someone'),
  'from.id missing': set('from.id', undefined),
  'from.id null': set('from.id', null),
  'from.id a number': set('from.id', 5),
  'recipient null': set('recipient', null),
  'recipient a string': set('recipient', 'bot'),
  'recipient missing': set('recipient', undefined),
  'serviceUrl missing': set('serviceUrl', undefined),
  'serviceUrl null': set('serviceUrl', null),
  'serviceUrl a number': set('serviceUrl', 80),
  'serviceUrl not a URL': set('serviceUrl', 'not a url'),
  'text a number': set('text', 42),
  'text an object': set('text', { text: 'hi' }),
  'text an array': set('text', ['hi']),
  'text null': set('text', null),
  'text a boolean': set('text', true),
  'attachments null': set('attachments', null),
  'attachments an object': set('attachments', { contentType: 'image/png' }),
  'attachments [null]': set('attachments', [null]),
  'attachments of strings': set('attachments', ['a.png']),
  'entities null': set('entities', null),
  'entities an object': set('entities', { type: 'mention' }),
  'entities [null]': set('entities', [null]),
  'entities: a mention with no "mentioned"': set('entities', [{ type: 'mention', text: '<at>Bot</at>' }]),
  'membersAdded null': (a) => ({ ...a, type: 'conversationUpdate', membersAdded: null }),
  'membersAdded [null]': (a) => ({ ...a, type: 'conversationUpdate', membersAdded: [null] }),
  'membersAdded an object': (a) => ({ ...a, type: 'conversationUpdate', membersAdded: { id: 'u' } }),
  'locale a number': set('locale', 5),
  'channelData null': set('channelData', null),
  'channelData a string': set('channelData', 'x'),
  'suggestedActions a string': set('suggestedActions', 'x'),
  'timestamp garbage': set('timestamp', 'yesterday-ish'),
  'id an object': set('id', { id: 1 }),
};

/**
 * Mutations that today break the contract, found by this file. Each still runs below as it.failing with
 * the full contract, so it turns red (and must leave this list) once the messages endpoint refuses it
 * with a 400. "turn error": the turn crashes into onTurnError, which answers with the apology and,
 * unless the store is down, DELETES the conversation's state (a parent mid-check starts again).
 */

const SAFE_MUTATIONS = Object.keys(MUTATIONS);

// ---------------------------------------------------------------------------------------------------
// The symptom check path the interleaving test walks, and what makes junk harmless to it
// ---------------------------------------------------------------------------------------------------

const PATH: Array<{ question: QuestionId; answer: string }> = [
  { question: 'status', answer: 'Breastfeeding or pumping' },
  { question: 'side', answer: 'Both breasts' },
  { question: 'colour', answer: 'Milky or white' },
  { question: 'trigger', answer: 'On its own' },
  { question: 'signs', answer: 'None of these' },
  { question: 'pattern', answer: 'In the shower' },
];
const PATH_END_TOPIC = 'shower-leaking';
const DONE = PATH.length;

const questionText = (id: QuestionId) => testDomain().symptomCheck.questions[id].text;

/** Would this message, sent while the check asks `question`, move or end the check? (The bot's own rules.) */
function couldMoveCheck(text: unknown, question: QuestionId, maxChars: number): boolean {
  const domain = testDomain();
  const input = readTurnInput({ text: text as string }, maxChars);
  if (input.problem) return false;
  if (commandOf(input.text, domain.messages)) return true;
  if (domain.symptomCheck.questions[question].options.some((o) => sameChoice(input.text, o.label))) return true;
  if (parseAnswer(question, input.text) !== undefined) return true;
  // Any parent context the conversation's user (or, with a mutated from.id, another user) may have.
  for (const known of [{}, { lactation: 'breastfeeding' }, { lactation: 'none' }, { lactation: 'weaned', weanedWeeksAgo: 20 }, { male: true }] as ParentContext[]) {
    const assessment = domain.safety.assess(input.text, known);
    if (assessment.flags.length > 0 || assessment.toConfirm.length > 0 || Object.keys(assessment.learned).length > 0) return true;
  }
  const understanding = domain.understanding.understand(input.understood);
  return understanding.kind === 'topic' && understanding.topic in COMMAND_TOPICS;
}

interface Conv {
  id: string;
  userId: string;
}

interface Model {
  /** Per conversation: the index in PATH of the question waiting for an answer, or DONE. */
  at: number[];
  /**
   * Per conversation: junk the check may have taken as an answer it could not place, for the waiting
   * question. After two, the check records "not sure" and moves on (issue 10), so the walk sends at
   * most one such message a question.
   */
  unplaced: number[];
}

/** Would the check take this message as an answer it cannot place (rather than answer it as a question of its own)? */
function mayCountAsUnplaced(text: unknown, mutation: string | undefined, maxChars: number): boolean {
  if (mutation) return true;
  const input = readTurnInput({ text: text as string }, maxChars);
  if (input.problem) return false;
  const understanding = testDomain().understanding.understand(input.understood);
  return !(understanding.kind === 'topic' && understanding.topic !== 'symptom-check');
}

interface Real {
  convs: Conv[];
}

const CONVERSATIONS = 3;

class AnswerCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly c: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const conv = r.convs[this.c];
    const at = m.at[this.c];
    const text = at === DONE ? 'check my symptoms' : PATH[at].answer;
    const sent = await post(envelope(conv.id, conv.userId, { text }));
    expectSensible(sent, envelope(conv.id, conv.userId, { text }));
    expect(escalated(sent)).toBe(false);
    m.unplaced[this.c] = 0;
    if (at === DONE) {
      // The check starts again and skips what it knows: the parent is breastfeeding.
      expect(topics(sent)).toContain('symptom-check');
      expect(lastText(sent)).toContain(questionText('side'));
      m.at[this.c] = 1;
    } else if (at + 1 < PATH.length) {
      expect(lastText(sent)).toContain(questionText(PATH[at + 1].question));
      m.at[this.c] = at + 1;
    } else {
      expect(topics(sent)).toContain(PATH_END_TOPIC);
      m.at[this.c] = DONE;
    }
  }
  toString = () => `answer(${this.c})`;
}

/** Junk for one of the conversations, while its check waits; junk that could legitimately move the check is skipped. */
class JunkIntoCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly c: number,
    readonly activity: Record<string, unknown>,
    readonly mutation: string | undefined,
  ) {}
  check = (m: Readonly<Model>) => {
    const at = m.at[this.c];
    if (at === DONE) return false;
    // What the bot would read, should the mutation leave the text alone.
    const sent = this.mutation ? (MUTATIONS[this.mutation]({ ...this.activity }) as { text?: unknown } | null) : this.activity;
    if (m.unplaced[this.c] >= 1 && mayCountAsUnplaced(this.activity.text, this.mutation, bot.app.config.limits.maxMessageChars)) return false;
    return typeof sent?.text !== 'string' || !couldMoveCheck(sent.text, PATH[at].question, bot.app.config.limits.maxMessageChars);
  };
  async run(m: Model, r: Real) {
    const conv = r.convs[this.c];
    const base = envelope(conv.id, conv.userId, this.activity);
    const request = this.mutation ? MUTATIONS[this.mutation](base) : base;
    const sent = await post(request);
    expectSensible(sent, request);
    expect(escalated(sent)).toBe(false);
    if (mayCountAsUnplaced(this.activity.text, this.mutation, bot.app.config.limits.maxMessageChars)) m.unplaced[this.c] += 1;
    const input = readTurnInput({ text: this.activity.text as string }, bot.app.config.limits.maxMessageChars);
    if (!this.mutation && !input.problem) {
      // The check asks its question again (after answering a side question, if it was one).
      expect(lastText(sent)).toContain(questionText(PATH[m.at[this.c]].question));
    }
  }
  toString = () => `junkInto(${this.c}, ${this.mutation ? `[${this.mutation}] ` : ''}${JSON.stringify(this.activity).slice(0, 120)})`;
}

/**
 * Anything at all (red flags, "forget me", "start over" included) for another conversation: a new one,
 * or one with the same conversation id on another channel. Always another user too: the parent context
 * (lactation, weaning, "I'm a man") is user state, shared by design by one user's conversations on a channel.
 */
class JunkElsewhereCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly target: 'new conversation' | 'same conversation id, other channel',
    readonly c: number,
    readonly activity: Record<string, unknown>,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    const conv = r.convs[this.c];
    const request =
      this.target === 'new conversation'
        ? envelope(`conv-${randomUUID()}`, `user-${randomUUID()}`, this.activity)
        : envelope(conv.id, conv.userId, { ...this.activity, channelId: 'webchat' });
    expectSensible(await post(request), request);
  }
  toString = () => `junkElsewhere(${this.target} ~${this.c}, ${JSON.stringify(this.activity).slice(0, 120)})`;
}

const conversationIndex = fc.nat({ max: CONVERSATIONS - 1 });

const ELSEWHERE_TEXT = fc.oneof(
  { weight: 4, arbitrary: cheaperJunkText },
  { weight: 1, arbitrary: pick(['forget me', 'start over', 'stop', 'help', 'check my symptoms', 'Both breasts', 'there is pus coming from my nipple', 'I have a fever and my breast is red and hot', 'I stopped breastfeeding 6 months ago']) },
);

const interleavingCommands = fc.commands(
  [
    conversationIndex.map((c) => new AnswerCommand(c)),
    fc.tuple(conversationIndex, fc.oneof({ weight: 5, arbitrary: cheaperJunkText.map((text) => ({ text })) }, { weight: 1, arbitrary: oddActivity.filter((a) => a.type === 'message' && !('channelId' in a)) })).map(
      ([c, activity]) => new JunkIntoCommand(c, activity, undefined),
    ),
    fc.tuple(conversationIndex, pick(SAFE_MUTATIONS.filter((n) => !n.startsWith('body'))), cheaperJunkText).map(([c, mutation, text]) => new JunkIntoCommand(c, { text }, mutation)),
    fc.tuple(pick(['new conversation', 'same conversation id, other channel'] as const), conversationIndex, fc.oneof(ELSEWHERE_TEXT.map((text) => ({ text })), oddActivity)).map(
      ([target, c, activity]) => new JunkElsewhereCommand(target, c, activity),
    ),
  ],
  { maxCommands: 30 },
);

// ---------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------

/** fast-check's report, with strings of thousands of characters cut to their ends (the seed and path replay them in full). */
function shortReport<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const error = details.errorInstance;
  const cause = error instanceof Error ? error.message : String(error);
  const message = `${fc.defaultReportMessage(details) ?? 'property failed'}\n\nCause: ${cause}`;
  throw new Error(message.replace(/"((?:[^"\\]|\\.){400,}?)"(?=[,\]}) \n]|$)/g, (_all, inner: string) => `"${inner.slice(0, 160)}…(${inner.length} chars)…${inner.slice(-60)}"`));
}

function params<T>(numRuns: number): fc.Parameters<T> {
  return { seed: SEED, numRuns, reporter: shortReport };
}

describe(`bad input through the real server (fast-check seed ${SEED}; FC_SEED=<n> for another)`, () => {
  beforeAll(async () => {
    // The seed is in this describe's name and in every failure report; a passing run prints nothing.
    bot = await startBot(TEST_CLINIC_ENV, { domain: testDomain() });
  });
  afterAll(async () => {
    expect(turns).toBeGreaterThan(0);
    await bot?.stop();
  });

  it('random and adversarial text always gets a reply with words in it', async () => {
    // Spread over enough conversations to stay under the per-conversation rate limit (120 a minute by default).
    const pool: Conv[] = Array.from({ length: 16 }, () => ({ id: `conv-${randomUUID()}`, userId: `user-${randomUUID()}` }));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: pool.length - 1 }), junkText, async (c, text) => {
        const request = envelope(pool[c].id, pool[c].userId, { text });
        expectSensible(await post(request), request);
      }),
      params(500),
    );
  });

  it('odd activities (attachments with no text, unknown types, odd fields, other channels) get a reply or are accepted quietly', async () => {
    await fc.assert(
      fc.asyncProperty(oddActivity, async (activity) => {
        const request = envelope(`conv-${randomUUID()}`, `user-${randomUUID()}`, activity);
        expectSensible(await post(request), request);
      }),
      params(300),
    );
  });

  it('malformed activities (null fields, wrong types, broken bodies) get a 4xx with a JSON error or a sensible reply, never a 5xx or a crashed turn', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(pick(SAFE_MUTATIONS), { minLength: 1, maxLength: 3 }), junkText, async (names, text) => {
        let request: ReturnType<Mutation> = envelope(`conv-${randomUUID()}`, `user-${randomUUID()}`, { text });
        for (const name of names) {
          request = typeof request === 'object' && request !== null && !Array.isArray(request) && !('raw' in request) ? MUTATIONS[name](request as Record<string, unknown>) : request;
        }
        expectSensible(await post(request), request);
      }),
      params(300),
    );
  });

  it('interleaved conversations keep their place in the symptom check, whatever is sent to them or to others', async () => {
    await fc.assert(
      fc.asyncProperty(interleavingCommands, async (cmds) => {
        const convs: Conv[] = Array.from({ length: CONVERSATIONS }, () => ({ id: `conv-${randomUUID()}`, userId: `user-${randomUUID()}` }));
        for (const conv of convs) {
          const first = await post(envelope(conv.id, conv.userId, { text: 'check my symptoms' }));
          expect(topics(first)).toContain('symptom-check');
          expect(lastText(first)).toContain(questionText('status'));
        }
        const model: Model = { at: convs.map(() => 0), unplaced: convs.map(() => 0) };
        const real: Real = { convs };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        // Whatever came last, each conversation still answers from where the model says it is.
        for (let c = 0; c < convs.length; c++) await new AnswerCommand(c).run(model, real);
      }),
      params(40),
    );
  });

  it('a red flag wrapped in junk interrupts the symptom check with an escalation, at any step', async () => {
    const FLAGS = [
      'I have a fever and my breast is red, hot and swollen',
      'my nipple has turned inward in the last month and the skin looks like orange peel',
      'I have been thinking about killing myself',
      'there is a hard lump in my breast that has been there for 6 weeks and is not going away',
    ];
    const noise = fc.oneof(pick(EMOJI), pick(RTL), pick(OTHER_LANGUAGES), pick(MARKUP.filter((m) => !/[<>]/.test(m) || m.includes('script'))), fc.constant(''));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: PATH.length - 1 }), pick(FLAGS), noise, noise, pick(['\n\n', '. ', ' — ', '\n']), async (steps, flag, before, after, sep) => {
        const conv = { id: `conv-${randomUUID()}`, userId: `user-${randomUUID()}` };
        await post(envelope(conv.id, conv.userId, { text: 'check my symptoms' }));
        for (const step of PATH.slice(0, steps)) await post(envelope(conv.id, conv.userId, { text: step.answer }));
        const text = [before, flag, after].filter((p) => p.length > 0).join(sep);
        const request = envelope(conv.id, conv.userId, { text });
        const sent = await post(request);
        expectSensible(sent, request);
        expect(escalated(sent)).toBe(true);
      }),
      params(50),
    );
  });


  it.each(Object.keys(MUTATIONS))('a malformed envelope (%s) is refused or answered, and a conversation mid-check keeps its place', async (name) => {
    const text = 'is it normal to leak milk';
    const fresh = MUTATIONS[name](envelope(`conv-${randomUUID()}`, `user-${randomUUID()}`, { text }));
    expectSensible(await post(fresh), fresh);
    const conv = { id: `conv-${randomUUID()}`, userId: `user-${randomUUID()}` };
    await post(envelope(conv.id, conv.userId, { text: 'check my symptoms' }));
    await post(envelope(conv.id, conv.userId, { text: PATH[0].answer }));
    const request = MUTATIONS[name](envelope(conv.id, conv.userId, { text }));
    expectSensible(await post(request), request);
    const next = await post(envelope(conv.id, conv.userId, { text: PATH[1].answer }));
    expect(lastText(next)).toContain(questionText(PATH[2].question));
  });

  it('the server still serves afterwards', async () => {
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    const conv = { id: `conv-${randomUUID()}`, userId: `user-${randomUUID()}` };
    const sent = await post(envelope(conv.id, conv.userId, { text: 'what are breast pads' }));
    expect(sent.status).toBe(200);
    expect(topics(sent)).toContain('breast-pads');
  });
});

// ---------------------------------------------------------------------------------------------------
// Bounded time of language understanding and the red-flag detector
// ---------------------------------------------------------------------------------------------------
//
// Guards against catastrophic (exponential or quadratic) regular expressions without a stopwatch bound:
// each check compares the CPU time of a message with that of the same message ten times shorter, run
// back to back in this process (CPU time, not wall-clock time, which a busy machine inflates unevenly).
// Linear work takes about 10 times longer on 10 times the text, quadratic work 100 times: the bound of
// 30 times (plus 20 ms for noise and inputs too short to time) is far from both. The milliseconds themselves are reported by `npm run bench` (bench/adversarial.ts).

/** Pieces that backtracking regular expressions choke on when repeated: negations, spaces, punctuation, joiners, symptom words. */
const ATOMS = ['no ', 'not ', 'no, ', 'a', 'aa', ' ', '  ', '-', "'", '.', '!', '?', ',', '(', ')', '[', '"', '\u200d', '😭', 'lump ', 'pain ', 'fever ', '38.5 ', '°', 'weeks ', '3 ', 'blood', 'nipple ', 'milk', 'ing', 'leak', '\n', 'ا', 'ש', '\u0301', '<b>', '**', 'http://', '@', '#'];

interface Bait {
  unit: string;
  tail: string;
}

/** A unit of 1-4 atoms, repeated to any length, then a tail that makes a greedy match fail at the very end. */
const bait: fc.Arbitrary<Bait> = fc.record({
  unit: fc.array(pick(ATOMS), { minLength: 1, maxLength: 4 }).map((atoms) => atoms.join('')),
  tail: fc.oneof(pick(['!', 'x', '\u0000', '😭', ' no', '?', '']), fc.string({ maxLength: 5 })),
});
const grow = (b: Bait, length: number) => repeatTo(b.unit, length) + b.tail;

/** Ten times the text may take at most this many times longer (linear: about 10; quadratic: about 100). */
const GROWTH_FACTOR = 30;
const SLACK_MS = 20;

describe('language understanding and the red-flag detector take time linear in the message on adversarial text', () => {
  const domain = testDomain();
  const understand = (text: string) => domain.understanding.understand(text);
  const assess = (text: string) => domain.safety.assess(text, {});
  const maxChars = 2_000; // MAX_MESSAGE_CHARS' default: what a chat message is read up to
  const expectLinear = (fn: (text: string) => unknown, small: string, large: string) => {
    const g = checkedGrowth(fn, small, large, GROWTH_FACTOR, SLACK_MS);
    expect(g.largeMs).toBeLessThan(g.boundMs);
  };

  beforeAll(() => {
    understand('is leaking normal');
    assess('fever and a red breast');
  });

  // The quadratic case, 20,000 dots then a letter, was found by the growth property below (FC_SEED=5): the
  // detector's sentence splitter in core/safety/text.ts backtracked through the whole run of dots at every
  // dot (1.1 s for 20,000; a 100 KB message of dots would have held the server for half a minute).
  //
  // Measured at up to 20,000 characters (2,000 vs 20,000): a quadratic blow-up is 100 times there already.
  // The 100,000-character cases are timed by bench/adversarial.ts instead, because one of them grows
  // mildly faster than linear beyond 20,000 characters (a single 100,000-character word of accented
  // letters: 10,000 to 100,000 characters takes 20 to 70 times as long in the detector, about 0.1 s in all),
  // which would make a 30-times bound there fail at random.
  it.each(ADVERSARIAL_CASES.map((c) => [c.name, c] as const))('%s: ten times the text takes at most 30 times as long', (_name, c) => {
    const chars = Math.min(c.chars, 20_000);
    const small = c.make(chars / 10);
    const large = c.make(chars);
    expectLinear(understand, small, large);
    expectLinear(assess, small, large);
  });

  it(`repeated fragments of 200 to ${maxChars} characters (fast-check): ten times the text takes at most 30 times as long`, () => {
    fc.assert(
      fc.property(bait, fc.integer({ min: 200, max: maxChars }), (b, length) => {
        const small = grow(b, Math.round(length / 10));
        const large = grow(b, length);
        for (const fn of [understand, assess]) expectLinear(fn, small, large);
      }),
      params(100),
    );
  }, 300_000); // repeated runs, not timed: a loaded machine only makes them slower

  it('time grows linearly with length, not quadratically or worse (1,000 vs 10,000 characters, fast-check)', () => {
    fc.assert(
      fc.property(bait, (b) => {
        const short = grow(b, 1_000);
        const long = grow(b, 10_000);
        for (const fn of [understand, assess]) expectLinear(fn, short, long);
      }),
      params(15),
    );
  }, 300_000);

  it('language understanding reads only the first part of a 100,000-character message: no slower than 10,000 characters', () => {
    const long = repeatTo('my breast is leaking all the time and it soaks my shirt ', 100_000);
    const shorter = long.slice(0, 10_000);
    // What it reads does not depend on the rest of the message...
    expect(understand(long)).toEqual(understand(shorter));
    // ...and neither does its cost: reading all of it would take about 10 times as long.
    const g = checkedGrowth(understand, shorter, long, 3, SLACK_MS);
    expect(g.largeMs).toBeLessThan(g.boundMs);
  });
});
