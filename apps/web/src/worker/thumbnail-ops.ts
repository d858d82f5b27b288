/// <reference lib="webworker" />
import type { Vault } from '@casebook/vault';
import { shownAs } from '../evidence/shown-as';
import { openFile } from './evidence-ops';
import { IMAGE_HEADER_BYTES, imageSize } from './image-size';
import type { ThumbnailOutcome } from './protocol';

/** The longest side of a thumbnail in pixels: an 80 px tile on a 2× phone screen. */
export const THUMBNAIL_PX = 160;
/** Larger photos are not decoded for a thumbnail: a tile is not worth that much memory. */
export const THUMBNAIL_MAX_BYTES = 40 * 1024 * 1024;
/**
 * Nor are images of more pixels than this, read from the header before decoding: a hostile
 * 50,000 × 50,000 PNG is small on disk and 10 GB decoded. 40 megapixels is above any phone's
 * camera.
 */
export const THUMBNAIL_MAX_PIXELS = 40_000_000;

/** Whether a header's size may be decoded: readable, and not over the pixel limit. */
export function decodable(header: Uint8Array): 'ok' | 'too-large' | 'unreadable' {
  const size = imageSize(header);
  if (!size) return 'unreadable';
  return size.width * size.height <= THUMBNAIL_MAX_PIXELS ? 'ok' : 'too-large';
}

/**
 * A small JPEG of an image exhibit for the Evidence list. The original is decrypted here in the
 * worker, decoded and scaled on an OffscreenCanvas, and only the few kilobytes of the thumbnail
 * cross to the page (which shows it from a blob: URL revoked on lock). SVG and anything else
 * `shownAs` will not render are never decoded. The original's bytes are left to the garbage
 * collector with the worker's other decrypted objects (lock ends the worker).
 */
export async function thumbnail(
  vault: Vault,
  blobId: string,
  mediaType: string,
): Promise<ThumbnailOutcome> {
  if (shownAs(mediaType) !== 'image') return { ok: false, reason: 'not-an-image' };
  const controller = new AbortController();
  let tooLarge = false;
  let original: Blob;
  try {
    original = await openFile(vault, blobId, mediaType, {
      signal: controller.signal,
      progress: ({ total }) => {
        if (total > THUMBNAIL_MAX_BYTES && !tooLarge) {
          tooLarge = true;
          controller.abort();
        }
      },
    });
  } catch (error) {
    if (tooLarge) return { ok: false, reason: 'too-large' };
    throw error;
  }
  const header = new Uint8Array(await original.slice(0, IMAGE_HEADER_BYTES).arrayBuffer());
  const verdict = decodable(header);
  if (verdict !== 'ok') return { ok: false, reason: verdict };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(original);
  } catch {
    // Bytes the browser cannot decode (a HEIC photo in Chromium, a damaged file).
    return { ok: false, reason: 'unreadable' };
  }
  let canvas: OffscreenCanvas;
  let width: number;
  let height: number;
  try {
    const scale = Math.min(1, THUMBNAIL_PX / Math.max(bitmap.width, bitmap.height, 1));
    width = Math.max(1, Math.round(bitmap.width * scale));
    height = Math.max(1, Math.round(bitmap.height * scale));
    canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return { ok: false, reason: 'unreadable' };
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
  } finally {
    bitmap.close();
  }
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.75 });
  return { ok: true, blob, width, height };
}
