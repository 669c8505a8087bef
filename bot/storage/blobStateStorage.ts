import { ContainerClient, type StoragePipelineOptions, type StorageRetryOptions } from '@azure/storage-blob';
import type { Storage, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { classifyStorageError } from './errors';

/**
 * The SDK's defaults retry a refused connection 4 times with 4 s exponential back-off (about 16 s
 * a call, and a turn makes several). A parent is waiting: fail within a couple of seconds and let the
 * next turn try again. (tryTimeoutInMs is only passed to the service as its own timeout; a hung
 * connection is cut by GuardedStorage's per-operation deadline.)
 */
export const FAST_FAIL_RETRY: StorageRetryOptions = {
  maxTries: 3,
  retryDelayInMs: 200,
  maxRetryDelayInMs: 1000,
  tryTimeoutInMs: 5000,
};

export interface BlobStateStorageOptions {
  connectionString: string;
  container: string;
  retryOptions?: StorageRetryOptions;
}

export function pipelineOptions(retryOptions: StorageRetryOptions = FAST_FAIL_RETRY): StoragePipelineOptions {
  return { retryOptions };
}

/**
 * Microsoft's BlobsStorage, made to recover by itself: BlobsStorage creates its container once and
 * keeps that promise, so if the store is down the first time it is used, every later call fails
 * too, even after the store is back. After any failure other than an eTag conflict the instance is
 * replaced, so the next call starts afresh (creating a BlobsStorage is cheap: no I/O; the HTTP
 * client and its connections are shared).
 */
export class BlobStateStorage implements Storage {
  private inner?: BlobsStorage;

  constructor(private readonly options: BlobStateStorageOptions) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.run((s) => s.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.run((s) => s.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.run((s) => s.delete(keys));
  }

  private current(): BlobsStorage {
    this.inner ??= new BlobsStorage(this.options.connectionString, this.options.container, {
      storagePipelineOptions: pipelineOptions(this.options.retryOptions),
    });
    return this.inner;
  }

  private async run<T>(work: (storage: BlobsStorage) => Promise<T>): Promise<T> {
    const storage = this.current();
    try {
      return await work(storage);
    } catch (err) {
      if (classifyStorageError(err) !== 'conflict' && this.inner === storage) this.inner = undefined;
      throw err;
    }
  }
}

/**
 * BlobsStorage names a blob encodeURIComponent(key); bot state keys are "<channel>/conversations/<id>"
 * or "<channel>/users/<id>", the built-in Direct Line's "directline/conversations/<id>" and "directline/tokens/<hash>".
 */
const STATE_BLOB_NAME = /^[^%]+%2F(conversations|users|tokens)%2F./;

export function isStateBlobName(name: string): boolean {
  return STATE_BLOB_NAME.test(name);
}

export interface SweepResult {
  scanned: number;
  deleted: number;
}

export interface BlobExpirySweeperOptions {
  connectionString: string;
  container: string;
  ttlMs: number;
  now?: () => number;
  retryOptions?: StorageRetryOptions;
}

/**
 * Deletes state blobs not written for ttlMs: lists the container and deletes each expired blob on
 * condition that it is unchanged since listed (If-Match), so a conversation that another bot instance
 * saved meanwhile is kept. Only blobs named like bot state keys are touched, in case the container
 * is shared.
 */
export class BlobExpirySweeper {
  private readonly client: ContainerClient;
  private readonly now: () => number;
  private readonly abort = new AbortController();
  private running?: Promise<SweepResult>;

  constructor(private readonly options: BlobExpirySweeperOptions) {
    this.client = new ContainerClient(options.connectionString, options.container, pipelineOptions(options.retryOptions));
    this.now = options.now ?? Date.now;
  }

  /** One sweep; if one is already running, its result. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Aborts a running sweep and waits for it to stop. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  private async sweepOnce(): Promise<SweepResult> {
    const abortSignal = this.abort.signal;
    const cutoff = this.now() - this.options.ttlMs;
    const result: SweepResult = { scanned: 0, deleted: 0 };
    try {
      for await (const blob of this.client.listBlobsFlat({ abortSignal })) {
        if (abortSignal.aborted) break;
        result.scanned++;
        const modified = blob.properties.lastModified?.getTime();
        if (modified === undefined || modified > cutoff || !isStateBlobName(blob.name)) continue;
        try {
          await this.client.deleteBlob(blob.name, { abortSignal, conditions: { ifMatch: blob.properties.etag } });
          result.deleted++;
        } catch (err) {
          // 404: already gone; 412: written since it was listed, so it is not idle any more.
          const status = (err as { statusCode?: number }).statusCode;
          if (status !== 404 && status !== 412) throw err;
        }
      }
    } catch (err) {
      // No container yet: nothing has been stored, so nothing has expired.
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
    }
    return result;
  }
}
