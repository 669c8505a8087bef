import type { Storage } from 'botbuilder';
import type { StorageRetryOptions } from '@azure/storage-blob';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { BoundedMemoryStorage, type MemoryStorageStats } from './storage/boundedMemoryStorage';
import { storageErrorFields } from './storage/errors';
import { GuardedStorage } from './storage/guardedStorage';

export { StorageConflictError, StorageUnavailableError, findStorageUnavailable } from './storage/errors';
export { BoundedMemoryStorage } from './storage/boundedMemoryStorage';
export { GuardedStorage } from './storage/guardedStorage';

export interface StateStore {
  /** What ConversationState and UserState use. Failures arrive as StorageUnavailableError or StorageConflictError. */
  storage: Storage;
  kind: AppConfig['storage']['kind'];
  /** Deletes expired state now (the timer does this by itself); resolves to how many entries or blobs were deleted. */
  sweepExpired(): Promise<number>;
  /** memory only: entry count and approximate bytes held. */
  stats?(): MemoryStorageStats;
  /** Stops timers and any running sweep. */
  close(): Promise<void>;
}

export interface StateStoreOptions {
  /** Milliseconds clock for expiry; injectable for tests. */
  now?: () => number;
  /** How often expired state is deleted; 0: never by timer. Default memory min(ttl/4, 1 min), blob min(ttl/4, 1 h). */
  sweepIntervalMs?: number;
  /** blob: one storage call failing after this long counts as an outage. Default 10 s. */
  operationTimeoutMs?: number;
  /** blob: the Azure SDK's retries. Default FAST_FAIL_RETRY. */
  retryOptions?: StorageRetryOptions;
}

export const DEFAULT_OPERATION_TIMEOUT_MS = 10_000;

/**
 * The conversation and user state store. memory: bounded (2 entries a conversation: its state and
 * its user's) and idle-expiring, lost on restart. blob: Azure Blob Storage, shared by every instance
 * of the bot, with expired blobs deleted by a periodic sweep.
 */
export function createStateStore(config: AppConfig['storage'], logger: Logger, options: StateStoreOptions = {}): StateStore {
  return config.kind === 'blob' ? createBlobStore(config, logger, options) : createMemoryStore(config, logger, options);
}

function createMemoryStore(config: AppConfig['storage'], logger: Logger, options: StateStoreOptions): StateStore {
  const memory = new BoundedMemoryStorage({
    maxEntries: config.maxConversations * 2,
    ttlMs: config.ttlMs,
    now: options.now,
    sweepIntervalMs: options.sweepIntervalMs,
  });
  return {
    kind: 'memory',
    storage: new GuardedStorage(memory, { logger, kind: 'memory' }),
    sweepExpired: async () => memory.sweep(),
    stats: () => memory.stats(),
    close: async () => memory.close(),
  };
}

function createBlobStore(config: AppConfig['storage'], logger: Logger, options: StateStoreOptions): StateStore {
  const connectionString = config.blobConnectionString;
  if (!connectionString) throw new Error('Blob storage needs a connection string (BLOB_CONNECTION_STRING)');
  const container = config.blobContainer;
  // Loaded only here: the Azure SDK adds about 0.1 s to every start-up, and memory storage is the default.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BlobExpirySweeper, BlobStateStorage } = require('./storage/blobStateStorage') as typeof import('./storage/blobStateStorage');
  const blobs = new BlobStateStorage({ connectionString, container, retryOptions: options.retryOptions });
  const sweeper = new BlobExpirySweeper({ connectionString, container, ttlMs: config.ttlMs, now: options.now, retryOptions: options.retryOptions });

  const sweep = async (): Promise<number> => {
    const started = Date.now();
    try {
      const { scanned, deleted } = await sweeper.sweep();
      (deleted > 0 ? logger.info : logger.debug)('storage_sweep', { store: 'blob', scanned, deleted, durationMs: Date.now() - started });
      return deleted;
    } catch (err) {
      logger.warn('storage_sweep_failed', { store: 'blob', durationMs: Date.now() - started, ...storageErrorFields(err) });
      return 0;
    }
  };

  const interval = options.sweepIntervalMs ?? Math.max(1000, Math.min(config.ttlMs / 4, 3_600_000));
  const timers: NodeJS.Timeout[] = [];
  if (interval > 0) {
    // A first sweep soon after start, so instances restarted more often than the interval still sweep.
    timers.push(setTimeout(() => void sweep(), Math.min(interval, 60_000)));
    timers.push(setInterval(() => void sweep(), interval));
    for (const t of timers) t.unref();
  }

  return {
    kind: 'blob',
    storage: new GuardedStorage(blobs, { logger, kind: 'blob', operationTimeoutMs: options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS }),
    sweepExpired: sweep,
    async close() {
      for (const t of timers) clearTimeout(t);
      await sweeper.close();
    },
  };
}
