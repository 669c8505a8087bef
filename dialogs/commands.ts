import type { BotMessages } from '../core/conversation/messages';
import { choiceKey } from './answerAware';

export type Command = 'help' | 'restart' | 'stop' | 'forgetMe';

const phraseIndexes = new WeakMap<BotMessages, Map<string, Command>>();

/** Phrase key to command, built once for each set of messages; the first command listed wins a shared phrase. */
function phraseIndex(messages: BotMessages): Map<string, Command> {
  let index = phraseIndexes.get(messages);
  if (!index) {
    index = new Map();
    for (const command of ['forgetMe', 'restart', 'stop', 'help'] as const) {
      for (const phrase of messages.commands[command]) if (!index.has(choiceKey(phrase))) index.set(choiceKey(phrase), command);
    }
    phraseIndexes.set(messages, index);
  }
  return index;
}

/** A message that is exactly one of the command phrases (any case, trailing punctuation ignored). */
export function commandOf(text: string, messages: BotMessages): Command | undefined {
  return phraseIndex(messages).get(choiceKey(text));
}

/** The conversation topics language understanding may recognise that act as commands. */
export const COMMAND_TOPICS: Record<string, Command> = {
  help: 'help',
  restart: 'restart',
  'forget-me': 'forgetMe',
};
