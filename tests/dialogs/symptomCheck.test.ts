import { choicesOf, dialogConversation, escalationOf, texts, topicOf } from '../support/dialogClient';

type Outcome = { topic: string } | { level: string; reason: string };

interface Path {
  name: string;
  answers: string[];
  outcome: Outcome;
}

const NOW = new Date('2026-11-22T10:00:00Z');

/** Every way the check can end, answered by tapping the buttons. */
const BUTTON_PATHS: Path[] = [
  { name: 'full breasts', answers: ['Breastfeeding or pumping', 'Both breasts', 'Milky or white', 'On its own', 'None of these', 'When my breasts feel full'], outcome: { topic: 'full-breasts' } },
  { name: 'other breast during a feed', answers: ['Breastfeeding or pumping', 'One breast', 'Milky or white', 'On its own', 'None of these', 'From one side while feeding on the other'], outcome: { topic: 'other-breast-leaking' } },
  { name: 'let-down from baby cues', answers: ['Breastfeeding or pumping', 'Both breasts', 'Milky or white', 'On its own', 'None of these', 'When I hear or think of my baby'], outcome: { topic: 'letdown-reflex' } },
  { name: 'shower', answers: ['Breastfeeding or pumping', 'Both breasts', 'Milky or white', 'On its own', 'None of these', 'In the shower'], outcome: { topic: 'shower-leaking' } },
  { name: 'sex', answers: ['Breastfeeding or pumping', 'Both breasts', 'Milky or white', 'On its own', 'None of these', 'During sex'], outcome: { topic: 'leaking-during-sex' } },
  { name: 'oversupply', answers: ['Breastfeeding or pumping', 'Both breasts', 'Milky or white', 'On its own', 'None of these', 'All the time, baby chokes at the breast'], outcome: { topic: 'oversupply' } },
  { name: 'no pattern', answers: ['Breastfeeding or pumping', 'Both breasts', 'Yellow', 'On its own', 'None of these', 'No pattern'], outcome: { topic: 'no-obvious-reason' } },
  { name: 'pregnancy', answers: ['Pregnant', 'Both breasts', 'Yellow', 'Only when squeezed or feeding', 'None of these'], outcome: { topic: 'pregnancy-leaking' } },
  { name: 'recently weaned', answers: ['I stopped breastfeeding', 'Less than 3 weeks ago', 'Both breasts', 'Milky or white', 'Only when squeezed or feeding', 'None of these'], outcome: { topic: 'leaking-after-weaning' } },
  { name: 'cracked nipples', answers: ['Breastfeeding or pumping', 'One breast', 'Pink, brown or bloody', 'Yes'], outcome: { topic: 'blood-in-milk' } },
  { name: 'sore spot without fever', answers: ['Breastfeeding or pumping', 'One breast', 'Milky or white', 'On its own', 'Pain, redness or heat', 'No'], outcome: { topic: 'blocked-duct' } },
  { name: 'new lump', answers: ['Breastfeeding or pumping', 'One breast', 'Milky or white', 'Only when squeezed or feeding', 'A lump', 'Less than a week'], outcome: { topic: 'blocked-duct' } },
  { name: 'fever without breast signs', answers: ['Breastfeeding or pumping', 'Both breasts', 'Milky or white', 'On its own', 'Fever or feeling flu-like', 'No'], outcome: { topic: 'mastitis-and-infection' } },
  { name: 'green, both sides, not lactating', answers: ['None of these', 'Both breasts', 'Green', 'Only when squeezed or feeding', 'None of these', 'None of these'], outcome: { topic: 'duct-ectasia' } },
  { name: 'yellow, both sides, not lactating', answers: ['None of these', 'Both breasts', 'Yellow', 'Only when squeezed or feeding', 'None of these', 'None of these'], outcome: { topic: 'fibrocystic-changes' } },
  { name: 'long after weaning', answers: ['I stopped breastfeeding', '3 months ago or more'], outcome: { level: 'soon', reason: 'leaking-long-after-weaning' } },
  { name: 'blood without cracked nipples', answers: ['Breastfeeding or pumping', 'One breast', 'Pink, brown or bloody', 'No'], outcome: { level: 'soon', reason: 'blood-in-discharge' } },
  { name: 'blood while pregnant', answers: ['Pregnant', 'Both breasts', 'Pink, brown or bloody'], outcome: { level: 'soon', reason: 'blood-in-discharge' } },
  { name: 'clear from one side', answers: ['Breastfeeding or pumping', 'One breast', 'Clear or watery'], outcome: { level: 'soon', reason: 'clear-discharge-one-duct' } },
  { name: 'one-sided and spontaneous, not lactating', answers: ['None of these', 'One breast', 'Yellow', 'On its own'], outcome: { level: 'soon', reason: 'one-sided-discharge-not-lactating' } },
  { name: 'pain with fever', answers: ['Breastfeeding or pumping', 'One breast', 'Milky or white', 'On its own', 'Pain, redness or heat', 'Yes'], outcome: { level: 'urgent', reason: 'fever-with-breast-signs' } },
  { name: 'fever with a red breast', answers: ['Breastfeeding or pumping', 'One breast', 'Milky or white', 'On its own', 'Fever or feeling flu-like', 'Yes'], outcome: { level: 'urgent', reason: 'fever-with-breast-signs' } },
  { name: 'lump for over a week', answers: ['Breastfeeding or pumping', 'One breast', 'Milky or white', 'Only when squeezed or feeding', 'A lump', 'A week or more'], outcome: { level: 'soon', reason: 'persistent-lump' } },
  { name: 'lump, not lactating', answers: ['None of these', 'Both breasts', 'Milky or white', 'Only when squeezed or feeding', 'A lump'], outcome: { level: 'soon', reason: 'persistent-lump' } },
  { name: 'milky, not lactating', answers: ['None of these', 'Both breasts', 'Milky or white', 'Only when squeezed or feeding', 'None of these', 'Headaches or sight changes'], outcome: { level: 'soon', reason: 'milky-discharge-not-lactating' } },
  { name: 'milky, not lactating, nothing else', answers: ['None of these', 'Both breasts', 'Milky or white', 'Only when squeezed or feeding', 'None of these', 'None of these'], outcome: { level: 'soon', reason: 'milky-discharge-not-lactating' } },
  { name: 'new medicine', answers: ['None of these', 'Both breasts', 'Milky or white', 'Only when squeezed or feeding', 'None of these', 'A new medicine'], outcome: { level: 'routine', reason: 'discharge-with-new-medicine' } },
];

