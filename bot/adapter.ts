import { ActivityTypes, CloudAdapter, type Activity, type ConversationState, type InvokeResponse, type TurnContext } from 'botbuilder';
import { createAuthentication, type CloudSettings } from './authentication';
import type { AppConfig } from './config';
import { errorFields, type Logger } from './logger';

export const TURN_ERROR_APOLOGY =
  "Sorry, something went wrong on my side and I had to start our chat again. Please send your message once more. If you're worried about your health right now, please call your clinic or your local emergency number.";

export interface AdapterDependencies {
  config: AppConfig;
  conversationState: ConversationState;
  logger: Logger;
  cloud?: CloudSettings;
  apology?: string;
}

/**
 * CloudAdapter.process() answers its own errors and prints them unstructured to the console; the
 * messages endpoint runs turns through this instead, so it chooses the HTTP status and the log line.
 */
export class LeakAdapter extends CloudAdapter {
  runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(deps: AdapterDependencies): LeakAdapter {
  const adapter = new LeakAdapter(createAuthentication(deps.config, deps.logger, deps.cloud));
  adapter.onTurnError = (context, error) => handleTurnError(context, error, deps);
  return adapter;
}

/**
 * The last line of defence: log what failed (never what was said), show the Emulator a trace, tell the
 * parent plainly, and drop this conversation's state so a broken dialog stack cannot fail again.
 */
async function handleTurnError(context: TurnContext, error: Error, deps: AdapterDependencies): Promise<void> {
  deps.logger.error('turn_error', {
    ...errorFields(error),
    channelId: context.activity.channelId,
    activityType: context.activity.type,
  });
  const attempt = async (step: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (inner) {
      deps.logger.error('turn_error_recovery_failed', { step, ...errorFields(inner) });
    }
  };
  await attempt('trace', () =>
    context.sendTraceActivity('OnTurnError Trace', `${error.name}: ${error.message}`, 'https://www.botframework.com/schemas/error', 'TurnError'),
  );
  if (context.activity.type === ActivityTypes.Message || context.activity.type === ActivityTypes.ConversationUpdate) {
    await attempt('apology', () => context.sendActivity(deps.apology ?? TURN_ERROR_APOLOGY));
  }
  await attempt('reset_state', () => deps.conversationState.delete(context));
}
