import { KDF_FLOOR } from '../kdf';
import { createMemoryStore, type MemoryStoreOptions } from '../store/memory-store';
import type { VaultStore } from '../types';
import { type Clock, Vault, type VaultOptions } from '../vault';

export const PASSPHRASE = 'correct horse battery staple';

/** A clock that moves one minute per reading, so every entry has its own time. */
export function steppingClock(start = Date.UTC(2026, 2, 3, 14, 2)): Clock {
  let t = start;
  return {
    now: () => {
      const d = new Date(t);
      t += 60_000;
      return d;
    },
  };
}

/** Vault options for tests: the KDF floor (fast) and a stepping clock. */
export function testOptions(): VaultOptions {
  return { kdf: KDF_FLOOR, clock: steppingClock() };
}

export async function newTestVault(
  storeOptions: MemoryStoreOptions = {},
): Promise<{ vault: Vault; store: VaultStore; recoveryCode: string }> {
  const store = createMemoryStore(storeOptions);
  const { vault, recoveryCode } = await Vault.create(store, PASSPHRASE, testOptions());
  return { vault, store, recoveryCode };
}

export async function* bytesOf(...pieces: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of pieces) yield p;
}

export async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of source) parts.push(p);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Deterministic pseudo-random bytes (not for keys): xorshift32. */
export function patternBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
