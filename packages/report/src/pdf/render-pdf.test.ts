import { beforeAll, describe, expect, it } from 'vitest';
import { loadFonts, loadImage } from '../../test/node-assets';
import { pdfText, poppler } from '../../test/poppler';
import { redactSnapshot } from '../redaction';
import { buildSnapshot } from '../snapshot';
import type { CaseSnapshot } from '../snapshot-types';
import { demoInput, kitIds, kitInput } from '../test-kit';
import { readCoverage } from './cmap';
import { splitRuns } from './font-runs';
import { renderPdf } from './render-pdf';

const fonts = loadFonts();
const jpeg = loadImage('img_1771.jpg');
const png = loadImage('png_with_exif_and_gps.png');
const heic = loadImage('heic-single.heic');
const squash = (s: string) => s.replace(/\s+/g, '');
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first ?? 0);
    i >= 0 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first ?? 0, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('font runs', () => {
  const main = readCoverage(fonts.regular);
  const emoji = readCoverage(fonts.emoji);
  it('reads coverage from the cmap', () => {
    expect(main.has('Ł'.codePointAt(0) ?? 0)).toBe(true);
    expect(main.has(0x1f52a)).toBe(false); // 🔪
    expect(emoji.has(0x1f52a)).toBe(true);
    expect(emoji.has(0x1f440)).toBe(true); // 👀
  });
  it('puts emoji DejaVu lacks in the emoji font, and keeps the rest whole', () => {
    expect(splitRuns('Łódź – “quoted”', main, emoji)).toEqual([
      { text: 'Łódź – “quoted”', emoji: false },
    ]);
    expect(splitRuns('I see you 👀 🔪!', main, emoji)).toEqual([
      { text: 'I see you ', emoji: false },
      { text: '👀', emoji: true },
      { text: ' ', emoji: false },
      { text: '🔪', emoji: true },
      { text: '!', emoji: false },
    ]);
  });
});

describe('PDF report', () => {
  let police: Uint8Array;
  let snap: CaseSnapshot;
  beforeAll(async () => {
    snap = buildSnapshot(kitInput({ jpeg, png }));
    police = await renderPdf(snap, {
      fonts,
      images: new Map([
        [kitIds.photo, jpeg.bytes],
        [kitIds.png, png.bytes],
        [kitIds.note, heic.bytes],
      ]),
    });
  });

  it('holds every incident number, narrative, booklet column and the how-to-check page', () => {
    const text = pdfText(police);
    for (const inc of snap.incidents) expect(text).toContain(inc.number);
    // A narrow column may break a line after a hyphen: compare without white space.
    for (const tail of [
      'bus stop ending-home-narrative.',
      'ending-school-narrative.',
      'ending-emoji-narrative',
      'ending-clocks-narrative',
    ]) {
      expect(squash(text)).toContain(squash(tail));
    }
    for (const s of [
      'Sun 27 Oct 2024, 01:30 GMT (UTC+0)',
      'happened twice',
      'Edited 2 times, last on Tue 4 Mar 2025, 09:30 GMT (UTC+0); see the audit log.',
      'CAD 0417 03/03/25',
      'Impact on children or others',
      '(g) watching or spying on a person',
      'sha256sum -c MANIFEST.sha256',
      'casebook verify bundle.zip',
      '194-3F2A-9C01-77B0-12DE-5A1C',
      jpeg.sha256,
      'Amber House refuge',
      'Page 1 of',
      'Generated on Sun 20 Apr 2025, 11:00 BST (UTC+1)',
      'Łódź account Zoë',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('embeds and subsets every font, the emoji font among them', () => {
    const lines = poppler('pdffonts', police).trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines)
      expect(line).toMatch(/\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(lines.some((l) => /NotoEmoji/.test(l))).toBe(true);
    const text = poppler('pdftotext', police, ['-enc', 'UTF-8']);
    expect(text).toMatch(/👀/u);
    expect(text).toMatch(/🔪/u);
  });

  it('has a title and a sane number of A4 pages', () => {
    const info = poppler('pdfinfo', police);
    expect(info).toMatch(/Title:\s+Account of incidents, October 2024 to April 2025/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(pages).toBeLessThanOrEqual(16);
    expect(info).toMatch(/595\.\d+ x 841\.\d+ pts \(A4\)/);
    const footers = [...pdfText(police).matchAll(/Page (\d+) of (\d+)/g)];
    expect(footers.map((m) => Number(m[1]))).toEqual(
      Array.from({ length: pages }, (_, i) => i + 1),
    );
    expect(new Set(footers.map((m) => m[2]))).toEqual(new Set([String(pages)]));
  });

  it('embeds the chosen images unchanged and says why one cannot be shown', () => {
    expect(contains(police, jpeg.bytes)).toBe(true);
    const text = pdfText(police);
    expect(text).toContain('Exhibit AB/1');
    expect(text).toContain('Exhibit AB/2');
    expect(text).toMatch(
      /Exhibit EV-0003 .*This image is not shown: only JPEG and PNG images can be shown in the PDF/,
    );
    expect(contains(police, heic.bytes.subarray(0, 4096))).toBe(false);
  });

  it('a disclosure copy says so on its pages and draws the redactions with their reasons', async () => {
    const { snapshot } = redactSnapshot(snap, { profile: 'disclosure' });
    const pdf = await renderPdf(snapshot, { fonts, images: new Map([[kitIds.photo, jpeg.bytes]]) });
    const text = pdfText(pdf);
    // The photo's metadata holds a location: its bytes stay out of a disclosure copy.
    expect(contains(pdf, jpeg.bytes.subarray(0, 2048))).toBe(false);
    expect(text).toContain(
      'This image is not shown: its file holds a location, which is redacted in this copy.',
    );
    expect(text).toContain('Disclosure copy: redacted details are shown as black bars');
    expect(text).toContain('Redacted: new address');
    expect(text).toContain('Redacted: safety plan');
    expect(text).not.toContain('Amber House');
  });

  it('holds every incident of a larger case, across repeated table headers', async () => {
    const input = demoInput(30, 0, { sha256: 'e'.repeat(64), size: 1 });
    const big = buildSnapshot(input);
    const text = pdfText(await renderPdf(big, { fonts }));
    expect(big.incidents).toHaveLength(30);
    for (const inc of big.incidents) {
      expect(text).toContain(inc.number);
      // A row may run on to the next page, so the footer, the repeated header and the other
      // columns can fall between its last words: each word must still be there, in order.
      const words = (inc.whatHappened as string).trim().split(/\s+/).slice(-6);
      // A hyphenated word may also be broken after its hyphen ("sign-" / "in").
      const word = (w: string) => escapeRegExp(w).replaceAll('-', '- ?');
      const inOrder = new RegExp(words.map(word).join('[\\s\\S]{0,600}?'));
      expect(text).toMatch(inOrder);
    }
    expect(text.split('Impact on children or others').length).toBeGreaterThan(3);
  });
});