/** The same outcomes, answered in parents' own words. */
const TYPED_PATHS: Path[] = [
  { name: 'full breasts', answers: ['yep nursing my 2 month old', 'both of them', 'just normal milk', 'it just drips on its own', 'nope none of that', 'mostly when i go too long between feeds and get full'], outcome: { topic: 'full-breasts' } },
  { name: 'shower', answers: ['bf', 'both', 'white', 'by itself', 'nothing like that', 'when im in the shower'], outcome: { topic: 'shower-leaking' } },
  { name: 'oversupply', answers: ['exclusively pumping', 'both sides', 'milky', 'constantly', 'no', 'baby gulps and chokes, theres so much milk'], outcome: { topic: 'oversupply' } },
  { name: 'pregnancy', answers: ["I'm 30 weeks pregnant", 'both', 'kind of yellowish and sticky', 'only when i squeeze', 'none'], outcome: { topic: 'pregnancy-leaking' } },
  { name: 'recently weaned', answers: ['I stopped nursing 2 weeks ago', 'both', 'milky', 'when i press', 'no'], outcome: { topic: 'leaking-after-weaning' } },
  { name: 'cracked nipples', answers: ['breastfeeding', 'only the left one', 'kind of pinkish', 'yes my nipple is cracked'], outcome: { topic: 'blood-in-milk' } },
  { name: 'new lump', answers: ['breastfeeding', 'just one', 'milk', 'when feeding', 'theres a lump', 'since yesterday'], outcome: { topic: 'blocked-duct' } },
  { name: 'weaned in March', answers: ['I stopped nursing in March'], outcome: { level: 'soon', reason: 'leaking-long-after-weaning' } },
  { name: 'clear from one side', answers: ['nursing', 'only the right one', 'clear and watery'], outcome: { level: 'soon', reason: 'clear-discharge-one-duct' } },
  { name: 'pain with fever', answers: ['breastfeeding', 'one', 'milky', 'randomly', 'it hurts and its red', 'yeah i have chills'], outcome: { level: 'urgent', reason: 'fever-with-breast-signs' } },
  { name: 'lump for weeks', answers: ['breastfeeding', 'one', 'white', 'when i squeeze', 'a hard lump', 'about 3 weeks'], outcome: { level: 'soon', reason: 'persistent-lump' } },
  { name: 'not lactating, missed periods', answers: ['neither', 'both', 'milky', 'only when i squeeze', 'no', 'my period is late'], outcome: { level: 'soon', reason: 'milky-discharge-not-lactating' } },
  { name: 'new medicine', answers: ['none of these', 'both', 'milky white', 'when i squeeze', 'none', 'i started a new antidepressant last month'], outcome: { level: 'routine', reason: 'discharge-with-new-medicine' } },
];

