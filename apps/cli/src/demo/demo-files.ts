import { readFile } from 'node:fs/promises';

const IMAGES = new URL('../../../../fixtures/images/', import.meta.url);

/** Real sample photos (see fixtures/images/README.md), used as the demo's evidence files. */
const PHOTOS = ['img_1771.jpg', 'IMG_20180725_163423-tiny.jpg', 'noexif.jpg'] as const;
const SCREENSHOTS = ['png_with_exif_and_gps.png'] as const;

/**
 * The bytes for a demo evidence item of this media type, or undefined when the demo has no
 * honest sample of that kind (video and audio): those drafts are left out rather than faked.
 */
export async function demoFileFor(
  mediaType: string,
  n: number,
  text: string,
): Promise<Uint8Array | undefined> {
  if (mediaType === 'image/jpeg')
    return readFile(new URL(PHOTOS[n % PHOTOS.length] as string, IMAGES));
  if (mediaType === 'image/png')
    return readFile(new URL(SCREENSHOTS[n % SCREENSHOTS.length] as string, IMAGES));
  if (mediaType === 'application/pdf') return minimalPdf(text);
  return undefined;
}

/** A valid one-page PDF showing one line of text (ASCII only), built with exact xref offsets. */
export function minimalPdf(text: string): Uint8Array {
  const safe = text
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/[()\\]/g, ' ')
    .slice(0, 90);
  const content = `BT /F1 12 Tf 56 780 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}
