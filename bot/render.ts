import { ActionTypes, ActivityTypes, CardFactory, MessageFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { EscalationCard, MoreContent, Reply, ReplyCard, SummaryCard } from '../core/conversation/reply';
import type { Urgency } from '../core/safety/types';

/** Teams does not show suggested actions in every context, so choices become card buttons there. */
const CHANNELS_WITHOUT_SUGGESTED_ACTIONS = new Set(['msteams']);

/**
 * Channels that show Adaptive Cards, show-cards included: there an escalation is a one-line lead and its
 * card (said once), and the rest of an answer is a show-card. Our web chat page also says so itself
 * (channelData.showsCards), for Azure Direct Line, whose channel id is "directline". Everywhere else (the Emulator and its
 * transcripts, plain Direct Line clients, the terminal) the whole advice is text and the rest of an
 * answer is a button.
 */
export const CARD_CHANNELS = new Set(['webchat', 'msteams']);

const ADAPTIVE_CARD_VERSION = '1.5';

const LEVEL_STYLE: Record<Urgency, { color: string; container: string; label: string }> = {
  emergency: { color: 'Attention', container: 'attention', label: 'EMERGENCY' },
  urgent: { color: 'Attention', container: 'attention', label: 'URGENT: TODAY' },
  soon: { color: 'Warning', container: 'warning', label: 'SEE A CLINICIAN SOON' },
  routine: { color: 'Accent', container: 'accent', label: 'AT YOUR NEXT VISIT' },
};

export function telLink(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

function toCardAction(choice: { label: string; value?: string }): CardAction {
  return { type: ActionTypes.ImBack, title: choice.label, value: choice.value ?? choice.label };
}

function escalationCard(card: EscalationCard): Attachment {
  const style = LEVEL_STYLE[card.level];
  const contactFacts = [
    { title: 'Who', value: card.contact.name },
    ...(card.contact.phone ? [{ title: 'Phone', value: `[${card.contact.phone}](${telLink(card.contact.phone)})` }] : []),
    ...(card.contact.web ? [{ title: 'Web', value: `[${card.contact.web}](${card.contact.web})` }] : []),
    { title: 'Emergency', value: card.emergencyNumber },
    ...(card.crisisLine ? [{ title: 'Crisis line', value: card.crisisLine }] : []),
  ];
  const actions = [
    ...(card.contact.phone ? [{ type: 'Action.OpenUrl', title: `Call ${card.contact.name}`, url: telLink(card.contact.phone) }] : []),
    ...(card.contact.web ? [{ type: 'Action.OpenUrl', title: 'Clinic website', url: card.contact.web }] : []),
  ];
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    speak: card.headline,
    body: [
      {
        type: 'Container',
        style: style.container,
        bleed: true,
        items: [
          { type: 'TextBlock', text: style.label, weight: 'Bolder', color: style.color, size: 'Small', wrap: true },
          { type: 'TextBlock', text: card.headline, weight: 'Bolder', size: 'Large', wrap: true },
        ],
      },
      { type: 'TextBlock', text: 'Why', weight: 'Bolder', wrap: true, spacing: 'Medium' },
      ...card.why.map((line) => ({ type: 'TextBlock', text: `• ${line}`, wrap: true, spacing: 'Small' })),
      ...(card.toldMe && card.toldMe.length > 0
        ? [
            { type: 'TextBlock', text: 'What you told me', weight: 'Bolder', wrap: true, spacing: 'Medium' },
            ...card.toldMe.map((quote) => ({ type: 'TextBlock', text: quote, wrap: true, spacing: 'Small', isSubtle: true })),
          ]
        : []),
      { type: 'FactSet', facts: contactFacts, spacing: 'Medium' },
      ...(card.notes ?? []).map((note) => ({ type: 'TextBlock', text: note, wrap: true, spacing: 'Small' })),
      ...(card.sources ? [{ type: 'TextBlock', text: card.sources, wrap: true, size: 'Small', isSubtle: true, spacing: 'Medium' }] : []),
    ],
    actions,
  });
}

/** The rest of an answer behind one tap: a show-card whose body is the text, paragraph by paragraph. */
function moreCard(more: MoreContent): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body: [],
    actions: [
      {
        type: 'Action.ShowCard',
        title: more.title,
        card: {
          type: 'AdaptiveCard',
          body: more.text.split('\n\n').map((part) => ({ type: 'TextBlock', text: part, wrap: true, spacing: 'Medium' })),
        },
      },
    ],
  });
}

function summaryCard(card: SummaryCard): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    body: [
      { type: 'TextBlock', text: card.title, weight: 'Bolder', size: 'Medium', wrap: true },
      ...card.lines.map((line) => ({ type: 'TextBlock', text: `• ${line}`, wrap: true, spacing: 'Small' })),
    ],
  });
}

function renderCard(card: ReplyCard): Attachment {
  return card.kind === 'escalation' ? escalationCard(card) : summaryCard(card);
}

/** What the client that sent the message says about itself. */
export interface ClientTraits {
  /** The client shows Adaptive Cards, show-cards included (our web chat page says so in channelData.showsCards). */
  showsCards?: boolean;
}

/** Reads ClientTraits from an incoming activity's channelData; anything else counts as not said. */
export function clientTraits(activity: Partial<Activity>): ClientTraits {
  const channelData = activity.channelData as { showsCards?: unknown } | undefined;
  return { showsCards: typeof channelData === 'object' && channelData !== null && channelData.showsCards === true };
}

/** One reply, as the activity a channel shows: plain text always, cards and choices on top of it. */
export function renderReply(reply: Reply, channelId: string | undefined, client: ClientTraits = {}): Partial<Activity> {
  const cards = client.showsCards === true || (channelId !== undefined && CARD_CHANNELS.has(channelId));
  const text = cards && reply.card && reply.brief ? reply.brief : reply.text;
  const activity = MessageFactory.text(text) as Partial<Activity>;
  activity.type = ActivityTypes.Message;
  activity.textFormat = 'markdown';
  const attachments: Attachment[] = reply.card ? [renderCard(reply.card)] : [];
  const choices = [...(reply.choices ?? [])];
  if (reply.more) {
    if (cards) attachments.push(moreCard(reply.more));
    // In an emergency what to do now ("I'm getting help") comes before the rest of an answer.
    else if (reply.escalation?.level === 'emergency') choices.push({ label: reply.more.label });
    else choices.unshift({ label: reply.more.label });
  }
  if (choices.length > 0) {
    if (channelId && CHANNELS_WITHOUT_SUGGESTED_ACTIONS.has(channelId)) {
      attachments.push(CardFactory.heroCard('', undefined, choices.map(toCardAction)));
    } else {
      activity.suggestedActions = { actions: choices.map(toCardAction), to: [] };
    }
  }
  if (attachments.length > 0) activity.attachments = attachments;
  const channelData: Record<string, unknown> = {};
  if (reply.topic) channelData.topic = reply.topic;
  if (reply.escalation) channelData.escalation = reply.escalation;
  if (Object.keys(channelData).length > 0) activity.channelData = channelData;
  return activity;
}
