import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ContainerClient } from '@azure/storage-blob';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const BLOB_MAIN = join(__dirname, '..', '..', 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
const LISTENING = /successfully listens on https?:\/\/[^:\s]+:(\d+)/;

export interface AzuriteOptions {
  /** Keep blobs only in memory: they are lost when Azurite stops. Default false (a temp folder), so a restart keeps them. */
  inMemory?: boolean;
  /** How long to wait for Azurite to listen. */
  startTimeoutMs?: number;
}

export interface Azurite {
  /** The port Azurite listens on (stays the same across restart()). */
  readonly port: number;
  /** A full connection string to the blob service on 127.0.0.1 (shared key auth, http). */
  readonly connectionString: string;
  readonly running: boolean;
  /** Stops the process (SIGTERM, so it flushes its database; SIGKILL if it does not exit) but keeps its data folder. */
  pause(): Promise<void>;
  /** Starts it again on the same port and the same data folder. */
  restart(): Promise<void>;
  /** Stops it for good and removes its data folder. */
  stop(): Promise<void>;
}

/** A container name no other test uses: 3-63 lower-case letters, digits and single hyphens. */
export function uniqueContainerName(prefix = 'test'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`.toLowerCase();
}

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:${port}/${AZURITE_ACCOUNT};`;
}

function launch(port: number, location: string | undefined, startTimeoutMs: number): Promise<{ child: ChildProcess; port: number }> {
  const args = [
    BLOB_MAIN,
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(port),
    '--silent',
    '--loose',
    '--skipApiVersionCheck',
    '--disableTelemetry',
    ...(location ? ['--location', location] : ['--inMemoryPersistence']),
  ];
  // AZURITE_DB would switch it to a SQL server, AZURITE_ACCOUNTS would replace the well-known account.
  const env = { ...process.env };
  delete env.AZURITE_DB;
  delete env.AZURITE_ACCOUNTS;
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env, cwd: location ?? tmpdir() });
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start: ${why}\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`not listening after ${startTimeoutMs} ms`), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining its output so a full pipe can never block it.
        child.stdout?.resume();
        child.stderr?.resume();
        child.off('exit', onExit);
        resolve({ child, port: Number(match[1]) });
      }
    };
    const onExit = (code: number | null) => fail(`exited with code ${code}`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function terminate(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Azurite's blob service from node_modules, on 127.0.0.1 and a free port, with telemetry off. By default
 * its data lives in a temp folder, so pause() + restart() models a storage outage without data loss.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<Azurite> {
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  const location = options.inMemory ? undefined : await mkdtemp(join(tmpdir(), 'azurite-'));
  const first = await launch(0, location, startTimeoutMs);
  const port = first.port;
  let child = first.child;
  let running = true;
  return {
    port,
    connectionString: azuriteConnectionString(port),
    get running() {
      return running;
    },
    async pause() {
      running = false;
      await terminate(child);
    },
    async restart() {
      if (running) await terminate(child);
      // The port was just released; another process could take it in between, so retry briefly.
      let lastError: unknown;
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          ({ child } = await launch(port, location, startTimeoutMs));
          running = true;
          return;
        } catch (err) {
          lastError = err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      throw lastError;
    },
    async stop() {
      running = false;
      await terminate(child);
      if (location) await rm(location, { recursive: true, force: true });
    },
  };
}

/**
 * Environment for startBot() (tests/support/runningBot.ts) to keep its state in this Azurite, in a
 * container of its own unless one is given. Two bots given the same env share their state.
 */
export function blobStorageEnv(azurite: Pick<Azurite, 'connectionString'>, container: string = uniqueContainerName('bot')): Record<string, string> {
  return { STORAGE: 'blob', BLOB_CONNECTION_STRING: azurite.connectionString, BLOB_CONTAINER: container };
}

/** The blobs in a container, by decoded name ("emulator/conversations/<id>"); empty if it does not exist. */
export async function listBlobs(connectionString: string, container: string): Promise<Array<{ name: string; lastModified: Date }>> {
  const client = new ContainerClient(connectionString, container);
  const blobs: Array<{ name: string; lastModified: Date }> = [];
  if (!(await client.exists())) return blobs;
  for await (const blob of client.listBlobsFlat()) {
    blobs.push({ name: decodeURIComponent(blob.name), lastModified: blob.properties.lastModified });
  }
  return blobs;
}
