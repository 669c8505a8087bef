import { dialogConversation, escalationOf, texts, topicOf } from '../support/dialogClient';

/** Conversations where what the parent told in one message meets what she tells in a later one. */
interface Story {
  name: string;
  turns: string[];
  /** The last reply escalates at this level for this flag, or (null) does not escalate. */
  last: { level: string; reason: string } | null;
}

const STORIES: Story[] = [
  {
    name: 'a fever, then later a red and hot breast',
    turns: ["I'm breastfeeding and I've had a fever of 38.6 since last night", 'No', 'now my left breast is red and hot'],
    last: { level: 'urgent', reason: 'fever-with-breast-signs' },
  },
  {
    name: 'a sore red patch, then later the shivers and a temperature',
    turns: ["I'm breastfeeding, there's a sore red patch on my right breast", 'what helps with leaking at night?', 'I just took my temperature and it is 38.4'],
    last: { level: 'urgent', reason: 'fever-with-breast-signs' },
  },
  {
    name: 'a fever from the symptom check, then a red breast',
    turns: ['check my symptoms', 'Breastfeeding or pumping', 'Both breasts', 'Milky or white', 'On its own', 'Fever or feeling flu-like', 'No', 'my breast has gone red and swollen'],
    last: { level: 'urgent', reason: 'fever-with-breast-signs' },
  },
  {
    name: 'a fever that has gone, then a red breast',
    turns: ["I'm breastfeeding and I had a fever of 38.6 last night", 'No', 'no fever any more but my breast is a bit red'],
    last: null,
  },
  {
    name: "someone else's fever, then the parent's red breast",
    turns: ['my sister has a fever of 39', 'my breast is a bit red after feeds'],
    last: null,
  },
];

describe('signs told in different messages are read together', () => {
  it.each(STORIES.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    const chat = dialogConversation();
    let replies = await chat.say(story.turns[0]);
    for (const turn of story.turns.slice(1)) replies = await chat.say(turn);
    if (story.last === null) expect(escalationOf(replies)?.level ?? null).not.toBe('urgent');
    else expect(escalationOf(replies)).toEqual({ level: story.last.level, reasons: expect.arrayContaining([story.last.reason]) });
  });

  it('raises the flag once, not again at every later message', async () => {
    const chat = dialogConversation();
    await chat.say("I'm breastfeeding and I've had a fever of 38.6 since last night");
    await chat.say('No');
    expect(escalationOf(await chat.say('now my left breast is red and hot'))?.level).toBe('urgent');
    expect(escalationOf(await chat.say('what breast pads are best?'))).toBeUndefined();
  });
});

describe('the symptom check skips what the parent already said', () => {
  it('a fever told earlier is not asked about again: the check goes straight to the breast signs', async () => {
    const chat = dialogConversation();
    await chat.say("I'm breastfeeding and I've had a fever of 38.3 since last night");
    await chat.say('No');
    const said: string[] = [];
    for (const answer of ['check my symptoms', 'Both breasts', 'Milky or white', 'On its own']) said.push(texts(await chat.say(answer)));
    expect(said.join('\n')).not.toMatch(/Do you have any of these/);
    expect(said[said.length - 1]).toMatch(/Is part of your breast red, hot, painful or swollen\?/);
    const end = await chat.say('No');
    expect(end.map(topicOf)).toContain('mastitis-and-infection');
  });

  it('asked for the check instead of answering a question about a lump, the check starts and skips the lump it was told about', async () => {
    const chat = dialogConversation();
    await chat.say("I'm breastfeeding and I've found a small lump in my right breast, it appeared 3 days ago");
    const start = await chat.say('check my symptoms');
    expect(topicOf(start[0])).toBe('symptom-check');
    const said: string[] = [texts(start)];
    let replies = start;
    for (const answer of ['Milky or white', 'Only when squeezed or feeding']) {
      if (replies.map(topicOf).includes('blocked-duct')) break;
      replies = await chat.say(answer);
      said.push(texts(replies));
    }
    expect(replies.map(topicOf)).toContain('blocked-duct');
    expect(escalationOf(replies)).toBeUndefined();
    expect(said.join('\n')).not.toMatch(/Do you have any of these|How long have you had the lump/);
  });

  it('a crisis question is not replaced by the check: it is asked again', async () => {
    const chat = dialogConversation();
    expect(texts(await chat.say("I'm not suicidal, just exhausted"))).toMatch(/thoughts of hurting yourself/i);
    const next = await chat.say('check my symptoms');
    expect(next.map(topicOf)).not.toContain('symptom-check');
    expect(texts(next)).toMatch(/thoughts of hurting yourself/i);
  });
});
