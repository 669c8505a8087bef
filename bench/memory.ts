/**
 * Memory benchmark: resident set size and heap after 1,000 to 50,000 distinct conversations with the
 * default state store (memory: an LRU of MEMORY_MAX_CONVERSATIONS x 2 entries, default 20,000
 * conversations, with idle expiry). Needs --expose-gc, so the runner starts it as
 *
 *   node --expose-gc --require tsx/cjs bench/memory.ts [--conversations 50000] [--from auto|dist|src]
 *
 * Conversations are driven in this process through the real adapter and bot (LeakAdapter's
 * runInProcessTurn, the path the web chat's Direct Line endpoint uses): HTTP would add nothing to what
 * is kept in memory and take ten times as long. Each conversation sends one message, "check my
 * symptoms", which leaves it mid-check (welcome flag, dialog stack, symptom-check state, user state):
 * two store entries. At every checkpoint, global.gc() runs twice and RSS is read ("busy"), then the
 * process idles until RSS stops falling ("settled": V8's memory reducer hands freed heap pages back to
 * the system only when the process idles, as a chat bot mostly does).
 * The bot's modules come from dist/ when it is newer than the sources (--from auto, the default), as
 * `npm start` runs them, else from the TypeScript sources through tsx, which adds about 20 MB of RSS
 * (compiled code and source maps kept for every file). Prints a table and writes bench/results/memory.json.
 */
import { MemoryStorage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type * as ConfigModule from '../bot/config';
import type * as LoggerModule from '../bot/logger';
import type * as StorageModule from '../bot/storage';
import type * as DomainModule from '../core/domain';
import { projectRoot } from '../core/projectRoot';
import type * as IndexModule from '../index';
import { flag, fmt, machine, sleep, table, writeResult } from './lib/report';
import { chooseMode } from './startup';

type Application = IndexModule.Application;

export interface MemoryPoint {
  conversations: number;
  /** Right after driving the conversations, after two full GCs: includes heap pages V8 has freed but not yet returned. */
  busyRssMB: number;
  /** After the GCs and idling until RSS stops falling (V8's memory reducer returns freed pages when the process idles). */
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  storeEntries: number;
  storeMB: number;
  evicted: number;
  settleSeconds: number;
  secondsSoFar: number;
}

export interface MemoryResult {
  date: string;
  machine: ReturnType<typeof machine>;
  maxConversations: number;
  message: string;
  driver: string;
  /** Where the bot's code was loaded from. */
  code: string;
  baseline: MemoryPoint;
  points: MemoryPoint[];
  /** Settled RSS change from the first checkpoint after eviction started to the last, in MB. */
  rssGrowthAfterEvictionMB: number | null;
  target: { maxRssMB: number; met: boolean; peakRssMB: number; peakBusyRssMB: number };
}

const MB = 2 ** 20;
const MESSAGE = 'check my symptoms';

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (bench/run.ts does)');
  gc();
  gc();
}

