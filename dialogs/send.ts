import type { TurnContext } from 'botbuilder';
import type { Reply } from '../core/conversation/reply';
import { clientTraits, renderReply } from '../bot/render';
import { TURN_OUTCOME, type TurnOutcome } from './turnFlags';

/** Sends a reply rendered for this channel, and notes what it was for the turn log. */
export async function sendReply(context: TurnContext, reply: Reply, route: string): Promise<void> {
  await context.sendActivity(renderReply(reply, context.activity.channelId, clientTraits(context.activity)));
  const outcome: TurnOutcome = { route, topic: reply.topic, level: reply.escalation?.level };
  context.turnState.set(TURN_OUTCOME, outcome);
}
