import type {
  LongMethod,
  Method,
  ProgressInfo,
  RpcRequest,
  VaultApi,
  WorkerMessage,
} from './protocol';

/** Thrown to pending calls when the worker is locked and ended (lock, quick exit) or dies. */
export class VaultClosedError extends Error {
  constructor(message = 'The casebook was locked.') {
    super(message);
    this.name = 'VaultClosedError';
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: ((progress: ProgressInfo) => void) | undefined;
}

/** A long call under way: its request id (for `cancel`) and its result. */
export interface Running<T> {
  readonly id: number;
  readonly result: T;
}

/** How long `lock()` waits for the worker to wipe its keys before ending it regardless. */
export const LOCK_ANSWER_MS = 300;

/**
 * A small hand-written RPC client for the vault worker: request ids, one promise each.
 * `lock()` has the worker zero its keys, then ends it; `terminate()` only ends it.
 */
export class VaultClient {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #onSeen: ((token: string) => void) | undefined;
  readonly #onSynced = new Set<(received: number) => void>();

  /** `onSeen` keeps the worker's "last seen" token (see `SeenMessage`) outside the database. */
  constructor(options: { onSeen?: (token: string) => void } = {}) {
    this.#onSeen = options.onSeen;
  }

  /** Called after each sync that took something in (automatic or asked for); returns a stop. */
  onSynced(listener: (received: number) => void): () => void {
    this.#onSynced.add(listener);
    return () => this.#onSynced.delete(listener);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./vault.worker.ts', import.meta.url), {
      type: 'module',
      name: 'vault',
    });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      if (this.#worker !== worker) return; // a worker being locked answers only `lock`
      const response = event.data;
      if ('seen' in response) {
        this.#onSeen?.(response.seen);
        return;
      }
      if ('synced' in response) {
        for (const listener of this.#onSynced) listener(response.synced.received);
        return;
      }
      const pending = this.#pending.get(response.id);
      if (!pending) return;
      if ('progress' in response) {
        pending.onProgress?.(response.progress);
        return;
      }
      this.#pending.delete(response.id);
      if (response.ok) pending.resolve(response.value);
      else pending.reject(new Error(response.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.#worker !== worker) return;
      this.#failAll(new VaultClosedError('The secure part of the app stopped. Please reload.'));
      this.#worker?.terminate();
      this.#worker = undefined;
    };
    this.#worker = worker;
    return worker;
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  call<M extends Method>(method: M, ...args: Parameters<VaultApi[M]>): ReturnType<VaultApi[M]> {
    return this.#send(method, args, undefined).result;
  }

  /** Starts a long call; progress arrives through `onProgress`; `cancel(id)` aborts it. */
  start<M extends LongMethod>(
    method: M,
    onProgress: (progress: ProgressInfo) => void,
    ...args: Parameters<VaultApi[M]>
  ): Running<ReturnType<VaultApi[M]>> {
    return this.#send(method, args, onProgress);
  }

  /** A long call whose arguments include transferable objects (a MessagePort). */
  startWithTransfer<M extends LongMethod>(
    method: M,
    onProgress: (progress: ProgressInfo) => void,
    transfer: Transferable[],
    ...args: Parameters<VaultApi[M]>
  ): Running<ReturnType<VaultApi[M]>> {
    return this.#send(method, args, onProgress, transfer);
  }

  /** A call whose arguments include transferable objects (a MessagePort). */
  callWithTransfer<M extends Method>(
    method: M,
    transfer: Transferable[],
    ...args: Parameters<VaultApi[M]>
  ): ReturnType<VaultApi[M]> {
    return this.#send(method, args, undefined, transfer).result;
  }

  cancel(id: number): Promise<void> {
    return this.call('cancel', id);
  }

  #send<M extends Method>(
    method: M,
    args: readonly unknown[],
    onProgress: ((progress: ProgressInfo) => void) | undefined,
    transfer: Transferable[] = [],
  ): Running<ReturnType<VaultApi[M]>> {
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    const request: RpcRequest = { id, method, args };
    const promise = new Promise<unknown>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
    });
    worker.postMessage(request, transfer);
    return { id, result: promise as ReturnType<VaultApi[M]> };
  }

  /**
   * Locks: every pending call fails with VaultClosedError at once, and the worker, detached
   * from this client (the next call starts a fresh one), is asked to abort its work, drop its
   * keys and zero libsodium's heap. It is terminated when it answers, or after `answerMs` if
   * it does not (a hung worker still dies). The message is posted before this returns, so a
   * page leaving straight after (Quick exit) has already asked; the promise is for tests.
   */
  lock(answerMs = LOCK_ANSWER_MS): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll(new VaultClosedError());
    if (!worker) return Promise.resolve();
    const id = this.#nextId++;
    return new Promise<void>((resolve) => {
      const end = () => {
        clearTimeout(timer);
        worker.terminate();
        resolve();
      };
      const timer = setTimeout(end, answerMs);
      worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
        const answer = event.data;
        if ('seen' in answer || 'progress' in answer || 'synced' in answer || answer.id !== id) {
          return;
        }
        // The token taken just before the keys went: the freshest this session had.
        const value = answer.ok ? (answer.value as { seen?: unknown }) : undefined;
        if (typeof value?.seen === 'string') this.#onSeen?.(value.seen);
        end();
      };
      worker.onerror = (event) => {
        event.preventDefault();
        end();
      };
      try {
        worker.postMessage({ id, method: 'lock', args: [] } satisfies RpcRequest);
      } catch {
        end();
      }
    });
  }

  /** Kills the worker at once, keys unwiped (use `lock()`); every pending call fails. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#failAll(new VaultClosedError());
  }
}
