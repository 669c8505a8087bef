import { CardFactory, type Attachment } from 'botbuilder';
import type { Reply } from '../../core/conversation/reply';
import { renderReply } from '../../bot/render';

const choices = [{ label: 'Is leaking normal?' }, { label: 'Breast pads', value: 'How to handle leaks' }];

const escalation: Reply = {
  text: 'Please get checked today.',
  topic: 'symptom-check',
  escalation: { level: 'urgent', reasons: ['bloody-discharge'] },
  card: {
    kind: 'escalation',
    level: 'urgent',
    headline: 'See a doctor today',
    why: ['Blood from one nipple'],
    contact: { name: 'Riverside Clinic', phone: '+1 555 010 0199', web: 'https://riverside.example.org' },
    emergencyNumber: '911',
    crisisLine: 'call or text 988',
  },
  choices,
};

const summary: Reply = { text: 'Here is what you told me.', card: { kind: 'summary', title: 'Your answers', lines: ['Milky, both sides'] } };

function versionAtMost(version: string, max: string): boolean {
  const [a, b] = version.split('.').map(Number);
  const [c, d] = max.split('.').map(Number);
  return a < c || (a === c && b <= d);
}

const adaptiveCards = (attachments: Attachment[] | undefined) => (attachments ?? []).filter((a) => a.contentType === CardFactory.contentTypes.adaptiveCard);

describe('rendering for Microsoft Teams (channelId msteams)', () => {
  it('puts choices on a hero card as imBack buttons, with no suggested actions', () => {
    const activity = renderReply({ text: 'What would you like to know?', choices }, 'msteams');
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.attachments).toHaveLength(1);
    const [hero] = activity.attachments!;
    expect(hero.contentType).toBe(CardFactory.contentTypes.heroCard);
    expect(hero.content.buttons).toEqual([
      { type: 'imBack', title: 'Is leaking normal?', value: 'Is leaking normal?' },
      { type: 'imBack', title: 'Breast pads', value: 'How to handle leaks' },
    ]);
    expect(activity.text).toBe('What would you like to know?');
  });

  it('keeps the escalation card and adds the choices as a second, hero card', () => {
    const activity = renderReply(escalation, 'msteams');
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.attachments!.map((a) => a.contentType)).toEqual([CardFactory.contentTypes.adaptiveCard, CardFactory.contentTypes.heroCard]);
    expect(activity.channelData).toMatchObject({ topic: 'symptom-check', escalation: { level: 'urgent' } });
  });

  it.each([
    ['escalation', escalation],
    ['summary', summary],
  ])('renders the %s Adaptive Card at a version Teams supports (<= 1.5)', (_kind, reply) => {
    const cards = adaptiveCards(renderReply(reply, 'msteams').attachments);
    expect(cards).toHaveLength(1);
    for (const card of cards) {
      expect(card.content.type).toBe('AdaptiveCard');
      expect(versionAtMost(String(card.content.version), '1.5')).toBe(true);
    }
  });

  it('sends no attachments at all for a plain reply', () => {
    const activity = renderReply({ text: 'Hello' }, 'msteams');
    expect(activity.attachments).toBeUndefined();
    expect(activity.suggestedActions).toBeUndefined();
  });

  it('differs from other channels, which get suggested actions and no hero card', () => {
    const activity = renderReply({ text: 'What would you like to know?', choices }, 'webchat');
    expect(activity.suggestedActions?.actions.map((a) => a.value)).toEqual(['Is leaking normal?', 'How to handle leaks']);
    expect(activity.attachments).toBeUndefined();
  });
});
