/// <reference lib="webworker" />
/**
 * The vault worker: libsodium, Argon2id, the keys and IndexedDB all live here, off the UI
 * thread. Lock (and quick exit) has it drop its keys and zero libsodium's heap; the page then
 * terminates it, which frees every decrypted object. It never logs: nothing about the case may reach the console.
 */
import '../lib/zod-csp';
import {
  prepareSodium,
  type ReadAhead,
  type Result,
  readAhead,
  type UnlockRefusal,
  Vault,
  type VaultStore,
  verifyVault,
  wipeSodiumHeap,
} from '@casebook/vault';
import { openChunkFileStore, openWithoutChunkFiles } from '@casebook/vault/chunk-files';
import { openIndexedDbStore } from '@casebook/vault/indexeddb';
import { saveProblem } from '../data/save-problem';
import { parseBody } from '../data/schemas';
import { DRAFT_KIND, type DraftView, parseDraftBody } from '../drafts/draft-body';
import { exportBackup, restoreAndOpen } from './backup-ops';
import {
  auditEntries,
  closeStreams,
  exhibits,
  intakeFile,
  type LongCallContext,
  openFile,
  openStream,
} from './evidence-ops';
import { forgetImportFiles, importMessages, proposeImport, readImportFile } from './import-ops';
import { importedCalls, importedCounts, importedMessages } from './imported-views';
import { INCIDENT_ORDER, IncidentPages } from './incident-pages';
import { openOpfsChunkFiles } from './opfs-chunk-files';
import { patternView } from './pattern-ops';
import {
  LONG_METHODS,
  type LongMethod,
  type Method,
  type Outcome,
  type RestoreOutcome,
  type RpcRequest,
  type RpcResponse,
  type SeenMessage,
  type SyncedMessage,
  type UnlockOutcome,
  type VaultApi,
} from './protocol';
import { view } from './record-view';
import { makeBundleFile, makeReportFile, reportPreview } from './report-ops';
import { SyncOps } from './sync-ops';
import { thumbnail } from './thumbnail-ops';
import { wasmSha256 } from './wasm-sha256';

declare const self: DedicatedWorkerGlobalScope;

// The page starts this worker at load and again straight after a lock: libsodium compiles
// while the passphrase is typed, not after Unlock is pressed.
prepareSodium();

/** The IndexedDB database name. Neutral on purpose: it shows in the browser's storage list. */
const DB_NAME = 'notes';

let storePromise: Promise<VaultStore> | undefined;
let vault: Vault | undefined;
/** Set by lock: libsodium's heap is zeroed (and libsodium unusable), so nothing else may run. */
let wiped = false;

function store(): Promise<VaultStore> {
  // A refused open is tried again at the next call (the user was told to close other tabs).
  storePromise ??= openStore().catch((error: unknown) => {
    storePromise = undefined;
    throw error;
  });
  return storePromise;
}

/**
 * Records in IndexedDB; evidence bytes in the Origin Private File System where it can be
 * written. Files of blobs that are not committed (a purge cut short) are removed at once.
 * Without the files, IndexedDB alone only for a casebook that never kept files there.
 */
async function openStore(): Promise<VaultStore> {
  const records = await openIndexedDbStore(DB_NAME);
  const files = await openOpfsChunkFiles();
  if (!files) return openWithoutChunkFiles(records);
  return openChunkFileStore(records, files, { locks: navigator.locks });
}

function requireVault(): Vault {
  if (!vault || vault.isLocked) throw new Error('The casebook is locked.');
  return vault;
}

const syncOps = new SyncOps(
  () => (vault && !vault.isLocked && !wiped ? vault : undefined),
  (received) => self.postMessage({ synced: { received } } satisfies SyncedMessage),
);

/** Methods that write (unlock may too: it logs failed attempts, or upgrades an old casebook). */
const WRITES: ReadonlySet<Method> = new Set<Method>([
  'create',
  'unlock',
  'unlockWithRecoveryCode',
  'changePassphrase',
  'newRecoveryCode',
  'put',
  'remove',
  'restoreBackup',
  'intakeFile',
  'purgeFile',
  'putDraft',
  'removeDraft',
  'makeReportFile',
  'makeBundle',
  'importMessages',
  'syncNow',
  'turnOnSync',
  'openFromOtherDevice',
  'resolveConflict',
]);

