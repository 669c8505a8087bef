/**
 * npm run chat: talk to the bot in this terminal, in-process, with the same dialogs as every channel.
 * Choices are numbered; type the number or the words.
 */
import { createInterface } from 'node:readline/promises';
import type { Activity, CardAction } from 'botbuilder';
import { handleTurnError } from '../bot/adapter';
import { contactWarning, loadConfig, readEnvironment } from '../bot/config';
import { createLogger } from '../bot/logger';
import { TerminalAdapter } from '../bot/terminalAdapter';
import { composeApplication, turnErrorApologies } from '../index';

function choicesOf(activity: Partial<Activity>): CardAction[] {
  const suggested = activity.suggestedActions?.actions ?? [];
  const buttons = (activity.attachments ?? []).flatMap((a) => ((a.content as { buttons?: CardAction[] })?.buttons ?? []));
  return [...suggested, ...buttons];
}

function print(activity: Partial<Activity>, choices: CardAction[]): void {
  if (activity.type !== 'message') return;
  const escalation = (activity.channelData as { escalation?: { level: string } } | undefined)?.escalation;
  if (escalation) console.log(`\n  !! ${escalation.level.toUpperCase()} !!`);
  if (activity.text) console.log(`\nbot> ${activity.text.replace(/\n/g, '\n     ')}`);
  for (const action of choicesOf(activity)) {
    choices.push(action);
    console.log(`     ${choices.length}) ${action.title}`);
  }
}

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const logger = createLogger({ level: 'warn', write: (line) => process.stderr.write(line + '\n') });
  const warning = contactWarning(config.clinic);
  if (warning) logger.warn('configuration_incomplete', { warning });
  const app = composeApplication(config, { logger });
  let choices: CardAction[] = [];
  const adapter = new TerminalAdapter((activity) => print(activity, choices));
  adapter.onTurnError = (context, error) => handleTurnError(context, error, { conversationState: app.conversationState, logger, ...turnErrorApologies(app.domain) });

  console.log('Chatting with the leaking milk helper. Type a message; "quit" to leave.');
  await adapter.start(app.logic);
  // The line iterator buffers, so lines piped in while a turn runs are not lost.
  const input = createInterface({ input: process.stdin, terminal: false });
  const prompt = () => process.stdout.write('\nyou> ');
  prompt();
  for await (const raw of input) {
    const line = raw.trim();
    if (!process.stdin.isTTY) process.stdout.write(`${line}\n`);
    if (line === 'quit' || line === 'exit') break;
    const picked = /^\d+$/.test(line) ? choices[Number(line) - 1] : undefined;
    choices = [];
    await adapter.say(picked ? String(picked.value ?? picked.title) : line, app.logic);
    prompt();
  }
  input.close();
  await app.stop();
}

main().catch((err) => {
  console.error(`The chat stopped: ${(err as Error).message}`);
  process.exit(1);
});
