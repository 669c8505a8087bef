import type { Activity } from 'botbuilder';
import type { ReplyComposer } from '../core/conversation/composer';
import type { RedFlagDetector } from '../core/safety/detector';
import { readTurnInput } from '../dialogs/turnInput';
import { renderReply } from './render';

export interface OutageAdviceDependencies {
  safety: RedFlagDetector;
  composer: ReplyComposer;
  /** config.limits.maxReadableChars: a longer message is not read (the normal turn would refuse it too). */
  maxReadableChars: number;
}

/**
 * When the state store cannot be reached, the turn fails before the dialogs run; the message is still
 * read for red flags, with nothing known about the parent, and any advice is sent before the apology.
 * A finding the dialogs would confirm with a question counts as reported: there is no state to hold
 * the question, and a missed red flag is worse than an unneeded escalation. Returns the activity to
 * send, or undefined when the message raises no red flag.
 */
export function createOutageAdvice(deps: OutageAdviceDependencies): (activity: Partial<Activity>) => Partial<Activity> | undefined {
  return (activity) => {
    if (activity.type !== 'message') return undefined;
    const input = readTurnInput(activity, deps.maxReadableChars, deps.maxReadableChars);
    if (input.problem) return undefined;
    const assessment = deps.safety.assess(input.text, {});
    const mentions = [...assessment.flags, ...assessment.toConfirm].map((f) => ({ id: f.id, quote: f.quote }));
    if (mentions.length === 0) return undefined;
    // Its buttons (a summary, another question) need the stored conversation, which is out of reach.
    return renderReply({ ...deps.composer.escalation(mentions), choices: undefined }, activity.channelId);
  };
}
