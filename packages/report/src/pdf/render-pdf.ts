import pdfMake from 'pdfmake/build/pdfmake.js';
import type { CaseSnapshot } from '../snapshot-types';
import { readCoverage } from './cmap';
import { buildDocDefinition } from './doc-definition';
import { checkImage } from './image-data';
import { EMOJI_FONT, InlineWriter } from './inline';
import { MAIN_FONT, type SectionContext } from './layout';

/** The font files, as bytes, so the renderer works the same in a Web Worker and in Node. */
export interface PdfFonts {
  /** DejaVuSans.ttf */
  readonly regular: Uint8Array;
  /** DejaVuSans-Bold.ttf */
  readonly bold: Uint8Array;
  /** DejaVuSans-Oblique.ttf */
  readonly italic: Uint8Array;
  /** NotoEmoji (monochrome) TTF: the fallback for glyphs DejaVu lacks. */
  readonly emoji: Uint8Array;
}

export interface RenderPdfOptions {
  readonly fonts: PdfFonts;
  /** Original bytes of the images chosen for the appendix, by evidence id (JPEG or PNG). */
  readonly images?: ReadonlyMap<string, Uint8Array>;
}

// Never fetch or read anything: every byte the PDF needs is passed in.
pdfMake.setUrlAccessPolicy(() => false);
pdfMake.setLocalAccessPolicy?.(() => false);

let renders = 0;
const coverage = new WeakMap<Uint8Array, ReturnType<typeof readCoverage>>();
function coverageOf(font: Uint8Array) {
  let c = coverage.get(font);
  if (c === undefined) {
    c = readCoverage(font);
    coverage.set(font, c);
  }
  return c;
}

/**
 * Checks the chosen images and puts each in pdfmake's file system as an ArrayBuffer, which its
 * image reader copies as it is (a data URL would cost a base64 round trip of every photo).
 */
function placeImages(
  snapshot: CaseSnapshot,
  images: ReadonlyMap<string, Uint8Array>,
  prefix: string,
  files: string[],
): SectionContext['images'] {
  const out = new Map<
    string,
    { file: string; width: number; height: number } | { reason: string }
  >();
  for (const e of snapshot.exhibits) {
    const bytes = images.get(e.id);
    if (bytes === undefined) continue;
    // The original bytes carry the file's metadata: where its location was redacted, showing
    // the photo would hand the location over anyway.
    if (e.gps !== undefined && typeof e.gps !== 'string') {
      out.set(e.id, { reason: 'its file holds a location, which is redacted in this copy' });
      continue;
    }
    const check = checkImage(bytes);
    if (!check.ok) {
      out.set(e.id, { reason: check.reason });
      continue;
    }
    const file = `${prefix}image-${files.length}`;
    const whole =
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength;
    pdfMake.virtualfs.writeFileSync(file, whole ? bytes.buffer : bytes.slice().buffer);
    files.push(file);
    out.set(e.id, { file, width: check.width, height: check.height });
  }
  return out;
}

/**
 * The report as an A4 PDF: fonts embedded and subset, images embedded unchanged, nothing
 * fetched. Only exhibits in the snapshot are shown, and only those whose bytes are passed.
 */
export async function renderPdf(
  snapshot: CaseSnapshot,
  options: RenderPdfOptions,
): Promise<Uint8Array> {
  const { fonts } = options;
  const writer = new InlineWriter(coverageOf(fonts.regular), coverageOf(fonts.emoji));
  // pdfmake's file system is shared by the module: unique names per render, removed after.
  const prefix = `casebook-${++renders}-`;
  const names = {
    regular: `${prefix}regular.ttf`,
    bold: `${prefix}bold.ttf`,
    italic: `${prefix}italic.ttf`,
    emoji: `${prefix}emoji.ttf`,
  };
  const vfs = pdfMake.virtualfs;
  const files: string[] = [];
  vfs.writeFileSync(names.regular, fonts.regular);
  vfs.writeFileSync(names.bold, fonts.bold);
  vfs.writeFileSync(names.italic, fonts.italic);
  vfs.writeFileSync(names.emoji, fonts.emoji);
  try {
    const placed = placeImages(snapshot, options.images ?? new Map(), prefix, files);
    const doc = buildDocDefinition(snapshot, writer, placed);
    pdfMake.setFonts({
      [MAIN_FONT]: {
        normal: names.regular,
        bold: names.bold,
        italics: names.italic,
        bolditalics: names.bold,
      },
      [EMOJI_FONT]: {
        normal: names.emoji,
        bold: names.emoji,
        italics: names.emoji,
        bolditalics: names.emoji,
      },
    });
    const bytes = await pdfMake.createPdf(doc).getBuffer();
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    for (const name of [...Object.values(names), ...files]) delete vfs.storage[name];
  }
}
