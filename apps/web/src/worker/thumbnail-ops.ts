/// <reference lib="webworker" />
import type { Vault } from '@casebook/vault';
import { shownAs } from '../evidence/shown-as';
import { openFile } from './evidence-ops';
import type { ThumbnailOutcome } from './protocol';

/** The longest side of a thumbnail in pixels: an 80 px tile on a 2× phone screen. */
export const THUMBNAIL_PX = 160;
/** Larger photos are not decoded for a thumbnail: a tile is not worth that much memory. */
export const THUMBNAIL_MAX_BYTES = 40 * 1024 * 1024;

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
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(original);
  } catch {
    // Bytes the browser cannot decode (a HEIC photo in Chromium, a damaged file).
    return { ok: false, reason: 'unreadable' };
  }
  const scale = Math.min(1, THUMBNAIL_PX / Math.max(bitmap.width, bitmap.height, 1));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) {
    bitmap.close();
    return { ok: false, reason: 'unreadable' };
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.75 });
  return { ok: true, blob, width, height };
}
