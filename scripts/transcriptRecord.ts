/**
 * npm run transcript:record -- <out.transcript> [script.txt]
 *   Records a real conversation with the real bot as a Bot Framework Emulator transcript (open it in
 *   the Emulator with File > Open Transcript). The user's lines come from script.txt, or from stdin:
 *   one message a line; blank lines and lines starting with # are skipped; a line in square
 *   brackets, such as [Breast pads], taps the bot's suggested action with that title.
 *
 * npm run transcript:record -- --again <file.transcript>...
 *   Records each transcript again: replays what the user did in it and overwrites it with what the
 *   bot answers today. For when the knowledge base or the wording changed on purpose.
 *
 * The bot runs in this process on a free port with the test clinic's settings (the ones
 * tests/transcripts/replay.test.ts replays with), memory storage, and no app id (Emulator mode).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { listen } from '../bot/server';
import { composeApplication, type Application } from '../index';
import { TEST_CLINIC_ENV } from '../tests/support/domain';
import { parseTranscript, type TranscriptActivity } from './transcriptCompare';
import { parseSteps, recordConversation, rerecordTranscript, serializeTranscript } from './transcriptEmulator';

const USAGE = `Usage:
  npx tsx scripts/transcriptRecord.ts <out.transcript> [script.txt]   (the user's lines from script.txt or stdin)
  npx tsx scripts/transcriptRecord.ts --again <file.transcript>...     (record existing transcripts again)

Script lines: one message a line; blank lines and # comments are skipped; [Title] taps a suggested action.`;

async function startBot(): Promise<{ app: Application; url: string }> {
  const config = loadConfig({ ...TEST_CLINIC_ENV, PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory' });
  const logger = createLogger({ level: 'warn', write: (line) => process.stderr.write(line + '\n') });
  const app = composeApplication(config, { logger });
  const address = await listen(app.server, 0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${address.port}` };
}

function readScriptFromStdin(): Promise<string> {
  if (process.stdin.isTTY) console.error("Type the user's lines, one message a line ([Title] taps a suggested action), then Ctrl-D.");
  return new Promise((resolveText, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolveText(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

const oneLine = (text: string, max = 100) => {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
};

/** Prints a turn the way a person reads it, so whoever records sees what went into the file. */
function printTurn(sent: TranscriptActivity, replies: TranscriptActivity[]): void {
  if (sent.type === 'message') console.log(`\nuser> ${sent.text ?? ''}`);
  else console.log(`\n[${sent.type}]`);
  for (const reply of replies) {
    if (reply.type === 'trace') {
      console.log(`  (trace ${reply.name ?? ''}: ${typeof reply.value === 'string' ? reply.value : JSON.stringify(reply.value)})`);
      continue;
    }
    if (reply.type !== 'message') continue;
    const data = (reply.channelData ?? {}) as { topic?: string; escalation?: { level?: string } };
    const tags = [data.topic && `topic ${data.topic}`, data.escalation?.level && `ESCALATION ${data.escalation.level}`].filter(Boolean).join(', ');
    console.log(`bot>  ${oneLine(reply.text ?? '')}${tags ? `   [${tags}]` : ''}`);
    for (const attachment of reply.attachments ?? []) console.log(`      attachment: ${attachment.contentType}`);
    const actions = (reply.suggestedActions?.actions ?? []).map((a) => `[${a.title}]`);
    if (actions.length > 0) console.log(`      ${actions.join(' ')}`);
  }
}

function write(path: string, activities: readonly TranscriptActivity[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, serializeTranscript(activities), 'utf8');
  console.log(`\nWrote ${activities.length} activities to ${path}`);
}

async function main(args: string[]): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const again = args[0] === '--again';
  const paths = (again ? args.slice(1) : args).map((p) => resolve(p));
  if (again && paths.length === 0) {
    console.error(USAGE);
    return 2;
  }
  if (!again && (paths.length > 2 || !paths[0].endsWith('.transcript'))) {
    console.error(`The output file must end in .transcript (the Emulator opens only those).\n\n${USAGE}`);
    return 2;
  }
  // Read every input before the bot starts, so a typo fails fast.
  const inputs = again
    ? paths.map((path) => ({ path, activities: parseTranscript(readFileSync(path, 'utf8'), path) }))
    : [{ path: paths[0], steps: parseSteps(paths[1] ? readFileSync(paths[1], 'utf8') : await readScriptFromStdin()) }];

  const { app, url } = await startBot();
  try {
    for (const input of inputs) {
      console.log(`\n=== ${input.path}`);
      const recorded =
        'steps' in input
          ? await recordConversation(input.steps, { botUrl: url, onTurn: printTurn })
          : await rerecordTranscript(input.activities, { botUrl: url, onTurn: printTurn, source: input.path });
      write(input.path, recorded);
    }
  } finally {
    await app.stop();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Recording failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
