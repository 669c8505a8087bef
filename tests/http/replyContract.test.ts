import type { Activity } from 'botbuilder';
import { TEST_CLINIC_ENV, testDomain } from '../support/domain';
import { conversation, startBot, type RunningBot } from '../support/runningBot';

const topicOf = (a?: Activity) => (a?.channelData as { topic?: string } | undefined)?.topic;
const escalationOf = (a?: Activity) => (a?.channelData as { escalation?: { level: string; reasons: string[] } } | undefined)?.escalation;

describe('the reply contract, over HTTP with expectReplies', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot(TEST_CLINIC_ENV, { domain: testDomain() });
  });
  afterAll(() => bot.stop());

  it('answers the first message of a new conversation directly, after a one-line welcome', async () => {
    const replies = await conversation(bot.baseUrl).say('is it normal to leak milk all the time?');
    expect(replies).toHaveLength(2);
    expect(replies[0].text).toBe(testDomain().composer.welcomeShort().text);
    expect(replies[0].text!.split('\n')).toHaveLength(1);
    expect(topicOf(replies[1])).toBe('is-leaking-normal');
  });

  it('welcomes once: the second message gets only its answer', async () => {
    const chat = conversation(bot.baseUrl);
    await chat.say('hi');
    const replies = await chat.say('what are breast pads');
    expect(replies).toHaveLength(1);
    expect(topicOf(replies[0])).toBe('breast-pads');
  });

  it('carries channelData.topic for conversation topics too', async () => {
    const chat = conversation(bot.baseUrl);
    await chat.say('hi');
    expect(topicOf((await chat.say('thanks so much!'))[0])).toBe('thanks');
    expect(topicOf((await chat.say('who are you'))[0])).toBe('about');
  });

  it('marks the first question of the symptom check with symptom-check', async () => {
    const replies = await conversation(bot.baseUrl).say('can you check my symptoms');
    expect(topicOf(replies[replies.length - 1])).toBe('symptom-check');
    expect(replies[replies.length - 1].suggestedActions?.actions.length).toBeGreaterThanOrEqual(2);
  });

  it('carries channelData.escalation with the level and red flag ids', async () => {
    const replies = await conversation(bot.baseUrl).say('my nipple has turned inward in the last month and the skin looks like orange peel');
    const escalation = escalationOf(replies[replies.length - 1]);
    expect(escalation).toEqual({ level: 'soon', reasons: expect.arrayContaining(['new-nipple-inversion', 'skin-dimpling']) });
  });

  it('a reply that answers a topic and advises seeing someone carries both, in one message', async () => {
    const replies = await conversation(bot.baseUrl).say('I have a fever and my breast is red and hot, how do I treat mastitis?');
    const answer = replies[replies.length - 1];
    expect(topicOf(answer)).toBe('mastitis-and-infection');
    expect(escalationOf(answer)).toEqual({ level: 'urgent', reasons: ['fever-with-breast-signs'] });
    expect(replies.filter((r) => escalationOf(r))).toHaveLength(1);
  });

  it('in Web Chat an escalation is one line and the card; without cards the whole advice is text', async () => {
    const message = 'there is blood coming out of my nipple';
    const webchat = await conversation(bot.baseUrl, 'webchat').say(message);
    const [escalated] = webchat.filter((r) => escalationOf(r));
    // The advice is in the card: the text is a one-line lead, then the answer to what was asked (with its topic).
    const [lead, ...rest] = escalated.text!.split('\n');
    expect(lead).toMatch(/^\*\*.+\*\*$/);
    expect(escalated.text).not.toMatch(/Why:|Who to call:/);
    if (rest.join('').trim() !== '') expect(topicOf(escalated)).toBeDefined();
    expect(escalated.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const plain = await conversation(bot.baseUrl, 'directline').say(message);
    const [whole] = plain.filter((r) => escalationOf(r));
    expect(whole.text).toMatch(/Why:[\s\S]*Who to call: Riverside Family Clinic/);
  });

  it('a health answer is short at first, its rest one tap away', async () => {
    const chat = conversation(bot.baseUrl);
    await chat.say('hi');
    const [answer] = await chat.say('how do i unblock a milk duct');
    expect(answer.text!.split(/\s+/).length).toBeLessThanOrEqual(125);
    const more = answer.suggestedActions!.actions[0].title;
    expect(more).toBe('More: Blocked (plugged) milk duct');
    const [rest] = await chat.say(more);
    expect(topicOf(rest)).toBe('blocked-duct');
    expect(rest.text).toMatch(/When to see a doctor:/);
  });

  it('does not escalate a negated red flag', async () => {
    const replies = await conversation(bot.baseUrl).say('no pain, no lump, no fever, just leaking a lot');
    expect(replies.some((r) => escalationOf(r))).toBe(false);
  });

  it('keeps two conversations apart', async () => {
    const a = conversation(bot.baseUrl);
    const b = conversation(bot.baseUrl);
    await a.say('check my symptoms');
    await b.say('hello');
    const answerA = await a.say('Breastfeeding or pumping');
    expect(answerA[0].text).toMatch(/one breast or both/i);
    const answerB = await b.say('Breastfeeding or pumping');
    expect(answerB[0].text).not.toMatch(/one breast or both/i);
  });

  it('in Teams, choices are card buttons rather than suggested actions', async () => {
    const replies = await conversation(bot.baseUrl, 'msteams').say('hello');
    const greeting = replies[replies.length - 1];
    expect(greeting.suggestedActions).toBeUndefined();
    const hero = greeting.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.hero');
    expect((hero?.content as { buttons: Array<{ type: string; title: string }> }).buttons.map((b) => b.title)).toContain('Check my symptoms');
  });
});
