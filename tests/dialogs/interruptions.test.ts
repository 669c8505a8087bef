import { choicesOf, dialogConversation, escalationOf, texts, topicOf } from '../support/dialogClient';

async function inSymptomCheck() {
  const chat = dialogConversation();
  await chat.say('help me figure out why im leaking');
  await chat.say('Breastfeeding or pumping');
  return chat;
}

describe('interruptions, at any step of the symptom check', () => {
  it('help: explains what the bot does, then asks the waiting question again', async () => {
    const chat = await inSymptomCheck();
    const replies = await chat.say('help');
    expect(topicOf(replies[0])).toBe('help');
    expect(texts(replies)).toMatch(/one breast or both/i);
    const next = await chat.say('Both breasts');
    expect(texts(next)).toMatch(/what does it look like/i);
  });

  it('start over: leaves the check and starts fresh', async () => {
    const chat = await inSymptomCheck();
    const replies = await chat.say('start over');
    expect(topicOf(replies[0])).toBe('restart');
    const next = await chat.say('Both breasts');
    expect(texts(next)).not.toMatch(/what does it look like/i);
  });

  it('cancel: stops the check', async () => {
    const chat = await inSymptomCheck();
    const replies = await chat.say('cancel');
    expect(texts(replies)).toMatch(/stopped the symptom check/i);
    const next = await chat.say('Both breasts');
    expect(texts(next)).not.toMatch(/what does it look like/i);
  });

  it('forget me: ends the check and confirms the deletion', async () => {
    const chat = await inSymptomCheck();
    const replies = await chat.say('forget me');
    expect(topicOf(replies[0])).toBe('forget-me');
    expect(texts(replies)).toMatch(/deleted/i);
  });

  it('a red flag: goes straight to the see-a-doctor dialog', async () => {
    const chat = await inSymptomCheck();
    const replies = await chat.say('actually there is thick yellow pus coming out and it smells');
    expect(escalationOf(replies)).toEqual({ level: 'urgent', reasons: ['pus'] });
    expect(texts(replies)).toContain('+1 555 010 0199');
  });

  it('crisis language: emergency, with the crisis line', async () => {
    const chat = await inSymptomCheck();
    const replies = await chat.say("honestly i dont want to be alive anymore");
    expect(escalationOf(replies)?.level).toBe('emergency');
    expect(texts(replies)).toContain('911');
    expect(texts(replies)).toContain('988');
  });

  it('an empty message: a clear reply, then the waiting question again', async () => {
    const chat = await inSymptomCheck();
    const replies = await chat.say({ type: 'message', text: '  ' });
    expect(texts(replies)).toMatch(/didn't get any words/i);
    expect(texts(replies)).toMatch(/one breast or both/i);
  });

  it('a negated red flag does not interrupt', async () => {
    const chat = await inSymptomCheck();
    const replies = await chat.say('both, no blood no pus');
    expect(escalationOf(replies)).toBeUndefined();
    expect(texts(replies)).toMatch(/what does it look like/i);
  });
});

describe('the see-a-doctor dialog', () => {
  it('says how soon first, why, and whom to call, with the clinic phone as a tel: link', async () => {
    const replies = await dialogConversation().say('I have a fever and my left breast is red, hot and swollen');
    const reply = replies[0];
    expect(escalationOf(replies)).toEqual({ level: 'urgent', reasons: ['fever-with-breast-signs'] });
    expect(reply.text!.split('\n')[0]).toMatch(/today/i);
    expect(reply.text).toMatch(/Why:/);
    expect(reply.text).toContain('[+1 555 010 0199](tel:+15550100199)');
    const card = reply.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const body = (card?.content as { body: Array<{ items?: Array<{ text: string }> }> }).body;
    expect(body[0].items![0].text).toMatch(/URGENT/);
    expect(JSON.stringify(card?.content)).toContain('tel:+15550100199');
    // The mastitis question in the same message is answered in the same reply, its rest one tap away.
    expect(topicOf(reply)).toBe('mastitis-and-infection');
    expect(choicesOf(reply)).toEqual(['More: Mastitis and breast infection', 'Summary for my clinician', 'I have another question']);
  });

  it('routine: ask the prescriber, never stop the medicine alone', async () => {
    const replies = await dialogConversation().say('my nipples started leaking milky stuff after i started domperidone, im not breastfeeding');
    expect(escalationOf(replies)).toEqual({ level: 'routine', reasons: ['discharge-with-new-medicine'] });
    expect(texts(replies)).toMatch(/(don't|do not) stop (or change )?a (prescribed )?medicine on your own/i);
    expect(texts(replies)).toMatch(/keep taking it/i);
  });

  it('an emergency holds the conversation until the parent says they are getting help', async () => {
    const chat = dialogConversation();
    await chat.say('i keep having thoughts of hurting my baby');
    const unrelated = await chat.say('what are the best breast pads');
    expect(escalationOf(unrelated)?.level).toBe('emergency');
    expect(texts(unrelated)).toContain('911');
    const restart = await chat.say('start over');
    expect(escalationOf(restart)?.level).toBe('emergency');
    const helped = await chat.say("I'm getting help");
    expect(texts(helped)).toMatch(/glad you are getting help/i);
    const after = await chat.say('what are the best breast pads');
    expect(topicOf(after[0])).toBe('breast-pads');
  });

  it('an emergency is released by typed words too, but not by a negation of them', async () => {
    const chat = dialogConversation();
    const first = await chat.say('everyone would be better off if i wasnt here');
    expect(texts(first)).not.toMatch(/can't tell what is causing this/i);
    expect(escalationOf(await chat.say('im not getting help'))?.level).toBe('emergency');
    expect(texts(await chat.say("ok I've called 988, help is on the way"))).toMatch(/glad you are getting help/i);
    expect(escalationOf(await chat.say('what are the best breast pads'))).toBeUndefined();
  });

  it('after a non-emergency escalation, a new question is simply answered', async () => {
    const chat = dialogConversation();
    await chat.say('there is blood coming out of my nipple');
    const replies = await chat.say('what are the best breast pads');
    expect(topicOf(replies[0])).toBe('breast-pads');
    expect(escalationOf(replies)).toBeUndefined();
  });

  it('the summary quotes what the parent said', async () => {
    const chat = dialogConversation();
    await chat.say('there is blood coming out of my nipple');
    const summary = await chat.say('Summary for my clinician');
    expect(texts(summary)).toContain('"there is blood coming out of my nipple"');
    expect(summary[0].attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  });
});

describe('confirming an uncertain red flag', () => {
  it('asks one short question; yes escalates', async () => {
    const chat = dialogConversation();
    const asked = await chat.say("I don't think there's blood? maybe?");
    expect(escalationOf(asked)).toBeUndefined();
    expect(choicesOf(asked[asked.length - 1])).toEqual(['Yes', 'No', 'Not sure']);
    const replies = await chat.say('yes');
    expect(escalationOf(replies)?.reasons).toContain('blood-in-discharge');
  });

  it('no: thanks the parent and does not escalate', async () => {
    const chat = dialogConversation();
    await chat.say("I don't think there's blood? maybe?");
    const replies = await chat.say('no');
    expect(escalationOf(replies)).toBeUndefined();
    expect(texts(replies)).toMatch(/thank you for checking/i);
  });
});

describe('not understood', () => {
  it('unsure: offers the closest topics as choices, and a choice leads to its topic', async () => {
    const chat = dialogConversation();
    // A bare "leaking" opens the why-breasts-leak overview; "milk" alone is still ambiguous.
    const replies = await chat.say('milk');
    expect(topicOf(replies[0])).toBeUndefined();
    expect(texts(replies)).toMatch(/not quite sure/i);
    const choices = choicesOf(replies[replies.length - 1]);
    expect(choices.length).toBeGreaterThanOrEqual(3);
    expect(choices[choices.length - 1]).toBe('None of these');
    const picked = await chat.say(choices[0]);
    expect(topicOf(picked[0])).toBeDefined();
  });

  it('"None of these" asks for other words; only a second failure to understand offers the clinic', async () => {
    const chat = dialogConversation();
    await chat.say('milk');
    expect(texts(await chat.say('None of these'))).toMatch(/other words/i);
    expect(texts(await chat.say('what is the best car seat'))).toContain('Riverside Family Clinic (+1 555 010 0199)');
  });

  it('out of scope: says so kindly and offers what it can do', async () => {
    const replies = await dialogConversation().say('what is the best car seat for a newborn');
    expect(texts(replies)).toMatch(/only help with leaking/i);
    expect(choicesOf(replies[0])).toContain('Check my symptoms');
  });

  it('twice in a row: offers the clinic contact', async () => {
    const chat = dialogConversation();
    await chat.say('what is the best car seat for a newborn');
    const replies = await chat.say('how do I file my taxes');
    expect(texts(replies)).toContain('Riverside Family Clinic (+1 555 010 0199)');
    expect(topicOf(replies[0])).toBe('human-handoff');
  });

  it('an understood message in between resets the count', async () => {
    const chat = dialogConversation();
    await chat.say('what is the best car seat for a newborn');
    await chat.say('is leaking normal');
    const replies = await chat.say('how do I file my taxes');
    expect(texts(replies)).toMatch(/only help with leaking/i);
  });

  it('empty and picture-only messages get a clear reply', async () => {
    const chat = dialogConversation();
    expect(texts(await chat.say({ type: 'message', text: '   ' }))).toMatch(/didn't get any words/i);
    const picture = await chat.say({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }] });
    expect(texts(picture)).toMatch(/only read typed words/i);
  });
});
