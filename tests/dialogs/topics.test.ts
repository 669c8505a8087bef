import { testDomain } from '../support/domain';
import { choicesOf, dialogConversation, escalationOf, texts, topicOf } from '../support/dialogClient';

const domain = testDomain();
const topics = [...domain.kb.topics.values()];
const commandTopics = new Set(['restart', 'forget-me', 'help']);

describe('every knowledge topic, picked from a button', () => {
  it.each(topics.filter((t) => t.id !== 'symptom-check' && !commandTopics.has(t.id)).map((t) => [t.id, t] as const))('%s', async (id, topic) => {
    const chat = dialogConversation();
    const replies = await chat.say(topic.title);
    expect(replies).toHaveLength(1);
    expect(topicOf(replies[0])).toBe(id);
    expect(escalationOf(replies)).toBeUndefined();
    const text = replies[0].text ?? '';
    if (topic.group === 'conversation') {
      expect(text.length).toBeGreaterThan(5);
      expect(text).not.toMatch(/\{[a-zA-Z]+\}/);
      return;
    }
    expect(text).toContain(topic.title);
    expect(text).toMatch(/Sources: .+/);
    for (const source of topic.sources) expect(text).toContain(domain.kb.sources.get(source)!.citation);
    if (topic.seeDoctor) expect(text).toMatch(/When to see a doctor:/);
    // Related topics come back as buttons, and a button leads to its topic.
    const related = choicesOf(replies[0]);
    expect(related.length).toBe(topic.related.length);
    if (related.length > 0) {
      const next = await chat.say(related[0]);
      expect(topicOf(next[0])).toBe(topic.related[0]);
    }
  });
});

describe('topics asked in parents own words', () => {
  it.each([
    ['why do my boobs leak when i hear a baby cry', 'letdown-reflex'],
    ['im 32 weeks pregnent and my nipples are leaking yellow stuff', 'pregnancy-leaking'],
    ['what r the best breast pads', 'breast-pads'],
    ['how do i stop leaking thru my shirt at work??', 'leaking-at-work'],
    ['when does the leaking stop', 'when-does-leaking-stop'],
    ['can mastitis cause leaking?', 'mastitis-and-infection'],
    ['is leaking normal', 'is-leaking-normal'],
  ])('"%s" -> %s', async (message, expected) => {
    const replies = await dialogConversation().say(message);
    expect(replies.map(topicOf)).toContain(expected);
    expect(escalationOf(replies)).toBeUndefined();
  });

  it('answers a question about a warning sign from the knowledge base and says when to see a doctor', async () => {
    const replies = await dialogConversation().say('can mastitis cause pus to come out?');
    expect(escalationOf(replies)).toBeUndefined();
    expect(replies.map(topicOf)).toContain('mastitis-and-infection');
    expect(texts(replies)).toMatch(/please see a clinician/i);
  });
});

describe('conversation topics', () => {
  it('answers a greeting with what the bot can do, as choices', async () => {
    const replies = await dialogConversation().say('hello there');
    expect(topicOf(replies[0])).toBe('greeting');
    expect(choicesOf(replies[0])).toEqual(domain.messages.welcomeChoices.map((c) => c.label));
  });

  it('gives the clinic contact to someone who wants a person', async () => {
    const replies = await dialogConversation().say('can i talk to a real nurse please');
    expect(topicOf(replies[0])).toBe('human-handoff');
    expect(texts(replies)).toContain('Riverside Family Clinic');
    expect(texts(replies)).toContain('+1 555 010 0199');
  });

  it('says who it is and that it is not medical advice', async () => {
    const replies = await dialogConversation().say('are you a real doctor?');
    expect(topicOf(replies[0])).toBe('about');
    expect(texts(replies)).toMatch(/not (a doctor|medical advice|a clinician)|diagnos/i);
  });
});
