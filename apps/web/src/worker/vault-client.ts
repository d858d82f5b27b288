import type {
  LongMethod,
  Method,
  ProgressInfo,
  RpcRequest,
  VaultApi,
  WorkerMessage,
} from './protocol';

/** Thrown to pending calls when the worker is terminated (lock, quick exit) or dies. */
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

/**
 * A small hand-written RPC client for the vault worker: request ids, one promise each.
 * `terminate()` kills the worker, which frees every key and decrypted object it held.
 */
export class VaultClient {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./vault.worker.ts', import.meta.url), {
      type: 'module',
      name: 'vault',
    });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const response = event.data;
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

  /** Kills the worker at once; every pending call fails with VaultClosedError. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#failAll(new VaultClosedError());
  }
}
