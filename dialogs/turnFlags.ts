/** Per-turn markers the dialogs leave for the bot, which acts on them after the dialogs have run. */

/** The parent asked to be forgotten: delete their state after this turn instead of saving it. */
export const FORGET_ME = Symbol('forgetMe');

/** What the turn ended up doing, for the structured turn log (never the message text). */
export const TURN_OUTCOME = Symbol('turnOutcome');

export interface TurnOutcome {
  route: string;
  topic?: string;
  level?: string;
}
