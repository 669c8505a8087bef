import { testDomain } from '../support/domain';
import { choicesOf, dialogConversation, escalationOf, texts, topicOf } from '../support/dialogClient';

const domain = testDomain();
const topics = [...domain.kb.topics.values()];
const commandTopics = new Set(['restart', 'forget-me', 'help']);

const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
const shortName = (citation: string) => (citation.startsWith('"') ? citation.slice(1, citation.indexOf('"', 1)) : citation.split(':')[0]);

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
    // What the parent first sees: the title, the answer, at most three tips, the sources in short.
    expect(text).toContain(topic.title);
    expect(text).toMatch(/Sources: .+/);
    expect(text).toContain(shortName(domain.kb.sources.get(topic.sources[0])!.citation));
    expect((text.match(/^- /gm) ?? []).length).toBeLessThanOrEqual(3);
    // About 120 words, with its tips or without: no answer is too long for a phone on its own.
    expect(words(text)).toBeLessThanOrEqual(120);
    expect(text).not.toMatch(/When to see a doctor:/);

    // The rest is one tap away: every tip, when to see a doctor, every source in full.
    const choices = choicesOf(replies[0]);
    expect(choices[0]).toMatch(/^More: /);
    const more = (await chat.say(choices[0]))[0];
    expect(topicOf(more)).toBe(id);
    const all = `${text}\n${more.text}`;
    for (const tip of topic.tips) expect(all).toContain(tip.split('{')[0].trim());
    if (topic.seeDoctor) expect(more.text).toMatch(/When to see a doctor:/);
    for (const source of topic.sources) expect(more.text).toContain(domain.kb.sources.get(source)!.citation);

    // The tree: a hub offers its children, a leaf its neighbours; both a way back up.
    const tree = domain.kb.tree;
    const navigation = choices.slice(1);
    const up = tree.parent(id);
    expect(navigation[navigation.length - 1]).toBe(up ? domain.composer.backLabel(up) : "Back to the menu");
    // A hub shown in pages offers its first page, then the button for the next one.
    const pages = tree.childPages(id);
    const offered = tree.isHub(id) ? pages[0] : tree.neighbours(id, 3);
    const nextPage = tree.isHub(id) && pages.length > 1 ? [domain.composer.hubPageLabel(topic, 1, pages.length)] : [];
    expect(navigation.slice(0, -1)).toEqual([...offered.map((t) => domain.composer.choiceLabel(t)), ...nextPage]);
    const back = await chat.say(navigation[navigation.length - 1]);
    if (up) expect(topicOf(back[0])).toBe(up.id);
    else expect(choicesOf(back[0])).toEqual(domain.messages.welcomeChoices.map((c) => c.label));
    if (navigation.length > 1) expect(topicOf((await chat.say(navigation[0]))[0])).toBe(offered[0].id);
  });
});

describe('what a parent first sees, with a note or a question under the answer', () => {
  // The answer, the note that goes with it (a routine-level flag's, or when to see a clinician for a
  // warning sign asked about) and the sources in short still fit a phone: about 120 words.
  it.each([
    ['every time my milk lets down i feel a wave of sadness for a minute, then its fine', 'dmer', /^A note:/m],
    ['what is d-mer', 'dmer', /^If this is happening to you/m],
    ['my new medication is making my nipples leak', 'medications-and-hormones', /^A note:/m],
    ['is mastitis serious', 'mastitis-and-infection', /^If this is happening to you/m],
    ['what causes milky discharge when you are not pregnant', 'galactorrhea', /^If this is happening to you/m],
    ['could a lump be breast cancer', 'breast-cancer-concern', /^If this is happening to you/m],
    // The commonest lump while feeding is a blocked duct: its answer, and when a lump needs a clinician.
    ['is it normal to have a lump while breastfeeding', 'blocked-duct', /^If this is happening to you \(a breast lump/m],
  ])('"%s": %s and its note in about 120 words', async (question, id, note) => {
    const replies = await dialogConversation().say(question);
    expect(replies).toHaveLength(1);
    expect(topicOf(replies[0])).toBe(id);
    const text = replies[0].text ?? '';
    expect(text).toMatch(note);
    expect(text).toMatch(/^Sources: /m);
    expect(words(text)).toBeLessThanOrEqual(130);
  });

  it('a question about D-MER is told to mention it, not to ask a prescriber about a medicine', async () => {
    const text = (await dialogConversation().say('what is d-mer'))[0].text ?? '';
    expect(text).toMatch(/If this is happening to you \(.*let-down.*\), please see a clinician: Mention it/);
    expect(text).not.toMatch(/medicine|prescribed/i);
  });

  it('leaves room for the question asked after the answer: fewer tips, not a longer reply', async () => {
    const text = (await dialogConversation().say('dmer?'))[0].text ?? '';
    expect(text).toMatch(/Just to check: .+\?$/);
    expect(words(text)).toBeLessThanOrEqual(120);
  });
});

describe('the rest of an answer where cards are shown', () => {
  it('Web Chat gets it as a show-card, not a button; plain channels get the button', async () => {
    const webchat = (await dialogConversation({ channelId: 'webchat' }).say('Blocked (plugged) milk duct'))[0];
    expect(choicesOf(webchat).some((c) => c.startsWith('More:'))).toBe(false);
    const card = webchat.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    const action = (card?.content as { actions: Array<{ type: string; title: string; card: { body: Array<{ text: string }> } }> }).actions[0];
    expect(action.type).toBe('Action.ShowCard');
    expect(action.card.body.map((b) => b.text).join('\n')).toMatch(/When to see a doctor:/);
    const plain = (await dialogConversation().say('Blocked (plugged) milk duct'))[0];
    expect(plain.attachments ?? []).toHaveLength(0);
  });

  it('"tell me more" gives the rest of the last answer', async () => {
    const chat = dialogConversation();
    await chat.say('how do i unblock a milk duct');
    const more = await chat.say('tell me more');
    expect(topicOf(more[0])).toBe('blocked-duct');
    expect(more[0].text).toMatch(/When to see a doctor:/);
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

describe('a question about a warning sign, with no sign reported', () => {
  it('is answered, and the note under it names the sign that would need a visit, without escalating', async () => {
    const [reply] = await dialogConversation().say('what does blood in breast milk mean?');
    expect(escalationOf([reply])).toBeUndefined();
    expect(reply.text).toMatch(/If this is happening to you \(blood in the milk or discharge\), please see a clinician: Book an appointment/);
  });

  it('a question about an everyday problem gets its tips, and no note to book a visit', async () => {
    const [reply] = await dialogConversation().say('how do I clear a blocked duct?');
    expect(topicOf(reply)).toBe('blocked-duct');
    expect(reply.text).toContain('Tips:');
    expect(reply.text).not.toMatch(/please see a clinician/);
  });
});
