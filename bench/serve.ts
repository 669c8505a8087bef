/**
 * Child process for the HTTP benchmark: starts one server (`--kind bot` or `--kind echo`) on a free
 * loopback port, prints {"url": ...} as one JSON line, and serves until it is sent SIGTERM or its
 * parent goes away. Running each server in its own process keeps the load generator (autocannon, in
 * the parent) off the server's event loop, and both servers get the same treatment.
 */
import { flag } from './lib/report';
import { startServer, type ServerKind } from './lib/servers';

async function main(): Promise<void> {
  const kind = flag('kind', 'bot') as ServerKind;
  if (kind !== 'bot' && kind !== 'echo') throw new Error(`--kind must be bot or echo, not ${kind}`);
  const server = await startServer(kind);
  process.stdout.write(`${JSON.stringify({ kind, url: server.url, pid: process.pid })}\n`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
}

main().catch((err) => {
  console.error(`serve: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
