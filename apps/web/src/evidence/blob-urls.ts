import { endAllStreams } from './evidence-stream';

/**
 * Every blob: URL the app makes for a decrypted file. A viewer revokes its own on close;
 * lock and quick exit revoke them all, so no decrypted file stays reachable afterwards.
 */
const live = new Set<string>();

export function objectUrl(blob: Blob): string {
  const url = URL.createObjectURL(blob);
  live.add(url);
  return url;
}

export function revokeUrl(url: string): void {
  URL.revokeObjectURL(url);
  live.delete(url);
}

/** Called after lock revoked every URL, so caches of them (thumbnails) forget them too. */
const forgetters = new Set<() => void>();
export function onRevokeAll(forget: () => void): void {
  forgetters.add(forget);
}

export function revokeAllUrls(): void {
  for (const url of live) URL.revokeObjectURL(url);
  live.clear();
  for (const forget of forgetters) forget();
  // And every range stream, so that none can be re-opened either.
  endAllStreams();
}
