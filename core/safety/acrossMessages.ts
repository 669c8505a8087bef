/**
 * Red flags told across messages: "I've had a fever since last night", then, a few messages later,
 * "now my breast is red and hot". Each message alone raises nothing; the conversation's clinical
 * picture holds both. The rules are data (rules.yaml `acrossMessages`): a flag holds when, in the
 * picture, every field of `all` and at least one of `any` is reported. It is raised only by a message
 * that adds one of those fields to what earlier messages told, so an old picture never raises a flag
 * again on its own, and a message that tells everything itself is left to the message's own rules.
 */
import type { ClinicalPicture } from './picture';
import type { PresenceFieldName } from './pictureFields';

export interface AcrossMessagesCondition {
  all?: PresenceFieldName[];
  any?: PresenceFieldName[];
}

export type AcrossMessagesRules = ReadonlyMap<string, readonly AcrossMessagesCondition[]>;

const reported = (p: ClinicalPicture | undefined, field: PresenceFieldName) => p?.[field] === 'yes';

/** The flags the conversation's picture raises now, with the fields this message added. */
export function flagsAcrossMessages(rules: AcrossMessagesRules, before: ClinicalPicture | undefined, now: ClinicalPicture): Array<{ flag: string; added: PresenceFieldName[] }> {
  const out: Array<{ flag: string; added: PresenceFieldName[] }> = [];
  // A flag needs some field told earlier: with no picture before this message, none.
  if (before === undefined) return out;
  // Earlier words count only while this message does not say otherwise ("no fever now").
  const earlier = (field: PresenceFieldName) => reported(before, field) && now[field] === undefined;
  for (const [flag, alternatives] of rules) {
    for (const { all = [], any = [] } of alternatives) {
      const fields = [...all, ...any];
      const holds = (field: PresenceFieldName) => reported(now, field) || earlier(field);
      if (!all.every(holds) || (any.length > 0 && !any.some(holds))) continue;
      const added = fields.filter((f) => reported(now, f));
      if (added.length === 0 || !fields.some(earlier)) continue;
      out.push({ flag, added });
      break;
    }
  }
  return out;
}
