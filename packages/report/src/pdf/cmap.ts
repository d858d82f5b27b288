/**
 * Which code points a TrueType font has glyphs for, read from its `cmap` table (formats 4 and
 * 12). pdfmake does no per-glyph fallback, so the run splitter asks this before choosing a font.
 */
export interface Coverage {
  has(codePoint: number): boolean;
}

function tableOffset(view: DataView, tag: string): number | undefined {
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const name = String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
    if (name === tag) return view.getUint32(at + 8);
  }
  return undefined;
}

function readFormat4(view: DataView, at: number, bmp: Uint8Array): void {
  const segCount = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  for (let s = 0; s < segCount; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeAt = rangeOffsets + s * 2;
    const rangeOffset = view.getUint16(rangeAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = view.getUint16(rangeAt + rangeOffset + (c - start) * 2);
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) bmp[c] = 1;
    }
  }
}

function readFormat12(view: DataView, at: number, bmp: Uint8Array, astral: Set<number>): void {
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const rec = at + 16 + g * 12;
    const start = view.getUint32(rec);
    const end = view.getUint32(rec + 4);
    const glyph = view.getUint32(rec + 8);
    for (let c = start; c <= end && c <= 0x10ffff; c++) {
      if (glyph + (c - start) === 0) continue;
      if (c < 0x10000) bmp[c] = 1;
      else astral.add(c);
    }
  }
}

/** The font's coverage; throws a TypeError when the bytes are not a TrueType font with a cmap. */
export function readCoverage(font: Uint8Array): Coverage {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = tableOffset(view, 'cmap');
  if (cmap === undefined) throw new TypeError('Not a TrueType font: it has no cmap table.');
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  const subtables = view.getUint16(cmap + 2);
  let best: { at: number; format: number } | undefined;
  for (let i = 0; i < subtables; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const at = cmap + view.getUint32(rec + 4);
    const format = view.getUint16(at);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (best === undefined || (format === 12 && best.format === 4)) best = { at, format };
  }
  if (best === undefined) throw new TypeError('The font has no Unicode cmap (format 4 or 12).');
  if (best.format === 12) readFormat12(view, best.at, bmp, astral);
  else readFormat4(view, best.at, bmp);
  return { has: (cp) => (cp < 0x10000 ? bmp[cp] === 1 : astral.has(cp)) };
}
