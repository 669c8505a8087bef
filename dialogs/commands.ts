import type { BotMessages } from '../core/conversation/messages';
import { sameChoice } from './answerAware';

export type Command = 'help' | 'restart' | 'stop' | 'forgetMe';

/** A message that is exactly one of the command phrases (any case, trailing punctuation ignored). */
export function commandOf(text: string, messages: BotMessages): Command | undefined {
  const phrases = messages.commands;
  for (const command of ['forgetMe', 'restart', 'stop', 'help'] as const) {
    if (phrases[command].some((p) => sameChoice(text, p))) return command;
  }
  return undefined;
}

/** The conversation topics language understanding may recognise that act as commands. */
export const COMMAND_TOPICS: Record<string, Command> = {
  help: 'help',
  restart: 'restart',
  'forget-me': 'forgetMe',
};
