/// <reference lib="webworker" />
/**
 * The vault worker: libsodium, Argon2id, the keys and IndexedDB all live here, off the UI
 * thread. Lock (and quick exit) has it drop its keys and zero libsodium's heap; the page then
 * terminates it, which frees every decrypted object. It never logs: nothing about the case may reach the console.
 */
import '../lib/zod-csp';
import {
  restoreBackup,
  Vault,
  type VaultStore,
  verifyVault,
  wipeSodiumHeap,
} from '@casebook/vault';
import { openIndexedDbStore } from '@casebook/vault/indexeddb';
import { createMemoryStore } from '@casebook/vault/memory';
import { parseBody } from '../data/schemas';
import { exportBackup } from './backup-ops';
import {
  auditEntries,
  closeStreams,
  exhibits,
  intakeFile,
  type LongCallContext,
  openFile,
  openStream,
} from './evidence-ops';
import {
  LONG_METHODS,
  type LongMethod,
  type Method,
  type Outcome,
  type RpcRequest,
  type RpcResponse,
  type VaultApi,
} from './protocol';
import { view } from './record-view';
import { wasmSha256 } from './wasm-sha256';

declare const self: DedicatedWorkerGlobalScope;

/** The IndexedDB database name. Neutral on purpose: it shows in the browser's storage list. */
const DB_NAME = 'notes';

let storePromise: Promise<VaultStore> | undefined;
let vault: Vault | undefined;
/** Set by lock: libsodium's heap is zeroed (and libsodium unusable), so nothing else may run. */
let wiped = false;

function store(): Promise<VaultStore> {
  storePromise ??= openIndexedDbStore(DB_NAME);
  return storePromise;
}

function requireVault(): Vault {
  if (!vault || vault.isLocked) throw new Error('The casebook is locked.');
  return vault;
}

async function* streamOf(blob: Blob): AsyncIterable<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
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
  async unlock(passphrase) {
    const result = await Vault.unlock(await store(), passphrase);
    if (!result.ok) return { ok: false, reason: result.reason, message: result.message };
    vault = result.value;
    return { ok: true };
  },
  async unlockWithRecoveryCode(code) {
    const result = await Vault.unlockWithRecoveryCode(await store(), code);
    if (!result.ok) return { ok: false, reason: result.reason, message: result.message };
    vault = result.value;
    return { ok: true };
  },
  async changePassphrase(passphrase) {
    await requireVault().changePassphrase(passphrase);
  },
  async lock() {
    for (const controller of running.values()) controller.abort();
    closeStreams();
    vault?.lock();
    vault = undefined;
    wiped = true;
    // libsodium frees key copies without zeroing them; the page terminates this worker next.
    return { wipedBytes: await wipeSodiumHeap() };
  },
  async list(kind) {
    return (await requireVault().list(kind)).map(view);
  },
  async history(kind, id) {
    return (await requireVault().history(kind, id)).map(view);
  },
  async put(kind, id, body) {
    // Zod at the boundary: nothing that fails the core schema is ever written.
    // A JSON round trip drops properties set to undefined (structured clone keeps them).
    const parsed = parseBody(kind, JSON.parse(JSON.stringify(body)));
    if (!parsed.ok) throw new Error(parsed.message);
    return view(await requireVault().put(kind, id, parsed.value));
  },
  async remove(kind, id, reason) {
    return view(await requireVault().remove(kind, id, reason));
  },
  async verify() {
    const hasher = await wasmSha256();
    const report = await verifyVault(requireVault(), hasher ? { hasher } : {});
    return {
      ok: report.ok,
      problems: report.problems.map((p) => ({
        where: p.where,
        message: p.message,
        ...(p.kind !== undefined && { kind: p.kind }),
        ...(p.id !== undefined && { id: p.id }),
      })),
    };
  },
  async restoreBackup(file, passphrase): Promise<Outcome> {
    const target = await store();
    if (await Vault.exists(target)) {
      return {
        ok: false,
        reason: 'not-empty',
        message:
          'There is already a casebook in this browser. A backup can only be restored into an empty one.',
      };
    }
    // Before anything is written, check that the passphrase opens the backup's header.
    const checkHeader = async (header: Uint8Array) => {
      const scratch = createMemoryStore();
      await scratch.commit({ envelopes: [], log: [], meta: { header } });
      const opened = await Vault.unlock(scratch, passphrase);
      if (!opened.ok) {
        return {
          ok: false as const,
          reason: opened.reason,
          message:
            opened.reason === 'wrong-passphrase'
              ? 'That passphrase does not open this backup. Nothing was changed. Check it and try again.'
              : opened.message,
        };
      }
      opened.value.lock();
      return { ok: true as const, value: undefined };
    };
    const restored = await restoreBackup(streamOf(file), target, { checkHeader });
    if (!restored.ok) return { ok: false, reason: restored.reason, message: restored.message };
    return api.unlock(passphrase);
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
  async purgeFile(blobId, reason) {
    await requireVault().purgeFile(blobId, reason);
  },
};

function isLong(method: Method): method is LongMethod {
  return (LONG_METHODS as readonly string[]).includes(method);
}

async function dispatch(id: number, method: Method, args: readonly unknown[]): Promise<unknown> {
  if (wiped) throw new Error('The casebook was locked.');
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
    response = { id, ok: true, value: await dispatch(id, method, args) };
  } catch (error) {
    response = {
      id,
      ok: false,
      error: error instanceof Error ? error.message : 'Something went wrong.',
    };
  }
  self.postMessage(response);
};