/** Writes a person makes: sync follows a few seconds after (if it is on). */
const SYNC_AFTER: ReadonlySet<Method> = new Set<Method>([
  'put',
  'remove',
  'intakeFile',
  'purgeFile',
  'importMessages',
  'changePassphrase',
  'newRecoveryCode',
]);

/** Hands the page a fresh "last seen" token (see SeenMessage); nothing if locked. */
async function postSeen(): Promise<void> {
  if (!vault || vault.isLocked || wiped) return;
  try {
    self.postMessage({ seen: await vault.seenToken() } satisfies SeenMessage);
  } catch {
    // Locked meanwhile: the lock answer carries the token instead.
  }
}

function opened(result: Result<Vault, UnlockRefusal>): UnlockOutcome {
  if (!result.ok) return { ok: false, reason: result.reason, message: result.message };
  vault = result.value;
  ahead = undefined;
  // Sync soon after unlock, when it is on; never while locked.
  syncOps.soon(1500);
  return { ok: true, notices: JSON.parse(JSON.stringify(vault.notices)) };
}

async function* streamOf(blob: Blob): AsyncIterable<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** The snapshot the timeline's pages are read from while unlock streams them in. */
const incidentPages = new IncidentPages();
/** Read from storage before the keys are derived: the timeline's first screen. */
const TIMELINE_KINDS = ['incident'] as const;

/**
 * The timeline's ciphertext, read while the lock screen shows (no key is needed for it), so
 * that once the passphrase is typed Argon2id is the only wait. Unlock uses it only if the
 * casebook has not changed since (unlock-read-ahead.ts). Dropped once unlocked, and by any call
 * but an unlock attempt: nothing else needs it, and a write would make it stale anyway.
 */
let ahead: Promise<ReadAhead> | undefined = store().then((s) => readAhead(s, TIMELINE_KINDS));
ahead.catch(() => undefined);

/** Unlock's options: the read-ahead listing if there is one, else read beside the KDF. */
async function unlockOptions(lastSeen: string | undefined) {
  const early = await ahead?.catch(() => undefined);
  return {
    ...(lastSeen !== undefined && { lastSeen }),
    ...(early ? { readAhead: early } : { prefetch: TIMELINE_KINDS }),
  };
}

/** Long calls under way, by request id, so `cancel` (or lock) can abort them. */
const running = new Map<number, AbortController>();

const long: {
  [M in LongMethod]: (
    ctx: LongCallContext,
    ...args: Parameters<VaultApi[M]>
  ) => ReturnType<VaultApi[M]>;
} = {
  intakeFile: (ctx, file, name, lastModified, request) =>
    intakeFile(requireVault(), file, name, lastModified, request, ctx),
  openFile: (ctx, blobId, mediaType) => openFile(requireVault(), blobId, mediaType, ctx),
  exportBackup: async (ctx) => {
    requireVault();
    return exportBackup(await store(), ctx);
  },
  makeBundle: (ctx, choices, port) => makeBundleFile(requireVault(), choices, port, ctx),
  readImportFile: (ctx, file, name, lastModified, options) =>
    readImportFile(requireVault(), file, name, lastModified, options, ctx),
  importMessages: (ctx, fileIds, choices) => importMessages(requireVault(), fileIds, choices, ctx),
};

