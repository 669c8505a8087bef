import { ConversationState, MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { createLogger, type Logger } from '../../bot/logger';
import { GuardedStorage } from '../../bot/storage/guardedStorage';
import {
  classifyStorageError,
  findStorageUnavailable,
  StorageConflictError,
  StorageUnavailableError,
} from '../../bot/storage/errors';
import { handleTurnError } from '../../bot/adapter';
import { conversationKey, turnFor } from './helpers';

const SECRET_KEY = conversationKey('conv-with-a-private-id');

function captureLogs(): { logger: Logger; lines: string[]; events: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return { logger, lines, events: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function restError(fields: { code?: string; statusCode?: number; message?: string }): Error {
  const err = new Error(fields.message ?? `failed for ${SECRET_KEY}`);
  err.name = 'RestError';
  Object.assign(err, fields);
  return err;
}

/** A storage that fails while `failure` is set. */
class FlakyStorage implements Storage {
  failure?: Error;
  hang = false;
  private readonly inner = new MemoryStorage();
  private async gate() {
    if (this.hang) await new Promise(() => undefined);
    if (this.failure) throw this.failure;
  }
  async read(keys: string[]) {
    await this.gate();
    return this.inner.read(keys);
  }
  async write(changes: StoreItems) {
    await this.gate();
    return this.inner.write(changes);
  }
  async delete(keys: string[]) {
    await this.gate();
    return this.inner.delete(keys);
  }
}

describe('classifyStorageError', () => {
  it.each([
    ['RestError ECONNREFUSED', 'unavailable', restError({ code: 'ECONNREFUSED' })],
    ['RestError 503', 'unavailable', restError({ statusCode: 503 })],
    ['RestError 403 (wrong key)', 'unavailable', restError({ statusCode: 403, code: 'AuthenticationFailed' })],
    ['socket ECONNRESET', 'unavailable', Object.assign(new Error('socket'), { code: 'ECONNRESET' })],
    ['AbortError', 'unavailable', Object.assign(new Error('aborted'), { name: 'AbortError' })],
    ['RestError 412', 'conflict', restError({ statusCode: 412, code: 'ConditionNotMet' })],
    ["botbuilder's eTag conflict", 'conflict', new Error(`Storage: error writing "${SECRET_KEY}" due to eTag conflict.`)],
    ['SyntaxError (corrupt state)', 'other', new SyntaxError('Unexpected token')],
    ['TypeError (a bug)', 'other', new TypeError('x is undefined')],
  ])('%s: %s', (_label, kind, err) => {
    expect(classifyStorageError(err)).toBe(kind);
  });
});

describe('GuardedStorage', () => {
  it('turns an outage into StorageUnavailableError, logs it without keys, and logs the recovery', async () => {
    const flaky = new FlakyStorage();
    const { logger, lines, events } = captureLogs();
    const guarded = new GuardedStorage(flaky, { logger, kind: 'test' });
    flaky.failure = restError({ code: 'ECONNREFUSED' });
    const err = await guarded.read([SECRET_KEY]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect(err).toMatchObject({ operation: 'read', reason: 'ECONNREFUSED' });
    expect((err as Error).message).not.toContain('private-id');
    expect(events()).toEqual([
      expect.objectContaining({ level: 'error', event: 'storage_unavailable', store: 'test', operation: 'read', keyCount: 1, errorName: 'RestError', errorCode: 'ECONNREFUSED' }),
    ]);
    flaky.failure = undefined;
    await guarded.write({ [SECRET_KEY]: { said: 'my nipple is bleeding' } });
    expect(events()[1]).toMatchObject({ event: 'storage_recovered', operation: 'write' });
    for (const line of lines) {
      expect(line).not.toContain('private-id');
      expect(line).not.toContain('bleeding');
    }
  });

  it('turns an eTag conflict into StorageConflictError', async () => {
    const { logger, events } = captureLogs();
    const guarded = new GuardedStorage(new MemoryStorage(), { logger, kind: 'test' });
    await guarded.write({ [SECRET_KEY]: { v: 1 } });
    const stale = await guarded.read([SECRET_KEY]);
    await guarded.write({ [SECRET_KEY]: { ...stale[SECRET_KEY], v: 2 } });
    const err = await guarded.write({ [SECRET_KEY]: { ...stale[SECRET_KEY], v: 3 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageConflictError);
    expect((err as Error).message).not.toContain('private-id');
    expect(events()).toEqual([expect.objectContaining({ level: 'warn', event: 'storage_conflict', operation: 'write' })]);
  });

  it('passes other failures through unchanged, logged', async () => {
    const flaky = new FlakyStorage();
    const { logger, events } = captureLogs();
    const guarded = new GuardedStorage(flaky, { logger, kind: 'test' });
    flaky.failure = new SyntaxError('Unexpected token in JSON');
    await expect(guarded.read(['k'])).rejects.toBe(flaky.failure);
    expect(events()[0]).toMatchObject({ event: 'storage_failed', errorName: 'SyntaxError' });
  });

  it('cuts off an operation that hangs', async () => {
    const flaky = new FlakyStorage();
    flaky.hang = true;
    const { logger } = captureLogs();
    // A fake clock: the deadline is checked exactly, whatever the machine's load.
    jest.useFakeTimers();
    try {
      const guarded = new GuardedStorage(flaky, { logger, kind: 'test', operationTimeoutMs: 5_000 });
      let outcome: unknown = 'pending';
      guarded.read(['k']).then(
        () => (outcome = 'answered'),
        (err: unknown) => (outcome = err),
      );
      await jest.advanceTimersByTimeAsync(4_999);
      expect(outcome).toBe('pending');
      await jest.advanceTimersByTimeAsync(1);
      expect(outcome).toMatchObject({ name: 'StorageUnavailableError', reason: 'timeout' });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('findStorageUnavailable', () => {
  const down = new StorageUnavailableError('read', 'ECONNREFUSED');
  it('finds the error itself, behind a DialogContextError (.error) or a cause', () => {
    expect(findStorageUnavailable(down)).toBe(down);
    expect(findStorageUnavailable(Object.assign(new Error('wrapped'), { error: down }))).toBe(down);
    expect(findStorageUnavailable(new Error('outer', { cause: new Error('middle', { cause: down }) }))).toBe(down);
    expect(findStorageUnavailable(new Error('unrelated'))).toBeUndefined();
    expect(findStorageUnavailable(undefined)).toBeUndefined();
  });
});

describe('handleTurnError', () => {
  async function runError(error: Error) {
    const storage = new MemoryStorage();
    const conversationState = new ConversationState(storage);
    const context = turnFor('conv-1', 'user-1');
    const accessor = conversationState.createProperty('welcomed');
    await accessor.set(context, true);
    await conversationState.saveChanges(context);
    const sent: string[] = [];
    context.onSendActivities(async (_ctx, activities) => {
      for (const a of activities) if (a.type === 'message') sent.push(a.text ?? '');
      return activities.map(() => ({ id: 'x' }));
    });
    const { logger } = captureLogs();
    await handleTurnError(context, error, { conversationState, logger, apology: 'Something broke.', storageApology: 'Store is down.', conflictApology: 'Send it again.' });
    const kept = await storage.read([conversationKey('conv-1')]);
    return { sent, kept: Object.keys(kept).length === 1 };
  }

  it('for an unreachable store: the storage apology, and the state is kept', async () => {
    expect(await runError(new StorageUnavailableError('read', 'ECONNREFUSED'))).toEqual({ sent: ['Store is down.'], kept: true });
  });

  it('for a write that lost a race (eTag conflict): asked to send again, and the state is kept', async () => {
    expect(await runError(new StorageConflictError())).toEqual({ sent: ['Send it again.'], kept: true });
  });

  it('for any other error: the general apology, and the conversation state is reset', async () => {
    const { sent, kept } = await runError(new TypeError('bug'));
    expect(sent).toEqual(['Something broke.']);
    expect(kept).toBe(false);
  });
});
