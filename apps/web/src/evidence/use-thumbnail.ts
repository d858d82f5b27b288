import { useEffect, useState } from 'react';
import { vault } from '../data/vault';
import { objectUrl, onRevokeAll, revokeUrl } from './blob-urls';
import { shownAs } from './shown-as';
import { videoThumbnail } from './video-thumbnail';

export interface Thumbnail {
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/**
 * What a card shows: a thumbnail; `cannot` for a picture this browser cannot draw (HEIC, TIFF,
 * or one too large or damaged to decode), which gets a labelled tile, never a broken image;
 * `none` while there is nothing (not yet made, or not a picture or video).
 */
export type ThumbnailState =
  | { readonly state: 'ready'; readonly thumb: Thumbnail }
  | { readonly state: 'cannot' }
  | { readonly state: 'none' };

const NONE: ThumbnailState = { state: 'none' };
const CANNOT: ThumbnailState = { state: 'cannot' };

/** Picture types Chromium, Firefox and Safari on a phone do not all draw: not decrypted to try. */
const UNDRAWABLE = new Set(['image/heic', 'image/heif', 'image/tiff']);

/**
 * Thumbnails made so far this session, by file. Each is a blob: URL registered in blob-urls, so
 * lock revokes it, and this cache is emptied at the same moment: after unlock nothing from the
 * last session is shown or reachable.
 */
const made = new Map<string, Promise<ThumbnailState>>();
let generation = 0;
onRevokeAll(() => {
  made.clear();
  generation++;
});

// One at a time, so a screen of 200 exhibits never has the worker decrypt 200 photos at once
// (and intake, which shares the worker, keeps going).
let queue: Promise<unknown> = Promise.resolve();

function request(blobId: string, mediaType: string, size: number): Promise<ThumbnailState> {
  const cached = made.get(blobId);
  if (cached) return cached;
  const born = generation;
  const next = queue.then(async (): Promise<ThumbnailState> => {
    if (born !== generation) return NONE;
    if (shownAs(mediaType) === 'video') {
      const thumb = await videoThumbnail(blobId, mediaType, size);
      if (thumb && born !== generation) revokeUrl(thumb.url);
      return thumb && born === generation ? { state: 'ready', thumb } : NONE;
    }
    const outcome = await vault.call('thumbnail', blobId, mediaType);
    // Locked meanwhile: the URL would outlive the session it belongs to.
    if (born !== generation) return NONE;
    if (!outcome.ok) return outcome.reason === 'not-an-image' ? NONE : CANNOT;
    const thumb = { url: objectUrl(outcome.blob), width: outcome.width, height: outcome.height };
    return { state: 'ready', thumb };
  });
  const settled = next.catch(() => NONE);
  queue = settled;
  made.set(blobId, settled);
  return settled;
}

/**
 * Revokes the thumbnails of files no longer shown as live evidence (deleted here, or on another
 * device and synced): a deleted exhibit's picture must not stay reachable until lock.
 */
export function keepThumbnailsOf(liveBlobIds: ReadonlySet<string>): void {
  for (const [blobId, pending] of made) {
    if (liveBlobIds.has(blobId)) continue;
    made.delete(blobId);
    void pending.then((t) => {
      if (t.state === 'ready') revokeUrl(t.thumb.url);
    });
  }
}

/**
 * The thumbnail of an image or video exhibit once `near` (its card is close to the view).
 */
export function useThumbnail(
  item: { blobId: string; mediaType: string; size: number },
  near: boolean,
): ThumbnailState {
  const { blobId, mediaType, size } = item;
  const shown = shownAs(mediaType);
  const cannotAtAll = shown === 'image' && UNDRAWABLE.has(mediaType.toLowerCase());
  const [thumb, setThumb] = useState<ThumbnailState>(NONE);
  useEffect(() => {
    if (!near || cannotAtAll || (shown !== 'image' && shown !== 'video')) return;
    let live = true;
    void request(blobId, mediaType, size).then((t) => {
      if (live) setThumb(t);
    });
    return () => {
      live = false;
    };
  }, [blobId, mediaType, size, near, shown, cannotAtAll]);
  return cannotAtAll ? CANNOT : thumb;
}
