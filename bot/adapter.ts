import {
  ActivityTypes,
  BotCallbackHandlerKey,
  CloudAdapter,
  DeliveryModes,
  TurnContext,
  type Activity,
  type ConversationState,
  type InvokeResponse,
} from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { createAuthentication, type CloudSettings } from './authentication';
import type { AppConfig } from './config';
import { errorFields, type Logger } from './logger';
import { findStorageFailure, StorageConflictError } from './storage/errors';

/** Last resort for a turn that failed before the bot's own wording could be used. */
export const TURN_ERROR_APOLOGY =
  "Sorry, something went wrong on my side and I had to start our chat again. Please send your message once more. If you're worried about your health right now, please call your clinic or your local emergency number.";

export interface TurnErrorDependencies {
  conversationState: ConversationState;
  logger: Logger;
  /** messages.yaml's turnError, filled with the clinic settings. */
  apology: string;
  /** messages.yaml's storageError: shown when the state store is unreachable. */
  storageApology: string;
  /** messages.yaml's storageConflict: two turns of one conversation raced and this one lost. */
  conflictApology: string;
  /** The advice for a message's red flags, read without stored state; sent before the apology when the store fails. */
  adviseWithoutState?: (activity: Partial<Activity>) => Partial<Activity> | undefined;
}

export interface AdapterDependencies extends TurnErrorDependencies {
  config: AppConfig;
  cloud?: CloudSettings;
}

/**
 * CloudAdapter.process() answers its own errors and prints them unstructured to the console; the
 * messages endpoint runs turns through this instead, so it chooses the HTTP status and the log line.
 */
export class LeakAdapter extends CloudAdapter {
  runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }

  /**
   * Runs one turn in this process, for channels the server itself hosts (the web chat's Direct Line
   * endpoint): no Bot Framework token is checked or fetched, whatever MicrosoftAppId is, and the
   * replies come back to the caller (deliveryMode expectReplies) instead of going to a serviceUrl.
   * processActivityDirect() cannot do this: it drops the buffered replies, and with an app id its
   * user-token client refuses an anonymous identity. The turn has no connector client, so a bot that
   * tried to update or delete a message here would fail rather than call out. The caller vouches for
   * the activity (its ids, channelId and conversation).
   */
  async runInProcessTurn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, { ...activity, deliveryMode: DeliveryModes.ExpectReplies });
    context.turnState.set(this.BotIdentityKey, new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType));
    context.turnState.set(BotCallbackHandlerKey, logic);
    await this.runMiddleware(context, logic);
    return context.bufferedReplyActivities;
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
 * Except when the state store is unreachable (StorageUnavailableError): the state is not what broke and
 * must not be lost (deleting it would fail anyway), so the parent is asked to try again and the next
 * turn that reaches the store carries on where the conversation was. A message's red flags are still
 * answered first, read without the stored context.
 */
export async function handleTurnError(context: TurnContext, error: Error, deps: TurnErrorDependencies): Promise<void> {
  const storageFailure = findStorageFailure(error);
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
  if (storageFailure && deps.adviseWithoutState && context.activity.type === ActivityTypes.Message) {
    // The dialogs never ran, so neither did the red-flag check: the advice must not wait for the store.
    await attempt('advice_without_state', async () => {
      const advice = deps.adviseWithoutState!(context.activity);
      if (advice) await context.sendActivity(advice);
    });
  }
  if (context.activity.type === ActivityTypes.Message || context.activity.type === ActivityTypes.ConversationUpdate) {
    await attempt('apology', () =>
      context.sendActivity(
        storageFailure instanceof StorageConflictError ? deps.conflictApology : storageFailure ? deps.storageApology : deps.apology,
      ),
    );
  }
  // A store that is down or a write that lost a race says nothing is wrong with the state: keep it.
  if (!storageFailure) await attempt('reset_state', () => deps.conversationState.delete(context));
}
