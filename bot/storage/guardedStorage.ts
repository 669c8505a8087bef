import type { Storage, StoreItems } from 'botbuilder';
import type { Logger } from '../logger';
import {
  classifyStorageError,
  StorageConflictError,
  storageErrorFields,
  StorageUnavailableError,
  unavailableReason,
  type StorageOperation,
} from './errors';

export interface GuardedStorageOptions {
  logger: Logger;
  /** Names the store in logs ("memory", "blob"). */
  kind: string;
  /** An operation not finished after this long fails as unavailable ("timeout"); undefined: no deadline. */
  operationTimeoutMs?: number;
}

/**
 * Puts a storage's failures into the bot's terms: each failure is logged (operation, error kind,
 * how many keys; never keys or contents, which identify parents or hold what they said) and thrown as
 * StorageUnavailableError or StorageConflictError. Anything else (a bug, corrupt data) is logged and
 * rethrown as it is. A slow store is cut off at operationTimeoutMs so a turn never hangs.
 */
export class GuardedStorage implements Storage {
  private failing = false;

  constructor(
    private readonly inner: Storage,
    private readonly options: GuardedStorageOptions,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.guard('read', keys.length, () => this.inner.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.guard('write', Object.keys(changes).length, () => this.inner.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.guard('delete', keys.length, () => this.inner.delete(keys));
  }

  private async guard<T>(operation: StorageOperation, keyCount: number, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const { logger, kind } = this.options;
    try {
      const result = await this.withDeadline(operation, work);
      if (this.failing) {
        this.failing = false;
        logger.info('storage_recovered', { store: kind, operation });
      }
      return result;
    } catch (err) {
      const failure = classifyStorageError(err);
      const fields = { store: kind, operation, keyCount, durationMs: Date.now() - started, ...storageErrorFields(err) };
      if (failure === 'conflict') {
        logger.warn('storage_conflict', fields);
        throw err instanceof StorageConflictError ? err : new StorageConflictError({ cause: err });
      }
      if (failure === 'unavailable') {
        this.failing = true;
        logger.error('storage_unavailable', fields);
        throw err instanceof StorageUnavailableError ? err : new StorageUnavailableError(operation, unavailableReason(err), { cause: err });
      }
      logger.error('storage_failed', fields);
      throw err;
    }
  }

  private withDeadline<T>(operation: StorageOperation, work: () => Promise<T>): Promise<T> {
    const ms = this.options.operationTimeoutMs;
    if (ms === undefined) return work();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StorageUnavailableError(operation, 'timeout')), ms);
      work().then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }
}
