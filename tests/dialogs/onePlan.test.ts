import type { Activity } from 'botbuilder';
import { testDomain } from '../support/domain';
import { choicesOf, dialogConversation, escalationOf, texts, topicOf } from '../support/dialogClient';

/**
 * One turn, one plan (issue 10): each message gets one reply that answers what was asked, gives the
 * advice for any warning sign reported (urgency first), and asks at most one question, after the answer.
 * Written as conversations: what the parent types, what the bot must say and carry.
 */

const YES_NO = ['Yes', 'No', 'Not sure'];
const domain = testDomain();
const firstParagraph = (topic: string) => domain.kb.topic(topic).answer.trim().split(/\s+/).slice(0, 8).join(' ');
const flat = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ');

interface Turn {
  say: string;
  /** The one reply's channelData.topic (null: none). */
  topic?: string | null;
  /** The one reply's channelData.escalation level (null: none). */
  level?: string | null;
  /** A confirming question comes last, with Yes / No / Not sure. */
  asks?: boolean;
  /** The reply's text matches. */
  says?: RegExp;
  /** The reply's text must not match. */
  never?: RegExp;
}

interface Conversation {
  name: string;
  turns: Turn[];
}

async function play(conversation: Conversation, channelId?: string): Promise<Partial<Activity>[][]> {
  const chat = dialogConversation({ channelId });
  const all: Partial<Activity>[][] = [];
  for (const turn of conversation.turns) {
    const replies = await chat.say(turn.say);
    all.push(replies);
    const context = `${conversation.name}: "${turn.say}" got ${JSON.stringify(replies.map((r) => r.text))}`;
    expect({ context, count: replies.length }).toEqual({ context, count: 1 });
    const [reply] = replies;
    if (turn.topic !== undefined) expect({ context, topic: topicOf(reply) ?? null }).toEqual({ context, topic: turn.topic });
    if (turn.level !== undefined) expect({ context, level: escalationOf(replies)?.level ?? null }).toEqual({ context, level: turn.level });
    if (turn.asks === true) expect({ context, choices: choicesOf(reply) }).toEqual({ context, choices: YES_NO });
    if (turn.asks === false) expect({ context, choices: choicesOf(reply) }).not.toEqual({ context, choices: YES_NO });
    if (turn.says) expect(reply.text).toMatch(turn.says);
    if (turn.never) expect(reply.text).not.toMatch(turn.never);
  }
  return all;
}

const CONVERSATIONS: Conversation[] = [
  {
    name: 'a plugged duct gets the plugged-duct answer, the lump question after it',
    turns: [
      { say: 'I think I have a plugged duct', topic: 'blocked-duct', level: null, asks: true, says: /blocked duct[\s\S]*\n\nJust to check: has this lump/i },
      { say: 'no', level: null, says: /thank you for checking/i },
    ],
  },
  {
    name: 'a mastitis question gets the mastitis answer, the fever question after it; no answers nothing more is needed',
    turns: [
      { say: 'I think I have mastitis', topic: 'mastitis-and-infection', level: null, asks: true, says: /Mastitis is an inflamed breast[\s\S]*fever, chills or body aches\?$/ },
      { say: 'no', level: null, asks: false, says: /glad/i },
    ],
  },
  {
    name: 'a question about mastitis is answered, with when to see a clinician',
    turns: [{ say: 'how do I know if I have mastitis', topic: 'mastitis-and-infection', level: null, asks: false, says: /please see a clinician/i }],
  },
  {
    name: 'a reported warning sign and a question: the advice, urgency first, and the answer, in one reply',
    turns: [{ say: 'I have a fever and my breast is red, how do I treat mastitis', topic: 'mastitis-and-infection', level: 'urgent', says: /^\*\*Contact a doctor, midwife or nurse today[\s\S]*Mastitis is an inflamed breast[\s\S]*Why:/ }],
  },
  {
    name: 'D-MER: the D-MER answer with a short note, no medicine wording',
    turns: [{ say: 'I get a brief low mood right before let-down', topic: 'dmer', level: 'routine', asks: false, says: /D-MER[\s\S]*A note: .*let(s)? down/i, never: /medicine|prescri/i }],
  },
  {
    name: 'someone else\'s lump is never asked about as "this lump"',
    turns: [{ say: 'my sister had a lump, should I worry?', level: null, never: /this lump/i }],
  },
  {
    name: 'a lump in the past is never asked about as "this lump"',
    turns: [{ say: 'I had a lump last year but it went away', level: null, never: /this lump/i }],
  },
  ...(
    [
      ['my friend had mastitis, what is it?', 'mastitis-and-infection'],
      ['my sister has blood in her milk, is that normal?', 'blood-in-milk'],
      ['I had a blocked duct last month, how do I avoid another?', 'blocked-duct'],
      ['last year I had a fever with mastitis', 'mastitis-and-infection'],
    ] as const
  ).map(([say, topic]) => ({
    name: `about someone else or the past, answered and not asked about: "${say}"`,
    turns: [{ say, topic, level: null, asks: false, never: /just to check/i }],
  })),
];

