import { formatBytes } from './format-bytes';

const MiB = 1024 * 1024;

/** Room the encrypted file needs: its bytes, 16 bytes a chunk, and a margin for IndexedDB. */
export function spaceNeeded(size: number): number {
  return size + Math.ceil(size / MiB) * 64 + 16 * MiB;
}

/**
 * Says, calmly, when a file will not fit in what `navigator.storage.estimate()` reports as free;
 * undefined when it fits or when the browser gives no estimate (the quota error still guards).
 */
export function spaceProblem(
  estimate: { quota?: number | undefined; usage?: number | undefined },
  size: number,
  name: string,
): string | undefined {
  const { quota, usage } = estimate;
  if (quota === undefined || usage === undefined) return undefined;
  const free = Math.max(0, quota - usage);
  if (spaceNeeded(size) <= free) return undefined;
  return `There is not enough room in this browser's storage for "${name}" (${formatBytes(size)}); about ${formatBytes(free)} is free. Nothing was added. Free some space on this device, or add a smaller file.`;
}
