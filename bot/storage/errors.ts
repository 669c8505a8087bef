/**
 * Storage errors the rest of the bot can act on. Their messages never name a key: keys carry
 * conversation and user ids, and error messages end up in logs and in the Emulator's trace.
 */
export type StorageOperation = 'read' | 'write' | 'delete';

/** The state store could not be reached or did not answer in time. State is intact; retry later. */
export class StorageUnavailableError extends Error {
  readonly operation: StorageOperation;
  /** Short machine-readable reason: a network code (ECONNREFUSED), an HTTP status, or "timeout". */
  readonly reason: string;

  constructor(operation: StorageOperation, reason: string, options?: { cause?: unknown }) {
    super(`State storage unavailable during ${operation} (${reason})`, options);
    this.name = 'StorageUnavailableError';
    this.operation = operation;
    this.reason = reason;
  }
}

/** A write lost an optimistic-concurrency race: the state changed since this turn read it. */
export class StorageConflictError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('State storage refused a write: the state changed since it was read (eTag conflict)', options);
    this.name = 'StorageConflictError';
  }
}

export type StorageFailureKind = 'conflict' | 'unavailable' | 'other';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'REQUEST_SEND_ERROR',
  'TIMEOUT',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
}

/** What may be logged of a storage error: its kind, never its message (which can name a blob). */
export function storageErrorFields(err: unknown): { errorName: string; errorCode?: string; statusCode?: number } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  return {
    errorName: typeof e.name === 'string' ? e.name : typeof err,
    errorCode: typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code).slice(0, 60) : undefined,
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined,
  };
}

/**
 * conflict: eTag mismatch (botbuilder's storages throw a plain Error saying so; Azure answers 412).
 * unavailable: the service or the network failed (any Azure RestError, network codes, aborts).
 * other: a bug or corrupt data (a TypeError, unreadable JSON): not something waiting fixes.
 */
export function classifyStorageError(err: unknown): StorageFailureKind {
  if (err instanceof StorageConflictError) return 'conflict';
  if (err instanceof StorageUnavailableError) return 'unavailable';
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.statusCode === 412 || e.code === 'ConditionNotMet' || /etag conflict/i.test(message)) return 'conflict';
  if (e.name === 'RestError' || e.name === 'AbortError') return 'unavailable';
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return 'unavailable';
  if (typeof e.statusCode === 'number' && (e.statusCode >= 500 || e.statusCode === 408 || e.statusCode === 429)) return 'unavailable';
  return 'other';
}

/** A short reason for StorageUnavailableError: a code or status, never free text. */
export function unavailableReason(err: unknown): string {
  const { errorCode, statusCode, errorName } = storageErrorFields(err);
  return errorCode ?? (statusCode !== undefined ? `HTTP ${statusCode}` : errorName);
}

/**
 * Finds a StorageUnavailableError behind wrappers: botbuilder-dialogs wraps errors thrown inside a
 * dialog in DialogContextError (`.error`); others use the standard `.cause`.
 */
/** The storage failure behind an error (botbuilder wraps errors in `error` or `cause`), if one is. */
export function findStorageFailure(err: unknown): StorageUnavailableError | StorageConflictError | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof StorageUnavailableError || current instanceof StorageConflictError) return current;
    const next = current as { error?: unknown; cause?: unknown };
    current = next.error instanceof Error ? next.error : next.cause;
  }
  return undefined;
}

export function findStorageUnavailable(err: unknown): StorageUnavailableError | undefined {
  const failure = findStorageFailure(err);
  return failure instanceof StorageUnavailableError ? failure : undefined;
}