const api: Omit<VaultApi, LongMethod> = {
  async status() {
    return {
      exists: await Vault.exists(await store()),
      unlocked: vault !== undefined && !vault.isLocked,
    };
  },
  async create(passphrase) {
    const created = await Vault.create(await store(), passphrase);
    vault = created.vault;
    return { recoveryCode: created.recoveryCode };
  },
  async unlock(passphrase, lastSeen) {
    const options = await unlockOptions(lastSeen);
    return opened(await Vault.unlock(await store(), passphrase, options));
  },
  async unlockWithRecoveryCode(code, lastSeen) {
    const options = await unlockOptions(lastSeen);
    return opened(await Vault.unlockWithRecoveryCode(await store(), code, options));
  },
  async changePassphrase(passphrase, proof): Promise<Outcome> {
    const result = await requireVault().changePassphrase(passphrase, proof);
    return result.ok ? { ok: true } : { ok: false, reason: result.reason, message: result.message };
  },
  async newRecoveryCode(passphrase) {
    const result = await requireVault().newRecoveryCode({ passphrase });
    return result.ok
      ? { ok: true, code: result.value }
      : { ok: false, reason: result.reason, message: result.message };
  },
  async lock() {
    syncOps.stop();
    for (const controller of running.values()) controller.abort();
    closeStreams();
    let seen: string | undefined;
    try {
      if (vault && !vault.isLocked) seen = await vault.seenToken();
    } catch {
      // Nothing to hand over; the last write's token stands.
    }
    // Zeroed once a save under way has finished, and only then is the heap wiped.
    await vault?.lock();
    vault = undefined;
    wiped = true;
    // libsodium frees key copies without zeroing them; the page terminates this worker next.
    const wipedBytes = await wipeSodiumHeap();
    return seen === undefined ? { wipedBytes } : { wipedBytes, seen };
  },
  async list(kind) {
    return (await requireVault().list(kind)).map(view);
  },
  async incidentPage(offset, count) {
    const v = requireVault();
    return incidentPages.page(
      {
        list: () => v.list('incident'),
        first: (n) => v.firstInOrder('incident', INCIDENT_ORDER, n),
        keepHint: () => v.keepSortHint('incident', INCIDENT_ORDER),
      },
      offset,
      count,
    );
  },
  async pattern(now, zone) {
    return patternView(await requireVault().list('incident'), now, zone);
  },
  async history(kind, id) {
    return (await requireVault().history(kind, id)).map(view);
  },
  async put(kind, id, body) {
    // Zod at the boundary: nothing that fails the core schema is ever written.
    // A JSON round trip drops properties set to undefined (structured clone keeps them).
    const parsed = parseBody(kind, JSON.parse(JSON.stringify(body)));
    if (!parsed.ok) throw new Error(saveProblem(kind, parsed.message));
    return view(await requireVault().put(kind, id, parsed.value));
  },
  async remove(kind, id, reason) {
    return view(await requireVault().remove(kind, id, reason));
  },
  async verify() {
    const hasher = await wasmSha256();
    const report = await verifyVault(requireVault(), hasher ? { hasher } : {});
    const { checkpoint, notes } = report;
    return {
      ok: report.ok,
      problems: report.problems.map((p) => ({
        where: p.where,
        message: p.message,
        ...(p.kind !== undefined && { kind: p.kind }),
        ...(p.id !== undefined && { id: p.id }),
      })),
      ...(checkpoint && {
        checkpoint: {
          seq: checkpoint.seq,
          time: checkpoint.time,
          fingerprint: checkpoint.fingerprint,
        },
      }),
      ...(notes && notes.length > 0 && { notes: [...notes] }),
    };
  },
  async checkpoint() {
    const checkpoint = await requireVault().checkpoint();
    return (
      checkpoint && {
        seq: checkpoint.seq,
        time: checkpoint.time,
        fingerprint: checkpoint.fingerprint,
      }
    );
  },
  async unreadable() {
    return requireVault()
      .unreadable()
      .map((r) => ({ kind: r.kind, id: r.id, rev: r.rev }));
  },
  async restoreBackup(file, passphrase): Promise<RestoreOutcome> {
    const target = await store();
    if (await Vault.exists(target)) {
      return {
        ok: false,
        reason: 'not-empty',
        message:
          'There is already a casebook in this browser. A backup can only be restored into an empty one.',
      };
    }
    // The whole backup is verified as it streams in; nothing is written unless all of it checks.
    // A restored casebook starts its own "last seen": a token from before would not apply, and
    // the lock screen's read-ahead was of the empty store.
    ahead = undefined;
    const restored = await restoreAndOpen(streamOf(file), target, passphrase, {
      prefetch: TIMELINE_KINDS,
    });
    if (!restored.ok) return restored;
    const unlocked = opened(restored.opened);
    return unlocked.ok ? { ok: true } : unlocked;
  },
  async listDrafts() {
    const out: DraftView[] = [];
    for (const r of await requireVault().list(DRAFT_KIND)) {
      if (r.deleted) continue;
      const parsed = parseDraftBody(r.body);
      if (parsed.ok) out.push({ slot: r.id, at: r.at, body: parsed.value });
    }
    return out;
  },
  async putDraft(slot, body) {
    const parsed = parseDraftBody(JSON.parse(JSON.stringify(body)));
    if (!parsed.ok) throw new Error(parsed.message);
    const saved = await requireVault().put(DRAFT_KIND, slot, parsed.value);
    return { slot, at: saved.at, body: parsed.value };
  },
  async removeDraft(slot) {
    const current = await requireVault().get(DRAFT_KIND, slot);
    if (current && !current.deleted) {
      await requireVault().remove(DRAFT_KIND, slot, 'The form was saved or discarded.');
    }
  },
  async cancel(requestId) {
    running.get(requestId)?.abort();
  },
  async exhibits() {
    return exhibits(requireVault());
  },
  async auditLog() {
    return auditEntries(requireVault());
  },
  async openStream(blobId, port) {
    return openStream(requireVault, blobId, port);
  },
  async reportPreview(choices) {
    return reportPreview(requireVault(), choices);
  },
  async makeReportFile(what, choices) {
    return makeReportFile(requireVault(), what, choices);
  },
  async purgeFile(blobId, reason) {
    await requireVault().purgeFile(blobId, reason);
  },
  async thumbnail(blobId, mediaType) {
    return thumbnail(requireVault(), blobId, mediaType);
  },
  async forgetImportFiles(fileIds) {
    forgetImportFiles(fileIds);
  },
  async proposeImport(fileIds, choices) {
    return proposeImport(requireVault(), fileIds, choices);
  },
  async importedMessages(query) {
    return importedMessages(requireVault(), query);
  },
  async importedCalls() {
    return importedCalls(requireVault());
  },
  async importedCounts() {
    return importedCounts(requireVault());
  },
  async syncStatus() {
    return syncOps.status();
  },
  async turnOnSync(server, invite) {
    return syncOps.turnOn(server, invite);
  },
  async syncNow() {
    return syncOps.syncNow();
  },
  async linkCode() {
    return syncOps.linkCode();
  },
  async syncDevices() {
    return syncOps.devices();
  },
  async removeDevice(device, passphrase) {
    return syncOps.removeDevice(device, passphrase);
  },
  async unlinkThisDevice() {
    return syncOps.unlink();
  },
  async openFromOtherDevice(server, code, passphrase) {
    const target = await store();
    if (await Vault.exists(target)) {
      return {
        ok: false,
        reason: 'not-empty',
        message:
          'There is already a casebook in this browser, so another one cannot be opened here.',
      };
    }
    return syncOps.openFromOtherDevice(target, server, code, passphrase, async (passphrase) => {
      const unlocked = opened(await Vault.unlock(target, passphrase));
      return unlocked.ok ? { ok: true } : unlocked;
    });
  },
  async conflicts() {
    return syncOps.conflicts();
  },
  async resolveConflict(kind, id, rev, device) {
    return syncOps.resolve(kind, id, rev, device);
  },
};

