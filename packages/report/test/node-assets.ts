import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PdfFonts } from '../src/pdf/render-pdf';

/** Node-only helpers for tests and the bench: the fonts and sample images from disk. */

const require = createRequire(import.meta.url);
const dejavu = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const emojiDir = dirname(require.resolve('@expo-google-fonts/noto-emoji/package.json'));
const bytes = (path: string) => new Uint8Array(readFileSync(path));

export function loadFonts(): PdfFonts {
  return {
    regular: bytes(join(dejavu, 'DejaVuSans.ttf')),
    bold: bytes(join(dejavu, 'DejaVuSans-Bold.ttf')),
    italic: bytes(join(dejavu, 'DejaVuSans-Oblique.ttf')),
    emoji: bytes(join(emojiDir, '400Regular', 'NotoEmoji_400Regular.ttf')),
  };
}

export const FIXTURE_IMAGES = new URL('../../../fixtures/images/', import.meta.url).pathname;

export function loadImage(name: string): { bytes: Uint8Array; sha256: string; size: number } {
  const b = bytes(join(FIXTURE_IMAGES, name));
  return { bytes: b, sha256: createHash('sha256').update(b).digest('hex'), size: b.length };
}
