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
}

export interface SummaryCard {
  kind: 'summary';
  title: string;
  /** What the parent reported, in their own words. */
  lines: string[];
}

export type ReplyCard = EscalationCard | SummaryCard;

export interface Reply {
  /** Always present: every channel and screen reader gets the whole message as plain text. */
  text: string;
  /** channelData.topic: the knowledge topic this reply answers. */
  topic?: string;
  /** channelData.escalation: present when the reply advises seeing someone. */
  escalation?: Escalation;
  choices?: ReplyChoice[];
  card?: ReplyCard;
}