function isLong(method: Method): method is LongMethod {
  return (LONG_METHODS as readonly string[]).includes(method);
}

async function dispatch(id: number, method: Method, args: readonly unknown[]): Promise<unknown> {
  if (wiped) throw new Error('The casebook was locked.');
  if (method !== 'status' && method !== 'unlock' && method !== 'unlockWithRecoveryCode') {
    ahead = undefined;
  }
  if (!isLong(method)) {
    const fn = api[method] as (...a: readonly unknown[]) => Promise<unknown>;
    return fn(...args);
  }
  const controller = new AbortController();
  running.set(id, controller);
  const ctx: LongCallContext = {
    signal: controller.signal,
    progress: (progress) => self.postMessage({ id, progress }),
  };
  try {
    const fn = long[method] as (c: LongCallContext, ...a: readonly unknown[]) => Promise<unknown>;
    return await fn(ctx, ...args);
  } finally {
    running.delete(id);
  }
}

self.onmessage = async (event: MessageEvent<RpcRequest>) => {
  const { id, method, args } = event.data;
  let response: RpcResponse;
  try {
    const value = await dispatch(id, method, args);
    // The token goes first, so the page has it before it sees the write succeed.
    if (WRITES.has(method)) await postSeen();
    if (SYNC_AFTER.has(method)) syncOps.soon();
    response = { id, ok: true, value };
  } catch (error) {
    response = {
      id,
      ok: false,
      error: error instanceof Error ? error.message : 'Something went wrong.',
    };
  }
  self.postMessage(response);
};