async function run(path: Path, chat = dialogConversation({ now: NOW })) {
  const first = await chat.say('can you check my symptoms');
  expect(topicOf(first[0])).toBe('symptom-check');
  expect(choicesOf(first[0]).length).toBeGreaterThanOrEqual(2);
  let replies = first;
  for (const answer of path.answers) {
    expect(escalationOf(replies)).toBeUndefined();
    replies = await chat.say(answer);
  }
  return replies;
}

function expectOutcome(replies: Awaited<ReturnType<typeof run>>, outcome: Outcome) {
  if ('topic' in outcome) {
    expect(escalationOf(replies)).toBeUndefined();
    expect(replies.map(topicOf)).toContain(outcome.topic);
    expect(texts(replies)).toMatch(/Sources:/);
  } else {
    expect(escalationOf(replies)).toEqual({ level: outcome.level, reasons: expect.arrayContaining([outcome.reason]) });
    expect(texts(replies)).toContain('Riverside Family Clinic');
  }
}

describe('the symptom check, answered with buttons', () => {
  it.each(BUTTON_PATHS.map((p) => [p.name, p] as const))('%s', async (_name, path) => {
    expectOutcome(await run(path), path.outcome);
  });
});

describe('the symptom check, answered in typed words', () => {
  it.each(TYPED_PATHS.map((p) => [p.name, p] as const))('%s', async (_name, path) => {
    expectOutcome(await run(path), path.outcome);
  });
});

describe('the symptom check as a conversation', () => {
  it('asks again, in other words, when an answer does not fit the question', async () => {
    const chat = dialogConversation();
    await chat.say('check my symptoms');
    const replies = await chat.say('banana');
    expect(texts(replies)).toMatch(/didn't catch that/i);
    expect(choicesOf(replies[replies.length - 1])).toContain('Pregnant');
  });

  it('answers a side question and then asks its question again', async () => {
    const chat = dialogConversation();
    await chat.say('check my symptoms');
    await chat.say('Breastfeeding or pumping');
    const replies = await chat.say('what breast pads are best?');
    expect(replies.map(topicOf)).toContain('breast-pads');
    expect(texts(replies)).toMatch(/one breast or both/i);
    const next = await chat.say('Both breasts');
    expect(texts(next)).toMatch(/what does it look like/i);
  });

  it('skips what the conversation already knows', async () => {
    const chat = dialogConversation();
    await chat.say("I'm breastfeeding my 3 month old");
    const replies = await chat.say('check my symptoms');
    expect(topicOf(replies[0])).toBe('symptom-check');
    expect(texts(replies)).toMatch(/one breast or both/i);
    expect(texts(replies)).not.toMatch(/are you pregnant/i);
  });

  it('offers a summary for the clinician with what the parent answered, in their words', async () => {
    const chat = dialogConversation({ now: NOW });
    const escalation = await run(TYPED_PATHS.find((p) => p.name === 'clear from one side')!, chat);
    expect(choicesOf(escalation[escalation.length - 1])).toContain('Summary for my clinician');
    const summary = texts(await chat.say('Summary for my clinician'));
    expect(summary).toContain('2026-11-22');
    expect(summary).toContain('only the right one');
    expect(summary).toContain('clear and watery');
    expect(summary).toMatch(/Advice given: Book an appointment/);
  });
});
