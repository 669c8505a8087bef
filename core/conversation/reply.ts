import type { Urgency } from '../safety/types';

/** Channel-neutral replies. bot/ renders them as Bot Framework activities; another host could render them its own way. */

export interface ReplyChoice {
  label: string;
  /** Text sent back when the choice is picked; the label when absent. */
  value?: string;
}

export interface Escalation {
  level: Urgency;
  /** Red flag ids from knowledge/red-flags.yaml. */
  reasons: string[];
}

export interface ContactDetails {
  name: string;
  phone?: string;
  web?: string;
}

export interface EscalationCard {
  kind: 'escalation';
  level: Urgency;
  /** First line, the urgency in plain words ("Call 911 now"). */
  headline: string;
  /** Why, one plain line a reason. */
  why: string[];
  contact: ContactDetails;
  emergencyNumber: string;
  crisisLine?: string;
  /** The parent's words that raised it, already escaped (see escape.ts). */
  toldMe?: string[];
  /** Further lines after the contact: not a diagnosis, what to do if it gets worse. */
  notes?: string[];
  /** The sources of the advice, in short. */
  sources?: string;
}

export interface SummaryCard {
  kind: 'summary';
  title: string;
  /** What the parent reported, in their own words. */
  lines: string[];
}

export type ReplyCard = EscalationCard | SummaryCard;

/** The rest of a health answer (more tips, when to see a doctor, every source), one tap away. */
export interface MoreContent {
  /** The button that asks for it where a channel has no show-card; sent back as text. */
  label: string;
  /** The show-card's title where the channel has one. */
  title: string;
  text: string;
}

export interface Reply {
  /** Always present: the whole reply as plain text (Markdown), for channels that show no cards. */
  text: string;
  /**
   * What channels that show cards (Web Chat, Teams) display as text when the card carries the rest:
   * a one-line lead, the answer and any question. Absent: `text` is shown everywhere.
   */
  brief?: string;
  /** The rest of a health answer: a show-card in Web Chat and Teams, a button elsewhere. */
  more?: MoreContent;
  /** channelData.topic: the knowledge topic this reply answers. */
  topic?: string;
  /** channelData.escalation: present when the reply advises seeing someone. */
  escalation?: Escalation;
  choices?: ReplyChoice[];
  card?: ReplyCard;
}
