import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** What the connector keeps of an activity the bot posted; its `id` is what the bot is told. */
export type StampActivity<T> = (posted: Record<string, unknown>, replyToId: string | undefined) => T;

interface Kept {
  id?: string;
  type?: string;
}

/**
 * Plays the Emulator's connector: the bot posts its replies here, to
 * /v3/conversations/{conversationId}/activities[/{replyToId}], as it would to the Bot Framework Emulator.
 */
export class EmulatorConnector<T extends Kept = Activity> {
  readonly received: T[] = [];
  private server?: Server;
  private waiters: Array<() => void> = [];

  /** `stamp` lets a caller keep activities the way it needs (the transcript recorder stamps them as the Emulator does). */
  constructor(private readonly stamp: StampActivity<T> = (posted) => posted as unknown as T) {}

  get serviceUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?(?:\?.*)?$/.exec(req.url ?? '');
      const replyToId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
      if (req.method === 'POST' && match) {
        let posted: Record<string, unknown>;
        try {
          posted = JSON.parse(body) as Record<string, unknown>;
        } catch {
          res.writeHead(400).end();
          return;
        }
        const kept = this.stamp(posted, replyToId);
        this.received.push(kept);
        this.waiters.forEach((w) => w());
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: kept.id ?? `reply-${this.received.length}` }));
        return;
      }
      if ((req.method === 'PUT' || req.method === 'DELETE') && match) {
        // Updates and deletions are acknowledged; the Emulator keeps only added activities.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: replyToId ?? '' }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  /** Resolves once `count` activities (of any type) have arrived, or rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`Expected ${count} activities from the bot, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received.slice(0, count);
  }

  messages(): T[] {
    return this.received.filter((a) => a.type === 'message');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
