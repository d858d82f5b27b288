/**
 * Typed failures of a `VaultStore`. Messages are plain and calm: the UI may show them as they are,
 * and they never contain stored values (ids and kinds stay out of messages too).
 */

/** Which part of the store a conflicting write touched. */
export type ConflictStore = 'envelopes' | 'log' | 'sides' | 'chunks' | 'blobs';

/**
 * A write that would overwrite or contradict what is stored (an existing (kind, id, rev) or log
 * seq, a committed blob, a blob whose chunks are missing). Nothing of the operation was written.
 */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
  readonly store: ConflictStore;

  constructor(store: ConflictStore, message: string, options?: ErrorOptions) {
    super(message, options);
    this.store = store;
  }
}

/** The device refused to store more (IndexedDB `QuotaExceededError`). Nothing was written. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';

  constructor(options?: ErrorOptions) {
    super(
      'This device is out of storage space. Nothing new was saved. Free some space, then try again.',
      options,
    );
  }
}

/** Why a store cannot be used right now. */
export type UnavailableReason =
  | 'closed'
  | 'blocked'
  | 'version-change'
  | 'newer-version'
  | 'unsupported'
  | 'files-unavailable';

const unavailableMessages = {
  closed: 'The casebook is closed. Open it again to continue.',
  blocked:
    'Casebook is open in another tab or window that has to close first. Close it, then try again.',
  'version-change': 'Casebook was updated in another tab or window. Reload this page to continue.',
  'newer-version':
    'This casebook was saved by a newer version of Casebook. Reload this page to get it, then try again.',
  unsupported:
    'This browser cannot store a casebook (storage is switched off, perhaps by private browsing).',
  'files-unavailable':
    "This casebook's files are kept in a part of the browser that could not be opened: close other tabs and try again; nothing has been lost.",
} as const satisfies Record<UnavailableReason, string>;

/** The store is closed, or another tab or a newer app version holds the database. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly reason: UnavailableReason;

  constructor(reason: UnavailableReason, options?: ErrorOptions) {
    super(unavailableMessages[reason], options);
    this.reason = reason;
  }
}
