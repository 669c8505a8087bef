/**
 * HTTP benchmark: turns per second and latency through the real server (restify, the messages
 * endpoint, LeakAdapter, deliveryMode expectReplies), side by side with a bare echo bot on the same
 * stack (bench/lib/servers.ts).
 *
 *   npx tsx bench/http.ts [--duration 6] [--repeats 3] [--connections 1,16,64]
 *
 * Each server runs in its own child process; autocannon runs here. Each autocannon connection is its
 * own conversation, sending a parent's script of messages (greeting, questions, a symptom-check run,
 * a side question, stop, thanks) and starting a new conversation when the script ends. Runs alternate
 * bot/echo and echo/bot, repeated; the figures are medians over the repeats, and the ratio bot/echo.
 * Writes bench/results/http.json.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { firstJsonLine, spawnTs, stopChild } from './lib/children';
import { flag, machine, median, table, writeResult, fmt } from './lib/report';
import type { ServerKind } from './lib/servers';

/** One parent's visit; each connection loops over it, a new conversation every time round. */
export const SCRIPT = [
  'hi',
  'is it normal to leak milk all the time?',
  'why do my breasts leak at night',
  'check my symptoms',
  'Breastfeeding or pumping',
  'Both breasts',
  'what breast pads are best?',
  'Milky or white',
  'stop',
  'my milk sprays when my baby cries, how do I stop it',
  'does leaking mean I have too much milk',
  'thanks so much!',
];

export interface HttpOptions {
  durationS: number;
  repeats: number;
  connections: number[];
  warmupS: number;
}

export interface RunFigures {
  reqPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx replies without a message activity in them (the bot should always answer a message). */
  noMessage: number;
}

export interface HttpCell {
  connections: number;
  bot: RunFigures[];
  echo: RunFigures[];
  median: {
    bot: { reqPerSec: number; latencyP50Ms: number; latencyP99Ms: number };
    echo: { reqPerSec: number; latencyP50Ms: number; latencyP99Ms: number };
    /** median bot req/s over median echo req/s */
    ratio: number;
    /** median of the per-repeat ratios (each repeat's bot run next to its echo run) */
    pairedRatio: number;
  };
}

export interface HttpResult {
  date: string;
  machine: ReturnType<typeof machine>;
  options: HttpOptions;
  runner: string;
  cells: HttpCell[];
  target: { minRatio: number; met: boolean; worstRatio: number };
}

function activity(text: string, context: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'message',
    text,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: context.conversation },
    from: { id: context.user, name: 'Parent' },
    recipient: { id: 'bot', name: 'Bot' },
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    deliveryMode: 'expectReplies',
  });
}

async function load(url: string, connections: number, durationS: number): Promise<RunFigures> {
  let noMessage = 0;
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections,
    duration: durationS,
    timeout: 30,
    requests: SCRIPT.map((text, i) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request, context) => {
        // autocannon gives every connection its own context and clears it when the script starts over.
        if (i === 0 || context.conversation === undefined) {
          context.conversation = `bench-${randomUUID()}`;
          context.user = `parent-${randomUUID()}`;
        }
        return { ...request, body: activity(text, context) };
      },
      onResponse: (status, body) => {
        if (status === 200 && !body.includes('"type":"message"')) noMessage += 1;
      },
    })),
  });
  return {
    reqPerSec: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    noMessage,
  };
}

const mid = (runs: RunFigures[]) => ({
  reqPerSec: median(runs.map((r) => r.reqPerSec)),
  latencyP50Ms: median(runs.map((r) => r.latencyP50Ms)),
  latencyP99Ms: median(runs.map((r) => r.latencyP99Ms)),
});

