import sodiumModule from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodiumModule;

let ready: Promise<Sodium> | undefined;

/** libsodium, initialised once. In the browser the vault runs in a Worker, so this is off the UI thread. */
export function getSodium(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule);
  return ready;
}

/**
 * Starts compiling libsodium's WebAssembly now, so the unlock that follows starts at the KDF
 * (in the browser this takes a few hundred milliseconds). A failure is left for the first real
 * use to report.
 */
export function prepareSodium(): void {
  getSodium().catch(() => undefined);
}

/**
 * Zeroes libsodium's whole WebAssembly heap. libsodium.js copies every key it is given into
 * that heap and frees it without zeroing, so key bytes outlive `lock()` there. Filling the
 * heap also destroys libsodium's own state: call this only just before the worker or process
 * ends (the vault worker does it on lock, then the page terminates it). Never in a process
 * that will use libsodium again.
 */
export async function wipeSodiumHeap(): Promise<number> {
  const sodium = await getSodium();
  const heap = (sodium as unknown as { libsodium?: { HEAPU8?: Uint8Array } }).libsodium?.HEAPU8;
  if (!heap) return 0;
  heap.fill(0);
  return heap.length;
}
