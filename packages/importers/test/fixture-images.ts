import { readFileSync } from 'node:fs';

const DIR = new URL('../../../fixtures/images/', import.meta.url);

/** The bytes of a real sample image in `fixtures/images` (see its README). Tests only. */
export function fixtureImage(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, DIR)));
}
