import { testDomain } from '../support/domain';
import { choicesOf, dialogConversation, escalationOf, topicOf } from '../support/dialogClient';

/**
 * A question and a warning sign in one message (issue 10): the advice for the sign comes first,
 * urgency first, and the question is still answered, in the same reply, which carries both
 * channelData.topic and channelData.escalation. At every level, emergencies included.
 */

const domain = testDomain();
const titleOf = (topic: string) => domain.kb.topic(topic).title;

interface QuestionWithFlag {
  say: string;
  /** The topic the question asks about, which the reply answers. */
  topic: string;
  /** The level of the warning sign reported beside it. */
  level: 'emergency' | 'urgent' | 'soon' | 'routine';
}

/** Written for this test: each asks something and reports a sign, the sign often last or louder. */
const MESSAGES: QuestionWithFlag[] = [
  { say: "how do I stop leaking at night? also since the birth I've been hearing voices", topic: 'leaking-at-night', level: 'emergency' },
  { say: "what breast pads are best? I've been having thoughts of hurting myself", topic: 'breast-pads', level: 'emergency' },
  { say: 'why do my breasts leak so much? I feel like I might hurt my baby', topic: 'why-breasts-leak', level: 'emergency' },
  { say: 'is leaking normal? i want to end my life', topic: 'is-leaking-normal', level: 'emergency' },
  { say: 'I have mastitis and now I feel faint and confused with a racing heart, can I keep breastfeeding?', topic: 'mastitis-and-infection', level: 'emergency' },
  { say: 'how do I stop leaking at night? I have a fever of 39 and my breast is red and hot', topic: 'leaking-at-night', level: 'urgent' },
  { say: "there's pus coming from my nipple, is leaking normal?", topic: 'is-leaking-normal', level: 'urgent' },
  { say: 'can I still use breast pads? I see red streaks spreading across my breast', topic: 'breast-pads', level: 'urgent' },
  { say: 'when will the leaking stop? since the birth I get a terrible headache and blurry vision', topic: 'when-does-leaking-stop', level: 'urgent' },
  { say: 'does pumping help with leaking? I have a hard lump and a fever', topic: 'feed-or-pump-often', level: 'urgent' },
  { say: "why do my breasts leak? there's blood coming from my nipple", topic: 'why-breasts-leak', level: 'soon' },
  { say: "how can I hide leaks at work? also there's a lump that's been there for three weeks", topic: 'leaking-at-work', level: 'soon' },
  { say: 'is it normal to leak during sex? my nipple has started turning inward', topic: 'leaking-during-sex', level: 'soon' },
  { say: 'I leak in the shower, why? also my breast has dimpled skin like orange peel', topic: 'shower-leaking', level: 'soon' },
  // No question mark: what the message is about, apart from the sign, is still answered.
  { say: "night leaks are ruining my sheets. also this evening I've got red lines going out from the nipple and a fever", topic: 'leaking-at-night', level: 'urgent' },
  { say: 'is it normal to leak at work? I started a new medicine last week and now I leak more', topic: 'leaking-at-work', level: 'routine' },
  { say: 'what are the best breast pads? I get a sad feeling for a minute right when my milk lets down', topic: 'breast-pads', level: 'routine' },
];

describe('a question asked beside a warning sign is answered, after the advice', () => {
  it.each(MESSAGES.map((m) => [m.level, m.say, m] as const))('%s: "%s"', async (_level, _say, message) => {
    const replies = await dialogConversation().say(message.say);
    expect(replies).toHaveLength(1);
    const [reply] = replies;
    expect({ topic: topicOf(reply), level: escalationOf(replies)?.level }).toEqual({ topic: message.topic, level: message.level });
    const text = reply.text ?? '';
    expect(text).toContain(titleOf(message.topic));
    // Urgency first: the reply opens with what to do, except a routine sign, which is a note under the answer.
    if (message.level === 'routine') expect(text).toMatch(/^\*\*/);
    else expect(text).toMatch(/^\*\*(Call|Contact|Book)/);
    // In an emergency the whole advice comes before the answer; otherwise the answer follows the headline.
    if (message.level === 'emergency') expect(text.indexOf(titleOf(message.topic))).toBeGreaterThan(text.indexOf('Who to call'));
    else expect(text.indexOf(titleOf(message.topic))).toBeGreaterThan(0);
  });
});