export async function runHttpBench(options: HttpOptions, log: (line: string) => void = console.log): Promise<HttpResult> {
  const children = (['bot', 'echo'] as ServerKind[]).map((kind) => ({ kind, child: spawnTs('bench/serve.ts', ['--kind', kind]) }));
  try {
    const urls = new Map<ServerKind, string>();
    for (const { kind, child } of children) urls.set(kind, (await firstJsonLine<{ url: string }>(child)).url);
    for (const kind of ['bot', 'echo'] as ServerKind[]) await load(urls.get(kind)!, 16, options.warmupS);

    const cells: HttpCell[] = [];
    for (const connections of options.connections) {
      const runs: Record<ServerKind, RunFigures[]> = { bot: [], echo: [] };
      for (let r = 0; r < options.repeats; r++) {
        const order: ServerKind[] = r % 2 === 0 ? ['bot', 'echo'] : ['echo', 'bot'];
        for (const kind of order) {
          const figures = await load(urls.get(kind)!, connections, options.durationS);
          runs[kind].push(figures);
          log(`  ${String(connections).padStart(2)} conn  ${kind.padEnd(4)}  run ${r + 1}/${options.repeats}: ${fmt(figures.reqPerSec, 0)} turns/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms${figures.non2xx + figures.errors + figures.timeouts + figures.noMessage > 0 ? `  (non-2xx ${figures.non2xx}, errors ${figures.errors}, timeouts ${figures.timeouts}, no message ${figures.noMessage})` : ''}`);
        }
      }
      const bot = mid(runs.bot);
      const echo = mid(runs.echo);
      cells.push({
        connections,
        bot: runs.bot,
        echo: runs.echo,
        median: { bot, echo, ratio: bot.reqPerSec / echo.reqPerSec, pairedRatio: median(runs.bot.map((b, i) => b.reqPerSec / runs.echo[i].reqPerSec)) },
      });
    }
    const worstRatio = Math.min(...cells.map((c) => c.median.ratio));
    return {
      date: new Date().toISOString(),
      machine: machine(),
      options,
      runner: 'servers: one child process each (node --import tsx bench/serve.ts); load: autocannon in this process',
      cells,
      target: { minRatio: 0.8, met: worstRatio >= 0.8, worstRatio },
    };
  } finally {
    await Promise.all(children.map(({ child }) => stopChild(child)));
  }
}

export function printHttp(result: HttpResult): string {
  const rows: Array<Array<string | number>> = [['connections', 'bot turns/s', 'echo turns/s', 'bot/echo', 'bot p50 ms', 'bot p99 ms', 'echo p50 ms', 'echo p99 ms']];
  for (const c of result.cells) {
    rows.push([c.connections, fmt(c.median.bot.reqPerSec, 0), fmt(c.median.echo.reqPerSec, 0), `${fmt(c.median.ratio * 100, 0)}%`, c.median.bot.latencyP50Ms, c.median.bot.latencyP99Ms, c.median.echo.latencyP50Ms, c.median.echo.latencyP99Ms]);
  }
  const errors = result.cells.flatMap((c) => [...c.bot, ...c.echo]).reduce((n, r) => n + r.non2xx + r.errors + r.timeouts + r.noMessage, 0);
  return [
    `HTTP turns through the real server, expectReplies (medians of ${result.options.repeats} alternated runs of ${result.options.durationS} s each)`,
    table(rows),
    `target: the bot keeps at least 80% of the echo bot's throughput: ${result.target.met ? 'MET' : 'NOT MET'} (worst ${fmt(result.target.worstRatio * 100, 0)}%)`,
    errors > 0 ? `WARNING: ${errors} failed or empty responses (see http.json)` : 'every response was a 200 with a message in it',
  ].join('\n');
}

export function httpOptionsFromFlags(quick = false): HttpOptions {
  return {
    durationS: Number(flag('duration', quick ? '3' : '6')),
    repeats: Number(flag('repeats', quick ? '1' : '3')),
    connections: flag('connections', '1,16,64')
      .split(',')
      .map(Number)
      .filter((n) => n > 0),
    warmupS: Number(flag('warmup', quick ? '1' : '2')),
  };
}

if (require.main === module) {
  runHttpBench(httpOptionsFromFlags(process.argv.includes('--quick')))
    .then((result) => {
      console.log(`\n${printHttp(result)}\nwrote ${writeResult('http', result)}`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