async function main(): Promise<void> {
  const total = Number(flag('conversations', '50000'));
  const checkpoints = [1_000, 10_000, 20_000, 30_000, 50_000].filter((n) => n <= total);
  if (!checkpoints.includes(total)) checkpoints.push(total);
  const requested = flag('from', 'auto');
  const { mode, why } = chooseMode(requested === 'src' ? 'tsx' : requested);
  // Only the bot's own modules are loaded, from one place: importing them from both would count both.
  // require(), not import(): under `--require tsx/cjs` only the CommonJS loader knows TypeScript.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = <T>(path: string): T => require(join(projectRoot(), mode === 'dist' ? 'dist' : '', path)) as T;
  const { loadConfig } = load<typeof ConfigModule>('bot/config');
  const { silentLogger } = load<typeof LoggerModule>('bot/logger');
  const { createStateStore } = load<typeof StorageModule>('bot/storage');
  const { loadDomain } = load<typeof DomainModule>('core/domain');
  const { composeApplication } = load<typeof IndexModule>('index');
  const code = mode === 'dist' ? `dist/ (${why})` : `TypeScript sources through tsx (${why})`;
  console.error(`  bot code from ${code}`);

  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' });
  const domain = loadDomain(config.clinic);

  // Warm up on a throwaway store (JIT, lazy caches), so the figures are about conversations.
  const warm = composeApplication(config, { logger: silentLogger, domain, storage: new MemoryStorage() });
  for (let i = 0; i < 300; i++) await turn(warm, randomUUID());
  await warm.stop();

  const store = createStateStore(config.storage, silentLogger);
  const app = composeApplication(config, { logger: silentLogger, domain, storage: store.storage });
  const started = performance.now();

  const point = async (conversations: number): Promise<MemoryPoint> => {
    const drove = performance.now() - started;
    collect();
    const busy = process.memoryUsage().rss;
    // Idle until RSS stops falling: at least 3 s, at most 12 s.
    const settleStart = performance.now();
    let last = busy;
    for (let s = 1; s <= 12; s++) {
      await sleep(1000);
      collect();
      const now = process.memoryUsage().rss;
      if (s >= 3 && Math.abs(now - last) < MB) break;
      last = now;
    }
    const usage = process.memoryUsage();
    const stats = store.stats!();
    return {
      conversations,
      busyRssMB: busy / MB,
      rssMB: usage.rss / MB,
      heapUsedMB: usage.heapUsed / MB,
      heapTotalMB: usage.heapTotal / MB,
      externalMB: usage.external / MB,
      storeEntries: stats.entries,
      storeMB: stats.bytes / MB,
      evicted: stats.evicted,
      settleSeconds: (performance.now() - settleStart) / 1000,
      secondsSoFar: drove / 1000,
    };
  };

  const baseline = await point(0);

  const points: MemoryPoint[] = [];
  let done = 0;
  for (const target of checkpoints) {
    for (; done < target; done++) await turn(app, randomUUID());
    points.push(await point(done));
    console.error(`  ${fmt(done)} conversations: RSS ${fmt(points.at(-1)!.busyRssMB, 1)} MB busy, ${fmt(points.at(-1)!.rssMB, 1)} MB settled`);
  }
  await app.stop();
  await store.close();

  const full = points.filter((p) => p.evicted > 0);
  const peak = Math.max(...points.map((p) => p.rssMB));
  const peakBusy = Math.max(...points.map((p) => p.busyRssMB));
  const result: MemoryResult = {
    date: new Date().toISOString(),
    machine: machine(),
    maxConversations: config.storage.maxConversations,
    message: MESSAGE,
    driver: 'in-process through LeakAdapter.runInProcessTurn and the real bot logic (no HTTP)',
    code,
    baseline,
    points,
    rssGrowthAfterEvictionMB: full.length >= 2 ? full[full.length - 1].rssMB - full[0].rssMB : null,
    target: { maxRssMB: 250, met: peak < 250, peakRssMB: peak, peakBusyRssMB: peakBusy },
  };
  console.log(`\n${printMemory(result)}\nwrote ${writeResult('memory', result)}`);

  async function turn(application: Application, id: string): Promise<void> {
    await application.adapter.runInProcessTurn(
      {
        type: 'message',
        text: MESSAGE,
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9',
        conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: `user-${id}`, name: 'Parent' },
        recipient: { id: 'bot', name: 'Bot' },
        id: randomUUID(),
        timestamp: new Date(),
      },
      application.logic,
    );
  }
}

export function printMemory(result: MemoryResult): string {
  const rows: Array<Array<string | number>> = [['conversations', 'RSS MB settled', 'RSS MB busy', 'heap used MB', 'heap total MB', 'store entries', 'store MB', 'evicted']];
  for (const p of [result.baseline, ...result.points]) {
    rows.push([p.conversations === 0 ? '0 (started, warmed up)' : fmt(p.conversations), fmt(p.rssMB, 1), fmt(p.busyRssMB, 1), fmt(p.heapUsedMB, 1), fmt(p.heapTotalMB, 1), fmt(p.storeEntries), fmt(p.storeMB, 1), fmt(p.evicted)]);
  }
  return [
    `Memory with the default store (memory, MEMORY_MAX_CONVERSATIONS ${fmt(result.maxConversations)} = ${fmt(result.maxConversations * 2)} entries), one "${result.message}" per conversation; code from ${result.code}`,
    'busy: right after the conversations, after global.gc(); settled: after gc and idling until RSS stops falling',
    table(rows),
    result.rssGrowthAfterEvictionMB === null ? '' : `settled RSS change while the store is full and evicting: ${result.rssGrowthAfterEvictionMB >= 0 ? '+' : ''}${fmt(result.rssGrowthAfterEvictionMB, 1)} MB`,
    `target: RSS under ${result.target.maxRssMB} MB at 50,000 conversations: ${result.target.met ? 'MET' : 'NOT MET'} (settled peak ${fmt(result.target.peakRssMB, 1)} MB; busy peak ${fmt(result.target.peakBusyRssMB, 1)} MB)`,
  ]
    .filter(Boolean)
    .join('\n');
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