describe('a question beside a warning sign that is not understood for sure', () => {
  it('gets the advice, then the topics it may have meant as buttons; a tap answers it', async () => {
    const chat = dialogConversation();
    const [reply] = await chat.say('milk question? I also have pus');
    expect(escalationOf([reply])?.level).toBe('urgent');
    expect(reply.text).toMatch(/^\*\*Contact a doctor[\s\S]*did you mean one of these\?$/);
    const choices = choicesOf(reply);
    expect(choices.slice(0, 2)).toEqual(['Summary for my clinician', 'I have another question']);
    expect(choices).toContain(titleOf('blood-in-milk'));
    const [answer] = await chat.say(titleOf('blood-in-milk'));
    expect(topicOf(answer)).toBe('blood-in-milk');
  });
});

describe('an emergency and a question', () => {
  const message = "how do I stop leaking at night? also since the birth I've been hearing voices";

  it('where cards are shown: the one-line lead, then the short answer; the advice in its card, the rest of the answer behind a tap', async () => {
    const [reply] = await dialogConversation({ channelId: 'webchat' }).say(message);
    const [lead, ...rest] = (reply.text ?? '').split('\n\n');
    expect(lead).toMatch(/^\*\*Call 911 now/);
    expect(rest.join('\n\n')).toMatch(/^About your question: \*\*Leaking at night\*\*[\s\S]*Sources:/);
    const cards = (reply.attachments ?? []).map((a) => JSON.stringify(a.content));
    expect(cards[0]).toMatch(/Call 911 now/);
    expect(cards.some((c) => c.includes('Action.ShowCard') && c.includes('towel'))).toBe(true);
    expect(escalationOf([reply])).toEqual({ level: 'emergency', reasons: ['psychosis-signs'] });
  });

  it.each([
    "my milk keeps leaking everywhere and I can't cope, honestly I don't want to be alive anymore",
    "I'm so embarrassed about leaking at work and I keep thinking about hurting myself",
  ])('a message that asks nothing gets the advice alone, no topic: "%s"', async (said) => {
    const [reply] = await dialogConversation().say(said);
    expect(escalationOf([reply])?.level).toBe('emergency');
    expect(topicOf(reply)).toBeUndefined();
    expect(reply.text).not.toMatch(/About your question/);
  });

  it('without cards: "I\'m getting help" comes before the button for the rest of the answer', async () => {
    const [reply] = await dialogConversation().say(message);
    expect(choicesOf(reply)).toEqual(["Summary for my clinician", "I'm getting help", 'More: Leaking at night']);
  });

  it('the conversation stays on the emergency: each reply says what to do now first, then answers what is asked', async () => {
    const chat = dialogConversation();
    await chat.say(message);
    const [more] = await chat.say('More: Leaking at night');
    expect(more.text).toMatch(/^Your safety comes first\. Please call 911 now[\s\S]*\*\*Leaking at night\*\*[\s\S]*towel/);
    expect({ topic: topicOf(more), level: escalationOf([more])?.level }).toEqual({ topic: 'leaking-at-night', level: 'emergency' });
    const [pads] = await chat.say('what breast pads are best');
    expect(pads.text).toMatch(/^Your safety comes first[\s\S]*About your question: \*\*Breast pads\*\*/);
    expect({ topic: topicOf(pads), level: escalationOf([pads])?.level }).toEqual({ topic: 'breast-pads', level: 'emergency' });
    const [told] = await chat.say("I'm so embarrassed about the leaking");
    expect(told.text).toMatch(/^Your safety comes first/);
    expect(topicOf(told)).toBeUndefined();
    const [other] = await chat.say('ok');
    expect(other.text).toMatch(/^Your safety comes first/);
    expect(topicOf(other)).toBeUndefined();
    const [helped] = await chat.say("I'm getting help");
    expect(escalationOf([helped])).toBeUndefined();
    const [after] = await chat.say('what breast pads are best');
    expect(after.text).not.toMatch(/safety comes first/);
    expect(topicOf(after)).toBe('breast-pads');
  });
});
