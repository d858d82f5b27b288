import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

const MiB = 1024 * 1024;

/** The size in MiB from the command line's first argument, or the default. */
export function sizeArgMiB(defaultMiB: number): number {
  const sizeMiB = Number(process.argv[2] ?? defaultMiB);
  if (!Number.isInteger(sizeMiB) || sizeMiB < 1) {
    throw new Error('size must be a whole number of MiB');
  }
  return sizeMiB;
}

/** Writes `sizeMiB` MiB of random bytes (nothing compresses or dedupes it). */
export function writeRandomFile(path: string, sizeMiB: number): void {
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(MiB);
  try {
    for (let i = 0; i < sizeMiB; i++) writeSync(fd, randomFillSync(block));
  } finally {
    closeSync(fd);
  }
}
