/**
 * The one gentle screening question for crisis language that is neither certain nor clearly nothing:
 * anything short of a clear no ("yes", "sometimes", "kind of", "a bit", "not sure") is an emergency;
 * "no" lets the conversation go on where it was.
 */
import { choicesOf, dialogConversation, escalationOf, texts } from '../support/dialogClient';

const UNCLEAR = "I'm not suicidal, just exhausted";

async function askedTheQuestion() {
  const chat = dialogConversation();
  const asked = await chat.say(UNCLEAR);
  expect(escalationOf(asked)).toBeUndefined();
  expect(texts(asked)).toMatch(/thoughts of hurting yourself/i);
  expect(choicesOf(asked[asked.length - 1])).toEqual(['Yes', 'No', 'Not sure']);
  return chat;
}

describe('the crisis screening question', () => {
  it.each(['yes', 'sometimes', 'kind of', 'a bit', 'sometimes, late at night', 'not sure', 'on and off'])('"%s" is an emergency, with the crisis line', async (answer) => {
    const chat = await askedTheQuestion();
    const replies = await chat.say(answer);
    expect(escalationOf(replies)).toEqual({ level: 'emergency', reasons: ['thoughts-of-self-harm'] });
  });

  it.each(['no', 'No', 'not really', 'no, never'])('"%s" thanks the parent and does not escalate', async (answer) => {
    const chat = await askedTheQuestion();
    const replies = await chat.say(answer);
    expect(escalationOf(replies)).toBeUndefined();
    expect(texts(replies)).toMatch(/thank you for checking/i);
  });

  it('"no" in the middle of the symptom check goes back to the question it was on', async () => {
    const chat = dialogConversation();
    await chat.say('help me figure out why im leaking');
    const question = texts(await chat.say('Breastfeeding or pumping'));
    expect(question).toMatch(/one breast or both/i);
    expect(texts(await chat.say(UNCLEAR))).toMatch(/thoughts of hurting yourself/i);
    const replies = await chat.say('no');
    expect(escalationOf(replies)).toBeUndefined();
    expect(texts(replies)).toMatch(/one breast or both/i);
    expect(texts(await chat.say('Both breasts'))).toMatch(/what does it look like/i);
  });

  it('"sometimes" in the middle of the symptom check is an emergency', async () => {
    const chat = dialogConversation();
    await chat.say('help me figure out why im leaking');
    await chat.say('Breastfeeding or pumping');
    await chat.say(UNCLEAR);
    expect(escalationOf(await chat.say('sometimes'))?.level).toBe('emergency');
  });

  it('for a question that is not about an emergency, "sometimes" is not read as yes', async () => {
    const chat = dialogConversation();
    await chat.say("I don't think there's blood? maybe?");
    const replies = await chat.say('sometimes');
    expect(escalationOf(replies)).toBeUndefined();
  });
});