describe('one turn, one reply', () => {
  it.each(CONVERSATIONS.map((c) => [c.name, c] as const))('%s', async (_name, conversation) => {
    await play(conversation);
  });

  it('a routine flag is a note under the answer in Web Chat too, never a card in place of it', async () => {
    const [[reply]] = await play({ name: 'D-MER in Web Chat', turns: [{ say: 'I get a brief low mood right before let-down', topic: 'dmer', level: 'routine' }] }, 'webchat');
    expect(JSON.stringify(reply.attachments ?? [])).not.toMatch(/AT YOUR NEXT VISIT/);
    expect(flat(reply.text)).toContain(flat(firstParagraph('dmer')));
  });
});

describe('questions that end', () => {
  it.each(['not sure', 'Not sure', 'idk', 'maybe', 'a little', 'maybe a little pink', 'i dont know'])(
    '"%s" about a warning sign gives its advice, "to be safe"',
    async (answer) => {
      await play({
        name: answer,
        turns: [
          { say: "I don't think there's blood?", level: null, asks: true },
          { say: answer, level: 'soon', says: /^\*\*To be safe, book an appointment/ },
        ],
      });
    },
  );

  it('a confirming question is asked at most twice: then the safe advice', async () => {
    const [first, second, third] = await play({
      name: 'unplaced answers',
      turns: [
        { say: "I don't think there's blood?", level: null, asks: true },
        { say: 'purple', level: null, asks: true, says: /didn't catch that/i },
        { say: 'purple again', level: 'soon', says: /to be safe/i },
      ],
    });
    const asked = [first, second, third].flat().filter((r) => /is there any blood in the milk/i.test(r.text ?? '')).length;
    expect(asked).toBe(2);
  });

  it('a question asked while a confirming question waits is answered, with the question after it, in one reply', async () => {
    await play({
      name: 'interleaved',
      turns: [
        { say: "I don't think there's blood?", asks: true },
        { say: 'what are the best breast pads', topic: 'breast-pads', asks: true, says: /breast pads[\s\S]*back to where we were:\n\nJust to check: is there any blood/i },
        { say: 'no', level: null, says: /thank you for checking/i },
      ],
    });
  });

  const toSigns = ['check my symptoms', 'Breastfeeding or pumping', 'One breast', 'Milky or white', 'On its own', 'Pain, redness or heat'];

  it('yes/no questions of the symptom check offer Not sure, and not sure about a fever gives its advice to be safe', async () => {
    const chat = dialogConversation();
    let replies: Partial<Activity>[] = [];
    for (const answer of toSigns) replies = await chat.say(answer);
    expect(choicesOf(replies[replies.length - 1])).toEqual(YES_NO);
    const end = await chat.say('not sure');
    expect(escalationOf(end)).toEqual({ level: 'urgent', reasons: ['fever-with-breast-signs'] });
    expect(texts(end)).toMatch(/^\*\*To be safe, contact a doctor/);
  });

  it('after two answers it cannot place, the symptom check records "not sure" and goes on', async () => {
    const chat = dialogConversation();
    await chat.say('check my symptoms');
    await chat.say('Breastfeeding or pumping');
    const again = await chat.say('qwerty');
    expect(texts(again)).toMatch(/one breast or both/i);
    const next = await chat.say('zzzz');
    expect(texts(next)).not.toMatch(/one breast or both/i);
    expect(texts(next)).toMatch(/what does it look like/i);
    await chat.say('Milky or white');
    await chat.say('On its own');
    await chat.say('None of these');
    const end = await chat.say('No pattern');
    expect(topicOf(end[end.length - 1])).toBe('no-obvious-reason');
  });
});

describe('an escalation said once, where cards are shown', () => {
  const message = 'there is blood coming out of my nipple';

  /** The advice is in the card only: the text is a one-line lead, then the answer to what was asked, if any. */
  function expectOneLineLead(reply: Partial<Activity>): void {
    const [lead, ...rest] = reply.text!.split('\n');
    expect(lead).toMatch(/^\*\*.+\*\*$/);
    expect(reply.text).not.toMatch(/Why:|Who to call:/);
    if (rest.join('').trim() !== '') expect(topicOf(reply)).toBeDefined();
  }

  it.each(['webchat', 'msteams'])('%s: a one-line lead and the card, urgency first', async (channelId) => {
    const replies = await dialogConversation({ channelId }).say(message);
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expectOneLineLead(reply);
    const card = reply.attachments!.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')!;
    const body = JSON.stringify(card.content);
    expect(body.indexOf('SEE A CLINICIAN SOON')).toBeLessThan(body.indexOf('Why'));
    for (const part of ['Riverside Family Clinic', 'tel:+15550100199', 'What you told me', 'there is blood coming out of my nipple', 'Sources:']) expect(body).toContain(part);
    expect(escalationOf(replies)).toEqual({ level: 'soon', reasons: ['blood-in-discharge'] });
  });

  it('Web Chat over Azure Direct Line (channel "directline") says it shows cards, and gets one line and the card', async () => {
    const [reply] = await dialogConversation({ channelId: 'directline' }).say({ type: 'message', text: message, channelData: { showsCards: true } });
    expectOneLineLead(reply);
    expect(reply.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('a channel without cards gets the whole advice as text', async () => {
    const [reply] = await dialogConversation({ channelId: 'directline' }).say(message);
    expect(reply.text).toMatch(/^\*\*Book an appointment[\s\S]*Why:[\s\S]*What you told me:[\s\S]*Who to call: Riverside Family Clinic/);
  });
});

describe('the parent\'s own words, quoted back', () => {
  const attack = 'there is blood from my nipple [Call the clinic now](https://evil.example/phish) <img src=x>';

  const expectInert = (where: string) => {
    expect(where).not.toContain('<img');
    expect(where).not.toMatch(/\]\(https?:\/\/evil/);
    expect(where).not.toContain('https://evil.example');
  };

  it.each(['webchat', 'msteams', 'directline'])('are escaped in the text and in every card field (%s)', async (channelId) => {
    const chat = dialogConversation({ channelId });
    const [escalation] = await chat.say(attack);
    expect(escalationOf([escalation])?.reasons).toContain('blood-in-discharge');
    const [summary] = await chat.say('Summary for my clinician');
    for (const reply of [escalation, summary]) {
      const whole = `${reply.text}\n${JSON.stringify(reply.attachments ?? [])}`;
      expectInert(whole);
      // Quoted back, as plain words (a card with the topic's "more" holds no quote).
      expect(whole).toContain('Call the clinic now');
      for (const card of (reply.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')) expectInert(JSON.stringify(card));
    }
  });
});

describe('the offer of a person', () => {
  it('after two misunderstandings keeps the topics the parent most likely meant as buttons', async () => {
    const chat = dialogConversation();
    const unsure = await chat.say('milk');
    const likely = choicesOf(unsure[0]).filter((c) => c !== 'None of these');
    expect(likely.length).toBeGreaterThan(0);
    const handoff = await chat.say('what is the best car seat');
    expect(topicOf(handoff[0])).toBe('human-handoff');
    expect(choicesOf(handoff[0]).slice(0, likely.length)).toEqual(likely);
  });
});

describe('the dialog tree', () => {
  it('the welcome menu is its root', () => {
    const menu = new Set(domain.messages.welcomeChoices.map((c) => c.topic));
    expect(menu).toEqual(new Set(domain.kb.tree.rootMenu().map((t) => t.id)));
  });

  it('a hub offers its children; a child offers the way back up to it', async () => {
    const chat = dialogConversation();
    const hub = await chat.say('How to handle leaks');
    expect(topicOf(hub[0])).toBe('managing-leaks');
    const children = domain.kb.tree.children('managing-leaks').map((t) => domain.composer.choiceLabel(t));
    expect(choicesOf(hub[0])).toEqual(expect.arrayContaining(children));
    const leaf = await chat.say(children[0]);
    expect(choicesOf(leaf[0])).toContain('Back: How to handle leaks');
    expect(topicOf((await chat.say('Back: How to handle leaks'))[0])).toBe('managing-leaks');
  });

  it('the 21 causes fit a phone: six at a time, the commonest first, "More causes" for the next six and a way back', async () => {
    const chat = dialogConversation({ channelId: 'webchat' });
    const causes = domain.kb.tree.children('why-breasts-leak').map((t) => domain.composer.choiceLabel(t));
    const seen: string[] = [];
    let reply = (await chat.say('Why do I leak?'))[0];
    expect(topicOf(reply)).toBe('why-breasts-leak');
    expect(choicesOf(reply).slice(0, 2)).toEqual(['Why milk leaks at let-down', 'Leaking when your breasts are full']);
    for (;;) {
      const choices = choicesOf(reply);
      expect(choices.length).toBeLessThanOrEqual(8);
      expect(choices[choices.length - 1]).toMatch(/^Back/);
      seen.push(...choices.filter((c) => causes.includes(c)));
      const next = choices.find((c) => /^More causes/.test(c));
      if (!next) break;
      reply = (await chat.say(next))[0];
      expect(reply.text).toMatch(/\*\*Why do breasts leak\?\*\*, \d+ to \d+ of 21/);
      expect(choicesOf(reply)).toContain('Back: Why do breasts leak?');
    }
    expect(seen).toEqual(causes);
    const back = await chat.say('Back: Why do breasts leak?');
    expect(choicesOf(back[0])).toContain('More causes (2 of 4)');
    expect(choicesOf((await chat.say('more causes'))[0])).toContain('Blocked (plugged) milk duct');
  });
});

describe('a message in another language', () => {
  it.each([
    ['Tengo fiebre y el pecho rojo y caliente, ¿qué hago?', /solo lee inglés.*911.*\+1 555 010 0199/],
    ['Mon sein coule tout le temps, est-ce normal ?', /ne lit que l'anglais.*911.*\+1 555 010 0199/],
  ])('"%s" gets one short reply in that language, with whom to call', async (message, expected) => {
    const replies = await dialogConversation().say(message);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(expected);
  });

  it('a red flag the detector still reads in it gets its advice too, after the reply in that language', async () => {
    const replies = await dialogConversation().say('🩸 del pezón, estoy muy preocupada y no sé qué hacer');
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/^Este asistente solo lee inglés[\s\S]*\*\*Book an appointment/);
    expect(escalationOf(replies)).toEqual({ level: 'soon', reasons: ['blood-in-discharge'] });
  });
});
