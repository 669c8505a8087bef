/**
 * Whether this checkout's server bundle (dist/server.js, what `npm start` runs) replies exactly as
 * another checkout's does: a check for build changes that should only make the start faster (shims,
 * escaping, the code cache). Not a timing.
 *
 *   npm run build && node --no-regexp-tier-up --require tsx/cjs bench/bundleSame.ts DIR
 *
 * Both bundles are loaded in this process (each with its own knowledge/ and generated/ files, DIR
 * built first) and the bot of each answers every line of tests/data/*.tsv (the text column; the
 * blind sets are left out), each line a new conversation, through the bundle's own warm-up path
 * (in-process turns, memory storage, the default settings). The replies are compared activity by
 * activity (type, text, attachments, suggested actions). Only counts, file names and line numbers are
 * printed, never a line's text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Activity } from 'botbuilder';
import { loadConfig, type AppConfig } from '../bot/config';
import { silentLogger } from '../bot/logger';
import type { Domain } from '../core/domain';
import { projectRoot } from '../core/projectRoot';
import { loadBundle } from '../scripts/launch';

interface BundleExports {
  composeApplication(config: AppConfig, options: { logger: typeof silentLogger }): { domain: Domain; stop(): Promise<void> };
  warmUp(config: AppConfig, domain: Domain, messages: string[]): Promise<Array<Partial<Activity>[]>>;
}

interface Line {
  file: string;
  line: number;
  text: string;
}

function lines(): Line[] {
  const dir = join(projectRoot(), 'tests', 'data');
  const out: Line[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.tsv') || /blind|with-flags/i.test(name)) continue;
    const rows = readFileSync(join(dir, name), 'utf8').split(/\r?\n/);
    const at = rows[0].split('\t').indexOf('text');
    if (at < 0) continue;
    rows.slice(1).forEach((row, i) => {
      const text = row.split('\t')[at];
      if (text) out.push({ file: name, line: i + 2, text });
    });
  }
  return out;
}

const shown = (replies: Partial<Activity>[]) =>
  JSON.stringify(replies.map((a) => ({ type: a.type, text: a.text, speak: a.speak, attachments: a.attachments, suggestedActions: a.suggestedActions, inputHint: a.inputHint })));

async function repliesOf(root: string, config: AppConfig, messages: string[]): Promise<string[]> {
  const bundle = join(root, 'dist', 'server.js');
  const { exports, cache } = loadBundle(bundle, `${bundle}.cache`, false);
  const { composeApplication, warmUp } = exports as BundleExports;
  const app = composeApplication(config, { logger: silentLogger });
  const replies = await warmUp(config, app.domain, messages);
  await app.stop();
  console.log(`${root}: ${replies.length} replies (code cache ${cache})`);
  return replies.map(shown);
}

async function main(): Promise<void> {
  const other = process.argv[2];
  if (!other) throw new Error('usage: bench/bundleSame.ts DIR (another built checkout)');
  const config = loadConfig({});
  const cases = lines();
  const mine = await repliesOf(projectRoot(), config, cases.map((c) => c.text));
  const theirs = await repliesOf(resolve(other), config, cases.map((c) => c.text));
  const differ = new Map<string, number[]>();
  cases.forEach((c, i) => {
    if (mine[i] !== theirs[i]) differ.set(c.file, [...(differ.get(c.file) ?? []), c.line]);
  });
  const count = [...differ.values()].reduce((n, l) => n + l.length, 0);
  console.log(`${cases.length} messages, ${count} with different replies`);
  for (const [file, at] of differ) console.log(`${basename(file)}: lines ${at.join(', ')}`);
  process.exit(count === 0 ? 0 : 1);
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(2);
});
