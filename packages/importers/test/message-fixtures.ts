import { readFileSync } from 'node:fs';

/** Reads a fixture export from packages/importers/test (tests only: uses node:fs). */
export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, import.meta.url)));
}

export function fixtureText(path: string): string {
  return readFileSync(new URL(path, import.meta.url), 'utf8');
}
