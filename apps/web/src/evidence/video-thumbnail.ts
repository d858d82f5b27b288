import { vault } from '../data/vault';
import { objectUrl, revokeUrl } from './blob-urls';
import { openEvidenceStream, STREAM_THRESHOLD } from './evidence-stream';

/** The longest side of a thumbnail in pixels (as the worker's image thumbnails). */
const THUMBNAIL_PX = 160;
/** A video that gives no frame within this long gets the plain tile instead. */
const GIVE_UP_MS = 15_000;

/**
 * A small JPEG of a video exhibit's first moments, made in the page: a worker has no video
 * decoder it can use on a whole file (WebCodecs needs the file taken apart first), so the
 * decrypted video is played muted into a `<video>` that is never attached to the document, one
 * frame is drawn on a canvas, and the video is let go. Small videos come from the worker as a
 * Blob; larger ones through the service worker's range stream, so only the bytes needed for the
 * first frame are decrypted. Both URLs are revoked (or the stream closed) before this returns;
 * the thumbnail's own URL is registered, so lock revokes it.
 */
export async function videoThumbnail(
  blobId: string,
  mediaType: string,
  size: number,
): Promise<{ url: string; width: number; height: number } | null> {
  let source: { url: string; close(): void } | undefined;
  if (size > STREAM_THRESHOLD) {
    const stream = await openEvidenceStream(blobId, mediaType);
    if (!stream) return null; // not worth decrypting a whole large video into memory
    source = stream;
  } else {
    const blob = await vault.call('openFile', blobId, mediaType);
    const url = objectUrl(blob);
    source = { url, close: () => revokeUrl(url) };
  }
  const video = document.createElement('video');
  try {
    video.muted = true;
    video.playsInline = true;
    video.preload = 'auto';
    video.src = source.url;
    if (!(await until(video, 'loadeddata'))) return null;
    // A moment in, past a black first frame, but never beyond a short clip's end.
    const at = Number.isFinite(video.duration) ? Math.min(1, video.duration / 4) : 0;
    if (at > 0) {
      video.currentTime = at;
      if (!(await until(video, 'seeked'))) return null;
    }
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!(w > 0 && h > 0)) return null;
    const scale = Math.min(1, THUMBNAIL_PX / Math.max(w, h));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const jpeg = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', 0.75),
    );
    if (!jpeg) return null;
    return { url: objectUrl(jpeg), width: canvas.width, height: canvas.height };
  } finally {
    video.removeAttribute('src');
    video.load();
    source.close();
  }
}

/** Resolves true on `event`, false on an error or after GIVE_UP_MS. */
function until(video: HTMLVideoElement, event: 'loadeddata' | 'seeked'): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      video.removeEventListener(event, yes);
      video.removeEventListener('error', no);
      resolve(ok);
    };
    const yes = () => done(true);
    const no = () => done(false);
    const timer = setTimeout(no, GIVE_UP_MS);
    video.addEventListener(event, yes);
    video.addEventListener('error', no);
  });
}
