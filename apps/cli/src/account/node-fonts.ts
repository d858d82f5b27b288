/** The report's fonts, read from the npm packages that ship them (never fetched). */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PdfFonts } from '@casebook/report';

const require = createRequire(import.meta.url);

let loaded: Promise<PdfFonts> | undefined;

export function nodeFonts(): Promise<PdfFonts> {
  loaded ??= (async () => {
    const read = async (spec: string) => new Uint8Array(await readFile(require.resolve(spec)));
    return {
      regular: await read('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
      bold: await read('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
      italic: await read('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
      emoji: await read('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
    };
  })();
  return loaded;
}
