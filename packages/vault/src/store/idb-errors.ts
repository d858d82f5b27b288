/** Maps IndexedDB's DOMExceptions to the store's typed errors. */
import type { ConflictStore, UnavailableReason } from './errors';
import { StorageFullError, StoreConflictError, StoreUnavailableError } from './errors';

const conflictMessage = 'Something with the same key is already saved, so nothing was saved.';

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error
    ? String(error.name)
    : undefined;
}

/**
 * The typed error for a failed IndexedDB operation; unknown errors come back unchanged.
 * `closedReason` is set when the connection is no longer usable (closed or taken by an upgrade).
 */
export function mapIdbError(
  error: unknown,
  context: { store?: ConflictStore | undefined; closedReason?: UnavailableReason | undefined } = {},
): unknown {
  if (
    error instanceof StoreConflictError ||
    error instanceof StorageFullError ||
    error instanceof StoreUnavailableError
  ) {
    return error;
  }
  switch (errorName(error)) {
    case 'QuotaExceededError':
      return new StorageFullError({ cause: error });
    case 'ConstraintError':
      return new StoreConflictError(context.store ?? 'envelopes', conflictMessage, {
        cause: error,
      });
    case 'VersionError':
      return new StoreUnavailableError('newer-version', { cause: error });
    case 'InvalidStateError':
    case 'AbortError':
      return context.closedReason === undefined
        ? error
        : new StoreUnavailableError(context.closedReason, { cause: error });
    default:
      return error;
  }
}
