/**
 * This browser's sync settings, kept in IndexedDB beside the vault (a database of its own, so
 * the vault's schema is untouched): the server, the server key pinned when this device
 * enrolled or linked, the casebook's space, and how far the last sync got. Nothing secret:
 * every key stays in the vault. Versioned and checked with zod on every read; a record that
 * does not check is treated as no settings (the person turns sync on again).
 */
import { sync } from '@casebook/vault';
import { z } from 'zod';

/** Neutral, as the vault's own `notes`: it shows in the browser's storage list. */
const DB_NAME = 'notes-settings';
const STORE = 'settings';
const KEY = 'sync';

export const SyncStateSchema = z
  .object({
    v: z.literal(1),
    server: z.string().regex(/^https?:\/\/[^/]+$/),
    serverKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    space: z.string().min(1).max(100),
    /** This device's key id on the server. */
    device: z.string().min(1).max(100),
    /** The casebook and vault device this state belongs to: another casebook ignores it. */
    caseId: z.string().min(1),
    vaultDevice: z.string().min(1),
    /** Where the last pull left off (the shared round's cursor), when it is known. */
    cursor: sync.SyncCursorSchema.optional(),
    last: z
      .object({
        at: z.string(),
        ok: z.boolean(),
        message: z.string().max(2000).optional(),
      })
      .strict()
      .optional(),
    confirmed: z
      .object({ seq: z.number().int().nonnegative(), head: z.string(), serverTime: z.string() })
      .strict()
      .optional(),
    /** The server's checkpoint of this device's chain is ahead of this copy (server-history). */
    serverAhead: z.boolean().optional(),
  })
  .strict();
export type SyncState = z.infer<typeof SyncStateSchema>;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) {
        request.result.createObjectStore(STORE);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('Settings could not be opened.'));
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode, { durability: 'strict' });
      const request = act(tx.objectStore(STORE));
      let value: T;
      request.onsuccess = () => {
        value = request.result;
      };
      tx.oncomplete = () => resolve(value);
      tx.onerror = () => reject(tx.error ?? new Error('Settings could not be saved.'));
      tx.onabort = () => reject(tx.error ?? new Error('Settings could not be saved.'));
    });
  } finally {
    db.close();
  }
}

export async function readSyncState(): Promise<SyncState | undefined> {
  const raw = await run('readonly', (store) => store.get(KEY));
  const parsed = SyncStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export async function writeSyncState(state: SyncState): Promise<void> {
  const checked = SyncStateSchema.parse(state);
  await run('readwrite', (store) => store.put(checked, KEY));
}

export async function clearSyncState(): Promise<void> {
  await run('readwrite', (store) => store.delete(KEY));
}
